package org.tahawul.dashboard.testing;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.tahawul.dashboard.system.RowWriter;
import org.tahawul.datasets.reference.ReferenceData;
import org.tahawul.warehouse.ClickHouseSettings;
import org.tahawul.warehouse.ReferenceTables;

import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Hand-made warehouse rows with known values for the tests:
 * <pre>
 *   KpiData.in(db.settings()).reference()
 *       .monthly("national", "ALL", "2024-01", Map.of("digital_adoption", 0.7, "transactions", 1000L))
 *       .write();
 * </pre>
 * Columns a test leaves out get zero (counts) or NULL (rates).
 */
public final class KpiData {

    public static final String RUN_ID = "test-run";

    private static final List<String> RATE_COLUMNS = List.of("digital_adoption", "completion_rate", "csat",
            "satisfaction_rate", "sla_compliance", "eservice_coverage");
    private static final List<String> COUNT_COLUMNS = List.of("transactions", "digital_transactions",
            "active_beneficiaries", "ratings", "digital_sessions_started", "digital_sessions_completed",
            "ratings_satisfied", "completions_with_duration", "completions_within_sla", "services_catalogued",
            "services_online", "agencies");

    private final ClickHouseSettings settings;
    private final Map<String, List<Map<String, Object>>> pending = new LinkedHashMap<>();
    private long eventLine;

    private KpiData(ClickHouseSettings settings) {
        this.settings = settings;
    }

    public static KpiData in(ClickHouseSettings settings) {
        return new KpiData(settings);
    }

    /** A JdbcTemplate on the settings' database (what the repositories take). */
    public static JdbcTemplate jdbc(ClickHouseSettings settings) {
        Properties properties = new Properties();
        properties.setProperty("user", settings.user());
        properties.setProperty("password", settings.password());
        properties.setProperty("database", settings.database());
        SimpleDriverDataSource dataSource;
        try {
            dataSource = new SimpleDriverDataSource(new com.clickhouse.jdbc.Driver(), settings.url(), properties);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return new JdbcTemplate(dataSource);
    }

    /** Loads the shipped reference data into the ref_* tables (27 agencies, 143 services, ...). */
    public KpiData reference() throws SQLException {
        ReferenceTables.load(settings, ReferenceData.loadDefault());
        return this;
    }

    public KpiData monthly(String scopeType, String scopeCode, String month, Map<String, ?> values) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("month", YearMonth.parse(month).atDay(1));
        row.put("scope_type", scopeType);
        row.put("scope_code", scopeCode);
        kpiColumns(row, values);
        return add("kpi_monthly", row);
    }

    /** A quarter ("2024-Q1") or a year ("2024") row of kpi_period. */
    public KpiData period(String scopeType, String scopeCode, String label, Map<String, ?> values) {
        boolean quarter = label.contains("-Q");
        YearMonth start = quarter ? YearMonth.of(Integer.parseInt(label.substring(0, 4)),
                (Integer.parseInt(label.substring(6)) - 1) * 3 + 1) : YearMonth.of(Integer.parseInt(label), 1);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("period_type", quarter ? "quarter" : "year");
        row.put("period_start", start.atDay(1));
        row.put("period_end", start.plusMonths(quarter ? 2 : 11).atEndOfMonth());
        row.put("period_label", label);
        row.put("scope_type", scopeType);
        row.put("scope_code", scopeCode);
        kpiColumns(row, values);
        return add("kpi_period", row);
    }

    public KpiData maturity(String agency, String month, int stage, double index, Double coverage, Double adoption,
                            Double satisfaction) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("month", YearMonth.parse(month).atDay(1));
        row.put("agency_code", agency);
        row.put("stage", stage);
        row.put("maturity_index", index);
        row.put("eservice_coverage", coverage);
        row.put("digital_adoption", adoption);
        row.put("satisfaction_rate", satisfaction);
        row.put("run_id", RUN_ID);
        row.put("computed_at", Instant.now());
        return add("agency_maturity", row);
    }

    public KpiData progress(String kpi, String scopeType, String scopeCode, int targetYear, double target, Double actual,
                            Double projected, String status, String asOfMonth) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("kpi", kpi);
        row.put("scope_type", scopeType);
        row.put("scope_code", scopeCode);
        row.put("as_of_month", asOfMonth == null ? null : YearMonth.parse(asOfMonth).atDay(1));
        row.put("actual", actual);
        row.put("target", target);
        row.put("target_year", targetYear);
        row.put("projected", projected);
        row.put("months_used", 24);
        row.put("status", status);
        row.put("source", "illustrative");
        row.put("run_id", RUN_ID);
        row.put("computed_at", Instant.now());
        return add("kpi_target_progress", row);
    }

    /** {@code count} events of one kind (completed on a channel, or rated with a rating). */
    public KpiData events(String agency, String service, String month, String channel, boolean digital, String event,
                          Integer rating, int count) {
        for (int i = 0; i < count; i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            LocalDate day = YearMonth.parse(month).atDay(1);
            row.put("event_id", "t-" + (++eventLine));
            row.put("ts", day.atStartOfDay().toInstant(java.time.ZoneOffset.UTC));
            row.put("month", day);
            row.put("agency", agency);
            row.put("service", service);
            row.put("channel", channel);
            row.put("is_digital", digital);
            row.put("event", event);
            row.put("rating", rating);
            row.put("source_file", "test");
            row.put("line_number", eventLine);
            row.put("run_id", RUN_ID);
            row.put("loaded_at", Instant.now());
            add("service_events", row);
        }
        return this;
    }

    public KpiData jobRun(String runId, Instant updatedAt) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("run_id", runId);
        row.put("job", "analytics");
        row.put("status", "succeeded");
        row.put("started_at", updatedAt);
        row.put("updated_at", updatedAt);
        return add("job_runs", row);
    }

    /** Writes every pending row. */
    public KpiData write() throws SQLException {
        for (Map.Entry<String, List<Map<String, Object>>> table : pending.entrySet()) {
            RowWriter.write(settings, table.getKey(), table.getValue());
        }
        pending.clear();
        return this;
    }

    private KpiData add(String table, Map<String, Object> row) {
        pending.computeIfAbsent(table, k -> new ArrayList<>()).add(row);
        return this;
    }

    private static void kpiColumns(Map<String, Object> row, Map<String, ?> values) {
        for (String c : COUNT_COLUMNS) {
            Object v = values.get(c);
            row.put(c, v == null ? 0L : ((Number) v).longValue());
        }
        for (String c : RATE_COLUMNS) {
            Object v = values.get(c);
            row.put(c, v == null ? null : ((Number) v).doubleValue());
        }
        for (String key : values.keySet()) {
            if (!row.containsKey(key)) {
                throw new IllegalArgumentException("unknown KPI column " + key);
            }
        }
        row.put("run_id", RUN_ID);
        row.put("computed_at", Instant.now());
    }
}
