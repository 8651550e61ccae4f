package org.tahawul.dashboard.kpi;

import java.time.LocalDate;

/** One {@code kpi_period} row (a quarter or a year), every column, named as in the table. */
record KpiPeriodRow(String periodType, LocalDate periodStart, LocalDate periodEnd, String periodLabel, String scopeType,
                    String scopeCode, Long transactions, Long digitalTransactions, Double digitalAdoption,
                    Double completionRate, Long activeBeneficiaries, Long ratings, Double csat, Double satisfactionRate,
                    Double slaCompliance, Double eserviceCoverage, Long digitalSessionsStarted,
                    Long digitalSessionsCompleted, Long ratingsSatisfied, Long completionsWithDuration,
                    Long completionsWithinSla, Long servicesCatalogued, Long servicesOnline, Long agencies, String runId,
                    String computedAt) {

    static final String COLUMNS = "period_type, period_start, period_end, period_label, scope_type, scope_code, "
            + "transactions, digital_transactions, digital_adoption, completion_rate, active_beneficiaries, ratings, csat, "
            + "satisfaction_rate, sla_compliance, eservice_coverage, digital_sessions_started, digital_sessions_completed, "
            + "ratings_satisfied, completions_with_duration, completions_within_sla, services_catalogued, services_online, "
            + "agencies, run_id, toString(computed_at) AS computed_at";
}
