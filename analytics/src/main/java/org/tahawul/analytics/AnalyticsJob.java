package org.tahawul.analytics;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.tahawul.datasets.reference.MaturityStage;
import org.tahawul.datasets.reference.ReferenceData;
import org.tahawul.warehouse.ClickHouseSettings;
import org.tahawul.warehouse.Jdbc;
import org.tahawul.warehouse.Migrator;
import org.tahawul.warehouse.SchemaLayout;
import org.tahawul.warehouse.Tables;

import java.sql.Connection;
import java.sql.Date;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.add_months;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.quarter;
import static org.apache.spark.sql.functions.when;

/**
 * The analytics job: service events in ClickHouse → {@code kpi_monthly}, {@code kpi_period},
 * {@code agency_maturity} and {@code kpi_target_progress} (DESIGN §5, §6; docs/analytics.md).
 *
 * <pre>
 *   bin/analytics [--from YYYY-MM] [--to YYYY-MM] [--reference-dir DIR] [--stages-file NAME] [--master URL]
 *   spark-submit --class org.tahawul.analytics.AnalyticsJob analytics-VERSION-job.jar [options]
 * </pre>
 */
public final class AnalyticsJob {

    static final ZoneId RIYADH = ZoneId.of("Asia/Riyadh");

    /** What a run did. */
    public record Summary(String runId, List<YearMonth> months, long eventsRead, long monthlyRows, long periodRows,
                          long maturityRows, long targetRows, double seconds) {
    }

    private AnalyticsJob() {
    }

    public static void main(String[] args) {
        AnalyticsConfig config;
        try {
            config = AnalyticsConfig.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("analytics: " + e.getMessage());
            System.exit(2);
            return;
        }
        // Spark starts while ClickHouse reads the events: the two overlap (docs/analytics.md "Design")
        CompletableFuture<SparkSession> spark = CompletableFuture.supplyAsync(() -> prepared(session(config.master()),
                config.reference().stages()));
        int status = 0;
        try {
            run(spark::join, config, ClickHouseSettings.fromEnvironment(), Clock.system(RIYADH));
        } catch (Exception e) {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            System.err.println("analytics failed: " + cause.getMessage());
            status = 1;
        } finally {
            try {
                spark.join().stop();
            } catch (CompletionException e) {
                if (status == 0) {
                    System.err.println("analytics failed: Spark did not start: " + e.getCause());
                }
                status = 1;
            }
        }
        System.exit(status);
    }

    /** The session, on {@code master} when given (bin/analytics passes local[*]), else spark-submit's choice. */
    static SparkSession session(String master) {
        SparkSession.Builder builder = SparkSession.builder().appName("tahawul-analytics");
        if (master != null) {
            builder.config("spark.master", master);
        }
        SparkConf given = new SparkConf(); // spark-submit's --conf and -Dspark.* arrive here and win
        SMALL_DATA.forEach((key, value) -> {
            if (!given.contains(key)) {
                builder.config(key, value);
            }
        });
        return builder.getOrCreate();
    }

    /**
     * Spark settings for the job's data, a few thousand rows transformed row by row: expressions are
     * interpreted (compiling generated code costs more than it saves on so few rows), no whole-stage
     * code generation, one shuffle partition. Given ones win.
     */
    static final Map<String, String> SMALL_DATA = Map.of(
            "spark.sql.codegen.wholeStage", "false",
            "spark.sql.codegen.factoryMode", "NO_CODEGEN",
            "spark.sql.shuffle.partitions", "1");

    /**
     * The session after the job's transforms have run once on one made-up row: the first plan of a
     * fresh JVM loads and compiles most of Spark SQL (about 4 s here, 0.3 s the second time), and this
     * happens while ClickHouse reads the events rather than after.
     */
    static SparkSession prepared(SparkSession spark, List<MaturityStage> stages) {
        Date month = Date.valueOf("2000-01-01");
        Object[] agency = {month, "-", 1L, 1L, 1L, 1L, 1L, 1L};
        MaturityTransforms.agencyMaturity(spark.createDataFrame(List.of(RowFactory.create(agency)),
                EventCounts.AGENCY_MONTHS), stages).collectAsList();
        Object[] scope = new Object[EventCounts.SCOPE_COUNTS.size()];
        java.util.Arrays.fill(scope, 1L);
        scope[0] = KpiTransforms.MONTH;
        scope[1] = month;
        scope[2] = KpiTransforms.NATIONAL;
        scope[3] = KpiTransforms.NATIONAL_CODE;
        withPeriodColumns(KpiTransforms.kpis(spark.createDataFrame(List.of(RowFactory.create(scope)),
                EventCounts.SCOPE_COUNTS))).collectAsList();
        return spark;
    }

    public static Summary run(SparkSession spark, AnalyticsConfig config) throws Exception {
        return run(spark, config, ClickHouseSettings.fromEnvironment(), Clock.system(RIYADH));
    }

    public static Summary run(SparkSession spark, AnalyticsConfig config, ClickHouseSettings settings, Clock clock)
            throws Exception {
        return run(() -> spark, config, settings, clock);
    }

    /**
     * One run against {@code settings}; {@code clock} decides which month is the current, incomplete one.
     * The session is asked for only once the events have been read.
     */
    static Summary run(Supplier<SparkSession> sparkSession, AnalyticsConfig config, ClickHouseSettings settings,
                       Clock clock) throws Exception {
        return run(sparkSession, config, settings, clock, JobRuns.DEAD_AFTER);
    }

    /** {@link #run}, taking a 'running' run without a heartbeat for {@code deadAfter} for dead (tests: shorter). */
    static Summary run(Supplier<SparkSession> sparkSession, AnalyticsConfig config, ClickHouseSettings settings,
                       Clock clock, Duration deadAfter) throws Exception {
        Progress progress = new Progress(System.err);
        ReferenceData reference = config.reference();
        progress.step("reference", reference.toString());
        reachable(settings);
        new Migrator(settings, SchemaLayout.fromEnvironment()).migrate();
        progress.step("schema", "migrated " + settings.database() + " at " + settings.displayUrl());

        Instant started = Instant.now();
        String runId = "analytics-" + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss", Locale.ROOT)
                .withZone(ZoneOffset.UTC).format(started) + "-" + UUID.randomUUID().toString().substring(0, 8);
        JobRuns audit = new JobRuns(settings, runId, started, config.describe());
        audit.start(deadAfter, detail -> progress.step("cleanup", detail));
        try (EventCounts counts = new EventCounts(settings, runId, reference.agencies(), reference.services());
             KpiSink sink = new KpiSink(settings, runId, started)) {
            List<YearMonth> withData = counts.monthsWithData();
            YearMonth from = config.from();
            YearMonth to = config.to();
            if (from == null) {
                from = withData.isEmpty() ? YearMonth.now(clock) : withData.get(0);
            }
            if (to == null) {
                to = withData.isEmpty() ? from : withData.get(withData.size() - 1);
            }
            if (from.isAfter(to)) {
                throw new IllegalArgumentException("--from " + from + " is after the last month with data " + to);
            }
            List<YearMonth> months = monthsBetween(from, to);
            audit.planned(from, to, months);
            progress.step("plan", months.size() + " months " + from + ".." + to + " (" + withData.size()
                    + " months with data in the warehouse), run " + runId);

            // the whole calendar years touched are read: quarters and years are recomputed from their events
            YearMonth readFrom = YearMonth.of(from.getYear(), 1);
            YearMonth readTo = YearMonth.of(to.getYear(), 12);
            boolean anyData = withData.stream().anyMatch(m -> !m.isBefore(readFrom) && !m.isAfter(readTo));
            List<String> years = Stream.iterate(from.getYear(), y -> y <= readTo.getYear(), y -> y + 1)
                    .map(String::valueOf).toList();
            List<String> monthPartitions = months.stream().map(m -> String.format(Locale.ROOT, "%d%02d",
                    m.getYear(), m.getMonthValue())).toList();
            long eventsRead = 0;
            List<Row> monthRows = List.of();
            List<Row> periodRows = List.of();
            List<Row> maturity = List.of();
            if (anyData) {
                Computed computed = compute(sparkSession, counts, readFrom, readTo, reference.stages(), progress);
                eventsRead = computed.events();
                Date first = Date.valueOf(from.atDay(1));
                Date last = Date.valueOf(to.atDay(1));
                monthRows = computed.kpis().stream().filter(r -> KpiTransforms.MONTH.equals(r.getAs("period_type"))
                        && !r.<Date>getAs("period_start").before(first) && !r.<Date>getAs("period_start").after(last)).toList();
                periodRows = computed.kpis().stream()
                        .filter(r -> !KpiTransforms.MONTH.equals(r.getAs("period_type"))).toList();
                maturity = computed.maturity().stream().filter(r -> !r.<Date>getAs("month").before(first)
                        && !r.<Date>getAs("month").after(last)).toList();
            } else {
                progress.step("count", "no events in " + readFrom + ".." + readTo + "; the KPI rows of "
                        + from + ".." + to + " will be removed");
            }

            // everything is staged before anything is published (KpiSink); a period without rows is dropped
            long monthly = sink.stage(Tables.KPI_MONTHLY, monthRows, monthlyColumns());
            long periods = sink.stage(Tables.KPI_PERIOD, periodRows, periodColumns());
            long maturityRows = sink.stage(Tables.AGENCY_MATURITY, maturity, MaturityTransforms.COLUMNS);
            SparkSession spark = sparkSession.get();
            Dataset<Row> history = KpiMonthlySource.forTargets(spark, settings, reference.targets(), from, to,
                    sink.stageOf(Tables.KPI_MONTHLY));
            Dataset<Row> progressRows = TargetProgress.progress(history, ReferenceFrames.targets(spark, reference),
                    YearMonth.now(clock));
            long targets = sink.stage(Tables.KPI_TARGET_PROGRESS, progressRows.collectAsList(),
                    List.of(TargetProgress.RESULT.fieldNames()));
            progress.step("staged", "kpi_monthly " + Progress.rows(monthly) + ", kpi_period " + Progress.rows(periods)
                    + " (quarters and years), agency_maturity " + Progress.rows(maturityRows)
                    + ", kpi_target_progress " + Progress.rows(targets));

            sink.replacePartitions(Tables.KPI_MONTHLY, monthPartitions);
            progress.step(Tables.KPI_MONTHLY, "published, " + months.size() + " month partitions replaced");
            sink.replacePartitions(Tables.KPI_PERIOD, years);
            progress.step(Tables.KPI_PERIOD, "published, " + years.size() + " year partitions replaced");
            sink.replacePartitions(Tables.AGENCY_MATURITY, monthPartitions);
            progress.step(Tables.AGENCY_MATURITY, "published, " + months.size() + " month partitions replaced");
            sink.exchange(Tables.KPI_TARGET_PROGRESS);
            progress.step(Tables.KPI_TARGET_PROGRESS, "published (table exchanged)");

            double seconds = progress.elapsedSeconds();
            audit.finished("succeeded", monthly + periods + maturityRows + targets, seconds, null);
            Summary summary = new Summary(runId, months, eventsRead, monthly, periods, maturityRows, targets, seconds);
            System.err.printf(Locale.ROOT, "analytics %s: %d months %s..%s, kpi_monthly %,d rows, kpi_period %,d rows,"
                            + " agency_maturity %,d rows, kpi_target_progress %,d rows, %.1f s%n", runId, months.size(),
                    from, to, monthly, periods, maturityRows, targets, seconds);
            return summary;
        } catch (Exception e) {
            try {
                audit.finished("failed", 0, progress.elapsedSeconds(), String.valueOf(e.getMessage()));
            } catch (Exception auditFailure) {
                e.addSuppressed(auditFailure);
            }
            throw e;
        }
    }

    /**
     * The KPI rows (every period and scope, with {@code month}, {@code period_end} and {@code period_label}
     * beside {@code period_start}) and the maturity rows of {@code first..last}, and the events counted.
     */
    record Computed(List<Row> kpis, List<Row> maturity, long events) {
    }

    /**
     * The computation of {@code first..last}: ClickHouse reads the events once and counts what the KPIs
     * count ({@link EventCounts}); Spark computes the maturity of every agency and month
     * ({@link MaturityTransforms}); ClickHouse counts every period and scope, the stage scope with the
     * stages just computed; Spark turns the counts into KPIs ({@link KpiTransforms}). Spark works on a
     * few thousand rows, row by row: no shuffle, no Spark job beyond collecting them.
     */
    static Computed compute(Supplier<SparkSession> sparkSession, EventCounts counts, YearMonth first, YearMonth last,
                            List<MaturityStage> stages, Progress progress) throws SQLException {
        long events = counts.scan(first, last);
        progress.step("count", Progress.rows(events) + " of events of " + first + ".." + last
                + " read by ClickHouse (completions, ratings, digital starts)");
        SparkSession spark = sparkSession.get();
        progress.step("spark", "session ready (" + spark.sparkContext().master() + ")");
        List<Row> maturity = MaturityTransforms.agencyMaturity(counts.agencyMonths(spark), stages).collectAsList();
        progress.step("maturity", Progress.rows(maturity.size()) + " of agencies and months");
        List<Row> kpis = withPeriodColumns(KpiTransforms.kpis(counts.scopeCounts(spark, maturity))).collectAsList();
        progress.step("compute", Progress.rows(kpis.size()) + " of KPIs (months, quarters and years, every scope)");
        return new Computed(kpis, maturity, events);
    }

    /** Fails with the URL and what to do when ClickHouse does not answer. */
    static void reachable(ClickHouseSettings settings) throws SQLException {
        try (Connection connection = settings.connect("default", new Properties())) {
            Jdbc.queryLong(connection, "SELECT 1");
        } catch (SQLException e) {
            throw new SQLException("ClickHouse at " + settings.displayUrl() + " does not answer (" + e.getMessage()
                    + "); check TAHAWUL_CLICKHOUSE_URL" + (settings.isLocal() ? ", or start the local server with"
                    + " bin/clickhouse start" : ""), e);
        }
    }

    static List<String> monthlyColumns() {
        List<String> columns = new ArrayList<>(List.of("month", "scope_type", "scope_code"));
        columns.addAll(KpiTransforms.RESULT_COLUMNS);
        return columns;
    }

    static List<String> periodColumns() {
        List<String> columns = new ArrayList<>(List.of("period_type", "period_start", "period_end", "period_label",
                "scope_type", "scope_code"));
        columns.addAll(KpiTransforms.RESULT_COLUMNS);
        return columns;
    }

    /**
     * Adds {@code month} (the first day of the period), {@code period_end} (its last day) and
     * {@code period_label} ('2024-03', '2024-Q1', '2024').
     */
    static Dataset<Row> withPeriodColumns(Dataset<Row> kpis) {
        Column type = col("period_type");
        Column start = col("period_start");
        Column length = when(type.equalTo(KpiTransforms.MONTH), lit(1))
                .when(type.equalTo(KpiTransforms.QUARTER), lit(3)).otherwise(lit(12));
        Column label = when(type.equalTo(KpiTransforms.MONTH), date_format(start, "yyyy-MM"))
                .when(type.equalTo(KpiTransforms.QUARTER), concat(date_format(start, "yyyy"), lit("-Q"),
                        quarter(start).cast("string")))
                .otherwise(date_format(start, "yyyy"));
        return kpis.select(col("*"), start.as("month"), date_sub(add_months(start, length), 1).as("period_end"),
                label.as("period_label"));
    }

    static List<YearMonth> monthsBetween(YearMonth from, YearMonth to) {
        List<YearMonth> out = new ArrayList<>();
        for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
            out.add(m);
        }
        return out;
    }
}
