package org.tahawul.dashboard.report;

import org.springframework.jdbc.core.DataClassRowMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import org.tahawul.dashboard.system.AgencyScope;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads and writes {@code report_runs}: one row per state change, the newest ({@code updated_at},
 * strictly increasing within this process) wins; reads use {@code FINAL}. Never cached: runs change state.
 */
@Repository
class ReportRunRepository {

    private static final String COLUMNS = "run_id, definition, period, lang, scope_code, trigger, state, "
            + "toInt32(attempts) AS attempts, requested_by, file, bytes, toInt32(pages) AS pages, error";
    private static final RowMapper<ReportRun> RUN = (rs, i) -> new ReportRun(rs.getString("run_id"),
            rs.getString("definition"), rs.getString("period"), rs.getString("lang"), rs.getString("scope_code"),
            rs.getString("trigger"), rs.getString("state"), rs.getInt("attempts"), rs.getString("requested_by"),
            rs.getString("file"), rs.getLong("bytes"), rs.getInt("pages"), rs.getString("error"),
            instant(rs.getObject("created_ms")), instant(rs.getObject("started_ms")), instant(rs.getObject("finished_ms")));

    private final JdbcTemplate jdbc;
    private final AtomicLong clock = new AtomicLong();

    ReportRunRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The latest runs, newest first; agency staff see only their agency's reports. */
    List<ReportRunRow> latest(int limit, AgencyScope scope) {
        List<Object> args = new ArrayList<>();
        String where = "";
        if (!scope.all()) {
            where = " WHERE scope_code = ?";
            args.add(scope.agencyCode());
        }
        args.add(limit);
        return jdbc.query("SELECT " + COLUMNS + ", toString(created_at) AS created_at, "
                        + "toString(started_at) AS started_at, toString(finished_at) AS finished_at "
                        + "FROM report_runs FINAL" + where + " ORDER BY created_at DESC, run_id LIMIT ?",
                new DataClassRowMapper<>(ReportRunRow.class), args.toArray());
    }

    /** Writes a state of a run. */
    void save(ReportRun run) {
        long now = clock.updateAndGet(last -> Math.max(System.currentTimeMillis(), last + 1));
        jdbc.update("INSERT INTO report_runs (run_id, definition, period, lang, scope_code, trigger, state, attempts, "
                        + "requested_by, file, bytes, pages, error, created_at, started_at, finished_at, updated_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, " + time(run.startedAt()) + ", "
                        + time(run.finishedAt()) + ", ?)",
                run.runId(), run.definition(), run.period(), run.lang(), run.scopeCode(), run.trigger(), run.state(),
                run.attempts(), run.requestedBy(), run.file(), run.bytes(), run.pages(),
                run.error() == null ? "" : run.error(), utc(run.createdAt()), utc(Instant.ofEpochMilli(now)));
    }

    Optional<ReportRun> find(String runId) {
        return select(" WHERE run_id = ?", runId).stream().findFirst();
    }

    /** Runs still queued or running (after a restart: interrupted). */
    List<ReportRun> unfinished() {
        return select(" WHERE state IN ('queued', 'running')");
    }

    /** Succeeded runs whose PDF is in the archive and that finished before {@code cutoff}. */
    List<ReportRun> archivedBefore(Instant cutoff) {
        return select(" WHERE state = 'succeeded' AND file != '' AND trigger != 'cli' AND finished_at < ?", utc(cutoff));
    }

    private List<ReportRun> select(String where, Object... args) {
        return jdbc.query("SELECT " + COLUMNS + ", toUnixTimestamp64Milli(created_at) AS created_ms, "
                + "toUnixTimestamp64Milli(started_at) AS started_ms, toUnixTimestamp64Milli(finished_at) AS finished_ms "
                + "FROM report_runs FINAL" + where + " ORDER BY created_at, run_id", RUN, args);
    }

    /** A nullable DateTime64 literal (the driver's null binding cannot type a NULL parameter). */
    private static String time(Instant instant) {
        return instant == null ? "NULL" : "fromUnixTimestamp64Milli(toInt64(" + instant.toEpochMilli() + "), 'UTC')";
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(Object millis) {
        return millis == null ? null : Instant.ofEpochMilli(((Number) millis).longValue());
    }
}
