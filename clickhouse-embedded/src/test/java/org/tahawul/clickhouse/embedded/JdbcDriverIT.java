package org.tahawul.clickhouse.embedded;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The official ClickHouse JDBC driver (com.clickhouse:clickhouse-jdbc 0.10.0) against the embedded server. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JdbcDriverIT {

    private static final String ARABIC = "تجديد رخصة القيادة — منصة أبشر ١٢٣";

    @TempDir
    static Path dataDir;
    static ServerProcess server;

    @BeforeAll
    static void startServer() throws Exception {
        server = ServerProcess.start(dataDir, Map.of("CLICKHOUSE_USER", "tahawul", "CLICKHOUSE_PASSWORD", "s3cret"));
        try (Connection c = connect("default"); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS jdbc_it");
        }
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    static Connection connect(String database) throws SQLException {
        return connect(database, new Properties());
    }

    static Connection connect(String database, Properties extra) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "tahawul");
        properties.setProperty("password", "s3cret");
        properties.putAll(extra);
        return DriverManager.getConnection(server.jdbcUrl(database), properties);
    }

    @Test
    @Order(1)
    void connectsAndReportsTheEngineVersion() throws SQLException {
        try (Connection c = connect("jdbc_it")) {
            assertThat(c.getMetaData().getDatabaseProductVersion()).startsWith("26.7");
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT version(), currentDatabase(), timezone()")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).startsWith("26.7");
                assertThat(rs.getString(2)).isEqualTo("jdbc_it");
            }
        }
    }

    @Test
    @Order(2)
    void readsBackEveryColumnTypeTheProjectUses() throws SQLException {
        try (Connection c = connect("jdbc_it"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE types (id UInt64, s String, lc LowCardinality(String), u8 UInt8, u16 UInt16, "
                    + "u32 UInt32, i32 Int32, f Float64, d Decimal(18,4), day Date, "
                    + "riyadh DateTime('Asia/Riyadh'), utc DateTime64(3,'UTC'), n Nullable(Float64), "
                    + "ns Nullable(String), arr Array(String)) ENGINE = MergeTree ORDER BY id");
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO types VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                insert.setLong(1, 1);
                insert.setString(2, ARABIC);
                insert.setString(3, "MOI");
                insert.setInt(4, 255);
                insert.setInt(5, 65535);
                insert.setLong(6, 4_294_967_295L);
                insert.setInt(7, -2_000_000_000);
                insert.setDouble(8, 0.8125);
                insert.setBigDecimal(9, new BigDecimal("12345.6789"));
                insert.setObject(10, LocalDate.of(2024, 2, 29));
                insert.setObject(11, OffsetDateTime.of(2024, 1, 31, 21, 10, 0, 0, ZoneOffset.UTC));
                insert.setObject(12, Instant.parse("2024-01-31T21:10:00.123Z"));
                insert.setNull(13, java.sql.Types.DOUBLE);
                insert.setString(14, null);
                insert.setObject(15, List.of("web", "mobile", "عداد"));
                insert.executeUpdate();
            }
            try (ResultSet rs = s.executeQuery("SELECT *, toMonth(riyadh) AS riyadh_month FROM types")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong("id")).isEqualTo(1);
                assertThat(rs.getString("s")).isEqualTo(ARABIC);
                assertThat(rs.getString("s").getBytes(StandardCharsets.UTF_8))
                        .isEqualTo(ARABIC.getBytes(StandardCharsets.UTF_8));
                assertThat(rs.getString("lc")).isEqualTo("MOI");
                assertThat(rs.getInt("u8")).isEqualTo(255);
                assertThat(rs.getInt("u16")).isEqualTo(65535);
                assertThat(rs.getLong("u32")).isEqualTo(4_294_967_295L);
                assertThat(rs.getInt("i32")).isEqualTo(-2_000_000_000);
                assertThat(rs.getDouble("f")).isEqualTo(0.8125);
                assertThat(rs.getBigDecimal("d")).isEqualByComparingTo("12345.6789");
                assertThat(rs.getObject("day", LocalDate.class)).isEqualTo(LocalDate.of(2024, 2, 29));
                // 21:10 UTC on 31 January is 00:10 on 1 February in Riyadh (UTC+3)
                assertThat(rs.getObject("riyadh", OffsetDateTime.class).toInstant())
                        .isEqualTo(Instant.parse("2024-01-31T21:10:00Z"));
                assertThat(rs.getInt("riyadh_month")).isEqualTo(2);
                assertThat(rs.getObject("utc", OffsetDateTime.class).toInstant())
                        .isEqualTo(Instant.parse("2024-01-31T21:10:00.123Z"));
                rs.getDouble("n");
                assertThat(rs.wasNull()).isTrue();
                assertThat(rs.getString("ns")).isNull();
                Array arr = rs.getArray("arr");
                assertThat((Object[]) arr.getArray()).containsExactly("web", "mobile", "عداد");
                assertThat(rs.next()).isFalse();
            }
        }
    }

    @Test
    @Order(3)
    void batchInsertsOneHundredThousandRowsThroughTheValuesPath() throws SQLException {
        assertThat(batchInsert("batch_values", new Properties())).isEqualTo(100_000);
    }

    @Test
    @Order(3)
    void batchInsertsOneHundredThousandRowsThroughTheRowBinaryPath() throws SQLException {
        Properties rowBinary = new Properties();
        rowBinary.setProperty("beta.row_binary_for_simple_insert", "true");
        assertThat(batchInsert("batch_rowbinary", rowBinary)).isEqualTo(100_000);
    }

    private long batchInsert(String table, Properties properties) throws SQLException {
        try (Connection c = connect("jdbc_it", properties); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + table + " (id UInt32, agency LowCardinality(String), name String, "
                    + "at DateTime64(3,'UTC'), rating Nullable(UInt8)) ENGINE = MergeTree ORDER BY id");
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + table + " VALUES (?,?,?,?,?)")) {
                Instant start = Instant.parse("2024-01-01T00:00:00Z");
                for (int i = 0; i < 100_000; i++) {
                    insert.setInt(1, i);
                    insert.setString(2, i % 2 == 0 ? "MOI" : "وزارة");
                    insert.setString(3, "row " + i + " — " + ARABIC);
                    insert.setObject(4, start.plusSeconds(i));
                    if (i % 5 == 0) {
                        insert.setNull(5, java.sql.Types.TINYINT);
                    } else {
                        insert.setInt(5, 1 + i % 5);
                    }
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            try (ResultSet rs = s.executeQuery("SELECT count(), sum(id), countIf(rating IS NULL), "
                    + "countIf(name = 'row 7 — " + ARABIC + "'), max(at) FROM " + table)) {
                rs.next();
                assertThat(rs.getLong(2)).isEqualTo(99_999L * 100_000 / 2);
                assertThat(rs.getLong(3)).isEqualTo(20_000);
                assertThat(rs.getLong(4)).isEqualTo(1);
                assertThat(rs.getObject(5, OffsetDateTime.class).toInstant())
                        .isEqualTo(Instant.parse("2024-01-01T00:00:00Z").plusSeconds(99_999));
                return rs.getLong(1);
            }
        }
    }

    @Test
    @Order(4)
    void badSqlRaisesAnSqlExceptionWithClickHouseErrorCode() throws SQLException {
        try (Connection c = connect("jdbc_it"); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeQuery("SELEC 1"))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getErrorCode()).isEqualTo(62))
                    .hasMessageContaining("Syntax error");
            assertThatThrownBy(() -> s.executeQuery("SELECT * FROM no_such_table"))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getErrorCode()).isEqualTo(60));
            // the connection stays usable after errors
            try (ResultSet rs = s.executeQuery("SELECT 40 + 2")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(42);
            }
        }
    }

    @Test
    @Order(4)
    void wrongPasswordIsRefused() {
        Properties wrong = new Properties();
        wrong.setProperty("user", "tahawul");
        wrong.setProperty("password", "not-it");
        assertThatThrownBy(() -> {
            try (Connection c = DriverManager.getConnection(server.jdbcUrl("default"), wrong);
                 Statement s = c.createStatement()) {
                s.executeQuery("SELECT 1");
            }
        }).isInstanceOf(SQLException.class).hasMessageContaining("Authentication failed");
    }

    @Test
    @Order(5)
    void sixteenConcurrentClientsRunMixedQueriesCorrectly() throws Exception {
        try (Connection c = connect("jdbc_it"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE concurrent (client UInt32, i UInt32, label String) ENGINE = MergeTree ORDER BY (client, i)");
        }
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Integer>> clients = new ArrayList<>();
            for (int client = 0; client < 16; client++) {
                int id = client;
                clients.add(pool.submit(() -> runClient(id)));
            }
            int correct = 0;
            for (Future<Integer> f : clients) {
                correct += f.get();
            }
            assertThat(correct).isEqualTo(16 * 200);
        } finally {
            pool.shutdownNow();
        }
        try (Connection c = connect("jdbc_it"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(), uniqExact(client) FROM concurrent")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(16 * 50);
            assertThat(rs.getLong(2)).isEqualTo(16);
        }
    }

    /** 200 queries: selects with known answers, inserts, failing statements; returns how many behaved. */
    private static int runClient(int client) throws SQLException {
        int correct = 0;
        try (Connection c = connect("jdbc_it"); Statement s = c.createStatement()) {
            for (int i = 0; i < 200; i++) {
                switch (i % 4) {
                    case 0:
                        try (ResultSet rs = s.executeQuery("SELECT sum(number) FROM numbers(" + (1000 + client + i) + ")")) {
                            rs.next();
                            long n = 1000 + client + i;
                            if (rs.getLong(1) == n * (n - 1) / 2) {
                                correct++;
                            }
                        }
                        break;
                    case 1:
                        try (PreparedStatement p = c.prepareStatement("INSERT INTO concurrent VALUES (?, ?, ?)")) {
                            p.setInt(1, client);
                            p.setInt(2, i);
                            p.setString(3, "عميل " + client);
                            if (p.executeUpdate() == 1) {
                                correct++;
                            }
                        }
                        break;
                    case 2:
                        try {
                            s.executeQuery("SELECT throwIf(1, 'expected failure " + client + "')");
                        } catch (SQLException expected) {
                            if (expected.getMessage().contains("expected failure " + client)) {
                                correct++;
                            }
                        }
                        break;
                    default:
                        try (ResultSet rs = s.executeQuery("SELECT '" + client + ":" + i + "', 'عميل " + client + "'")) {
                            rs.next();
                            if (rs.getString(1).equals(client + ":" + i) && rs.getString(2).equals("عميل " + client)) {
                                correct++;
                            }
                        }
                }
            }
        }
        return correct;
    }

    @Test
    @Order(6)
    void dataSurvivesARestart() throws Exception {
        try (Connection c = connect("jdbc_it"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE durable (id UInt32, name String) ENGINE = MergeTree ORDER BY id");
            s.execute("INSERT INTO durable SELECT number, concat('اسم ', toString(number)) FROM numbers(1000)");
        }
        server.restart();
        assertThat(server.log()).contains("stopped");
        try (Connection c = connect("jdbc_it"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(), any(name LIKE 'اسم %') FROM durable")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(1000);
            assertThat(rs.getBoolean(2)).isTrue();
        }
        try (Connection c = connect("jdbc_it"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count() FROM batch_rowbinary")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(100_000);
        }
    }
}
