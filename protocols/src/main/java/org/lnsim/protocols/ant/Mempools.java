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
    private record Round(long expiresUs, int[] nodes) {
    }

    private final long wipeAfterUs;
    private final int[] live;
    private final int[] peak;
    private final ArrayDeque<Round> rounds = new ArrayDeque<>();

    Mempools(int nodes, long wipeAfterUs) {
        this.wipeAfterUs = wipeAfterUs;
        this.live = new int[nodes];
        this.peak = new int[nodes];
    }

    /** Wipes every round whose entries have expired by {@code nowUs}. */
    void expireUntil(long nowUs) {
        while (!rounds.isEmpty() && rounds.peekFirst().expiresUs() <= nowUs) {
            for (int v : rounds.pollFirst().nodes()) {
                live[v]--;
            }
        }
    }

    /** Stores the entries of the wave's last run, a round started at {@code nowUs}. */
    void add(long nowUs, SeedWave w) {
        expireUntil(nowUs);
        int[] nodes = new int[w.entries()];
        for (int i = 0; i < nodes.length; i++) {
            int v = w.entryNode(i);
            nodes[i] = v;
            if (++live[v] > peak[v]) {
                peak[v] = live[v];
            }
        }
        rounds.addLast(new Round(nowUs + wipeAfterUs, nodes));
    }

    int live(int v) {
        return live[v];
    }

    int peak(int v) {
        return peak[v];
    }
}
