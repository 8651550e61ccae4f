package org.tahawul.warehouse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tahawul.warehouse.testing.TestDatabase;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BulkInsertIT {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.migrated();

    @Test
    void writesEveryEventColumnInBatches() throws Exception {
        List<String> columns = List.of("event_id", "ts", "month", "agency", "service", "channel", "is_digital",
                "event", "session_id", "beneficiary_key", "beneficiary_type", "region", "duration_ms", "rating",
                "source_file", "line_number", "run_id", "loaded_at");
        Instant t0 = Instant.parse("2024-01-31T21:10:00.250Z");
        try (BulkInsert insert = BulkInsert.open(db.settings(), Tables.SERVICE_EVENTS, columns,
                new BulkInsert.Options(50_000, 2, java.time.Duration.ofMillis(10)), m -> { })) {
            for (int i = 0; i < 120_000; i++) {
                boolean rated = i % 10 == 0;
                insert.add("e" + i, t0.plusMillis(i), LocalDate.of(2024, 2, 1), "MOI", "MOI-NID-RENEW",
                        i % 2 == 0 ? "web" : "counter", i % 2 == 0, rated ? "rated" : "completed",
                        i % 3 == 0 ? null : "s" + i, rated ? null : "k" + (i % 1000), rated ? null : "citizen",
                        i % 7 == 0 ? null : "SA-01", rated ? null : (long) i, rated ? 1 + i % 5 : null,
                        "events-2024-02-01.jsonl.gz", (long) i + 1, "run-1", Instant.now());
            }
            assertThat(insert.batches()).isEqualTo(2);
            insert.flush();
            assertThat(insert.sentRows()).isEqualTo(120_000);
        }
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(), countIf(is_digital), countIf(session_id IS NULL), "
                     + "uniqExact(beneficiary_key), sum(rating), min(ts), countIf(toStartOfMonth(ts, 'Asia/Riyadh') = month) "
                     + "FROM service_events")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(120_000);
            assertThat(rs.getLong(2)).isEqualTo(60_000);
            assertThat(rs.getLong(3)).isEqualTo(40_000);
            assertThat(rs.getLong(4)).isEqualTo(900); // keys of non-rated rows: i % 1000 with i % 10 != 0
            assertThat(rs.getLong(5)).isEqualTo(12_000); // rated rows have i % 10 == 0, so rating 1 + i % 5 == 1
            assertThat(rs.getObject(6, java.time.OffsetDateTime.class).toInstant()).isEqualTo(t0);
            assertThat(rs.getLong(7)).isEqualTo(120_000);
        }
    }

    @Test
    void namesTheColumnOfABadValue() throws Exception {
        try (BulkInsert insert = BulkInsert.open(db.settings(), Tables.REF_REGIONS,
                List.of("region_code", "name_ar", "name_en"))) {
            assertThatThrownBy(() -> insert.add("SA-01", null, "Riyadh"))
                    .hasMessageContaining("column name_ar of ref_regions");
        }
    }

    @Test
    void refusesAnUnknownColumn() {
        assertThatThrownBy(() -> BulkInsert.open(db.settings(), Tables.REF_REGIONS, List.of("nope")))
                .hasMessageContaining("has no column nope");
    }
}
