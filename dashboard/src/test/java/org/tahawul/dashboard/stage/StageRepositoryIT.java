package org.tahawul.dashboard.stage;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tahawul.dashboard.system.AgencyScope;
import org.tahawul.dashboard.system.PeriodSelection;
import org.tahawul.dashboard.testing.KpiData;
import org.tahawul.warehouse.testing.TestDatabase;

import java.time.LocalDate;
import java.time.YearMonth;

import static org.assertj.core.api.Assertions.assertThat;

/** StageRepository against the local ClickHouse with hand-made rows. */
class StageRepositoryIT {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.migrated();
    static StageRepository stages;

    @BeforeAll
    static void data() throws Exception {
        KpiData.in(db.settings()).reference()
                .maturity("MOH", "2024-01", 2, 40.0, 0.3, 0.4, 0.5)
                .maturity("MOH", "2024-02", 3, 71.5, 0.7, 0.8, 0.6)
                .maturity("MOI", "2024-02", 3, 75.0, 0.7, 0.85, 0.7)
                .maturity("MC", "2024-02", 1, 10.0, 0.1, 0.1, 0.1)
                .monthly("stage", "3", "2024-02", java.util.Map.of("transactions", 800L, "digital_adoption", 0.82))
                .write();
        stages = new StageRepository(KpiData.jdbc(db.settings()));
    }

    @Test
    void stagesCountTheAgenciesOfThePeriodsLastMonth() {
        PeriodSelection q1 = PeriodSelection.parse("quarter", "2024-Q1", null, null, YearMonth.of(2024, 2));
        // the quarter's last month is March, which has no rows; February has three agencies
        assertThat(stages.stages(q1)).extracting(StageRow::agencies).containsExactly(0L, 0L, 0L, 0L);
        PeriodSelection feb = PeriodSelection.parse("month", "2024-02", null, null, YearMonth.of(2024, 2));
        assertThat(stages.stages(feb)).extracting(StageRow::stage, StageRow::agencies, StageRow::minCoverage)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 1L, 0.0), org.assertj.core.groups.Tuple.tuple(2, 0L, 0.25),
                        org.assertj.core.groups.Tuple.tuple(3, 2L, 0.6), org.assertj.core.groups.Tuple.tuple(4, 0L, 0.95));
        assertThat(stages.stages(feb)).extracting(StageRow::transactions, StageRow::digitalAdoption).containsExactly(
                org.assertj.core.groups.Tuple.tuple(null, null), org.assertj.core.groups.Tuple.tuple(null, null),
                org.assertj.core.groups.Tuple.tuple(800L, 0.82), org.assertj.core.groups.Tuple.tuple(null, null));
    }

    @Test
    void distributionHasEveryStageInEveryMonth() {
        assertThat(stages.distribution(PeriodSelection.range(YearMonth.of(2024, 1), YearMonth.of(2024, 2)))).containsExactly(
                new StageCount("2024-01", 1, 0L), new StageCount("2024-01", 2, 1L), new StageCount("2024-01", 3, 0L),
                new StageCount("2024-01", 4, 0L), new StageCount("2024-02", 1, 1L), new StageCount("2024-02", 2, 0L),
                new StageCount("2024-02", 3, 2L), new StageCount("2024-02", 4, 0L));
    }

    @Test
    void maturityRowsOfOneAgencyOrOfTheUsersAgency() {
        PeriodSelection window = PeriodSelection.range(YearMonth.of(2024, 1), YearMonth.of(2024, 2));
        assertThat(stages.maturity("MOH", window, AgencyScope.ALL)).extracting(MaturityRow::month, MaturityRow::stage)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(LocalDate.of(2024, 1, 1), 2),
                        org.assertj.core.groups.Tuple.tuple(LocalDate.of(2024, 2, 1), 3));
        assertThat(stages.maturity(null, window, new AgencyScope("MOI"))).extracting(MaturityRow::agencyCode).containsExactly("MOI");
        assertThat(stages.maturity(null, window, AgencyScope.ALL)).hasSize(4);
    }
}
