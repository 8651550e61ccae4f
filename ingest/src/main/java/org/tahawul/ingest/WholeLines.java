package org.tahawul.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * A stream that hands on only whole lines (up to and including a {@code '\n'}) while the stream below is
 * healthy, and when the stream below fails (a truncated gzip) ends cleanly and keeps the error in
 * {@link #broken()}. Without it, a reader loses the good lines it had decoded but not yet returned when
 * the error comes (up to a buffer's worth), and a line cut by the break could be read as a complete one
 * (a CSV row with its last value cut short may still be valid). At a clean end the last line is handed on
 * even without its {@code '\n'}.
 */
final class WholeLines extends InputStream {

    private final InputStream in;
    private byte[] buffer = new byte[1 << 16];
    /** buffer[start, ready) may be read; buffer[ready, end) is a line not yet complete. */
    private int start;
    private int ready;
    private int end;
    private boolean eof;
    private IOException broken;

    WholeLines(InputStream in) {
        this.in = in;
    }

    /** The error the stream below failed with, once the end of this one is reached; null after a clean end. */
    IOException broken() {
        return broken;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (start == ready) {
            if (eof) {
                if (broken == null && ready < end) {
                    ready = end; // a clean end: the last line needs no '\n'
                    continue;
                }
                return -1; // after a break the incomplete line is dropped: it belongs to the broken tail
            }
            fill();
        }
        int n = Math.min(len, ready - start);
        System.arraycopy(buffer, start, b, off, n);
        start += n;
        return n;
    }

    private void fill() {
        if (start > 0) { // move the incomplete line to the front
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            ready -= start;
            start = 0;
        }
        if (end == buffer.length) {
            buffer = Arrays.copyOf(buffer, buffer.length * 2); // a long line
        }
        int n;
        try {
            n = in.read(buffer, end, buffer.length - end);
        } catch (IOException e) {
            broken = e;
            eof = true;
            return;
        }
        if (n < 0) {
            eof = true;
            return;
        }
        for (int i = end + n - 1; i >= end; i--) {
            if (buffer[i] == '\n') {
                ready = i + 1;
                break;
            }
        }
        end += n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
