package org.tahawul.analytics;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

import java.sql.Date;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TargetProgressTest {

    @Test
    void projectionIsTheLeastSquaresLineAtDecemberOfTheTargetYear() {
        List<YearMonth> months = List.of(YearMonth.of(2024, 1), YearMonth.of(2024, 2), YearMonth.of(2024, 3));
        // 0.50, 0.52, 0.54: +0.02 a month; December 2024 is 9 months after March
        assertThat(TargetProgress.project(months, List.of(0.50, 0.52, 0.54), YearMonth.of(2024, 12)))
                .isCloseTo(0.72, within(1e-9));
        // scattered points: slope by least squares, (0.5, 0.6, 0.55) -> slope 0.025, mean 0.55 at February
        assertThat(TargetProgress.project(months, List.of(0.5, 0.6, 0.55), YearMonth.of(2024, 12)))
                .isCloseTo(0.55 + 0.025 * 10, within(1e-9));
    }

    @Test
    void noProjectionUnderThreeMonths() {
        assertThat(TargetProgress.project(List.of(YearMonth.of(2024, 1), YearMonth.of(2024, 2)), List.of(0.1, 0.2),
                YearMonth.of(2030, 12))).isNull();
    }

    @Test
    void statusRules() {
        assertThat(TargetProgress.status(0.91, 0.95, 0.9, true)).isEqualTo("achieved");
        assertThat(TargetProgress.status(0.90, 0.80, 0.9, true)).as("equal to target").isEqualTo("achieved");
        assertThat(TargetProgress.status(0.70, 0.90, 0.9, true)).isEqualTo("on_track");
        assertThat(TargetProgress.status(0.70, 0.85, 0.9, true)).as("5 points short").isEqualTo("at_risk");
        assertThat(TargetProgress.status(0.70, 0.849, 0.9, true)).isEqualTo("off_track");
        assertThat(TargetProgress.status(800.0, 950.0, 1000, false)).as("95 % of a count").isEqualTo("at_risk");
        assertThat(TargetProgress.status(800.0, 949.0, 1000, false)).isEqualTo("off_track");
        assertThat(TargetProgress.status(null, 0.95, 0.9, true)).isEqualTo("no_data");
        assertThat(TargetProgress.status(0.88, null, 0.9, true)).as("actual stands in").isEqualTo("at_risk");
    }

    @Test
    void progressUsesTheLatestCompleteMonthAndTheLast24Values() {
        List<Row> rows = new ArrayList<>();
        YearMonth first = YearMonth.of(2022, 1);
        for (int i = 0; i < 36; i++) { // 2022-01 .. 2024-12; adoption flat 0.2 for a year, then +0.01 a month
            YearMonth m = first.plusMonths(i);
            double adoption = i < 12 ? 0.2 : 0.2 + 0.01 * (i - 11);
            rows.add(kpiRow(m, "national", "ALL", adoption, null));
        }
        rows.add(kpiRow(YearMonth.of(2025, 1), "national", "ALL", 0.99, null)); // the current month: not complete
        rows.add(kpiRow(YearMonth.of(2024, 11), "agency", "A", 0.5, null));
        rows.add(kpiRow(YearMonth.of(2024, 12), "agency", "A", 0.6, null));
        Dataset<Row> monthly = SparkTestSession.get().createDataFrame(rows, KpiMonthlySource.SCHEMA);
        Dataset<Row> targets = SparkTestSession.get().createDataFrame(List.of(
                RowFactory.create("digital_adoption", "national", "ALL", 2025, 0.5, 2019, 0.1, "illustrative"),
                RowFactory.create("digital_adoption", "national", "ALL", 2030, 0.95, null, null, "illustrative"),
                RowFactory.create("csat", "national", "ALL", 2030, 4.0, null, null, "illustrative"),
                RowFactory.create("digital_adoption", "agency", "A", 2030, 0.7, null, null, "illustrative"),
                RowFactory.create("digital_adoption", "agency", "B", 2030, 0.7, null, null, "illustrative")),
                TargetProgress.TARGETS);

        Map<String, Row> out = TargetProgress.progress(monthly, targets, YearMonth.of(2025, 1)).collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getString(1) + "/" + r.getString(2) + "/" + r.getString(0) + "/"
                        + r.getInt(6), r -> r));
        Row y2025 = out.get("national/ALL/digital_adoption/2025");
        assertThat(y2025.<Date>getAs("as_of_month")).isEqualTo(Date.valueOf("2024-12-01"));
        assertThat(y2025.<Double>getAs("actual")).isCloseTo(0.44, within(1e-9));
        assertThat(y2025.<Integer>getAs("months_used")).isEqualTo(24);
        // the last 24 values lie on 0.2 + 0.01 * (i - 11), i = 12..35: December 2025 is i = 47 -> 0.56
        assertThat(y2025.<Double>getAs("projected")).isCloseTo(0.56, within(1e-9));
        assertThat(y2025.<String>getAs("status")).isEqualTo("on_track");
        assertThat(y2025.<Double>getAs("baseline")).isEqualTo(0.1);
        Row y2030 = out.get("national/ALL/digital_adoption/2030");
        assertThat(y2030.<Double>getAs("projected")).as("clamped to 1").isEqualTo(1.0);
        assertThat(out.get("national/ALL/csat/2030").<String>getAs("status")).isEqualTo("no_data");
        Row a = out.get("agency/A/digital_adoption/2030");
        assertThat((Object) a.getAs("projected")).isNull();
        assertThat(a.<Integer>getAs("months_used")).isEqualTo(2);
        assertThat(a.<String>getAs("status")).isEqualTo("off_track");
        assertThat(out.get("agency/B/digital_adoption/2030").<String>getAs("status")).isEqualTo("no_data");
    }

    private static Row kpiRow(YearMonth month, String scopeType, String scopeCode, Double adoption, Double csat) {
        return RowFactory.create(Date.valueOf(month.atDay(1)), scopeType, scopeCode, 10L, 5L, adoption, null, 3L,
                0L, csat, null, null, null);
    }
}
