package org.tahawul.dashboard.agency;

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

/**
 * Per-agency and per-service reads: the ranking, the heatmap, service KPIs, and the channel mix and
 * rating distribution (the only reads of {@code service_events}, grouped by the table's sort key).
 */
@Repository
public class AgencyRepository {

    private final JdbcTemplate jdbc;

    AgencyRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Every agency the scope may read, ranked by maturity index in the period's last month. */
    @Cacheable(cacheNames = "agencies", sync = true)
    public List<AgencyRank> ranking(PeriodSelection period, AgencyScope scope) {
        PeriodSql p = PeriodSql.of(period);
        List<Object> args = new ArrayList<>(p.args());
        args.add(Date.valueOf(period.toDate()));
        String only = "";
        if (!scope.all()) {
            only = " WHERE a.agency_code = ?";
            args.add(scope.agencyCode());
        }
        List<AgencyRank> rows = jdbc.query("""
                SELECT toInt32(0) AS rank, a.agency_code AS agency_code, a.name_ar AS name_ar, a.name_en AS name_en,
                       a.sector AS sector, CAST(m.stage AS Nullable(Int32)) AS stage, m.maturity_index AS maturity_index,
                       k.transactions AS transactions, k.digital_adoption AS digital_adoption,
                       k.completion_rate AS completion_rate, k.satisfaction_rate AS satisfaction_rate,
                       k.eservice_coverage AS eservice_coverage, k.sla_compliance AS sla_compliance, k.csat AS csat,
                       CAST(k.services_catalogued AS Nullable(Int64)) AS services_catalogued
                FROM ref_agencies AS a
                LEFT JOIN (SELECT scope_code, transactions, digital_adoption, completion_rate, satisfaction_rate,
                                  eservice_coverage, sla_compliance, csat, services_catalogued
                           FROM %s WHERE scope_type = 'agency' AND %s) AS k ON k.scope_code = a.agency_code
                LEFT JOIN (SELECT agency_code, stage, maturity_index FROM agency_maturity WHERE month = ?) AS m
                       ON m.agency_code = a.agency_code
                %s
                ORDER BY m.maturity_index IS NULL, m.maturity_index DESC, a.agency_code
                SETTINGS join_use_nulls = 1
                """.formatted(p.table(), p.where(), only), new DataClassRowMapper<>(AgencyRank.class), args.toArray());
        List<AgencyRank> ranked = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            AgencyRank r = rows.get(i);
            ranked.add(new AgencyRank(r.maturityIndex() == null ? null : i + 1, r.agencyCode(), r.nameAr(), r.nameEn(),
                    r.sector(), r.stage(), r.maturityIndex(), r.transactions(), r.digitalAdoption(), r.completionRate(),
                    r.satisfactionRate(), r.eserviceCoverage(), r.slaCompliance(), r.csat(), r.servicesCatalogued()));
        }
        return ranked;
    }

    /** One value per agency and month: a KPI column of kpi_monthly, or maturity_index of agency_maturity. */
    @Cacheable(cacheNames = "agencies", sync = true)
    public List<HeatCell> heatmap(String kpi, PeriodSelection window, AgencyScope scope) {
        List<Object> args = new ArrayList<>(List.of(Date.valueOf(window.fromDate()), Date.valueOf(window.toDate())));
        String sql;
        if (kpi.equals("maturity_index")) {
            sql = "SELECT toString(month) AS m, agency_code AS a, toNullable(maturity_index) AS v FROM agency_maturity "
                    + "WHERE month BETWEEN ? AND ?" + (scope.all() ? "" : " AND agency_code = ?");
        } else {
            sql = "SELECT toString(month) AS m, scope_code AS a, toNullable(toFloat64(" + kpi + ")) AS v FROM kpi_monthly "
                    + "WHERE scope_type = 'agency' AND month BETWEEN ? AND ?" + (scope.all() ? "" : " AND scope_code = ?");
        }
        if (!scope.all()) {
            args.add(scope.agencyCode());
        }
        return jdbc.query(sql + " ORDER BY a, m", (rs, i) -> {
            double v = rs.getDouble("v");
            return new HeatCell(rs.getString("m").substring(0, 7), rs.getString("a"), rs.wasNull() ? null : v);
        }, args.toArray());
    }

    /** The services of one agency (or every service the scope may read) with their KPIs in the period. */
    @Cacheable(cacheNames = "agencies", sync = true)
    public List<ServiceRow> services(String agencyCode, String serviceCode, PeriodSelection period, AgencyScope scope) {
        PeriodSql p = PeriodSql.of(period);
        List<Object> args = new ArrayList<>(p.args());
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        for (String[] filter : new String[][]{{"s.agency_code", agencyCode}, {"s.service_code", serviceCode},
                {"s.agency_code", scope.agencyCode()}}) {
            if (filter[1] != null) {
                where.append(" AND ").append(filter[0]).append(" = ?");
                args.add(filter[1]);
            }
        }
        return jdbc.query("""
                SELECT s.service_code AS service_code, s.agency_code AS agency_code, s.name_ar AS name_ar,
                       s.name_en AS name_en, s.category AS category, toInt64(s.sla_minutes) AS sla_minutes,
                       k.transactions AS transactions, k.digital_adoption AS digital_adoption,
                       k.completion_rate AS completion_rate, k.satisfaction_rate AS satisfaction_rate,
                       k.sla_compliance AS sla_compliance, k.csat AS csat
                FROM ref_services AS s
                LEFT JOIN (SELECT scope_code, transactions, digital_adoption, completion_rate, satisfaction_rate,
                                  sla_compliance, csat
                           FROM %s WHERE scope_type = 'service' AND %s) AS k ON k.scope_code = s.service_code
                %s
                ORDER BY s.agency_code, k.transactions IS NULL, k.transactions DESC, s.service_code
                SETTINGS join_use_nulls = 1
                """.formatted(p.table(), p.where(), where), new DataClassRowMapper<>(ServiceRow.class), args.toArray());
    }

    /** Completed transactions per channel of an agency or a service in the period's months. */
    @Cacheable(cacheNames = "agencies", sync = true)
    public List<ChannelShare> channels(String agencyCode, String serviceCode, PeriodSelection period) {
        return jdbc.query("""
                SELECT c.channel AS channel, c.name_ar AS name_ar, c.name_en AS name_en, c.is_digital AS is_digital,
                       ifNull(e.n, 0) AS transactions, if(sum(ifNull(e.n, 0)) OVER () = 0, NULL,
                       ifNull(e.n, 0) / sum(ifNull(e.n, 0)) OVER ()) AS share
                FROM ref_channels AS c
                LEFT JOIN (SELECT channel, toInt64(count()) AS n FROM service_events
                           WHERE agency = ? AND (? = '' OR service = ?) AND event = 'completed'
                             AND month BETWEEN ? AND ? GROUP BY channel) AS e ON e.channel = c.channel
                ORDER BY c.is_digital DESC, transactions DESC, c.channel
                SETTINGS join_use_nulls = 1
                """, new DataClassRowMapper<>(ChannelShare.class), agencyCode, nz(serviceCode), nz(serviceCode),
                Date.valueOf(period.fromDate()), Date.valueOf(period.toDate()));
    }

    /** How many ratings 1..5 an agency or a service received in the period's months. */
    @Cacheable(cacheNames = "agencies", sync = true)
    public List<RatingCount> ratings(String agencyCode, String serviceCode, PeriodSelection period) {
        return jdbc.query("""
                SELECT toInt32(r.number + 1) AS rating, ifNull(e.n, 0) AS ratings,
                       if(sum(ifNull(e.n, 0)) OVER () = 0, NULL, ifNull(e.n, 0) / sum(ifNull(e.n, 0)) OVER ()) AS share
                FROM numbers(5) AS r
                LEFT JOIN (SELECT toUInt64(rating - 1) AS k, toInt64(count()) AS n FROM service_events
                           WHERE agency = ? AND (? = '' OR service = ?) AND event = 'rated' AND rating IS NOT NULL
                             AND month BETWEEN ? AND ? GROUP BY k) AS e ON e.k = r.number
                ORDER BY rating
                SETTINGS join_use_nulls = 1
                """, new DataClassRowMapper<>(RatingCount.class), agencyCode, nz(serviceCode), nz(serviceCode),
                Date.valueOf(period.fromDate()), Date.valueOf(period.toDate()));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
