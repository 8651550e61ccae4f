package org.tahawul.analytics;

import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.tahawul.datasets.reference.MaturityStage;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.tahawul.analytics.Events.events;

class MaturityTransformsTest {

    /** The Qiyas-style five stages (datasets/reference/maturity_stages_qiyas.csv). */
    static final List<MaturityStage> QIYAS = List.of(
            new MaturityStage(1, "البناء", "Building", 0, 0, 0),
            new MaturityStage(2, "الإتاحة", "Availability", 0.25, 0, 0),
            new MaturityStage(3, "التحسين", "Improvement", 0.5, 0.3, 0.5),
            new MaturityStage(4, "التكامل", "Integration", 0.8, 0.6, 0.65),
            new MaturityStage(5, "الإبداع", "Creativity", 0.95, 0.85, 0.8));

    private static Map<String, Row> maturity(Events events, List<MaturityStage> stages) {
        return KpiTransformsTest.compute(events, Events.noOutsideCompletions(), stages).maturity().stream()
                .filter(x -> x.getAs("month").equals(java.sql.Date.valueOf("2024-01-01")))
                .collect(Collectors.toMap(x -> x.getAs("agency_code"), x -> x));
    }

    @Test
    void agencyWithNoDigitalCompletionsIsStageOne() {
        Map<String, Row> m = maturity(events()
                .completed("2024-01", "A-1", false, null, "u1", null)
                .completed("2024-01", "A-2", false, null, "u2", null)
                .rated("2024-01", "A-1", false, 5), Events.STAGES);
        Row a = m.get("A");
        assertThat(a.<Integer>getAs("stage")).isEqualTo(1);
        assertThat(a.<Double>getAs("eservice_coverage")).isZero();
        assertThat(a.<Double>getAs("digital_adoption")).isZero();
        assertThat(a.<Double>getAs("maturity_index")).isCloseTo(20.0, within(1e-9)); // satisfaction 1 × 0.2
        Row c = m.get("C");
        assertThat(c.<Integer>getAs("stage")).as("an agency without events").isEqualTo(1);
        assertThat(c.<Double>getAs("maturity_index")).isZero();
        assertThat((Object) c.getAs("digital_adoption")).isNull();
    }

    @Test
    void aValueEqualToAThresholdMeetsIt() {
        // B: 1 of 4 services online = 0.25 exactly, the stage 2 threshold
        Map<String, Row> m = maturity(events().completed("2024-01", "B-1", true, null, "u1", null), Events.STAGES);
        assertThat(m.get("B").<Double>getAs("eservice_coverage")).isEqualTo(0.25);
        assertThat(m.get("B").<Integer>getAs("stage")).isEqualTo(2);
    }

    @Test
    void stageFourNeedsAllThreeThresholds() {
        Events full = events()
                .completed("2024-01", "A-1", true, null, "u1", null).completed("2024-01", "A-2", true, null, "u2", null)
                .completed("2024-01", "A-2", true, null, "u3", null).completed("2024-01", "A-2", true, null, "u4", null)
                .completed("2024-01", "A-2", false, null, "u5", null)            // adoption 4/5 = 0.8
                .rated("2024-01", "A-1", true, 5).rated("2024-01", "A-1", true, 4).rated("2024-01", "A-1", true, 5)
                .rated("2024-01", "A-1", true, 4).rated("2024-01", "A-1", true, 4).rated("2024-01", "A-1", true, 5)
                .rated("2024-01", "A-1", true, 4).rated("2024-01", "A-1", true, 1).rated("2024-01", "A-1", true, 2)
                .rated("2024-01", "A-1", true, 3);                                // satisfaction 7/10 = 0.7
        Row a = maturity(full, Events.STAGES).get("A");
        assertThat(a.<Double>getAs("digital_adoption")).isEqualTo(0.8);
        assertThat(a.<Double>getAs("satisfaction_rate")).isEqualTo(0.7);
        assertThat(a.<Integer>getAs("stage")).isEqualTo(4);
        assertThat(a.<Double>getAs("maturity_index")).isCloseTo(100 * (0.4 + 0.4 * 0.8 + 0.2 * 0.7), within(1e-9));
        Row lower = maturity(full.rated("2024-01", "A-1", true, 1), Events.STAGES).get("A"); // 7/11 < 0.7
        assertThat(lower.<Integer>getAs("stage")).isEqualTo(3);
    }

    @Test
    void theQiyasFiveStageModelWorksToo() {
        Events e = events()
                .completed("2024-01", "A-1", true, null, "u1", null).completed("2024-01", "A-2", true, null, "u2", null)
                .rated("2024-01", "A-1", true, 5).rated("2024-01", "A-1", true, 5)
                .rated("2024-01", "A-1", true, 5).rated("2024-01", "A-1", true, 5)
                .rated("2024-01", "A-1", true, 4)
                .completed("2024-01", "B-1", true, null, "u3", null).completed("2024-01", "B-2", true, null, "u4", null)
                .completed("2024-01", "B-2", false, null, "u5", null);
        Map<String, Row> m = maturity(e, QIYAS);
        assertThat(m.get("A").<Integer>getAs("stage")).isEqualTo(5);
        // B: coverage 0.5, adoption 2/3, no ratings (satisfaction counts as 0): stage 3 needs 0.5 -> stage 2
        assertThat(m.get("B").<Integer>getAs("stage")).isEqualTo(2);
    }

    @Test
    void theStageOfAQuarterIsTheStageInItsLastMonthWithData() {
        KpiTransformsTest.Computed r = KpiTransformsTest.compute(events()
                .completed("2024-01", "B-1", true, null, "u1", null)     // B stage 2 in January
                .completed("2024-02", "A-1", false, null, "u2", null));  // B stage 1 in February
        Row q1 = KpiTransformsTest.kpi(r, "quarter", "2024-01-01", "stage", "1");
        assertThat(q1.<Long>getAs("agencies")).isEqualTo(3);
        assertThat(q1.<Long>getAs("transactions")).isEqualTo(2);
        assertThat(r.kpis().stream().filter(x -> x.getAs("period_type").equals("quarter")
                && x.getAs("scope_type").equals("stage"))).hasSize(1);
    }
}
