package org.lnsim.protocols.routing;

import java.util.Arrays;

/**
 * A 4-ary min-heap of node indices keyed by {@code long} cost, with decrease-key through a position array: the
 * primitive-keyed heap of the router's hot path (no boxing, no allocation after construction). Keys are stored by
 * heap position next to the node, so sifting compares without chasing node indices; four children per node halve the
 * depth of a binary heap. Entries are ordered by (key, node index), a total order, so the pop sequence is fully
 * determined by the pushes and results are deterministic.
 */
final class IndexedMinHeap {
    private final int[] nodes;
    private final long[] keys;
    private final int[] pos;
    private int size;

    IndexedMinHeap(int capacity) {
        nodes = new int[capacity];
        keys = new long[capacity];
        pos = new int[capacity];
        Arrays.fill(pos, -1);
    }

    void clear() {
        for (int i = 0; i < size; i++) {
            pos[nodes[i]] = -1;
        }
        size = 0;
    }

    boolean isEmpty() {
        return size == 0;
    }

    boolean contains(int node) {
        return pos[node] >= 0;
    }

    /** Inserts the node, or lowers its key if it is present with a higher one. */
    void push(int node, long key) {
        int i = pos[node];
        if (i < 0) {
            siftUp(size++, node, key);
        } else if (key < keys[i]) {
            siftUp(i, node, key);
        }
    }

    int pop() {
        int top = nodes[0];
        pos[top] = -1;
        int last = --size;
        if (last > 0) {
            siftDown(nodes[last], keys[last]);
        }
        return top;
    }

    private static boolean less(long ka, int a, long kb, int b) {
        return ka < kb || (ka == kb && a < b);
    }

    private void siftUp(int i, int node, long key) {
        while (i > 0) {
            int parent = (i - 1) >>> 2;
            int p = nodes[parent];
            long pk = keys[parent];
            if (!less(key, node, pk, p)) {
                break;
            }
            nodes[i] = p;
            keys[i] = pk;
            pos[p] = i;
            i = parent;
        }
        nodes[i] = node;
        keys[i] = key;
        pos[node] = i;
    }

    /** Places (node, key) starting at the root, moving smaller children up. */
    private void siftDown(int node, long key) {
        int i = 0;
        int n = size;
        while (true) {
            int first = 4 * i + 1;
            if (first >= n) {
                break;
            }
            int best = first;
            long bk = keys[first];
            int bn = nodes[first];
            int lastChild = Math.min(first + 4, n);
            for (int c = first + 1; c < lastChild; c++) {
                long ck = keys[c];
                int cn = nodes[c];
                if (less(ck, cn, bk, bn)) {
                    best = c;
                    bk = ck;
                    bn = cn;
                }
            }
            if (!less(bk, bn, key, node)) {
                break;
            }
            nodes[i] = bn;
            keys[i] = bk;
            pos[bn] = i;
            i = best;
        }
        nodes[i] = node;
        keys[i] = key;
        pos[node] = i;
    }
}
