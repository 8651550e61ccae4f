package org.tahawul.ingest;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.tahawul.datasets.reference.ReferenceData;
import org.tahawul.datasets.reference.ReferenceDataException;
import org.tahawul.warehouse.ClickHouseSettings;
import org.tahawul.warehouse.Jdbc;
import org.tahawul.warehouse.Migrator;
import org.tahawul.warehouse.ReferenceTables;
import org.tahawul.warehouse.SchemaLayout;
import org.tahawul.warehouse.Tables;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The ingest job (DESIGN §2, §3, §6): raw service-usage logs into {@code service_events}, validated,
 * pseudonymised, each event_id counted once however often it is loaded.
 *
 * <pre>
 *   bin/ingest --input PATH... [--reference-dir DIR] [--curated-dir DIR] [--master URL]
 *   spark-submit --class org.tahawul.ingest.IngestJob ingest-VERSION-job.jar --input PATH...
 * </pre>
 * {@link #main} parses the options into an {@link IngestConfig} and runs the job; the session is built without a
 * master (spark-submit or {@code -Dspark.master} decides), on a thread of its own while the run checks that
 * ClickHouse answers, checks the schema and reads the reference data. See docs/ingest.md.
 */
public final class IngestJob {

    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd'_'HHmmss").withZone(ZoneOffset.UTC);

    /** The session, perhaps still starting: the steps in ClickHouse before the Spark pass do not wait for it. */
    private final CompletableFuture<SparkSession> session;
    private SparkSession spark;
    private final IngestConfig config;
    private final PrintStream err;
    private final Consumer<LocalDate> afterMonth;
    private final long startNanos = System.nanoTime();

    private IngestJob(CompletableFuture<SparkSession> session, IngestConfig config, PrintStream err,
                      Consumer<LocalDate> afterMonth) {
        this.session = session;
        this.config = config;
        this.err = err;
        this.afterMonth = afterMonth;
    }

    public static void main(String[] args) {
        System.exit(execute(args, System.getenv(), System.out, System.err));
    }

    /** The command line: 0 on success, 2 for bad options, 1 for a failed run. */
    static int execute(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        for (String a : args) {
            if (a.equals("--help") || a.equals("-h")) {
                out.println(IngestConfig.USAGE);
                return 0;
            }
        }
        IngestConfig config;
        try {
            config = IngestConfig.parse(args, env);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println(IngestConfig.USAGE);
            return 2;
        } catch (RuntimeException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
        // logging is set up first, before two threads both ask for it (else SLF4J warns that it handed out
        // substitute loggers to the ClickHouse driver while it was starting)
        org.slf4j.LoggerFactory.getILoggerFactory();
        // Spark starts (about two seconds) at once, on a thread of its own, while the run checks that ClickHouse
        // answers, checks the schema and reads the reference data; a session that was there before (a test's) is
        // left running at the end. The classic (in-process) session is asked for by name: SparkSession.builder()
        // finds it by Scala reflection, which cost the start 1.5 s and 4 CPU-s (docs/ingest.md "Performance").
        boolean ownSession = org.apache.spark.sql.classic.SparkSession.getDefaultSession().isEmpty();
        long t0 = System.nanoTime();
        CompletableFuture<SparkSession> session = CompletableFuture.supplyAsync(() -> {
            SparkSession spark = org.apache.spark.sql.classic.SparkSession.builder().appName("tahawul-ingest")
                    .config("spark.sql.session.timeZone", "UTC")
                    .getOrCreate();
            err.printf(java.util.Locale.ROOT, "ingest: Spark %s, master %s, ready in %.1f s%n", spark.version(),
                    spark.sparkContext().master(), (System.nanoTime() - t0) / 1e9);
            return spark;
        }, command -> {
            Thread starter = new Thread(command, "ingest-spark-start");
            starter.setDaemon(true);
            starter.start();
        });
        try {
            IngestResult result = new IngestJob(session, config, err, month -> { }).run();
            out.println(result.summary());
            return 0;
        } catch (IngestException | ReferenceDataException e) {
            err.println("error: " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            err.println("error: the ingest run failed: " + e);
            e.printStackTrace(err);
            return 1;
        } finally {
            if (ownSession) {
                try {
                    session.join().stop();
                } catch (CompletionException e) {
                    // Spark did not start: the run reported that
                }
            }
        }
    }

    /** Runs an ingest with progress on stderr. */
    public static IngestResult run(SparkSession spark, IngestConfig config) {
        return run(spark, config, System.err);
    }

    static IngestResult run(SparkSession spark, IngestConfig config, PrintStream err) {
        return new IngestJob(CompletableFuture.completedFuture(spark), config, err, month -> { }).run();
    }

    /** For tests: {@code afterMonth} runs after each month is published (it may throw to stop the run there). */
    static IngestResult run(SparkSession spark, IngestConfig config, PrintStream err, Consumer<LocalDate> afterMonth) {
        return new IngestJob(CompletableFuture.completedFuture(spark), config, err, afterMonth).run();
    }

    /** The session, once started; an IngestException when Spark could not start. */
    private SparkSession awaitSpark() {
        try {
            return session.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IngestException("Spark did not start: " + causes(cause), cause);
        }
    }

    /** Fails with a message naming the URL when ClickHouse does not answer. */
    static void checkReachable(ClickHouseSettings settings) {
        try (Connection c = settings.connect("default", new java.util.Properties())) {
            Jdbc.queryLong(c, "SELECT 1");
        } catch (SQLException | RuntimeException e) {
            throw new IngestException("ClickHouse at " + settings.displayUrl() + " is unreachable: " + causes(e)
                    + (settings.isLocal() ? " (start the local server with bin/clickhouse start)" : ""), e);
        }
    }

    private IngestResult run() {
        Instant loadTime = Instant.now();
        String runId = RUN_ID.format(loadTime) + "_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(2);
        ClickHouseSettings settings = config.settings();
        checkReachable(settings);
        say("run " + runId + " into " + settings.displayUrl() + " database " + settings.database()
                + ", pseudonym key from " + config.key().origin());
        try {
            new Migrator(settings, SchemaLayout.fromEnvironment()).migrate();
        } catch (SQLException e) {
            throw new IngestException("cannot create or migrate the schema at " + settings.displayUrl() + ": "
                    + e.getMessage(), e);
        }
        say("schema of " + settings.database() + " up to date");
        ReferenceData reference = ReferenceData.loadFromOrDefault(config.referenceDir());
        say("reference data: " + reference);
        spark = awaitSpark();
        List<InputFile> files = InputFiles.expand(spark.sparkContext().hadoopConfiguration(), config.inputs(),
                config.format());
        long bytes = files.stream().mapToLong(InputFile::bytes).sum();
        say(String.format(java.util.Locale.ROOT, "%d input files, %.1f MB", files.size(), bytes / 1e6));

        IngestRunLog runLog = new IngestRunLog(settings, runId, loadTime, config.inputs(),
                config.referenceDir() == null ? "shipped" : config.referenceDir().toString(), spark.sparkContext().master());
        runLog.files = files.size();
        try {
            runLog.claim(this::say);
        } catch (SQLException e) {
            throw new IngestException("cannot record the run in " + Tables.INGEST_RUNS + " at " + settings.displayUrl()
                    + ": " + e.getMessage(), e);
        }
        // the checks use the reference data in memory; the ref_* tables (for analytics and the dashboard) are
        // loaded by a thread of their own while Spark works, and waited for before anything is published
        Staging staging = new Staging(settings, runId, loadTime, new StageCodes(reference));
        Background referenceTables = Background.start("ingest-reference-tables", () -> {
            ReferenceTables.load(settings, reference);
            return null;
        });
        Progress progress = new Progress(err, settings, runLog, startNanos);
        try (staging) {
            try {
                IngestResult result = work(files, reference, loadTime, staging, runLog, progress, referenceTables);
                progress.close(); // no heartbeat after the final row
                staging.drop();
                runLog.write("succeeded", Instant.now(), "");
                return result;
            } catch (Exception e) {
                progress.close();
                referenceTables.awaitQuietly();
                IngestException failure = failure(runId, progress.stage(), e);
                if (!fail(runLog, staging, failure.getMessage())) {
                    throw new IngestException(failure.getMessage() + ". The run could not be marked failed in "
                            + Tables.INGEST_RUNS + ", where it stays 'running': the next ingest takes it for dead "
                            + IngestRunLog.RESTART_GRACE.toSeconds() + " s after ClickHouse is back up, or "
                            + IngestRunLog.STALE.toMinutes() + " minutes after its last heartbeat", e);
                }
                throw failure;
            }
        }
    }

    private IngestResult work(List<InputFile> files, ReferenceData reference, Instant loadTime, Staging staging,
                              IngestRunLog runLog, Progress progress, Background referenceTables) throws Exception {
        staging.create(files);
        progress.watch(staging);
        progress.stage("reading, validating and staging");
        JavaRDD<Row> rows = parse(files).mapPartitions(IngestTransforms.checkStep(reference, loadTime, config.key()));
        double t0 = progress.elapsed();
        EventSink.Sent sent = EventSink.write(rows, config.settings(), staging, runLog.runId, loadTime);
        runLog.readSeconds = progress.elapsed() - t0;
        runLog.writeSeconds = sent.writerSeconds();
        progress.say(String.format(java.util.Locale.ROOT, "staged %,d events and %,d rejected lines in %.1f s",
                sent.events(), sent.rejected(), runLog.readSeconds));
        try {
            referenceTables.await();
        } catch (SQLException e) {
            throw new IngestException("cannot load the reference tables into "
                    + config.settings().displayUrl() + ": " + e.getMessage(), e);
        }

        progress.stage("publishing");
        double t1 = progress.elapsed();
        Staging.Plan plan = staging.plan();
        List<LocalDate> months = List.copyOf(plan.months().keySet());
        runLog.months = months;
        progress.say(String.format(java.util.Locale.ROOT, "%d months to publish, %,d event ids staged more than once "
                + "or loaded before", months.size(), plan.planned()));
        staging.publish(plan, month -> {
            progress.say("published " + month.toString().substring(0, 7));
            afterMonth.accept(month);
        });
        staging.publishRejected();
        runLog.publishSeconds = progress.elapsed() - t1;

        long[] counts = staging.counts(months);
        runLog.loaded = counts[0];
        runLog.rejected = counts[1];
        runLog.duplicates = plan.validLines() - runLog.loaded;
        runLog.linesRead = plan.validLines() + runLog.rejected;
        if (config.curatedDir() != null) {
            progress.stage("writing curated Parquet");
            try {
                CuratedExport.write(config.settings(), spark.sparkContext().hadoopConfiguration(), config.curatedDir(),
                        runLog.runId, months, progress::say);
            } catch (java.io.IOException | SQLException e) {
                throw new IngestException("the events are published, but the curated Parquet under "
                        + config.curatedDir() + " could not be written (run the same ingest again to write it): "
                        + e.getMessage(), e);
            }
        }
        if (sent.events() + sent.rejected() != runLog.linesRead) {
            say("note: the writers sent " + (sent.events() + sent.rejected()) + " rows for " + runLog.linesRead
                    + " lines (a retried batch or task); each line is counted once");
        }
        return new IngestResult(runLog.runId, files.size(), runLog.linesRead, runLog.loaded, runLog.rejected,
                runLog.duplicates, months, progress.elapsed());
    }

    /**
     * The parsed lines of every file, whatever its format ({@link IngestTransforms#PARSED}), as an RDD: the steps of
     * {@link IngestTransforms} on Spark's core API, without the SQL engine's planning (docs/ingest.md
     * "Performance"); Parquet is read by Spark SQL and joins as rows.
     */
    private JavaRDD<Row> parse(List<InputFile> files) {
        Map<InputFormat, List<InputFile>> byFormat = files.stream()
                .collect(Collectors.groupingBy(InputFile::format, () -> new java.util.EnumMap<>(InputFormat.class),
                        Collectors.toList()));
        List<JavaRDD<Row>> parts = new ArrayList<>();
        byFormat.forEach((format, list) -> parts.add(switch (format) {
            case JSONL -> LineSource.lines(spark, list).mapPartitions(IngestTransforms.PARSE_JSON);
            case CSV -> LineSource.lines(spark, list).mapPartitions(IngestTransforms.PARSE_CSV);
            case PARQUET -> ParquetSource.read(spark, list).javaRDD();
        }));
        JavaRDD<Row> all = parts.get(0);
        for (int i = 1; i < parts.size(); i++) {
            all = all.union(parts.get(i));
        }
        return all;
    }

    /**
     * The error of a failed run, for the operator: the run, the stage it was in, and what failed. When
     * ClickHouse no longer answers, that is said first with its URL (a killed or lost server shows up
     * deep inside Spark's task failure otherwise).
     */
    private IngestException failure(String runId, String stage, Exception error) {
        String what = error instanceof IngestException ? error.getMessage() : causes(error);
        try {
            checkReachable(config.settings());
        } catch (IngestException unreachable) {
            what = "ClickHouse at " + config.settings().displayUrl() + " stopped answering (" + what + ")";
        }
        return new IngestException("ingest run " + runId + " failed while " + stage + ": " + what, error);
    }

    /**
     * The first line of each message along the cause chain, without Spark's wrappers (whose first line is a
     * task number) and without repeats: e.g. "insert into ... failed after 4 attempts: Connection refused".
     */
    static String causes(Throwable error) {
        List<String> parts = new ArrayList<>();
        for (Throwable t = error; t != null && parts.size() < 4; t = t.getCause() == t ? null : t.getCause()) {
            String first = String.valueOf(t.getMessage()).lines().findFirst().orElse("").strip();
            if (t.getClass().getName().startsWith("org.apache.spark.") && t.getCause() != null) {
                continue;
            }
            if (first.isEmpty() || first.equals("null")) {
                first = t.getClass().getSimpleName();
            }
            String line = first.length() > 300 ? first.substring(0, 300) + "..." : first;
            if (parts.stream().noneMatch(p -> p.contains(line))) {
                parts.add(line);
            }
        }
        return String.join(": ", parts);
    }

    /** Drops the run's tables and records it failed; false when ClickHouse did not take the record. */
    private boolean fail(IngestRunLog runLog, Staging staging, String message) {
        say("run " + runLog.runId + " failed: " + message);
        try {
            staging.drop();
        } catch (Exception e) {
            say("could not drop the stages of run " + runLog.runId + " (the next run drops them): " + e.getMessage());
        }
        try {
            runLog.write("failed", Instant.now(), message);
            return true;
        } catch (Exception e) {
            say("could not record the failure in " + Tables.INGEST_RUNS + ": " + e.getMessage());
            return false;
        }
    }

    private void say(String message) {
        err.printf(java.util.Locale.ROOT, "ingest: %s (%.1f s)%n", message, (System.nanoTime() - startNanos) / 1e9);
    }
}
