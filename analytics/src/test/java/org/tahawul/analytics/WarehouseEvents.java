package org.tahawul.analytics;

import org.tahawul.warehouse.BulkInsert;
import org.tahawul.warehouse.ClickHouseSettings;
import org.tahawul.warehouse.Tables;

import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Hand-made rows of service_events, inserted as the ingest job would (month = the Riyadh month of ts). */
final class WarehouseEvents implements AutoCloseable {

    private static final ZoneId RIYADH = ZoneId.of("Asia/Riyadh");
    private static final List<String> COLUMNS = List.of("event_id", "ts", "month", "agency", "service", "channel",
            "is_digital", "event", "session_id", "beneficiary_key", "beneficiary_type", "region", "duration_ms",
            "rating", "source_file", "line_number", "run_id", "loaded_at");
    private static final AtomicLong IDS = new AtomicLong();

    private final BulkInsert insert;

    private WarehouseEvents(BulkInsert insert) {
        this.insert = insert;
    }

    static WarehouseEvents into(ClickHouseSettings settings) throws SQLException {
        return new WarehouseEvents(BulkInsert.open(settings, Tables.SERVICE_EVENTS, COLUMNS));
    }

    /** One event; {@code ts} is an ISO instant (UTC), the channel decides is_digital. */
    WarehouseEvents add(String ts, String service, String channel, String event, String session, String beneficiary,
                        Long durationMs, Integer rating) {
        Instant instant = Instant.parse(ts);
        LocalDate month = YearMonth.from(instant.atZone(RIYADH)).atDay(1);
        boolean digital = !channel.equals("counter") && !channel.equals("call_center");
        long id = IDS.incrementAndGet();
        insert.add("e-" + id, instant, month, service.substring(0, service.indexOf('-')), service, channel, digital,
                event, session, beneficiary, "citizen", null, durationMs, rating, "fixture", id, "fixture", Instant.now());
        return this;
    }

    @Override
    public void close() {
        insert.close();
    }
}
