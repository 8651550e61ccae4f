package org.tahawul.dashboard.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One state of a report run, as a row of {@code report_runs} is written (one row per state change;
 * the table keeps the newest by {@code updated_at}).
 *
 * @param trigger {@code schedule}, {@code manual} (page or API) or {@code cli} ({@code bin/report})
 * @param state   {@code queued}, {@code running}, {@code succeeded} or {@code failed}
 * @param file    the PDF: a path under the archive folder, or the absolute {@code --out} of {@code bin/report}
 */
record ReportRun(String runId, String definition, String period, String lang, String scopeCode, String trigger,
                 String state, int attempts, String requestedBy, String file, long bytes, int pages, String error,
                 Instant createdAt, Instant startedAt, Instant finishedAt) {

    static final String QUEUED = "queued";
    static final String RUNNING = "running";
    static final String SUCCEEDED = "succeeded";
    static final String FAILED = "failed";

    private static final DateTimeFormatter CLICKHOUSE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);

    /** Attempt {@code attempt} starts; {@code started_at} stays the start of the first attempt. */
    ReportRun running(int attempt, Instant now) {
        return new ReportRun(runId, definition, period, lang, scopeCode, trigger, RUNNING, attempt, requestedBy, file,
                0, 0, error, createdAt, startedAt == null ? now : startedAt, null);
    }

    /** Back in the queue after a failed attempt, with that attempt's error. */
    ReportRun retrying(String message) {
        return new ReportRun(runId, definition, period, lang, scopeCode, trigger, QUEUED, attempts, requestedBy, file,
                0, 0, message, createdAt, startedAt, null);
    }

    ReportRun succeeded(String path, long size, int pageCount, Instant now) {
        return new ReportRun(runId, definition, period, lang, scopeCode, trigger, SUCCEEDED, attempts, requestedBy, path,
                size, pageCount, "", createdAt, startedAt, now);
    }

    ReportRun failed(String message, Instant now) {
        return new ReportRun(runId, definition, period, lang, scopeCode, trigger, FAILED, attempts, requestedBy, file,
                0, 0, message, createdAt, startedAt, now);
    }

    /** The same run without its file (deleted by the retention rule). */
    ReportRun withoutFile(String why) {
        return new ReportRun(runId, definition, period, lang, scopeCode, trigger, state, attempts, requestedBy, "",
                bytes, pages, why, createdAt, startedAt, finishedAt);
    }

    boolean finished() {
        return state.equals(SUCCEEDED) || state.equals(FAILED);
    }

    /** As the API shows it ({@link ReportRunRow}, times as ClickHouse prints them). */
    ReportRunRow row() {
        return new ReportRunRow(runId, definition, period, lang, scopeCode, trigger, state, attempts, requestedBy, file,
                bytes, pages, error, text(createdAt), text(startedAt), text(finishedAt));
    }

    private static String text(Instant instant) {
        return instant == null ? null : CLICKHOUSE.format(instant);
    }
}
