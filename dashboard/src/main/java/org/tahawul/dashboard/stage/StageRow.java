package org.tahawul.dashboard.stage;

/** A maturity stage ({@code ref_maturity_stages}) and how many agencies were in it in the period's last month. */
record StageRow(Integer stage, String nameAr, String nameEn, Double minCoverage, Double minAdoption,
                Double minSatisfaction, Long agencies) {
}
