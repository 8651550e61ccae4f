package org.tahawul.clickhouse.embedded;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An error reported by the ClickHouse engine (or raised by this server in ClickHouse's terms). */
final class EngineException extends Exception {

    private static final Pattern CODE = Pattern.compile("Code: (\\d+)\\.");

    private final int code;

    EngineException(int code, String message) {
        super(message);
        this.code = code;
    }

    /** Wraps an engine message such as {@code Code: 62. DB::Exception: Syntax error ...}. */
    static EngineException fromEngine(String message) {
        Matcher matcher = CODE.matcher(message);
        int code = matcher.find() ? Integer.parseInt(matcher.group(1)) : ErrorCodes.UNKNOWN_EXCEPTION;
        String text = message.startsWith("Code: ") ? message : "Code: " + code + ". DB::Exception: " + message;
        return new EngineException(code, text.strip());
    }

    /** An error of this server, worded the way ClickHouse words its own. */
    static EngineException of(int code, String name, String message) {
        return new EngineException(code, "Code: " + code + ". DB::Exception: " + message + ". (" + name + ")");
    }

    int code() {
        return code;
    }

    /** Carries an engine-style error through code that may only throw {@link IOException}. */
    static final class Carrier extends IOException {
        private final EngineException error;

        Carrier(EngineException error) {
            super(error.getMessage(), error);
            this.error = error;
        }

        EngineException error() {
            return error;
        }
    }
}
