package org.tahawul.ingest;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.VoidFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;
import org.tahawul.warehouse.BulkInsert;
import org.tahawul.warehouse.ClickHouseSettings;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Writes the checked rows of a run into its staging tables in one pass: valid rows into the events
 * stage, rejected rows into the rejected stage, each partition through its own {@link BulkInsert}s
 * (RowBinary, batches of 100 000 rows, retried with backoff); the events in two that take turns
 * ({@link Pipelined}), so that a task parses the next batch while ClickHouse stores the last. The number
 * of parallel writers is the number of tasks Spark runs at once (the executor cores), each with at most
 * one batch in flight. A retried batch or task may store a row twice in a stage; publishing keeps one
 * row per line ({@link Staging}), so that never counts twice.
 */
public final class EventSink {

    /** Columns of the events stage, in the order {@link #write} fills them. */
    static final List<String> EVENT_COLUMNS = Staging.STAGED_COLUMNS;

    /** Columns of the rejected stage. */
    static final List<String> REJECTED_COLUMNS = List.of("run_id", "source_file", "line_number", "reason", "detail",
            "raw_masked", "rejected_at");

    /** What the writers sent (Spark accumulators: a retried task counts again). */
    public record Sent(long events, long rejected, double writerSeconds) {
    }

    private EventSink() {
    }

    /** Writes {@code rows} (the shape of {@link IngestTransforms#SINK}) into the run's stages. */
    public static Sent write(JavaRDD<Row> rows, ClickHouseSettings settings, Staging staging, String runId,
                             Instant loadTime) {
        LongAccumulator events = rows.context().longAccumulator("ingest events sent");
        LongAccumulator rejected = rows.context().longAccumulator("ingest rejected sent");
        LongAccumulator nanos = rows.context().longAccumulator("ingest writer nanos");
        rows.foreachPartition(new Writer(settings, staging.eventsStage(), staging.rejectedStage(), staging.codes(),
                runId, loadTime, events, rejected, nanos));
        return new Sent(events.value(), rejected.value(), nanos.value() / 1e9);
    }

    private static final class Writer implements VoidFunction<Iterator<Row>> {
        private static final long serialVersionUID = 1L;
        private final ClickHouseSettings settings;
        private final String eventsTable;
        private final String rejectedTable;
        private final StageCodes codes;
        private final String runId;
        private final Instant loadTime;
        private final LongAccumulator events;
        private final LongAccumulator rejected;
        private final LongAccumulator nanos;

        Writer(ClickHouseSettings settings, String eventsTable, String rejectedTable, StageCodes codes, String runId,
               Instant loadTime, LongAccumulator events, LongAccumulator rejected, LongAccumulator nanos) {
            this.settings = settings;
            this.eventsTable = eventsTable;
            this.rejectedTable = rejectedTable;
            this.codes = codes;
            this.runId = runId;
            this.loadTime = loadTime;
            this.events = events;
            this.rejected = rejected;
            this.nanos = nanos;
        }

        @Override
        public void call(Iterator<Row> rows) throws Exception {
            Pipelined eventInsert = null;
            BulkInsert rejectedInsert = null;
            long eventCount = 0;
            long rejectedCount = 0;
            long spent = 0;
            java.sql.Date month = null; // the last month seen and its LocalDate: java.sql.Date's own conversion is slow
            java.time.LocalDate monthDate = null;
            try {
                while (rows.hasNext()) {
                    Row r = rows.next();
                    long t0 = System.nanoTime();
                    if (r.isNullAt(3)) {
                        if (eventInsert == null) {
                            eventInsert = new Pipelined(settings, eventsTable, EVENT_COLUMNS);
                        }
                        if (r.get(8) != month) { // one shared Date per month (LineCheck)
                            month = (java.sql.Date) r.get(8);
                            monthDate = month.toLocalDate();
                        }
                        eventInsert.add(r.get(6), r.get(7), monthDate, codes.code("agency", r.getString(9)),
                                codes.code("service", r.getString(10)), codes.code("channel", r.getString(11)),
                                codes.code("event", r.getString(13)), r.get(14), r.get(15),
                                codes.code("beneficiary_type", r.getString(16)), codes.code("region", r.getString(17)),
                                r.get(18), r.get(19), r.get(2), r.get(0));
                        eventCount++;
                    } else {
                        if (rejectedInsert == null) {
                            rejectedInsert = BulkInsert.open(settings, rejectedTable, REJECTED_COLUMNS,
                                    BulkInsert.Options.DEFAULT, Writer::log);
                        }
                        rejectedInsert.add(runId, r.get(1), r.get(2), r.get(3), r.isNullAt(4) ? "" : r.get(4),
                                r.isNullAt(5) ? "" : r.get(5), loadTime);
                        rejectedCount++;
                    }
                    spent += System.nanoTime() - t0;
                }
                long t0 = System.nanoTime();
                if (eventInsert != null) {
                    eventInsert.finish();
                }
                if (rejectedInsert != null) {
                    rejectedInsert.flush();
                }
                spent += System.nanoTime() - t0;
            } finally {
                if (eventInsert != null) {
                    eventInsert.close();
                }
                closeQuietly(rejectedInsert);
            }
            events.add(eventCount);
            rejected.add(rejectedCount);
            nanos.add(spent);
        }

        private static void log(String message) {
            System.err.println("ingest: " + message);
        }

    }

    private static void closeQuietly(BulkInsert insert) {
        if (insert != null) {
            try {
                insert.close();
            } catch (RuntimeException e) {
                // the insert failed already and that failure is being reported
            }
        }
    }

    /**
     * Two {@link BulkInsert}s taking turns: while one batch travels to ClickHouse (on a thread of its own) the
     * task parses and encodes the next one into the other, so neither the task nor the server waits for the
     * other. At most one batch is in flight per task; each is sent with BulkInsert's retries.
     */
    static final class Pipelined implements AutoCloseable {
        private final BulkInsert[] inserts = new BulkInsert[2];
        private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "ingest-sender");
            t.setDaemon(true);
            return t;
        });
        private final int batchRows;
        private Future<?> inFlight;
        private int current;
        private int rows;

        Pipelined(ClickHouseSettings settings, String table, List<String> columns) throws SQLException {
            this(settings, table, columns, BulkInsert.Options.DEFAULT.batchRows());
        }

        Pipelined(ClickHouseSettings settings, String table, List<String> columns, int batchRows) throws SQLException {
            this.batchRows = batchRows;
            // batches are cut here, not by BulkInsert
            BulkInsert.Options options = new BulkInsert.Options(Integer.MAX_VALUE, BulkInsert.Options.DEFAULT.maxAttempts(),
                    BulkInsert.Options.DEFAULT.backoff());
            for (int i = 0; i < 2; i++) {
                inserts[i] = BulkInsert.open(settings, table, columns, options, Writer::log);
            }
        }

        void add(Object... values) throws Exception {
            inserts[current].add(values);
            if (++rows >= batchRows) {
                awaitInFlight();
                inFlight = sender.submit(inserts[current]::flush);
                current ^= 1;
                rows = 0;
            }
        }

        /** Sends what is left and waits until every batch is stored. */
        void finish() throws Exception {
            awaitInFlight();
            inserts[current].flush();
        }

        private void awaitInFlight() throws Exception {
            if (inFlight != null) {
                try {
                    inFlight.get();
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof Exception cause ? cause : e;
                } finally {
                    inFlight = null;
                }
            }
        }

        @Override
        public void close() {
            sender.shutdownNow();
            try {
                sender.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            for (BulkInsert insert : inserts) {
                closeQuietly(insert);
            }
        }
    }
}
