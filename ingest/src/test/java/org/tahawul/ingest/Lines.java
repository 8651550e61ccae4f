package org.tahawul.ingest;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.tahawul.datasets.reference.ReferenceData;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Small in-code fixtures: raw lines as {@link LineSource} gives them, and one valid event to vary. */
final class Lines {

    static final ReferenceData REFERENCE = ReferenceData.loadDefault();
    static final Instant LOAD_TIME = Instant.parse("2024-06-15T12:00:00Z");
    static final PseudonymKey KEY = PseudonymKey.of("0123456789abcdef0123456789abcdef", "test");

    private Lines() {
    }

    /** A valid completed event as JSON, with fields replaced: a null value removes the field, a value starting with # is written bare. */
    static String event(String... overrides) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("event_id", "e1");
        fields.put("ts", "2024-03-10T10:00:00+03:00");
        fields.put("agency", "MOI");
        fields.put("service", "MOI-NID-RENEW");
        fields.put("channel", "web");
        fields.put("event", "completed");
        fields.put("session_id", "s1");
        fields.put("beneficiary_id", "1012345678");
        fields.put("beneficiary_type", "citizen");
        fields.put("region", "SA-01");
        fields.put("duration_ms", "#90000");
        for (int i = 0; i < overrides.length; i += 2) {
            if (overrides[i + 1] == null) {
                fields.remove(overrides[i]);
            } else {
                fields.put(overrides[i], overrides[i + 1]);
            }
        }
        StringBuilder sb = new StringBuilder("{");
        fields.forEach((k, v) -> {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append('"').append(k).append("\":");
            sb.append(v.startsWith("#") ? v.substring(1) : "\"" + v.replace("\"", "\\\"") + "\"");
        });
        return sb.append('}').toString();
    }

    /** The lines as a dataset of {@link LineSource#SCHEMA}, numbered from 1, of file "t.jsonl". */
    static Dataset<Row> lines(String... values) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            rows.add(RowFactory.create(0, "t.jsonl", (long) i + 1, values[i], null, null));
        }
        return TestSpark.session().createDataFrame(rows, LineSource.SCHEMA);
    }

    /** Sink rows of JSON lines after the whole check, by line number. */
    static Map<Long, Row> checkJson(String... values) {
        return byLine(IngestTransforms.check(IngestTransforms.parseJson(lines(values)), REFERENCE, LOAD_TIME, KEY));
    }

    static Map<Long, Row> byLine(Dataset<Row> sinkRows) {
        Map<Long, Row> out = new TreeMap<>();
        for (Row r : sinkRows.collectAsList()) {
            out.put(r.getAs("line_number"), r);
        }
        return out;
    }

    /** The reason of each line (null for a valid one), in one Spark job. */
    static List<String> reasons(String... lines) {
        List<String> out = new ArrayList<>();
        checkJson(lines).values().forEach(r -> out.add(r.getAs("reason")));
        return out;
    }
}
