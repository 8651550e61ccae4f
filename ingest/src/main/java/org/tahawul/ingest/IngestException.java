package org.tahawul.ingest;

/** A run that cannot go on, with a message that says what was wrong, where, and what to do. */
public final class IngestException extends RuntimeException {

    public IngestException(String message) {
        super(message);
    }

    public IngestException(String message, Throwable cause) {
        super(message, cause);
    }
}
