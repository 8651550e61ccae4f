package org.tahawul.analytics;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

import java.sql.Date;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The KPI formulas and NULL rules on hand-written counts (the counting itself: {@link EventCountsIT}). */
class KpiTransformsTest {

    /** One period and scope with the given counts, every other count 0; its KPI row. */
    private static Row kpis(String scopeType, Map<String, Long> counts) {
        Object[] values = new Object[4 + KpiTransforms.COUNTS.size()];
        values[0] = KpiTransforms.MONTH;
        values[1] = Date.valueOf("2024-01-01");
        values[2] = scopeType;
        values[3] = "X";
        for (int i = 0; i < KpiTransforms.COUNTS.size(); i++) {
            values[4 + i] = counts.getOrDefault(KpiTransforms.COUNTS.get(i), 0L);
        }
        List<Row> out = KpiTransforms.kpis(SparkTestSession.get().createDataFrame(List.of(RowFactory.create(values)),
                EventCounts.SCOPE_COUNTS)).collectAsList();
        assertThat(out).hasSize(1);
        return out.get(0);
    }

    private static Map<String, Long> counts(Object... nameValue) {
        Map<String, Long> m = new HashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            m.put((String) nameValue[i], ((Number) nameValue[i + 1]).longValue());
        }
        return m;
    }

    @Test
    void noRatingsGivesNullCsatAndSatisfactionRate() {
        Row none = kpis("agency", counts("transactions", 3, "digital_transactions", 1));
        assertThat(none.<Long>getAs("ratings")).isZero();
        assertThat((Object) none.getAs("csat")).isNull();
        assertThat((Object) none.getAs("satisfaction_rate")).isNull();
    }

    @Test
    void csatIsTheMeanRatingAndSatisfactionTheShareOfFoursAndFives() {
        Row r = kpis("national", counts("ratings", 4, "rating_sum", 13, "ratings_satisfied", 2));
        assertThat(r.<Double>getAs("csat")).isEqualTo(13 / 4.0);
        assertThat(r.<Double>getAs("satisfaction_rate")).isEqualTo(0.5);
        assertThat(r.<Long>getAs("ratings_satisfied")).isEqualTo(2);
    }

    @Test
    void digitalAdoptionIsDigitalOverAllTransactionsAndNullWithoutAny() {
        assertThat(kpis("agency", counts("transactions", 4, "digital_transactions", 2)).<Double>getAs("digital_adoption"))
                .isEqualTo(0.5);
        assertThat((Object) kpis("agency", counts("ratings", 1)).getAs("digital_adoption")).isNull();
    }

    @Test
    void completionRateIsCompletedOverStartedSessionsAndNullWithoutAStart() {
        Row r = kpis("service", counts("digital_sessions_started", 4, "digital_sessions_completed", 2));
        assertThat(r.<Double>getAs("completion_rate")).isEqualTo(0.5);
        Row none = kpis("service", counts("transactions", 1));
        assertThat((Object) none.getAs("completion_rate")).isNull();
        assertThat(none.<Long>getAs("digital_sessions_started")).isZero();
    }

    @Test
    void slaComplianceIsWithinOverCompletionsWithADurationAndNullWithoutDurations() {
        Row r = kpis("service", counts("transactions", 4, "completions_with_duration", 3, "completions_within_sla", 2));
        assertThat(r.<Double>getAs("sla_compliance")).isCloseTo(2 / 3.0, within(1e-12));
        assertThat((Object) kpis("service", counts("transactions", 4)).getAs("sla_compliance")).isNull();
    }

    @Test
    void eserviceCoverageIsServicesOnlineOverCataloguedAndNullForAServiceOrNoCatalogue() {
        assertThat(kpis("national", counts("services_online", 2, "services_catalogued", 7)).<Double>getAs(
                "eservice_coverage")).isEqualTo(2 / 7.0);
        assertThat(kpis("agency", counts("services_catalogued", 1)).<Double>getAs("eservice_coverage")).isZero();
        assertThat((Object) kpis("service", counts("services_online", 1, "services_catalogued", 1))
                .getAs("eservice_coverage")).as("a service").isNull();
        assertThat((Object) kpis("agency", counts("transactions", 1)).getAs("eservice_coverage"))
                .as("an agency outside the catalogue").isNull();
    }

    @Test
    void countsArePassedThroughAsTheyAre() {
        Map<String, Long> given = new HashMap<>();
        List<String> names = new ArrayList<>(KpiTransforms.COUNTS);
        names.remove("rating_sum"); // not an output column: csat carries it
        for (int i = 0; i < names.size(); i++) {
            given.put(names.get(i), i + 10L);
        }
        Row r = kpis("stage", given);
        names.forEach(name -> assertThat(r.<Long>getAs(name)).as(name).isEqualTo(given.get(name)));
        assertThat(r.schema().fieldNames()).containsSubsequence("period_type", "period_start", "scope_type", "scope_code");
        assertThat(List.of(r.schema().fieldNames()).subList(4, r.size())).isEqualTo(KpiTransforms.RESULT_COLUMNS);
    }

    @Test
    void periodColumnsGiveTheLastDayAndTheLabel() {
        Object[] values = new Object[4 + KpiTransforms.COUNTS.size()];
        java.util.Arrays.fill(values, 0L);
        List<Row> rows = new ArrayList<>();
        for (String[] p : new String[][] {{"month", "2024-02-01"}, {"quarter", "2024-04-01"}, {"year", "2024-01-01"}}) {
            Object[] v = values.clone();
            v[0] = p[0];
            v[1] = Date.valueOf(p[1]);
            v[2] = "national";
            v[3] = "ALL";
            rows.add(RowFactory.create(v));
        }
        List<Row> out = AnalyticsJob.withPeriodColumns(KpiTransforms.kpis(SparkTestSession.get()
                .createDataFrame(rows, EventCounts.SCOPE_COUNTS))).collectAsList();
        assertThat(out).extracting(r -> r.getAs("period_end").toString() + " " + r.getAs("period_label") + " "
                + r.getAs("month")).containsExactly("2024-02-29 2024-02 2024-02-01", "2024-06-30 2024-Q2 2024-04-01",
                "2024-12-31 2024 2024-01-01");
    }
}
