package org.lnsim.protocols.routing;

import java.util.Arrays;
import org.lnsim.engine.policy.PolicyBeliefs;
import org.lnsim.engine.policy.PolicyUpdates;
import org.lnsim.network.ChannelGraph;

/**
 * The policies a private {@link HybridRouter} searches on when the network's policies change during a run (issue
 * 22): per direction the update some node believes ({@code shown}; its fee base, ppm, CLTV delta and whether it
 * closed the channel are read from it), written into the router's own compact copy ({@link PolicyWords#setPolicy}:
 * the hybrid router's {@link InEdges}, lnd's {@link EdgeRecords}, read by the searches' inner loops, which therefore
 * cost nothing more).
 *
 * <p>Updates every node knows ({@link PolicyBeliefs#foldedCount}) are written once and stay; the overlay of one
 * observer's pending beliefs is written per {@link #believe} where it differs from what is shown, and the previous
 * overlay's directions it no longer lists go back to their folded policy. So a query costs the pending updates, not
 * the run's history, and writes only what changed since the last. One simulation thread only.
 */
public final class BelievedPolicies {
    private final ChannelGraph graph;
    private final PolicyWords in;
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

    /** Beliefs written into {@code in}, which starts with the graph's announced policies. */
    public BelievedPolicies(ChannelGraph graph, PolicyWords in) {
        this.graph = graph;
        this.in = in;
        int d = 2 * graph.channelCount();
        folded = new int[d];
        Arrays.fill(folded, -1);
        shown = new int[d];
        Arrays.fill(shown, -1);
        mark = new int[d];
    }

    // What direction e shows, derived from the update it shows (the graph's for -1): read by the hybrid router's
    // graph-side code (BFG, the sender's own hops, building the route); the searches' inner loops read the copy.

    /** Direction e's fee_base_msat as shown now. */
    long feeBaseMsat(int e) {
        int k = shown[e];
        return k < 0 ? graph.feeBaseMsat(e) : truth.updateFeeBaseMsat(k);
    }

    /** Direction e's fee_proportional_millionths as shown now. */
    long feeProportionalMillionths(int e) {
        int k = shown[e];
        return k < 0 ? graph.feeProportionalMillionths(e) : truth.updateFeeProportionalMillionths(k);
    }

    /** Direction e's cltv_expiry_delta as shown now. */
    int cltvExpiryDelta(int e) {
        int k = shown[e];
        return k < 0 ? graph.cltvExpiryDelta(e) : truth.updateCltvExpiryDelta(k);
    }

    /** Whether the node knows direction e's channel has closed. */
    boolean closed(int e) {
        int k = shown[e];
        return k >= 0 && truth.isClose(k);
    }

    /** Searches from now on use what any of {@code observers} (none: every node at once, the truth) knows at nowUs. */
    public void believe(PolicyBeliefs beliefs, int[] observers, long nowUs) {
        believe(beliefs, observers, nowUs, true);
    }

    /**
     * As {@link #believe(PolicyBeliefs, int[], long)}; with {@code failures} false, by gossip alone (one observer):
     * the channel_updates that failures returned are not applied ({@link PolicyBeliefs#believedByGossip}).
     */
    public void believe(PolicyBeliefs beliefs, int[] observers, long nowUs, boolean failures) {
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
                : !failures ? beliefs.believedByGossip(observers[0], nowUs)
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
            in.setPolicy(e, graph.feeBaseMsat(e), graph.feeProportionalMillionths(e), graph.cltvExpiryDelta(e), false);
        } else {
            writeUpdate(e, k);
        }
    }

    private void writeUpdate(int e, int k) {
        in.setPolicy(e, truth.updateFeeBaseMsat(k), truth.updateFeeProportionalMillionths(k),
                truth.updateCltvExpiryDelta(k), truth.isClose(k));
    }
}
