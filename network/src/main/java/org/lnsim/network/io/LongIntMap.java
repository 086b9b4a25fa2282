package org.lnsim.network.io;

import java.util.Arrays;

/**
 * Open-addressing hash map from {@code long} to non-negative {@code int}, so importers can index a million short
 * channel ids (or CLoTH numbers) without boxing. Not thread-safe; keys may be any long value.
 */
final class LongIntMap {
    static final int MISSING = -1;

    private long[] keys;
    private int[] values;
    private int size;
    private int mask;

    LongIntMap(int expected) {
        int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        keys = new long[cap];
        values = new int[cap];
        Arrays.fill(values, MISSING);
        mask = cap - 1;
    }

    int size() {
        return size;
    }

    /** The value for {@code key}, or {@link #MISSING}. */
    int get(long key) {
        int i = slot(key);
        while (values[i] != MISSING) {
            if (keys[i] == key) {
                return values[i];
            }
            i = (i + 1) & mask;
        }
        return MISSING;
    }

    /** Sets {@code key} to {@code value} (≥ 0). */
    void put(long key, int value) {
        if (value < 0) {
            throw new IllegalArgumentException("negative value " + value);
        }
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        int i = slot(key);
        while (values[i] != MISSING) {
            if (keys[i] == key) {
                values[i] = value;
                return;
            }
            i = (i + 1) & mask;
        }
        keys[i] = key;
        values[i] = value;
        size++;
    }

    private int slot(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        Arrays.fill(values, MISSING);
        mask = keys.length - 1;
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] != MISSING) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }
}
