package org.tahawul.ingest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tahawul.warehouse.Jdbc;
import org.tahawul.warehouse.SchemaLayout;
import org.tahawul.warehouse.testing.TestDatabase;

import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The publish plan on hand-made stages: what a retried batch, a repeated id and an id loaded before become. */
class StagingIT {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.migrated();

    static final StageCodes CODES = new StageCodes(Lines.REFERENCE);
    static final Instant LOAD_TIME = Instant.parse("2026-11-27T08:00:00.123Z");

    /** A staged event row: id, Riyadh month, file, line (a completed MOI-NID-RENEW on the web, region SA-01). */
    private static String row(String id, String month, int file, long line) {
        return "('" + id + "', toDateTime64('" + month + " 12:00:00', 3, 'UTC'), toDate('" + month + "'), "
                + CODES.code("agency", "MOI") + ", " + CODES.code("service", "MOI-NID-RENEW") + ", "
                + CODES.code("channel", "web") + ", " + CODES.code("event", "completed") + ", NULL, NULL, 0, "
                + CODES.code("region", "SA-01") + ", NULL, NULL, " + line + ", " + file + ")";
    }

    private static void stage(Staging staging, String... rows) throws Exception {
        db.execute("INSERT INTO " + staging.eventsStage() + " (" + String.join(", ", Staging.STAGED_COLUMNS)
                + ") VALUES " + String.join(", ", rows));
    }

    private static InputFile file(int index) {
        return new InputFile(index, "file:/logs/f" + index + ".jsonl", "f" + index, InputFormat.JSONL, false, 1);
    }

    private static List<String> published(String run) throws Exception {
        try (Connection c = db.connect()) {
            return Jdbc.queryStrings(c, "SELECT concat(event_id, ' ', toString(month), ' ', source_file, ':', "
                    + "toString(line_number)) FROM service_events WHERE run_id = '" + run + "' ORDER BY event_id");
        }
    }

    @Test
    void eachEventIdIsPublishedOnceFromItsFirstLineAndCountedOnceByPartitionAttach() throws Exception {
        publishTwice(SchemaLayout.SINGLE_NODE, "a");
    }

    @Test
    void eachEventIdIsPublishedOnceFromItsFirstLineAndCountedOnceByInsertsPerMonth() throws Exception {
        publishTwice(new SchemaLayout("cluster_path"), "b");
    }

    /** Two runs with copies, repeats and ids loaded before; {@code x} keeps the event ids apart from other tests. */
    private static void publishTwice(SchemaLayout layout, String x) throws Exception {
        long before = db.queryLong("SELECT count() FROM service_events");
        String first = "run_1" + x;
        try (Staging staging = new Staging(db.settings(), first, LOAD_TIME, CODES, layout)) {
            staging.create(List.of(file(0), file(1)));
            stage(staging,
                    row(x + "plain", "2024-01-01", 0, 1),
                    row(x + "copied", "2024-01-01", 0, 2),
                    row(x + "copied", "2024-01-01", 0, 2), // the same line twice: a retried batch
                    row(x + "repeated", "2024-02-01", 1, 5), // a later file repeats the id with another ts
                    row(x + "repeated", "2024-01-01", 0, 3),
                    row(x + "repeated", "2024-01-01", 0, 3),
                    row(x + "late", "2024-02-01", 1, 1),
                    row(x + "april", "2024-04-01", 1, 7)); // a month without repeats: attached as staged
            Staging.Plan plan = staging.plan();
            assertThat(plan.months()).containsOnlyKeys(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 2, 1),
                    LocalDate.of(2024, 4, 1));
            assertThat(plan.careful()).containsExactly(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 2, 1));
            assertThat(plan.validLines()).isEqualTo(6);
            assertThat(plan.planned()).isEqualTo(2);
            List<LocalDate> told = new ArrayList<>();
            staging.publish(plan, told::add);
            assertThat(told).containsExactly(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 2, 1), LocalDate.of(2024, 4, 1));
            assertThat(staging.counts(told)).containsExactly(5, 0);
            staging.drop();
        }
        assertThat(published(first)).containsExactly(x + "april 2024-04-01 f1:7", x + "copied 2024-01-01 f0:2",
                x + "late 2024-02-01 f1:1", x + "plain 2024-01-01 f0:1", x + "repeated 2024-01-01 f0:3");
        try (Connection c = db.connect()) {
            for (String id : List.of("plain", "april")) { // rewritten at publish, attached as staged
                assertThat(Jdbc.queryString(c, "SELECT concat(agency, ' ', service, ' ', channel, ' ', "
                        + "toString(is_digital), ' ', event, ' ', ifNull(beneficiary_type, '-'), ' ', ifNull(region, '-'), "
                        + "' ', run_id, ' ', toString(loaded_at)) FROM service_events WHERE event_id = '" + x + id + "'"))
                        .isEqualTo("MOI MOI-NID-RENEW web true completed - SA-01 " + first + " 2026-11-27 08:00:00.123");
            }
        }

        String second = "run_2" + x;
        try (Staging staging = new Staging(db.settings(), second, LOAD_TIME, CODES, layout)) {
            staging.create(List.of(file(0), file(1)));
            stage(staging,
                    row(x + "plain", "2024-01-01", 0, 1), // loaded by the first run
                    row(x + "late", "2024-03-01", 0, 2), // loaded by the first run, in another month
                    row(x + "new", "2024-03-01", 0, 3),
                    row(x + "new", "2024-03-01", 0, 3));
            Staging.Plan plan = staging.plan();
            assertThat(plan.validLines()).isEqualTo(3);
            staging.publish(plan, month -> { });
            assertThat(staging.counts(List.copyOf(plan.months().keySet()))).containsExactly(1, 0);
            staging.drop();
        }
        assertThat(published(second)).containsExactly(x + "new 2024-03-01 f0:3");
        assertThat(db.queryLong("SELECT count() FROM service_events")).isEqualTo(before + 6);
        assertThat(db.queryLong("SELECT count() FROM system.tables WHERE database = currentDatabase() "
                + "AND (position(name, '_stage_') > 0 OR position(name, '_publish_') > 0 OR match(name, '^ingest_(plan|files)_'))"))
                .isZero();
    }
}
