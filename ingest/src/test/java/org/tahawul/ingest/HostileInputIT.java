package org.tahawul.ingest;

import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tahawul.datasets.contract.RejectReason;
import org.tahawul.warehouse.Jdbc;
import org.tahawul.warehouse.testing.TestDatabase;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tahawul.datasets.contract.RejectReason.BAD_DURATION;
import static org.tahawul.datasets.contract.RejectReason.BAD_EVENT_ID;
import static org.tahawul.datasets.contract.RejectReason.BAD_RATING;
import static org.tahawul.datasets.contract.RejectReason.BAD_TIMESTAMP;
import static org.tahawul.datasets.contract.RejectReason.FUTURE_TIMESTAMP;
import static org.tahawul.datasets.contract.RejectReason.MALFORMED_LINE;
import static org.tahawul.datasets.contract.RejectReason.MISSING_FIELD;
import static org.tahawul.datasets.contract.RejectReason.NOT_AN_OBJECT;
import static org.tahawul.datasets.contract.RejectReason.SERVICE_NOT_OF_AGENCY;
import static org.tahawul.datasets.contract.RejectReason.UNEXPECTED_RATING;
import static org.tahawul.datasets.contract.RejectReason.UNKNOWN_AGENCY;
import static org.tahawul.datasets.contract.RejectReason.UNKNOWN_CHANNEL;
import static org.tahawul.datasets.contract.RejectReason.UNKNOWN_EVENT_TYPE;
import static org.tahawul.datasets.contract.RejectReason.UNKNOWN_REGION;
import static org.tahawul.datasets.contract.RejectReason.UNKNOWN_SERVICE;

/**
 * A corpus of hostile input, one kind per line of {@link #KINDS}: each is either rejected with its
 * reason, loaded with the values checked, counted as a duplicate, or contributes nothing. The whole
 * corpus is one folder and one ingest run (Spark runs cost seconds); the run must obey
 * {@code read = loaded + rejected + duplicates} and match the table exactly, with no surprise row and
 * no raw beneficiary id stored or printed. docs/ingest.md "Hostile input" lists the same outcomes.
 */
class HostileInputIT {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.migrated();

    @TempDir
    static Path dir;

    static final String LINES = "lines.jsonl";
    /** A beneficiary id that is not shaped like a Saudi ID: only the masking of the parsed value hides it. */
    static final String PASSPORT = "PX-7731-ALPHA";
    static final Set<String> RAW_IDS = Set.of("1012345678", PASSPORT, "2098765432", "7011223344");

    /** What a kind becomes. */
    enum Outcome { LOADED, REJECTED, DUPLICATE, NOTHING }

    /**
     * One kind of hostile input: the file (a fragment of its path) and line it is on, and what it must become:
     * rejected with {@code reason}, or loaded with {@code sql} (over its service_events row) giving {@code value}.
     */
    record Kind(String name, String file, long line, Outcome outcome, RejectReason reason, String sql, String value) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final Corpus CORPUS = new Corpus();
    static final List<Kind> KINDS = new ArrayList<>();
    static final String TOMORROW_PLUS_ONE = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
    static final String TEN_MB = "x".repeat(10 * 1024 * 1024);
    /** A line whose session_id gets two bytes that are not UTF-8 where the @@ is. */
    static final String UTF8 = Lines.event("event_id", "h-utf8", "session_id", "s-@@");
    static final int UTF8_AT = UTF8.indexOf("@@");

    static {
        // ---- JSON that is not a good object
        rejected("malformed JSON", LINES, "{\"event_id\" \"h-malformed\", \"ts\": }", MALFORMED_LINE);
        String whole = Lines.event("event_id", "h-truncated", "beneficiary_id", PASSPORT);
        rejected("truncated JSON (line cut short after the beneficiary id)", LINES,
                whole.substring(0, whole.indexOf(PASSPORT) + PASSPORT.length() + 5), MALFORMED_LINE);
        rejected("JSON array instead of an object", LINES, "[1, 2, 3]", NOT_AN_OBJECT);
        rejected("JSON string instead of an object", LINES, "\"just text\"", NOT_AN_OBJECT);
        rejected("nesting 5000 deep (past Jackson's limit)", LINES, "{\"event_id\":\"h-deep\",\"x\":"
                + "[".repeat(5000) + "]".repeat(5000) + "}", MALFORMED_LINE);
        rejected("invalid UTF-8 bytes in a value", LINES, concat(bytes(UTF8.substring(0, UTF8_AT)),
                new byte[]{(byte) 0xFF, (byte) 0xC3}, bytes(UTF8.substring(UTF8_AT + 2))), MALFORMED_LINE);
        CORPUS.add(LINES, "   "); // a blank line: skipped and not counted, but numbered
        loaded("4-byte UTF-8 (emoji) in session_id", LINES, Lines.event("event_id", "h-emoji", "session_id", "s-\uD83D\uDFFF"),
                "session_id", "s-\uD83D\uDFFF");

        // ---- shapes and types
        rejected("nested object as agency", LINES, Lines.event("event_id", "h-nested-agency", "agency", "#{\"code\":\"MOI\"}"),
                UNKNOWN_AGENCY);
        loaded("nested objects in an unknown field", LINES, Lines.event("event_id", "h-nested-extra",
                "meta", "#{\"a\":{\"b\":[1,{\"c\":null}]},\"beneficiary_id\":\"2098765432\"}"), "region", "SA-01");
        loaded("unknown fields ignored", LINES, Lines.event("event_id", "h-unknown-fields", "colour", "blue",
                "weight", "#12.5"), "channel", "web");
        loaded("event_id as a JSON number is its text", LINES, Lines.event("event_id", "#4711000"), "event_id", "4711000");
        loaded("duration as a string holding an integer", LINES, Lines.event("event_id", "h-duration-text",
                "duration_ms", "42"), "toString(duration_ms)", "42");
        rejected("duration as a boolean (wrong type)", LINES, Lines.event("event_id", "h-duration-bool",
                "duration_ms", "#true"), BAD_DURATION);
        rejected("ts as a number (wrong type)", LINES, Lines.event("event_id", "h-ts-number", "ts", "#1709967600"),
                BAD_TIMESTAMP);
        rejected("a repeated key: the last value counts", LINES, Lines.event("event_id", "h-repeated-key")
                .replace("}", ",\"channel\":\"fax\"}"), UNKNOWN_CHANNEL);
        loaded("text after the object is ignored", LINES, Lines.event("event_id", "h-trailing") + " trailing words",
                "event", "completed");
        loaded("SQL and quotes in a value are stored as text", LINES, Lines.event("event_id", "h-sql",
                "session_id", "x'); DROP TABLE service_events; --"), "session_id", "x'); DROP TABLE service_events; --");
        rejected("event_id of 65 characters", LINES, Lines.event("event_id", "h".repeat(65)), BAD_EVENT_ID);
        rejected("a required field missing (ts)", LINES, Lines.event("event_id", "h-no-ts", "ts", null), MISSING_FIELD);
        rejected("a required field null (agency)", LINES, Lines.event("event_id", "h-null-agency", "agency", "#null"),
                MISSING_FIELD);

        // ---- codes
        rejected("unknown agency", LINES, Lines.event("event_id", "h-agency", "agency", "XYZ",
                "beneficiary_id", PASSPORT), UNKNOWN_AGENCY);
        rejected("agency in the wrong case", LINES, Lines.event("event_id", "h-agency-case", "agency", "moi"), UNKNOWN_AGENCY);
        rejected("unknown service", LINES, Lines.event("event_id", "h-service", "service", "MOI-NOPE"), UNKNOWN_SERVICE);
        rejected("service of another agency", LINES, Lines.event("event_id", "h-other-agency",
                "service", "JAWAZAT-PASSPORT-RENEW"), SERVICE_NOT_OF_AGENCY);
        rejected("unknown channel", LINES, Lines.event("event_id", "h-channel", "channel", "fax"), UNKNOWN_CHANNEL);
        rejected("unknown event type", LINES, Lines.event("event_id", "h-event", "event", "viewed"), UNKNOWN_EVENT_TYPE);
        rejected("unknown region", LINES, Lines.event("event_id", "h-region", "region", "SA-99"), UNKNOWN_REGION);

        // ---- timestamps
        rejected("timestamp without offset", LINES, Lines.event("event_id", "h-no-offset", "ts", "2024-03-10T10:00:00"),
                BAD_TIMESTAMP);
        rejected("impossible date: 30 February", LINES, Lines.event("event_id", "h-feb30", "ts", "2024-02-30T10:00:00+03:00"),
                BAD_TIMESTAMP);
        rejected("impossible time: 25:00", LINES, Lines.event("event_id", "h-25h", "ts", "2024-03-10T25:00:00+03:00"),
                BAD_TIMESTAMP);
        loaded("leap day 29 February 2024", LINES, Lines.event("event_id", "h-leap", "ts", "2024-02-29T12:00:00+03:00"),
                "concat(toString(ts), ' ', toString(month))", "2024-02-29 09:00:00.000 2024-02-01");
        rejected("29 February of a common year", LINES, Lines.event("event_id", "h-leap-2023", "ts", "2023-02-29T12:00:00Z"),
                BAD_TIMESTAMP);
        rejected("far past: before 1970", LINES, Lines.event("event_id", "h-1969", "ts", "1969-12-31T23:59:59Z"), BAD_TIMESTAMP);
        rejected("far past: year 0001", LINES, Lines.event("event_id", "h-0001", "ts", "0001-01-01T00:00:00Z"), BAD_TIMESTAMP);
        loaded("the first second of 1970", LINES, Lines.event("event_id", "h-1970", "ts", "1970-01-01T00:00:00Z"),
                "toString(month)", "1970-01-01");
        rejected("far future: 9999", LINES, Lines.event("event_id", "h-9999", "ts", "9999-12-31T23:59:59Z"), FUTURE_TIMESTAMP);
        rejected("two days after the load time", LINES, Lines.event("event_id", "h-future", "ts", TOMORROW_PLUS_ONE),
                FUTURE_TIMESTAMP);

        // ---- numbers
        rejected("negative duration", LINES, Lines.event("event_id", "h-negative", "duration_ms", "#-5"), BAD_DURATION);
        rejected("rating 0", LINES, rated("h-rating-0", "#0"), BAD_RATING);
        rejected("rating 6", LINES, rated("h-rating-6", "#6"), BAD_RATING);
        rejected("rating 4.5", LINES, rated("h-rating-4.5", "#4.5"), BAD_RATING);
        loaded("rating 5 on a rated event (no beneficiary_id needed)", LINES, rated("h-rating-5", "#5"),
                "concat(toString(rating), ' ', ifNull(beneficiary_key, '-'))", "5 -");
        rejected("rating on a completed event", LINES, Lines.event("event_id", "h-rating-extra", "rating", "#4"),
                UNEXPECTED_RATING);

        // ---- duplicates: the first line in file order wins (dup-a before dup-b), later ones count as duplicates
        loaded("duplicate id: the first line is kept", "dup-a.jsonl", Lines.event("event_id", "h-dup", "channel", "web"),
                "concat(channel, ' ', toString(duration_ms))", "web 90000");
        duplicate("duplicate id, other content, same file", "dup-a.jsonl",
                Lines.event("event_id", "h-dup", "channel", "mobile", "duration_ms", "#1"));
        duplicate("duplicate id, other content, later file", "dup-b.jsonl",
                Lines.event("event_id", "h-dup", "channel", "kiosk", "duration_ms", "#2"));

        // ---- line ends and byte-order marks
        CORPUS.add("bom.jsonl", concat(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                bytes(Lines.event("event_id", "h-bom"))));
        KINDS.add(new Kind("UTF-8 BOM at the start of the file", "bom.jsonl", 1, Outcome.LOADED, null, "event_id", "h-bom"));
        loaded("CRLF line ends (JSON)", "crlf.jsonl", Lines.event("event_id", "h-crlf-1") + "\r", "session_id", "s1");
        loaded("CRLF line ends (JSON, second line)", "crlf.jsonl", Lines.event("event_id", "h-crlf-2") + "\r", "session_id", "s1");

        // ---- CSV
        CORPUS.add("arabic.csv", "event_id,ts,agency,service,channel,event,session_id,beneficiary_id,region\r");
        loaded("CSV with a quoted comma and Arabic text, CRLF ends", "arabic.csv",
                "h-csv-ar,2024-03-10T10:00:00+03:00,MOI,MOI-NID-RENEW,counter,started,\"جلسة، أولى, ثانية\",7011223344,SA-01\r",
                "concat(session_id, '|', region)", "جلسة، أولى, ثانية|SA-01");
        rejected("CSV row with an extra field", "arabic.csv",
                "h-csv-extra,2024-03-10T10:00:00+03:00,MOI,MOI-NID-RENEW,web,started,s,7011223344,SA-01,surplus", MALFORMED_LINE);
        rejected("CSV quoted value spanning two lines", "arabic.csv",
                "h-csv-open,2024-03-10T10:00:00+03:00,MOI,MOI-NID-RENEW,web,started,\"open", MALFORMED_LINE);
        rejected("CSV: the rest of that quoted value, a row of its own", "arabic.csv", "quote\",1012345678,SA-01",
                MALFORMED_LINE);
        CORPUS.add("header-only.csv", "event_id,ts,agency,service,channel,event\n");
        KINDS.add(new Kind("CSV with a header only", "header-only.csv", 0, Outcome.NOTHING, null, null, null));
        CORPUS.add("empty.jsonl", new byte[0]);
        KINDS.add(new Kind("empty file", "empty.jsonl", 0, Outcome.NOTHING, null, null, null));

        // ---- 10 MB lines: read whole; a rejected one is stored cut to 16 384 characters
        loaded("a 10 MB line (a valid event with a huge unknown field)", "big.jsonl",
                Lines.event("event_id", "h-big", "padding", TEN_MB), "toString(duration_ms)", "90000");
        rejected("a 10 MB line rejected (huge beneficiary id, unknown channel)", "big.jsonl",
                Lines.event("event_id", "h-big-bad", "channel", "fax", "beneficiary_id", "7" + TEN_MB), UNKNOWN_CHANNEL);

        // ---- whole-file failures: the good lines of other files still load
        KINDS.add(new Kind("truncated gzip: the line before the break loads", "cut.jsonl.gz", 1, Outcome.LOADED, null,
                "event_id", "h-gz-1"));
        KINDS.add(new Kind("truncated gzip: one row where the file breaks off", "cut.jsonl.gz", 2, Outcome.REJECTED,
                MALFORMED_LINE, null, null));
        CORPUS.add("not-gzip.jsonl.gz", Lines.event("event_id", "h-not-gzip"));
        KINDS.add(new Kind("a .gz file that is not gzip", "not-gzip.jsonl.gz", 1, Outcome.REJECTED, MALFORMED_LINE, null, null));
        KINDS.add(new Kind("Parquet with a wrong schema (other columns): row 1", "/pq-wrong/", 1, Outcome.REJECTED,
                MISSING_FIELD, null, null));
        KINDS.add(new Kind("Parquet with a wrong schema (other columns): row 2", "/pq-wrong/", 2, Outcome.REJECTED,
                MISSING_FIELD, null, null));
        KINDS.add(new Kind("Parquet with rating as a double: 4.5", "/pq-types/", 1, Outcome.REJECTED, BAD_RATING, null, null));
        KINDS.add(new Kind("Parquet: a good row beside it loads", "/pq-types/", 2, Outcome.LOADED, null, "event_id", "h-pq-2"));
        KINDS.add(new Kind("a .parquet file that is not Parquet (cut short)", "broken.parquet", 1, Outcome.REJECTED,
                MALFORMED_LINE, null, null));
    }

    static IngestResult result;
    static String log;

    @BeforeAll
    static void ingestTheCorpus() throws Exception {
        Path corpus = dir.resolve("corpus");
        CORPUS.write(corpus);
        writeTruncatedGzip(corpus.resolve("cut.jsonl.gz"));
        SparkSession spark = TestSpark.session();
        // a Parquet file of unrelated columns, one whose rating is a double, and a Parquet file cut short
        spark.read().json(spark.createDataset(List.of("{\"id\":\"a\",\"when\":\"2024\",\"who\":\"1012345678\"}",
                "{\"id\":\"b\",\"when\":\"2025\",\"who\":\"2098765432\"}"), Encoders.STRING()))
                .coalesce(1).write().parquet(corpus.resolve("pq-wrong").toString());
        spark.read().json(spark.createDataset(List.of(rated("h-pq-1", "#4.5"), Lines.event("event_id", "h-pq-2")),
                        Encoders.STRING()))
                .coalesce(1).write().parquet(corpus.resolve("pq-types").toString());
        Path part;
        try (Stream<Path> files = Files.list(corpus.resolve("pq-wrong"))) {
            part = files.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
        }
        byte[] whole = Files.readAllBytes(part);
        Files.write(corpus.resolve("broken.parquet"), Arrays.copyOf(whole, whole.length / 2));

        PersonalData.Captured err = new PersonalData.Captured();
        result = IngestJob.run(spark, new IngestConfig(List.of(corpus.toString()), null, null, db.settings(), Lines.KEY),
                err.stream);
        log = err.text();
    }

    static Stream<Kind> kinds() {
        return KINDS.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void eachKindHasItsOutcome(Kind kind) throws Exception {
        String where = "position(source_file, " + Jdbc.quote(kind.file()) + ") > 0"
                + (kind.outcome() == Outcome.NOTHING ? "" : " AND line_number = " + kind.line());
        try (Connection c = db.connect()) {
            List<String> rejected = Jdbc.queryStrings(c, "SELECT reason FROM rejected_records WHERE run_id = "
                    + Jdbc.quote(result.runId()) + " AND " + where);
            List<String> loaded = Jdbc.queryStrings(c, "SELECT toString(" + (kind.sql() == null ? "event_id" : kind.sql())
                    + ") FROM service_events WHERE " + where);
            switch (kind.outcome()) {
                case REJECTED -> {
                    assertThat(rejected).containsExactly(kind.reason().name());
                    assertThat(loaded).isEmpty();
                }
                case LOADED -> {
                    assertThat(loaded).containsExactly(kind.value());
                    assertThat(rejected).isEmpty();
                }
                case DUPLICATE, NOTHING -> {
                    assertThat(loaded).isEmpty();
                    assertThat(rejected).isEmpty();
                }
            }
        }
    }

    @Test
    void theCountsAddUpAndMatchTheTableExactly() throws Exception {
        assertThat(KINDS).hasSizeGreaterThanOrEqualTo(30);
        assertThat(result.linesRead()).isEqualTo(result.loaded() + result.rejected() + result.duplicates());
        assertThat(result.loaded()).isEqualTo(count(Outcome.LOADED));
        assertThat(result.rejected()).isEqualTo(count(Outcome.REJECTED));
        assertThat(result.duplicates()).isEqualTo(count(Outcome.DUPLICATE));
        // no surprise rows: every stored row is the row of a kind
        List<String> surprises = new ArrayList<>();
        try (Connection c = db.connect()) {
            for (String row : Jdbc.queryStrings(c, "SELECT concat('LOADED ', toString(line_number), ' ', source_file) "
                    + "FROM service_events UNION ALL SELECT concat('REJECTED ', toString(line_number), ' ', source_file) "
                    + "FROM rejected_records")) {
                if (KINDS.stream().noneMatch(k -> row.startsWith(k.outcome() + " " + k.line() + " ") && row.contains(k.file()))) {
                    surprises.add(row);
                }
            }
            assertThat(Jdbc.queryString(c, "SELECT concat(status, ' ', toString(lines_read = loaded + rejected + duplicates)) "
                    + "FROM ingest_runs FINAL WHERE run_id = " + Jdbc.quote(result.runId()))).isEqualTo("succeeded 1");
        }
        assertThat(surprises).isEmpty();
    }

    @Test
    void wholeFileFailuresSayWhichFileAndWhy() throws Exception {
        try (Connection c = db.connect()) {
            assertThat(detail(c, "cut.jsonl.gz")).startsWith("the file breaks off after line 1: ");
            assertThat(detail(c, "not-gzip.jsonl.gz")).startsWith("the file cannot be read: ").contains("GZIP");
            assertThat(detail(c, "broken.parquet")).startsWith("the file cannot be read as Parquet: ");
            assertThat(detail(c, "pq-wrong")).isEqualTo("missing: event_id, ts, agency, service, channel, event, beneficiary_id");
            assertThat(Jdbc.queryString(c, "SELECT detail FROM rejected_records WHERE position(raw_masked, 'h-utf8') > 0"))
                    .isEqualTo("line 6 is not valid UTF-8 (bad bytes at character " + (UTF8_AT + 1) + ", shown as \uFFFD)");
        }
    }

    @Test
    void rejectedTextIsMaskedAndCutAndNoRawIdIsStoredOrPrinted() throws Exception {
        try (Connection c = db.connect()) {
            String big = Jdbc.queryString(c, "SELECT raw_masked FROM rejected_records WHERE position(source_file, 'big.jsonl') > 0");
            assertThat(big).startsWith("{\"event_id\":\"h-big-bad\"").contains("\"beneficiary_id\":\"7x****")
                    .endsWith("... (cut: " + Lines.event("event_id", "h-big-bad", "channel", "fax", "beneficiary_id",
                            "7" + TEN_MB).length() + " characters in all)")
                    .hasSizeLessThan(LineCheck.MAX_AUDIT_CHARS + 50);
            assertThat(Jdbc.queryString(c, "SELECT raw_masked FROM rejected_records WHERE position(raw_masked, 'XYZ') > 0"))
                    .contains("\"beneficiary_id\":\"PX***********\"");
        }
        assertThat(PersonalData.scannedTables(db)).contains("service_events", "rejected_records", "ingest_runs");
        assertThat(PersonalData.leaksInDatabase(db, RAW_IDS)).isEmpty();
        assertThat(PersonalData.leaksInText("the job's output", log, RAW_IDS)).isEmpty();
    }

    // ------------------------------------------------------------------ the corpus

    private static long count(Outcome outcome) {
        return KINDS.stream().filter(k -> k.outcome() == outcome).count();
    }

    private static String detail(Connection c, String file) throws Exception {
        return Jdbc.queryString(c, "SELECT any(detail) FROM rejected_records WHERE position(source_file, "
                + Jdbc.quote(file) + ") > 0");
    }

    private static void loaded(String name, String file, String line, String sql, String value) {
        KINDS.add(new Kind(name, file, CORPUS.add(file, line), Outcome.LOADED, null, sql, value));
    }

    private static void rejected(String name, String file, String line, RejectReason reason) {
        rejected(name, file, bytes(line), reason);
    }

    private static void rejected(String name, String file, byte[] line, RejectReason reason) {
        KINDS.add(new Kind(name, file, CORPUS.add(file, line), Outcome.REJECTED, reason, null, null));
    }

    private static void duplicate(String name, String file, String line) {
        KINDS.add(new Kind(name, file, CORPUS.add(file, line), Outcome.DUPLICATE, null, null, null));
    }

    private static String rated(String id, String rating) {
        return Lines.event("event_id", id, "event", "rated", "rating", rating, "beneficiary_id", null,
                "duration_ms", null);
    }

    /** One good line, then the stream stops at a flush point: no final block, no trailer. */
    private static void writeTruncatedGzip(Path file) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        GZIPOutputStream gzip = new GZIPOutputStream(bytes, true);
        gzip.write(bytes(Lines.event("event_id", "h-gz-1") + "\n"));
        gzip.flush();
        int cut = bytes.size();
        gzip.write(bytes(Lines.event("event_id", "h-gz-2") + "\n"));
        gzip.close();
        Files.write(file, Arrays.copyOf(bytes.toByteArray(), cut));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** The corpus files as lines of bytes; {@link #add} gives the line's number in its file. */
    static final class Corpus {
        private final Map<String, List<byte[]>> files = new LinkedHashMap<>();

        long add(String file, String line) {
            return add(file, bytes(line));
        }

        long add(String file, byte[] line) {
            List<byte[]> lines = files.computeIfAbsent(file, f -> new ArrayList<>());
            if (line.length > 0 || lines.isEmpty()) {
                lines.add(line);
            }
            return lines.size();
        }

        void write(Path folder) throws IOException {
            Files.createDirectories(folder);
            for (Map.Entry<String, List<byte[]>> file : files.entrySet()) {
                try (OutputStream out = Files.newOutputStream(folder.resolve(file.getKey()))) {
                    for (byte[] line : file.getValue()) {
                        out.write(line);
                        if (line.length > 0) {
                            out.write('\n');
                        }
                    }
                }
            }
        }
    }
}
