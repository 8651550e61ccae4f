package org.tahawul.analytics;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * {@link AnalyticsJob#main} in a process of its own that stops for good right after printing the
 * progress line containing MARKER, so that {@link AnalyticsFaultIT} kills it (SIGKILL) at exactly that
 * point of the run rather than somewhere near it. Only the main thread stops: Spark and the job's
 * heartbeat go on as in a live run.
 * <pre>
 *   java ... org.tahawul.analytics.FrozenAnalyticsJob MARKER [job options]
 * </pre>
 */
final class FrozenAnalyticsJob {

    /** Printed once the job has stopped. */
    static final String FROZEN = "frozen after the marker line";

    private FrozenAnalyticsJob() {
    }

    public static void main(String[] args) {
        System.setErr(new PrintStream(new FreezeAfter(System.err, args[0]), true, StandardCharsets.UTF_8));
        AnalyticsJob.main(Arrays.copyOfRange(args, 1, args.length));
    }

    /** Passes lines through; the thread that writes the marker line never returns. */
    private static final class FreezeAfter extends OutputStream {

        private final PrintStream out;
        private final String marker;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        FreezeAfter(PrintStream out, String marker) {
            this.out = out;
            this.marker = marker;
        }

        @Override
        public void write(int b) {
            line.write(b);
            if (b != '\n') {
                return;
            }
            String text = line.toString(StandardCharsets.UTF_8);
            line.reset();
            out.print(text);
            out.flush();
            if (text.contains(marker)) {
                out.println(FROZEN);
                out.flush();
                while (true) {
                    try {
                        Thread.sleep(Long.MAX_VALUE);
                    } catch (InterruptedException e) {
                        // stays frozen until killed
                    }
                }
            }
        }
    }
}
