package org.lnsim.protocols.ant;

import java.util.ArrayDeque;

/**
 * Every node's seed mempool, counted: entries stored by each round and wiped {@code wipeAfterUs} later, with each
 * node's peak number of entries.
 *
 * <p>Approximation (lnsim's): a round's entries are counted from the round's start, not from each seed's arrival at
 * the node (at most the flood's duration later, well under a second on Lightning-like latencies), so entries enter
 * and leave in round order and one FIFO of rounds serves all nodes. The peak is sampled when entries are added,
 * where it can only rise.
 */
final class Mempools {
    /** A round's entries are the ring's positions up to {@code end}, from the previous round's end. */
    private record Round(long expiresUs, long end) {
    }

    private final long wipeAfterUs;
    private final int[] live;
    private final int[] peak;
    private final ArrayDeque<Round> rounds = new ArrayDeque<>();
    // the node of every entry not yet wiped, rounds in order, in a ring (power-of-two length) indexed by absolute
    // position: no array per round (a round at a million channels has a quarter of a million entries)
    private int[] ring = new int[1024];
    private long head;
    private long tail;

    Mempools(int nodes, long wipeAfterUs) {
        this.wipeAfterUs = wipeAfterUs;
        this.live = new int[nodes];
        this.peak = new int[nodes];
    }

    /** Wipes every round whose entries have expired by {@code nowUs}. */
    void expireUntil(long nowUs) {
        while (!rounds.isEmpty() && rounds.peekFirst().expiresUs() <= nowUs) {
            long end = rounds.pollFirst().end();
            int mask = ring.length - 1;
            for (long p = head; p < end; p++) {
                live[ring[(int) (p & mask)]]--;
            }
            head = end;
        }
    }

    /** Stores the entries of the wave's last run, a round started at {@code nowUs}. */
    void add(long nowUs, SeedWave w) {
        expireUntil(nowUs);
        int n = w.entries();
        long need = tail - head + n;
        if (need > ring.length) {
            if (need > 1 << 30) {
                throw new IllegalStateException("more than 2^30 mempool entries live at once");
            }
            int[] grown = new int[Integer.highestOneBit((int) need - 1) << 1];
            for (long p = head; p < tail; p++) {
                grown[(int) (p & (grown.length - 1))] = ring[(int) (p & (ring.length - 1))];
            }
            ring = grown;
        }
        int mask = ring.length - 1;
        for (int i = 0; i < n; i++) {
            int v = w.entryNode(i);
            ring[(int) (tail++ & mask)] = v;
            if (++live[v] > peak[v]) {
                peak[v] = live[v];
            }
        }
        rounds.addLast(new Round(nowUs + wipeAfterUs, tail));
    }

    int live(int v) {
        return live[v];
    }

    int peak(int v) {
        return peak[v];
    }
}
