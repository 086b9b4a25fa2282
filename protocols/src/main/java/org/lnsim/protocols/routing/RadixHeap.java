package org.lnsim.protocols.routing;

import java.util.Arrays;

/**
 * A monotone priority queue of (node, long key) entries for Dijkstra (a radix heap, Ahuja, Mehlhorn, Orlin and Tarjan
 * 1990): every key pushed must be strictly greater than the key last popped, which holds for the router because each
 * relaxation adds at least the per-hop bias of 1. Push is O(1) and a pop costs O(log C) amortised, C the key range,
 * with no per-entry allocation once the bucket arrays have grown.
 *
 * <p>There is no decrease-key: a lowered key is pushed again and the caller skips the stale entry when it comes out
 * (the node is then already settled, because its lower entry came out first).
 *
 * <p>Order: entries come out by (key, {@code tieRank[node]}), a total order — the same order as a binary heap
 * with the same tie rule — so the router's results do not depend on the queue. Equal keys are gathered in bucket 0
 * and sorted there once, so even a graph where every key ties costs O(k log k), not O(k²).
 *
 * <p>The project's one radix heap: the router's Dijkstra, and the seed wave's message queue when delays are drawn
 * per message ({@code org.lnsim.protocols.ant.ArrivalQueue}, whose keys are unique, with every node 0).
 */
public final class RadixHeap {
    private static final int BUCKETS = 65;
    private final long[][] keys = new long[BUCKETS][];
    private final int[][] nodes = new int[BUCKETS][];
    private final int[] sizes = new int[BUCKETS];
    private final int[] tieRank;
    /** Bucket 0 sorted by tie rank, highest first, consumed from the end. */
    private long[] zero = new long[16];
    private int zeroSize;
    private long last;
    private int size;

    /**
     * @param tieRank a permutation of the node indices; among equal keys the smaller rank comes out first
     */
    public RadixHeap(int[] tieRank) {
        this.tieRank = tieRank;
        for (int b = 0; b < BUCKETS; b++) {
            keys[b] = new long[16];
            nodes[b] = new int[16];
        }
    }

    /** Empties the queue; keys pushed from now on must be at least {@code floor}. */
    public void clear(long floor) {
        Arrays.fill(sizes, 0);
        zeroSize = 0;
        size = 0;
        last = floor;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** The key of the entry last popped. */
    public long lastKey() {
        return last;
    }

    public void push(int node, long key) {
        int b = key == last ? 0 : 64 - Long.numberOfLeadingZeros(key ^ last);
        add(b, node, key);
        size++;
    }

    private void add(int b, int node, long key) {
        int n = sizes[b];
        if (n == keys[b].length) {
            keys[b] = Arrays.copyOf(keys[b], 2 * n);
            nodes[b] = Arrays.copyOf(nodes[b], 2 * n);
        }
        keys[b][n] = key;
        nodes[b][n] = node;
        sizes[b] = n + 1;
    }

    /** Removes and returns the node of the smallest (key, tie rank) entry; the queue must not be empty. */
    public int pop() {
        if (zeroSize == 0) {
            refill();
        }
        size--;
        return (int) zero[--zeroSize];
    }

    /** Moves the smallest bucket's entries down relative to its minimum; the minimum's entries land in bucket 0. */
    private void refill() {
        int b = 0;
        if (sizes[0] == 0) {
            b = 1;
            while (sizes[b] == 0) {
                b++;
            }
            long[] k = keys[b];
            int[] v = nodes[b];
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
        int n = sizes[0];
        if (zero.length < n) {
            zero = new long[Math.max(n, 2 * zero.length)];
        }
        int[] v = nodes[0];
        for (int i = 0; i < n; i++) {
            // rank in the high half for sorting, node in the low half; negated so ascending sort = highest first
            zero[i] = -((long) tieRank[v[i]] << 32) | (v[i] & 0xFFFF_FFFFL);
        }
        if (n > 1) {
            Arrays.sort(zero, 0, n);
        }
        for (int i = 0; i < n; i++) {
            zero[i] &= 0xFFFF_FFFFL;
        }
        zeroSize = n;
        sizes[0] = 0;
    }
}
