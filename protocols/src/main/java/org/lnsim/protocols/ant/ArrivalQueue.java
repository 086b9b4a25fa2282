package org.lnsim.protocols.ant;

import java.util.Arrays;

/**
 * The seed wave's priority queue: (key, pair) entries whose keys are unique and pushed in increasing order relative
 * to the last key popped, as a Dijkstra over (arrival time, send sequence) produces them. A radix heap (Ahuja,
 * Mehlhorn, Orlin and Tarjan 1990): an entry sits in the bucket of the highest bit where its key differs from the last
 * key popped, so a push is O(1) and an entry moves down at most 64 times over its life, scanning bucket arrays
 * sequentially where a binary heap of 200K pairs would jump through memory at every level.
 *
 * <p>There is no decrease-key: a lowered key is pushed again and the caller skips the entry left behind. Keys are
 * unique (the send sequence is part of them), so no tie rule is needed and bucket 0 holds at most one entry.
 */
final class ArrivalQueue {
    private static final int BUCKETS = 65;
    private final long[][] keys = new long[BUCKETS][];
    private final int[][] items = new int[BUCKETS][];
    private final int[] sizes = new int[BUCKETS];
    private long last;
    private long lastPopped;
    private int size;

    ArrivalQueue() {
        for (int b = 0; b < BUCKETS; b++) {
            keys[b] = new long[64];
            items[b] = new int[64];
        }
    }

    /** Empties the queue; keys pushed from now on must be non-negative. */
    void clear() {
        Arrays.fill(sizes, 0);
        size = 0;
        last = 0;
        lastPopped = 0;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Adds {@code item} with {@code key}, which must be greater than the key last popped and unique. */
    void push(int item, long key) {
        add(key == last ? 0 : 64 - Long.numberOfLeadingZeros(key ^ last), item, key);
        size++;
    }

    private void add(int b, int item, long key) {
        int n = sizes[b];
        if (n == keys[b].length) {
            keys[b] = Arrays.copyOf(keys[b], 2 * n);
            items[b] = Arrays.copyOf(items[b], 2 * n);
        }
        keys[b][n] = key;
        items[b][n] = item;
        sizes[b] = n + 1;
    }

    /** Removes the entry with the smallest key and returns its item; {@link #poppedKey()} tells its key. */
    int pop() {
        if (sizes[0] == 0) {
            int b = 1;
            while (sizes[b] == 0) {
                b++;
            }
            long[] k = keys[b];
            int[] v = items[b];
            int n = sizes[b];
            long min = k[0];
            for (int i = 1; i < n; i++) {
                min = Math.min(min, k[i]);
            }
            last = min;
            sizes[b] = 0;
            for (int i = 0; i < n; i++) {
                long key = k[i];
                add(key == min ? 0 : 64 - Long.numberOfLeadingZeros(key ^ min), v[i], key);
            }
        }
        sizes[0] = 0;
        size--;
        lastPopped = keys[0][0];
        return items[0][0];
    }

    /** The key of the entry {@link #pop()} returned last. */
    long poppedKey() {
        return lastPopped;
    }
}
