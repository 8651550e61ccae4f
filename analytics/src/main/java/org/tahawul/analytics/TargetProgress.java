package org.tahawul.analytics;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.sql.Date;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.col;

/**
 * Progress towards every target of {@code targets.csv} (DESIGN §5, docs/kpis.md "Target progress"):
 * the actual of the latest complete month, a least-squares projection to December of the target
 * year over the last 24 monthly values (none under 3), and a status.
 */
public final class TargetProgress {

    public static final String ACHIEVED = "achieved";
    public static final String ON_TRACK = "on_track";
    public static final String AT_RISK = "at_risk";
    public static final String OFF_TRACK = "off_track";
    public static final String NO_DATA = "no_data";

    /** KPIs that are shares (0..1): their projection is clamped to 0..1 and "at risk" means within 5 points. */
    public static final Set<String> RATES = Set.of("digital_adoption", "completion_rate", "satisfaction_rate",
            "sla_compliance", "eservice_coverage");
    /** Every KPI a target may name. */
    public static final Set<String> KPIS = Set.of("transactions", "digital_transactions", "digital_adoption",
            "completion_rate", "active_beneficiaries", "ratings", "csat", "satisfaction_rate", "sla_compliance",
            "eservice_coverage");

    static final int WINDOW = 24;
    static final int MIN_POINTS = 3;
    /** Tolerance of the comparisons, so that 0.85 meets "0.9 − 0.05" despite binary fractions. */
    private static final double EPSILON = 1e-9;

    /** Columns of the targets input (those of targets.csv). */
    public static final StructType TARGETS = new StructType()
            .add("kpi", DataTypes.StringType, false)
            .add("scope_type", DataTypes.StringType, false)
            .add("scope_code", DataTypes.StringType, false)
            .add("target_year", DataTypes.IntegerType, false)
            .add("target", DataTypes.DoubleType, false)
            .add("baseline_year", DataTypes.IntegerType, true)
            .add("baseline", DataTypes.DoubleType, true)
            .add("source", DataTypes.StringType, false);

    /** Columns of the result (those of kpi_target_progress without run_id and computed_at). */
    public static final StructType RESULT = new StructType()
            .add("kpi", DataTypes.StringType, false)
            .add("scope_type", DataTypes.StringType, false)
            .add("scope_code", DataTypes.StringType, false)
            .add("as_of_month", DataTypes.DateType, true)
            .add("actual", DataTypes.DoubleType, true)
            .add("target", DataTypes.DoubleType, false)
            .add("target_year", DataTypes.IntegerType, false)
            .add("baseline", DataTypes.DoubleType, true)
            .add("baseline_year", DataTypes.IntegerType, true)
            .add("projected", DataTypes.DoubleType, true)
            .add("months_used", DataTypes.IntegerType, false)
            .add("status", DataTypes.StringType, false)
            .add("source", DataTypes.StringType, false);

    private TargetProgress() {
    }

    /**
     * @param kpiMonthly   monthly KPI rows (month, scope_type, scope_code and the KPI columns), e.g. kpi_monthly
     * @param targets      rows with the columns of {@link #TARGETS}
     * @param currentMonth the calendar month of today (Asia/Riyadh): it and later months are not complete
     * @return one row per target with the columns of {@link #RESULT}
     */
    public static Dataset<Row> progress(Dataset<Row> kpiMonthly, Dataset<Row> targets, YearMonth currentMonth) {
        SparkSession spark = kpiMonthly.sparkSession();
        List<Row> targetRows = targets.collectAsList();
        Date firstIncomplete = Date.valueOf(currentMonth.atDay(1));
        Dataset<Row> complete = kpiMonthly.filter(col("month").lt(firstIncomplete));
        // the latest month on the driver (the history is a few hundred rows): an aggregate would be a Spark job
        YearMonth asOf = complete.select("month").collectAsList().stream()
                .map(r -> YearMonth.from(r.getDate(0).toLocalDate())).max(Comparator.naturalOrder()).orElse(null);

        // the few series the targets need, to the driver: (scope) -> month -> row
        Map<String, TreeMap<YearMonth, Row>> series = new HashMap<>();
        List<String> scopes = targetRows.stream().map(t -> scopeKey(t.getString(1), t.getString(2))).distinct().toList();
        if (asOf != null && !scopes.isEmpty()) {
            List<Row> rows = complete
                    .filter(org.apache.spark.sql.functions.concat_ws("|", col("scope_type"), col("scope_code"))
                            .isin(scopes.toArray()))
                    .collectAsList();
            for (Row r : rows) {
                series.computeIfAbsent(scopeKey(r.getAs("scope_type"), r.getAs("scope_code")), k -> new TreeMap<>())
                        .put(YearMonth.from(((Date) r.getAs("month")).toLocalDate()), r);
            }
        }

        List<Row> out = new ArrayList<>();
        for (Row t : targetRows) {
            out.add(one(t, asOf, series.getOrDefault(scopeKey(t.getString(1), t.getString(2)), new TreeMap<>())));
        }
        out.sort(Comparator.comparing((Row r) -> r.getString(0)).thenComparing(r -> r.getString(1))
                .thenComparing(r -> r.getString(2)).thenComparing(r -> r.getInt(6)));
        return spark.createDataFrame(out, RESULT);
    }

    private static Row one(Row t, YearMonth asOf, TreeMap<YearMonth, Row> scopeSeries) {
        String kpi = t.getString(0);
        int targetYear = t.getInt(3);
        double target = t.getDouble(4);
        Integer baselineYear = t.isNullAt(5) ? null : t.getInt(5);
        Double baseline = t.isNullAt(6) ? null : t.getDouble(6);
        List<YearMonth> months = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        Double actual = null;
        if (KPIS.contains(kpi)) {
            for (Map.Entry<YearMonth, Row> e : scopeSeries.entrySet()) {
                Object v = e.getValue().getAs(kpi);
                if (v != null) {
                    months.add(e.getKey());
                    values.add(((Number) v).doubleValue());
                }
            }
            Row last = asOf == null ? null : scopeSeries.get(asOf);
            Object v = last == null ? null : last.getAs(kpi);
            actual = v == null ? null : ((Number) v).doubleValue();
        }
        int from = Math.max(0, values.size() - WINDOW);
        months = months.subList(from, months.size());
        values = values.subList(from, values.size());
        Double projected = project(months, values, YearMonth.of(targetYear, 12));
        if (projected != null) {
            projected = clamp(kpi, projected);
        }
        String status = status(actual, projected, target, RATES.contains(kpi));
        return RowFactory.create(kpi, t.getString(1), t.getString(2),
                asOf == null ? null : Date.valueOf(asOf.atDay(1)), actual, target, targetYear, baseline,
                baselineYear, projected, values.size(), status, t.getString(7));
    }

    /**
     * The value at {@code at} of the least-squares line through the points (x = month number), or null
     * under {@value #MIN_POINTS} points.
     */
    public static Double project(List<YearMonth> months, List<Double> values, YearMonth at) {
        int n = values.size();
        if (n < MIN_POINTS) {
            return null;
        }
        double sx = 0;
        double sy = 0;
        for (int i = 0; i < n; i++) {
            sx += index(months.get(i));
            sy += values.get(i);
        }
        double mx = sx / n;
        double my = sy / n;
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < n; i++) {
            double dx = index(months.get(i)) - mx;
            sxx += dx * dx;
            sxy += dx * (values.get(i) - my);
        }
        double slope = sxx == 0 ? 0 : sxy / sxx;
        return my + slope * (index(at) - mx);
    }

    /**
     * achieved: actual ≥ target; on_track: projection ≥ target; at_risk: projection ≥ target − 0.05 for
     * rates, ≥ 0.95 × target otherwise; else off_track; no_data without an actual. Without a projection
     * (under 3 months of values) the actual stands in for it.
     */
    public static String status(Double actual, Double projected, double target, boolean rate) {
        if (actual == null) {
            return NO_DATA;
        }
        if (actual >= target - EPSILON) {
            return ACHIEVED;
        }
        double expected = projected == null ? actual : projected;
        if (expected >= target - EPSILON) {
            return ON_TRACK;
        }
        double margin = rate ? target - 0.05 : 0.95 * target;
        return expected >= margin - EPSILON ? AT_RISK : OFF_TRACK;
    }

    private static double clamp(String kpi, double value) {
        if (RATES.contains(kpi)) {
            return Math.max(0, Math.min(1, value));
        }
        if ("csat".equals(kpi)) {
            return Math.max(1, Math.min(5, value));
        }
        return Math.max(0, value);
    }

    private static long index(YearMonth m) {
        return m.getYear() * 12L + m.getMonthValue() - 1;
    }

    private static String scopeKey(String scopeType, String scopeCode) {
        return scopeType + "|" + scopeCode;
    }
}
