package org.tahawul.ingest;

import org.tahawul.warehouse.BulkInsert;
import org.tahawul.warehouse.ClickHouseSettings;
import org.tahawul.warehouse.Jdbc;
import org.tahawul.warehouse.RunRows;
import org.tahawul.warehouse.Tables;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The run's row in {@code ingest_runs}, kept as {@link RunRows} says: {@code running} at the start and every
 * {@link #HEARTBEAT} while the run works, then {@code succeeded} or {@code failed} with the error. A
 * {@code running} row whose last heartbeat is older than {@link #STALE} belongs to a run that died, and so
 * does one whose last heartbeat
 * precedes a restart of ClickHouse that is {@link #RESTART_GRACE} old (a live run would have written a
 * heartbeat since: this is how a run that died with its server is told apart without waiting three
 * minutes); {@link #claim} marks it failed and drops its stages. One ingest at a time: a live one makes
 * {@link #claim} refuse.
 */
final class IngestRunLog {

    static final Duration HEARTBEAT = RunRows.HEARTBEAT;
    static final Duration STALE = RunRows.DEAD_AFTER;
    /** How long ClickHouse must have been up, with no heartbeat of a run since its start, for that run to count as dead. */
    static final Duration RESTART_GRACE = HEARTBEAT.multipliedBy(3);

    private static final List<String> COLUMNS = List.of("run_id", "status", "started_at", "finished_at", "updated_at",
            "inputs", "files", "reference_dir", "spark_master", "lines_read", "loaded", "rejected", "duplicates",
            "months", "read_seconds", "write_seconds", "publish_seconds", "total_seconds", "error");

    private final ClickHouseSettings settings;
    final String runId;
    final Instant startedAt;
    final List<String> inputs;
    final String referenceDir;
    final String sparkMaster;
    volatile int files;
    volatile long linesRead;
    volatile long loaded;
    volatile long rejected;
    volatile long duplicates;
    volatile List<LocalDate> months = List.of();
    volatile double readSeconds;
    volatile double writeSeconds;
    volatile double publishSeconds;

    IngestRunLog(ClickHouseSettings settings, String runId, Instant startedAt, List<String> inputs, String referenceDir,
                 String sparkMaster) {
        this.settings = settings;
        this.runId = runId;
        this.startedAt = startedAt;
        this.inputs = List.copyOf(inputs);
        this.referenceDir = referenceDir;
        this.sparkMaster = sparkMaster;
    }

    /**
     * Makes sure no other ingest is running, cleans up after dead runs (their stages, their 'running'
     * row), then records this run as running.
     */
    void claim(Consumer<String> log) throws SQLException {
        Instant now = Instant.now();
        Map<String, String> deadRuns = new LinkedHashMap<>();
        try (Connection c = settings.connect(); Statement s = c.createStatement()) {
            Instant serverStart = now.minusSeconds(Jdbc.queryLong(c, "SELECT uptime()"));
            boolean serverSettled = serverStart.isBefore(now.minus(RESTART_GRACE));
            try (ResultSet rs = s.executeQuery("SELECT run_id, toUnixTimestamp64Milli(started_at), "
                    + "toUnixTimestamp64Milli(updated_at) FROM " + Tables.INGEST_RUNS
                    + " FINAL WHERE status = 'running' ORDER BY started_at")) {
                while (rs.next()) {
                    String other = rs.getString(1);
                    Instant updated = Instant.ofEpochMilli(rs.getLong(3));
                    boolean beforeRestart = updated.isBefore(serverStart);
                    if (!updated.isAfter(now.minus(STALE))) {
                        deadRuns.put(other, "no heartbeat for " + STALE.toMinutes() + " minutes");
                    } else if (beforeRestart && serverSettled) {
                        deadRuns.put(other, "no heartbeat since ClickHouse restarted at " + serverStart);
                    } else {
                        throw new IngestException("another ingest run (" + other + ", started "
                                + Instant.ofEpochMilli(rs.getLong(2)) + ", last heartbeat " + updated + ") is running on "
                                + settings.displayUrl() + " database " + settings.database() + ". One ingest at a time: "
                                + "wait for it to finish, or if its process is gone, run again "
                                + (beforeRestart ? "after " + serverStart.plus(RESTART_GRACE) + " (its last heartbeat "
                                + "precedes the restart of ClickHouse at " + serverStart + "; with no heartbeat "
                                + RESTART_GRACE.toSeconds() + " s after it, it counts as dead and is cleaned up)."
                                : "after " + STALE.toMinutes() + " minutes without a heartbeat, when it counts as dead "
                                + "and is cleaned up."));
                    }
                }
            }
        }
        try (Connection c = settings.connect()) {
            for (Map.Entry<String, String> dead : deadRuns.entrySet()) {
                log.accept("cleaning up after dead run " + dead.getKey() + " (" + dead.getValue()
                        + "): marked failed, stages dropped");
                markDead(c, dead.getKey(), dead.getValue());
            }
            for (String suffix : Staging.stagedRuns(c, settings.database())) {
                log.accept("dropping the stage tables of run " + suffix + ", which is not running");
                Staging.dropLeftovers(c, suffix);
            }
        }
        write("running", null, "");
    }

    private void markDead(Connection c, String deadRun, String why) throws SQLException {
        RunRows.markFailed(c, Tables.INGEST_RUNS, List.of(deadRun), "the run died (" + why + "); cleaned up by run "
                + runId + "; what it had published stays, its next run skips those events");
        Staging.dropLeftovers(c, Staging.suffix(deadRun));
    }

    /** Writes the run's current state with {@code status}. */
    void write(String status, Instant finishedAt, String error) throws SQLException {
        Instant now = Instant.now();
        try (BulkInsert insert = BulkInsert.open(settings, Tables.INGEST_RUNS, COLUMNS)) {
            insert.add(runId, status, startedAt, finishedAt, now, inputs, files, referenceDir, sparkMaster, linesRead,
                    loaded, rejected, duplicates, months, readSeconds, writeSeconds, publishSeconds,
                    Duration.between(startedAt, finishedAt == null ? now : finishedAt).toMillis() / 1000.0,
                    error == null ? "" : error);
        }
    }
}
