package org.tahawul.ingest;

import org.tahawul.warehouse.BulkInsert;
import org.tahawul.warehouse.ClickHouseSettings;
import org.tahawul.warehouse.Jdbc;
import org.tahawul.warehouse.SchemaLayout;
import org.tahawul.warehouse.Tables;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The exactly-once half of a run, in ClickHouse (docs/ingest.md "Exactly once"):
 * <ol>
 *   <li>{@link #create}: per-run stages {@code service_events_stage_<run>} (the events table's columns that
 *       vary by line plus {@code file_index}, sorted by month and event_id) and
 *       {@code rejected_records_stage_<run>}; {@link #files}: the run's file names by file_index;</li>
 *   <li>the Spark pass fills them ({@link EventSink});</li>
 *   <li>{@link #plan}: one count of the stage by event_id lists the few event_ids that need care,
 *       {@code ingest_plan_<run>}: those staged more than once (kept: their first row in file order then
 *       line order, listed in {@code ingest_firsts_<run>}) and those already in {@code service_events}
 *       (skipped); it also gives the months and the number of distinct staged lines;</li>
 *   <li>{@link #publish}: the staged rows whose id is not in the plan, plus the first row of each planned id
 *       not loaded before, into {@code service_events}, month by month (see there how);</li>
 *   <li>{@link #publishRejected}: one row per rejected line into {@code rejected_records};</li>
 *   <li>{@link #drop}.</li>
 * </ol>
 * Counts are read from ClickHouse afterwards, so a batch the writers sent twice never counts twice. The
 * statements run on one connection: on a busy server each statement costs tens of milliseconds whatever
 * it does, so the run uses as few as it can.
 */
public final class Staging implements AutoCloseable {

    static final String EVENTS_PREFIX = Tables.SERVICE_EVENTS + "_stage_";
    static final String REJECTED_PREFIX = Tables.REJECTED_RECORDS + "_stage_";
    static final String PLAN_PREFIX = "ingest_plan_";
    static final String FIRSTS_PREFIX = "ingest_firsts_";
    static final String FILES_PREFIX = "ingest_files_";
    static final String PUBLISH_PREFIX = Tables.SERVICE_EVENTS + "_publish_";
    /** The plan's name before it was the plan: stage tables of runs of earlier versions are cleaned up too. */
    static final String FIRST_MONTH_PREFIX = "ingest_first_month_";
    private static final List<String> PREFIXES = List.of(EVENTS_PREFIX, REJECTED_PREFIX, PLAN_PREFIX,
            FIRSTS_PREFIX, FILES_PREFIX, PUBLISH_PREFIX, FIRST_MONTH_PREFIX);

    /**
     * The columns of the events stage, which the Spark pass fills: those of service_events that vary by line,
     * plus {@code file_index}; the reference codes as their positions ({@link StageCodes}). The file's name, the
     * run, the load time and is_digital are the same for many rows or follow from others: they are added at
     * publish ({@code ingest_files_<run>} maps file_index to the name), not sent with every row.
     */
    static final List<String> STAGED_COLUMNS = List.of("event_id", "ts", "month", "agency", "service", "channel",
            "event", "session_id", "beneficiary_key", "beneficiary_type", "region", "duration_ms", "rating",
            "line_number", "file_index");

    /** The columns of service_events the publish fills. */
    private static final String COLUMNS = "event_id, ts, month, agency, service, channel, is_digital, event, "
            + "session_id, beneficiary_key, beneficiary_type, region, duration_ms, rating, source_file, line_number, "
            + "run_id, loaded_at";

    private final ClickHouseSettings settings;
    private final String runId;
    private final SchemaLayout layout;
    private final StageCodes codes;
    private Connection connection;

    Staging(ClickHouseSettings settings, String runId, StageCodes codes) {
        this(settings, runId, codes, SchemaLayout.fromEnvironment());
    }

    Staging(ClickHouseSettings settings, String runId, StageCodes codes, SchemaLayout layout) {
        this.settings = settings;
        this.runId = runId;
        this.codes = codes;
        this.layout = layout;
    }

    StageCodes codes() {
        return codes;
    }

    public String eventsStage() {
        return EVENTS_PREFIX + suffix(runId);
    }

    public String rejectedStage() {
        return REJECTED_PREFIX + suffix(runId);
    }

    private String planTable() {
        return PLAN_PREFIX + suffix(runId);
    }

    private String firstsTable() {
        return FIRSTS_PREFIX + suffix(runId);
    }

    private String filesTable() {
        return FILES_PREFIX + suffix(runId);
    }

    private String publishTable() {
        return PUBLISH_PREFIX + suffix(runId);
    }

    /** The table-name suffix of a run id (letters, digits, underscores). */
    static String suffix(String runId) {
        return runId.replaceAll("[^A-Za-z0-9_]", "_");
    }

    private Connection connection() throws SQLException {
        if (connection == null || connection.isClosed()) {
            connection = settings.connect();
        }
        return connection;
    }

    private void execute(String sql) throws SQLException {
        Jdbc.execute(connection(), sql);
    }

    /** Creates the run's empty stages. */
    public void create() throws SQLException {
        execute("CREATE TABLE " + eventsStage() + " ENGINE = MergeTree ORDER BY (month, event_id) EMPTY AS SELECT "
                + STAGED_COLUMNS.stream().map(c -> c.equals("file_index") ? "toUInt32(0) AS file_index"
                        : StageCodes.TYPES.containsKey(c) ? "to" + StageCodes.TYPES.get(c) + "(0) AS " + c : c)
                        .collect(Collectors.joining(", ")) + " FROM " + Tables.SERVICE_EVENTS);
        // each batch of the writers is a part; merging them would cost the server about as much again as
        // receiving them, for a table that is read once
        execute("SYSTEM STOP MERGES " + eventsStage());
        execute("CREATE TABLE " + rejectedStage() + " AS " + Tables.REJECTED_RECORDS
                + " ENGINE = MergeTree ORDER BY (source_file, line_number)");
    }

    /**
     * Records the run's files ({@code file_index} -> {@code source_file}) in {@code ingest_files_<run>}, a Join
     * table the publish looks names up in.
     */
    public void files(List<InputFile> files) throws SQLException {
        try (Connection c = settings.connect()) {
            Jdbc.execute(c, "CREATE TABLE " + filesTable() + " (file_index UInt32, source_file String) "
                    + "ENGINE = Join(ANY, LEFT, file_index)");
        }
        try (BulkInsert insert = BulkInsert.open(settings, filesTable(), List.of("file_index", "source_file"))) {
            for (InputFile file : files) {
                insert.add(file.index(), file.name());
            }
        }
    }

    /** Rows in the stages so far (for progress lines). */
    public long[] stagedRows(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT (SELECT count() FROM "
                + eventsStage() + "), (SELECT count() FROM " + rejectedStage() + ")")) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        }
    }

    /**
     * What publishing needs, from the filled stage.
     *
     * @param months     the months of the staged events, in order, with their staged rows
     * @param validLines distinct lines staged as valid events (a line sent twice counts once)
     * @param planned    event_ids that are staged more than once or already loaded
     * @param repeated   of those, the ones staged more than once
     */
    public record Plan(Map<LocalDate, Long> months, long validLines, long planned, long repeated) {
    }

    /**
     * Lists, in {@code ingest_plan_<run>}, each event_id staged more than once or already in service_events, and
     * in {@code ingest_firsts_<run>} the file and line of the first row of each repeated one; reads the months and
     * the number of distinct staged lines. Three statements when no id repeats: the stage's month index; the plan
     * (a count of the stage by event_id, with a scan of service_events' event_id column for the staged ids,
     * skipped while service_events is empty); the plan's size. Two more when some do.
     */
    public Plan plan() throws SQLException {
        Map<LocalDate, Long> months = new LinkedHashMap<>();
        long rows = 0;
        boolean loadedBefore = false;
        try (Statement s = connection().createStatement(); ResultSet rs = s.executeQuery("SELECT toString(month), "
                + "count(), (SELECT count() > 0 FROM " + Tables.SERVICE_EVENTS + ") FROM " + eventsStage()
                + " GROUP BY month ORDER BY month")) {
            while (rs.next()) {
                months.put(LocalDate.parse(rs.getString(1)), rs.getLong(2));
                rows += rs.getLong(2);
                loadedBefore = rs.getBoolean(3);
            }
        }
        // one count of the stage by event_id finds the ids that need care; first rows are computed for the
        // repeated ones only (for every id they would cost three times the count)
        String loaded = loadedBefore ? "event_id IN (SELECT event_id FROM " + Tables.SERVICE_EVENTS
                + " WHERE event_id IN (SELECT event_id FROM " + eventsStage() + "))" : "false";
        execute("CREATE TABLE " + planTable() + " ENGINE = MergeTree ORDER BY event_id AS SELECT event_id, "
                + "count() AS rows, " + loaded + " AS loaded FROM " + eventsStage()
                + " GROUP BY event_id HAVING rows > 1 OR loaded");
        long planned;
        long repeated;
        try (Statement s = connection().createStatement(); ResultSet rs = s.executeQuery(
                "SELECT count(), countIf(rows > 1) FROM " + planTable())) {
            rs.next();
            planned = rs.getLong(1);
            repeated = rs.getLong(2);
        }
        long copies = 0;
        if (repeated > 0) {
            // (file_index, line_number) as one number (lines below 2^40, files below 2^24): min takes the fast path
            execute("CREATE TABLE " + firstsTable() + " ENGINE = MergeTree ORDER BY event_id AS SELECT event_id, "
                    + "toUInt32(bitShiftRight(first, 40)) AS first_file, bitAnd(first, 0xFFFFFFFFFF) AS first_line, "
                    + "rows, lines FROM (SELECT event_id, min(bitShiftLeft(toUInt64(file_index), 40) + line_number) "
                    + "AS first, count() AS rows, uniqExact(file_index, line_number) AS lines FROM " + eventsStage()
                    + " WHERE event_id IN (SELECT event_id FROM " + planTable() + " WHERE rows > 1) GROUP BY event_id)");
            try (Statement s = connection().createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT sum(rows) - sum(lines) FROM " + firstsTable())) {
                rs.next();
                copies = rs.getLong(1); // rows that repeat a staged line (a retried batch)
            }
        }
        return new Plan(months, rows - copies, planned, repeated);
    }

    /**
     * Publishes the staged events month by month; {@code afterMonth} is told each month once it is in
     * service_events (progress, and the tests' way to stop a run half-way).
     *
     * <p>On one node, one {@code INSERT ... SELECT} writes every row to publish into
     * {@code service_events_publish_<run>}, a table made {@code AS service_events} (same partitions, sort key and
     * indexes), and each month's partition then moves into service_events with
     * {@code ALTER TABLE ... ATTACH PARTITION ... FROM}, which only links the finished parts: the rows are sorted,
     * indexed and compressed once, by one statement, and a month appears whole. On a cluster (Distributed
     * service_events) each month is one {@code INSERT ... SELECT} into service_events.
     */
    public void publish(Plan plan, Consumer<LocalDate> afterMonth) throws SQLException {
        if (layout.isCluster()) {
            for (LocalDate month : plan.months().keySet()) {
                execute(publishRows(Tables.SERVICE_EVENTS, plan, month));
                afterMonth.accept(month);
            }
            return;
        }
        execute("CREATE TABLE " + publishTable() + " AS " + Tables.SERVICE_EVENTS);
        execute(publishRows(publishTable(), plan, null));
        Map<LocalDate, String> partitions = new LinkedHashMap<>();
        try (Statement s = connection().createStatement(); ResultSet rs = s.executeQuery("SELECT toString(min(month)), "
                + "_partition_id FROM " + publishTable() + " GROUP BY _partition_id")) {
            while (rs.next()) {
                partitions.put(LocalDate.parse(rs.getString(1)).withDayOfMonth(1), rs.getString(2));
            }
        }
        for (LocalDate month : plan.months().keySet()) {
            String partition = partitions.get(month);
            if (partition != null) { // else every row of the month was loaded before
                execute("ALTER TABLE " + Tables.SERVICE_EVENTS + " ATTACH PARTITION ID " + Jdbc.quote(partition)
                        + " FROM " + publishTable());
            }
            afterMonth.accept(month);
        }
    }

    /**
     * The statement that inserts into {@code table} the staged rows to publish (of one month, or all when
     * {@code month} is null): every row whose event_id is not in the plan, plus the first row of each planned id
     * not loaded before (once, should a retried batch have staged it twice).
     */
    private String publishRows(String table, Plan plan, LocalDate month) {
        String inMonth = month == null ? "1" : "month = toDate(" + Jdbc.quote(month.toString()) + ")";
        String select = "SELECT event_id, ts, month, " + codes.decode("agency") + ", " + codes.decode("service") + ", "
                + codes.decode("channel") + ", " + codes.isDigital() + ", " + codes.decode("event") + ", session_id, "
                + "beneficiary_key, " + codes.decode("beneficiary_type") + ", " + codes.decode("region")
                + ", duration_ms, rating, joinGet(" + Jdbc.quote(filesTable()) + ", 'source_file', file_index), "
                + "line_number, " + Jdbc.quote(runId) + ", now64(3, 'UTC') FROM " + eventsStage() + " WHERE " + inMonth;
        String insert = "INSERT INTO " + table + " (" + COLUMNS + ") ";
        if (plan.planned() == 0) {
            return insert + select;
        }
        String planless = insert + select + " AND event_id NOT IN (SELECT event_id FROM " + planTable() + ")";
        if (plan.repeated() == 0) {
            return planless;
        }
        return planless + " UNION ALL SELECT * FROM (" + select + " AND (event_id, file_index, line_number) IN ("
                + "SELECT event_id, first_file, first_line FROM " + firstsTable() + " WHERE event_id NOT IN (SELECT "
                + "event_id FROM " + planTable() + " WHERE loaded)) LIMIT 1 BY event_id)";
    }

    /** Copies one row per rejected line into rejected_records. */
    public void publishRejected() throws SQLException {
        execute("INSERT INTO " + Tables.REJECTED_RECORDS
                + " (run_id, source_file, line_number, reason, detail, raw_masked, rejected_at) "
                + "SELECT run_id, source_file, line_number, reason, detail, raw_masked, rejected_at FROM "
                + rejectedStage() + " ORDER BY source_file, line_number LIMIT 1 BY source_file, line_number");
    }

    /** Rows of this run in service_events (only the run's months are read) and in rejected_records. */
    public long[] counts(List<LocalDate> months) throws SQLException {
        String run = Jdbc.quote(runId);
        String inMonths = months.isEmpty() ? "0" : "month IN (" + months.stream()
                .map(m -> "toDate(" + Jdbc.quote(m.toString()) + ")").collect(Collectors.joining(", ")) + ")";
        try (Statement s = connection().createStatement(); ResultSet rs = s.executeQuery("SELECT (SELECT count() FROM "
                + Tables.SERVICE_EVENTS + " WHERE " + inMonths + " AND run_id = " + run + "), (SELECT count() FROM "
                + Tables.REJECTED_RECORDS + " WHERE run_id = " + run + ")")) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        }
    }

    /** Drops the run's stages (no error when they are gone). */
    public void drop() throws SQLException {
        dropLeftovers(connection(), suffix(runId));
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // nothing left to do with it
            }
            connection = null;
        }
    }

    /** The table suffixes of the runs that own stage tables in the database. */
    static List<String> stagedRuns(Connection c, String database) throws SQLException {
        List<String> runs = new ArrayList<>();
        String anyPrefix = PREFIXES.stream().map(p -> "startsWith(name, " + Jdbc.quote(p) + ")")
                .collect(Collectors.joining(" OR "));
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT name FROM system.tables "
                + "WHERE database = " + Jdbc.quote(database) + " AND (" + anyPrefix + ") ORDER BY name")) {
            while (rs.next()) {
                String name = rs.getString(1);
                for (String prefix : PREFIXES) {
                    if (name.startsWith(prefix)) {
                        String suffix = name.substring(prefix.length());
                        if (!runs.contains(suffix)) {
                            runs.add(suffix);
                        }
                        break;
                    }
                }
            }
        }
        return runs;
    }

    /** Drops every stage table of a run given by its table suffix, in one statement. */
    static void dropLeftovers(Connection c, String suffix) throws SQLException {
        Jdbc.execute(c, "DROP TABLE IF EXISTS " + PREFIXES.stream().map(p -> p + suffix).collect(Collectors.joining(", "))
                + " SYNC");
    }
}
