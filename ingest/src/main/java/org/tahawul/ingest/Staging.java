package org.tahawul.ingest;

import org.tahawul.warehouse.ClickHouseSettings;
import org.tahawul.warehouse.Jdbc;
import org.tahawul.warehouse.Tables;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The exactly-once half of a run, in ClickHouse (docs/ingest.md "Exactly once"):
 * <ol>
 *   <li>{@link #create}: per-run stages {@code service_events_stage_<run>} (the events table's columns plus
 *       {@code file_index}) and {@code rejected_records_stage_<run>};</li>
 *   <li>the Spark pass fills them ({@link EventSink});</li>
 *   <li>{@link #publish}: per month, one {@code INSERT ... SELECT} into {@code service_events} that keeps the
 *       first row of each event_id in file order then line order, and skips ids already in the table
 *       (anti-join); an id staged in several months is published only in the month of its first row;</li>
 *   <li>{@link #publishRejected}: one row per rejected line into {@code rejected_records};</li>
 *   <li>{@link #drop}.</li>
 * </ol>
 * Counts are read from ClickHouse afterwards, so a batch the writers sent twice never counts twice.
 */
public final class Staging {

    static final String EVENTS_PREFIX = Tables.SERVICE_EVENTS + "_stage_";
    static final String REJECTED_PREFIX = Tables.REJECTED_RECORDS + "_stage_";
    static final String FIRST_MONTH_PREFIX = "ingest_first_month_";

    /** The event columns copied from the stage into service_events (all but loaded_at, set at publish). */
    private static final String COLUMNS = "event_id, ts, month, agency, service, channel, is_digital, event, "
            + "session_id, beneficiary_key, beneficiary_type, region, duration_ms, rating, source_file, line_number, run_id";

    private final ClickHouseSettings settings;
    private final String runId;

    public Staging(ClickHouseSettings settings, String runId) {
        this.settings = settings;
        this.runId = runId;
    }

    public String eventsStage() {
        return EVENTS_PREFIX + suffix(runId);
    }

    public String rejectedStage() {
        return REJECTED_PREFIX + suffix(runId);
    }

    private String firstMonthTable() {
        return FIRST_MONTH_PREFIX + suffix(runId);
    }

    /** The table-name suffix of a run id (letters, digits, underscores). */
    static String suffix(String runId) {
        return runId.replaceAll("[^A-Za-z0-9_]", "_");
    }

    /** Creates the run's empty stages. */
    public void create() throws SQLException {
        try (Connection c = settings.connect()) {
            Jdbc.execute(c, "CREATE TABLE " + eventsStage() + " AS " + Tables.SERVICE_EVENTS
                    + " ENGINE = MergeTree PARTITION BY toYYYYMM(month) ORDER BY event_id");
            Jdbc.execute(c, "ALTER TABLE " + eventsStage() + " ADD COLUMN file_index UInt32");
            Jdbc.execute(c, "CREATE TABLE " + rejectedStage() + " AS " + Tables.REJECTED_RECORDS
                    + " ENGINE = MergeTree ORDER BY (source_file, line_number)");
        }
    }

    /** Rows in the stages so far (for progress lines). */
    public long[] stagedRows(Connection c) throws SQLException {
        return new long[] {Jdbc.queryLong(c, "SELECT count() FROM " + eventsStage()),
                Jdbc.queryLong(c, "SELECT count() FROM " + rejectedStage())};
    }

    /** The months of the staged events, in order. */
    public List<LocalDate> months() throws SQLException {
        List<LocalDate> months = new ArrayList<>();
        try (Connection c = settings.connect()) {
            for (String m : Jdbc.queryStrings(c, "SELECT DISTINCT toString(month) FROM " + eventsStage() + " ORDER BY 1")) {
                months.add(LocalDate.parse(m));
            }
        }
        return months;
    }

    /** Distinct lines staged as valid events (a line sent twice counts once). */
    public long validLines() throws SQLException {
        try (Connection c = settings.connect()) {
            return Jdbc.queryLong(c, "SELECT uniqExact(file_index, line_number) FROM " + eventsStage());
        }
    }

    /**
     * Publishes the staged events month by month; {@code afterMonth} is told each month once it is in
     * service_events (progress, and the tests' way to stop a run half-way).
     */
    public void publish(List<LocalDate> months, Consumer<LocalDate> afterMonth) throws SQLException {
        try (Connection c = settings.connect()) {
            // ids staged in more than one month (same id, different ts): only their first row's month publishes them
            Jdbc.execute(c, "CREATE TABLE " + firstMonthTable() + " ENGINE = MergeTree ORDER BY event_id AS "
                    + "SELECT event_id, argMin(month, (file_index, line_number)) AS first_month FROM " + eventsStage()
                    + " GROUP BY event_id HAVING min(month) != max(month)");
            for (LocalDate month : months) {
                String m = "toDate(" + Jdbc.quote(month.toString()) + ")";
                Jdbc.execute(c, "INSERT INTO " + Tables.SERVICE_EVENTS + " (" + COLUMNS + ", loaded_at) "
                        + "SELECT " + COLUMNS + ", now64(3, 'UTC') FROM " + eventsStage()
                        + " WHERE month = " + m
                        + " AND event_id NOT IN (SELECT event_id FROM " + firstMonthTable() + " WHERE first_month != " + m + ")"
                        + " AND event_id NOT IN (SELECT event_id FROM " + Tables.SERVICE_EVENTS
                        + " WHERE event_id IN (SELECT event_id FROM " + eventsStage() + " WHERE month = " + m + "))"
                        + " ORDER BY event_id, file_index, line_number LIMIT 1 BY event_id");
                afterMonth.accept(month);
            }
        }
    }

    /** Copies one row per rejected line into rejected_records. */
    public void publishRejected() throws SQLException {
        try (Connection c = settings.connect()) {
            Jdbc.execute(c, "INSERT INTO " + Tables.REJECTED_RECORDS
                    + " (run_id, source_file, line_number, reason, detail, raw_masked, rejected_at) "
                    + "SELECT run_id, source_file, line_number, reason, detail, raw_masked, rejected_at FROM "
                    + rejectedStage() + " ORDER BY source_file, line_number LIMIT 1 BY source_file, line_number");
        }
    }

    /** Drops the run's stages (no error when they are gone). */
    public void drop() throws SQLException {
        try (Connection c = settings.connect()) {
            dropTables(c, List.of(eventsStage(), rejectedStage(), firstMonthTable()));
        }
    }

    /** The table suffixes of the runs that own stage tables in the database. */
    static List<String> stagedRuns(Connection c, String database) throws SQLException {
        List<String> runs = new ArrayList<>();
        for (String prefix : List.of(EVENTS_PREFIX, REJECTED_PREFIX, FIRST_MONTH_PREFIX)) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT name FROM system.tables "
                    + "WHERE database = " + Jdbc.quote(database) + " AND startsWith(name, " + Jdbc.quote(prefix) + ")")) {
                while (rs.next()) {
                    String suffix = rs.getString(1).substring(prefix.length());
                    if (!runs.contains(suffix)) {
                        runs.add(suffix);
                    }
                }
            }
        }
        return runs;
    }

    /** Drops every stage table of a run given by its table suffix. */
    static void dropLeftovers(Connection c, String suffix) throws SQLException {
        dropTables(c, List.of(EVENTS_PREFIX + suffix, REJECTED_PREFIX + suffix, FIRST_MONTH_PREFIX + suffix));
    }

    private static void dropTables(Connection c, List<String> tables) throws SQLException {
        for (String table : tables) {
            Jdbc.execute(c, "DROP TABLE IF EXISTS " + table + " SYNC");
        }
    }
}
