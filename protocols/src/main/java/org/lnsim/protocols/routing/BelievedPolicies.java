package org.lnsim.protocols.routing;

import java.util.Arrays;
import org.lnsim.engine.policy.PolicyBeliefs;
import org.lnsim.engine.policy.PolicyUpdates;
import org.lnsim.network.ChannelGraph;

/**
 * The policies a private {@link HybridRouter} searches on when the network's policies change during a run (issue
 * 22): per direction the fee base, ppm and CLTV delta some node believes, and whether it knows the channel closed, written both into these arrays (read by
 * the router's graph-side code: BFG, the sender's own hops, building the route) and into the router's own compact
 * copy ({@link InEdges#setPolicy}, read by Dijkstra's inner loop, which therefore costs nothing more).
 *
 * <p>Updates every node knows ({@link PolicyBeliefs#foldedCount}) are written once and stay; the overlay of one
 * observer's pending beliefs is written per {@link #believe} where it differs from what is shown, and the previous
 * overlay's directions it no longer lists go back to their folded policy. So a query costs the pending updates, not
 * the run's history, and writes only what changed since the last. One simulation thread only.
 */
final class BelievedPolicies {
    private final ChannelGraph graph;
    private final PolicyWords in;
    private final int[] base;
    private final int[] ppm;
    private final int[] cltv;
    /** Directions whose channel the node knows has closed. */
    private final boolean[] closed;
    /** Per direction, the newest folded update (-1: the announced policy). */
    private final int[] folded;
    /** Per direction, the update whose policy is written now (-1: the announced policy). */
    private final int[] shown;
    /** Per direction, the {@link #generation} of the overlay that last listed it. */
    private final int[] mark;
    private int generation;
    private int foldedCount;
    private PolicyUpdates truth;
    private int[] patched = new int[0];
    private int patchedCount;

    BelievedPolicies(ChannelGraph graph, PolicyWords in) {
        this.graph = graph;
        this.in = in;
        int d = 2 * graph.channelCount();
        base = new int[d];
        ppm = new int[d];
        cltv = new int[d];
        closed = new boolean[d];
        folded = new int[d];
        Arrays.fill(folded, -1);
        shown = new int[d];
        Arrays.fill(shown, -1);
        mark = new int[d];
        for (int e = 0; e < d; e++) {
            base[e] = (int) graph.feeBaseMsat(e);
            ppm[e] = (int) graph.feeProportionalMillionths(e);
            cltv[e] = graph.cltvExpiryDelta(e);
        }
    }

    long feeBaseMsat(int e) {
        return base[e] & 0xFFFF_FFFFL;
    }

    long feeProportionalMillionths(int e) {
        return ppm[e] & 0xFFFF_FFFFL;
    }

    int cltvExpiryDelta(int e) {
        return cltv[e];
    }

    /** Whether the node knows direction e's channel has closed. */
    boolean closed(int e) {
        return closed[e];
    }

    /** Searches from now on use what any of {@code observers} (none: every node at once, the truth) knows at nowUs. */
    void believe(PolicyBeliefs beliefs, int[] observers, long nowUs) {
        PolicyUpdates t = beliefs.truth();
        if (truth == null) {
            truth = t;
        } else if (truth != t) {
            throw new IllegalArgumentException("a private router follows one run's policy updates");
        }
        if (!beliefs.active()) {
            return;
        }
        int f = beliefs.foldedCount(nowUs);
        for (int k = foldedCount; k < f; k++) {
            int e = t.direction(k);
            folded[e] = k;
            show(e, k);
        }
        foldedCount = f;
        PolicyBeliefs.Overlay o = observers.length == 0 ? beliefs.truthBeyondFolded(nowUs)
                : beliefs.believedByAny(observers, nowUs);
        if (++generation == 0) {
            java.util.Arrays.fill(mark, 0);
            generation = 1;
        }
        for (int i = 0; i < o.size(); i++) {
            int e = o.direction(i);
            mark[e] = generation;
            show(e, o.update(i));
        }
        for (int i = 0; i < patchedCount; i++) { // the previous overlay's directions this one no longer lists
            int e = patched[i];
            if (mark[e] != generation) {
                show(e, folded[e]);
            }
        }
        if (patched.length < o.size()) {
            patched = new int[Math.max(o.size(), 2 * patched.length)];
        }
        patchedCount = o.size();
        for (int i = 0; i < patchedCount; i++) {
            patched[i] = o.direction(i);
        }
    }

    /**
     * Makes direction e show update k (-1: its announced policy), writing only when it shows another: consecutive
     * searches believe mostly the same updates, so most of an overlay is already in place.
     */
    private void show(int e, int k) {
        if (shown[e] == k) {
            return;
        }
        shown[e] = k;
        if (k < 0) {
            write(e, graph.feeBaseMsat(e), graph.feeProportionalMillionths(e), graph.cltvExpiryDelta(e), false);
        } else {
            writeUpdate(e, k);
        }
    }

    private void writeUpdate(int e, int k) {
        write(e, truth.updateFeeBaseMsat(k), truth.updateFeeProportionalMillionths(k), truth.updateCltvExpiryDelta(k),
                truth.isClose(k));
    }

    private void write(int e, long feeBase, long feePpm, int delta, boolean isClosed) {
        base[e] = (int) feeBase;
        ppm[e] = (int) feePpm;
        cltv[e] = delta;
        closed[e] = isClosed;
        in.setPolicy(e, feeBase, feePpm, delta, isClosed);
    }
}
