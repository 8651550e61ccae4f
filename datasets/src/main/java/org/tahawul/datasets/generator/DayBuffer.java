package org.tahawul.datasets.generator;

import java.util.Arrays;

/** The events of one Riyadh calendar day, kept until the day's file is written; events are pooled. */
final class DayBuffer {

    private Event[] events = new Event[256];
    private int size;
    private long[] keys = new long[256];
    private int[] order = new int[256];

    int size() {
        return size;
    }

    /** A blank event slot appended to the day (reused from earlier days when possible). */
    Event add() {
        if (size == events.length) {
            events = Arrays.copyOf(events, size * 2);
        }
        Event e = events[size];
        if (e == null) {
            e = new Event();
            events[size] = e;
        }
        size++;
        return e;
    }

    /** Removes the last added event (used when it falls outside the generated range). */
    void dropLast() {
        size--;
    }

    void clear() {
        size = 0;
    }

    /**
     * Sorts the day's events by time (ties in the order they were added) and returns the sorted
     * indexes in a reused array of which the first {@link #size()} entries count. {@code dayStart}
     * is the day's first instant in epoch milliseconds; every event lies within the day.
     */
    int[] sortedOrder(long dayStart) {
        if (keys.length < size) {
            keys = new long[Math.max(size, keys.length * 2)];
            order = new int[keys.length];
        }
        for (int i = 0; i < size; i++) {
            keys[i] = ((events[i].ts - dayStart) << 35) | i; // 27 bits of day milliseconds, 35 bits of index
        }
        Arrays.sort(keys, 0, size);
        for (int i = 0; i < size; i++) {
            order[i] = (int) (keys[i] & 0x7FFFFFFFFL);
        }
        return order;
    }

    Event get(int i) {
        return events[i];
    }
}
