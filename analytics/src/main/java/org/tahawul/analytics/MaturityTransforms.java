package org.tahawul.analytics;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.tahawul.datasets.reference.MaturityStage;

import java.util.List;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * Maturity stage and index of every agency in every month (DESIGN §5), and the stage that groups an
 * agency in a quarter or a year: its stage in the last month of the period that has data.
 */
public final class MaturityTransforms {

    private MaturityTransforms() {
    }

    /**
     * Per month with data and per agency (every agency of {@code agencies} plus any agency seen in the
     * events, so an agency without events that month is there too): services catalogued, catalogued
     * services with a digital completion, transactions, digital transactions, ratings and ratings of 4 or 5.
     *
     * @param serviceMonths {@link KpiTransforms#serviceMonthMeasures}
     * @param agencies      one column {@code agency}
     */
    public static Dataset<Row> agencyMonthMeasures(Dataset<Row> serviceMonths, Dataset<Row> catalogue,
                                                   Dataset<Row> agencies) {
        Dataset<Row> flags = broadcast(catalogue.select(col("service"), lit(1L).as("catalogued")));
        Dataset<Row> measures = serviceMonths
                .join(flags, new String[] {"service"}, "left")
                .groupBy("month", "agency")
                .agg(sum("transactions").as("transactions"), sum("digital_transactions").as("digital_transactions"),
                        sum("ratings").as("ratings"), sum("ratings_satisfied").as("ratings_satisfied"),
                        count(when(col("catalogued").equalTo(1L).and(col("digital_transactions").gt(0)), 1))
                                .as("services_online"));
        Dataset<Row> everyAgency = agencies.select("agency")
                .union(serviceMonths.select("agency")).distinct();
        Dataset<Row> grid = serviceMonths.select("month").distinct().crossJoin(everyAgency);
        Dataset<Row> sizes = catalogue.groupBy("agency").agg(count(lit(1)).as("services_catalogued"));
        Dataset<Row> out = grid
                .join(measures, new String[] {"month", "agency"}, "left")
                .join(broadcast(sizes), new String[] {"agency"}, "left");
        List<String> counts = List.of("transactions", "digital_transactions", "ratings", "ratings_satisfied",
                "services_online", "services_catalogued");
        List<Column> columns = new java.util.ArrayList<>(List.of(col("month"), col("agency").as("agency_code")));
        counts.forEach(c -> columns.add(coalesce(col(c), lit(0L)).as(c)));
        return out.select(columns.toArray(Column[]::new));
    }

    /**
     * The maturity of each agency and month: e-service coverage, digital adoption and satisfaction rate
     * (NULL without a denominator), the stage ({@link #stage}) and the maturity index
     * {@code 100 × (0.4·coverage + 0.4·adoption + 0.2·satisfaction_rate)}, a missing indicator counting as 0.
     *
     * @return month, agency_code, stage, maturity_index, eservice_coverage, digital_adoption, satisfaction_rate
     */
    public static Dataset<Row> agencyMaturity(Dataset<Row> agencyMonths, List<MaturityStage> stages) {
        Column coverage = KpiTransforms.ratio("services_online", "services_catalogued");
        Column adoption = KpiTransforms.ratio("digital_transactions", "transactions");
        Column satisfaction = KpiTransforms.ratio("ratings_satisfied", "ratings");
        return agencyMonths
                .select(col("month"), col("agency_code"), coverage.as("eservice_coverage"),
                        adoption.as("digital_adoption"), satisfaction.as("satisfaction_rate"))
                .select(col("month"), col("agency_code"),
                        stage(col("eservice_coverage"), col("digital_adoption"), col("satisfaction_rate"), stages)
                                .as("stage"),
                        maturityIndex(col("eservice_coverage"), col("digital_adoption"), col("satisfaction_rate"))
                                .as("maturity_index"),
                        col("eservice_coverage"), col("digital_adoption"), col("satisfaction_rate"));
    }

    /**
     * The highest stage whose three thresholds the indicators all meet; a missing indicator counts as 0
     * and a value equal to a threshold meets it. Stage 1 (zero thresholds) is the floor.
     */
    public static Column stage(Column coverage, Column adoption, Column satisfaction, List<MaturityStage> stages) {
        Column cov = coalesce(coverage, lit(0.0));
        Column adopt = coalesce(adoption, lit(0.0));
        Column sat = coalesce(satisfaction, lit(0.0));
        Column result = lit(stages.get(0).stage());
        for (MaturityStage s : stages) { // ascending: a later (higher) stage that is met wins
            Column met = cov.geq(s.minCoverage()).and(adopt.geq(s.minAdoption())).and(sat.geq(s.minSatisfaction()));
            result = when(met, lit(s.stage())).otherwise(result);
        }
        return result;
    }

    /** {@code 100 × (0.4·coverage + 0.4·adoption + 0.2·satisfaction_rate)}, missing = 0. */
    public static Column maturityIndex(Column coverage, Column adoption, Column satisfaction) {
        return lit(100.0).multiply(coalesce(coverage, lit(0.0)).multiply(0.4)
                .plus(coalesce(adoption, lit(0.0)).multiply(0.4))
                .plus(coalesce(satisfaction, lit(0.0)).multiply(0.2)));
    }

    /**
     * The stage of each agency in each month, quarter and year: for a month its stage that month, for
     * a quarter or a year its stage in the last month of the period with data.
     *
     * @return period_type, period_start, agency_code, stage
     */
    public static Dataset<Row> periodStages(Dataset<Row> maturity) {
        return KpiTransforms.withPeriodsKeepingMonth(maturity.select("month", "agency_code", "stage"))
                .groupBy("period_type", "period_start", "agency_code")
                .agg(max_by(col("stage"), col("month")).as("stage"));
    }
}
