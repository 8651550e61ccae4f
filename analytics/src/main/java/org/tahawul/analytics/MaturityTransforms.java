package org.tahawul.analytics;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.tahawul.datasets.reference.MaturityStage;

import java.util.List;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/** Maturity stage and index of every agency in every month (DESIGN §5). */
public final class MaturityTransforms {

    /** Columns of {@link #agencyMaturity}, in table order (agency_maturity). */
    static final List<String> COLUMNS = List.of("month", "agency_code", "stage", "maturity_index",
            "eservice_coverage", "digital_adoption", "satisfaction_rate");

    private MaturityTransforms() {
    }

    /**
     * The maturity of each agency and month: e-service coverage, digital adoption and satisfaction rate
     * (NULL without a denominator), the stage ({@link #stage}) and the maturity index
     * {@code 100 × (0.4·coverage + 0.4·adoption + 0.2·satisfaction_rate)}, a missing indicator counting as 0.
     *
     * @param agencyMonths every agency in every month with data: month, agency_code, transactions,
     *                     digital_transactions, ratings, ratings_satisfied, services_online (catalogued
     *                     services with a digital completion) and services_catalogued
     *                     ({@link EventCounts#agencyMonths})
     * @return {@link #COLUMNS}
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
}
