package org.tahawul.ingest;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.tahawul.datasets.contract.RejectReason;
import org.tahawul.datasets.reference.ReferenceData;

import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;

/**
 * The ingest logic as pure functions {@code Dataset<Row> -> Dataset<Row>}, in the order the job chains them:
 * <ol>
 *   <li>{@link #parseJson} / {@link #parseCsv}: lines of {@link LineSource} into the parsed shape
 *       ({@link #PARSED}) — the contract's fields as trimmed text (empty = absent), the raw text, and a
 *       parse error if any;</li>
 *   <li>{@link #check}: the rules of DESIGN §3 against the reference data, the first broken rule as
 *       {@code reason} (the order of {@link RejectReason}) with a {@code detail}; the derived columns (the
 *       UTC instant, the Riyadh calendar month, {@code is_digital}, typed duration and rating);
 *       {@code beneficiary_key} for valid lines, the raw text and detail masked for rejected ones; the
 *       columns the sink writes, in {@link #SINK_COLUMNS} order, without {@code beneficiary_id} or the raw
 *       text of valid lines.</li>
 * </ol>
 * Each step is one {@link RowStep} in plain Java ({@link JsonLine}, {@link LineCheck}) over a partition's rows:
 * every value is parsed once per line, so a line costs one pass however many rules there are. The functions
 * here apply the steps to a Dataset ({@code mapPartitions} with the step's schema); the job applies the same
 * steps to its lines as an RDD ({@link IngestJob}), because Spark's SQL engine has nothing to optimise in
 * opaque Java steps and costs a run seconds of planning and compiling (docs/ingest.md "Performance").
 */
public final class IngestTransforms {

    /** The contract's fields (DESIGN §3), read as text. */
    public static final List<String> FIELDS = List.of("event_id", "ts", "agency", "service", "channel", "event",
            "session_id", "beneficiary_id", "beneficiary_type", "region", "duration_ms", "rating");

    /** The event types of the contract. */
    public static final List<String> EVENT_TYPES = List.of("started", "completed", "failed", "abandoned", "rated");

    /** The beneficiary types of the contract. */
    public static final List<String> BENEFICIARY_TYPES = List.of("citizen", "resident", "business", "visitor");

    /** The parsed shape: where the line is from, its raw text, a parse error, then {@link #FIELDS}. */
    public static final StructType PARSED = textFields(origin()
            .add("raw", DataTypes.StringType, true)
            .add("parse_error", DataTypes.StringType, true)
            .add("parse_detail", DataTypes.StringType, true));

    /** The schema of {@link #check}. */
    public static final StructType SINK = origin()
            .add("reason", DataTypes.StringType, true)
            .add("detail", DataTypes.StringType, true)
            .add("raw_masked", DataTypes.StringType, true)
            .add("event_id", DataTypes.StringType, true)
            .add("ts", DataTypes.TimestampType, true)
            .add("month", DataTypes.DateType, true)
            .add("agency", DataTypes.StringType, true)
            .add("service", DataTypes.StringType, true)
            .add("channel", DataTypes.StringType, true)
            .add("is_digital", DataTypes.BooleanType, false)
            .add("event", DataTypes.StringType, true)
            .add("session_id", DataTypes.StringType, true)
            .add("beneficiary_key", DataTypes.StringType, true)
            .add("beneficiary_type", DataTypes.StringType, true)
            .add("region", DataTypes.StringType, true)
            .add("duration_ms", DataTypes.LongType, true)
            .add("rating", DataTypes.IntegerType, true);

    /** The columns of {@link #check}, in order. */
    public static final List<String> SINK_COLUMNS = List.of(SINK.fieldNames());

    /** Where the fields start in {@link #PARSED}. */
    private static final int FIRST_FIELD = 6;

    public static final String RIYADH = "Asia/Riyadh";
    static final int MAX_EVENT_ID_LENGTH = 64;
    /** The earliest instant the warehouse's month column (ClickHouse Date) can hold. */
    static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");

    private IngestTransforms() {
    }

    /** Where a line is from: the first columns of every shape. */
    private static StructType origin() {
        return new StructType()
                .add("file_index", DataTypes.IntegerType, false)
                .add("source_file", DataTypes.StringType, false)
                .add("line_number", DataTypes.LongType, false);
    }

    private static StructType textFields(StructType schema) {
        for (String field : FIELDS) {
            schema = schema.add(field, DataTypes.StringType, true);
        }
        return schema;
    }

    // ------------------------------------------------------------------ parsing

    /**
     * A step over a partition's rows, for a Dataset ({@link Dataset#mapPartitions(MapPartitionsFunction,
     * org.apache.spark.sql.Encoder)}) and for an RDD ({@link org.apache.spark.api.java.JavaRDD#mapPartitions}) alike.
     */
    public interface RowStep extends MapPartitionsFunction<Row, Row>, FlatMapFunction<Iterator<Row>, Row> {
        @Override
        Iterator<Row> call(Iterator<Row> rows);
    }

    /** JSON Lines: one object per line ({@link JsonLine}); a line that is not one is a parse error. */
    public static Dataset<Row> parseJson(Dataset<Row> lines) {
        return lines.mapPartitions(PARSE_JSON, Encoders.row(PARSED));
    }

    /** The step of {@link #parseJson}: {@link LineSource#SCHEMA} rows of JSON Lines into {@link #PARSED} rows. */
    public static final RowStep PARSE_JSON = rows -> {
        String[] fields = new String[FIELDS.size()]; // refilled for every line (JsonLine.read clears it)
        return map(rows, line -> {
            if (line.getString(5) != null) {
                return unreadable(line);
            }
            Object[] out = origin(line);
            RejectReason error = JsonLine.read(line.getString(3), fields);
            if (error != null) {
                out[4] = error.name();
                out[5] = JsonLine.detail(error);
            }
            for (int i = 0; i < fields.length; i++) {
                out[FIRST_FIELD + i] = clean(fields[i]);
            }
            return RowFactory.create(out);
        });
    };

    /** CSV with a header row: each line parsed against its file's header (column order may differ per file). */
    public static Dataset<Row> parseCsv(Dataset<Row> lines) {
        return lines.mapPartitions(PARSE_CSV, Encoders.row(PARSED));
    }

    /** The step of {@link #parseCsv}: {@link LineSource#SCHEMA} rows of CSV into {@link #PARSED} rows. */
    public static final RowStep PARSE_CSV = rows -> {
        CsvLine csv = new CsvLine();
        return map(rows, line -> {
            if (line.getString(5) != null) {
                return unreadable(line);
            }
            Object[] out = origin(line);
            String[] cells = csv.call(line.getString(4), line.getString(3));
            out[4] = cells[0];
            out[5] = cells[1];
            for (int i = 0; i < FIELDS.size(); i++) {
                out[FIRST_FIELD + i] = clean(cells[2 + i]);
            }
            return RowFactory.create(out);
        });
    };

    /** The parsed row's first columns from a line of {@link LineSource#SCHEMA}: file, line, raw text. */
    private static Object[] origin(Row line) {
        Object[] out = new Object[PARSED.size()];
        out[0] = line.get(0);
        out[1] = line.get(1);
        out[2] = line.get(2);
        out[3] = line.get(3);
        return out;
    }

    /** The parsed row of a line that could not be read (a file that breaks off): malformed, with the reason. */
    private static Row unreadable(Row line) {
        Object[] out = origin(line);
        out[4] = RejectReason.MALFORMED_LINE.name();
        out[5] = line.getString(5);
        return RowFactory.create(out);
    }

    /** A value as the rules see it: spaces trimmed at both ends (as Spark's trim), null when empty. */
    static String clean(String value) {
        if (value == null) {
            return null;
        }
        int start = 0;
        int end = value.length();
        while (start < end && value.charAt(start) == ' ') {
            start++;
        }
        while (end > start && value.charAt(end - 1) == ' ') {
            end--;
        }
        return start == end ? null : start == 0 && end == value.length() ? value : value.substring(start, end);
    }

    /** Parses one CSV line against its header; remembers the last header it split. */
    static final class CsvLine {
        private String lastHeader;
        private int[] positions;
        private int headerSize;

        /** The parse error and its detail (null when the row parses), then the raw cells of {@link #FIELDS}. */
        String[] call(String header, String line) {
            String[] values = new String[2 + FIELDS.size()];
            try {
                if (!header.equals(lastHeader)) {
                    List<String> names = split(header);
                    positions = new int[FIELDS.size()];
                    for (int i = 0; i < FIELDS.size(); i++) {
                        positions[i] = names.indexOf(FIELDS.get(i));
                    }
                    lastHeader = header;
                    headerSize = names.size();
                }
                List<String> cells = split(line);
                if (cells.size() != headerSize) {
                    values[0] = RejectReason.MALFORMED_LINE.name();
                    values[1] = "the row has " + cells.size() + " fields, the header " + headerSize;
                    return values;
                }
                for (int i = 0; i < FIELDS.size(); i++) {
                    values[2 + i] = positions[i] < 0 ? null : cells.get(positions[i]);
                }
            } catch (IOException | RuntimeException e) {
                values[0] = RejectReason.MALFORMED_LINE.name();
                values[1] = "not a valid CSV row";
            }
            return values;
        }

        private static List<String> split(String line) throws IOException {
            try (CSVParser parser = CSVParser.parse(new StringReader(line), CSVFormat.DEFAULT)) {
                List<CSVRecord> records = parser.getRecords();
                if (records.size() != 1) {
                    throw new IOException("expected one CSV record");
                }
                return records.get(0).toList();
            }
        }
    }

    // ------------------------------------------------------------------ the rules

    /**
     * Checks every parsed line ({@link #PARSED}) against the contract and the reference data and gives the
     * sink's rows ({@link #SINK}): valid rows have a null {@code reason} and a {@code beneficiary_key};
     * rejected rows a {@code reason}, a {@code detail} and the {@code raw_masked} text ({@link Masking}).
     * {@code beneficiary_id} and the raw text of valid lines leave no trace.
     *
     * @param loadTime the run's start: a ts more than one day after it is {@code FUTURE_TIMESTAMP}
     */
    public static Dataset<Row> check(Dataset<Row> parsed, ReferenceData reference, Instant loadTime, PseudonymKey key) {
        return parsed.mapPartitions(checkStep(reference, loadTime, key), Encoders.row(SINK));
    }

    /** The step of {@link #check}: {@link #PARSED} rows into {@link #SINK} rows. */
    public static RowStep checkStep(ReferenceData reference, Instant loadTime, PseudonymKey key) {
        LineCheck rules = new LineCheck(reference, loadTime, key);
        return rows -> {
            LineCheck check = rules.copy();
            String[] fields = new String[FIELDS.size()];
            return map(rows, row -> {
                for (int i = 0; i < fields.length; i++) {
                    fields[i] = row.getString(FIRST_FIELD + i);
                }
                return RowFactory.create(check.check(row.getInt(0), row.getString(1), row.getLong(2), row.getString(3),
                        row.getString(4), row.getString(5), fields));
            });
        };
    }

    private static <T, R> Iterator<R> map(Iterator<T> in, java.util.function.Function<T, R> f) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return in.hasNext();
            }

            @Override
            public R next() {
                return f.apply(in.next());
            }
        };
    }
}
