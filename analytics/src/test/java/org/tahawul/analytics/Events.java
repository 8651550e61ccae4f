package org.tahawul.analytics;

import org.tahawul.datasets.reference.Agency;
import org.tahawul.datasets.reference.MaturityStage;
import org.tahawul.datasets.reference.Service;
import org.tahawul.warehouse.BulkInsert;
import org.tahawul.warehouse.ClickHouseSettings;
import org.tahawul.warehouse.Jdbc;
import org.tahawul.warehouse.Tables;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Hand-made events and reference data for the tests: agency A has services A-1 (SLA 10 min) and A-2
 * (60); B has B-1..B-4 (30 each); C has C-1 (never used). Events go into service_events as ingest
 * would store them (one row per event_id; month = the Riyadh month; web is digital, counter is not).
 */
final class Events {

    /** The default four stages of DESIGN §5. */
    static final List<MaturityStage> STAGES = List.of(
            new MaturityStage(1, "الحضور", "Presence", 0, 0, 0),
            new MaturityStage(2, "التفاعل", "Interaction", 0.25, 0, 0),
            new MaturityStage(3, "التعاملات", "Transaction", 0.6, 0.5, 0),
            new MaturityStage(4, "التكامل", "Integration", 0.95, 0.8, 0.7));

    static final List<Agency> AGENCIES = List.of(agency("A"), agency("B"), agency("C"));

    static final List<Service> CATALOGUE = List.of(service("A-1", 10), service("A-2", 60), service("B-1", 30),
            service("B-2", 30), service("B-3", 30), service("B-4", 30), service("C-1", 30));

    private static final List<String> COLUMNS = List.of("event_id", "ts", "month", "agency", "service", "channel",
            "is_digital", "event", "session_id", "beneficiary_key", "duration_ms", "rating", "source_file",
            "line_number", "run_id", "loaded_at");

    private final List<Object[]> rows = new ArrayList<>();

    static Events events() {
        return new Events();
    }

    Events completed(String month, String service, boolean digital, String session, String beneficiary, Long durationMs) {
        return add(month, service, digital, "completed", session, beneficiary, durationMs, null);
    }

    Events started(String month, String service, boolean digital, String session) {
        return add(month, service, digital, "started", session, "b-" + session, null, null);
    }

    Events event(String month, String service, boolean digital, String event, String session) {
        return add(month, service, digital, event, session, "b-" + session, null, null);
    }

    Events rated(String month, String service, boolean digital, int rating) {
        return add(month, service, digital, "rated", null, null, null, rating);
    }

    Events add(String month, String service, boolean digital, String event, String session, String beneficiary,
               Long durationMs, Integer rating) {
        LocalDate first = YearMonth.parse(month).atDay(1);
        long id = rows.size() + 1;
        rows.add(new Object[] {"e-" + id, first.plusDays(9).atTime(9, 0).toInstant(ZoneOffset.UTC), first,
                service.substring(0, service.indexOf('-')), service, digital ? "web" : "counter", digital, event,
                session, beneficiary, durationMs, rating, "fixture", id, "fixture", Instant.now()});
        return this;
    }

    /** The whole calendar years of the events (what the job reads). */
    YearMonth first() {
        return YearMonth.of(rows.stream().mapToInt(r -> ((LocalDate) r[2]).getYear()).min().orElseThrow(), 1);
    }

    YearMonth last() {
        return YearMonth.of(rows.stream().mapToInt(r -> ((LocalDate) r[2]).getYear()).max().orElseThrow(), 12);
    }

    /** Replaces the events of {@code settings}' service_events with these. */
    void replaceIn(ClickHouseSettings settings) throws SQLException {
        try (Connection connection = settings.connect()) {
            Jdbc.execute(connection, "TRUNCATE TABLE " + Tables.SERVICE_EVENTS);
        }
        try (BulkInsert insert = BulkInsert.open(settings, Tables.SERVICE_EVENTS, COLUMNS)) {
            rows.forEach(insert::add);
        }
    }

    private static Agency agency(String code) {
        return new Agency(code, "جهة " + code, "Agency " + code, "test");
    }

    private static Service service(String code, int slaMinutes) {
        return new Service(code, code.substring(0, code.indexOf('-')), "خدمة " + code, "Service " + code, "test",
                slaMinutes);
    }
}
