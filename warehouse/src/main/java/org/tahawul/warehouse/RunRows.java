package org.tahawul.warehouse;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * What the jobs' run tables ({@code ingest_runs}, {@code job_runs}) share. Each is a ReplacingMergeTree by
 * {@code updated_at}, so the latest row of a run is its state: a job writes {@code running} when it starts
 * and again every {@link #HEARTBEAT} while it works, then {@code succeeded} or {@code failed}. A
 * {@code running} row without a heartbeat for {@link #DEAD_AFTER} belongs to a run that died (killed, out
 * of memory, machine gone); the next run of the job marks it failed ({@link #markFailed}) and cleans up
 * after it.
 */
public final class RunRows {

    /** How often a live run writes its {@code running} row again. */
    public static final Duration HEARTBEAT = Duration.ofSeconds(20);
    /** How long without a heartbeat before a {@code running} run counts as dead: nine missed beats. */
    public static final Duration DEAD_AFTER = Duration.ofMinutes(3);

    private RunRows() {
    }

    /**
     * Marks runs failed: for each, a copy of its latest row with status {@code failed}, finished and updated
     * now, and {@code error}. The runs are named by id (in the WHERE of the copy, {@code status} and
     * {@code updated_at} would name the replaced values).
     */
    public static void markFailed(Connection c, String table, Collection<String> runIds, String error)
            throws SQLException {
        if (runIds.isEmpty()) {
            return;
        }
        Jdbc.execute(c, "INSERT INTO " + table + " SELECT * REPLACE ('failed' AS status, now64(3, 'UTC') AS finished_at, "
                + "now64(3, 'UTC') AS updated_at, " + Jdbc.quote(error) + " AS error) FROM " + table
                + " FINAL WHERE run_id IN (" + runIds.stream().map(Jdbc::quote).collect(Collectors.joining(", ")) + ")");
    }
}
