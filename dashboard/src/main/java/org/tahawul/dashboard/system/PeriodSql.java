package org.tahawul.dashboard.system;

import java.sql.Date;
import java.util.List;

/**
 * Where one period's KPI rows live: a month (and the last month of a range) in {@code kpi_monthly},
 * a quarter or a year in {@code kpi_period} (computed from events, never averaged from months).
 *
 * @param table the table
 * @param where the condition selecting the period, with {@code ?} placeholders
 * @param args  the placeholders' values
 */
public record PeriodSql(String table, String where, List<Object> args) {

    public static PeriodSql of(PeriodSelection period) {
        return switch (period.kind()) {
            case MONTH, RANGE -> new PeriodSql("kpi_monthly", "month = ?", List.of(Date.valueOf(period.toDate())));
            case QUARTER, YEAR -> new PeriodSql("kpi_period", "period_type = ? AND period_start = ?",
                    List.of(period.periodType(), Date.valueOf(period.fromDate())));
        };
    }
}
