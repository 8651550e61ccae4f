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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the job's outputs so that a reader never sees a half-written or mixed period: first every
 * output goes into a staging copy of its table ({@link #stage}), then the run publishes them one after
 * the other, each partition swapped in whole with {@code ALTER TABLE ... REPLACE PARTITION p FROM stage}
 * (or dropped, when the run has no rows for it), and a table replaced as a whole with
 * {@code EXCHANGE TABLES}. Staging everything before publishing anything keeps the moment when the
 * tables hold different runs to the few statements of the publish. {@link #close} drops the copies.
 */
final class KpiSink implements AutoCloseable {

    private static final int ALTER_BATCH = 100;

    private final ClickHouseSettings settings;
    private final String runId;
    private final Instant computedAt;
    private final Map<String, String> stages = new LinkedHashMap<>();

    KpiSink(ClickHouseSettings settings, String runId, Instant computedAt) {
        this.settings = settings;
        this.runId = runId;
        this.computedAt = computedAt;
    }

    /**
     * Fills a fresh staging copy of {@code table} ({@code CREATE TABLE ... AS table}: same partitioning)
     * with {@code rows}, which have fields named as the {@code columns}; run_id and computed_at are added.
     *
     * @return rows written
     */
    long stage(String table, List<Row> rows, List<String> columns) throws SQLException {
        String stage = ScratchTables.stage(table, runId);
        try (Connection connection = settings.connect()) {
            Jdbc.execute(connection, "DROP TABLE IF EXISTS " + stage);
            stages.put(table, stage);
            Jdbc.execute(connection, "CREATE TABLE " + stage + " AS " + table);
        }
        return insert(stage, rows, columns);
    }

    /** The staging copy of {@code table} ({@link #stage} first). */
    String stageOf(String table) {
        String stage = stages.get(table);
        if (stage == null) {
            throw new IllegalStateException(table + " is not staged");
        }
        return stage;
    }

    /**
     * Publishes the staged rows of {@code table}: each of the {@code partitions} is replaced by the staging
     * copy's, or dropped when the copy has no rows in it.
     *
     * @param partitions the partition values (as {@code system.parts.partition} spells them, e.g. 202401 or 2024)
     */
    void replacePartitions(String table, Collection<String> partitions) throws SQLException {
        String stage = stageOf(table);
        try (Connection connection = settings.connect()) {
            Set<String> filled = new HashSet<>(Jdbc.queryStrings(connection,
                    "SELECT DISTINCT partition FROM system.parts WHERE active AND database = "
                            + Jdbc.quote(settings.database()) + " AND table = " + Jdbc.quote(stage)));
            // one ALTER with a command per partition (fewer round trips); each partition is swapped atomically.
            // REPLACE PARTITION refuses an empty source partition: a period without rows is dropped instead
            List<String> commands = partitions.stream().map(p -> filled.contains(p)
                    ? "REPLACE PARTITION " + p + " FROM " + stage : "DROP PARTITION " + p).toList();
            for (int i = 0; i < commands.size(); i += ALTER_BATCH) {
                Jdbc.execute(connection, "ALTER TABLE " + table + " "
                        + String.join(", ", commands.subList(i, Math.min(commands.size(), i + ALTER_BATCH))));
            }
        }
    }

    /** Publishes the staged rows of {@code table} as the whole table: EXCHANGE TABLES with the staging copy. */
    void exchange(String table) throws SQLException {
        try (Connection connection = settings.connect()) {
            Jdbc.execute(connection, "EXCHANGE TABLES " + stageOf(table) + " AND " + table);
        }
    }

    /** Drops the staging copies (after an exchange, the copy holds the table's former rows). */
    @Override
    public void close() throws SQLException {
        try (Connection connection = settings.connect()) {
            ScratchTables.drop(connection, List.copyOf(stages.values()));
        }
        stages.clear();
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
