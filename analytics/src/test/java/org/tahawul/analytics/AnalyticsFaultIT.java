package org.tahawul.analytics;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tahawul.warehouse.Jdbc;
import org.tahawul.warehouse.Tables;
import org.tahawul.warehouse.testing.LocalClickHouse;
import org.tahawul.warehouse.testing.TestDatabase;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The job killed in the middle of a run (SIGKILL, a process of its own): what the dashboard's tables
 * show afterwards, and how the next run recovers. {@link FrozenAnalyticsJob} stops the job right after
 * a chosen progress line, then the test kills it, so the kill point is exact:
 * <ol>
 *   <li>after everything is staged, before anything is published: every table still holds the last
 *       complete run, to the row and run_id;</li>
 *   <li>after kpi_monthly is published, before the other tables are: kpi_monthly holds the dead run
 *       (whole months of it), the other tables the last complete run (docs/analytics.md "Failures");</li>
 *   <li>the next run marks both dead runs failed, drops their scratch tables and writes what a run on a
 *       fresh database writes.</li>
 * </ol>
 * Between the complete run and the killed ones, events are added, so that old and new rows differ.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AnalyticsFaultIT {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.migrated();

    /** Where a run without any fault computes the same events, for comparison. */
    @RegisterExtension
    static final TestDatabase fresh = TestDatabase.migrated();

    static final List<String> OUTPUTS = List.of(Tables.KPI_MONTHLY, Tables.KPI_PERIOD, Tables.AGENCY_MATURITY,
            Tables.KPI_TARGET_PROGRESS);
    static final Clock CLOCK = Clock.system(AnalyticsJob.RIYADH);
    static final Duration CHILD_TIMEOUT = Duration.ofMinutes(4);

    /** The outputs of the last complete run: every column, run_id and computed_at included. */
    static Map<String, List<String>> complete;
    static String completeRun;
    static final List<String> killedRuns = new ArrayList<>();
    static long killedAt;

    Child child;

    @BeforeAll
    static void aCompleteRunThenMoreEvents() throws Exception {
        try (WarehouseEvents e = WarehouseEvents.into(db.settings())) {
            e.add("2024-01-10T08:00:00Z", "SPL-NATIONAL-ADDRESS", "web", "started", "s1", "k1", null, null);
            e.add("2024-01-10T08:10:00Z", "SPL-NATIONAL-ADDRESS", "web", "completed", "s1", "k1", 120_000L, null);
            e.add("2024-01-11T08:00:00Z", "SPL-ADDRESS-PROOF", "counter", "completed", null, "k2", 600_000L, null);
            e.add("2024-02-12T08:00:00Z", "MOTLS-ROW-PERMIT", "web", "completed", null, "k3", 1_000L, null);
            e.add("2024-02-13T08:00:00Z", "MOTLS-ROW-PERMIT", "web", "rated", null, null, null, 4);
        }
        completeRun = AnalyticsJob.run(SparkTestSession::get, AnalyticsConfig.defaults(), db.settings(), CLOCK).runId();
        complete = outputs(db, "*");
        assertThat(complete.get(Tables.KPI_MONTHLY)).isNotEmpty();
        try (WarehouseEvents e = WarehouseEvents.into(db.settings())) {
            e.add("2024-02-14T08:00:00Z", "SPL-NATIONAL-ADDRESS", "mobile", "completed", null, "k4", 60_000L, null);
            e.add("2024-02-15T08:00:00Z", "SPL-NATIONAL-ADDRESS", "mobile", "rated", null, null, null, 2);
            e.add("2024-03-02T08:00:00Z", "MOTLS-ROW-PERMIT", "counter", "completed", null, "k5", null, null);
        }
    }

    @AfterEach
    void noChildLeft() {
        if (child != null) {
            child.kill();
        }
    }

    @Test
    @Order(1)
    void killedBeforePublishingReadersKeepTheLastCompleteRun() throws Exception {
        String run = startFrozenAfter("] staged: ");

        // while it lives (its heartbeat goes on), another run's clean-up leaves its tables alone
        List<String> scratch = scratchTablesOf(run);
        assertThat(scratch).as("the counting tables and the four staging copies").hasSize(6);
        List<String> cleanup = new ArrayList<>();
        JobRuns probe = new JobRuns(db.settings(), "analytics-fault-it-probe", Instant.now(), "probe");
        probe.start(JobRuns.DEAD_AFTER, cleanup::add);
        probe.finished("failed", 0, 0, "a probe of the clean-up, not a run");
        assertThat(scratchTablesOf(run)).isEqualTo(scratch);
        assertThat(cleanup).isEmpty();

        child.kill();
        assertThat(outputs(db, "*")).isEqualTo(complete);
        assertThat(status(run)).isEqualTo("running");
        assertThat(scratchTablesOf(run)).as("left behind by the dead run").isEqualTo(scratch);
    }

    @Test
    @Order(2)
    void killedBetweenPublishesKpiMonthlyIsTheDeadRunsTheRestTheLastCompleteRun() throws Exception {
        String run = startFrozenAfter("] kpi_monthly: published");
        child.kill();

        Map<String, List<String>> now = outputs(db, "*");
        for (String table : List.of(Tables.KPI_PERIOD, Tables.AGENCY_MATURITY, Tables.KPI_TARGET_PROGRESS)) {
            assertThat(now.get(table)).as(table).isEqualTo(complete.get(table));
        }
        assertThat(now.get(Tables.KPI_MONTHLY)).isNotEqualTo(complete.get(Tables.KPI_MONTHLY));
        assertThat(strings("SELECT DISTINCT run_id FROM kpi_monthly"))
                .as("every month of kpi_monthly is the dead run's, none half-replaced").containsExactly(run);
        assertThat(db.queryLong("SELECT transactions FROM kpi_monthly WHERE month = '2024-02-01'"
                + " AND scope_type = 'national'")).isEqualTo(2);
        assertThat(status(run)).isEqualTo("running");
    }

    @Test
    @Order(3)
    void theNextRunCleansUpAfterTheDeadRunsAndWritesWhatACleanRunWrites() throws Exception {
        // both dead runs' rows are at most this old; a real re-run waits JobRuns.DEAD_AFTER (3 minutes)
        Duration deadAfter = Duration.ofSeconds(2);
        Thread.sleep(Math.max(0, killedAt + deadAfter.toMillis() + 500 - System.currentTimeMillis()));
        String rerun = AnalyticsJob.run(SparkTestSession::get, AnalyticsConfig.defaults(), db.settings(), CLOCK,
                deadAfter).runId();

        try (Connection c = db.connect()) {
            assertThat(ScratchTables.byRun(c, db.name())).as("scratch tables left in " + db.name()).isEmpty();
        }
        for (String dead : killedRuns) {
            assertThat(status(dead)).isEqualTo("failed");
            assertThat(strings("SELECT error FROM job_runs FINAL WHERE run_id = " + Jdbc.quote(dead)))
                    .singleElement().asString().contains("the run died", rerun);
        }
        assertThat(status(rerun)).isEqualTo("succeeded");
        assertThat(status(completeRun)).isEqualTo("succeeded");
        for (String table : OUTPUTS) {
            assertThat(strings("SELECT DISTINCT run_id FROM " + table)).as(table)
                    .containsExactly(rerun);
        }

        db.execute("INSERT INTO " + fresh.name() + ".service_events SELECT * FROM " + db.name() + ".service_events");
        AnalyticsJob.run(SparkTestSession::get, AnalyticsConfig.defaults(), fresh.settings(), CLOCK);
        String values = "* EXCEPT (run_id, computed_at)";
        assertThat(outputs(db, values)).isEqualTo(outputs(fresh, values));
        assertThat(outputs(db, values).get(Tables.KPI_MONTHLY)).hasSizeGreaterThan(50);
    }

    // ------------------------------------------------------------------ helpers

    /** Starts the job in a process of its own, frozen after the progress line with {@code marker}; its run id. */
    String startFrozenAfter(String marker) throws Exception {
        child = Child.frozenAfter(marker);
        String run = child.runId();
        killedRuns.add(run);
        return run;
    }

    /** Every row of the four outputs, as text, in order. */
    static Map<String, List<String>> outputs(TestDatabase database, String columns) throws Exception {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String table : OUTPUTS) {
            List<String> rows = new ArrayList<>();
            try (Connection c = database.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT " + columns + " FROM " + table + " ORDER BY ALL")) {
                ResultSetMetaData meta = rs.getMetaData();
                while (rs.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        row.append(i > 1 ? " | " : "").append(rs.getString(i));
                    }
                    rows.add(row.toString());
                }
            }
            out.put(table, rows);
        }
        return out;
    }

    static String status(String run) throws Exception {
        List<String> status = strings("SELECT status FROM job_runs FINAL WHERE run_id = " + Jdbc.quote(run));
        assertThat(status).as("job_runs rows of " + run).hasSize(1);
        return status.get(0);
    }

    static List<String> strings(String sql) throws Exception {
        try (Connection c = db.connect()) {
            return Jdbc.queryStrings(c, sql);
        }
    }

    static List<String> scratchTablesOf(String run) throws Exception {
        try (Connection c = db.connect()) {
            return ScratchTables.byRun(c, db.name()).getOrDefault(ScratchTables.suffix(run), List.of());
        }
    }

    /** The job in a JVM of its own, frozen after a progress line ({@link FrozenAnalyticsJob}). */
    static final class Child {

        private static final Pattern RUN = Pattern.compile("\\] plan: .* run (analytics-\\S+)");

        private final Process process;
        private final List<String> lines = new ArrayList<>();

        private Child(Process process) {
            this.process = process;
            Thread reader = new Thread(this::read, "analytics-child-output");
            reader.setDaemon(true);
            reader.start();
        }

        /** Starts the job and returns once it has printed {@code marker} and stopped. */
        static Child frozenAfter(String marker) throws Exception {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            // the flags this JVM got from the build (surefire.argLine): Spark's --add-opens and friends
            ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                    .filter(a -> a.startsWith("--add-opens") || a.startsWith("-D") || a.startsWith("-XX:"))
                    .forEach(command::add);
            command.addAll(List.of("-Xmx1g", "-Dspark.ui.enabled=false",
                    "-Dlog4j2.configurationFile=tahawul-analytics-log4j2.properties",
                    "-cp", System.getProperty("java.class.path"), FrozenAnalyticsJob.class.getName(), marker,
                    "--master", "local[2]"));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            Map<String, String> env = builder.environment();
            env.keySet().removeIf(k -> k.startsWith("TAHAWUL_"));
            env.put("TAHAWUL_CLICKHOUSE_URL", LocalClickHouse.jdbcUrl());
            env.put("TAHAWUL_CLICKHOUSE_USER", LocalClickHouse.user());
            env.put("TAHAWUL_CLICKHOUSE_PASSWORD", LocalClickHouse.password());
            env.put("TAHAWUL_DATABASE", db.name());
            env.put("SPARK_LOCAL_IP", "127.0.0.1");
            Child child = new Child(builder.start());
            child.awaitLine(FrozenAnalyticsJob.FROZEN);
            return child;
        }

        String runId() {
            synchronized (lines) {
                for (String line : lines) {
                    Matcher m = RUN.matcher(line);
                    if (m.find()) {
                        return m.group(1);
                    }
                }
            }
            return fail("no plan line with the run id in the job's output:\n" + output());
        }

        /** SIGKILL: no shutdown hook, no finally block runs. */
        void kill() {
            if (process.isAlive()) {
                process.destroyForcibly();
                try {
                    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the job died").isTrue();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                killedAt = System.currentTimeMillis();
            }
        }

        private void awaitLine(String text) throws InterruptedException {
            long deadline = System.nanoTime() + CHILD_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                synchronized (lines) {
                    if (lines.stream().anyMatch(l -> l.contains(text))) {
                        return;
                    }
                    if (!process.isAlive() && lines.stream().noneMatch(l -> l.contains(text))) {
                        lines.wait(500); // the last lines may still be in the pipe
                        if (lines.stream().noneMatch(l -> l.contains(text))) {
                            fail("the job ended (exit " + process.exitValue() + ") before '" + text + "':\n" + output());
                        }
                    }
                    lines.wait(200);
                }
            }
            kill();
            fail("no '" + text + "' from the job within " + CHILD_TIMEOUT + ":\n" + output());
        }

        private void read() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    System.err.println("  [killed job] " + line);
                    synchronized (lines) {
                        lines.add(line);
                        lines.notifyAll();
                    }
                }
            } catch (java.io.IOException e) {
                // the process was killed
            }
        }

        private String output() {
            synchronized (lines) {
                return String.join("\n", lines);
            }
        }
    }
}
