package org.tahawul.dashboard.target;

import org.springframework.cache.annotation.Cacheable;
import org.springframework.jdbc.core.DataClassRowMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.tahawul.dashboard.system.AgencyScope;

import java.util.ArrayList;
import java.util.List;

/** Targets ({@code ref_targets}) joined with their progress ({@code kpi_target_progress}). */
@Repository
public class TargetRepository {

    private static final String SELECT = """
            SELECT t.kpi AS kpi, t.scope_type AS scope_type, t.scope_code AS scope_code,
                   toInt32(t.target_year) AS target_year, t.target AS target,
                   CAST(t.baseline_year AS Nullable(Int32)) AS baseline_year, t.baseline AS baseline,
                   p.as_of_month AS as_of_month, p.actual AS actual, p.projected AS projected,
                   toInt32(ifNull(p.months_used, 0)) AS months_used,
                   if(p.status IS NULL OR p.status = '', 'pending', p.status) AS status,
                   t.source AS source, ifNull(p.run_id, '') AS run_id
            FROM ref_targets AS t
            LEFT JOIN kpi_target_progress AS p
              ON p.kpi = t.kpi AND p.scope_type = t.scope_type AND p.scope_code = t.scope_code
             AND p.target_year = t.target_year
            """;
    private static final String ORDER = " ORDER BY t.scope_type = 'national' DESC, t.scope_type, t.scope_code, "
            + "t.target_year DESC, t.kpi SETTINGS join_use_nulls = 1";

    private final JdbcTemplate jdbc;

    TargetRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Every target the scope may read (agency staff: national, stage, their agency and its services),
     * optionally of one scope type and code and one KPI.
     */
    @Cacheable(cacheNames = "targets", sync = true)
    public List<TargetProgressRow> progress(String scopeType, String scopeCode, String kpi, AgencyScope scope) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (scopeType != null) {
            where.append(" AND t.scope_type = ?");
            args.add(scopeType);
        }
        if (scopeCode != null) {
            where.append(" AND t.scope_code = ?");
            args.add(scopeCode);
        }
        if (kpi != null) {
            where.append(" AND t.kpi = ?");
            args.add(kpi);
        }
        if (!scope.all()) {
            where.append(" AND (t.scope_type IN ('national', 'stage') OR (t.scope_type = 'agency' AND t.scope_code = ?)"
                    + " OR (t.scope_type = 'service' AND t.scope_code IN "
                    + "(SELECT service_code FROM ref_services WHERE agency_code = ?)))");
            args.add(scope.agencyCode());
            args.add(scope.agencyCode());
        }
        return jdbc.query(SELECT + where + ORDER, new DataClassRowMapper<>(TargetProgressRow.class), args.toArray());
    }
}
