package org.tahawul.dashboard.report;

import org.springframework.jdbc.core.DataClassRowMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.tahawul.dashboard.system.AgencyScope;

import java.util.ArrayList;
import java.util.List;

/** Reads {@code report_runs} (latest state of each run; not cached: runs change state). */
@Repository
class ReportRunRepository {

    private final JdbcTemplate jdbc;

    ReportRunRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The latest runs, newest first; agency staff see only their agency's reports. */
    List<ReportRunRow> latest(int limit, AgencyScope scope) {
        List<Object> args = new ArrayList<>();
        String where = "";
        if (!scope.all()) {
            where = " WHERE scope_code = ?";
            args.add(scope.agencyCode());
        }
        args.add(limit);
        return jdbc.query("SELECT run_id, definition, period, lang, scope_code, trigger, state, toInt32(attempts) AS attempts, "
                        + "requested_by, file, bytes, toInt32(pages) AS pages, error, toString(created_at) AS created_at, "
                        + "toString(started_at) AS started_at, toString(finished_at) AS finished_at "
                        + "FROM report_runs FINAL" + where + " ORDER BY created_at DESC LIMIT ?",
                new DataClassRowMapper<>(ReportRunRow.class), args.toArray());
    }
}
