package org.tahawul.warehouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.data.ClickHouseFormat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Bulk inserts through the official client (client-v2, part of clickhouse-jdbc) in ClickHouse's
 * RowBinary format: rows are encoded as they are added, sent in batches of
 * {@link Options#batchRows()} rows, and a failed batch is sent again with exponential backoff.
 *
 * <p>A retried batch could be stored twice only if the server committed it and the answer was
 * lost. Writers that need exactly-once therefore write to a staging table first and publish from
 * there (the ingest job's anti-join, the analytics job's partition replace).
 *
 * <pre>
 *   try (BulkInsert insert = BulkInsert.open(settings, "kpi_monthly_stage", List.of("month", "scope_type", ...))) {
 *       insert.add(LocalDate.of(2024, 1, 1), "national", ...);
 *   }
 * </pre>
 * Java values accepted per ClickHouse type: see {@link RowBinary}.
 */
public final class BulkInsert implements AutoCloseable {

    /**
     * @param batchRows   rows per INSERT (≥ 50 000 keeps the part count low)
     * @param maxAttempts attempts per batch before giving up
     * @param backoff     wait before the second attempt; doubled each time
     */
    public record Options(int batchRows, int maxAttempts, Duration backoff) {
        public static final Options DEFAULT = new Options(100_000, 4, Duration.ofSeconds(1));
    }

    private final ClickHouseSettings settings;
    private final String table;
    private final List<String> columns;
    private final List<RowBinary.Encoder> encoders;
    private final Options options;
    private final Client client;
    private final Consumer<String> log;
    private final RowBinary.Output out = new RowBinary.Output(1 << 20);
    private int pendingRows;
    private long sentRows;
    private int batches;

    private BulkInsert(ClickHouseSettings settings, String table, List<String> columns,
                       List<RowBinary.Encoder> encoders, Options options, Consumer<String> log) {
        this.settings = settings;
        this.table = table;
        this.columns = columns;
        this.encoders = encoders;
        this.options = options;
        this.log = log;
        this.client = clientFor(settings);
    }

    public static BulkInsert open(ClickHouseSettings settings, String table, List<String> columns)
            throws SQLException {
        return open(settings, table, columns, Options.DEFAULT, message -> { });
    }

    /** Opens an insert into {@code table} (of the settings' database) for the given columns, in order. */
    public static BulkInsert open(ClickHouseSettings settings, String table, List<String> columns, Options options,
                                  Consumer<String> log) throws SQLException {
        Map<String, String> types = columnTypes(settings, table);
        List<RowBinary.Encoder> encoders = new ArrayList<>();
        for (String column : columns) {
            String type = types.get(column);
            if (type == null) {
                throw new SQLException("table " + settings.database() + "." + table + " has no column " + column
                        + " (it has " + types.keySet() + ")");
            }
            encoders.add(RowBinary.encoder(type));
        }
        return new BulkInsert(settings, table, List.copyOf(columns), encoders, options, log);
    }

    /** Adds one row; values in the order of the columns given to {@link #open}. */
    public void add(Object... values) {
        if (values.length != encoders.size()) {
            throw new IllegalArgumentException("expected " + encoders.size() + " values " + columns + ", got "
                    + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            try {
                encoders.get(i).write(out, values[i]);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("column " + columns.get(i) + " of " + table + ": " + e.getMessage(), e);
            }
        }
        pendingRows++;
        if (pendingRows >= options.batchRows()) {
            flush();
        }
    }

    /** Sends the rows added so far. */
    public void flush() {
        if (pendingRows == 0) {
            return;
        }
        long delay = options.backoff().toMillis();
        for (int attempt = 1; ; attempt++) {
            try {
                InsertResponse response = client.insert(table, columns, out.stream(),
                        ClickHouseFormat.RowBinary, new InsertSettings()).get(10, TimeUnit.MINUTES);
                response.close();
                break;
            } catch (Exception e) {
                Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
                if (attempt >= options.maxAttempts() || !transientFailure(cause)) {
                    throw new BulkInsertException("insert of " + pendingRows + " rows into " + settings.database()
                            + "." + table + " at " + settings.displayUrl() + " failed after " + attempt
                            + " attempt(s): " + cause.getMessage(), cause);
                }
                log.accept("insert into " + table + " failed (" + cause.getMessage() + "), attempt " + attempt
                        + " of " + options.maxAttempts() + "; retrying in " + delay + " ms");
                sleep(delay);
                delay *= 2;
            }
        }
        sentRows += pendingRows;
        batches++;
        pendingRows = 0;
        out.reset();
    }

    public long sentRows() {
        return sentRows;
    }

    public int batches() {
        return batches;
    }

    @Override
    public void close() {
        try {
            flush();
        } finally {
            client.close();
        }
    }

    /** Network trouble and server-side overload are worth another try; a refused statement is not. */
    static boolean transientFailure(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof java.io.IOException || t instanceof java.util.concurrent.TimeoutException) {
                return true;
            }
            String message = String.valueOf(t.getMessage());
            if (message.contains("Connection refused") || message.contains("Connect to")
                    || message.contains("TIMEOUT_EXCEEDED") || message.contains("(ABORTED)")
                    || message.contains("Code: 236") || message.contains("Code: 159")
                    || message.contains("Code: 202") || message.contains("Code: 209")) {
                return true;
            }
        }
        return false;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BulkInsertException("interrupted while waiting to retry an insert", e);
        }
    }

    static Map<String, String> columnTypes(ClickHouseSettings settings, String table) throws SQLException {
        Map<String, String> types = new java.util.LinkedHashMap<>();
        try (Connection connection = settings.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT name, type FROM system.columns WHERE database = "
                     + Jdbc.quote(settings.database()) + " AND table = " + Jdbc.quote(table) + " ORDER BY position")) {
            while (rs.next()) {
                types.put(rs.getString(1), rs.getString(2));
            }
        }
        if (types.isEmpty()) {
            throw new SQLException("table " + settings.database() + "." + table + " does not exist");
        }
        return types;
    }

    /** A client-v2 client for the JDBC settings (same endpoint, credentials and database). */
    public static Client clientFor(ClickHouseSettings settings) {
        String endpoint = settings.url().replaceFirst("^jdbc:(clickhouse|ch):", "");
        int query = endpoint.indexOf('?');
        if (query >= 0) {
            endpoint = endpoint.substring(0, query);
        }
        if (!endpoint.startsWith("http://") && !endpoint.startsWith("https://")) {
            endpoint = "http:" + endpoint;
        }
        // drop a database path, the database is set below
        java.net.URI uri = java.net.URI.create(endpoint);
        String base = uri.getScheme() + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
        return new Client.Builder()
                .addEndpoint(base)
                .setUsername(settings.user())
                .setPassword(settings.password())
                .setDefaultDatabase(settings.database())
                .setSocketTimeout(10, java.time.temporal.ChronoUnit.MINUTES)
                .build();
    }

    /** An insert that could not be completed. */
    public static final class BulkInsertException extends RuntimeException {
        public BulkInsertException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
