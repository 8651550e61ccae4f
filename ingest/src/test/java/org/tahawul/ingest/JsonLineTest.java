package org.tahawul.ingest;

import org.junit.jupiter.api.Test;
import org.tahawul.datasets.contract.RejectReason;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link JsonLine} reads the same fields whatever the order of the keys and whatever other keys lie between. */
class JsonLineTest {

    private static final List<String> PAIRS = List.of("\"event_id\":\"e1\"", "\"ts\":\"2024-03-10T10:00:00+03:00\"",
            "\"agency\":\"MOI\"", "\"service\":\"MOI-NID-RENEW\"", "\"channel\":\"web\"", "\"event\":\"rated\"",
            "\"session_id\":\"s1\"", "\"beneficiary_id\":\"1012345678\"", "\"beneficiary_type\":\"citizen\"",
            "\"region\":\"SA-01\"", "\"duration_ms\":1200", "\"rating\":5");

    @Test
    void fieldsAreFoundInAnyOrderBetweenUnknownKeys() {
        String[] expected = read("{" + String.join(",", PAIRS) + "}");
        assertThat(expected).containsExactly("e1", "2024-03-10T10:00:00+03:00", "MOI", "MOI-NID-RENEW", "web", "rated",
                "s1", "1012345678", "citizen", "SA-01", "1200", "5");
        Random random = new Random(7);
        for (int i = 0; i < 200; i++) {
            List<String> pairs = new ArrayList<>(PAIRS);
            Collections.shuffle(pairs, random);
            pairs.add(random.nextInt(pairs.size() + 1), "\"extra\":{\"ts\":[1,2],\"agency\":\"X\"}");
            pairs.add(random.nextInt(pairs.size() + 1), "'single':'quoted'");
            String line = pairs.stream().collect(Collectors.joining(",", "{", "}"));
            assertThat(read(line)).as(line).containsExactly(expected);
        }
    }

    @Test
    void theLastOfRepeatedKeysCountsAndBrokenObjectsAreMalformed() {
        assertThat(read("{\"event_id\":\"a\",\"ts\":\"t\",\"event_id\":\"b\",\"rating\":1,\"rating\":2}"))
                .containsExactly("b", "t", null, null, null, null, null, null, null, null, null, "2");
        String[] fields = new String[IngestTransforms.FIELDS.size()];
        for (String broken : List.of("{\"event_id\":\"a\",", "{\"event_id\":\"a\"", "{\"rating\":5,\"x\"}",
                "{" + String.join(",", PAIRS) + ",}", "{" + String.join(",", PAIRS))) {
            assertThat(JsonLine.read(broken, fields)).as(broken).isEqualTo(RejectReason.MALFORMED_LINE);
            assertThat(fields).as(broken).containsOnlyNulls();
        }
    }

    /**
     * Lines varied from a valid one by random edits (characters that matter to JSON inserted, deleted or swapped)
     * read the same by {@link JsonLine#read}, which reads the plain ones itself, as by Jackson alone.
     */
    @Test
    void thePlainReadingAgreesWithJacksonOnVariedAndBrokenLines() {
        String base = "{" + String.join(",", PAIRS) + "}";
        String[] pieces = {"\"", "\\", "{", "}", "[", "]", ",", ":", " ", "\t", "\r", "\n", "\u0001", "0", "-", "7",
                ".", "e", "E", "+", "a", "'", "null", "true", "false", "NaN", "\\u0041", "\u00e9", "\u062a", "-0", "00",
                "\"extra\":", "\"rating\":", "\"ts\":", "12345678901234567890", "1.5", "1e3"};
        Random random = new Random(11);
        int plain = 0;
        for (int i = 0; i < 50_000; i++) {
            StringBuilder line = new StringBuilder(base);
            for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
                int at = random.nextInt(line.length() + 1);
                switch (random.nextInt(3)) {
                    case 0 -> line.insert(at, pieces[random.nextInt(pieces.length)]);
                    case 1 -> line.delete(at, Math.min(line.length(), at + 1 + random.nextInt(3)));
                    default -> line.replace(at, Math.min(line.length(), at + 1), pieces[random.nextInt(pieces.length)]);
                }
            }
            String text = line.toString();
            String[] mine = new String[IngestTransforms.FIELDS.size()];
            String[] jackson = new String[IngestTransforms.FIELDS.size()];
            RejectReason myReason = JsonLine.read(text, mine);
            assertThat(myReason).as(text).isEqualTo(JsonLine.readWithJackson(text, jackson));
            assertThat(mine).as(text).containsExactly(jackson);
            if (JsonLine.readPlain(text, new String[IngestTransforms.FIELDS.size()])) {
                plain++;
            }
        }
        assertThat(plain).as("lines read without Jackson").isGreaterThan(5_000);
        assertThat(JsonLine.readPlain(base, new String[IngestTransforms.FIELDS.size()])).isTrue();
    }

    private static String[] read(String line) {
        String[] fields = new String[IngestTransforms.FIELDS.size()];
        assertThat(JsonLine.read(line, fields)).as(line).isNull();
        return fields;
    }
}
