package org.tahawul.dashboard.system;

/** A request parameter that does not make sense: 400 with this message. */
public class BadRequestException extends RuntimeException {

    public BadRequestException(String message) {
        super(message);
    }
}
