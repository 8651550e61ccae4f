package org.tahawul.analytics;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.tahawul.datasets.reference.MaturityStage;

import java.util.List;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trunc;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

/**
 * The KPI formulas of DESIGN §5 as pure functions over Datasets (docs/kpis.md explains each one).
 *
 * <p>Input: service events with the columns of {@link #EVENTS} (one row per {@code event_id}, as
 * {@code service_events} guarantees; {@code month} is the Riyadh calendar month of {@code ts}), the
 * session ids of completions recorded outside the months read ({@link #SESSIONS}), and the service
 * catalogue ({@link #CATALOGUE}). Output: one row per period, scope type and scope code
 * ({@link #compute}).
 *
 * <p>How the work is split: counts that add up (transactions, ratings, SLA counts) are summed per
 * month and service first and rolled up from there, which is exact; distinct counts (sessions,
 * beneficiaries) are recomputed from event rows for every scope and period, never summed.
 */
public final class KpiTransforms {

    /** Columns the transforms read from the events. */
    public static final StructType EVENTS = new StructType()
            .add("month", DataTypes.DateType, false)
            .add("agency", DataTypes.StringType, false)
            .add("service", DataTypes.StringType, false)
            .add("is_digital", DataTypes.BooleanType, false)
            .add("event", DataTypes.StringType, false)
            .add("session_id", DataTypes.StringType, true)
            .add("beneficiary_key", DataTypes.StringType, true)
            .add("duration_ms", DataTypes.LongType, true)
            .add("rating", DataTypes.IntegerType, true);

    /** Session ids with a {@code completed} event outside the months read. */
    public static final StructType SESSIONS = new StructType().add("session_id", DataTypes.StringType, false);

    /** The service catalogue: the denominator of e-service coverage and the SLA of each service. */
    public static final StructType CATALOGUE = new StructType()
            .add("service", DataTypes.StringType, false)
            .add("agency", DataTypes.StringType, false)
            .add("sla_minutes", DataTypes.IntegerType, false);

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

    static final String[] PERIOD_KEY = {"period_type", "period_start"};
    static final String[] SCOPE_KEY = {"period_type", "period_start", "scope_type", "scope_code"};

    /** The additive measures kept per service and month (and summed to every scope and period). */
    static final List<String> ADDITIVE = List.of("transactions", "digital_transactions", "completions_with_duration",
            "completions_within_sla", "ratings", "rating_sum", "ratings_satisfied");

    /** The KPI and numerator/denominator columns of a result row, in table order. */
    public static final List<String> RESULT_COLUMNS = List.of("transactions", "digital_transactions",
            "digital_adoption", "completion_rate", "active_beneficiaries", "ratings", "csat", "satisfaction_rate",
            "sla_compliance", "eservice_coverage", "digital_sessions_started", "digital_sessions_completed",
            "ratings_satisfied", "completions_with_duration", "completions_within_sla", "services_catalogued",
            "services_online", "agencies");

    /** What one computation yields. */
    public record Result(Dataset<Row> kpis, Dataset<Row> maturity) {
    }

    private KpiTransforms() {
    }

    /**
     * Every KPI for every month, quarter and year of the events, for the scopes national, stage,
     * agency and service, plus the maturity of every agency in every month.
     *
     * @param agencies the agency codes of the catalogue (agencies without events still get a stage)
     * @return {@code kpis}: period_type, period_start, scope_type, scope_code and {@link #RESULT_COLUMNS};
     *         {@code maturity}: see {@link MaturityTransforms#agencyMaturity}
     */
    public static Result compute(Dataset<Row> events, Dataset<Row> outsideCompletions, Dataset<Row> catalogue,
                                 Dataset<Row> agencies, List<MaturityStage> stages) {
        // the small intermediate results are materialised once (localCheckpoint): each is used by several
        // branches below, which would otherwise scan the events again
        Dataset<Row> serviceMonths = serviceMonthMeasures(events, catalogue).localCheckpoint();
        Dataset<Row> servicePeriods = toPeriods(serviceMonths, catalogue);
        Dataset<Row> agencyMonths = MaturityTransforms.agencyMonthMeasures(serviceMonths, catalogue, agencies);
        Dataset<Row> maturity = MaturityTransforms.agencyMaturity(agencyMonths, stages).localCheckpoint();
        Dataset<Row> periodStages = broadcast(MaturityTransforms.periodStages(maturity).localCheckpoint());

        Dataset<Row> additive = sumToScopes(servicePeriods, periodStages);
        Dataset<Row> sessions = sessionCounts(digitalSessions(events, outsideCompletions), periodStages);
        Dataset<Row> beneficiaries = beneficiaryCounts(events, periodStages);
        Dataset<Row> frame = scopeFrame(servicePeriods, periodStages, catalogue);

        Dataset<Row> joined = frame
                .join(additive, SCOPE_KEY, "left")
                .join(sessions, SCOPE_KEY, "left")
                .join(beneficiaries, SCOPE_KEY, "left");
        return new Result(rates(joined), maturity);
    }

    // ------------------------------------------------------------------ additive measures

    /**
     * Per month, agency and service: completed events (all channels and digital), completions with a
     * duration and within the service's SLA, ratings, their sum and the ratings of 4 or 5.
     * A completion of a service missing from the catalogue has no SLA and is left out of the SLA counts.
     * Every month and service with any event has a row (a month of starts only has zero counts).
     */
    public static Dataset<Row> serviceMonthMeasures(Dataset<Row> events, Dataset<Row> catalogue) {
        Column completed = col("event").equalTo("completed");
        Column rated = col("event").equalTo("rated").and(col("rating").isNotNull());
        Column withDuration = completed.and(col("duration_ms").isNotNull()).and(col("sla_minutes").isNotNull());
        Column withinSla = withDuration.and(col("duration_ms").leq(col("sla_minutes").cast("long").multiply(60_000L)));
        Dataset<Row> sla = broadcast(catalogue.select(col("service"), col("sla_minutes")));
        return events
                .join(sla, new String[] {"service"}, "left")
                .groupBy("month", "agency", "service")
                .agg(count(when(completed, 1)).as("transactions"),
                        count(when(completed.and(col("is_digital")), 1)).as("digital_transactions"),
                        count(when(withDuration, 1)).as("completions_with_duration"),
                        count(when(withinSla, 1)).as("completions_within_sla"),
                        count(when(rated, 1)).as("ratings"),
                        coalesce(sum(when(rated, col("rating").cast("long"))), lit(0L)).as("rating_sum"),
                        count(when(rated.and(col("rating").geq(4)), 1)).as("ratings_satisfied"));
    }

    /** Adds the quarter and the year of each month: one row per period type (month, quarter, year). */
    public static Dataset<Row> withPeriods(Dataset<Row> monthly) {
        return withPeriodsKeepingMonth(monthly).drop("month");
    }

    static Dataset<Row> withPeriodsKeepingMonth(Dataset<Row> monthly) {
        Column periods = array(
                struct(lit(MONTH).as("period_type"), col("month").as("period_start")),
                struct(lit(QUARTER).as("period_type"), trunc(col("month"), "quarter").as("period_start")),
                struct(lit(YEAR).as("period_type"), trunc(col("month"), "year").as("period_start")));
        return unpack(monthly, periods, "period_type", "period_start");
    }

    /**
     * One row per element of {@code structs} (an array of two-field structs), the fields as columns.
     * (One select, not a chain of withColumn: each withColumn re-analyses the whole plan.)
     */
    private static Dataset<Row> unpack(Dataset<Row> rows, Column structs, String first, String second) {
        Column[] keep = java.util.Arrays.stream(rows.columns()).map(c -> col(c)).toArray(Column[]::new);
        Column[] out = java.util.Arrays.copyOf(keep, keep.length + 2);
        out[keep.length] = col("_x." + first).as(first);
        out[keep.length + 1] = col("_x." + second).as(second);
        Column[] exploded = java.util.Arrays.copyOf(keep, keep.length + 1);
        exploded[keep.length] = explode(structs).as("_x");
        return rows.select(exploded).select(out);
    }

    /**
     * The monthly service measures summed to months, quarters and years (exact: they are counts), with
     * {@code catalogued} (1 when the service is in the catalogue) and {@code online} (1 when it is
     * catalogued and had a digital completion in the period).
     */
    static Dataset<Row> toPeriods(Dataset<Row> serviceMonths, Dataset<Row> catalogue) {
        Column[] sums = ADDITIVE.stream().map(c -> sum(col(c)).as(c)).toArray(Column[]::new);
        return withPeriods(serviceMonths)
                .groupBy("period_type", "period_start", "agency", "service")
                .agg(sums[0], java.util.Arrays.copyOfRange(sums, 1, sums.length))
                .join(broadcast(catalogue.select(col("service"), lit(1L).as("catalogued"))),
                        new String[] {"service"}, "left")
                .withColumn("catalogued", coalesce(col("catalogued"), lit(0L)))
                .withColumn("online", when(col("catalogued").equalTo(1L).and(col("digital_transactions").gt(0)), 1L)
                        .otherwise(0L));
    }

    /** Rows of agency and service copied to each of their four scopes (national, stage, agency, service). */
    static Dataset<Row> explodeScopes(Dataset<Row> rows, boolean withService) {
        Column national = struct(lit(NATIONAL).as("scope_type"), lit(NATIONAL_CODE).as("scope_code"));
        Column stage = struct(lit(STAGE).as("scope_type"), col("stage").cast("string").as("scope_code"));
        Column agency = struct(lit(AGENCY).as("scope_type"), col("agency").as("scope_code"));
        Column scopes = withService
                ? array(national, stage, agency, struct(lit(SERVICE).as("scope_type"), col("service").as("scope_code")))
                : array(national, stage, agency);
        return unpack(rows, scopes, "scope_type", "scope_code");
    }

    /** Joins each row's agency to its stage in the row's period. */
    static Dataset<Row> withStage(Dataset<Row> periodRows, Dataset<Row> periodStages) {
        return periodRows.join(periodStages.select(col("period_type"), col("period_start"),
                col("agency_code").as("agency"), col("stage")), new String[] {"period_type", "period_start", "agency"});
    }

    static Dataset<Row> sumToScopes(Dataset<Row> servicePeriods, Dataset<Row> periodStages) {
        Column[] sums = java.util.stream.Stream.concat(ADDITIVE.stream(), java.util.stream.Stream.of("online"))
                .map(c -> sum(col(c)).as("online".equals(c) ? "services_online" : c)).toArray(Column[]::new);
        return explodeScopes(withStage(servicePeriods, periodStages), true)
                .groupBy(cols(SCOPE_KEY))
                .agg(sums[0], java.util.Arrays.copyOfRange(sums, 1, sums.length));
    }

    // ------------------------------------------------------------------ completion rate

    /**
     * One row per digital {@code started} event with a session id: month, agency, service, session_id and
     * {@code completed} (1 when a {@code completed} event of the same session exists anywhere: among the
     * events, in any month, or among {@code outsideCompletions}). Failed and abandoned sessions have no
     * completion, so they count as not completed; non-digital starts are left out.
     */
    public static Dataset<Row> digitalSessions(Dataset<Row> events, Dataset<Row> outsideCompletions) {
        Dataset<Row> done = events
                .filter(col("event").equalTo("completed").and(col("session_id").isNotNull()))
                .select("session_id")
                .union(outsideCompletions.select("session_id"))
                .distinct()
                .withColumn("completed", lit(1L));
        return events
                .filter(col("event").equalTo("started").and(col("is_digital")).and(col("session_id").isNotNull()))
                .select("month", "agency", "service", "session_id")
                .join(done, new String[] {"session_id"}, "left")
                .withColumn("completed", coalesce(col("completed"), lit(0L)));
    }

    /** Distinct digital sessions started, and those completed, per scope and period. */
    static Dataset<Row> sessionCounts(Dataset<Row> sessions, Dataset<Row> periodStages) {
        return distinctCounts(sessions, "session_id", "completed", periodStages)
                .withColumnRenamed("ids", "digital_sessions_started")
                .withColumnRenamed("flagged", "digital_sessions_completed");
    }

    // ------------------------------------------------------------------ beneficiaries

    /** Exact distinct pseudonymised beneficiaries with a digital completion, per scope and period. */
    static Dataset<Row> beneficiaryCounts(Dataset<Row> events, Dataset<Row> periodStages) {
        Dataset<Row> keys = events
                .filter(col("event").equalTo("completed").and(col("is_digital"))
                        .and(col("beneficiary_key").isNotNull()))
                .select(col("month"), col("agency"), col("service"), col("beneficiary_key"), lit(0L).as("flag"));
        return distinctCounts(keys, "beneficiary_key", "flag", periodStages)
                .select(col("period_type"), col("period_start"), col("scope_type"), col("scope_code"),
                        col("ids").as("active_beneficiaries"));
    }

    /**
     * Exact distinct ids per scope and period: {@code ids}, and {@code flagged}, the distinct ids whose
     * {@code flag} (0 or 1, the same on every row of an id) is 1.
     *
     * <p>Months, quarters and years all lie inside one calendar year, so the ids are taken per year. An
     * id whose rows that year all share one month and one service (most sessions, most beneficiaries)
     * is in exactly one row of every scope and period of that year: those are simply counted. The
     * others are de-duplicated per scope and period. The two sets are disjoint, so the counts add up.
     *
     * @param rows month, agency, service, the id column and the flag column
     */
    static Dataset<Row> distinctCounts(Dataset<Row> rows, String id, String flag, Dataset<Row> periodStages) {
        Dataset<Row> byYear = rows.select(col("month"), col("agency"), col("service"), col(id).as("id"),
                col(flag).as("flag"), year(col("month")).as("year"));
        Dataset<Row> perIdYear = byYear.groupBy("id", "year").agg(
                min("month").as("month"), max("month").as("last_month"), min("service").as("service"),
                max("service").as("last_service"), min("agency").as("agency"), max("flag").as("flag"));
        Column single = col("month").equalTo(col("last_month")).and(col("service").equalTo(col("last_service")));
        Dataset<Row> singles = perIdYear.filter(single)
                .groupBy("month", "agency", "service")
                .agg(count(lit(1)).as("ids"), sum("flag").as("flagged"));
        Dataset<Row> singleCounts = explodeScopes(withStage(withPeriods(singles), periodStages), true)
                .groupBy(cols(SCOPE_KEY))
                .agg(sum("ids").as("ids"), sum("flagged").as("flagged"));
        Dataset<Row> multiIds = perIdYear.filter(not(single)).select("id", "year");
        Dataset<Row> multi = byYear.join(multiIds, new String[] {"id", "year"}, "left_semi")
                .select("month", "agency", "service", "id", "flag");
        Dataset<Row> multiCounts = explodeScopes(withStage(withPeriods(multi), periodStages), true)
                .groupBy("period_type", "period_start", "scope_type", "scope_code", "id")
                .agg(max("flag").as("flag"))
                .groupBy(cols(SCOPE_KEY))
                .agg(count(lit(1)).as("ids"), sum("flag").as("flagged"));
        return singleCounts.unionByName(multiCounts)
                .groupBy(cols(SCOPE_KEY))
                .agg(sum("ids").as("ids"), sum("flagged").as("flagged"));
    }

    // ------------------------------------------------------------------ the rows of the output

    /**
     * One row per scope that exists in a period: national, every stage reached by an agency, every
     * agency (of the catalogue or seen in the events), every service with events; with the catalogue
     * counts (services catalogued, agencies).
     */
    static Dataset<Row> scopeFrame(Dataset<Row> servicePeriods, Dataset<Row> periodStages, Dataset<Row> catalogue) {
        Dataset<Row> catalogued = catalogue.groupBy("agency").agg(count(lit(1)).as("catalogued"));
        Dataset<Row> agencyRows = periodStages.select(col("period_type"), col("period_start"),
                        col("agency_code").as("agency"), col("stage"))
                .join(broadcast(catalogued), new String[] {"agency"}, "left")
                .withColumn("catalogued", coalesce(col("catalogued"), lit(0L)));
        Dataset<Row> wide = explodeScopes(agencyRows, false)
                .groupBy(cols(SCOPE_KEY))
                .agg(sum("catalogued").as("services_catalogued"), count(lit(1)).as("agencies"));
        Dataset<Row> services = servicePeriods
                .select(col("period_type"), col("period_start"), lit(SERVICE).as("scope_type"),
                        col("service").as("scope_code"), col("catalogued").as("services_catalogued"),
                        lit(1L).as("agencies"));
        return wide.unionByName(services);
    }

    /**
     * Fills missing counts with 0 and computes the rates; NULL where the denominator is 0.
     * e-service coverage is NULL for a service (DESIGN §5: agency and wider scopes only).
     */
    static Dataset<Row> rates(Dataset<Row> joined) {
        java.util.Map<String, Column> c = new java.util.HashMap<>();
        for (String name : joined.columns()) {
            c.put(name, col(name));
        }
        for (String name : List.of("transactions", "digital_transactions", "completions_with_duration",
                "completions_within_sla", "ratings", "rating_sum", "ratings_satisfied", "services_online",
                "digital_sessions_started", "digital_sessions_completed", "active_beneficiaries")) {
            c.put(name, coalesce(col(name), lit(0L)));
        }
        Column service = col("scope_type").equalTo(SERVICE);
        c.put("digital_adoption", ratio(c.get("digital_transactions"), c.get("transactions")));
        c.put("completion_rate", ratio(c.get("digital_sessions_completed"), c.get("digital_sessions_started")));
        c.put("csat", ratio(c.get("rating_sum"), c.get("ratings")));
        c.put("satisfaction_rate", ratio(c.get("ratings_satisfied"), c.get("ratings")));
        c.put("sla_compliance", ratio(c.get("completions_within_sla"), c.get("completions_with_duration")));
        c.put("eservice_coverage", when(service, lit(null).cast("double"))
                .otherwise(ratio(c.get("services_online"), c.get("services_catalogued"))));
        return joined.select(java.util.stream.Stream.concat(java.util.Arrays.stream(SCOPE_KEY), RESULT_COLUMNS.stream())
                .map(name -> c.get(name).as(name)).toArray(Column[]::new));
    }

    /** numerator / denominator as a double, NULL when the denominator is 0. */
    static Column ratio(String numerator, String denominator) {
        return ratio(col(numerator), col(denominator));
    }

    static Column ratio(Column numerator, Column denominator) {
        return when(denominator.gt(0), numerator.cast("double").divide(denominator.cast("double")));
    }

    static Column[] cols(String... names) {
        return java.util.Arrays.stream(names).map(n -> col(n)).toArray(Column[]::new);
    }
}
