package org.tahawul.ingest;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.tahawul.datasets.contract.RejectReason;
import org.tahawul.datasets.generator.Generator;
import org.tahawul.datasets.generator.GeneratorConfig;
import org.tahawul.datasets.generator.GeneratorResult;
import org.tahawul.warehouse.Jdbc;
import org.tahawul.warehouse.testing.TestDatabase;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The job end to end against the local ClickHouse, on generated logs with bad lines and duplicates. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IngestJobIT {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.migrated();

    @TempDir
    static Path dir;

    static Path sample;
    static GeneratorResult generated;
    /** What every run of this class prints, kept to look for personal data in it. */
    static final PersonalData.Captured err = new PersonalData.Captured();

    @BeforeAll
    static void generate() throws IOException {
        sample = dir.resolve("sample");
        generated = new Generator(Lines.REFERENCE, new GeneratorConfig(sample, 20_000, YearMonth.of(2024, 1),
                YearMonth.of(2024, 3), 7, 0.03, null)).run(null);
        assertThat(generated.badLines()).isPositive();
        assertThat(generated.duplicates()).isPositive();
    }

    private static IngestResult ingest(String... inputs) {
        return IngestJob.run(TestSpark.session(), config(inputs), err.stream);
    }

    private static IngestConfig config(String... inputs) {
        return new IngestConfig(List.of(inputs), null, null, db.settings(), Lines.KEY);
    }

    private static long query(String sql) throws Exception {
        return db.queryLong(sql);
    }

    @Test
    @Order(1)
    void aFirstRunLoadsEveryValidEventOnceAndRejectsEveryBadLineWithItsReason() throws Exception {
        IngestResult result = ingest(sample.toString());

        assertThat(result.linesRead()).isEqualTo(generated.lines());
        assertThat(result.loaded()).isEqualTo(generated.events());
        assertThat(result.rejected()).isEqualTo(generated.badLines());
        assertThat(result.duplicates()).isEqualTo(generated.duplicates());
        assertThat(result.months()).containsExactly(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 2, 1),
                LocalDate.of(2024, 3, 1));
        assertThat(query("SELECT count() FROM service_events")).isEqualTo(generated.events());
        assertThat(query("SELECT uniqExact(event_id) FROM service_events")).isEqualTo(generated.events());

        Map<String, Long> reasons = new HashMap<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT reason, count() FROM rejected_records GROUP BY reason")) {
            while (rs.next()) {
                reasons.put(rs.getString(1), rs.getLong(2));
            }
        }
        Map<String, Long> expected = new HashMap<>();
        generated.rejectReasons().forEach((reason, n) -> expected.put(reason.name(), n));
        assertThat(reasons).isEqualTo(expected);
        assertThat(reasons.keySet()).hasSize(RejectReason.values().length);
        assertThat(query("SELECT count() FROM rejected_records WHERE source_file = '' OR line_number = 0 OR raw_masked = ''"))
                .isZero();

        assertRunRecorded(result, "succeeded");
        assertThat(query("SELECT count() FROM system.tables WHERE database = currentDatabase() AND position(name, '_stage_') > 0"))
                .isZero();
    }

    private static void assertRunRecorded(IngestResult result, String status) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT status, lines_read, loaded, rejected, duplicates, files, length(months), "
                     + "lines_read = loaded + rejected + duplicates, finished_at IS NOT NULL FROM ingest_runs FINAL "
                     + "WHERE run_id = " + Jdbc.quote(result.runId()))) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(status);
            assertThat(rs.getLong(2)).isEqualTo(result.linesRead());
            assertThat(rs.getLong(3)).isEqualTo(result.loaded());
            assertThat(rs.getLong(4)).isEqualTo(result.rejected());
            assertThat(rs.getLong(5)).isEqualTo(result.duplicates());
            assertThat(rs.getInt(6)).isEqualTo(result.files());
            assertThat(rs.getInt(7)).isEqualTo(result.months().size());
            assertThat(rs.getBoolean(8)).isTrue();
            assertThat(rs.getBoolean(9)).isTrue();
        }
    }

    @Test
    @Order(2)
    void aSecondIdenticalRunChangesNothing() throws Exception {
        IngestResult again = ingest(sample.toString());

        assertThat(again.linesRead()).isEqualTo(generated.lines());
        assertThat(again.loaded()).isZero();
        assertThat(again.rejected()).isEqualTo(generated.badLines());
        assertThat(again.duplicates()).isEqualTo(generated.events() + generated.duplicates());
        assertThat(query("SELECT count() FROM service_events")).isEqualTo(generated.events());
        assertRunRecorded(again, "succeeded");
    }

    @Test
    @Order(3)
    void overlappingInputsCountEachEventOnce() throws Exception {
        List<Path> files = dayFiles();
        List<String> old = readLines(files.get(10));
        Path drop = dir.resolve("drop");
        Files.createDirectories(drop);
        List<String> lines = new ArrayList<>(old.subList(0, 40));
        for (int i = 0; i < 25; i++) {
            lines.add(Lines.event("event_id", "overlap-new-" + i, "ts", "2024-02-10T10:00:00+03:00"));
        }
        Files.write(drop.resolve("late-drop.jsonl"), lines, StandardCharsets.UTF_8);
        long before = query("SELECT count() FROM service_events");

        // the new drop plus two files of the sample named again
        IngestResult result = ingest(drop.toString(), files.get(10).toString(), files.get(11).toString());

        assertThat(result.loaded()).isEqualTo(25);
        assertThat(query("SELECT count() FROM service_events")).isEqualTo(before + 25);
        assertThat(result.linesRead()).isEqualTo(result.loaded() + result.rejected() + result.duplicates());
        assertThat(result.files()).isEqualTo(3);
    }

    @Test
    @Order(4)
    void theMonthIsTheRiyadhCalendarMonth() throws Exception {
        Path file = dir.resolve("boundary.jsonl");
        Files.write(file, List.of(
                Lines.event("event_id", "boundary-feb", "ts", "2023-01-31T21:10:00Z"),
                Lines.event("event_id", "boundary-jan", "ts", "2023-01-31T20:59:00Z")), StandardCharsets.UTF_8);

        ingest(file.toString());

        assertThat(db.queryLong("SELECT toYYYYMM(month) FROM service_events WHERE event_id = 'boundary-feb'")).isEqualTo(202302);
        assertThat(db.queryLong("SELECT toYYYYMM(month) FROM service_events WHERE event_id = 'boundary-jan'")).isEqualTo(202301);
        assertThat(db.queryLong("SELECT toUnixTimestamp(ts) FROM service_events WHERE event_id = 'boundary-feb'"))
                .isEqualTo(java.time.Instant.parse("2023-01-31T21:10:00Z").getEpochSecond());
    }

    @Test
    @Order(5)
    void aRunStoppedHalfWayIsResumedExactlyByTheNextRun() throws Exception {
        Path other = dir.resolve("other");
        GeneratorResult second = new Generator(Lines.REFERENCE, new GeneratorConfig(other, 6_000, YearMonth.of(2021, 11),
                YearMonth.of(2022, 2), 11, 0.0, null)).run(null);
        String months = "month BETWEEN '2021-11-01' AND '2022-02-01'";

        // a year's months are published together: the run stops after 2021 and before 2022
        assertThatThrownBy(() -> IngestJob.run(TestSpark.session(), config(other.toString()), err.stream, month -> {
            throw new IllegalStateException("stopped after " + month);
        })).hasMessageContaining("stopped after 2021-11-01");
        long firstYear = query("SELECT count() FROM service_events WHERE month BETWEEN '2021-11-01' AND '2021-12-01'");
        assertThat(firstYear).isPositive();
        assertThat(query("SELECT count() FROM service_events WHERE month = '2021-12-01'")).isPositive();
        assertThat(query("SELECT count() FROM service_events WHERE " + months)).isEqualTo(firstYear);
        assertThat(query("SELECT count() FROM ingest_runs FINAL WHERE status = 'failed' AND error LIKE '%stopped after%'"))
                .isEqualTo(1);

        IngestResult resumed = ingest(other.toString());

        assertThat(resumed.loaded()).isEqualTo(second.events() - firstYear);
        assertThat(resumed.duplicates()).isEqualTo(firstYear);
        assertThat(query("SELECT count() FROM service_events WHERE " + months)).isEqualTo(second.events());
    }

    @Test
    @Order(6)
    void oneIngestAtATimeAndTheLeftoversOfADeadRunAreCleanedUp() throws Exception {
        Path file = dir.resolve("one.jsonl");
        Files.write(file, List.of(Lines.event("event_id", "one-at-a-time")), StandardCharsets.UTF_8);
        db.execute("INSERT INTO ingest_runs (run_id, status, started_at, updated_at) "
                + "VALUES ('live_run', 'running', now64(3) - 10, now64(3))");

        assertThatThrownBy(() -> ingest(file.toString())).isInstanceOf(IngestException.class)
                .hasMessageContaining("another ingest run (live_run");

        db.execute("INSERT INTO ingest_runs (run_id, status, started_at, updated_at) "
                + "VALUES ('live_run', 'succeeded', now64(3) - 10, now64(3) + 1)");
        db.execute("INSERT INTO ingest_runs (run_id, status, started_at, updated_at) "
                + "VALUES ('dead_run', 'running', now64(3) - 3600, now64(3) - 600)");
        db.execute("CREATE TABLE service_events_stage_dead_run AS service_events ENGINE = MergeTree ORDER BY event_id");
        db.execute("CREATE TABLE rejected_records_stage_orphan AS rejected_records ENGINE = MergeTree ORDER BY line_number");

        IngestResult result = ingest(file.toString());

        assertThat(result.loaded()).isEqualTo(1);
        try (Connection c = db.connect()) {
            assertThat(Jdbc.queryString(c, "SELECT status FROM ingest_runs FINAL WHERE run_id = 'dead_run'")).isEqualTo("failed");
            assertThat(Jdbc.queryStrings(c, "SELECT name FROM system.tables WHERE database = currentDatabase() "
                    + "AND position(name, '_stage_') > 0")).isEmpty();
        }
    }

    @Test
    @Order(7)
    void csvAndParquetLogsLoadLikeJsonLines() throws Exception {
        Path csv = dir.resolve("drop.csv");
        Files.write(csv, List.of(
                "\uFEFFts,event_id,agency,service,channel,event,beneficiary_id,duration_ms,note",
                "2024-04-02T09:00:00+03:00,csv-1,MOI,MOI-NID-RENEW,counter,completed,1087654321,60000,\"a, quoted note\"",
                "",
                "2024-04-02T09:00:00+03:00,csv-2,MOX,MOI-NID-RENEW,web,completed,1087654322,,x",
                "2024-04-02T09:00:00+03:00,\"csv-3"), StandardCharsets.UTF_8);
        Path parquet = dir.resolve("parquet");
        TestSpark.session().read().json(TestSpark.session().createDataset(List.of(
                        Lines.event("event_id", "pq-1", "duration_ms", "#1200"),
                        Lines.event("event_id", "pq-2", "channel", "fax")), org.apache.spark.sql.Encoders.STRING()))
                .coalesce(1).write().parquet(parquet.toString());

        IngestResult result = ingest(csv.toString(), parquet.toString());

        assertThat(result.loaded()).isEqualTo(2);
        assertThat(result.rejected()).isEqualTo(3);
        try (Connection c = db.connect()) {
            assertThat(Jdbc.queryStrings(c, "SELECT concat(reason, ' ', toString(line_number)) FROM rejected_records "
                    + "WHERE run_id = " + Jdbc.quote(result.runId()) + " ORDER BY source_file, line_number"))
                    .containsExactly("UNKNOWN_AGENCY 4", "MALFORMED_LINE 5", "UNKNOWN_CHANNEL 2");
            assertThat(Jdbc.queryString(c, "SELECT concat(channel, ' ', toString(is_digital), ' ', toString(duration_ms)) "
                    + "FROM service_events WHERE event_id = 'csv-1'")).isEqualTo("counter false 60000");
            assertThat(Jdbc.queryString(c, "SELECT toString(duration_ms) FROM service_events WHERE event_id = 'pq-1'"))
                    .isEqualTo("1200");
        }
    }

    @Test
    @Order(8)
    void noRawBeneficiaryIdIsStoredAnywhere() throws Exception {
        Set<String> raw = new HashSet<>(Set.of("1012345678", "1087654321", "1087654322"));
        Pattern id = Pattern.compile("\"beneficiary_id\":\"([0-9]+)\"");
        for (Path file : dayFiles()) {
            for (String line : readLines(file)) {
                Matcher m = id.matcher(line);
                while (m.find()) {
                    raw.add(m.group(1));
                }
            }
        }
        assertThat(raw).hasSizeGreaterThan(1000);
        // every String column of every table of the database (stages and plans are gone after each run)
        assertThat(PersonalData.scannedTables(db)).contains("service_events", "rejected_records", "ingest_runs",
                "ref_services");
        assertThat(PersonalData.leaksInDatabase(db, raw)).isEmpty();
        assertThat(PersonalData.leaksInText("the job's output", err.text(), raw)).isEmpty();
        // rejected lines keep their beneficiary ids masked (the generator's bad lines carry them)
        assertThat(query("SELECT count() FROM rejected_records WHERE match(raw_masked, '\"beneficiary_id\":\"[0-9]{2}\\\\*{8}\"')"))
                .isPositive();
    }

    private static final String SAMPLE_MONTHS = "month BETWEEN '2024-01-01' AND '2024-03-01'";

    @Test
    @Order(9)
    void curatedParquetHoldsEachTouchedMonthAsTheWarehouseDoesAndIsReplacedNotAppended() throws Exception {
        Path curated = dir.resolve("curated");
        IngestConfig withCurated = new IngestConfig(List.of(sample.toString()), null, null, db.settings(), Lines.KEY,
                curated.toString());
        for (int run = 1; run <= 2; run++) { // the second run loads nothing new and writes the same months again
            IngestResult result = IngestJob.run(TestSpark.session(), withCurated, err.stream);
            assertThat(result.months()).hasSize(3);

            Map<String, Long> inFiles = new HashMap<>();
            var parquet = TestSpark.session().read().parquet(curated.toString());
            assertThat(parquet.schema().apply("month").dataType().typeName()).isEqualTo("date");
            assertThat(List.of(parquet.schema().fieldNames())).contains("beneficiary_key", "event_id", "ts", "run_id")
                    .doesNotContain("beneficiary_id");
            for (var row : parquet.groupBy("month").count().collectAsList()) {
                inFiles.put(row.get(0).toString(), row.getLong(1));
            }
            Map<String, Long> inWarehouse = new HashMap<>();
            try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT toString(month), count() FROM service_events WHERE " + SAMPLE_MONTHS + " GROUP BY month")) {
                while (rs.next()) {
                    inWarehouse.put(rs.getString(1), rs.getLong(2));
                }
            }
            // only the sample's months (earlier tests loaded others, which this run did not touch)
            assertThat(inFiles).as("run %d", run).isEqualTo(inWarehouse).hasSize(3);
            assertThat(parquet.select("event_id").distinct().count())
                    .isEqualTo(query("SELECT count() FROM service_events WHERE " + SAMPLE_MONTHS));
            try (var folders = Files.list(curated)) {
                assertThat(folders.map(p -> p.getFileName().toString()).sorted().toList())
                        .containsExactly("month=2024-01-01", "month=2024-02-01", "month=2024-03-01");
            }
            try (var files = Files.list(curated.resolve("month=2024-02-01"))) {
                assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".parquet")).toList())
                        .containsExactly("part-00000.parquet");
            }
        }
    }

    private static List<Path> dayFiles() throws IOException {
        try (var stream = Files.list(sample)) {
            return stream.filter(p -> p.getFileName().toString().endsWith(".jsonl.gz")).sorted().toList();
        }
    }

    private static List<String> readLines(Path gz) throws IOException {
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(gz)),
                StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank() && line.contains("\"event_id\"") && line.endsWith("}")) {
                    lines.add(line);
                }
            }
        }
        return lines;
    }
}
