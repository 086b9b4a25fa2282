package org.lnsim.engine;

import java.util.Arrays;

/**
 * A binary min-heap of events keyed by (time, sequence), stored in parallel arrays so that scheduling allocates
 * nothing but the event itself. The sequence number is assigned at insertion and strictly increases, which makes the
 * order total: events at equal times come out in insertion order, whatever the heap's internal layout (CLoTH's heap
 * has no such tie-break, so its same-time events fire in an arbitrary order — lnsim's do not).
 *
 * <p>Not thread-safe; one queue belongs to one {@link Simulation}.
 */
public final class EventQueue {
    private long[] times = new long[256];
    private long[] seqs = new long[256];
    private Event[] events = new Event[256];
    private int size;
    private long nextSeq;

    /** Inserts {@code e} at {@code timeUs}; returns its sequence number. */
    public long add(long timeUs, Event e) {
        if (e == null) {
            throw new IllegalArgumentException("null event");
        }
        if (size == times.length) {
            int cap = size * 2;
            times = Arrays.copyOf(times, cap);
            seqs = Arrays.copyOf(seqs, cap);
            events = Arrays.copyOf(events, cap);
        }
        long seq = nextSeq++;
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!less(timeUs, seq, times[parent], seqs[parent])) {
                break;
            }
            move(parent, i);
            i = parent;
        }
        times[i] = timeUs;
        seqs[i] = seq;
        events[i] = e;
        return seq;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public int size() {
        return size;
    }

    /** Time of the earliest event; only valid when not empty. */
    public long peekTime() {
        if (size == 0) {
            throw new IllegalStateException("empty queue");
        }
        return times[0];
    }

    /** Removes the earliest event and returns it; its time was {@link #peekTime()}. */
    public Event poll() {
        if (size == 0) {
            throw new IllegalStateException("empty queue");
        }
        Event top = events[0];
        int last = --size;
        long t = times[last];
        long s = seqs[last];
        Event e = events[last];
        events[last] = null;
        if (last > 0) {
            int i = 0;
            while (true) {
                int child = 2 * i + 1;
                if (child >= last) {
                    break;
                }
                if (child + 1 < last && less(times[child + 1], seqs[child + 1], times[child], seqs[child])) {
                    child++;
                }
                if (!less(times[child], seqs[child], t, s)) {
                    break;
                }
                move(child, i);
                i = child;
            }
            times[i] = t;
            seqs[i] = s;
            events[i] = e;
        }
        return top;
    }

    private void move(int from, int to) {
        times[to] = times[from];
        seqs[to] = seqs[from];
        events[to] = events[from];
    }

    private static boolean less(long t1, long s1, long t2, long s2) {
        return t1 < t2 || (t1 == t2 && s1 < s2);
    }
}
