package org.tahawul.analytics;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.tahawul.datasets.reference.Agency;
import org.tahawul.datasets.reference.Service;
import org.tahawul.warehouse.BulkInsert;
import org.tahawul.warehouse.ClickHouseSettings;
import org.tahawul.warehouse.Jdbc;
import org.tahawul.warehouse.Tables;

import java.sql.Connection;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The counting half of the KPIs, done by ClickHouse where the events are (docs/analytics.md
 * "Design"): what each KPI counts, per period and scope. The formulas that turn the counts into
 * KPIs and the maturity stages are Spark's ({@link KpiTransforms}, {@link MaturityTransforms}).
 *
 * <p>One run, in order:
 * <ol>
 *   <li>{@link #scan}: one query reads the events of the months once, into a scratch table of
 *       "cells" ({@code analytics_cells__<run>}, a few thousand rows): per month, agency and service,
 *       the counts that add up; and the digital sessions and active beneficiaries, each id once,
 *       grouped by the set of cells (month, agency, service) it occurs in.</li>
 *   <li>{@link #agencyMonths}: from the cells, every agency (of the catalogue or seen in the events) in
 *       every month with data: the counts maturity needs. Spark computes the stages.</li>
 *   <li>{@link #scopeCounts}: from the cells and the stages (sent back in a second scratch table), every
 *       count of every month, quarter and year for the scopes national, stage, agency and service.</li>
 *   <li>{@link #close}: drops the scratch tables.</li>
 * </ol>
 *
 * <p>The counting rules (DESIGN §5; docs/kpis.md): a transaction is a {@code completed} event
 * (service_events holds one row per event_id); a digital session is a {@code session_id} with a
 * digital {@code started} event in the period, completed when a {@code completed} event of the same
 * session exists anywhere in service_events, any month, any channel ({@code failed} and
 * {@code abandoned} are not completions; non-digital starts are not read); an active beneficiary
 * is a {@code beneficiary_key} with a digital {@code completed} event, counted exactly; the SLA
 * counts look at completions with a {@code duration_ms} of a catalogued service, within when
 * {@code duration_ms <= sla_minutes × 60000}; ratings are {@code rated} events with a rating, 4 and
 * 5 satisfied. A service is online in a period when it is catalogued and had a digital completion.
 * Quarters and years are counted from the events, never from months. The stage of an agency in a
 * quarter or a year is its stage in the last month of the period with data.
 */
final class EventCounts implements AutoCloseable {

    /** Every agency in every month with data, the counts its maturity needs (input of {@link MaturityTransforms}). */
    static final StructType AGENCY_MONTHS = new StructType()
            .add("month", DataTypes.DateType, false)
            .add("agency_code", DataTypes.StringType, false)
            .add("transactions", DataTypes.LongType, false)
            .add("digital_transactions", DataTypes.LongType, false)
            .add("ratings", DataTypes.LongType, false)
            .add("ratings_satisfied", DataTypes.LongType, false)
            .add("services_online", DataTypes.LongType, false)
            .add("services_catalogued", DataTypes.LongType, false);

    /** Every period and scope, its counts (input of {@link KpiTransforms#rates}). */
    static final StructType SCOPE_COUNTS;

    static {
        StructType s = new StructType()
                .add("period_type", DataTypes.StringType, false)
                .add("period_start", DataTypes.DateType, false)
                .add("scope_type", DataTypes.StringType, false)
                .add("scope_code", DataTypes.StringType, false);
        for (String count : KpiTransforms.COUNTS) {
            s = s.add(count, DataTypes.LongType, false);
        }
        SCOPE_COUNTS = s;
    }

    private final ClickHouseSettings settings;
    private final String cellsTable;
    private final String stagesTable;
    private final String reference;
    private YearMonth first;
    private YearMonth last;
    private long eventsCounted;
    private boolean scanned;

    /**
     * @param runId     names the scratch tables
     * @param agencies  the agencies of the catalogue (every one gets a row, events or not)
     * @param catalogue the services of the catalogue: coverage counts them, their SLA decides the SLA counts
     */
    EventCounts(ClickHouseSettings settings, String runId, List<Agency> agencies, List<Service> catalogue) {
        this.settings = settings;
        this.cellsTable = ScratchTables.name(ScratchTables.CELLS, runId);
        this.stagesTable = ScratchTables.name(ScratchTables.STAGES, runId);
        this.reference = referenceArrays(agencies, catalogue);
    }

    /** The months that hold events, in order. */
    List<YearMonth> monthsWithData() throws SQLException {
        try (Connection connection = settings.connect()) {
            return Jdbc.queryStrings(connection, "SELECT DISTINCT toString(month) FROM " + Tables.SERVICE_EVENTS
                            + " ORDER BY 1").stream()
                    .map(d -> YearMonth.from(LocalDate.parse(d))).toList();
        }
    }

    /** Reads the events of {@code from..to} once, into the cells (step 1); returns the events counted. */
    long scan(YearMonth from, YearMonth to) throws SQLException {
        this.first = from;
        this.last = to;
        try (Connection connection = settings.connect()) {
            Jdbc.execute(connection, "DROP TABLE IF EXISTS " + cellsTable);
            scanned = true;
            Jdbc.execute(connection, scanQuery(cellsTable, from, to, reference));
            eventsCounted = Jdbc.queryLong(connection, "SELECT sum(events) FROM " + cellsTable);
        } catch (SQLException e) {
            throw failed("read the events of " + from + ".." + to, e);
        }
        return eventsCounted;
    }

    /** Events counted by {@link #scan}: completions, ratings and digital starts (the others change no KPI). */
    long eventsCounted() {
        return eventsCounted;
    }

    /** Every agency in every month with data and its counts, {@link #AGENCY_MONTHS} (step 2). */
    Dataset<Row> agencyMonths(SparkSession spark) throws SQLException {
        return spark.createDataFrame(query(agencyMonthsQuery(cellsTable, reference), AGENCY_MONTHS), AGENCY_MONTHS);
    }

    /**
     * Every count of every month, quarter and year for every scope, {@link #SCOPE_COUNTS} (step 3).
     *
     * @param maturity rows with the month, agency_code and stage of every agency and month
     *                 ({@link MaturityTransforms#agencyMaturity})
     */
    Dataset<Row> scopeCounts(SparkSession spark, List<Row> maturity) throws SQLException {
        try (Connection connection = settings.connect()) {
            Jdbc.execute(connection, "DROP TABLE IF EXISTS " + stagesTable);
            Jdbc.execute(connection, "CREATE TABLE " + stagesTable
                    + " (month Date, agency String, stage UInt8) ENGINE = Memory");
        }
        try (BulkInsert insert = BulkInsert.open(settings, stagesTable, List.of("month", "agency", "stage"))) {
            for (Row r : maturity) {
                insert.add(r.<Date>getAs("month").toLocalDate(), r.getAs("agency_code"), r.<Integer>getAs("stage"));
            }
        }
        return spark.createDataFrame(query(scopeCountsQuery(cellsTable, stagesTable, reference), SCOPE_COUNTS),
                SCOPE_COUNTS);
    }

    /** Drops the scratch tables. */
    @Override
    public void close() throws SQLException {
        if (!scanned) {
            return;
        }
        try (Connection connection = settings.connect()) {
            Jdbc.execute(connection, "DROP TABLE IF EXISTS " + cellsTable);
            Jdbc.execute(connection, "DROP TABLE IF EXISTS " + stagesTable);
        }
    }

    // ------------------------------------------------------------------ the queries

    /** The relevant events: completions, ratings and digital starts (the others change no KPI). */
    static final String RELEVANT = "(event IN ('completed', 'rated') OR (event = 'started' AND is_digital))";

    /**
     * Step 1. The cells table. A cell is a month, agency and service, numbered by {@code code}
     * (yyyymm, agency and service numbers packed in a UInt64: cheap to group and compare).
     * {@code kind} 'cell' rows hold the additive counts of one cell; 'sessions' and 'beneficiaries' rows
     * hold {@code ids} ids (and {@code flagged} completed sessions among them) that occur in exactly
     * the cells of {@code codes}. Each id is grouped once: a session by its session_id (with the
     * completions anywhere, for the flag), a beneficiary by calendar year and key (every period lies in
     * one year). Most ids occur in one cell, so the table has a row per cell plus a row per set of cells
     * that some ids share.
     */
    static String scanQuery(String cellsTable, YearMonth first, YearMonth last, String reference) {
        String range = "month BETWEEN " + date(first) + " AND " + date(last);
        String code = "bitOr(bitOr(bitShiftLeft(toUInt64(toYYYYMM(month)), 24),"
                + " bitShiftLeft(toUInt64(transform(toString(agency), names.1, arrayEnumerate(names.1), 0)), 12)),"
                + " toUInt64(transform(toString(service), names.2, arrayEnumerate(names.2), 0)))";
        // transform() finds the service in a hash table (has() would scan the array for every row);
        // a service outside the catalogue has no SLA: its completions are in neither SLA count
        String withDuration = "event = 'completed' AND duration_ms IS NOT NULL"
                + " AND transform(service, ref_services, ref_ones, 0) = 1";
        String zeros = "0, toDate(0), '', '', 0, 0, 0, 0, 0, 0, 0, 0";
        return "CREATE TABLE " + cellsTable + " ENGINE = Memory AS WITH " + reference + ","
                + " (SELECT (groupUniqArray(toString(agency)), groupUniqArray(toString(service))) FROM "
                + Tables.SERVICE_EVENTS + " WHERE " + range + " AND " + RELEVANT + ") AS names"
                + " SELECT 'cell' AS kind, any(" + code + ") AS code, month, toString(agency) AS agency,"
                + " toString(service) AS service, count() AS events,"
                + " countIf(event = 'completed') AS transactions,"
                + " countIf(event = 'completed' AND is_digital) AS digital_transactions,"
                + " countIf(" + withDuration + ") AS completions_with_duration,"
                + " countIf(" + withDuration + " AND duration_ms <= transform(service, ref_services, ref_sla_ms,"
                + " toUInt64(0))) AS completions_within_sla,"
                + " countIf(event = 'rated' AND rating IS NOT NULL) AS ratings,"
                + " sumIf(toUInt64(assumeNotNull(rating)), event = 'rated' AND rating IS NOT NULL) AS rating_sum,"
                + " countIf(event = 'rated' AND rating >= 4) AS ratings_satisfied,"
                + " CAST([], 'Array(UInt64)') AS codes, toUInt64(0) AS ids, toUInt64(0) AS flagged"
                + " FROM " + Tables.SERVICE_EVENTS + " WHERE " + range + " AND " + RELEVANT
                + " GROUP BY month, agency, service"
                + " UNION ALL"
                + " SELECT 'sessions', " + zeros + ", codes, count(), sum(completed) FROM ("
                + "  SELECT max(event = 'completed') AS completed,"
                + "  arraySort(groupUniqArrayIf(" + code + ", event = 'started')) AS codes"
                + "  FROM " + Tables.SERVICE_EVENTS
                + "  WHERE session_id IS NOT NULL AND ((event = 'started' AND is_digital AND " + range + ")"
                + "  OR event = 'completed')"
                + "  GROUP BY session_id HAVING notEmpty(codes))"
                + " GROUP BY codes"
                + " UNION ALL"
                + " SELECT 'beneficiaries', " + zeros + ", codes, count(), 0 FROM ("
                + "  SELECT arraySort(groupUniqArray(" + code + ")) AS codes"
                + "  FROM " + Tables.SERVICE_EVENTS
                + "  WHERE event = 'completed' AND is_digital AND beneficiary_key IS NOT NULL AND " + range
                + "  GROUP BY toYear(month), beneficiary_key)"
                + " GROUP BY codes";
    }

    /**
     * Step 2. Every agency of the catalogue or of the events in every month with data (a month with a
     * relevant event): transactions, digital transactions, ratings, ratings of 4 or 5, catalogued
     * services with a digital completion, and catalogued services.
     */
    static String agencyMonthsQuery(String cellsTable, String reference) {
        String cells = "(SELECT month, agency, service, transactions AS t0,"
                + " digital_transactions AS d0, ratings AS r0, ratings_satisfied AS s0 FROM " + cellsTable
                + " WHERE kind = 'cell')";
        return "WITH " + reference
                + " SELECT toString(g.month), g.agency, c.t, c.d, c.r, c.s, c.online,"
                + " toUInt64(countEqual(ref_service_agencies, g.agency))"
                + " FROM (SELECT month, agency FROM (SELECT DISTINCT month FROM " + cells + ")"
                + "  ARRAY JOIN arrayDistinct(arrayConcat(ref_agencies, (SELECT groupUniqArray(agency) FROM " + cells
                + "  ))) AS agency) AS g"
                + " LEFT JOIN (SELECT month, agency, sum(t0) AS t, sum(d0) AS d, sum(r0) AS r, sum(s0) AS s,"
                + "  countIf(d0 > 0 AND transform(service, ref_services, ref_ones, 0) = 1) AS online"
                + "  FROM " + cells + " GROUP BY month, agency) AS c"
                + " ON c.month = g.month AND c.agency = g.agency"
                + " SETTINGS join_use_nulls = 0";
    }

    /**
     * Step 3. Every count of every period and scope. Periods and scopes are numbered while counting
     * (integers group fast; the names come back at the end):
     * <pre>
     *   period key = period type (0 month, 1 quarter, 2 year) × 1 000 000 + yyyymm of its first month
     *   scope key  = (period key × 4 + scope type (0 national, 1 stage, 2 agency, 3 service)) × 4096 + number
     * </pre>
     * where the number is 0 for national, the stage, or the agency's or service's number in the cell
     * codes. Three kinds of rows, each with the keys it counts for:
     * <ul>
     *   <li>a service in a period (its cells summed): the additive counts and, when catalogued with a
     *       digital completion, 1 service online, for national, the agency's stage in the period, the
     *       agency and the service; for the service also 1 agency and 1 catalogued service (or 0);</li>
     *   <li>a set of cells shared by some sessions or beneficiaries: their number once for every
     *       distinct key of those cells (so distinct counts are exact in every scope and period);</li>
     *   <li>an agency in a period (every agency of the stages table): 1 agency and its catalogued
     *       services for national, its stage and itself (by name: it may have no cell).</li>
     * </ul>
     */
    static String scopeCountsQuery(String cellsTable, String stagesTable, String reference) {
        String numbers = "(SELECT DISTINCT bitAnd(bitShiftRight(code, 12), 4095) AS a, bitAnd(code, 4095) AS s,"
                + " agency, service FROM " + cellsTable + " WHERE kind = 'cell')";
        // the stage of an agency in a period: the month's, or for a quarter or a year its last month's with data
        String stageOf = "(SELECT (groupArray(k), groupArray(stage)) FROM (SELECT p * 4096 + a AS k,"
                + " argMax(stage, m) AS stage FROM (SELECT toYYYYMM(st.month) AS m, n.a AS a, st.stage AS stage FROM "
                + stagesTable + " AS st INNER JOIN (SELECT DISTINCT a, agency FROM " + numbers + ") AS n"
                + " ON n.agency = st.agency) ARRAY JOIN " + periodKeys("m") + " AS p GROUP BY k))";
        String agencyNames = "(SELECT (groupArray(a), groupArray(agency)) FROM (SELECT DISTINCT a, agency FROM "
                + numbers + "))";
        String serviceNames = "(SELECT (groupArray(s), groupArray(service)) FROM (SELECT DISTINCT s, service FROM "
                + numbers + "))";
        java.util.function.BinaryOperator<String> stage = (pk, agency) -> "transform(" + pk + " * 4096 + " + agency
                + ", stage_of.1, stage_of.2, toUInt8(0))";

        // services in periods: the additive counts summed over the cells of the period, online or not
        String servicePeriods = "SELECT pk, a, s, " + sums("transactions", "digital_transactions",
                "completions_with_duration", "completions_within_sla", "ratings", "rating_sum", "ratings_satisfied")
                + ", any(catalogued) AS catalogued, toUInt64(catalogued = 1 AND digital_transactions > 0) AS online"
                + " FROM (SELECT bitShiftRight(code, 24) AS m, bitAnd(bitShiftRight(code, 12), 4095) AS a,"
                + " bitAnd(code, 4095) AS s, toUInt64(transform(service, ref_services, ref_ones, 0)) AS catalogued, *"
                + " FROM " + cellsTable + " WHERE kind = 'cell') ARRAY JOIN " + periodKeys("m") + " AS pk"
                + " GROUP BY pk, a, s";
        String serviceKeys = "[" + key("pk", 0, "0") + ", " + key("pk", 1, stage.apply("pk", "a")) + ", "
                + key("pk", 2, "a") + ", " + key("pk", 3, "s") + "]";
        // sessions and beneficiaries: each set of cells once per distinct key of its cells
        String agencyOfCell = "bitAnd(bitShiftRight(c, 12), 4095)";
        String cellKeys = "arrayDistinct(arrayFlatten(arrayMap(c -> arrayFlatten(arrayMap(pk -> ["
                + key("pk", 0, "0") + ", " + key("pk", 1, stage.apply("pk", agencyOfCell)) + ", "
                + key("pk", 2, agencyOfCell) + ", " + key("pk", 3, "bitAnd(c, 4095)") + "], "
                + periodKeys("bitShiftRight(c, 24)") + ")), codes)))";

        String byNumber = "SELECT key, " + columns(c -> "sum(" + c + ")", "sum(services_online)",
                "sum(digital_sessions_started)", "sum(digital_sessions_completed)", "sum(active_beneficiaries)",
                "sum(services_catalogued)", "sum(agencies)")
                + " FROM ("
                + " SELECT " + columns(Function.identity(), "online", "0", "0", "0", "catalogued * w", "w")
                + ", key FROM (" + servicePeriods + ") ARRAY JOIN " + serviceKeys + " AS key, [0, 0, 0, 1] AS w"
                + " UNION ALL"
                + " SELECT " + columns(c -> "0", "0", "if(kind = 'sessions', ids, 0)", "if(kind = 'sessions', flagged, 0)",
                "if(kind = 'beneficiaries', ids, 0)", "0", "0")
                + ", key FROM " + cellsTable + " ARRAY JOIN " + cellKeys + " AS key WHERE kind != 'cell'"
                + ") GROUP BY key";
        // back to names: period key and scope key -> period_type, period_start, scope_type, scope_code
        String named = "SELECT ['" + KpiTransforms.MONTH + "', '" + KpiTransforms.QUARTER + "', '" + KpiTransforms.YEAR
                + "'][intDiv(intDiv(key, 16384), 1000000) + 1] AS period_type,"
                + " makeDate(intDiv(intDiv(key, 16384) % 1000000, 100), intDiv(key, 16384) % 100, 1) AS period_start,"
                + " ['" + KpiTransforms.NATIONAL + "', '" + KpiTransforms.STAGE + "', '" + KpiTransforms.AGENCY + "', '"
                + KpiTransforms.SERVICE + "'][intDiv(key, 4096) % 4 + 1] AS scope_type,"
                + " multiIf(intDiv(key, 4096) % 4 = 0, '" + KpiTransforms.NATIONAL_CODE + "',"
                + " intDiv(key, 4096) % 4 = 1, toString(key % 4096),"
                + " intDiv(key, 4096) % 4 = 2, transform(key % 4096, agency_names.1, agency_names.2, ''),"
                + " transform(key % 4096, service_names.1, service_names.2, '')) AS scope_code, "
                + String.join(", ", KpiTransforms.COUNTS)
                + " FROM (" + byNumber + ")";
        // agencies in periods, by name: the frame of the national, stage and agency rows
        String agencies = "SELECT p.1 AS period_type, p.2 AS period_start, k.1 AS scope_type, k.2 AS scope_code, "
                + columns(c -> "0", "0", "0", "0", "0", "countEqual(ref_service_agencies, agency)", "1")
                + " FROM (SELECT p, agency, argMax(stage, month) AS stage FROM " + stagesTable
                + " ARRAY JOIN [('" + KpiTransforms.MONTH + "', month), ('" + KpiTransforms.QUARTER
                + "', toStartOfQuarter(month)), ('" + KpiTransforms.YEAR + "', toStartOfYear(month))] AS p"
                + " GROUP BY p, agency)"
                + " ARRAY JOIN [('" + KpiTransforms.NATIONAL + "', '" + KpiTransforms.NATIONAL_CODE + "'), ('"
                + KpiTransforms.STAGE + "', toString(stage)), ('" + KpiTransforms.AGENCY + "', agency)] AS k";
        List<String> out = new ArrayList<>();
        for (String count : KpiTransforms.COUNTS) {
            out.add("sum(" + count + ")");
        }
        return "WITH " + reference + ", " + stageOf + " AS stage_of, " + agencyNames + " AS agency_names, "
                + serviceNames + " AS service_names"
                + " SELECT toString(period_type), toString(period_start), scope_type, scope_code, " + String.join(", ", out)
                + " FROM (" + named + " UNION ALL " + agencies + ")"
                + " GROUP BY period_type, period_start, scope_type, scope_code";
    }

    /** The keys of the month, quarter and year of {@code yyyymm}: type × 1 000 000 + yyyymm of the first month. */
    static String periodKeys(String yyyymm) {
        String year = "intDiv(" + yyyymm + ", 100) * 100";
        return "[toUInt64(" + yyyymm + "), toUInt64(1000000 + " + year + " + intDiv(" + yyyymm
                + " % 100 + 2, 3) * 3 - 2), toUInt64(2000000 + " + year + " + 1)]";
    }

    /** A scope key: (period key × 4 + scope type) × 4096 + number. */
    static String key(String periodKey, int scopeType, String number) {
        return "toUInt64((" + periodKey + " * 4 + " + scopeType + ") * 4096 + " + number + ")";
    }

    /**
     * The select list of one branch of {@link #scopeCountsQuery}, in the order of {@link KpiTransforms#COUNTS}:
     * the additive counts through {@code additive}, then services online, sessions started and completed,
     * beneficiaries, services catalogued and agencies.
     */
    private static String columns(Function<String, String> additive, String online, String started,
                                  String completed, String beneficiaries, String catalogued, String agencies) {
        List<String> out = new ArrayList<>();
        for (String count : KpiTransforms.COUNTS) {
            String value = switch (count) {
                case "services_online" -> online;
                case "digital_sessions_started" -> started;
                case "digital_sessions_completed" -> completed;
                case "active_beneficiaries" -> beneficiaries;
                case "services_catalogued" -> catalogued;
                case "agencies" -> agencies;
                default -> additive.apply(count);
            };
            out.add("toUInt64(" + value + ") AS " + count);
        }
        return String.join(", ", out);
    }

    private static String sums(String... names) {
        return java.util.Arrays.stream(names).map(n -> "sum(" + n + ") AS " + n).collect(Collectors.joining(", "));
    }

    /**
     * The catalogue as constant arrays for the queries: {@code ref_agencies}, {@code ref_services} with
     * {@code ref_service_agencies}, {@code ref_sla_ms} and {@code ref_ones} (1 per service).
     */
    static String referenceArrays(List<Agency> agencies, List<Service> catalogue) {
        return strings(agencies.stream().map(Agency::code).toList()) + " AS ref_agencies, "
                + strings(catalogue.stream().map(Service::code).toList()) + " AS ref_services, "
                + strings(catalogue.stream().map(Service::agencyCode).toList()) + " AS ref_service_agencies, "
                + numbers(catalogue.stream().map(s -> s.slaMinutes() * 60_000L).toList()) + " AS ref_sla_ms, "
                + numbers(catalogue.stream().map(s -> 1L).toList()) + " AS ref_ones";
    }

    private static String strings(List<String> values) {
        return "CAST([" + values.stream().map(Jdbc::quote).collect(Collectors.joining(", ")) + "], 'Array(String)')";
    }

    private static String numbers(List<Long> values) {
        return "CAST([" + values.stream().map(String::valueOf).collect(Collectors.joining(", ")) + "], 'Array(UInt64)')";
    }

    /** Runs {@code sql} and converts its rows to {@code schema} (dates arrive as text, counts as numbers). */
    private List<Row> query(String sql, StructType schema) throws SQLException {
        List<Row> rows = new ArrayList<>();
        int width = schema.fields().length;
        DataType[] types = java.util.Arrays.stream(schema.fields()).map(f -> f.dataType()).toArray(DataType[]::new);
        try (Connection connection = settings.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                Object[] values = new Object[width];
                for (int i = 0; i < width; i++) {
                    if (types[i] == DataTypes.DateType) {
                        values[i] = Date.valueOf(rs.getString(i + 1));
                    } else if (types[i] == DataTypes.LongType) {
                        values[i] = rs.getLong(i + 1);
                    } else {
                        values[i] = rs.getString(i + 1);
                    }
                }
                rows.add(RowFactory.create(values));
            }
        } catch (SQLException e) {
            throw failed("count the events of " + first + ".." + last, e);
        }
        return rows;
    }

    private SQLException failed(String what, SQLException e) {
        return new SQLException("ClickHouse at " + settings.displayUrl() + " could not " + what + ": "
                + e.getMessage(), e);
    }

    static String date(YearMonth month) {
        return "toDate('" + month.atDay(1) + "')";
    }
}
