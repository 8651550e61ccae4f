package org.tahawul.ingest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tahawul.warehouse.Jdbc;
import org.tahawul.warehouse.testing.TestDatabase;

import java.sql.Connection;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The publish plan on hand-made stages: what a retried batch, a repeated id and an id loaded before become. */
class StagingIT {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.migrated();

    /** A staged event row: id, Riyadh month, file, line. */
    private static String row(String id, String month, int file, long line, String run) {
        return "('" + id + "', toDateTime64('" + month + " 12:00:00', 3, 'UTC'), toDate('" + month + "'), 'MOI', "
                + "'MOI-NID-RENEW', 'web', true, 'completed', NULL, NULL, NULL, NULL, NULL, NULL, " + line + ", "
                + file + ")";
    }

    private static void stage(Staging staging, String run, String... rows) throws Exception {
        staging.files(List.of(file(0), file(1)));
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
    void eachEventIdIsPublishedOnceFromItsFirstLineAndCountedOnce() throws Exception {
        String first = "run_a";
        try (Staging staging = new Staging(db.settings(), first)) {
            staging.create();
            stage(staging, first,
                    row("plain", "2024-01-01", 0, 1, first),
                    row("copied", "2024-01-01", 0, 2, first),
                    row("copied", "2024-01-01", 0, 2, first), // the same line twice: a retried batch
                    row("repeated", "2024-02-01", 1, 5, first), // a later file repeats the id with another ts
                    row("repeated", "2024-01-01", 0, 3, first),
                    row("repeated", "2024-01-01", 0, 3, first),
                    row("late", "2024-02-01", 1, 1, first));
            Staging.Plan plan = staging.plan();
            assertThat(plan.months()).containsOnlyKeys(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 2, 1));
            assertThat(plan.validLines()).isEqualTo(5);
            assertThat(plan.planned()).isEqualTo(2);
            List<LocalDate> told = new ArrayList<>();
            staging.publish(plan, told::add);
            assertThat(told).containsExactly(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 2, 1));
            assertThat(staging.counts(told)).containsExactly(4, 0);
            staging.drop();
        }
        assertThat(published(first)).containsExactly("copied 2024-01-01 f0:2", "late 2024-02-01 f1:1",
                "plain 2024-01-01 f0:1", "repeated 2024-01-01 f0:3");

        String second = "run_b";
        try (Staging staging = new Staging(db.settings(), second)) {
            staging.create();
            stage(staging, second,
                    row("plain", "2024-01-01", 0, 1, second), // loaded by the first run
                    row("late", "2024-03-01", 0, 2, second), // loaded by the first run, in another month
                    row("new", "2024-03-01", 0, 3, second),
                    row("new", "2024-03-01", 0, 3, second));
            Staging.Plan plan = staging.plan();
            assertThat(plan.validLines()).isEqualTo(3);
            staging.publish(plan, month -> { });
            assertThat(staging.counts(List.copyOf(plan.months().keySet()))).containsExactly(1, 0);
            staging.drop();
        }
        assertThat(published(second)).containsExactly("new 2024-03-01 f0:3");
        assertThat(db.queryLong("SELECT count() FROM service_events")).isEqualTo(5);
        assertThat(db.queryLong("SELECT count() FROM system.tables WHERE database = currentDatabase() "
                + "AND (position(name, '_stage_') > 0 OR startsWith(name, 'ingest_plan_'))")).isZero();
    }
}
