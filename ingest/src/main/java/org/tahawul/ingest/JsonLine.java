package org.tahawul.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import org.tahawul.datasets.contract.RejectReason;

import java.io.IOException;
import java.io.StringWriter;

/**
 * Reads the contract's fields out of one JSON Lines line with Jackson's streaming parser, exactly as
 * Spark's {@code from_json} with an all-text schema read them before: a string value as its text; a
 * number, boolean, object or array as Jackson writes it back ({@code -0} is {@code 0}, {@code 1e3} is
 * {@code 1000.0}); {@code null} as absent; unknown keys skipped; the last of repeated keys kept; Spark's
 * JSON options (single quotes, NaN and Infinity accepted); whatever follows the first object ignored. A
 * line that is not an object is {@code NOT_AN_OBJECT} when it is strict JSON (as {@code try_parse_json}
 * decides), else {@code MALFORMED_LINE}. The usual line, flat and plain, is read without a parser
 * ({@link #readPlain}).
 */
final class JsonLine {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();
    private static final JsonFactory STRICT = new JsonFactory();

    static final String NOT_JSON = "not valid JSON";
    static final String NOT_OBJECT = "valid JSON but not an object (one JSON object per line is expected)";

    private JsonLine() {
    }

    /**
     * Fills {@code fields} ({@link IngestTransforms#FIELDS} order; untrimmed text, null when absent) from
     * {@code line}; returns null for an object, else {@link RejectReason#MALFORMED_LINE} or
     * {@link RejectReason#NOT_AN_OBJECT} (the fields are then all null).
     */
    static RejectReason read(String line, String[] fields) {
        java.util.Arrays.fill(fields, null);
        return readPlain(line, fields) ? null : readWithJackson(line, fields);
    }

    /** {@link #read} by Jackson alone, for any line. */
    static RejectReason readWithJackson(String line, String[] fields) {
        java.util.Arrays.fill(fields, null);
        try (JsonParser p = FACTORY.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return strictJson(line) ? RejectReason.NOT_AN_OBJECT : RejectReason.MALFORMED_LINE;
            }
            for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                int index = index(p.currentName());
                JsonToken value = p.nextToken();
                if (index < 0) {
                    p.skipChildren();
                } else {
                    fields[index] = text(p, value);
                }
            }
            return null;
        } catch (IOException | RuntimeException e) {
            java.util.Arrays.fill(fields, null);
            return RejectReason.MALFORMED_LINE;
        }
    }

    /** The longest string read without the parser; a longer one sends the line to Jackson (and its limits). */
    private static final int PLAIN_STRING_LIMIT = 4096;

    /**
     * Reads the usual line without a parser: a flat object of names and values that are strings without escapes
     * or control characters, or integers of at most 18 digits, separated by JSON whitespace. For such a line the
     * fields come out exactly as Jackson gives them (JsonLineTest compares the two on many varied and broken lines).
     * Returns false, the fields perhaps half-filled, for anything else (an escape, a float, true, false, null, a
     * nested value, single quotes, a syntax error...): Jackson then reads the line. A parser per line cost a
     * quarter of the pass's CPU (creating it, copying the line, looking up each name).
     */
    static boolean readPlain(String line, String[] fields) {
        int n = line.length();
        int i = skipWhitespace(line, 0, n);
        if (i >= n || line.charAt(i) != '{') {
            return false;
        }
        i = skipWhitespace(line, i + 1, n);
        if (i < n && line.charAt(i) == '}') {
            return true;
        }
        int expected = 0;
        while (true) {
            if (i >= n || line.charAt(i) != '"') {
                return false;
            }
            int nameEnd = plainStringEnd(line, i + 1, n);
            if (nameEnd < 0) {
                return false;
            }
            int index = index(line, i + 1, nameEnd, expected);
            i = skipWhitespace(line, nameEnd + 1, n);
            if (i >= n || line.charAt(i) != ':') {
                return false;
            }
            i = skipWhitespace(line, i + 1, n);
            if (i >= n) {
                return false;
            }
            char c = line.charAt(i);
            String value;
            int end;
            if (c == '"') {
                int valueEnd = plainStringEnd(line, i + 1, n);
                if (valueEnd < 0) {
                    return false;
                }
                value = index < 0 ? null : line.substring(i + 1, valueEnd);
                end = valueEnd + 1;
            } else if (c == '-' || c >= '0' && c <= '9') {
                int start = c == '-' ? i + 1 : i;
                end = start;
                while (end < n && line.charAt(end) >= '0' && line.charAt(end) <= '9') {
                    end++;
                }
                int count = end - start;
                if (count == 0 || count > 18 || count > 1 && line.charAt(start) == '0') {
                    return false; // not an integer, a long one, or a leading zero: Jackson decides
                }
                if (end < n && line.charAt(end) != ',' && line.charAt(end) != '}' && !isWhitespace(line.charAt(end))) {
                    return false; // a fraction, an exponent or garbage after the digits
                }
                value = index < 0 ? null : c == '-' && count == 1 && line.charAt(start) == '0' ? "0"
                        : line.substring(i, end);
            } else {
                return false;
            }
            if (index >= 0) {
                fields[index] = value;
                expected = index + 1;
            }
            i = skipWhitespace(line, end, n);
            if (i >= n) {
                return false;
            }
            if (line.charAt(i) == '}') {
                return true;
            }
            if (line.charAt(i) != ',') {
                return false;
            }
            i = skipWhitespace(line, i + 1, n);
        }
    }

    /**
     * The index of the quote that closes a string starting at {@code from}; -1 for an escape, a control character,
     * a string longer than {@link #PLAIN_STRING_LIMIT} or no end.
     */
    private static int plainStringEnd(String line, int from, int n) {
        int limit = Math.min(n, from + PLAIN_STRING_LIMIT);
        for (int i = from; i < limit; i++) {
            char c = line.charAt(i);
            if (c == '"') {
                return i;
            }
            if (c == '\\' || c < 0x20) {
                return -1;
            }
        }
        return -1;
    }

    private static int skipWhitespace(String line, int i, int n) {
        while (i < n && isWhitespace(line.charAt(i))) {
            i++;
        }
        return i;
    }

    /** JSON's whitespace; Jackson rejects any other character below U+0020 between tokens. */
    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    /**
     * The position of the name {@code line[from, to)} in {@link IngestTransforms#FIELDS}, trying {@code expected}
     * first; -1 for another name.
     */
    private static int index(String line, int from, int to, int expected) {
        int length = to - from;
        if (expected < FIELD_NAMES.length && FIELD_NAMES[expected].length() == length
                && line.startsWith(FIELD_NAMES[expected], from)) {
            return expected;
        }
        for (int k = 0; k < FIELD_NAMES.length; k++) {
            if (FIELD_NAMES[k].length() == length && line.startsWith(FIELD_NAMES[k], from)) {
                return k;
            }
        }
        return -1;
    }

    private static final String[] FIELD_NAMES = IngestTransforms.FIELDS.toArray(String[]::new);

    /** Whether the line is one strict JSON value (no single quotes, no NaN) and nothing else. */
    private static boolean strictJson(String line) {
        try (JsonParser p = STRICT.createParser(line)) {
            if (p.nextToken() == null) {
                return false;
            }
            p.skipChildren();
            return p.nextToken() == null;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The detail stored with a parse error. */
    static String detail(RejectReason error) {
        return error == RejectReason.NOT_AN_OBJECT ? NOT_OBJECT : NOT_JSON;
    }

    private static String text(JsonParser p, JsonToken value) throws IOException {
        switch (value) {
            case VALUE_NULL:
                return null;
            case VALUE_STRING:
            case VALUE_TRUE:
            case VALUE_FALSE:
                return p.getText();
            case VALUE_NUMBER_INT: // JSON allows no plus sign and no leading zeros: the digits as written, but -0 is 0
                String digits = p.getText();
                return digits.equals("-0") ? "0" : digits;
            default: // a float, an object or an array: as Jackson writes it back
                StringWriter out = new StringWriter();
                try (JsonGenerator g = FACTORY.createGenerator(out)) {
                    g.copyCurrentStructure(p);
                }
                return out.toString();
        }
    }

    /** The position of a contract field in {@link IngestTransforms#FIELDS}, -1 for any other key. */
    static int index(String name) {
        return index(name, 0, name.length(), 0);
    }
}
