package org.lnsim.protocols.lnd;

import org.lnsim.network.ChannelGraph;

/**
 * lnd's search's compact copy of the graph: for every node v, the usable directions u → v into it, with what a
 * relaxation reads stored by slot in contiguous primitive arrays, in the graph's adjacency order (so ties resolve
 * as over the graph itself, and routes are the same).
 *
 * <h2>Why</h2>
 * lnd's search settles every node closer to the receiver than the sender in its probability-weighted distance: at a
 * million channels that is 23,000–45,000 of 92,847 nodes and about 1.7 million relaxations for a 4-hop route.
 * Reading a relaxation's policy from {@link ChannelGraph}'s direction-indexed arrays costs a cache miss per field;
 * here a node's in-edges are read sequentially. Immutable, so one copy serves every lnd protocol of a run and every
 * thread (shared as {@link LndRouting#EDGES}).
 *
 * <p>Memory: 40 bytes per usable direction (≈ 80 MB for the 1M-channel MCP network) plus 4 bytes per node.
 * Public only as the type of the shared work; its contents are the lnd package's.
 */
public final class LndEdges {
    /** Slots of node v are {@code start[v] .. start[v+1]-1}. */
    final int[] start;
    /** u of each slot. */
    final int[] peer;
    /** The direction u → v of each slot. */
    final int[] dir;
    /** fee_base_msat and fee_proportional_millionths, as the graph holds them (u32). */
    final int[] feeBase;
    final int[] feePpm;
    final int[] cltvDelta;
    /** htlc_minimum_msat. */
    final long[] minMsat;
    /** The largest amount the direction may carry: min(capacity, htlc_maximum_msat if announced). */
    final long[] maxMsat;
    /** The channel's capacity in msat (the estimators' capacity). */
    final long[] capacityMsat;

    LndEdges(ChannelGraph g) {
        int n = g.nodeCount();
        start = new int[n + 1];
        int m = 0;
        for (int v = 0; v < n; v++) {
            start[v] = m;
            for (int slot = g.outStart(v), end = g.outEnd(v); slot < end; slot++) {
                if (g.isUsable(g.outDirection(slot) ^ 1)) {
                    m++;
                }
            }
        }
        start[n] = m;
        peer = new int[m];
        dir = new int[m];
        feeBase = new int[m];
        feePpm = new int[m];
        cltvDelta = new int[m];
        minMsat = new long[m];
        maxMsat = new long[m];
        capacityMsat = new long[m];
        int k = 0;
        for (int v = 0; v < n; v++) {
            for (int slot = g.outStart(v), end = g.outEnd(v); slot < end; slot++) {
                int e = g.outDirection(slot) ^ 1; // u -> v
                if (!g.isUsable(e)) {
                    continue;
                }
                long cap = g.capacityMsat(ChannelGraph.channelOf(e));
                peer[k] = g.outPeer(slot);
                dir[k] = e;
                feeBase[k] = (int) g.feeBaseMsat(e);
                feePpm[k] = (int) g.feeProportionalMillionths(e);
                cltvDelta[k] = g.cltvExpiryDelta(e);
                minMsat[k] = g.htlcMinimumMsat(e);
                maxMsat[k] = g.hasHtlcMaximum(e) ? Math.min(cap, g.htlcMaximumMsat(e)) : cap;
                capacityMsat[k] = cap;
                k++;
            }
        }
    }
}
