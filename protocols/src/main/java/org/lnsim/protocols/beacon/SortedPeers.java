package org.lnsim.protocols.beacon;

import org.lnsim.network.ChannelGraph;

/**
 * Every node's adjacency sorted by (peer's 8-byte id prefix as unsigned, slot), for the beacon set-up replay
 * ({@link BeaconDiscovery}): "the peer of x XOR-closest to v" becomes a descent over bit-partitioned ranges instead
 * of a scan of every peer ({@link #closestPeer}; a hub answers in about log² degree steps), and "the slot of y whose
 * peer is w" a binary search ({@link #slotTo}). Immutable once built, shared by the replay's workers. Memory: 12
 * bytes per adjacency slot and 8 per node.
 */
final class SortedPeers {
    private final ChannelGraph g;
    private final XorSpace xor;
    /** Each node's 8-byte id prefix. */
    private final long[] idHi;
    /** Per node's adjacency range, sorted: the peers' prefixes, and the slots they belong to. */
    private final long[] sortedKey;
    private final int[] sortedSlot;

    SortedPeers(ChannelGraph g, XorSpace xor) {
        this.g = g;
        this.xor = xor;
        int n = g.nodeCount();
        idHi = new long[n];
        for (int v = 0; v < n; v++) {
            long h = 0;
            for (int i = 0; i < Long.BYTES; i++) {
                h = h << 8 | g.nodeIdByte(v, i);
            }
            idHi[v] = h;
        }
        sortedKey = new long[2 * g.channelCount()];
        sortedSlot = new int[2 * g.channelCount()];
        int maxDegree = 1;
        for (int x = 0; x < n; x++) {
            maxDegree = Math.max(maxDegree, g.degree(x));
        }
        int[] tmp = new int[maxDegree];
        for (int x = 0; x < n; x++) {
            int start = g.outStart(x);
            int end = g.outEnd(x);
            for (int slot = start; slot < end; slot++) {
                sortedSlot[slot] = slot;
            }
            mergeSort(sortedSlot, tmp, start, end);
            for (int i = start; i < end; i++) {
                sortedKey[i] = idHi[g.outPeer(sortedSlot[i])];
            }
        }
    }

    /** Stable merge sort of {@code slots[lo, hi)} by their peers' 8-byte prefixes (unsigned); slots start ascending. */
    private void mergeSort(int[] slots, int[] tmp, int lo, int hi) {
        if (hi - lo < 2) {
            return;
        }
        int mid = (lo + hi) >>> 1;
        mergeSort(slots, tmp, lo, mid);
        mergeSort(slots, tmp, mid, hi);
        if (Long.compareUnsigned(idHi[g.outPeer(slots[mid - 1])], idHi[g.outPeer(slots[mid])]) <= 0) {
            return;
        }
        int i = lo;
        int j = mid;
        int k = 0;
        while (i < mid && j < hi) {
            tmp[k++] = Long.compareUnsigned(idHi[g.outPeer(slots[j])], idHi[g.outPeer(slots[i])]) < 0
                    ? slots[j++] : slots[i++];
        }
        while (i < mid) {
            tmp[k++] = slots[i++];
        }
        while (j < hi) {
            tmp[k++] = slots[j++];
        }
        System.arraycopy(tmp, 0, slots, lo, k);
    }

    /**
     * The lowest slot of y whose peer is w (−1: not a peer): a binary search of y's adjacency sorted by peer
     * prefix, then the run of that prefix, whose slots ascend.
     */
    int slotTo(int y, int w) {
        long target = idHi[w];
        int lo = g.outStart(y);
        int hi = g.outEnd(y);
        while (lo < hi) {
            int m = (lo + hi) >>> 1;
            if (Long.compareUnsigned(sortedKey[m], target) < 0) {
                lo = m + 1;
            } else {
                hi = m;
            }
        }
        for (int end = g.outEnd(y); lo < end && sortedKey[lo] == target; lo++) {
            if (g.outPeer(sortedSlot[lo]) == w) {
                return sortedSlot[lo];
            }
        }
        return -1;
    }

    /**
     * The slot of x's peer XOR-closest to v, v excluded (−1: none): a descent over x's sorted adjacency, each step
     * keeping the part of the range that agrees with v on the highest bit where the range's keys differ; among peers
     * sharing the winning 8-byte prefix, whole ids decide and the lowest slot of the winner stands.
     */
    int closestPeer(int x, int v) {
        int lo = g.outStart(x);
        int hi = g.outEnd(x);
        if (lo == hi) {
            return -1;
        }
        long hv = idHi[v];
        int run = closestRun(lo, hi, hv);
        int runEnd = runEnd(run, hi);
        int slot = bestOfRun(run, runEnd, v);
        if (slot >= 0) {
            return slot;
        }
        // the run was v alone: the best of what lies either side of it
        int left = run > lo ? bestOf(lo, run, v, hv) : -1;
        int right = runEnd < hi ? bestOf(runEnd, hi, v, hv) : -1;
        if (left < 0 || right < 0) {
            return Math.max(left, right);
        }
        return xor.compareDistance(v, g.outPeer(right), g.outPeer(left)) < 0 ? right : left;
    }

    /** The best slot of the sorted range [lo, hi), non-empty (−1: only v there). */
    private int bestOf(int lo, int hi, int v, long hv) {
        int run = closestRun(lo, hi, hv);
        return bestOfRun(run, runEnd(run, hi), v);
    }

    /**
     * First index of the sorted range [lo, hi) whose key is XOR-closest to {@code hv} (the run of equal keys starts
     * there).
     */
    private int closestRun(int lo, int hi, long hv) {
        while (true) {
            long diff = sortedKey[lo] ^ sortedKey[hi - 1];
            if (diff == 0) {
                return lo;
            }
            long bit = Long.highestOneBit(diff);
            int a = lo;
            int b = hi - 1; // sortedKey[a] has the bit clear, sortedKey[b] set: find the first set
            while (b - a > 1) {
                int m = (a + b) >>> 1;
                if ((sortedKey[m] & bit) == 0) {
                    a = m;
                } else {
                    b = m;
                }
            }
            if ((hv & bit) == 0) {
                hi = b;
            } else {
                lo = b;
            }
        }
    }

    private int runEnd(int run, int hi) {
        int end = run + 1;
        while (end < hi && sortedKey[end] == sortedKey[run]) {
            end++;
        }
        return end;
    }

    /** Among sorted entries with one key, the lowest slot of the peer XOR-closest to v, v excluded (−1: none). */
    private int bestOfRun(int from, int to, int v) {
        int slot = -1;
        for (int i = from; i < to; i++) {
            int p = g.outPeer(sortedSlot[i]);
            if (p == v) {
                continue;
            }
            if (slot < 0 || xor.compareDistance(v, p, g.outPeer(slot)) < 0
                    || p == g.outPeer(slot) && sortedSlot[i] < slot) {
                slot = sortedSlot[i];
            }
        }
        return slot;
    }
}
