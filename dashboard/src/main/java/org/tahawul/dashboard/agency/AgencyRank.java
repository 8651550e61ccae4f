package org.tahawul.dashboard.agency;

/**
 * One agency in the ranking for a period: names, its maturity stage and index in the period's last
 * month ({@code agency_maturity}), and its KPIs for the period ({@code kpi_monthly}/{@code kpi_period}).
 * {@code rank} orders by maturity index (1 = highest).
 */
public record AgencyRank(Integer rank, String agencyCode, String nameAr, String nameEn, String sector, Integer stage,
                  Double maturityIndex, Long transactions, Double digitalAdoption, Double completionRate,
                  Double satisfactionRate, Double eserviceCoverage, Double slaCompliance, Double csat,
                  Long servicesCatalogued) {
}
