package org.tahawul.analytics;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.tahawul.datasets.reference.Target;
import org.tahawul.warehouse.ClickHouseSettings;
import org.tahawul.warehouse.Jdbc;
import org.tahawul.warehouse.Tables;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads back, from {@code kpi_monthly} and this run's staged rows, the monthly history of the scopes that
 * targets name: target progress looks at every month on record, not only the months this run recomputed.
 */
final class KpiMonthlySource {

    static final List<String> KPIS = List.of("transactions", "digital_transactions", "digital_adoption",
            "completion_rate", "active_beneficiaries", "ratings", "csat", "satisfaction_rate", "sla_compliance",
            "eservice_coverage");
    private static final List<String> COUNTS = List.of("transactions", "digital_transactions",
            "active_beneficiaries", "ratings");

    static final StructType SCHEMA;

    static {
        StructType s = new StructType()
                .add("month", DataTypes.DateType, false)
                .add("scope_type", DataTypes.StringType, false)
                .add("scope_code", DataTypes.StringType, false);
        for (String kpi : KPIS) {
            s = s.add(kpi, COUNTS.contains(kpi) ? DataTypes.LongType : DataTypes.DoubleType, true);
        }
        SCHEMA = s;
    }

    private KpiMonthlySource() {
    }

    /**
     * The history as it will be once this run has published: {@code kpi_monthly} outside {@code from..to},
     * and inside it the rows staged in {@code staged} (a copy of kpi_monthly).
     */
    static Dataset<Row> forTargets(SparkSession spark, ClickHouseSettings settings, List<Target> targets,
                                   YearMonth from, YearMonth to, String staged) throws SQLException {
        List<Row> rows = new ArrayList<>();
        if (!targets.isEmpty()) {
            String scopes = targets.stream()
                    .map(t -> "(" + Jdbc.quote(t.scopeType()) + ", " + Jdbc.quote(t.scopeCode()) + ")")
                    .distinct().collect(Collectors.joining(", "));
            String sql = "SELECT toString(month), toString(scope_type), toString(scope_code), " + String.join(", ", KPIS)
                    + " FROM (SELECT * FROM " + Tables.KPI_MONTHLY + " WHERE month NOT BETWEEN "
                    + EventCounts.date(from) + " AND " + EventCounts.date(to) + " UNION ALL SELECT * FROM " + staged
                    + ") WHERE (toString(scope_type), toString(scope_code)) IN ("
                    + scopes + ") ORDER BY scope_type, scope_code, month";
            try (Connection connection = settings.connect(); Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery(sql)) {
                while (rs.next()) {
                    Object[] values = new Object[3 + KPIS.size()];
                    values[0] = java.sql.Date.valueOf(rs.getString(1));
                    values[1] = rs.getString(2);
                    values[2] = rs.getString(3);
                    for (int i = 0; i < KPIS.size(); i++) {
                        Object v = COUNTS.contains(KPIS.get(i)) ? (Object) rs.getLong(4 + i) : (Object) rs.getDouble(4 + i);
                        values[3 + i] = rs.wasNull() ? null : v;
                    }
                    rows.add(RowFactory.create(values));
                }
            }
        }
        return spark.createDataFrame(rows, SCHEMA);
    }
}
