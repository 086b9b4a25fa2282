package org.lnsim.protocols.routing;

import org.lnsim.network.ChannelGraph;

/**
 * The router's private, compact copy of the graph for its backward search: for every node v, the <em>usable</em>
 * directions u → v that lead into it, with everything a relaxation reads stored by slot in contiguous primitive
 * arrays. Scanning v's in-edges then reads memory sequentially instead of jumping through the channel-indexed arrays
 * of {@link ChannelGraph} (the graph is immutable, so the copy never goes stale).
 *
 * <h2>What is left out, and why that is exact</h2>
 * <ul>
 *   <li>Directions without a policy or disabled: the router never uses them ({@link ChannelGraph#isUsable}).</li>
 *   <li>Dead-end peers are moved to the end of each list, after {@link #liveEnd}: a node whose channels all lead to
 *       one single peer p can only be entered from p and can only leave towards p, so no route through it is
 *       simple and Dijkstra never needs its label — unless it is the sender itself. The search therefore scans
 *       only {@code [start, liveEnd)} except at the sender's only peer ({@link #deadEndPeer}), where it scans the
 *       whole list. Slots keep the graph's adjacency order within each part, so ties resolve as before.</li>
 * </ul>
 *
 * <h2>Internal numbering</h2>
 * Nodes are renumbered by degree, largest first, and every per-node array of the search uses that numbering: the
 * endpoints a scan touches most often are the hubs, and packing their state together keeps it in cache. The router
 * maps indices in and out ({@link #toInternal}, {@link #toGraph}) and breaks heap ties by graph index, so results
 * are those of the graph numbering.
 *
 * <p>Memory: 44 bytes per usable direction (≈ 88 MB for the 1M-channel MCP network) plus 24 bytes per node.
 */
final class InEdges implements PolicyWords {
    /** Internal node i is graph node {@code toGraph[i]}: nodes by degree, largest first, ties by graph index. */
    final int[] toGraph;
    /** The inverse permutation: graph node → internal index. */
    final int[] toInternal;
    /** Slots of internal node v are {@code start[v] .. start[v+1]-1}. */
    final int[] start;
    /** The largest {@code start[v+1] − start[v]}. */
    final int maxInDegree;
    /** Slots {@code start[v] .. liveEnd[v]-1} have a peer that is not a dead end. */
    final int[] liveEnd;
    /** For a dead-end node: its only peer (internal index); otherwise -1. */
    final int[] deadEndPeer;
    /**
     * The hot word of each slot, read for every slot a scan visits: internal index of u &lt;&lt; 32 | fee_base_msat
     * (u32). That is all the search needs to skip a settled neighbour or a candidate that cannot win.
     */
    final long[] hot;
    /**
     * The cold record, {@link #COLD} longs per slot, read only for slots that survive those checks:
     * <ol start="0">
     *   <li>fee_proportional_millionths (u32) &lt;&lt; 32 | cltv_expiry_delta &lt;&lt; 16 | htlc_minimum_msat if below
     *       {@link #MIN_ESCAPE}, else {@code MIN_ESCAPE} (then the value is in {@link #htlcMinMsat});</li>
     *   <li>min(htlc_maximum_msat if announced, capacity in msat): the largest amount the direction may carry;</li>
     *   <li>{@link CostModel#channelFuzzKey} of the channel's scid.</li>
     * </ol>
     */
    final long[] cold;
    static final int COLD = 3;
    static final int MIN_ESCAPE = 0xFFFF;
    /** The direction index e (u → v) in the graph, by slot (read only when a candidate is kept or checked). */
    final int[] dir;
    /** htlc_minimum_msat by slot, read only when the record holds {@link #MIN_ESCAPE}. */
    final long[] htlcMinMsat;

    InEdges(ChannelGraph g) {
        int n = g.nodeCount();
        toGraph = order(g);
        toInternal = new int[n];
        for (int i = 0; i < n; i++) {
            toInternal[toGraph[i]] = i;
        }
        int[] deadGraph = new int[n]; // by graph index: the only peer (graph index), or -1
        for (int v = 0; v < n; v++) {
            int only = -1;
            for (int slot = g.outStart(v), end = g.outEnd(v); slot < end; slot++) {
                int p = g.outPeer(slot);
                if (only == -1) {
                    only = p;
                } else if (only != p) {
                    only = -2;
                    break;
                }
            }
            deadGraph[v] = only >= 0 ? only : -1;
        }
        deadEndPeer = new int[n];
        for (int i = 0; i < n; i++) {
            int p = deadGraph[toGraph[i]];
            deadEndPeer[i] = p >= 0 ? toInternal[p] : -1;
        }
        start = new int[n + 1];
        liveEnd = new int[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            int v = toGraph[i];
            start[i] = m;
            for (int slot = g.outStart(v), end = g.outEnd(v); slot < end; slot++) {
                if (g.isUsable(g.outDirection(slot) ^ 1)) {
                    m++;
                }
            }
        }
        start[n] = m;
        int maxIn = 0;
        for (int i = 0; i < n; i++) {
            maxIn = Math.max(maxIn, start[i + 1] - start[i]);
        }
        maxInDegree = maxIn;
        hot = new long[m];
        cold = new long[COLD * m];
        dir = new int[m];
        htlcMinMsat = new long[m];
        for (int i = 0; i < n; i++) {
            int v = toGraph[i];
            int k = start[i];
            for (int pass = 0; pass < 2; pass++) {
                for (int slot = g.outStart(v), end = g.outEnd(v); slot < end; slot++) {
                    int e = g.outDirection(slot) ^ 1; // u -> v
                    int u = g.outPeer(slot);
                    boolean dead = deadGraph[u] >= 0;
                    if (!g.isUsable(e) || dead != (pass == 1)) {
                        continue;
                    }
                    int c = ChannelGraph.channelOf(e);
                    long hmin = g.htlcMinimumMsat(e);
                    long cap = g.capacityMsat(c);
                    hot[k] = (long) toInternal[u] << 32 | g.feeBaseMsat(e);
                    int o = COLD * k;
                    cold[o] = g.feeProportionalMillionths(e) << 32 | (long) g.cltvExpiryDelta(e) << 16
                            | Math.min(hmin, MIN_ESCAPE);
                    cold[o + 1] = g.hasHtlcMaximum(e) ? Math.min(cap, g.htlcMaximumMsat(e)) : cap;
                    cold[o + 2] = CostModel.channelFuzzKey(g.scid(c));
                    dir[k] = e;
                    htlcMinMsat[k] = hmin;
                    k++;
                }
                if (pass == 0) {
                    liveEnd[i] = k;
                }
            }
        }
        slotOf = null;
        announcedCold = null;
    }

    /**
     * A copy whose policy words may be rewritten ({@link #setPolicy}): the hot and cold arrays are this copy's own,
     * everything else (topology, numbering, HTLC limits, fuzz keys) is shared with {@code src}, which stays as it
     * was. Costs 32 bytes per usable direction plus 4 per direction (the slot index).
     */
    InEdges(InEdges src, int directions) {
        toGraph = src.toGraph;
        toInternal = src.toInternal;
        start = src.start;
        maxInDegree = src.maxInDegree;
        liveEnd = src.liveEnd;
        deadEndPeer = src.deadEndPeer;
        hot = src.hot.clone();
        cold = src.cold.clone();
        announcedCold = src.cold;
        dir = src.dir;
        htlcMinMsat = src.htlcMinMsat;
        slotOf = new int[directions];
        java.util.Arrays.fill(slotOf, -1);
        for (int k = 0; k < dir.length; k++) {
            slotOf[dir[k]] = k;
        }
    }

    /** Slot of each direction in a copy made for rewriting (-1: not in the copy); null otherwise. */
    final int[] slotOf;
    /** In a copy made for rewriting, the cold records as announced (the source's, shared); null otherwise. */
    private final long[] announcedCold;

    /**
     * Rewrites direction e's fee base, ppm and CLTV delta in a copy made for rewriting (a no-op if e has no slot); a
     * closed direction keeps its slot but can carry nothing (its largest amount 0, so every search skips it).
     */
    @Override
    public void setPolicy(int e, long feeBaseMsat, long ppm, int cltvDelta, boolean closed) {
        int k = slotOf[e];
        if (k < 0) {
            return;
        }
        hot[k] = (hot[k] & 0xFFFF_FFFF_0000_0000L) | feeBaseMsat;
        int o = COLD * k;
        cold[o] = ppm << 32 | (long) cltvDelta << 16 | (cold[o] & 0xFFFF);
        cold[o + 1] = closed ? 0 : announcedCold[o + 1];
    }

    /** Graph nodes by degree, largest first (ties by index): a counting sort, O(n + max degree). */
    private static int[] order(ChannelGraph g) {
        int n = g.nodeCount();
        int maxDegree = 0;
        for (int v = 0; v < n; v++) {
            maxDegree = Math.max(maxDegree, g.degree(v));
        }
        int[] bucketStart = new int[maxDegree + 2];
        for (int v = 0; v < n; v++) {
            bucketStart[maxDegree - g.degree(v) + 1]++;
        }
        for (int d = 0; d <= maxDegree; d++) {
            bucketStart[d + 1] += bucketStart[d];
        }
        int[] out = new int[n];
        for (int v = 0; v < n; v++) {
            out[bucketStart[maxDegree - g.degree(v)]++] = v;
        }
        return out;
    }
}
