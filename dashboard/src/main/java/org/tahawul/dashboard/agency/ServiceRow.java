package org.tahawul.dashboard.agency;

/** A catalogued service ({@code ref_services}) with its KPIs for a period (null when it had no row). */
record ServiceRow(String serviceCode, String agencyCode, String nameAr, String nameEn, String category,
                  Long slaMinutes, Long transactions, Double digitalAdoption, Double completionRate,
                  Double satisfactionRate, Double slaCompliance, Double csat) {
}
