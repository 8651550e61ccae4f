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
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The exactly-once half of a run, in ClickHouse (docs/ingest.md "Exactly once"):
 * <ol>
 *   <li>{@link #create}: the run's file names by file_index ({@code ingest_files_<run>}, a Join table) and its
 *       stages: {@code service_events_stage_<run>}, made {@code AS service_events} (same columns, partitions,
 *       sort key and indexes) plus ephemeral columns for what the writers send in short
 *       ({@link #STAGED_COLUMNS}: the reference values as codes, the file as its index), from which the
 *       server fills the real columns as their defaults; and {@code rejected_records_stage_<run>};</li>
 *   <li>the Spark pass fills them ({@link EventSink});</li>
 *   <li>{@link #plan}: one count of the stage by a hash of event_id lists the few event_ids that need care,
 *       {@code ingest_plan_<run>}: those staged more than once (kept: their first row in file order then
 *       line order, listed in {@code ingest_firsts_<run>}) and those already in {@code service_events}
 *       (skipped); it also gives the months, which of them hold such ids, and the number of distinct staged
 *       lines;</li>
 *   <li>{@link #publish}: the stage's rows, less the repeats and the ids loaded before, into
 *       {@code service_events}, on one node a year at a time (see there how);</li>
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
     * The columns the Spark pass sends for each event: those of service_events that vary by line, the reference
     * values as codes ({@link StageCodes}) and the file as its index. The file's name, the run, the load time
     * and is_digital are the same for many rows or follow from others: the stage's defaults add them.
     */
    static final List<String> STAGED_COLUMNS = List.of("event_id", "ts", "month", StageCodes.column("agency"),
            StageCodes.column("service"), StageCodes.column("channel"), StageCodes.column("event"), "session_id",
            "beneficiary_key", StageCodes.column("beneficiary_type"), StageCodes.column("region"), "duration_ms",
            "rating", "line_number", "file_index");

    /** The columns of service_events. */
    private static final String COLUMNS = "event_id, ts, month, agency, service, channel, is_digital, event, "
            + "session_id, beneficiary_key, beneficiary_type, region, duration_ms, rating, source_file, line_number, "
            + "run_id, loaded_at";

    private final ClickHouseSettings settings;
    private final String runId;
    private final Instant loadTime;
    private final SchemaLayout layout;
    private final StageCodes codes;
    private Connection connection;

    Staging(ClickHouseSettings settings, String runId, Instant loadTime, StageCodes codes) {
        this(settings, runId, loadTime, codes, SchemaLayout.fromEnvironment());
    }

    Staging(ClickHouseSettings settings, String runId, Instant loadTime, StageCodes codes, SchemaLayout layout) {
        this.settings = settings;
        this.runId = runId;
        this.loadTime = loadTime;
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

    /**
     * Creates the run's tables: its files ({@code file_index -> source_file}, looked up by the stage's defaults)
     * and its empty stages.
     */
    public void create(List<InputFile> files) throws SQLException {
        execute("CREATE TABLE " + filesTable() + " (file_index UInt32, source_file String) "
                + "ENGINE = Join(ANY, LEFT, file_index)");
        try (BulkInsert insert = BulkInsert.open(settings, filesTable(), List.of("file_index", "source_file"))) {
            for (InputFile file : files) {
                insert.add(file.index(), file.name());
            }
        }
        // one node: the stage is service_events' twin, so that its partitions can be attached as they are; a
        // cluster's service_events is Distributed, and the stage a plain MergeTree on the node the job talks to
        execute(layout.isCluster()
                ? "CREATE TABLE " + eventsStage() + " ENGINE = MergeTree PARTITION BY toYYYYMM(month) "
                        + "ORDER BY (month, event_id) EMPTY AS SELECT * FROM " + Tables.SERVICE_EVENTS
                : "CREATE TABLE " + eventsStage() + " AS " + Tables.SERVICE_EVENTS);
        execute("ALTER TABLE " + eventsStage() + " " + StageCodes.addCodeColumns()
                + ", ADD COLUMN file_index UInt32 EPHEMERAL");
        execute("ALTER TABLE " + eventsStage() + " " + codes.decodingDefaults()
                + ", MODIFY COLUMN source_file DEFAULT joinGet(" + Jdbc.quote(settings.database() + "." + filesTable())
                + ", 'source_file', file_index), MODIFY COLUMN run_id DEFAULT " + Jdbc.quote(runId)
                + ", MODIFY COLUMN loaded_at DEFAULT parseDateTime64BestEffort("
                + Jdbc.quote(loadTime.toString()) + ", 3, 'UTC')");
        // each batch of the writers is a part; merging them would cost the server CPU the Spark pass needs
        // (service_events merges them once they are published)
        execute("SYSTEM STOP MERGES " + eventsStage());
        execute("CREATE TABLE " + rejectedStage() + " AS " + Tables.REJECTED_RECORDS
                + " ENGINE = MergeTree ORDER BY (source_file, line_number)");
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
     * @param partitions the stage's partition of each month (the stage is partitioned by month)
     * @param validLines distinct lines staged as valid events (a line sent twice counts once)
     * @param planned    event_ids that are staged more than once or already loaded
     * @param repeated   of those, the ones staged more than once
     * @param careful    the months holding a planned event_id: only these are rewritten at publish
     */
    public record Plan(Map<LocalDate, Long> months, Map<LocalDate, String> partitions, long validLines, long planned,
                       long repeated, Set<LocalDate> careful) {
    }

    /**
     * Lists, in {@code ingest_plan_<run>}, each event_id staged more than once or already in service_events, and
     * in {@code ingest_firsts_<run>} the file and line of the first row of each repeated one; reads the months and
     * the number of distinct staged lines. One statement when every staged event_id is distinct (as many distinct
     * hashes of event_id as rows) and service_events is empty: the stage's month index with those two figures.
     * Otherwise two more when no id needs care: the plan (a count of the stage by a hash of event_id, then by
     * event_id for the candidates it finds and the ids found in a scan of service_events' event_id column, skipped
     * while service_events is empty); the plan's size. Three more when some ids need care.
     */
    public Plan plan() throws SQLException {
        Map<LocalDate, Long> months = new LinkedHashMap<>();
        long rows = 0;
        boolean loadedBefore = false;
        long distinctHashes = 0;
        Map<LocalDate, String> partitions = new LinkedHashMap<>();
        try (Statement s = connection().createStatement(); ResultSet rs = s.executeQuery("SELECT toString(month), "
                + "count(), any(_partition_id), (SELECT count() > 0 FROM " + Tables.SERVICE_EVENTS + "), "
                + "(SELECT uniqExact(cityHash64(event_id)) FROM " + eventsStage() + ") FROM " + eventsStage()
                + " GROUP BY month ORDER BY month")) {
            while (rs.next()) {
                LocalDate month = LocalDate.parse(rs.getString(1));
                months.put(month, rs.getLong(2));
                partitions.put(month, rs.getString(3));
                rows += rs.getLong(2);
                loadedBefore = rs.getBoolean(4);
                distinctHashes = rs.getLong(5);
            }
        }
        if (!loadedBefore && distinctHashes == rows) {
            // as many distinct hashes as rows: every staged event_id is there once (ids with different hashes
            // differ), and none was loaded before; the usual first run, with nothing to plan
            return new Plan(months, partitions, rows, 0, 0, Set.of());
        }
        // one count of the stage by a 64-bit hash of event_id finds the candidates (ids whose hash is staged more
        // than once: the repeated ids, and the rare pairs of ids that share a hash), and the count by event_id runs
        // over those and the ids loaded before only: counting 64-bit numbers takes about a quarter of the memory of
        // counting the ids themselves, and less time (5 M ids: 0.3-0.6 s against 0.5-2.0 s, docs/ingest.md).
        // First rows are computed for the repeated ids only.
        String loaded = loadedBefore ? "event_id IN (SELECT event_id FROM " + Tables.SERVICE_EVENTS
                + " WHERE event_id IN (SELECT event_id FROM " + eventsStage() + "))" : "false";
        // (no candidates when the first query found every hash once: then only the ids loaded before count)
        String candidates = distinctHashes == rows ? "false" : "cityHash64(event_id) IN (SELECT h FROM "
                + eventsStage() + " GROUP BY cityHash64(event_id) AS h HAVING count() > 1)";
        execute("CREATE TABLE " + planTable() + " ENGINE = MergeTree ORDER BY event_id AS SELECT event_id, "
                + "count() AS rows, " + loaded + " AS loaded FROM " + eventsStage() + " WHERE " + candidates
                + (loadedBefore ? " OR " + loaded : "") + " GROUP BY event_id HAVING rows > 1 OR loaded");
        long planned;
        long repeated;
        try (Statement s = connection().createStatement(); ResultSet rs = s.executeQuery(
                "SELECT count(), countIf(rows > 1) FROM " + planTable())) {
            rs.next();
            planned = rs.getLong(1);
            repeated = rs.getLong(2);
        }
        Set<LocalDate> careful = new TreeSet<>();
        if (planned > 0) {
            try (Statement s = connection().createStatement(); ResultSet rs = s.executeQuery("SELECT DISTINCT "
                    + "toString(month) FROM " + eventsStage() + " WHERE event_id IN (SELECT event_id FROM "
                    + planTable() + ")")) {
                while (rs.next()) {
                    careful.add(LocalDate.parse(rs.getString(1)));
                }
            }
        }
        long copies = 0;
        if (repeated > 0) {
            // the first row is the one of the lowest (file_index, line_number), as one number (lines below 2^40,
            // files below 2^24) so that min takes the fast path; the stage holds the file's name, whose index
            // ingest_files_<run> gives
            execute("CREATE TABLE " + firstsTable() + " ENGINE = MergeTree ORDER BY event_id AS SELECT event_id, "
                    + "first_file, bitAnd(first, 0xFFFFFFFFFF) AS first_line, rows, lines FROM (SELECT event_id, "
                    + "min(bitShiftLeft(toUInt64(f.file_index), 40) + s.line_number) AS first, "
                    + "argMin(s.source_file, bitShiftLeft(toUInt64(f.file_index), 40) + s.line_number) AS first_file, "
                    + "count() AS rows, uniqExact(s.source_file, s.line_number) AS lines FROM " + eventsStage()
                    + " AS s INNER JOIN (SELECT file_index, source_file FROM " + filesTable() + ") AS f "
                    + "ON s.source_file = f.source_file WHERE s.event_id IN (SELECT event_id FROM " + planTable()
                    + " WHERE rows > 1) GROUP BY event_id)");
            try (Statement s = connection().createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT sum(rows) - sum(lines) FROM " + firstsTable())) {
                rs.next();
                copies = rs.getLong(1); // rows that repeat a staged line (a retried batch)
            }
        }
        return new Plan(months, partitions, rows - copies, planned, repeated, careful);
    }

    /**
     * Publishes the staged events (on one node a year at a time); {@code afterMonth} is told each month once it
     * is in service_events (progress, and the tests' way to stop a run half-way).
     *
     * <p>On one node a month that holds no planned event_id is published as it is staged: its partition moves
     * into service_events with {@code ALTER TABLE ... ATTACH PARTITION ... FROM}, which only links the stage's
     * finished parts (sorted, indexed and compressed as the writers' batches arrived), so the rows are written
     * once and a month appears whole. The other months' rows, less the repeats and the ids loaded before, are
     * first copied by one {@code INSERT ... SELECT} into {@code service_events_publish_<run>}, also made
     * {@code AS service_events}, and attached from there. On a cluster (Distributed service_events) each month is
     * one {@code INSERT ... SELECT} into service_events.
     *
     * <p>The months of a calendar year are attached by one {@code ALTER TABLE} (each statement costs tens of
     * milliseconds on a busy server, whatever it does), so {@code afterMonth} hears of a year's months together.
     * A run stopped between two years leaves the earlier years published; the next run finds their ids loaded.
     */
    public void publish(Plan plan, Consumer<LocalDate> afterMonth) throws SQLException {
        if (layout.isCluster()) {
            for (LocalDate month : plan.months().keySet()) {
                execute(publishRows(Tables.SERVICE_EVENTS, plan, List.of(month)));
                afterMonth.accept(month);
            }
            return;
        }
        Map<LocalDate, String> rewritten = Map.of();
        if (!plan.careful().isEmpty()) {
            execute("CREATE TABLE " + publishTable() + " AS " + Tables.SERVICE_EVENTS);
            execute(publishRows(publishTable(), plan, plan.careful()));
            rewritten = publishPartitions();
        }
        Map<Integer, List<LocalDate>> years = plan.months().keySet().stream()
                .collect(Collectors.groupingBy(LocalDate::getYear, java.util.TreeMap::new, Collectors.toList()));
        for (List<LocalDate> year : years.values()) {
            List<String> attach = new ArrayList<>();
            for (LocalDate month : year) {
                boolean careful = plan.careful().contains(month);
                String partition = (careful ? rewritten : plan.partitions()).get(month);
                if (partition != null) { // else every row of the month was loaded before
                    attach.add("ATTACH PARTITION ID " + Jdbc.quote(partition) + " FROM "
                            + (careful ? publishTable() : eventsStage()));
                }
            }
            if (!attach.isEmpty()) {
                execute("ALTER TABLE " + Tables.SERVICE_EVENTS + " " + String.join(", ", attach));
            }
            year.forEach(afterMonth);
        }
    }

    /** The partition ids of the publish table, by month. */
    private Map<LocalDate, String> publishPartitions() throws SQLException {
        Map<LocalDate, String> partitions = new LinkedHashMap<>();
        try (Statement s = connection().createStatement(); ResultSet rs = s.executeQuery("SELECT toString(min(month)), "
                + "_partition_id FROM " + publishTable() + " GROUP BY _partition_id")) {
            while (rs.next()) {
                partitions.put(LocalDate.parse(rs.getString(1)).withDayOfMonth(1), rs.getString(2));
            }
        }
        return partitions;
    }

    /**
     * The statement that inserts into {@code table} the staged rows of {@code months} to publish: every row whose
     * event_id is not in the plan, plus the first row of each planned id not loaded before (once, should a retried
     * batch have staged it twice).
     */
    private String publishRows(String table, Plan plan, java.util.Collection<LocalDate> months) {
        String select = "SELECT " + COLUMNS + " FROM " + eventsStage() + " WHERE " + monthIn(months);
        String insert = "INSERT INTO " + table + " (" + COLUMNS + ") ";
        if (plan.planned() == 0) {
            return insert + select;
        }
        String planless = insert + select + " AND event_id NOT IN (SELECT event_id FROM " + planTable() + ")";
        if (plan.repeated() == 0) {
            return planless;
        }
        return planless + " UNION ALL SELECT * FROM (" + select + " AND (event_id, source_file, line_number) IN ("
                + "SELECT event_id, first_file, first_line FROM " + firstsTable() + " WHERE event_id NOT IN (SELECT "
                + "event_id FROM " + planTable() + " WHERE loaded)) LIMIT 1 BY event_id)";
    }

    /** The condition {@code month IN (toDate('2024-01-01'), ...)}; {@code 0} (false) for no month. */
    static String monthIn(java.util.Collection<LocalDate> months) {
        return months.isEmpty() ? "0" : "month IN (" + months.stream()
                .map(m -> "toDate(" + Jdbc.quote(m.toString()) + ")").collect(Collectors.joining(", ")) + ")";
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
        String inMonths = monthIn(months);
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
