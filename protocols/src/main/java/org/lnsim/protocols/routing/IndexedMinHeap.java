package org.lnsim.protocols.routing;

import java.util.Arrays;

/**
 * A binary min-heap of node indices keyed by {@code long} cost, with decrease-key through a position array: the
 * primitive-keyed heap of the router's hot path (no boxing, no allocation after construction). Ties are broken by the
 * smaller node index so results are deterministic.
 */
final class IndexedMinHeap {
    private final int[] heap;
    private final long[] keyOf;
    private final int[] pos;
    private int size;

    IndexedMinHeap(int capacity) {
        heap = new int[capacity];
        keyOf = new long[capacity];
        pos = new int[capacity];
        Arrays.fill(pos, -1);
    }

    void clear() {
        for (int i = 0; i < size; i++) {
            pos[heap[i]] = -1;
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
            i = size++;
            heap[i] = node;
            pos[node] = i;
            keyOf[node] = key;
            siftUp(i);
        } else if (key < keyOf[node]) {
            keyOf[node] = key;
            siftUp(i);
        }
    }

    int pop() {
        int top = heap[0];
        pos[top] = -1;
        size--;
        if (size > 0) {
            int last = heap[size];
            heap[0] = last;
            pos[last] = 0;
            siftDown(0);
        }
        return top;
    }

    private boolean less(int a, int b) {
        long ka = keyOf[a];
        long kb = keyOf[b];
        return ka < kb || (ka == kb && a < b);
    }

    private void siftUp(int i) {
        int node = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            int p = heap[parent];
            if (!less(node, p)) {
                break;
            }
            heap[i] = p;
            pos[p] = i;
            i = parent;
        }
        heap[i] = node;
        pos[node] = i;
    }

    private void siftDown(int i) {
        int node = heap[i];
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int c = heap[child];
            int right = child + 1;
            if (right < size && less(heap[right], c)) {
                child = right;
                c = heap[child];
            }
            if (!less(c, node)) {
                break;
            }
            heap[i] = c;
            pos[c] = i;
            i = child;
        }
        heap[i] = node;
        pos[node] = i;
    }
}
