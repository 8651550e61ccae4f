package org.tahawul.dashboard.target;

import java.time.LocalDate;

/**
 * One Vision 2030 target with its progress: the {@code ref_targets} row and, once the analytics job
 * has run, its {@code kpi_target_progress} row (status {@code pending} before that).
 * Column names as in {@code kpi_target_progress}.
 */
public record TargetProgressRow(String kpi, String scopeType, String scopeCode, Integer targetYear, Double target,
                                Integer baselineYear, Double baseline, LocalDate asOfMonth, Double actual,
                                Double projected, Integer monthsUsed, String status, String source, String runId) {

    /** The statuses of DESIGN §5, best first, then {@code pending} (no progress computed yet). */
    public static final java.util.List<String> STATUSES = java.util.List.of("achieved", "on_track", "at_risk", "off_track", "pending");
}
