package org.lnsim.protocols.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lnsim.engine.policy.PolicyBeliefs;
import org.lnsim.engine.policy.PolicyChurn;
import org.lnsim.engine.policy.PolicyUpdates;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.ChannelGraphBuilder;
import org.lnsim.network.ChannelPolicy;
import org.lnsim.network.NodeIds;
import org.lnsim.network.ShortChannelId;

/**
 * Issue 22: a private router set to what a node believes ({@link HybridRouter#believe}) finds exactly the routes a
 * fresh router finds on a graph that announces those policies — the differential oracle being the unchanged router
 * on a rebuilt graph. Over a sequence of observers and increasing times, so folding and undoing overlays are
 * exercised too, on random graphs whose directions have varied base, ppm and CLTV deltas, some of whose channels
 * close (a known close routes as a disabled direction).
 */
class HybridRouterBeliefsTest {
    private static ChannelGraph random(SplittableRandom rnd, int trial, int n, int tries) {
        ChannelGraphBuilder b = new ChannelGraphBuilder();
        for (int i = 0; i < n; i++) {
            b.addNode(NodeIds.fromIndex(i + 1));
        }
        int[] deltas = {14, 40, 144};
        for (int k = 0; k < tries; k++) {
            int u = rnd.nextInt(n);
            int v = rnd.nextInt(n);
            if (u == v) {
                continue;
            }
            int ch = b.addChannel(ShortChannelId.of(k + 1, trial, 0), u, v, rnd.nextInt(100_000, 2_000_000));
            for (int side : new int[] {u, v}) {
                if (rnd.nextInt(5) > 0) {
                    b.setPolicy(ch, side, new ChannelPolicy(rnd.nextInt(0, 5_000), rnd.nextInt(0, 3_000),
                            deltas[rnd.nextInt(3)], 0, ChannelPolicy.NO_HTLC_MAXIMUM, false));
                }
            }
        }
        return b.build();
    }

    /** {@code g} announcing, for each direction, the policy of update {@code believed[e]} (-1: its own). */
    private static ChannelGraph announcing(ChannelGraph g, PolicyUpdates truth, int[] believed) {
        ChannelGraphBuilder b = new ChannelGraphBuilder();
        for (int v = 0; v < g.nodeCount(); v++) {
            b.addNode(g.nodeId(v));
        }
        for (int c = 0; c < g.channelCount(); c++) {
            int ch = b.addChannel(g.scid(c), g.node1(c), g.node2(c), g.capacitySat(c));
            for (int d = 0; d < 2; d++) {
                int e = ChannelGraph.direction(c, d);
                ChannelPolicy p = g.policy(e);
                if (p == null) {
                    continue;
                }
                int k = believed[e];
                if (k >= 0) { // a closed channel as the announcement of a disabled direction: never used either way
                    p = new ChannelPolicy(truth.updateFeeBaseMsat(k), truth.updateFeeProportionalMillionths(k),
                            truth.updateCltvExpiryDelta(k), p.htlcMinimumMsat(), p.htlcMaximumMsat(),
                            p.disabled() || truth.isClose(k));
                }
                b.setPolicy(ch, g.source(e), p);
            }
        }
        return b.build();
    }

    @Test
    void aRouterSetToABeliefRoutesAsOnAGraphAnnouncingIt() {
        SplittableRandom rnd = new SplittableRandom(22);
        int compared = 0;
        int differFromAnnounced = 0;
        int closedSeen = 0;
        for (int trial = 0; trial < 8; trial++) {
            ChannelGraph g = random(rnd, trial, 25, 80);
            // 2,000 updates per direction per day: about one a minute per direction, many still on their way
            // and 200 closes per channel per day: a few channels close within the steps' 4 minutes
            PolicyBeliefs beliefs = PolicyBeliefs.create(g, new PolicyChurn(2_000, PolicyChurn.BROADCAST_INTERVAL_US,
                    PolicyChurn.PER_HOP_DELAY_US, 2.0, 0.44, 200), new SplittableRandom(trial), trial);
            HybridRouter shared = new HybridRouter(g);
            HybridRouter mine = shared.privateCopy();
            PolicyUpdates truth = beliefs.truth();
            int[] folded = new int[2 * g.channelCount()];
            java.util.Arrays.fill(folded, -1);
            int foldedUpTo = 0;
            for (int step = 0; step < 12; step++) {
                long now = 20_000_000L * step;
                // the truth, one node's view, or two nodes' pooled (beacon's sender and receiver)
                int[] observers = step % 3 == 2 ? new int[0] : step % 3 == 1
                        ? new int[] {rnd.nextInt(g.nodeCount()), rnd.nextInt(g.nodeCount())}
                        : new int[] {rnd.nextInt(g.nodeCount())};
                mine.believe(beliefs, observers, now);
                int f = beliefs.foldedCount(now);
                for (int k = foldedUpTo; k < f; k++) {
                    folded[truth.direction(k)] = k;
                }
                foldedUpTo = f;
                int[] believed = folded.clone();
                PolicyBeliefs.Overlay o = observers.length == 0 ? beliefs.truthBeyondFolded(now)
                        : beliefs.believedByAny(observers, now);
                for (int i = 0; i < o.size(); i++) {
                    believed[o.direction(i)] = o.update(i);
                }
                for (int k : believed) {
                    closedSeen += k >= 0 && truth.isClose(k) ? 1 : 0;
                }
                HybridRouter oracle = new HybridRouter(announcing(g, truth, believed));
                for (int q = 0; q < 15; q++) {
                    int s = rnd.nextInt(g.nodeCount());
                    int t = rnd.nextInt(g.nodeCount());
                    if (s == t) {
                        continue;
                    }
                    RouteRequest req = RouteRequest.of(s, t, rnd.nextLong(1_000, 50_000_000))
                            .withFuzz(0.05, rnd.nextLong())
                            .withMaxHops(rnd.nextBoolean() ? 2 : 20); // 2: the BFG fallback, which reads the graph side
                    Route want = oracle.find(req);
                    Route got = mine.find(req);
                    assertEquals(want.found(), got.found());
                    if (want.found()) {
                        assertEquals(want.hops(), got.hops(), "trial " + trial + " step " + step);
                        assertEquals(want.costMsat(), got.costMsat());
                        Route announced = shared.find(req);
                        differFromAnnounced += announced.found() && !announced.hops().equals(got.hops()) ? 1 : 0;
                    }
                    compared++;
                }
            }
        }
        assertTrue(compared > 500, "queries compared: " + compared);
        assertTrue(differFromAnnounced > 20, "routes that the beliefs changed: " + differFromAnnounced);
        assertTrue(closedSeen > 0, "some believed closes");
    }

    @Test
    void aSharedRouterRefusesBeliefs() {
        ChannelGraph g = random(new SplittableRandom(1), 0, 5, 10);
        PolicyBeliefs beliefs = PolicyBeliefs.create(g, PolicyChurn.NONE.withRate(10), new SplittableRandom(1), 1);
        assertThrows(IllegalStateException.class, () -> new HybridRouter(g).believe(beliefs, 0, 0));
    }
}
