package org.tahawul.analytics;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.tahawul.datasets.reference.MaturityStage;

import java.sql.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Stages and index on hand-written agency counts (counted from events: {@link EventCountsIT}). */
class MaturityTransformsTest {

    /** The Qiyas-style five stages (datasets/reference/maturity_stages_qiyas.csv). */
    static final List<MaturityStage> QIYAS = List.of(
            new MaturityStage(1, "البناء", "Building", 0, 0, 0),
            new MaturityStage(2, "الإتاحة", "Availability", 0.25, 0, 0),
            new MaturityStage(3, "التحسين", "Improvement", 0.5, 0.3, 0.5),
            new MaturityStage(4, "التكامل", "Integration", 0.8, 0.6, 0.65),
            new MaturityStage(5, "الإبداع", "Creativity", 0.95, 0.85, 0.8));

    /**
     * The maturity of one agency month from its counts.
     *
     * @param online services with a digital completion, of {@code catalogued}
     */
    private static Row maturity(long transactions, long digital, long ratings, long satisfied, long online,
                                long catalogued, List<MaturityStage> stages) {
        Row counts = RowFactory.create(Date.valueOf("2024-01-01"), "A", transactions, digital, ratings, satisfied,
                online, catalogued);
        List<Row> out = MaturityTransforms.agencyMaturity(SparkTestSession.get().createDataFrame(List.of(counts),
                EventCounts.AGENCY_MONTHS), stages).collectAsList();
        assertThat(out).hasSize(1);
        return out.get(0);
    }

    @Test
    void anAgencyWithNoDigitalCompletionsIsStageOne() {
        Row a = maturity(2, 0, 1, 1, 0, 2, Events.STAGES);
        assertThat(a.<Integer>getAs("stage")).isEqualTo(1);
        assertThat(a.<Double>getAs("eservice_coverage")).isZero();
        assertThat(a.<Double>getAs("digital_adoption")).isZero();
        assertThat(a.<Double>getAs("maturity_index")).isCloseTo(20.0, within(1e-9)); // satisfaction 1 × 0.2
    }

    @Test
    void anAgencyWithoutEventsIsStageOneWithMissingIndicatorsCountingAsZero() {
        Row c = maturity(0, 0, 0, 0, 0, 1, Events.STAGES);
        assertThat(c.<Integer>getAs("stage")).isEqualTo(1);
        assertThat(c.<Double>getAs("maturity_index")).isZero();
        assertThat((Object) c.getAs("digital_adoption")).isNull();
        assertThat((Object) c.getAs("satisfaction_rate")).isNull();
        assertThat(c.<Double>getAs("eservice_coverage")).isZero();
    }

    @Test
    void aValueEqualToAThresholdMeetsIt() {
        // 1 of 4 services online = 0.25 exactly, the stage 2 threshold
        Row b = maturity(1, 1, 0, 0, 1, 4, Events.STAGES);
        assertThat(b.<Double>getAs("eservice_coverage")).isEqualTo(0.25);
        assertThat(b.<Integer>getAs("stage")).isEqualTo(2);
    }

    @Test
    void stageFourNeedsAllThreeThresholds() {
        // coverage 1, adoption 4/5 = 0.8, satisfaction 7/10 = 0.7: exactly stage 4's thresholds
        Row a = maturity(5, 4, 10, 7, 2, 2, Events.STAGES);
        assertThat(a.<Double>getAs("digital_adoption")).isEqualTo(0.8);
        assertThat(a.<Double>getAs("satisfaction_rate")).isEqualTo(0.7);
        assertThat(a.<Integer>getAs("stage")).isEqualTo(4);
        assertThat(a.<Double>getAs("maturity_index")).isCloseTo(100 * (0.4 + 0.4 * 0.8 + 0.2 * 0.7), within(1e-9));
        assertThat(maturity(5, 4, 11, 7, 2, 2, Events.STAGES).<Integer>getAs("stage")).as("7/11 < 0.7").isEqualTo(3);
        assertThat(maturity(5, 4, 0, 0, 2, 2, Events.STAGES).<Integer>getAs("stage")).as("no ratings: 0").isEqualTo(3);
    }

    @Test
    void theQiyasFiveStageModelWorksToo() {
        assertThat(maturity(2, 2, 5, 5, 2, 2, QIYAS).<Integer>getAs("stage")).isEqualTo(5);
        // coverage 0.5, adoption 2/3, no ratings (satisfaction counts as 0): stage 3 needs 0.5 -> stage 2
        assertThat(maturity(3, 2, 0, 0, 2, 4, QIYAS).<Integer>getAs("stage")).isEqualTo(2);
    }
}
