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
 * decides), else {@code MALFORMED_LINE}.
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
        switch (name) {
            case "event_id": return 0;
            case "ts": return 1;
            case "agency": return 2;
            case "service": return 3;
            case "channel": return 4;
            case "event": return 5;
            case "session_id": return 6;
            case "beneficiary_id": return 7;
            case "beneficiary_type": return 8;
            case "region": return 9;
            case "duration_ms": return 10;
            case "rating": return 11;
            default: return -1;
        }
    }
}
