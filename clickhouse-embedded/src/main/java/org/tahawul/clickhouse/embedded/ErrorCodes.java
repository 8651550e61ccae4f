package org.tahawul.clickhouse.embedded;

import java.util.Map;
import java.util.Set;

/**
 * ClickHouse error codes raised by this server itself, and ClickHouse's mapping of error codes to
 * HTTP status (transcribed by name from ClickHouse's src/Server/HTTP/exceptionCodeToHTTPStatus.cpp).
 * The code numbers behind the names are read from the engine at start-up
 * ({@code errorCodeToName}), so the mapping cannot drift from the engine's own numbering.
 */
final class ErrorCodes {

    static final int BAD_ARGUMENTS = 36;
    static final int CHECKSUM_DOESNT_MATCH = 40;
    static final int SYNTAX_ERROR = 62;
    static final int UNKNOWN_FORMAT = 73;
    static final int UNKNOWN_COMPRESSION_METHOD = 89;
    static final int TIMEOUT_EXCEEDED = 159;
    static final int READONLY = 164;
    static final int ABORTED = 236;
    static final int CANNOT_DECOMPRESS = 271;
    static final int AUTHENTICATION_FAILED = 516;
    static final int REQUIRED_PASSWORD = 194;
    static final int UNKNOWN_EXCEPTION = 1002;

    private static final Set<String> UNAUTHORIZED = Set.of("REQUIRED_PASSWORD");
    private static final Set<String> FORBIDDEN = Set.of("UNKNOWN_USER", "WRONG_PASSWORD", "AUTHENTICATION_FAILED",
            "SET_NON_GRANTED_ROLE", "ACCESS_DENIED");
    private static final Set<String> BAD_REQUEST = Set.of("BAD_ARGUMENTS", "CANNOT_COMPILE_REGEXP",
            "CANNOT_PARSE_TEXT", "CANNOT_PARSE_ESCAPE_SEQUENCE", "CANNOT_PARSE_QUOTED_STRING", "CANNOT_PARSE_DATE",
            "CANNOT_PARSE_DATETIME", "CANNOT_PARSE_NUMBER", "CANNOT_PARSE_DOMAIN_VALUE_FROM_STRING",
            "CANNOT_PARSE_IPV4", "CANNOT_PARSE_IPV6", "CANNOT_PARSE_INPUT_ASSERTION_FAILED", "CANNOT_PARSE_UUID",
            "DUPLICATE_COLUMN", "ILLEGAL_COLUMN", "UNKNOWN_ELEMENT_IN_AST", "UNKNOWN_TYPE_OF_AST_NODE",
            "THERE_IS_NO_COLUMN", "TOO_DEEP_AST", "TOO_BIG_AST", "UNEXPECTED_AST_STRUCTURE", "SYNTAX_ERROR",
            "INCORRECT_DATA", "TYPE_MISMATCH", "VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE");
    private static final Set<String> NOT_FOUND = Set.of("UNKNOWN_TABLE", "UNKNOWN_FUNCTION", "UNKNOWN_IDENTIFIER",
            "UNKNOWN_TYPE", "UNKNOWN_STORAGE", "UNKNOWN_DATABASE", "UNKNOWN_SETTING",
            "UNKNOWN_DIRECTION_OF_SORTING", "UNKNOWN_AGGREGATE_FUNCTION", "UNKNOWN_FORMAT",
            "UNKNOWN_DATABASE_ENGINE", "UNKNOWN_TYPE_OF_QUERY", "UNKNOWN_ROLE");
    private static final Map<String, Integer> OTHER = Map.of(
            "QUERY_IS_TOO_LARGE", 413,
            "NOT_IMPLEMENTED", 501,
            "SOCKET_TIMEOUT", 503,
            "CANNOT_OPEN_FILE", 503,
            "HTTP_LENGTH_REQUIRED", 411,
            "TIMEOUT_EXCEEDED", 408,
            "CANNOT_SCHEDULE_TASK", 503,
            "UNSUPPORTED_MEDIA_TYPE", 415);

    private ErrorCodes() {
    }

    /** HTTP status for an error of the given ClickHouse name (as {@code errorCodeToName} spells it). */
    static int httpStatus(String name) {
        if (UNAUTHORIZED.contains(name)) {
            return 401;
        }
        if (FORBIDDEN.contains(name)) {
            return 403;
        }
        if (BAD_REQUEST.contains(name)) {
            return 400;
        }
        if (NOT_FOUND.contains(name)) {
            return 404;
        }
        return OTHER.getOrDefault(name, 500);
    }
}
