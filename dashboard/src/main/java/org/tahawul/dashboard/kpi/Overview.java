package org.tahawul.dashboard.kpi;

import java.util.List;

/** {@code GET /api/overview}: the selected period, the previous one, and the KPI cards. */
record Overview(String periodType, String period, String from, String to, String previousPeriod, List<KpiCard> cards) {
}
