package org.lnsim.protocols.ldk;

import java.util.Arrays;

/**
 * A small map from a direction index to an amount in msat, 0 when absent: LDK's {@code used_liquidities} of one
 * route search and a sender's {@code InFlightHtlcs} (and, keyed by channel, a payment's failed channels). Open addressing with linear probing, at most half full;
 * {@link #clear()} costs the table's size only when it grew. Amounts saturate at {@link Long#MAX_VALUE}
 * (LDK's {@code u64::MAX} marks a channel exhausted).
 */
final class DirAmounts {
    private static final int EMPTY = -1;
    private int[] keys = new int[16];
    private long[] values = new long[16];
    private int size;

    DirAmounts() {
        Arrays.fill(keys, EMPTY);
    }

    private static int hash(int k) {
        int h = k * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    long get(int e) {
        if (size == 0) {
            return 0;
        }
        int mask = keys.length - 1;
        for (int i = hash(e) & mask; ; i = (i + 1) & mask) {
            if (keys[i] == e) {
                return values[i];
            }
            if (keys[i] == EMPTY) {
                return 0;
            }
        }
    }

    /** Adds {@code delta} (may be negative) to e's amount, saturating at {@link Long#MAX_VALUE}; 0 keeps the key. */
    void add(int e, long delta) {
        int i = find(e);
        long v = values[i] + delta;
        values[i] = delta > 0 && v < 0 ? Long.MAX_VALUE : v;
    }

    void set(int e, long value) {
        int i = find(e); // may grow the table: index first, then the (new) array
        values[i] = value;
    }

    private int find(int e) {
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        int i = hash(e) & mask;
        while (keys[i] != EMPTY && keys[i] != e) {
            i = (i + 1) & mask;
        }
        if (keys[i] == EMPTY) {
            keys[i] = e;
            values[i] = 0;
            size++;
        }
        return i;
    }

    private void grow() {
        int[] k = keys;
        long[] v = values;
        keys = new int[k.length * 2];
        values = new long[k.length * 2];
        Arrays.fill(keys, EMPTY);
        size = 0;
        for (int j = 0; j < k.length; j++) {
            if (k[j] != EMPTY) {
                int i = find(k[j]);
                values[i] = v[j];
            }
        }
    }

    boolean isEmpty() {
        return size == 0;
    }

    void clear() {
        if (size > 0) {
            Arrays.fill(keys, EMPTY);
            size = 0;
        }
    }

    /** Bytes of the table. */
    long bytes() {
        return (long) keys.length * 12;
    }
}
