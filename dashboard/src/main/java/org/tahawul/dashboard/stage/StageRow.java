package org.tahawul.dashboard.stage;

/**
 * A maturity stage ({@code ref_maturity_stages}), how many agencies were in it in the period's last
 * month, and the stage scope's KPIs for the period ({@code kpi_monthly}/{@code kpi_period}).
 */
record StageRow(Integer stage, String nameAr, String nameEn, Double minCoverage, Double minAdoption,
                Double minSatisfaction, Long agencies, Long transactions, Double digitalAdoption, Double completionRate,
                Double satisfactionRate, Double eserviceCoverage) {
}
