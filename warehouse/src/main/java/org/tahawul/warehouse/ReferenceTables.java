package org.tahawul.warehouse;

import org.tahawul.datasets.reference.ReferenceData;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/**
 * Copies validated reference data into the {@code ref_*} tables. Each table is replaced as a
 * whole and atomically: the rows go into a load copy, which {@code EXCHANGE TABLES} swaps with
 * the live table, so a reader sees the old catalogue or the new one, never half of each.
 * (Validation — file, line and reason of any malformed row — happens earlier, in
 * {@link ReferenceData#load}.)
 */
public final class ReferenceTables {

    /** Writes one row's columns into a prepared INSERT. */
    private interface Binder<T> {
        void bind(PreparedStatement insert, T row) throws SQLException;
    }

    private ReferenceTables() {
    }

    /** Replaces every reference table with {@code data}; returns the number of rows written. */
    public static long load(ClickHouseSettings settings, ReferenceData data) throws SQLException {
        long rows = 0;
        try (Connection connection = settings.connect()) {
            rows += replace(connection, Tables.REF_AGENCIES, "agency_code, name_ar, name_en, sector",
                    data.agencies(), (insert, a) -> bind(insert, a.code(), a.nameAr(), a.nameEn(), a.sector()));
            rows += replace(connection, Tables.REF_SERVICES,
                    "service_code, agency_code, name_ar, name_en, category, sla_minutes", data.services(),
                    (insert, s) -> {
                        bind(insert, s.code(), s.agencyCode(), s.nameAr(), s.nameEn(), s.category());
                        insert.setInt(6, s.slaMinutes());
                    });
            rows += replace(connection, Tables.REF_CHANNELS, "channel, name_ar, name_en, is_digital",
                    data.channels(), (insert, c) -> {
                        bind(insert, c.code(), c.nameAr(), c.nameEn());
                        insert.setBoolean(4, c.digital());
                    });
            rows += replace(connection, Tables.REF_REGIONS, "region_code, name_ar, name_en", data.regions(),
                    (insert, r) -> bind(insert, r.code(), r.nameAr(), r.nameEn()));
            rows += replace(connection, Tables.REF_MATURITY_STAGES,
                    "stage, name_ar, name_en, min_coverage, min_adoption, min_satisfaction", data.stages(),
                    (insert, m) -> {
                        insert.setInt(1, m.stage());
                        insert.setString(2, m.nameAr());
                        insert.setString(3, m.nameEn());
                        insert.setDouble(4, m.minCoverage());
                        insert.setDouble(5, m.minAdoption());
                        insert.setDouble(6, m.minSatisfaction());
                    });
            rows += replace(connection, Tables.REF_TARGETS,
                    "kpi, scope_type, scope_code, target_year, target, baseline_year, baseline, source",
                    data.targets(), (insert, t) -> {
                        bind(insert, t.kpi(), t.scopeType(), t.scopeCode());
                        insert.setInt(4, t.targetYear());
                        insert.setDouble(5, t.target());
                        if (t.baselineYear() == null) {
                            insert.setNull(6, Types.INTEGER);
                        } else {
                            insert.setInt(6, t.baselineYear());
                        }
                        if (t.baseline() == null) {
                            insert.setNull(7, Types.DOUBLE);
                        } else {
                            insert.setDouble(7, t.baseline());
                        }
                        insert.setString(8, t.source());
                    });
            rows += replace(connection, Tables.REF_EXTERNAL_INDICATORS, "indicator, year, value, source",
                    data.externalIndicators(), (insert, e) -> {
                        insert.setString(1, e.indicator());
                        insert.setInt(2, e.year());
                        insert.setDouble(3, e.value());
                        insert.setString(4, e.source());
                    });
        }
        return rows;
    }

    private static void bind(PreparedStatement insert, String... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            insert.setString(i + 1, values[i]);
        }
    }

    private static <T> int replace(Connection connection, String table, String columns, List<T> rows,
                                   Binder<T> binder) throws SQLException {
        String load = table + "__load";
        Jdbc.execute(connection, "DROP TABLE IF EXISTS " + load);
        Jdbc.execute(connection, "CREATE TABLE " + load + " AS " + table);
        String placeholders = "?" + ", ?".repeat(columns.split(",").length - 1);
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO " + load + " (" + columns + ") VALUES (" + placeholders + ")")) {
            for (T row : rows) {
                binder.bind(insert, row);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        Jdbc.execute(connection, "EXCHANGE TABLES " + load + " AND " + table);
        Jdbc.execute(connection, "DROP TABLE " + load);
        return rows.size();
    }
}
