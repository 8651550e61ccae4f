package org.tahawul.dashboard.kpi;

/**
 * One headline KPI of the overview for the selected period: its value, the previous period's value
 * and the change, the 2030 target with the status and projection of {@code kpi_target_progress}
 * (as of its own latest month), and whether the KPI is a share ({@code rate}), a count or a score.
 */
record KpiCard(String kpi, String unit, Double value, Double previous, Double change, Double changeRatio,
               Double target, Integer targetYear,
               Double projected, String status, String asOfMonth) {
}
