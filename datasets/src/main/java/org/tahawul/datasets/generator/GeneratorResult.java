package org.tahawul.datasets.generator;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.tahawul.datasets.contract.RejectReason;

/**
 * What a generator run wrote. {@code lines} counts the non-empty lines of all files:
 * {@code lines = events + badLines + duplicates}, where {@code events} are distinct valid events,
 * {@code badLines} break the contract on purpose and {@code duplicates} repeat an earlier valid
 * line byte for byte (same event_id, the same event).
 */
public record GeneratorResult(long lines, long events, long badLines, long duplicates,
                              Map<Violation, Long> violations, Map<RejectReason, Long> rejectReasons,
                              List<Path> files, long bytes, double seconds) {

    public GeneratorResult {
        violations = Map.copyOf(violations);
        rejectReasons = Map.copyOf(rejectReasons);
        files = List.copyOf(files);
    }

    public double linesPerSecond() {
        return seconds > 0 ? lines / seconds : 0;
    }

    /** The one-line summary printed at the end of a run. */
    public String summary() {
        return String.format(Locale.ROOT,
                "generated %,d lines (%,d events, %,d bad, %,d duplicates) in %,d files, %,.1f MB, %.1f s, %,.0f events/s",
                lines, events, badLines, duplicates, files.size(), bytes / 1e6, seconds, linesPerSecond());
    }
}
