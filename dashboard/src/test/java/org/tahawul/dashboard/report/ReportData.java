package org.tahawul.dashboard.report;

import org.tahawul.dashboard.testing.KpiData;
import org.tahawul.warehouse.ClickHouseSettings;

import java.sql.SQLException;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

/**
 * A small warehouse for the report tests, with known values: national KPIs from 2023-01 to 2024-05
 * (digital adoption 0.734 in 2024-05), the four stages, six agencies with their maturity over time
 * (MOH rises from stage 2 to 3 in 2024-05), MOH's services, channel mix and ratings, and the progress
 * of the national 2030 targets.
 */
final class ReportData {

    static final YearMonth FIRST = YearMonth.of(2023, 1);
    static final YearMonth LAST = YearMonth.of(2024, 5);
    static final double ADOPTION_2024_05 = 0.734;
    static final List<String> AGENCIES = List.of("MOH", "MOI", "MC", "MOJ", "SAMA", "ZATCA");

    private ReportData() {
    }

    static void write(ClickHouseSettings settings) throws SQLException {
        KpiData data = KpiData.in(settings).reference();
        int i = 0;
        for (YearMonth m = FIRST; !m.isAfter(LAST); m = m.plusMonths(1), i++) {
            double adoption = m.equals(LAST) ? ADOPTION_2024_05 : 0.55 + 0.01 * i;
            data.monthly("national", "ALL", m.toString(), Map.of("transactions", 100_000L + 1_000L * i,
                    "digital_transactions", (long) ((100_000 + 1_000 * i) * adoption), "digital_adoption", adoption,
                    "completion_rate", 0.8 + 0.002 * i, "satisfaction_rate", 0.72 + 0.003 * i, "csat", 4.0 + 0.01 * i,
                    "eservice_coverage", 0.8 + 0.004 * i, "sla_compliance", 0.9));
            for (int stage = 1; stage <= 4; stage++) {
                data.monthly("stage", String.valueOf(stage), m.toString(), Map.of("transactions", 10_000L * stage,
                        "digital_adoption", 0.2 * stage, "completion_rate", 0.6 + 0.08 * stage,
                        "satisfaction_rate", 0.55 + 0.08 * stage, "eservice_coverage", 0.24 * stage));
            }
            for (int a = 0; a < AGENCIES.size(); a++) {
                String agency = AGENCIES.get(a);
                int stage = agency.equals("MOH") ? (m.equals(LAST) ? 3 : 2) : 4 - a % 3;
                double index = 90.0 - 10 * a + (agency.equals("MOH") && m.equals(LAST) ? 15 : 0) + 0.1 * i;
                data.maturity(agency, m.toString(), stage, index, 0.5 + 0.08 * (6 - a), 0.5 + 0.07 * (6 - a) + 0.002 * i, 0.8);
                data.monthly("agency", agency, m.toString(), Map.of("transactions", 5_000L + 100L * a,
                        "digital_adoption", 0.5 + 0.07 * (6 - a) + (agency.equals("MOH") && m.equals(LAST) ? 0.04 : 0.002 * i),
                        "completion_rate", 0.85, "satisfaction_rate", 0.8, "eservice_coverage", 0.5 + 0.08 * (6 - a),
                        "sla_compliance", 0.9, "csat", 4.2));
            }
        }
        for (String service : List.of("MOH-APPOINTMENT", "MOH-SICK-LEAVE", "MOH-WASFATY")) {
            for (String month : List.of("2024-04", "2024-05")) {
                data.monthly("service", service, month, Map.of("transactions", 1_500L, "digital_adoption", 0.8,
                        "completion_rate", 0.9, "satisfaction_rate", 0.85, "sla_compliance", 0.95, "csat", 4.3));
            }
        }
        data.events("MOH", "MOH-APPOINTMENT", "2024-05", "mobile", true, "completed", null, 30)
                .events("MOH", "MOH-APPOINTMENT", "2024-05", "web", true, "completed", null, 15)
                .events("MOH", "MOH-SICK-LEAVE", "2024-05", "counter", false, "completed", null, 5)
                .events("MOH", "MOH-APPOINTMENT", "2024-05", "mobile", true, "rated", 5, 12)
                .events("MOH", "MOH-APPOINTMENT", "2024-05", "mobile", true, "rated", 3, 4);
        data.progress("digital_adoption", "national", "ALL", 2030, 0.9, ADOPTION_2024_05, 0.91, "on_track", "2024-05")
                .progress("digital_adoption", "national", "ALL", 2025, 0.8, ADOPTION_2024_05, 0.78, "at_risk", "2024-05")
                .progress("satisfaction_rate", "national", "ALL", 2030, 0.85, 0.768, 0.8, "off_track", "2024-05")
                .progress("completion_rate", "national", "ALL", 2030, 0.9, 0.832, 0.88, "at_risk", "2024-05")
                .progress("eservice_coverage", "national", "ALL", 2030, 0.98, 0.864, 0.99, "on_track", "2024-05")
                .write();
    }
}
