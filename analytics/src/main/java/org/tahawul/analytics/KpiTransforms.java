package org.tahawul.analytics;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/**
 * The KPI formulas of DESIGN §5 as pure functions over Datasets (docs/kpis.md explains each one):
 * from the counts of a period and scope to its KPIs, with the NULL rules.
 *
 * <p>Input: one row per period and scope with the counts of {@link #COUNTS}, as {@link EventCounts}
 * takes them from the events (distinct counts exact per scope and period, never summed).
 */
public final class KpiTransforms {

    /** Period types of the output. */
    public static final String MONTH = "month";
    public static final String QUARTER = "quarter";
    public static final String YEAR = "year";

    /** Scope types of the output. */
    public static final String NATIONAL = "national";
    public static final String STAGE = "stage";
    public static final String AGENCY = "agency";
    public static final String SERVICE = "service";
    public static final String NATIONAL_CODE = "ALL";

    static final List<String> SCOPE_KEY = List.of("period_type", "period_start", "scope_type", "scope_code");

    /**
     * The counts of a period and scope (input of {@link #kpis}): completed events (all channels and
     * digital), completions with a duration and within the SLA, ratings, their sum and the ratings of 4
     * or 5, catalogued services online, distinct digital sessions started and completed, distinct active
     * beneficiaries, catalogued services, agencies.
     */
    public static final List<String> COUNTS = List.of("transactions", "digital_transactions",
            "completions_with_duration", "completions_within_sla", "ratings", "rating_sum", "ratings_satisfied",
            "services_online", "digital_sessions_started", "digital_sessions_completed", "active_beneficiaries",
            "services_catalogued", "agencies");

    /** The KPI and numerator/denominator columns of a result row, in table order. */
    public static final List<String> RESULT_COLUMNS = List.of("transactions", "digital_transactions",
            "digital_adoption", "completion_rate", "active_beneficiaries", "ratings", "csat", "satisfaction_rate",
            "sla_compliance", "eservice_coverage", "digital_sessions_started", "digital_sessions_completed",
            "ratings_satisfied", "completions_with_duration", "completions_within_sla", "services_catalogued",
            "services_online", "agencies");

    private KpiTransforms() {
    }

    /**
     * The KPIs of every period and scope; a rate is NULL where its denominator is 0, and e-service
     * coverage is NULL for a service (DESIGN §5: agency and wider scopes only).
     *
     * @param counts period_type, period_start, scope_type, scope_code and {@link #COUNTS}
     * @return period_type, period_start, scope_type, scope_code and {@link #RESULT_COLUMNS}
     */
    public static Dataset<Row> kpis(Dataset<Row> counts) {
        Map<String, Column> c = new HashMap<>();
        for (String name : counts.columns()) {
            c.put(name, col(name));
        }
        c.put("digital_adoption", ratio("digital_transactions", "transactions"));
        c.put("completion_rate", ratio("digital_sessions_completed", "digital_sessions_started"));
        c.put("csat", ratio("rating_sum", "ratings"));
        c.put("satisfaction_rate", ratio("ratings_satisfied", "ratings"));
        c.put("sla_compliance", ratio("completions_within_sla", "completions_with_duration"));
        c.put("eservice_coverage", when(col("scope_type").equalTo(SERVICE), lit(null).cast("double"))
                .otherwise(ratio("services_online", "services_catalogued")));
        return counts.select(Stream.concat(SCOPE_KEY.stream(), RESULT_COLUMNS.stream())
                .map(name -> c.get(name).as(name)).toArray(Column[]::new));
    }

    /** numerator / denominator as a double, NULL when the denominator is 0. */
    static Column ratio(String numerator, String denominator) {
        return when(col(denominator).gt(0), col(numerator).cast("double").divide(col(denominator).cast("double")));
    }
}
