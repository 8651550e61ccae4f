package org.tahawul.ingest;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * What a run did; {@code linesRead = loaded + rejected + duplicates}, blank lines not counted.
 *
 * @param duplicates valid lines not published: their event_id was already in service_events or came
 *                   earlier in this run (in file order, then line order)
 */
public record IngestResult(String runId, int files, long linesRead, long loaded, long rejected, long duplicates,
                           List<LocalDate> months, double seconds) {

    public IngestResult {
        months = List.copyOf(months);
    }

    /** The one-line summary printed at the end of a run. */
    public String summary() {
        return String.format(Locale.ROOT, "ingest run %s succeeded: %,d lines read = %,d loaded + %,d rejected + %,d "
                        + "duplicates, from %,d files, %d months%s, %.1f s (%,.0f lines/s)",
                runId, linesRead, loaded, rejected, duplicates, files, months.size(),
                months.isEmpty() ? "" : " (" + months.get(0).toString().substring(0, 7) + ".."
                        + months.get(months.size() - 1).toString().substring(0, 7) + ")",
                seconds, linesRead / Math.max(seconds, 0.001));
    }
}
