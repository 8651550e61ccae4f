package org.tahawul.dashboard.system;

/** An agency, service or other code the reference data does not know: 404 with this message. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
