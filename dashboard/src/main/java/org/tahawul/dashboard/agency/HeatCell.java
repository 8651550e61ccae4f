package org.tahawul.dashboard.agency;

/** One cell of the agency × month heatmap. */
record HeatCell(String month, String agencyCode, Double value) {
}
