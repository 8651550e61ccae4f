package org.tahawul.analytics;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.tahawul.datasets.reference.MaturityStage;

import java.sql.Date;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/** Hand-made events and reference data for the transform tests. */
final class Events {

    /** The default four stages of DESIGN §5. */
    static final List<MaturityStage> STAGES = List.of(
            new MaturityStage(1, "الحضور", "Presence", 0, 0, 0),
            new MaturityStage(2, "التفاعل", "Interaction", 0.25, 0, 0),
            new MaturityStage(3, "التعاملات", "Transaction", 0.6, 0.5, 0),
            new MaturityStage(4, "التكامل", "Integration", 0.95, 0.8, 0.7));

    private final List<Row> rows = new ArrayList<>();

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
        rows.add(RowFactory.create(Date.valueOf(YearMonth.parse(month).atDay(1)), agencyOf(service), service, digital,
                event, session, beneficiary, durationMs, rating));
        return this;
    }

    Dataset<Row> frame() {
        return SparkTestSession.get().createDataFrame(rows, KpiTransforms.EVENTS);
    }

    /** Agency A: services A-1 (SLA 10 min), A-2 (60); B: B-1..B-4 (30 each); C: C-1 (never used). */
    static Dataset<Row> catalogue() {
        List<Row> services = List.of(RowFactory.create("A-1", "A", 10), RowFactory.create("A-2", "A", 60),
                RowFactory.create("B-1", "B", 30), RowFactory.create("B-2", "B", 30),
                RowFactory.create("B-3", "B", 30), RowFactory.create("B-4", "B", 30),
                RowFactory.create("C-1", "C", 30));
        return SparkTestSession.get().createDataFrame(services, KpiTransforms.CATALOGUE);
    }

    static Dataset<Row> agencies() {
        return SparkTestSession.get().createDataFrame(
                List.of(RowFactory.create("A"), RowFactory.create("B"), RowFactory.create("C")), ReferenceFrames.AGENCIES);
    }

    static Dataset<Row> noOutsideCompletions() {
        return sessions();
    }

    static Dataset<Row> sessions(String... ids) {
        List<Row> rows = new ArrayList<>();
        for (String id : ids) {
            rows.add(RowFactory.create(id));
        }
        return SparkTestSession.get().createDataFrame(rows, KpiTransforms.SESSIONS);
    }

    private static String agencyOf(String service) {
        return service.substring(0, service.indexOf('-'));
    }
}
