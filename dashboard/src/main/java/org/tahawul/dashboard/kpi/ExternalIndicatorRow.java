package org.tahawul.dashboard.kpi;

/** One {@code ref_external_indicators} row: a published benchmark with its source. */
record ExternalIndicatorRow(String indicator, Integer year, Double value, String source) {
}
