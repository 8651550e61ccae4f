package org.tahawul.ingest;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.client.api.query.QuerySettings;
import com.clickhouse.data.ClickHouseFormat;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.tahawul.warehouse.BulkInsert;
import org.tahawul.warehouse.ClickHouseSettings;
import org.tahawul.warehouse.Tables;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@code --curated-dir}: after a run has published, each month it touched is written out of
 * {@code service_events} as Parquet, {@code <dir>/month=YYYY-MM-01/part-00000.parquet} (the Hive layout
 * Spark reads back with {@code month} as a date column), for re-computation and analysts' own Spark work
 * (DESIGN §2). A month's folder is the whole month as the warehouse holds it after the run, so it is
 * replaced, never appended to, and a re-run writes the same rows: exactly once here too. ClickHouse
 * writes the Parquet itself; the job copies the bytes into any Hadoop file system (local, HDFS, S3).
 *
 * <p>Each month is written under {@code <dir>/_<run>/} first (Spark skips folders starting with
 * {@code _}), then the old folder is deleted and the new one renamed into place: a reader sees the old
 * month or the new one, or for that moment none, never a mix.
 */
final class CuratedExport {

    /** The columns of a curated file: service_events' but {@code month}, in signed types Spark reads as is. */
    static final String COLUMNS = "event_id, ts, agency, service, channel, is_digital, event, session_id, "
            + "beneficiary_key, beneficiary_type, region, CAST(duration_ms AS Nullable(Int64)) AS duration_ms, "
            + "CAST(rating AS Nullable(Int32)) AS rating, source_file, CAST(line_number AS Int64) AS line_number, "
            + "run_id, loaded_at";

    private CuratedExport() {
    }

    /** Writes {@code months} of service_events under {@code dir}; returns the rows written per month. */
    static Map<LocalDate, Long> write(ClickHouseSettings settings, Configuration hadoop, String dir, String runId,
                                      List<LocalDate> months, Consumer<String> say) throws IOException, SQLException {
        Map<LocalDate, Long> rows = counts(settings, months);
        Path root = new Path(dir);
        FileSystem fs = root.getFileSystem(hadoop);
        Path staging = new Path(root, "_" + Staging.suffix(runId));
        try (Client client = BulkInsert.clientFor(settings)) {
            for (LocalDate month : months) {
                Path folder = new Path(staging, folder(month));
                try (QueryResponse response = client.query("SELECT " + COLUMNS + " FROM " + Tables.SERVICE_EVENTS
                                + " WHERE " + Staging.monthIn(List.of(month)) + " ORDER BY ts, event_id "
                                + "FORMAT Parquet", new QuerySettings().setFormat(ClickHouseFormat.Parquet))
                        .get(10, TimeUnit.MINUTES);
                     InputStream in = response.getInputStream();
                     OutputStream out = fs.create(new Path(folder, "part-00000.parquet"), true)) {
                    in.transferTo(out);
                } catch (IOException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IOException("cannot read " + month.toString().substring(0, 7) + " of "
                            + Tables.SERVICE_EVENTS + " as Parquet from " + settings.displayUrl() + ": "
                            + e.getMessage(), e);
                }
                Path target = new Path(root, folder(month));
                if (fs.exists(target) && !fs.delete(target, true)) {
                    throw new IOException("cannot replace " + target);
                }
                if (!fs.rename(folder, target)) {
                    throw new IOException("cannot move " + folder + " to " + target);
                }
                say.accept(String.format(java.util.Locale.ROOT, "curated %s: %,d events", target,
                        rows.getOrDefault(month, 0L)));
            }
        } finally {
            fs.delete(staging, true);
        }
        return rows;
    }

    /** A month's folder name in the Hive layout. */
    static String folder(LocalDate month) {
        return "month=" + month;
    }

    private static Map<LocalDate, Long> counts(ClickHouseSettings settings, List<LocalDate> months) throws SQLException {
        Map<LocalDate, Long> rows = new LinkedHashMap<>();
        if (months.isEmpty()) {
            return rows;
        }
        try (Connection c = settings.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT toString(month), count() FROM " + Tables.SERVICE_EVENTS + " WHERE " + Staging.monthIn(months)
                        + " GROUP BY month")) {
            while (rs.next()) {
                rows.put(LocalDate.parse(rs.getString(1)), rs.getLong(2));
            }
        }
        return rows;
    }
}
