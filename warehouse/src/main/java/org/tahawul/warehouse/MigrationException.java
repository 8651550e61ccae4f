package org.tahawul.warehouse;

/** The schema cannot be brought to the current version; the message says why and what to do. */
public final class MigrationException extends RuntimeException {

    public MigrationException(String message) {
        super(message);
    }

    public MigrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
