package org.lnsim.protocols.routing;

import org.lnsim.network.ChannelGraph;

/**
 * A compact copy of the graph for the backward searches of today's routers (lnd's and LDK's, which walk from the
 * payee): for every node v, the usable directions u → v into it (u ≠ v), with everything a relaxation reads in one
 * record of {@link #STRIDE} longs per slot, so a scan reads memory sequentially instead of seven channel-indexed
 * arrays of {@link ChannelGraph} per edge (the graph is immutable, so the copy never goes stale). Slots keep the
 * graph's adjacency order, so results are those of a search over the graph itself. Immutable: one copy serves every
 * router of a run and every thread ({@link #SHARED}). (The hybrid router keeps its own, renumbered
 * {@link InEdges}.)
 *
 * <p>Record: {@code u << 32 | e}; the capacity (msat); min(htlc_maximum_msat if announced, capacity) (LDK's
 * {@code EffectiveCapacity::Total}); {@code fee_base_msat << 32 | fee_proportional_millionths} (both u32 in BOLT 7);
 * {@code htlc_minimum_msat << 16 | cltv_expiry_delta}. Memory: 40 bytes per usable direction (≈ 80 MB for the
 * 1M-channel MCP network) plus 4 bytes per node.
 */
public final class EdgeRecords {
    /** Longs per record. */
    public static final int STRIDE = 5;
    /** The largest htlc_minimum_msat a record holds; above it, {@link #htlcMinimumMsat} asks the graph. */
    public static final long HTLC_MIN_CAP = (1L << 47) - 1;

    /** The copy of a run's network, as work its protocols share. */
    public static final org.lnsim.protocols.settings.SharedWork<EdgeRecords> SHARED =
            new org.lnsim.protocols.settings.SharedWork<>() {
                @Override
                public Object key() {
                    return EdgeRecords.class;
                }

                @Override
                public org.lnsim.protocols.settings.SharedWork<EdgeRecords> merge(
                        org.lnsim.protocols.settings.SharedWork<EdgeRecords> other) {
                    return this;
                }

                @Override
                public EdgeRecords compute(ChannelGraph graph) {
                    return new EdgeRecords(graph);
                }
            };

    /** Slots of node v are {@code start[v] .. start[v+1]-1}; slot k's record starts at {@code k × STRIDE}. */
    public final int[] start;
    /** The records (see the class comment). */
    public final long[] rec;
    private final ChannelGraph graph;

    public EdgeRecords(ChannelGraph g) {
        this.graph = g;
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

    /** htlc_minimum_msat of the record at {@code i} (a record index, slot × STRIDE), exactly. */
    public long htlcMinimumMsat(int i) {
        long m = rec[i + 4] >>> 16;
        return m == HTLC_MIN_CAP ? graph.htlcMinimumMsat((int) rec[i]) : m;
    }

    /** Bytes of the copy. */
    public long bytes() {
        return (long) rec.length * 8 + (long) start.length * 4;
    }
}
