package org.tahawul.ingest;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.tahawul.datasets.contract.RejectReason;
import org.tahawul.datasets.reference.Channel;
import org.tahawul.datasets.reference.ReferenceData;
import org.tahawul.datasets.reference.Service;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.from_utc_timestamp;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.ltrim;
import static org.apache.spark.sql.functions.nullif;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.trunc;
import static org.apache.spark.sql.functions.try_parse_json;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

/**
 * The ingest logic as pure functions {@code Dataset<Row> -> Dataset<Row>}, in the order the job chains them:
 * <ol>
 *   <li>{@link #parseJson} / {@link #parseCsv}: lines of {@link LineSource} into the parsed shape — the
 *       contract's fields as trimmed text (empty = absent), the raw text, and a parse error if any;</li>
 *   <li>{@link #validate}: the rules of DESIGN §3 against the reference data, first broken rule as
 *       {@code reason} (the order of {@link RejectReason}), a {@code detail} line, and the derived columns:
 *       the UTC instant, the Riyadh calendar month, {@code is_digital}, typed duration and rating;</li>
 *   <li>{@link #maskRejected}: the raw text and detail of rejected lines with personal data masked;</li>
 *   <li>{@link #pseudonymise}: {@code beneficiary_key} from {@code beneficiary_id}, which is dropped;</li>
 *   <li>{@link #sinkRows}: the columns the sink writes, in {@link #SINK_COLUMNS} order.</li>
 * </ol>
 * Needs a session whose {@code spark.sql.session.timeZone} is UTC (the job sets it).
 */
public final class IngestTransforms {

    /** The contract's fields (DESIGN §3), read as text. */
    public static final List<String> FIELDS = List.of("event_id", "ts", "agency", "service", "channel", "event",
            "session_id", "beneficiary_id", "beneficiary_type", "region", "duration_ms", "rating");

    /** The event types of the contract. */
    public static final List<String> EVENT_TYPES = List.of("started", "completed", "failed", "abandoned", "rated");

    /** The beneficiary types of the contract. */
    public static final List<String> BENEFICIARY_TYPES = List.of("citizen", "resident", "business", "visitor");

    /** The columns of {@link #sinkRows}, in order. */
    public static final List<String> SINK_COLUMNS = List.of("file_index", "source_file", "line_number", "reason",
            "detail", "raw_masked", "event_id", "ts", "month", "agency", "service", "channel", "is_digital", "event",
            "session_id", "beneficiary_key", "beneficiary_type", "region", "duration_ms", "rating");

    public static final String RIYADH = "Asia/Riyadh";
    static final int MAX_EVENT_ID_LENGTH = 64;
    /** The earliest instant the warehouse's month column (ClickHouse Date) can hold. */
    static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");

    private static final String CORRUPT = "_corrupt_record";
    private static final String ISO_WITH_OFFSET =
            "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,9})?)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)$";
    private static final String NON_NEGATIVE_INTEGER = "^[0-9]{1,18}$";
    private static final String RATING = "^[1-5]$";

    private IngestTransforms() {
    }

    // ------------------------------------------------------------------ parsing

    /** The parsed shape's columns besides the fields. */
    private static List<Column> origin() {
        return List.of(col("file_index"), col("source_file"), col("line_number"));
    }

    /** JSON Lines: one object per line, parsed with an explicit all-text schema in PERMISSIVE mode. */
    public static Dataset<Row> parseJson(Dataset<Row> lines) {
        StructType schema = new StructType();
        for (String field : FIELDS) {
            schema = schema.add(field, DataTypes.StringType, true);
        }
        schema = schema.add(CORRUPT, DataTypes.StringType, true);
        Column value = col("value");
        Column json = col("_json");
        Column unreadable = col("read_error").isNotNull();
        Column corrupt = json.isNull().or(json.getField(CORRUPT).isNotNull());
        Column notJson = try_parse_json(value).isNull().or(ltrim(value).startsWith("{"));
        List<Column> out = new ArrayList<>(origin());
        out.add(value.as("raw"));
        out.add(when(unreadable, lit(RejectReason.MALFORMED_LINE.name()))
                .when(corrupt, when(notJson, lit(RejectReason.MALFORMED_LINE.name()))
                        .otherwise(lit(RejectReason.NOT_AN_OBJECT.name())))
                .as("parse_error"));
        out.add(when(unreadable, col("read_error"))
                .when(corrupt, when(notJson, lit("not valid JSON"))
                        .otherwise(lit("valid JSON but not an object (one JSON object per line is expected)")))
                .as("parse_detail"));
        for (String field : FIELDS) {
            out.add(when(corrupt.or(unreadable), lit(null).cast(DataTypes.StringType))
                    .otherwise(nullif(trim(json.getField(field)), lit(""))).as(field));
        }
        return lines.withColumn("_json", from_json(value, schema,
                        Map.of("mode", "PERMISSIVE", "columnNameOfCorruptRecord", CORRUPT)))
                .select(out.toArray(Column[]::new));
    }

    /** CSV with a header row: each line parsed against its file's header (column order may differ per file). */
    public static Dataset<Row> parseCsv(Dataset<Row> lines) {
        StructType parsed = new StructType()
                .add("parse_error", DataTypes.StringType, true)
                .add("parse_detail", DataTypes.StringType, true);
        for (String field : FIELDS) {
            parsed = parsed.add(field, DataTypes.StringType, true);
        }
        UserDefinedFunction csv = udf(new CsvLine(), parsed).withName("parse_csv_line");
        List<Column> out = new ArrayList<>(origin());
        out.add(col("value").as("raw"));
        out.add(coalesce(when(col("read_error").isNotNull(), lit(RejectReason.MALFORMED_LINE.name())),
                col("_csv.parse_error")).as("parse_error"));
        out.add(coalesce(col("read_error"), col("_csv.parse_detail")).as("parse_detail"));
        for (String field : FIELDS) {
            out.add(nullif(trim(col("_csv." + field)), lit("")).as(field));
        }
        return lines.withColumn("_csv", when(col("read_error").isNull(), csv.apply(col("header"), col("value"))))
                .select(out.toArray(Column[]::new));
    }

    /** Parses one CSV line against its header; remembers the last header it split. */
    static final class CsvLine implements UDF2<String, String, Row> {
        private static final long serialVersionUID = 1L;
        private transient String lastHeader;
        private transient int[] positions;
        private transient int headerSize;

        @Override
        public Row call(String header, String line) {
            Object[] values = new Object[2 + FIELDS.size()];
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
                    return RowFactory.create(values);
                }
                for (int i = 0; i < FIELDS.size(); i++) {
                    values[2 + i] = positions[i] < 0 ? null : cells.get(positions[i]);
                }
            } catch (IOException | RuntimeException e) {
                values[0] = RejectReason.MALFORMED_LINE.name();
                values[1] = "not a valid CSV row";
            }
            return RowFactory.create(values);
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

    // ------------------------------------------------------------------ validation

    /**
     * Applies the contract's rules: {@code reason} is the first broken rule in {@link RejectReason} order
     * (null for a valid line) with a {@code detail}; adds {@code ts_utc}, {@code month} (first day of the
     * calendar month of ts in Asia/Riyadh), {@code is_digital}, {@code duration} and {@code rating_value}.
     *
     * @param loadTime the run's start: a ts more than one day after it is {@code FUTURE_TIMESTAMP}
     */
    public static Dataset<Row> validate(Dataset<Row> parsed, ReferenceData reference, Instant loadTime) {
        String zone = parsed.sparkSession().conf().get("spark.sql.session.timeZone");
        if (!"UTC".equals(zone)) {
            throw new IllegalStateException("spark.sql.session.timeZone must be UTC for the month derivation, not " + zone);
        }
        Column ts = col("ts");
        Column eventId = col("event_id");
        Column agency = col("agency");
        Column service = col("service");
        Column channel = col("channel");
        Column event = col("event");
        Column beneficiaryType = col("beneficiary_type");
        Column region = col("region");
        Column duration = col("duration_ms");
        Column rating = col("rating");
        Column rated = event.equalTo(lit("rated"));

        // Spark reads +03:00 and +03 but not +0300, nor hh:mm without seconds: complete them first
        Column tsUtcExpression = when(ts.rlike(ISO_WITH_OFFSET),
                regexp_replace(regexp_replace(ts, "([+-][0-9]{2})([0-9]{2})$", "$1:$2"),
                        "T([0-9]{2}:[0-9]{2})([Z+-])", "T$1:00$2").try_cast(DataTypes.TimestampType));
        Column tsUtc = col("ts_utc");
        Timestamp latest = Timestamp.from(loadTime.plus(Duration.ofDays(1)));
        Object[] agencies = reference.agencies().stream().map(a -> a.code()).toArray();
        Object[] services = reference.services().stream().map(Service::code).toArray();
        Object[] servicePairs = reference.services().stream().map(s -> s.agencyCode() + "\u0001" + s.code()).toArray();
        Object[] channels = reference.channels().stream().map(Channel::code).toArray();
        Object[] digital = reference.channels().stream().filter(Channel::digital).map(Channel::code).toArray();
        Object[] regions = reference.regions().stream().map(r -> r.code()).toArray();

        Column missingExpression = concat_ws(", ",
                when(eventId.isNull(), lit("event_id")), when(ts.isNull(), lit("ts")),
                when(agency.isNull(), lit("agency")), when(service.isNull(), lit("service")),
                when(channel.isNull(), lit("channel")), when(event.isNull(), lit("event")),
                when(col("beneficiary_id").isNull().and(coalesce(rated, lit(false)).equalTo(false)),
                        lit("beneficiary_id")),
                when(rated.and(rating.isNull()), lit("rating")));
        Column missing = col("_missing");

        List<Rule> rules = List.of(
                new Rule(RejectReason.MALFORMED_LINE, col("parse_error").equalTo(lit(RejectReason.MALFORMED_LINE.name())),
                        col("parse_detail")),
                new Rule(RejectReason.NOT_AN_OBJECT, col("parse_error").equalTo(lit(RejectReason.NOT_AN_OBJECT.name())),
                        col("parse_detail")),
                new Rule(RejectReason.MISSING_FIELD, length(missing).gt(0), concat(lit("missing: "), missing)),
                new Rule(RejectReason.BAD_EVENT_ID, length(eventId).gt(MAX_EVENT_ID_LENGTH),
                        concat(lit("event_id has "), length(eventId).cast(DataTypes.StringType),
                                lit(" characters; at most " + MAX_EVENT_ID_LENGTH))),
                new Rule(RejectReason.BAD_TIMESTAMP, tsUtc.isNull(),
                        concat(lit("ts '"), ts, lit("' is not an ISO-8601 date and time with an offset "
                                + "(e.g. 2024-01-31T21:10:00+03:00 or ...Z), or names an impossible date or time"))),
                new Rule(RejectReason.BAD_TIMESTAMP, tsUtc.lt(lit(Timestamp.from(EARLIEST))),
                        concat(lit("ts '"), ts, lit("' is before 1970, outside the warehouse's date range"))),
                new Rule(RejectReason.FUTURE_TIMESTAMP, tsUtc.gt(lit(latest)),
                        concat(lit("ts '"), ts, lit("' is more than one day after the load time " + loadTime))),
                new Rule(RejectReason.UNKNOWN_AGENCY, agency.isin(agencies).equalTo(false),
                        concat(lit("agency '"), agency, lit("' is not in the reference agencies"))),
                new Rule(RejectReason.UNKNOWN_SERVICE, service.isin(services).equalTo(false),
                        concat(lit("service '"), service, lit("' is not in the reference services"))),
                new Rule(RejectReason.SERVICE_NOT_OF_AGENCY,
                        concat_ws("\u0001", agency, service).isin(servicePairs).equalTo(false),
                        concat(lit("service '"), service, lit("' does not belong to agency '"), agency, lit("'"))),
                new Rule(RejectReason.UNKNOWN_CHANNEL, channel.isin(channels).equalTo(false),
                        concat(lit("channel '"), channel, lit("' is not one of the reference channels"))),
                new Rule(RejectReason.UNKNOWN_EVENT_TYPE, event.isin(EVENT_TYPES.toArray()).equalTo(false),
                        concat(lit("event '"), event, lit("' is not one of " + String.join(", ", EVENT_TYPES)))),
                new Rule(RejectReason.BAD_BENEFICIARY_TYPE, beneficiaryType.isin(BENEFICIARY_TYPES.toArray()).equalTo(false),
                        concat(lit("beneficiary_type '"), beneficiaryType,
                                lit("' is not one of " + String.join(", ", BENEFICIARY_TYPES)))),
                new Rule(RejectReason.UNKNOWN_REGION, region.isin(regions).equalTo(false),
                        concat(lit("region '"), region, lit("' is not in the reference regions"))),
                new Rule(RejectReason.BAD_DURATION, duration.isNotNull().and(duration.rlike(NON_NEGATIVE_INTEGER).equalTo(false)),
                        concat(lit("duration_ms '"), duration, lit("' is not an integer >= 0"))),
                new Rule(RejectReason.BAD_RATING, rated.and(rating.rlike(RATING).equalTo(false)),
                        concat(lit("rating '"), rating, lit("' is not an integer from 1 to 5"))),
                new Rule(RejectReason.UNEXPECTED_RATING, rated.equalTo(false).and(rating.isNotNull()),
                        concat(lit("rating on a '"), event, lit("' event; only rated events carry one"))));

        Column reason = null;
        for (Rule rule : rules) {
            Column broken = coalesce(rule.broken(), lit(false));
            reason = reason == null ? when(broken, lit(rule.reason().name())) : reason.when(broken, lit(rule.reason().name()));
        }
        Column detail = null;
        for (Rule rule : rules) {
            Column is = col("reason").equalTo(lit(rule.reason().name())).and(coalesce(rule.broken(), lit(false)));
            detail = detail == null ? when(is, rule.detail()) : detail.when(is, rule.detail());
        }
        Column[] all = java.util.Arrays.stream(parsed.columns()).map(c -> col("`" + c + "`")).toArray(Column[]::new);
        return parsed
                .select(with(all, tsUtcExpression.as("ts_utc"), missingExpression.as("_missing")))
                .select(with(all, col("ts_utc"), col("_missing"), reason.as("reason")))
                .select(with(all, col("ts_utc"), col("reason"), detail.as("detail"),
                        trunc(to_date(from_utc_timestamp(col("ts_utc"), RIYADH)), "MM").as("month"),
                        channel.isin(digital).as("is_digital"),
                        when(duration.rlike(NON_NEGATIVE_INTEGER), duration.cast(DataTypes.LongType)).as("duration"),
                        when(rating.rlike(RATING), rating.cast(DataTypes.IntegerType)).as("rating_value")));
    }

    private static Column[] with(Column[] columns, Column... more) {
        Column[] out = java.util.Arrays.copyOf(columns, columns.length + more.length);
        System.arraycopy(more, 0, out, columns.length, more.length);
        return out;
    }

    /** A rule of the contract: when {@code broken} holds, the line is rejected for {@code reason}. */
    private record Rule(RejectReason reason, Column broken, Column detail) {
    }

    // ------------------------------------------------------------------ personal data

    /** For rejected lines: {@code raw_masked} and {@code detail} with personal data masked ({@link Masking}); drops {@code raw}. */
    public static Dataset<Row> maskRejected(Dataset<Row> validated) {
        UserDefinedFunction mask = udf((UDF2<String, String, String>) Masking::mask, DataTypes.StringType)
                .withName("mask_personal_data");
        Column rejected = col("reason").isNotNull();
        return validated
                .withColumn("raw_masked", when(rejected, mask.apply(coalesce(col("raw"), lit("")), col("beneficiary_id"))))
                .withColumn("detail", when(rejected, mask.apply(col("detail"), col("beneficiary_id"))))
                .drop("raw");
    }

    /** For valid lines: {@code beneficiary_key} = hex HMAC-SHA256 of the trimmed {@code beneficiary_id}, which is dropped. */
    public static Dataset<Row> pseudonymise(Dataset<Row> masked, PseudonymKey key) {
        UserDefinedFunction hmac = udf(new Hmac(key), DataTypes.StringType).withName("pseudonymise");
        return masked
                .withColumn("beneficiary_key", when(col("reason").isNull(), hmac.apply(col("beneficiary_id"))))
                .drop("beneficiary_id");
    }

    /** The HMAC as a Spark function; each deserialised copy has its own Mac. */
    static final class Hmac implements UDF1<String, String> {
        private static final long serialVersionUID = 1L;
        private final PseudonymKey key;
        private transient ThreadLocal<PseudonymKey> local;

        Hmac(PseudonymKey key) {
            this.key = key;
        }

        @Override
        public String call(String beneficiaryId) {
            if (local == null) {
                local = ThreadLocal.withInitial(key::copy);
            }
            return local.get().pseudonymise(beneficiaryId);
        }

        @Override
        public String toString() {
            return "pseudonymise";
        }
    }

    /** The columns the sink writes ({@link #SINK_COLUMNS}); valid rows have a null {@code reason}. */
    public static Dataset<Row> sinkRows(Dataset<Row> pseudonymised) {
        return pseudonymised.select(
                col("file_index"), col("source_file"), col("line_number"), col("reason"), col("detail"),
                col("raw_masked"), col("event_id"), col("ts_utc").as("ts"), col("month"), col("agency"),
                col("service"), col("channel"), coalesce(col("is_digital"), lit(false)).as("is_digital"),
                col("event"), col("session_id"), col("beneficiary_key"), col("beneficiary_type"), col("region"),
                col("duration").as("duration_ms"), col("rating_value").as("rating"));
    }

    /** The whole chain after parsing: validate, mask, pseudonymise, project. */
    public static Dataset<Row> check(Dataset<Row> parsed, ReferenceData reference, Instant loadTime, PseudonymKey key) {
        return sinkRows(pseudonymise(maskRejected(validate(parsed, reference, loadTime)), key));
    }
}
