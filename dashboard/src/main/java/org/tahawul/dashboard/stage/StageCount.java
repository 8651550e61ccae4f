package org.tahawul.dashboard.stage;

/** How many agencies were in a stage in a month ({@code agency_maturity}). */
record StageCount(String month, Integer stage, Long agencies) {
}
