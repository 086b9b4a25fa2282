package org.lnsim.protocols.ant;

import java.util.Arrays;

/**
 * The matches of one wave, in the order they happen, and the matched seeds they send back: a node that comes to hold
 * both seeds reports {@code acc0 + fee(M) + acc1} (its own fee on its seed-1 outgoing channel, exact; A and B add
 * none) if within the max fee and the path has at most {@code maxHops} hops, and its matched seed then goes back to
 * A along seed 0's reverse pointers and to B along seed 1's, one message per hop ({@link SeedWave} "Fees"). Reads the
 * pairs' pointers, accumulators and hops ({@link WavePairs}); per-node counts of matched seeds sent are kept for the
 * nodes that sent any, stamped by wave so that nothing per node is cleared.
 */
final class WaveMatches {
    private final WavePairs pairs;
    private int count;
    private int[] node = new int[16];
    private long[] time = new long[16];
    private long[] fee = new long[16];
    private int[] hops = new int[16];
    private boolean[] reported = new boolean[16];
    private long[] atPayer = new long[16];
    private long messages;
    // per node, valid when nodeEpoch == epoch
    private final int[] nodeEpoch;
    private final int[] sent;
    private final int[] senders;
    private int senderCount;
    private int epoch;

    WaveMatches(WavePairs pairs, int nodes) {
        this.pairs = pairs;
        nodeEpoch = new int[nodes];
        sent = new int[nodes];
        senders = new int[nodes];
    }

    void clear() {
        if (++epoch == 0) {
            Arrays.fill(nodeEpoch, 0);   // after 2^32 waves, an old stamp could look current
            epoch = 1;
        }
        count = 0;
        senderCount = 0;
        messages = 0;
    }

    /** Node {@code v} holds both seeds since {@code timeUs}: records the match. */
    void record(int v, long timeUs, boolean endpoint, int maxHops, long maxFeeMsat) {
        int i0 = 2 * v;
        int i1 = i0 + 1;
        int h = pairs.hopsOf(i0) + pairs.hopsOf(i1);
        long acc0 = pairs.accumulator(i0);
        long acc1 = pairs.accumulator(i1);
        long own = endpoint ? 0 : pairs.forwardedAccumulator(i1) - acc1;
        long total = acc0 + own + acc1;
        if (count == node.length) {
            int c = 2 * count;
            node = Arrays.copyOf(node, c);
            time = Arrays.copyOf(time, c);
            fee = Arrays.copyOf(fee, c);
            hops = Arrays.copyOf(hops, c);
            reported = Arrays.copyOf(reported, c);
            atPayer = Arrays.copyOf(atPayer, c);
        }
        int m = count++;
        node[m] = v;
        time[m] = timeUs;
        fee[m] = total;
        hops[m] = h;
        reported[m] = h <= maxHops && total <= maxFeeMsat;
        atPayer[m] = -1;
    }

    /** Sends every reported match's matched seed back, once the wave has settled. */
    void returnReported(SeedWave.Links links) {
        for (int m = 0; m < count; m++) {
            if (reported[m]) {
                returnMatch(m, links);
            }
        }
    }

    private void returnMatch(int m, SeedWave.Links links) {
        long t = time[m];
        for (int u = node[m], p; (p = pairs.predOf(2 * u)) >= 0; u = pairs.predNodeOf(2 * u)) {
            t += links.delayUs(p ^ 1);
            sentOne(u);
        }
        atPayer[m] = t;
        for (int u = node[m]; pairs.predOf(2 * u + 1) >= 0; u = pairs.predNodeOf(2 * u + 1)) {
            sentOne(u);
        }
    }

    private void sentOne(int v) {
        if (nodeEpoch[v] != epoch) {
            nodeEpoch[v] = epoch;
            sent[v] = 0;
            senders[senderCount++] = v;
        }
        sent[v]++;
        messages++;
    }

    /** The HTLC directions of match {@code m}'s path, A to B. */
    int[] path(int m) {
        int v = node[m];
        int h0 = pairs.hopsOf(2 * v);
        int h1 = pairs.hopsOf(2 * v + 1);
        int[] dirs = new int[h0 + h1];
        int i = h0;
        for (int u = v, p; (p = pairs.predOf(2 * u)) >= 0; u = pairs.predNodeOf(2 * u)) {
            dirs[--i] = p;
        }
        i = h0;
        for (int u = v, p; (p = pairs.predOf(2 * u + 1)) >= 0; u = pairs.predNodeOf(2 * u + 1)) {
            dirs[i++] = p ^ 1;
        }
        return dirs;
    }

    int count() {
        return count;
    }

    int node(int m) {
        return node[m];
    }

    long timeUs(int m) {
        return time[m];
    }

    long feeMsat(int m) {
        return fee[m];
    }

    int hops(int m) {
        return hops[m];
    }

    boolean reported(int m) {
        return reported[m];
    }

    long atPayerUs(int m) {
        return atPayer[m];
    }

    long messages() {
        return messages;
    }

    int sentBy(int v) {
        return nodeEpoch[v] == epoch ? sent[v] : 0;
    }

    int senders() {
        return senderCount;
    }

    int sender(int i) {
        return senders[i];
    }
}
