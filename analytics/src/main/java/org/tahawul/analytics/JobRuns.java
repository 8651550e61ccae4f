package org.tahawul.analytics;

import org.tahawul.warehouse.BulkInsert;
import org.tahawul.warehouse.ClickHouseSettings;
import org.tahawul.warehouse.Jdbc;
import org.tahawul.warehouse.RunRows;
import org.tahawul.warehouse.Tables;

import java.sql.Connection;
import java.sql.Date;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The audit row of a run in {@code job_runs}, kept as {@link RunRows} says: 'running' when the run starts
 * and again every {@link #HEARTBEAT} while it works, then 'succeeded' or 'failed'. A 'running' row without
 * a heartbeat for {@link #DEAD_AFTER} belongs to a run that died: the next run marks it failed and drops
 * its scratch tables ({@link #start}). Runs may overlap; a live run's tables are never touched.
 */
final class JobRuns {

    static final String JOB = "analytics";
    static final Duration HEARTBEAT = RunRows.HEARTBEAT;
    static final Duration DEAD_AFTER = RunRows.DEAD_AFTER;
    private static final List<String> COLUMNS = List.of("run_id", "job", "status", "started_at", "finished_at",
            "updated_at", "from_month", "to_month", "months", "parameters", "rows_written", "total_seconds", "error");

    private final ClickHouseSettings settings;
    private final String runId;
    private final Instant startedAt;
    private final String parameters;
    private volatile YearMonth from;
    private volatile YearMonth to;
    private volatile List<YearMonth> months = List.of();
    private ScheduledExecutorService heartbeat;

    JobRuns(ClickHouseSettings settings, String runId, Instant startedAt, String parameters) {
        this.settings = settings;
        this.runId = runId;
        this.startedAt = startedAt;
        this.parameters = parameters;
    }

    /**
     * Cleans up after dead runs (no heartbeat for {@code deadAfter}: marked failed, their scratch tables
     * dropped; so are scratch tables of runs that are not running at all), then records this run as
     * running and starts its heartbeat.
     */
    void start(Duration deadAfter, Consumer<String> log) throws SQLException {
        try (Connection c = settings.connect()) {
            // tables first: a table listed here was made by a run that had already written its 'running'
            // row, so the query below sees that run (and keeps its tables while it lives)
            Map<String, List<String>> scratch = ScratchTables.byRun(c, settings.database());
            String running = " FROM " + Tables.JOB_RUNS + " FINAL WHERE job = " + Jdbc.quote(JOB)
                    + " AND status = 'running' AND updated_at ";
            String since = "now64(3) - toIntervalMillisecond(" + deadAfter.toMillis() + ")";
            Set<String> live = new HashSet<>();
            for (String run : Jdbc.queryStrings(c, "SELECT run_id" + running + ">= " + since)) {
                live.add(ScratchTables.suffix(run));
            }
            List<String> dead = Jdbc.queryStrings(c, "SELECT run_id" + running + "< " + since + " ORDER BY started_at");
            if (!dead.isEmpty()) {
                log.accept("runs without a heartbeat for " + seconds(deadAfter) + " marked failed: " + String.join(", ", dead));
                RunRows.markFailed(c, Tables.JOB_RUNS, dead, "the run died (no heartbeat for " + seconds(deadAfter)
                        + "); found by run " + runId + "; what it had published stays until a run succeeds");
            }
            for (Map.Entry<String, List<String>> run : scratch.entrySet()) {
                if (!live.contains(run.getKey())) {
                    log.accept("dropping the scratch tables of a run that is not running: "
                            + String.join(", ", run.getValue()));
                    ScratchTables.drop(c, run.getValue());
                }
            }
        }
        write("running", null, 0, 0, "");
        heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "analytics-heartbeat");
            t.setDaemon(true);
            return t;
        });
        heartbeat.scheduleWithFixedDelay(this::beat, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The months the run computes, on its 'running' rows from now on. */
    void planned(YearMonth first, YearMonth last, List<YearMonth> all) {
        this.from = first;
        this.to = last;
        this.months = List.copyOf(all);
    }

    /** Stops the heartbeat, then writes the final row. */
    void finished(String status, long rows, double seconds, String error) throws SQLException {
        if (heartbeat != null) {
            heartbeat.shutdown(); // cancels the next beats, lets one in flight finish
            try {
                // a heartbeat in flight must land before the final row, or its later updated_at would win
                heartbeat.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        write(status, Instant.now(), rows, seconds, error == null ? "" : error);
    }

    private void beat() {
        try {
            write("running", null, 0, 0, "");
        } catch (SQLException | RuntimeException e) {
            // the next beat tries again; a run that misses beats for DEAD_AFTER may be taken for dead
            System.err.println("analytics: could not write the heartbeat to job_runs: " + e.getMessage());
        }
    }

    private void write(String status, Instant finishedAt, long rows, double seconds, String error) throws SQLException {
        try (BulkInsert insert = BulkInsert.open(settings, Tables.JOB_RUNS, COLUMNS)) {
            insert.add(runId, JOB, status, startedAt, finishedAt, Instant.now(), date(from), date(to),
                    months.stream().map(JobRuns::date).toList(), parameters, rows, seconds, error);
        }
    }

    private static String seconds(Duration d) {
        return d.toSeconds() >= 60 && d.toSeconds() % 60 == 0 ? d.toMinutes() + " min" : d.toMillis() / 1000.0 + " s";
    }

    private static Date date(YearMonth month) {
        return month == null ? null : Date.valueOf(month.atDay(1));
    }
}
