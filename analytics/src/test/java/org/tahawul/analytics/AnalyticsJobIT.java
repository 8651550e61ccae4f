package org.tahawul.analytics;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tahawul.warehouse.ClickHouseSettings;
import org.tahawul.warehouse.testing.TestDatabase;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The job against the local ClickHouse: hand-made events in service_events, the four output tables,
 * re-runs and the audit row. SPL and MOTLS have two catalogued services each.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AnalyticsJobIT {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.migrated();

    /** "Today" is 15 March 2024 in Riyadh: February 2024 is the latest complete month. */
    static final Clock MARCH_2024 = Clock.fixed(Instant.parse("2024-03-15T09:00:00Z"), AnalyticsJob.RIYADH);

    static AnalyticsJob.Summary first;

    @BeforeAll
    static void events() throws Exception {
        try (WarehouseEvents e = WarehouseEvents.into(db.settings())) {
            // 23:30 on 31 January in Riyadh, completed at 00:30 on 1 February
            e.add("2024-01-31T20:30:00Z", "SPL-NATIONAL-ADDRESS", "web", "started", "s1", "k1", null, null);
            e.add("2024-01-31T21:30:00Z", "SPL-NATIONAL-ADDRESS", "web", "completed", "s1", "k1", 300_000L, null);
            e.add("2024-01-10T08:00:00Z", "SPL-ADDRESS-PROOF", "counter", "completed", null, "k2", 600_000L, null);
            e.add("2024-01-15T08:00:00Z", "SPL-NATIONAL-ADDRESS", "mobile", "started", "s2", "k4", null, null);
            e.add("2024-01-15T08:05:00Z", "SPL-NATIONAL-ADDRESS", "mobile", "failed", "s2", "k4", null, null);
            e.add("2024-01-20T08:00:00Z", "SPL-NATIONAL-ADDRESS", "web", "rated", null, null, null, 5);
            e.add("2024-01-05T08:00:00Z", "MOTLS-ROW-PERMIT", "counter", "completed", null, "k3", null, null);
            e.add("2024-02-10T08:00:00Z", "MOTLS-ROW-PERMIT", "web", "completed", null, "k3", 1_000L, null);
        }
        first = AnalyticsJob.run(SparkTestSession.get(), AnalyticsConfig.defaults(), db.settings(), MARCH_2024);
    }

    @Test
    @Order(1)
    void computesTheMonthsWithData() throws Exception {
        assertThat(first.months()).containsExactly(YearMonth.of(2024, 1), YearMonth.of(2024, 2));
        Map<String, Object> jan = row("SELECT * FROM kpi_monthly WHERE month = '2024-01-01' AND scope_type = 'national'");
        assertThat(jan.get("transactions")).isEqualTo(2L);
        assertThat(jan.get("digital_transactions")).isEqualTo(0L);
        assertThat((Double) jan.get("digital_adoption")).isEqualTo(0.0);
        // s1 (started 31 January, completed 1 February) and s2 (failed)
        assertThat((Double) jan.get("completion_rate")).isEqualTo(0.5);
        assertThat(jan.get("ratings")).isEqualTo(1L);
        assertThat((Double) jan.get("csat")).isEqualTo(5.0);
        assertThat((Double) jan.get("sla_compliance")).isEqualTo(0.0); // 10 min for a 5-minute SLA; one without duration
        assertThat(jan.get("completions_with_duration")).isEqualTo(1L);
        assertThat(jan.get("active_beneficiaries")).isEqualTo(0L);
        assertThat((Double) jan.get("eservice_coverage")).isEqualTo(0.0);

        Map<String, Object> feb = row("SELECT * FROM kpi_monthly WHERE month = '2024-02-01' AND scope_type = 'national'");
        assertThat(feb.get("transactions")).isEqualTo(2L);
        assertThat((Double) feb.get("digital_adoption")).isEqualTo(1.0);
        assertThat(feb.get("completion_rate")).isNull();
        assertThat(feb.get("active_beneficiaries")).isEqualTo(2L);
        assertThat((Double) feb.get("sla_compliance")).isEqualTo(1.0);
        assertThat(feb.get("csat")).isNull();
        assertThat(feb.get("satisfaction_rate")).isNull();
        assertThat(feb.get("services_online")).isEqualTo(2L);
        assertThat((Double) feb.get("eservice_coverage")).isCloseTo(2.0 / (Long) feb.get("services_catalogued"), within(1e-12));
        assertThat(row("SELECT * FROM kpi_monthly WHERE month = '2024-02-01' AND scope_type = 'service'"
                + " AND scope_code = 'SPL-NATIONAL-ADDRESS'").get("eservice_coverage")).isNull();
    }

    @Test
    @Order(2)
    void agenciesAddUpToNationalAndStagesPartitionTheAgencies() throws Exception {
        for (String month : List.of("2024-01-01", "2024-02-01")) {
            long national = (Long) row("SELECT transactions FROM kpi_monthly WHERE month = '" + month
                    + "' AND scope_type = 'national'").get("transactions");
            assertThat(db.queryLong("SELECT sum(transactions) FROM kpi_monthly WHERE month = '" + month
                    + "' AND scope_type = 'agency'")).isEqualTo(national);
            assertThat(db.queryLong("SELECT sum(transactions) FROM kpi_monthly WHERE month = '" + month
                    + "' AND scope_type = 'stage'")).isEqualTo(national);
            long agencies = db.queryLong("SELECT count() FROM agency_maturity WHERE month = '" + month + "'");
            assertThat(agencies).isEqualTo(27);
            assertThat(db.queryLong("SELECT sum(agencies) FROM kpi_monthly WHERE month = '" + month
                    + "' AND scope_type = 'stage'")).isEqualTo(agencies);
        }
        assertThat(row("SELECT stage, maturity_index FROM agency_maturity WHERE month = '2024-02-01'"
                + " AND agency_code = 'SPL'")).containsEntry("stage", 2L)
                .hasEntrySatisfying("maturity_index", v -> assertThat((Double) v).isCloseTo(100 * (0.4 * 0.5 + 0.4), within(1e-9)));
        assertThat(row("SELECT stage FROM agency_maturity WHERE month = '2024-01-01' AND agency_code = 'SPL'"))
                .containsEntry("stage", 1L);
        Map<String, Object> stage2 = row("SELECT * FROM kpi_monthly WHERE month = '2024-02-01' AND scope_type = 'stage'"
                + " AND scope_code = '2'");
        assertThat(stage2.get("agencies")).isEqualTo(2L);
        assertThat(stage2.get("transactions")).isEqualTo(2L);
    }

    @Test
    @Order(3)
    void quartersAndYearsAreComputedFromEvents() throws Exception {
        Map<String, Object> q1 = row("SELECT * FROM kpi_period WHERE period_label = '2024-Q1' AND scope_type = 'national'");
        assertThat(q1.get("period_type")).isEqualTo("quarter");
        assertThat(q1.get("period_end").toString()).isEqualTo("2024-03-31");
        assertThat(q1.get("transactions")).isEqualTo(4L);
        assertThat((Double) q1.get("digital_adoption")).isEqualTo(0.5);
        assertThat(q1.get("active_beneficiaries")).isEqualTo(2L);
        assertThat((Double) q1.get("completion_rate")).isEqualTo(0.5);
        Map<String, Object> year = row("SELECT * FROM kpi_period WHERE period_label = '2024' AND scope_type = 'agency'"
                + " AND scope_code = 'MOTLS'");
        assertThat(year.get("transactions")).isEqualTo(2L);
        assertThat(year.get("active_beneficiaries")).isEqualTo(1L);
    }

    @Test
    @Order(4)
    void targetProgressHasARowPerTarget() throws Exception {
        assertThat(db.queryLong("SELECT count() FROM kpi_target_progress"))
                .isEqualTo(AnalyticsConfig.defaults().reference().targets().size());
        Map<String, Object> adoption = row("SELECT * FROM kpi_target_progress WHERE kpi = 'digital_adoption'"
                + " AND scope_type = 'national' AND target_year = 2030");
        assertThat(adoption.get("as_of_month").toString()).isEqualTo("2024-02-01");
        assertThat((Double) adoption.get("actual")).isEqualTo(1.0);
        assertThat(adoption.get("status")).isEqualTo("achieved");
        assertThat(adoption.get("projected")).isNull(); // two months of values
        assertThat(row("SELECT status FROM kpi_target_progress WHERE kpi = 'completion_rate'"
                + " AND scope_type = 'national' AND target_year = 2030")).containsEntry("status", "no_data");
        assertThat(row("SELECT status FROM job_runs FINAL WHERE run_id = '" + first.runId() + "'"))
                .containsEntry("status", "succeeded");
    }

    @Test
    @Order(5)
    void reRunningAMonthYieldsIdenticalRowsAndReplacesOnlyThatMonth() throws Exception {
        String columns = "month, scope_type, scope_code, transactions, digital_transactions, digital_adoption,"
                + " completion_rate, active_beneficiaries, ratings, csat, satisfaction_rate, sla_compliance,"
                + " eservice_coverage, services_catalogued, services_online, agencies";
        String query = "SELECT " + columns + " FROM kpi_monthly WHERE month = '2024-02-01' ORDER BY scope_type, scope_code";
        List<Map<String, Object>> before = rows(query);
        List<Map<String, Object>> maturityBefore = rows("SELECT month, agency_code, stage, maturity_index FROM"
                + " agency_maturity WHERE month = '2024-02-01' ORDER BY agency_code");
        AnalyticsJob.Summary again = AnalyticsJob.run(SparkTestSession.get(),
                AnalyticsConfig.defaults().withMonths(YearMonth.of(2024, 2), YearMonth.of(2024, 2)), db.settings(),
                MARCH_2024);
        assertThat(again.months()).containsExactly(YearMonth.of(2024, 2));
        assertThat(rows(query)).isEqualTo(before);
        assertThat(rows("SELECT month, agency_code, stage, maturity_index FROM agency_maturity"
                + " WHERE month = '2024-02-01' ORDER BY agency_code")).isEqualTo(maturityBefore);
        assertThat(db.queryLong("SELECT uniqExact(run_id) FROM kpi_monthly WHERE month = '2024-02-01'")).isEqualTo(1);
        assertThat(row("SELECT any(run_id) AS r FROM kpi_monthly WHERE month = '2024-02-01'").get("r")).isEqualTo(again.runId());
        assertThat(row("SELECT any(run_id) AS r FROM kpi_monthly WHERE month = '2024-01-01'").get("r")).isEqualTo(first.runId());

        try (WarehouseEvents e = WarehouseEvents.into(db.settings())) {
            e.add("2024-02-11T08:00:00Z", "SPL-ADDRESS-PROOF", "counter", "completed", null, "k9", null, null);
        }
        AnalyticsJob.run(SparkTestSession.get(),
                AnalyticsConfig.defaults().withMonths(YearMonth.of(2024, 2), YearMonth.of(2024, 2)), db.settings(),
                MARCH_2024);
        assertThat(db.queryLong("SELECT count() FROM kpi_monthly WHERE month = '2024-02-01' AND scope_type = 'national'"))
                .isEqualTo(1);
        assertThat(db.queryLong("SELECT transactions FROM kpi_monthly WHERE month = '2024-02-01'"
                + " AND scope_type = 'national'")).isEqualTo(3);
        assertThat(db.queryLong("SELECT transactions FROM kpi_period WHERE period_label = '2024-Q1'"
                + " AND scope_type = 'national'")).isEqualTo(5);
    }

    @Test
    @Order(6)
    void theQiyasStagesFileWorks() throws Exception {
        AnalyticsJob.run(SparkTestSession.get(), AnalyticsConfig.parse("--stages-file", "maturity_stages_qiyas.csv"),
                db.settings(), MARCH_2024);
        assertThat(db.queryLong("SELECT count() FROM agency_maturity WHERE month = '2024-02-01'")).isEqualTo(27);
        assertThat(db.queryLong("SELECT stage FROM agency_maturity WHERE month = '2024-02-01' AND agency_code = 'SPL'"))
                .isEqualTo(2);
    }

    @Test
    @Order(7)
    void anUnreachableServerIsNamedInTheError() {
        ClickHouseSettings nowhere = db.settings().withUrl("jdbc:clickhouse://127.0.0.1:1");
        assertThatThrownBy(() -> AnalyticsJob.run(SparkTestSession.get(), AnalyticsConfig.defaults(), nowhere, MARCH_2024))
                .hasMessageContaining("127.0.0.1:1");
    }

    private static Map<String, Object> row(String sql) throws Exception {
        List<Map<String, Object>> rows = rows(sql);
        assertThat(rows).as(sql).hasSize(1);
        return rows.get(0);
    }

    private static List<Map<String, Object>> rows(String sql) throws Exception {
        List<Map<String, Object>> out = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                Map<String, Object> r = new HashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    Object v = rs.getObject(i);
                    r.put(meta.getColumnLabel(i), v instanceof Number n && !(v instanceof Double)
                            && !(v instanceof Float) ? (Object) n.longValue() : v);
                }
                out.add(r);
            }
        }
        return out;
    }
}
