package org.tahawul.analytics;

import org.tahawul.warehouse.BulkInsert;
import org.tahawul.warehouse.ClickHouseSettings;
import org.tahawul.warehouse.Tables;

import java.sql.Date;
import java.sql.SQLException;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

/**
 * The audit row of a run in {@code job_runs}: written as 'running' when the run starts and again with
 * the final status ('succeeded' or 'failed'); the table keeps the latest version by updated_at.
 */
final class JobRuns {

    static final String JOB = "analytics";
    private static final List<String> COLUMNS = List.of("run_id", "job", "status", "started_at", "finished_at",
            "updated_at", "from_month", "to_month", "months", "parameters", "rows_written", "total_seconds", "error");

    private final ClickHouseSettings settings;
    private final String runId;
    private final Instant startedAt;
    private final String parameters;

    JobRuns(ClickHouseSettings settings, String runId, Instant startedAt, String parameters) {
        this.settings = settings;
        this.runId = runId;
        this.startedAt = startedAt;
        this.parameters = parameters;
    }

    void running() throws SQLException {
        write("running", null, null, null, List.of(), 0, 0, "");
    }

    void finished(String status, YearMonth from, YearMonth to, List<YearMonth> months, long rows, double seconds,
                  String error) throws SQLException {
        write(status, Instant.now(), from, to, months, rows, seconds, error == null ? "" : error);
    }

    private void write(String status, Instant finishedAt, YearMonth from, YearMonth to, List<YearMonth> months,
                       long rows, double seconds, String error) throws SQLException {
        try (BulkInsert insert = BulkInsert.open(settings, Tables.JOB_RUNS, COLUMNS)) {
            insert.add(runId, JOB, status, startedAt, finishedAt, Instant.now(), date(from), date(to),
                    months.stream().map(JobRuns::date).toList(), parameters, rows, seconds, error);
        }
    }

    private static Date date(YearMonth month) {
        return month == null ? null : Date.valueOf(month.atDay(1));
    }
}
