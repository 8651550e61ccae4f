package org.tahawul.clickhouse.embedded;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark of the local server (bench/clickhouse-embedded runs it; not a test):
 * <ol>
 *   <li>1 M rows × 8 columns by JDBC batch insert (clickhouse-jdbc 0.10.0, batches of 100 000,
 *       RowBinary path) through the server, against the same rows streamed in-process into the
 *       engine (chDB's C API, RowBinary, no HTTP), in one run: {@code embedded_insert_vs_inprocess};</li>
 *   <li>{@code SELECT 1} latency over 1 000 JDBC calls: p50 and p99;</li>
 *   <li>resident memory of the server process idle and at its peak under load.</li>
 * </ol>
 * Prints {@code name = value} lines on stdout.
 */
public final class EmbeddedBench {

    private static final int ROWS = 1_000_000;
    private static final int BATCH = 100_000;
    private static final String[] AGENCIES = {"MOI", "JAWAZAT", "MUROOR", "HRSD", "MC", "MOH", "MOE", "MOJ"};
    private static final String[] CHANNELS = {"web", "mobile", "api", "kiosk", "counter", "call_center"};
    private static final String DDL = "CREATE TABLE bench_rows (id UInt64, agency LowCardinality(String), "
            + "service String, channel LowCardinality(String), ts DateTime64(3, 'UTC'), duration_ms UInt32, "
            + "rating Nullable(UInt8), score Float64) ENGINE = MergeTree ORDER BY (agency, id)";

    private EmbeddedBench() {
    }

    public static void main(String[] args) {
        try {
            measure();
            System.exit(0); // the engine's native threads would keep the JVM alive
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void measure() throws Exception {
        Path work = Files.createTempDirectory("embedded-bench");
        Map<String, String> results = new LinkedHashMap<>();
        long inProcessMillis = inProcessLoad(work.resolve("inprocess"));
        try (ServerProcess server = ServerProcess.start(Files.createDirectories(work.resolve("server")), Map.of())) {
            long pid = serverPid(server);
            Thread.sleep(2000);
            results.put("embedded_rss_idle_mb", String.valueOf(rssMb(pid)));
            AtomicLong peak = new AtomicLong();
            AtomicBoolean sampling = new AtomicBoolean(true);
            Thread sampler = new Thread(() -> {
                while (sampling.get()) {
                    peak.accumulateAndGet(rssMb(pid), Math::max);
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.start();
            long jdbcMillis = jdbcLoad(server);
            double[] latency = selectOneLatency(server);
            concurrentQueries(server);
            sampling.set(false);
            sampler.join();
            results.put("embedded_jdbc_insert_1m_rows_s", format(jdbcMillis / 1000.0));
            results.put("embedded_jdbc_insert_rows_per_s", String.valueOf(Math.round(ROWS * 1000.0 / jdbcMillis)));
            results.put("chdb_inprocess_insert_1m_rows_s", format(inProcessMillis / 1000.0));
            results.put("embedded_insert_vs_inprocess", format((double) inProcessMillis / jdbcMillis));
            results.put("embedded_select1_p50_ms", format(latency[0]));
            results.put("embedded_select1_p99_ms", format(latency[1]));
            results.put("embedded_rss_peak_under_load_mb", String.valueOf(peak.get()));
        }
        results.forEach((name, value) -> System.out.println(name + " = " + value));
    }

    /** The same rows, streamed in RowBinary straight into the engine in this process. */
    private static long inProcessLoad(Path dir) throws Exception {
        System.setProperty("jna.encoding", "UTF-8");
        Files.createDirectories(dir);
        try (ChdbEngine engine = ChdbEngine.open(ServerProcess.library(), dir, 1);
             ChdbEngine.Session session = engine.acquire(10_000)) {
            session.run(DDL);
            long start = System.nanoTime();
            for (int from = 0; from < ROWS; from += BATCH) {
                byte[] batch = rowBinary(from, Math.min(ROWS, from + BATCH));
                try (ChdbEngine.Session.InsertSink sink = session.insert(
                        "INSERT INTO bench_rows (id, agency, service, channel, ts, duration_ms, rating, score)",
                        "RowBinary", Map.of())) {
                    sink.append(batch, 0, batch.length);
                    sink.finish();
                }
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            String count = session.scalar("SELECT count() FROM bench_rows");
            if (!count.equals(String.valueOf(ROWS))) {
                throw new IllegalStateException("in-process load stored " + count + " rows");
            }
            return millis;
        }
    }

    private static long jdbcLoad(ServerProcess server) throws Exception {
        Properties properties = new Properties();
        properties.setProperty("user", "default");
        properties.setProperty("password", "");
        properties.setProperty("beta.row_binary_for_simple_insert", "true");
        try (Connection c = DriverManager.getConnection(server.jdbcUrl("default"), properties);
             Statement s = c.createStatement()) {
            s.execute(DDL);
            long start = System.nanoTime();
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO bench_rows VALUES (?,?,?,?,?,?,?,?)")) {
                for (int i = 0; i < ROWS; i++) {
                    insert.setLong(1, i);
                    insert.setString(2, AGENCIES[i % AGENCIES.length]);
                    insert.setString(3, service(i));
                    insert.setString(4, CHANNELS[i % CHANNELS.length]);
                    insert.setObject(5, ts(i));
                    insert.setInt(6, duration(i));
                    if (i % 4 == 0) {
                        insert.setInt(7, 1 + i % 5);
                    } else {
                        insert.setNull(7, java.sql.Types.TINYINT);
                    }
                    insert.setDouble(8, score(i));
                    insert.addBatch();
                    if ((i + 1) % BATCH == 0) {
                        insert.executeBatch();
                    }
                }
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            try (ResultSet rs = s.executeQuery("SELECT count() FROM bench_rows")) {
                rs.next();
                if (rs.getLong(1) != ROWS) {
                    throw new IllegalStateException("JDBC load stored " + rs.getLong(1) + " rows");
                }
            }
            return millis;
        }
    }

    private static double[] selectOneLatency(ServerProcess server) throws Exception {
        Properties properties = new Properties();
        properties.setProperty("user", "default");
        properties.setProperty("password", "");
        try (Connection c = DriverManager.getConnection(server.jdbcUrl("default"), properties);
             Statement s = c.createStatement()) {
            for (int i = 0; i < 200; i++) {
                try (ResultSet rs = s.executeQuery("SELECT 1")) {
                    rs.next();
                }
            }
            double[] micros = new double[1000];
            for (int i = 0; i < micros.length; i++) {
                long start = System.nanoTime();
                try (ResultSet rs = s.executeQuery("SELECT 1")) {
                    rs.next();
                }
                micros[i] = (System.nanoTime() - start) / 1000.0;
            }
            Arrays.sort(micros);
            return new double[] {micros[499] / 1000.0, micros[989] / 1000.0};
        }
    }

    /** 8 clients × 50 aggregation queries over the loaded rows, for the memory-under-load figure. */
    private static void concurrentQueries(ServerProcess server) throws Exception {
        List<Thread> clients = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            Thread client = new Thread(() -> {
                Properties properties = new Properties();
                properties.setProperty("user", "default");
                properties.setProperty("password", "");
                try (Connection c = DriverManager.getConnection(server.jdbcUrl("default"), properties);
                     Statement s = c.createStatement()) {
                    for (int i = 0; i < 50; i++) {
                        try (ResultSet rs = s.executeQuery("SELECT agency, channel, count(), avg(duration_ms), "
                                + "uniqExact(service) FROM bench_rows GROUP BY agency, channel")) {
                            while (rs.next()) {
                                rs.getLong(3);
                            }
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            clients.add(client);
            client.start();
        }
        for (Thread client : clients) {
            client.join();
        }
    }

    private static byte[] rowBinary(int from, int to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream((to - from) * 48);
        for (int i = from; i < to; i++) {
            le(out, i, 8);
            string(out, AGENCIES[i % AGENCIES.length]);
            string(out, service(i));
            string(out, CHANNELS[i % CHANNELS.length]);
            le(out, ts(i).toEpochMilli(), 8);
            le(out, duration(i), 4);
            if (i % 4 == 0) {
                out.write(0);
                out.write(1 + i % 5);
            } else {
                out.write(1);
            }
            le(out, Double.doubleToLongBits(score(i)), 8);
        }
        return out.toByteArray();
    }

    private static String service(int i) {
        return AGENCIES[i % AGENCIES.length] + "-SERVICE-" + (i % 37);
    }

    private static Instant ts(int i) {
        return Instant.parse("2024-01-01T00:00:00Z").plusMillis(i * 997L);
    }

    private static int duration(int i) {
        return (int) ((i * 7919L) % 3_600_000);
    }

    private static double score(int i) {
        return (i % 1000) / 10.0;
    }

    private static void le(ByteArrayOutputStream out, long v, int size) {
        for (int b = 0; b < size; b++) {
            out.write((int) (v >>> (8 * b)));
        }
    }

    private static void string(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.write(b.length);
        out.write(b, 0, b.length);
    }

    private static long serverPid(ServerProcess server) {
        return server.pid();
    }

    private static long rssMb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (Exception e) {
            return 0;
        }
        return 0;
    }

    private static String format(double value) {
        return String.format(java.util.Locale.ROOT, "%.3f", value);
    }
}
