package org.tahawul.analytics;

import org.apache.spark.sql.Row;
import org.tahawul.warehouse.BulkInsert;
import org.tahawul.warehouse.ClickHouseSettings;
import org.tahawul.warehouse.Jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes the job's outputs so that a reader never sees a half-written or mixed period: the rows go
 * into a staging copy of the table first, then each partition is swapped in whole with
 * {@code ALTER TABLE ... REPLACE PARTITION p FROM stage} (or dropped, when the run has no rows for
 * it), and a table replaced as a whole is swapped with {@code EXCHANGE TABLES}.
 */
final class KpiSink {

    private static final int ALTER_BATCH = 100;

    private final ClickHouseSettings settings;
    private final String runId;
    private final Instant computedAt;

    KpiSink(ClickHouseSettings settings, String runId, Instant computedAt) {
        this.settings = settings;
        this.runId = runId;
        this.computedAt = computedAt;
    }

    /**
     * Replaces the given partitions of {@code table} with {@code rows} (which have fields named as the
     * {@code columns}; run_id and computed_at are added). Partitions without rows are dropped.
     *
     * @param partitions the partition values (as {@code system.parts.partition} spells them, e.g. 202401 or 2024)
     * @return rows written
     */
    long replacePartitions(String table, List<Row> rows, List<String> columns, Collection<String> partitions)
            throws SQLException {
        return viaStage(table, rows, columns, (connection, stage) -> {
            Set<String> filled = new HashSet<>(Jdbc.queryStrings(connection,
                    "SELECT DISTINCT partition FROM system.parts WHERE active AND database = "
                            + Jdbc.quote(settings.database()) + " AND table = " + Jdbc.quote(stage)));
            // one ALTER with a command per partition (fewer round trips); each partition is swapped atomically.
            // REPLACE PARTITION refuses an empty source partition: a period without rows is dropped instead
            List<String> commands = partitions.stream().map(p -> filled.contains(p)
                    ? "REPLACE PARTITION " + p + " FROM " + stage : "DROP PARTITION " + p).toList();
            alter(connection, table, commands);
        });
    }

    /** Drops the partitions (a period without events any more). */
    void dropPartitions(String table, Collection<String> partitions) throws SQLException {
        try (Connection connection = settings.connect()) {
            alter(connection, table, partitions.stream().map(p -> "DROP PARTITION " + p).toList());
        }
    }

    /** Replaces the whole of {@code table} with {@code rows} by EXCHANGE TABLES with a filled staging copy. */
    long replaceTable(String table, List<Row> rows, List<String> columns) throws SQLException {
        return viaStage(table, rows, columns,
                (connection, stage) -> Jdbc.execute(connection, "EXCHANGE TABLES " + stage + " AND " + table));
    }

    private static void alter(Connection connection, String table, List<String> commands) throws SQLException {
        for (int i = 0; i < commands.size(); i += ALTER_BATCH) {
            Jdbc.execute(connection, "ALTER TABLE " + table + " "
                    + String.join(", ", commands.subList(i, Math.min(commands.size(), i + ALTER_BATCH))));
        }
    }

    /** What publishes a filled staging table. */
    private interface Publish {
        void publish(Connection connection, String stage) throws SQLException;
    }

    /** Fills a fresh staging copy of {@code table} with the rows, publishes it, and drops it whatever happens. */
    private long viaStage(String table, List<Row> rows, List<String> columns, Publish publish) throws SQLException {
        String stage = table + "__stage_" + runId.replaceAll("[^A-Za-z0-9]", "_");
        try (Connection connection = settings.connect()) {
            Jdbc.execute(connection, "DROP TABLE IF EXISTS " + stage);
            Jdbc.execute(connection, "CREATE TABLE " + stage + " AS " + table);
            try {
                long written = insert(stage, rows, columns);
                publish.publish(connection, stage);
                return written;
            } finally {
                Jdbc.execute(connection, "DROP TABLE IF EXISTS " + stage);
            }
        }
    }

    private long insert(String stage, List<Row> rows, List<String> columns) throws SQLException {
        List<String> all = new ArrayList<>(columns);
        all.add("run_id");
        all.add("computed_at");
        try (BulkInsert insert = BulkInsert.open(settings, stage, all)) {
            Object[] values = new Object[all.size()];
            int[] fields = null;
            for (Row r : rows) {
                if (fields == null) {
                    fields = columns.stream().mapToInt(r::fieldIndex).toArray();
                }
                for (int i = 0; i < fields.length; i++) {
                    values[i] = r.get(fields[i]);
                }
                values[columns.size()] = runId;
                values[columns.size() + 1] = computedAt;
                insert.add(values);
            }
            insert.flush();
            return insert.sentRows();
        }
    }
}
