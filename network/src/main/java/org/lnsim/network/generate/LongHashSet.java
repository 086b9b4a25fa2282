package org.lnsim.network.generate;

import org.lnsim.random.NamedStreams;
/**
 * A set of non-zero {@code long} keys with open addressing and linear probing, for the generator's duplicate-channel
 * check at 10M-channel scale without boxing. Capacity is a power of two kept at most half full. Key 0 is reserved as
 * the empty marker.
 */
final class LongHashSet {
    private long[] table;
    private int size;

    LongHashSet(int expected) {
        int cap = Integer.highestOneBit(Math.max(16, expected) * 2 - 1) << 1;
        table = new long[cap];
    }

    int size() {
        return size;
    }

    boolean contains(long key) {
        long[] t = table;
        int mask = t.length - 1;
        int i = slot(key, mask);
        while (true) {
            long k = t[i];
            if (k == key) {
                return true;
            }
            if (k == 0) {
                return false;
            }
            i = (i + 1) & mask;
        }
    }

    /** Adds the key; returns false if it was already present. */
    boolean add(long key) {
        if (key == 0) {
            throw new IllegalArgumentException("key 0 is reserved");
        }
        if (2 * (size + 1) > table.length) {
            grow();
        }
        long[] t = table;
        int mask = t.length - 1;
        int i = slot(key, mask);
        while (true) {
            long k = t[i];
            if (k == key) {
                return false;
            }
            if (k == 0) {
                t[i] = key;
                size++;
                return true;
            }
            i = (i + 1) & mask;
        }
    }

    private void grow() {
        long[] old = table;
        table = new long[old.length * 2];
        size = 0;
        for (long k : old) {
            if (k != 0) {
                add(k);
            }
        }
    }

    private static int slot(long key, int mask) {
        return (int) NamedStreams.mix64(key) & mask;
    }
}
