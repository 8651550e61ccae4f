package org.tahawul.analytics;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.tahawul.datasets.reference.ReferenceData;
import org.tahawul.warehouse.ClickHouseSettings;
import org.tahawul.warehouse.Jdbc;
import org.tahawul.warehouse.Migrator;
import org.tahawul.warehouse.SchemaLayout;
import org.tahawul.warehouse.Tables;

import java.io.IOException;
import java.sql.Connection;
import java.sql.Date;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
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
    static final List<String> MATURITY_COLUMNS = List.of("month", "agency_code", "stage", "maturity_index",
            "eservice_coverage", "digital_adoption", "satisfaction_rate");

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
        SparkSession.Builder builder = SparkSession.builder().appName("tahawul-analytics");
        if (config.master() != null) { // bin/analytics passes local[*]; under spark-submit the master is its choice
            builder.config("spark.master", config.master());
        }
        SparkSession spark = builder.getOrCreate();
        int status = 0;
        try {
            run(spark, config);
        } catch (Exception e) {
            System.err.println("analytics failed: " + e.getMessage());
            status = 1;
        } finally {
            spark.stop();
        }
        System.exit(status);
    }

    public static Summary run(SparkSession spark, AnalyticsConfig config) throws Exception {
        return run(spark, config, ClickHouseSettings.fromEnvironment(), Clock.system(RIYADH));
    }

    /** One run against {@code settings}; {@code clock} decides which month is the current, incomplete one. */
    public static Summary run(SparkSession spark, AnalyticsConfig config, ClickHouseSettings settings, Clock clock)
            throws Exception {
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
        audit.running();
        YearMonth from = config.from();
        YearMonth to = config.to();
        List<YearMonth> months = List.of();
        long written = 0;
        String work = config.workDir() != null ? config.workDir() + "/" + runId
                : java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "tahawul-" + runId).toUri().toString();
        try {
            EventSource source = new EventSource(settings, progress);
            List<YearMonth> withData = source.monthsWithData();
            if (from == null) {
                from = withData.isEmpty() ? YearMonth.now(clock) : withData.get(0);
            }
            if (to == null) {
                to = withData.isEmpty() ? from : withData.get(withData.size() - 1);
            }
            if (from.isAfter(to)) {
                throw new IllegalArgumentException("--from " + from + " is after the last month with data " + to);
            }
            months = monthsBetween(from, to);
            progress.step("plan", months.size() + " months " + from + ".." + to + " (" + withData.size()
                    + " months with data in the warehouse), run " + runId);

            KpiSink sink = new KpiSink(settings, runId, started);
            long eventsRead = 0;
            long monthly = 0;
            long periods = 0;
            long maturityRows = 0;
            // the whole calendar years touched are read: quarters and years are recomputed from their events
            YearMonth readFrom = YearMonth.of(from.getYear(), 1);
            YearMonth readTo = YearMonth.of(to.getYear(), 12);
            List<YearMonth> read = withData.stream().filter(m -> !m.isBefore(readFrom) && !m.isAfter(readTo)).toList();
            List<String> years = Stream.iterate(from.getYear(), y -> y <= readTo.getYear(), y -> y + 1)
                    .map(String::valueOf).toList();
            List<String> monthPartitions = months.stream().map(m -> String.format(Locale.ROOT, "%d%02d",
                    m.getYear(), m.getMonthValue())).toList();
            if (!read.isEmpty()) {
                Dataset<Row> events = source.events(spark, read, work);
                eventsRead = source.exportedRows();
                Dataset<Row> outside = source.outsideCompletions(spark, readFrom, readTo,
                        read.size() == withData.size(), work);
                KpiTransforms.Result result = KpiTransforms.compute(events, outside,
                        ReferenceFrames.catalogue(spark, reference), ReferenceFrames.agencies(spark, reference),
                        reference.stages());
                Dataset<Row> kpis = result.kpis().localCheckpoint(); // computed once, written to two tables
                progress.step("compute", "KPIs of " + read.size() + " months, their quarters and years");
                Date first = Date.valueOf(from.atDay(1));
                Date last = Date.valueOf(to.atDay(1));
                Dataset<Row> monthRows = kpis.filter(col("period_type").equalTo(KpiTransforms.MONTH)
                                .and(col("period_start").between(first, last)))
                        .withColumnRenamed("period_start", "month")
                        .orderBy("month", "scope_type", "scope_code");
                monthly = sink.replacePartitions(Tables.KPI_MONTHLY, monthRows, monthlyColumns(), monthPartitions);
                progress.step("kpi_monthly", Progress.rows(monthly) + " written, " + months.size()
                        + " month partitions replaced");
                Dataset<Row> periodRows = periodRows(kpis)
                        .orderBy("period_type", "period_start", "scope_type", "scope_code");
                periods = sink.replacePartitions(Tables.KPI_PERIOD, periodRows, periodColumns(), years);
                progress.step("kpi_period", Progress.rows(periods) + " written (quarters and years), "
                        + years.size() + " year partitions replaced");
                Dataset<Row> maturity = result.maturity().filter(col("month").between(first, last))
                        .orderBy("month", "agency_code");
                maturityRows = sink.replacePartitions(Tables.AGENCY_MATURITY, maturity, MATURITY_COLUMNS,
                        monthPartitions);
                progress.step("agency_maturity", Progress.rows(maturityRows) + " written");
            } else {
                sink.dropPartitions(Tables.KPI_MONTHLY, monthPartitions);
                sink.dropPartitions(Tables.KPI_PERIOD, years);
                sink.dropPartitions(Tables.AGENCY_MATURITY, monthPartitions);
                progress.step("clear", "no events in " + readFrom + ".." + readTo + "; the KPI rows of "
                        + from + ".." + to + " removed");
            }

            Dataset<Row> history = KpiMonthlySource.forTargets(spark, settings, reference.targets());
            Dataset<Row> progressRows = TargetProgress.progress(history, ReferenceFrames.targets(spark, reference),
                    YearMonth.now(clock));
            long targets = sink.replaceTable(Tables.KPI_TARGET_PROGRESS, progressRows,
                    List.of(TargetProgress.RESULT.fieldNames()));
            progress.step("kpi_target_progress", Progress.rows(targets) + " written (table exchanged)");

            written = monthly + periods + maturityRows + targets;
            double seconds = progress.elapsedSeconds();
            audit.finished("succeeded", from, to, months, written, seconds, null);
            Summary summary = new Summary(runId, months, eventsRead, monthly, periods, maturityRows, targets, seconds);
            System.err.printf(Locale.ROOT, "analytics %s: %d months %s..%s, kpi_monthly %,d rows, kpi_period %,d rows,"
                            + " agency_maturity %,d rows, kpi_target_progress %,d rows, %.1f s%n", runId, months.size(),
                    from, to, monthly, periods, maturityRows, targets, seconds);
            return summary;
        } catch (Exception e) {
            try {
                audit.finished("failed", from, to, months, written, progress.elapsedSeconds(), String.valueOf(e.getMessage()));
            } catch (Exception auditFailure) {
                e.addSuppressed(auditFailure);
            }
            throw e;
        } finally {
            deleteQuietly(spark, work);
        }
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

    /** Quarter and year rows with their last day and label ('2024-Q1', '2024'). */
    static Dataset<Row> periodRows(Dataset<Row> kpis) {
        Dataset<Row> rows = kpis.filter(col("period_type").notEqual(KpiTransforms.MONTH));
        Column isQuarter = col("period_type").equalTo(KpiTransforms.QUARTER);
        return rows
                .withColumn("period_end", date_sub(add_months(col("period_start"),
                        when(isQuarter, lit(3)).otherwise(lit(12))), 1))
                .withColumn("period_label", when(isQuarter, concat(date_format(col("period_start"), "yyyy"),
                        lit("-Q"), quarter(col("period_start")).cast("string")))
                        .otherwise(date_format(col("period_start"), "yyyy")));
    }

    static List<YearMonth> monthsBetween(YearMonth from, YearMonth to) {
        List<YearMonth> out = new ArrayList<>();
        for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
            out.add(m);
        }
        return out;
    }

    private static void deleteQuietly(SparkSession spark, String dir) {
        try {
            org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(dir);
            path.getFileSystem(spark.sparkContext().hadoopConfiguration()).delete(path, true);
        } catch (IOException | RuntimeException e) {
            System.err.println("analytics: could not delete the work folder " + dir + ": " + e.getMessage());
        }
    }
}
