package org.lnsim.protocols.ldk;

import org.lnsim.network.ChannelGraph;

/**
 * The LDK router's compact copy of the graph for its walk from the payee: for every node v, the usable directions
 * u → v into it (u ≠ v), with everything a relaxation reads in one record of {@link #STRIDE} longs per slot, so a
 * scan reads memory sequentially instead of seven channel-indexed arrays of {@link ChannelGraph} per edge (the graph
 * is immutable, so the copy never goes stale). Slots keep the graph's adjacency order, so results are unchanged.
 *
 * <p>Record: {@code u << 32 | e}; the capacity (msat); min(htlc_maximum_msat if announced, capacity) (LDK's
 * {@code EffectiveCapacity::Total}); {@code fee_base_msat << 32 | fee_proportional_millionths} (both u32 in BOLT 7);
 * {@code htlc_minimum_msat << 16 | cltv_expiry_delta}. Memory: 40 bytes per usable direction (≈ 80 MB for the
 * 1M-channel MCP network) plus 4 bytes per node.
 */
final class InEdges {
    static final int STRIDE = 5;
    private static final long HTLC_MIN_CAP = (1L << 47) - 1;

    /** Slots of node v are {@code start[v] .. start[v+1]-1}. */
    final int[] start;
    final long[] rec;

    InEdges(ChannelGraph g) {
        int n = g.nodeCount();
        start = new int[n + 1];
        int count = 0;
        for (int v = 0; v < n; v++) {
            start[v] = count;
            for (int slot = g.outStart(v), end = g.outEnd(v); slot < end; slot++) {
                int e = g.outDirection(slot) ^ 1;
                if (g.outPeer(slot) != v && g.isUsable(e)) {
                    count++;
                }
            }
        }
        start[n] = count;
        rec = new long[count * STRIDE];
        int i = 0;
        for (int v = 0; v < n; v++) {
            for (int slot = g.outStart(v), end = g.outEnd(v); slot < end; slot++) {
                int e = g.outDirection(slot) ^ 1; // u -> v
                int u = g.outPeer(slot);
                if (u == v || !g.isUsable(e)) {
                    continue;
                }
                long cap = g.capacityMsat(ChannelGraph.channelOf(e));
                long base = g.feeBaseMsat(e);
                long ppm = g.feeProportionalMillionths(e);
                if (base < 0 || base > 0xFFFFFFFFL || ppm < 0 || ppm > 0xFFFFFFFFL) {
                    throw new IllegalArgumentException("direction " + e + ": fees outside BOLT 7's u32");
                }
                rec[i] = (long) u << 32 | e;
                rec[i + 1] = cap;
                rec[i + 2] = g.hasHtlcMaximum(e) ? Math.min(g.htlcMaximumMsat(e), cap) : cap;
                rec[i + 3] = base << 32 | ppm;
                rec[i + 4] = Math.min(g.htlcMinimumMsat(e), HTLC_MIN_CAP) << 16 | (g.cltvExpiryDelta(e) & 0xFFFF);
                i += STRIDE;
            }
        }
    }

    /** Bytes of the copy. */
    long bytes() {
        return (long) rec.length * 8 + (long) start.length * 4;
    }
}
