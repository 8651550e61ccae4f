package org.tahawul.dashboard.stage;

import java.time.LocalDate;

/** One {@code agency_maturity} row, named as in the table. */
record MaturityRow(LocalDate month, String agencyCode, Integer stage, Double maturityIndex, Double eserviceCoverage,
                   Double digitalAdoption, Double satisfactionRate, String runId) {
}
