package org.tahawul.datasets.reference;

/**
 * A reference file that breaks the contract of DESIGN §4. The message names the file, the line
 * (1 is the header row) and what is wrong.
 */
public final class ReferenceDataException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final long line;
    private final String reason;

    public ReferenceDataException(String file, long line, String reason) {
        this(file, line, reason, null);
    }

    public ReferenceDataException(String file, long line, String reason, Throwable cause) {
        super(file + (line > 0 ? " line " + line : "") + ": " + reason, cause);
        this.file = file;
        this.line = line;
        this.reason = reason;
    }

    /** The file as it was given (a path or a classpath resource name). */
    public String file() {
        return file;
    }

    /** The 1-based line number where the problem starts; 0 when the problem is the whole file. */
    public long line() {
        return line;
    }

    /** What is wrong, without the file and line. */
    public String reason() {
        return reason;
    }
}
