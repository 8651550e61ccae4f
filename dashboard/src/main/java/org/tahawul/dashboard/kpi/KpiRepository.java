package org.tahawul.dashboard.kpi;

import org.springframework.cache.annotation.Cacheable;
import org.springframework.jdbc.core.DataClassRowMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.tahawul.dashboard.system.AgencyScope;
import org.tahawul.dashboard.system.KpiColumns;
import org.tahawul.dashboard.system.PeriodSelection;
import org.tahawul.dashboard.system.PeriodSql;

import java.sql.Date;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads {@code kpi_monthly}, {@code kpi_period} and {@code ref_external_indicators}. */
@Repository
public class KpiRepository {

    /** The KPIs of the overview cards, in order. */
    public static final List<String> HEADLINE = List.of("digital_adoption", "completion_rate", "satisfaction_rate",
            "eservice_coverage", "transactions", "csat");

    private final JdbcTemplate jdbc;

    KpiRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Monthly rows of a scope type (one code, or every code the user may read when {@code scopeCode} is null). */
    @Cacheable(cacheNames = "kpis", sync = true)
    public List<KpiMonthlyRow> monthly(String scopeType, String scopeCode, YearMonth from, YearMonth to, AgencyScope scope) {
        List<Object> args = new ArrayList<>(List.of(scopeType, Date.valueOf(from.atDay(1)), Date.valueOf(to.atDay(1))));
        String where = "scope_type = ? AND month BETWEEN ? AND ?" + scopeFilter(scopeType, scopeCode, scope, args);
        return jdbc.query("SELECT " + KpiMonthlyRow.COLUMNS + " FROM kpi_monthly WHERE " + where
                + " ORDER BY scope_code, month", new DataClassRowMapper<>(KpiMonthlyRow.class), args.toArray());
    }

    /** Quarter or year rows whose period starts between {@code from} and {@code to}. */
    @Cacheable(cacheNames = "kpis", sync = true)
    public List<KpiPeriodRow> periods(String periodType, String scopeType, String scopeCode, YearMonth from, YearMonth to,
                                      AgencyScope scope) {
        List<Object> args = new ArrayList<>(List.of(periodType, scopeType, Date.valueOf(from.atDay(1)),
                Date.valueOf(to.atDay(1))));
        String where = "period_type = ? AND scope_type = ? AND period_start BETWEEN ? AND ?"
                + scopeFilter(scopeType, scopeCode, scope, args);
        return jdbc.query("SELECT " + KpiPeriodRow.COLUMNS + " FROM kpi_period WHERE " + where
                + " ORDER BY scope_code, period_start", new DataClassRowMapper<>(KpiPeriodRow.class), args.toArray());
    }

    /** The headline KPIs of one scope in one period (empty when the warehouse has no row for it). */
    @Cacheable(cacheNames = "kpis", sync = true)
    public Map<String, Double> headline(String scopeType, String scopeCode, PeriodSelection period) {
        PeriodSql p = PeriodSql.of(period);
        List<Object> args = new ArrayList<>(List.of(scopeType, scopeCode));
        args.addAll(p.args());
        return jdbc.query("SELECT " + String.join(", ", HEADLINE.stream().map(k -> "toNullable(toFloat64(" + k + ")) AS " + k)
                        .toList()) + " FROM " + p.table() + " WHERE scope_type = ? AND scope_code = ? AND " + p.where()
                        + " LIMIT 1", rs -> {
                    Map<String, Double> values = new LinkedHashMap<>();
                    if (rs.next()) {
                        for (String kpi : HEADLINE) {
                            double v = rs.getDouble(kpi);
                            values.put(kpi, rs.wasNull() ? null : v);
                        }
                    }
                    return values;
                }, args.toArray());
    }

    /** One KPI of one scope, month by month. */
    @Cacheable(cacheNames = "kpis", sync = true)
    public List<Trend.Point> series(String kpi, String scopeType, String scopeCode, YearMonth from, YearMonth to) {
        String column = KpiColumns.require("kpi", kpi);
        return jdbc.query("SELECT toString(toStartOfMonth(month)) AS m, toNullable(toFloat64(" + column + ")) AS v "
                        + "FROM kpi_monthly WHERE scope_type = ? AND scope_code = ? AND month BETWEEN ? AND ? ORDER BY month",
                (rs, i) -> {
                    double v = rs.getDouble("v");
                    return new Trend.Point(rs.getString("m").substring(0, 7), rs.wasNull() ? null : v);
                }, scopeType, scopeCode, Date.valueOf(from.atDay(1)), Date.valueOf(to.atDay(1)));
    }

    @Cacheable(cacheNames = "kpis", sync = true)
    public List<ExternalIndicatorRow> externalIndicators() {
        return jdbc.query("SELECT indicator, toInt32(year) AS year, value, source FROM ref_external_indicators "
                + "ORDER BY indicator, year", new DataClassRowMapper<>(ExternalIndicatorRow.class));
    }

    /** The code condition: one code, or (agency staff, no code) their agency's rows only. */
    private static String scopeFilter(String scopeType, String scopeCode, AgencyScope scope, List<Object> args) {
        if (scopeCode != null) {
            args.add(scopeCode);
            return " AND scope_code = ?";
        }
        if (!scope.all() && scopeType.equals("agency")) {
            args.add(scope.agencyCode());
            return " AND scope_code = ?";
        }
        if (!scope.all() && scopeType.equals("service")) {
            args.add(scope.agencyCode());
            return " AND scope_code IN (SELECT service_code FROM ref_services WHERE agency_code = ?)";
        }
        return "";
    }
}
