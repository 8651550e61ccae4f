package org.tahawul.analytics;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.client.api.query.QuerySettings;
import com.clickhouse.data.ClickHouseFormat;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.tahawul.warehouse.BulkInsert;
import org.tahawul.warehouse.ClickHouseSettings;
import org.tahawul.warehouse.Jdbc;
import org.tahawul.warehouse.Tables;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.apache.spark.sql.functions.col;

/**
 * Reads service events from ClickHouse for Spark. ClickHouse selects only the rows and columns the
 * KPIs need (completions, ratings and digital starts; the beneficiary key only on digital completions)
 * and writes them as Parquet, one file per month partition, into a work folder that Spark then reads
 * with its vectorised Parquet reader. docs/analytics.md gives the measurement behind this choice.
 * The work folder is any Hadoop file system URI; on a cluster it must be one the executors can read.
 */
final class EventSource {

    /** Parallel exports: ClickHouse parallelises each query itself, two in flight keep it busy. */
    private static final int EXPORT_THREADS = 2;

    /** The events any KPI looks at: completions, ratings and digital starts. */
    static final String RELEVANT = "(event IN ('completed', 'rated') OR (event = 'started' AND is_digital))";

    private final ClickHouseSettings settings;
    private final Progress progress;
    private long exportedRows;

    EventSource(ClickHouseSettings settings, Progress progress) {
        this.settings = settings;
        this.progress = progress;
    }

    /** The months that hold events, in order. */
    List<YearMonth> monthsWithData() throws SQLException {
        try (Connection connection = settings.connect()) {
            return Jdbc.queryStrings(connection, "SELECT DISTINCT toString(month) FROM " + Tables.SERVICE_EVENTS
                            + " ORDER BY 1").stream()
                    .map(d -> YearMonth.from(LocalDate.parse(d))).toList();
        }
    }

    /** The events of the months (with the columns of {@link KpiTransforms#EVENTS}), staged under {@code dir}. */
    Dataset<Row> events(SparkSession spark, List<YearMonth> months, String dir) throws SQLException {
        try (Connection connection = settings.connect()) { // for the progress line: the Parquet stream has no count
            exportedRows = Jdbc.queryLong(connection, "SELECT count() FROM " + Tables.SERVICE_EVENTS + " WHERE month"
                    + " BETWEEN " + date(months.get(0)) + " AND " + date(months.get(months.size() - 1)) + " AND "
                    + RELEVANT);
        }
        ExecutorService pool = Executors.newFixedThreadPool(EXPORT_THREADS);
        try (Client client = BulkInsert.clientFor(settings)) {
            List<Future<Object>> done = new ArrayList<>();
            for (YearMonth month : months) {
                String file = dir + "/events/events-" + month + ".parquet";
                done.add(pool.submit(() -> {
                    export(spark, client, eventsQuery(month), file);
                    return null;
                }));
            }
            for (Future<Object> f : done) {
                f.get();
            }
        } catch (Exception e) {
            Throwable cause = e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("cannot export events from ClickHouse at " + settings.displayUrl()
                    + " to " + dir + ": " + cause.getMessage(), cause);
        } finally {
            pool.shutdownNow();
        }
        progress.step("read", Progress.rows(exportedRows) + " of events for " + months.size() + " months exported "
                + "by ClickHouse as Parquet");
        // one folder (not a list of files: past 32 paths Spark lists them with a distributed job) and an
        // explicit schema (else a job reads every footer to infer it)
        return conform(spark.read().schema(KpiTransforms.EVENTS).parquet(dir + "/events"), KpiTransforms.EVENTS);
    }

    /** Rows exported by the last {@link #events} call. */
    long exportedRows() {
        return exportedRows;
    }

    /**
     * The session ids of completions outside {@code [from, to]} whose session started digitally inside it:
     * completion rate counts a completion "anywhere in the data". Empty (no query) when the months
     * read are all the months with data.
     */
    Dataset<Row> outsideCompletions(SparkSession spark, YearMonth from, YearMonth to, boolean everything,
                                    String dir) {
        if (everything) {
            return spark.createDataFrame(List.of(), KpiTransforms.SESSIONS);
        }
        String range = "month BETWEEN " + date(from) + " AND " + date(to);
        String sql = "SELECT DISTINCT assumeNotNull(session_id) AS session_id FROM " + Tables.SERVICE_EVENTS
                + " WHERE event = 'completed' AND session_id IS NOT NULL AND NOT (" + range + ")"
                + " AND session_id IN (SELECT session_id FROM " + Tables.SERVICE_EVENTS + " WHERE " + range
                + " AND event = 'started' AND is_digital AND session_id IS NOT NULL)";
        String file = dir + "/outside-completions.parquet";
        try (Client client = BulkInsert.clientFor(settings)) {
            export(spark, client, sql, file);
            progress.step("read", "completions outside " + from + ".." + to + " of sessions started inside");
        } catch (Exception e) {
            throw new IllegalStateException("cannot read completions from ClickHouse at " + settings.displayUrl()
                    + ": " + e.getMessage(), e);
        }
        return conform(spark.read().schema(KpiTransforms.SESSIONS).parquet(file), KpiTransforms.SESSIONS);
    }

    static String eventsQuery(YearMonth month) {
        return "SELECT month, toString(agency) AS agency, toString(service) AS service, is_digital,"
                + " toString(event) AS event,"
                + " if(event IN ('started', 'completed'), session_id, NULL) AS session_id,"
                + " if(event = 'completed' AND is_digital, beneficiary_key, NULL) AS beneficiary_key,"
                + " if(event = 'completed', toInt64(duration_ms), NULL) AS duration_ms,"
                + " if(event = 'rated', toInt32(rating), NULL) AS rating"
                + " FROM " + Tables.SERVICE_EVENTS
                + " WHERE month = " + date(month)
                + " AND " + RELEVANT;
    }

    /** Runs {@code sql} with Parquet output into {@code file}. */
    private static void export(SparkSession spark, Client client, String sql, String file) throws Exception {
        QuerySettings query = new QuerySettings().setFormat(ClickHouseFormat.Parquet)
                .serverSetting("output_format_parquet_compression_method", "snappy")
                .serverSetting("output_format_parquet_string_as_string", "1")
                .serverSetting("output_format_parquet_write_bloom_filter", "0");
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(file);
        FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
        try (QueryResponse response = client.query(sql, query).get(30, TimeUnit.MINUTES);
             InputStream in = response.getInputStream();
             FSDataOutputStream out = fs.create(path, true)) {
            in.transferTo(out);
        } catch (IOException e) {
            throw new IOException("writing " + file + ": " + e.getMessage(), e);
        }
    }

    /** Casts the Parquet columns to the types the transforms expect (ClickHouse's Parquet types vary by version). */
    static Dataset<Row> conform(Dataset<Row> read, StructType schema) {
        List<Column> columns = new ArrayList<>();
        for (StructField f : schema.fields()) {
            columns.add(col(f.name()).cast(f.dataType()).as(f.name()));
        }
        return read.select(columns.toArray(Column[]::new));
    }

    static String date(YearMonth month) {
        return "toDate('" + month.atDay(1) + "')";
    }
}
