package org.tahawul.ingest;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tahawul.datasets.generator.Generator;
import org.tahawul.datasets.generator.GeneratorConfig;
import org.tahawul.datasets.generator.GeneratorResult;
import org.tahawul.warehouse.ClickHouseSettings;
import org.tahawul.warehouse.Jdbc;
import org.tahawul.warehouse.testing.LocalClickHouse;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * ClickHouse killed (SIGKILL) while an ingest writes: the job fails with an error naming the server, and
 * after a restart on the same data folder a re-run loads exactly the distinct valid events. Uses a server
 * of its own ({@code bin/clickhouse} on a free port, data in a temporary folder): the shared one must live.
 */
class IngestFaultIT {

    @TempDir
    static Path dir;

    static Path data;
    static int port;
    static ClickHouseSettings settings;
    static Path logs;
    static GeneratorResult generated;

    @BeforeAll
    static void startServerAndGenerate() throws Exception {
        data = dir.resolve("clickhouse");
        port = freePort();
        clickhouse("start");
        settings = new ClickHouseSettings("jdbc:clickhouse://127.0.0.1:" + port, "default", "", "fault");
        logs = dir.resolve("logs");
        // enough lines for the Spark pass to take a while on two cores, so the kill lands while it writes
        generated = new Generator(Lines.REFERENCE, new GeneratorConfig(logs, 300_000, YearMonth.of(2024, 1),
                YearMonth.of(2024, 2), 5, 0.01, null)).run(null);
    }

    @AfterAll
    static void stopServer() throws Exception {
        clickhouse("stop");
    }

    private static IngestResult ingest() {
        return IngestJob.run(TestSpark.session(), new IngestConfig(List.of(logs.toString()), null, null, settings, Lines.KEY),
                System.err);
    }

    @Test
    void aServerKilledDuringTheRunFailsItClearlyAndARerunAfterARestartIsExact() throws Exception {
        // kill the server once the first staged rows are there
        CompletableFuture<Long> killer = CompletableFuture.supplyAsync(IngestFaultIT::killOnceRowsAreStaged);
        assertThatThrownBy(IngestFaultIT::ingest).isInstanceOf(IngestException.class)
                .hasMessageContaining("failed while reading, validating and staging")
                .hasMessageContaining("ClickHouse at jdbc:clickhouse://127.0.0.1:" + port + " stopped answering")
                .hasMessageContaining("could not be marked failed in ingest_runs");
        assertThat(killer.get(1, TimeUnit.MINUTES)).isPositive();

        clickhouse("start");
        String killedRun;
        try (Connection c = settings.connect()) {
            // the run could not record its failure: it stays 'running', with nothing published
            killedRun = Jdbc.queryString(c, "SELECT run_id FROM ingest_runs FINAL WHERE status = 'running'");
            assertThat(Jdbc.queryLong(c, "SELECT count() FROM service_events")).isZero();
        }
        // right after the restart it might still be alive (retrying): one ingest at a time holds
        assertThatThrownBy(IngestFaultIT::ingest).isInstanceOf(IngestException.class)
                .hasMessageContaining("another ingest run (" + killedRun)
                .hasMessageContaining("precedes the restart of ClickHouse");

        awaitUptime(IngestRunLog.RESTART_GRACE.plusSeconds(1));
        IngestResult rerun = ingest();

        assertThat(rerun.loaded()).isEqualTo(generated.events());
        assertThat(rerun.rejected()).isEqualTo(generated.badLines());
        assertThat(rerun.duplicates()).isEqualTo(generated.duplicates());
        assertThat(rerun.linesRead()).isEqualTo(generated.lines());
        try (Connection c = settings.connect()) {
            assertThat(Jdbc.queryLong(c, "SELECT count() FROM service_events")).isEqualTo(generated.events());
            assertThat(Jdbc.queryLong(c, "SELECT uniqExact(event_id) FROM service_events")).isEqualTo(generated.events());
            assertThat(Jdbc.queryLong(c, "SELECT count() FROM rejected_records WHERE run_id = "
                    + Jdbc.quote(rerun.runId()))).isEqualTo(generated.badLines());
            assertThat(Jdbc.queryString(c, "SELECT concat(status, ': ', error) FROM ingest_runs FINAL WHERE run_id = "
                    + Jdbc.quote(killedRun))).startsWith("failed: the run died (no heartbeat since ClickHouse restarted");
            assertThat(Jdbc.queryString(c, "SELECT status FROM ingest_runs FINAL WHERE run_id = "
                    + Jdbc.quote(rerun.runId()))).isEqualTo("succeeded");
            assertThat(Jdbc.queryStrings(c, "SELECT name FROM system.tables WHERE database = currentDatabase() "
                    + "AND match(name, '_(stage|publish)_|^ingest_(plan|files)_')")).isEmpty();
        }
    }

    /** Waits for staged rows of the run, then SIGKILLs the server; the rows it saw. */
    private static long killOnceRowsAreStaged() {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        try {
            while (System.nanoTime() < deadline) {
                long staged = 0;
                try (Connection c = settings.connect()) {
                    staged = Jdbc.queryLong(c, "SELECT sum(rows) FROM system.parts WHERE active AND database = 'fault' "
                            + "AND startsWith(table, 'service_events_stage_')");
                } catch (Exception notYet) {
                    // the database is created by the job
                }
                if (staged > 0) {
                    long pid = Long.parseLong(Files.readString(data.resolve("server.pid")).strip());
                    ProcessHandle server = ProcessHandle.of(pid).orElseThrow();
                    server.destroyForcibly(); // SIGKILL: no shutdown, no flush
                    server.onExit().get(1, TimeUnit.MINUTES);
                    return staged;
                }
                Thread.sleep(100);
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not kill the server", e);
        }
        throw new IllegalStateException("no staged rows within 5 minutes");
    }

    private static void awaitUptime(Duration uptime) throws Exception {
        try (Connection c = settings.connect()) {
            long left = uptime.toSeconds() - Jdbc.queryLong(c, "SELECT uptime()");
            if (left > 0) {
                Thread.sleep(left * 1000);
            }
        }
    }

    /** bin/clickhouse start|stop for this test's server. */
    private static void clickhouse(String command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(LocalClickHouse.repositoryRoot().resolve("bin/clickhouse").toString(), command)
                .inheritIO();
        pb.environment().put("CLICKHOUSE_HTTP_PORT", String.valueOf(port));
        pb.environment().put("CLICKHOUSE_DATA_DIR", data.toString());
        pb.environment().put("CLICKHOUSE_HEAP", "512m");
        Process p = pb.start();
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("bin/clickhouse " + command + " failed; see " + data.resolve("server.log"));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
