package org.tahawul.ingest;

import org.tahawul.warehouse.ClickHouseSettings;

import java.io.PrintStream;
import java.sql.Connection;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Progress lines on stderr ({@code ingest: <stage>, <rows>, <elapsed>}) and the run's heartbeat in
 * ingest_runs, from one background thread. Rows during the Spark pass are counted where they land
 * (the stage tables), so the figure is what is really stored.
 */
final class Progress implements AutoCloseable {

    static final Duration EVERY = Duration.ofSeconds(5);

    private final PrintStream err;
    private final long startNanos;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ingest-progress");
        t.setDaemon(true);
        return t;
    });
    private volatile String stage = "starting";
    private volatile Staging staging;

    /** @param startNanos when the run started ({@link System#nanoTime}): elapsed times count from there */
    Progress(PrintStream err, ClickHouseSettings settings, IngestRunLog runLog, long startNanos) {
        this.err = err;
        this.startNanos = startNanos;
        timer.scheduleAtFixedRate(() -> report(settings), EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
        timer.scheduleAtFixedRate(() -> heartbeat(runLog), IngestRunLog.HEARTBEAT.toMillis(),
                IngestRunLog.HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Enters a stage and says so. */
    void stage(String name) {
        stage = name;
        say(name);
    }

    /** The stage the run is in (for the error of a failed run). */
    String stage() {
        return stage;
    }

    /** Counts the stage tables' rows in the periodic lines from now on. */
    void watch(Staging staging) {
        this.staging = staging;
    }

    void say(String message) {
        err.printf(Locale.ROOT, "ingest: %s (%.1f s)%n", message, elapsed());
    }

    double elapsed() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private void report(ClickHouseSettings settings) {
        Staging s = staging;
        if (s == null) {
            say(stage);
            return;
        }
        try (Connection c = settings.connect()) {
            long[] rows = s.stagedRows(c);
            double t = elapsed();
            err.printf(Locale.ROOT, "ingest: %s: %,d events and %,d rejected lines staged, %.1f s (%,.0f lines/s)%n",
                    stage, rows[0], rows[1], t, (rows[0] + rows[1]) / Math.max(t, 0.001));
        } catch (Exception e) {
            say(stage);
        }
    }

    private void heartbeat(IngestRunLog runLog) {
        try {
            runLog.write("running", null, "");
        } catch (Exception e) {
            err.println("ingest: heartbeat not recorded in ingest_runs: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
