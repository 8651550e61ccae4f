package org.tahawul.dashboard.system;

import org.springframework.cache.annotation.Cacheable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.YearMonth;
import java.time.ZoneId;

/** The months the warehouse has KPIs for: what "latest" means when a URL names no period. */
@Component
public class DataCalendar {

    public static final ZoneId RIYADH = ZoneId.of("Asia/Riyadh");

    /** The first and last month of national KPI rows (last month twice when there is none yet); synthetic: demo rows present. */
    public record Span(YearMonth first, YearMonth last, boolean empty, boolean synthetic) {
    }

    private final JdbcTemplate jdbc;

    DataCalendar(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Cached; call it through the bean (a call from inside this class would bypass the cache). */
    @Cacheable(cacheNames = "calendar", key = "'span'", sync = true)
    public Span span() {
        return jdbc.query("SELECT count() AS n, min(month) AS first, max(month) AS last, "
                + "countIf(run_id = 'demo-synthetic') AS synthetic FROM kpi_monthly "
                + "WHERE scope_type = 'national'", rs -> {
                    rs.next();
                    if (rs.getLong("n") == 0) {
                        YearMonth last = YearMonth.now(RIYADH).minusMonths(1);
                        return new Span(last, last, true, false);
                    }
                    return new Span(YearMonth.from(rs.getObject("first", java.time.LocalDate.class)),
                            YearMonth.from(rs.getObject("last", java.time.LocalDate.class)), false,
                            rs.getLong("synthetic") > 0);
                });
    }
}
