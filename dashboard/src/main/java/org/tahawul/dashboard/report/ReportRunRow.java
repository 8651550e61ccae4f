package org.tahawul.dashboard.report;

/** One report run ({@code report_runs}, latest state), named as in the table. */
record ReportRunRow(String runId, String definition, String period, String lang, String scopeCode, String trigger,
                    String state, Integer attempts, String requestedBy, String file, Long bytes, Integer pages,
                    String error, String createdAt, String startedAt, String finishedAt) {
}
