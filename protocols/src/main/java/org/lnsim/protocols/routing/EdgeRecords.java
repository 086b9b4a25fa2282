package org.lnsim.protocols.routing;

import org.lnsim.network.ChannelGraph;

/**
 * A compact copy of the graph for the backward searches of today's routers (lnd's and LDK's, which walk from the
 * payee): for every node v, the usable directions u → v into it (u ≠ v), with everything a relaxation reads in one
 * record of {@link #STRIDE} longs per slot, so a scan reads memory sequentially instead of seven channel-indexed
 * arrays of {@link ChannelGraph} per edge (the graph is immutable, so the copy never goes stale). Slots keep the
 * graph's adjacency order, so results are those of a search over the graph itself. Immutable: one copy serves every
 * router of a run and every thread ({@link #SHARED}) — except a {@link #privateCopy}, whose policies follow what a
 * node believes on a network whose policies change (issue 22). (The hybrid router keeps its own, renumbered
 * {@link InEdges}.)
 *
 * <p>Record: {@code u << 32 | e}; the capacity (msat); min(htlc_maximum_msat if announced, capacity) (LDK's
 * {@code EffectiveCapacity::Total}); {@code fee_base_msat << 32 | fee_proportional_millionths} (both u32 in BOLT 7);
 * {@code htlc_minimum_msat << 16 | cltv_expiry_delta}. Memory: 40 bytes per usable direction (≈ 80 MB for the
 * 1M-channel MCP network) plus 4 bytes per node.
 */
public final class EdgeRecords implements PolicyWords {
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
        this.recordOf = null;
        this.announced = null;
        this.believed = null;
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

    /** In a {@link #privateCopy}: the record index of each direction (-1: none), the announced records, the beliefs. */
    private final int[] recordOf;
    private final long[] announced;
    private final BelievedPolicies believed;

    private EdgeRecords(EdgeRecords shared) {
        this.graph = shared.graph;
        this.start = shared.start;
        this.rec = shared.rec.clone();
        this.announced = shared.rec;
        this.recordOf = new int[2 * graph.channelCount()];
        java.util.Arrays.fill(recordOf, -1);
        for (int i = 0; i < rec.length; i += STRIDE) {
            recordOf[(int) rec[i]] = i;
        }
        this.believed = new BelievedPolicies(graph, this);
    }

    /**
     * A copy of one run's own whose policies can be set to what a node believes ({@link #believe}), for a network
     * whose policies change during the run (issue 22): it shares the slots and copies the records (40 bytes per
     * usable direction, plus ≈ 16 bytes per direction for the beliefs' bookkeeping). Not thread-safe: one simulation thread.
     */
    public EdgeRecords privateCopy() {
        if (recordOf != null) {
            throw new IllegalStateException("a private copy is made from the shared one");
        }
        return new EdgeRecords(this);
    }

    /**
     * Makes this private copy's records show every pending update any of {@code observers} knows at {@code nowUs}
     * (none: the true policies), until the next call.
     *
     * @throws IllegalStateException on a shared copy
     */
    public void believe(org.lnsim.engine.policy.PolicyBeliefs beliefs, int[] observers, long nowUs) {
        if (believed == null) {
            throw new IllegalStateException("a shared copy holds the announced policies; use privateCopy()");
        }
        believed.believe(beliefs, observers, nowUs);
    }

    /**
     * Makes this private copy's records show what {@code observer} knows by gossip alone at {@code nowUs}, not the
     * channel_updates failures returned to it (LDK, {@link org.lnsim.engine.policy.PolicyBeliefs#believedByGossip}).
     *
     * @throws IllegalStateException on a shared copy
     */
    public void believeByGossip(org.lnsim.engine.policy.PolicyBeliefs beliefs, int observer, long nowUs) {
        if (believed == null) {
            throw new IllegalStateException("a shared copy holds the announced policies; use privateCopy()");
        }
        believed.believe(beliefs, new int[] {observer}, nowUs, false);
    }

    /** Whether this is a {@link #privateCopy} (its policies follow beliefs, closed directions carry nothing). */
    public boolean isPrivateCopy() {
        return believed != null;
    }

    /** Direction e's fee_base_msat as this copy shows it (the announced one in a shared copy). */
    public long feeBaseMsat(int e) {
        return believed == null ? graph.feeBaseMsat(e) : believed.feeBaseMsat(e);
    }

    /** Direction e's fee_proportional_millionths as this copy shows it. */
    public long feeProportionalMillionths(int e) {
        return believed == null ? graph.feeProportionalMillionths(e) : believed.feeProportionalMillionths(e);
    }

    /** Direction e's cltv_expiry_delta as this copy shows it. */
    public int cltvExpiryDelta(int e) {
        return believed == null ? graph.cltvExpiryDelta(e) : believed.cltvExpiryDelta(e);
    }

    @Override
    public void setPolicy(int e, long feeBaseMsat, long ppm, int cltvDelta, boolean closed) {
        if (recordOf == null) {
            throw new IllegalStateException("a shared copy is immutable");
        }
        int i = recordOf[e];
        if (i < 0) {
            return;
        }
        rec[i + 2] = closed ? 0 : announced[i + 2]; // a closed direction carries nothing
        rec[i + 3] = feeBaseMsat << 32 | ppm;
        rec[i + 4] = (rec[i + 4] & ~0xFFFFL) | (cltvDelta & 0xFFFF);
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
