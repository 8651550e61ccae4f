package org.tahawul.dashboard.target;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tahawul.dashboard.system.AgencyScope;
import org.tahawul.dashboard.testing.KpiData;
import org.tahawul.warehouse.testing.TestDatabase;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** TargetRepository against the local ClickHouse: ref_targets joined with kpi_target_progress. */
class TargetRepositoryIT {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.migrated();
    static TargetRepository targets;

    @BeforeAll
    static void data() throws Exception {
        KpiData.in(db.settings()).reference()
                .progress("digital_adoption", "national", "ALL", 2030, 0.9, 0.78, 0.86, "at_risk", "2024-02")
                .write();
        targets = new TargetRepository(KpiData.jdbc(db.settings()));
    }

    @Test
    void everyTargetIsListedWithItsProgressOrAsPending() {
        var rows = targets.progress(null, null, null, AgencyScope.ALL);
        assertThat(rows).hasSize(24);
        TargetProgressRow adoption = targets.progress("national", "ALL", "digital_adoption", AgencyScope.ALL).stream()
                .filter(r -> r.targetYear() == 2030).findFirst().orElseThrow();
        assertThat(adoption).extracting(TargetProgressRow::actual, TargetProgressRow::projected, TargetProgressRow::status,
                TargetProgressRow::asOfMonth, TargetProgressRow::baseline, TargetProgressRow::baselineYear)
                .containsExactly(0.78, 0.86, "at_risk", LocalDate.of(2024, 2, 1), 0.6, 2019);
        TargetProgressRow milestone = targets.progress("national", "ALL", "digital_adoption", AgencyScope.ALL).stream()
                .filter(r -> r.targetYear() == 2025).findFirst().orElseThrow();
        assertThat(milestone.status()).isEqualTo("pending");
        assertThat(milestone.actual()).isNull();
        assertThat(targets.progress(null, null, null, new AgencyScope("MOH"))).hasSize(24); // national + stage targets only
    }
}
