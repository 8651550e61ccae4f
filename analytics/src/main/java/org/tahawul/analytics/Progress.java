package org.tahawul.analytics;

import java.io.PrintStream;
import java.util.Locale;

/** Progress lines on stderr: elapsed time, the stage and what it did. */
final class Progress {

    private final PrintStream out;
    private final long start = System.nanoTime();
    private long stageStart = start;

    Progress(PrintStream out) {
        this.out = out;
    }

    /** Prints one line: {@code [analytics  12.3 s] stage: detail (1.2 s)}, the last figure the time since the previous line. */
    void step(String stage, String detail) {
        long now = System.nanoTime();
        out.printf(Locale.ROOT, "[analytics %6.1f s] %s: %s (%.1f s)%n", seconds(start, now), stage, detail,
                seconds(stageStart, now));
        out.flush();
        stageStart = now;
    }

    double elapsedSeconds() {
        return seconds(start, System.nanoTime());
    }

    static String rows(long n) {
        return String.format(Locale.ROOT, "%,d rows", n);
    }

    private static double seconds(long from, long to) {
        return (to - from) / 1e9;
    }
}
