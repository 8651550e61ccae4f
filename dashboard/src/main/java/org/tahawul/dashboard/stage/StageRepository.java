package org.tahawul.dashboard.stage;

import org.springframework.cache.annotation.Cacheable;
import org.springframework.jdbc.core.DataClassRowMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.tahawul.dashboard.system.AgencyScope;
import org.tahawul.dashboard.system.PeriodSelection;
import org.tahawul.dashboard.system.PeriodSql;

import java.sql.Date;
import java.util.ArrayList;
import java.util.List;

/** Reads {@code ref_maturity_stages} and {@code agency_maturity}. */
@Repository
public class StageRepository {

    private final JdbcTemplate jdbc;

    StageRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The stages with their thresholds, agency counts in the period's last month, and their KPIs in the period. */
    @Cacheable(cacheNames = "stages", sync = true)
    public List<StageRow> stages(PeriodSelection period) {
        PeriodSql p = PeriodSql.of(period);
        List<Object> args = new ArrayList<>();
        args.add(Date.valueOf(period.toDate()));
        args.addAll(p.args());
        return jdbc.query("""
                SELECT toInt32(s.stage) AS stage, s.name_ar AS name_ar, s.name_en AS name_en,
                       s.min_coverage AS min_coverage, s.min_adoption AS min_adoption,
                       s.min_satisfaction AS min_satisfaction, toInt64(ifNull(m.n, 0)) AS agencies,
                       k.transactions AS transactions, k.digital_adoption AS digital_adoption,
                       k.completion_rate AS completion_rate, k.satisfaction_rate AS satisfaction_rate,
                       k.eservice_coverage AS eservice_coverage
                FROM ref_maturity_stages AS s
                LEFT JOIN (SELECT stage, count() AS n FROM agency_maturity WHERE month = ? GROUP BY stage) AS m
                       ON m.stage = s.stage
                LEFT JOIN (SELECT scope_code, transactions, digital_adoption, completion_rate, satisfaction_rate,
                                  eservice_coverage FROM %s WHERE scope_type = 'stage' AND %s) AS k
                       ON k.scope_code = toString(s.stage)
                ORDER BY s.stage
                SETTINGS join_use_nulls = 1
                """.formatted(p.table(), p.where()), new DataClassRowMapper<>(StageRow.class), args.toArray());
    }

    /** Agencies per stage and month (every stage of the model appears in every month that has data). */
    @Cacheable(cacheNames = "stages", sync = true)
    public List<StageCount> distribution(PeriodSelection window) {
        return jdbc.query("""
                SELECT toString(m.month) AS month, toInt32(s.stage) AS stage, toInt64(countIf(m.stage = s.stage)) AS agencies
                FROM (SELECT month, stage FROM agency_maturity WHERE month BETWEEN ? AND ?) AS m
                CROSS JOIN ref_maturity_stages AS s
                GROUP BY m.month, s.stage
                ORDER BY m.month, s.stage
                """, (rs, i) -> new StageCount(rs.getString("month").substring(0, 7), rs.getInt("stage"),
                rs.getLong("agencies")), Date.valueOf(window.fromDate()), Date.valueOf(window.toDate()));
    }

    /** agency_maturity rows of one agency, or of every agency the scope may read. */
    @Cacheable(cacheNames = "stages", sync = true)
    public List<MaturityRow> maturity(String agencyCode, PeriodSelection window, AgencyScope scope) {
        List<Object> args = new ArrayList<>(List.of(Date.valueOf(window.fromDate()), Date.valueOf(window.toDate())));
        String where = "";
        String only = agencyCode != null ? agencyCode : scope.agencyCode();
        if (only != null) {
            where = " AND agency_code = ?";
            args.add(only);
        }
        return jdbc.query("SELECT month, agency_code, toInt32(stage) AS stage, maturity_index, eservice_coverage, "
                        + "digital_adoption, satisfaction_rate, run_id FROM agency_maturity WHERE month BETWEEN ? AND ?"
                        + where + " ORDER BY agency_code, month", new DataClassRowMapper<>(MaturityRow.class),
                args.toArray());
    }
}
