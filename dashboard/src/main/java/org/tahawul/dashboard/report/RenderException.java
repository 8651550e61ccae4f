package org.tahawul.dashboard.report;

/**
 * A report could not be rendered. The message says what went wrong and what to do; {@code retryable}
 * says whether another attempt may succeed (a timeout, a crash, the warehouse away) or not (no data
 * for the period, no browser installed, an unknown agency).
 */
public class RenderException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean retryable;

    RenderException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    RenderException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
