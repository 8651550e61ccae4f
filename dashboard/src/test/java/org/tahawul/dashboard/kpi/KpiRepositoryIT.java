package org.tahawul.dashboard.kpi;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tahawul.dashboard.system.AgencyScope;
import org.tahawul.dashboard.system.PeriodSelection;
import org.tahawul.dashboard.testing.KpiData;
import org.tahawul.warehouse.testing.TestDatabase;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** KpiRepository against the local ClickHouse with hand-made rows. */
class KpiRepositoryIT {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.migrated();
    static KpiRepository repository;

    @BeforeAll
    static void data() throws Exception {
        KpiData.in(db.settings()).reference()
                .monthly("national", "ALL", "2024-01", Map.of("transactions", 1000L, "digital_transactions", 700L,
                        "digital_adoption", 0.7, "csat", 4.1))
                .monthly("national", "ALL", "2024-02", Map.of("transactions", 1200L, "digital_adoption", 0.75))
                .monthly("agency", "MOH", "2024-02", Map.of("transactions", 300L, "digital_adoption", 0.8))
                .monthly("agency", "MOI", "2024-02", Map.of("transactions", 500L, "digital_adoption", 0.6))
                .monthly("service", "MOH-APPOINTMENT", "2024-02", Map.of("transactions", 100L))
                .monthly("service", "MOI-NID-RENEW", "2024-02", Map.of("transactions", 200L))
                .period("national", "ALL", "2024-Q1", Map.of("transactions", 3300L, "digital_adoption", 0.74))
                .period("national", "ALL", "2023", Map.of("transactions", 12000L, "digital_adoption", 0.66))
                .write();
        repository = new KpiRepository(KpiData.jdbc(db.settings()));
    }

    @Test
    void monthlyRowsCarryEveryColumn() {
        List<KpiMonthlyRow> rows = repository.monthly("national", "ALL", YearMonth.of(2024, 1), YearMonth.of(2024, 12), AgencyScope.ALL);
        assertThat(rows).extracting(KpiMonthlyRow::month).containsExactly(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 2, 1));
        KpiMonthlyRow january = rows.get(0);
        assertThat(january.transactions()).isEqualTo(1000L);
        assertThat(january.digitalTransactions()).isEqualTo(700L);
        assertThat(january.digitalAdoption()).isEqualTo(0.7);
        assertThat(january.csat()).isEqualTo(4.1);
        assertThat(january.completionRate()).isNull();
        assertThat(january.runId()).isEqualTo(KpiData.RUN_ID);
    }

    @Test
    void agencyStaffGetOnlyTheirAgencysAndServicesRows() {
        AgencyScope moh = new AgencyScope("MOH");
        YearMonth feb = YearMonth.of(2024, 2);
        assertThat(repository.monthly("agency", null, feb, feb, AgencyScope.ALL)).extracting(KpiMonthlyRow::scopeCode)
                .containsExactly("MOH", "MOI");
        assertThat(repository.monthly("agency", null, feb, feb, moh)).extracting(KpiMonthlyRow::scopeCode).containsExactly("MOH");
        assertThat(repository.monthly("service", null, feb, feb, moh)).extracting(KpiMonthlyRow::scopeCode)
                .containsExactly("MOH-APPOINTMENT");
    }

    @Test
    void headlineReadsMonthsFromKpiMonthlyAndQuartersAndYearsFromKpiPeriod() {
        assertThat(repository.headline("national", "ALL", PeriodSelection.parse("month", "2024-02", null, null, YearMonth.of(2024, 2))))
                .containsEntry("digital_adoption", 0.75).containsEntry("transactions", 1200.0).containsEntry("csat", null);
        assertThat(repository.headline("national", "ALL", PeriodSelection.parse("quarter", "2024-Q1", null, null, YearMonth.of(2024, 2))))
                .containsEntry("digital_adoption", 0.74).containsEntry("transactions", 3300.0);
        assertThat(repository.headline("national", "ALL", PeriodSelection.parse("year", "2023", null, null, YearMonth.of(2024, 2))))
                .containsEntry("digital_adoption", 0.66);
        assertThat(repository.headline("national", "ALL", PeriodSelection.parse("month", "2020-01", null, null, YearMonth.of(2024, 2))))
                .isEmpty();
        assertThat(repository.periods("quarter", "national", "ALL", YearMonth.of(2024, 1), YearMonth.of(2024, 12), AgencyScope.ALL))
                .extracting(KpiPeriodRow::periodLabel, KpiPeriodRow::periodEnd).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("2024-Q1", LocalDate.of(2024, 3, 31)));
    }

    @Test
    void seriesAndExternalIndicators() {
        assertThat(repository.series("digital_adoption", "national", "ALL", YearMonth.of(2023, 1), YearMonth.of(2024, 12)))
                .containsExactly(new Trend.Point("2024-01", 0.7), new Trend.Point("2024-02", 0.75));
        assertThat(repository.externalIndicators()).contains(new ExternalIndicatorRow("un_egdi_rank", 2024, 6.0,
                "UN E-Government Survey 2024, United Nations DESA"));
    }
}
