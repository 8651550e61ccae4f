package org.tahawul.analytics;

import org.tahawul.warehouse.Jdbc;
import org.tahawul.warehouse.Tables;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The tables a run creates for itself and drops when it ends: the counting tables of {@link EventCounts}
 * ({@code analytics_cells__<run>}, {@code analytics_stages__<run>}) and the staging copies of
 * {@link KpiSink} ({@code kpi_monthly__stage_<run>}, ...). A run that dies leaves them behind; the
 * next run finds them by these prefixes ({@link JobRuns#start}).
 */
final class ScratchTables {

    static final String CELLS = "analytics_cells__";
    static final String STAGES = "analytics_stages__";
    private static final List<String> PREFIXES = Stream.concat(Stream.of(CELLS, STAGES),
            Stream.of(Tables.KPI_MONTHLY, Tables.KPI_PERIOD, Tables.AGENCY_MATURITY, Tables.KPI_TARGET_PROGRESS)
                    .map(ScratchTables::stagePrefix)).toList();

    private ScratchTables() {
    }

    /** The run's tag in table names: its id with anything but letters and digits as '_'. */
    static String suffix(String runId) {
        return runId.replaceAll("[^A-Za-z0-9]", "_");
    }

    static String name(String prefix, String runId) {
        return prefix + suffix(runId);
    }

    /** The staging copy of {@code table} for a run. */
    static String stage(String table, String runId) {
        return name(stagePrefix(table), runId);
    }

    private static String stagePrefix(String table) {
        return table + "__stage_";
    }

    /** The scratch tables in {@code database}, by the suffix of the run that made them. */
    static Map<String, List<String>> byRun(Connection connection, String database) throws SQLException {
        String anyPrefix = PREFIXES.stream().map(p -> "startsWith(name, " + Jdbc.quote(p) + ")")
                .collect(Collectors.joining(" OR "));
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String table : Jdbc.queryStrings(connection, "SELECT name FROM system.tables WHERE database = "
                + Jdbc.quote(database) + " AND (" + anyPrefix + ") ORDER BY name")) {
            PREFIXES.stream().filter(table::startsWith).findFirst().ifPresent(prefix -> out
                    .computeIfAbsent(table.substring(prefix.length()), k -> new ArrayList<>()).add(table));
        }
        return out;
    }

    /** Drops the tables, in one statement. */
    static void drop(Connection connection, List<String> tables) throws SQLException {
        if (!tables.isEmpty()) {
            Jdbc.execute(connection, "DROP TABLE IF EXISTS " + String.join(", ", tables) + " SYNC");
        }
    }
}
