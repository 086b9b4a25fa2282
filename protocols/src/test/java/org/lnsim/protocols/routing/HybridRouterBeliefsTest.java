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
import org.lnsim.protocols.testing.SmallNets;

/**
 * Issue 22: a private router set to what a node believes ({@link HybridRouter#believe}) finds exactly the routes a
 * fresh router finds on a graph that announces those policies — the differential oracle being the unchanged router
 * on a rebuilt graph. Over a sequence of observers and increasing times, so folding and undoing overlays are
 * exercised too, on random graphs whose directions have varied base, ppm and CLTV deltas, some of whose channels
 * close (a known close routes as a disabled direction).
 */
class HybridRouterBeliefsTest {
    @Test
    void aRouterSetToABeliefRoutesAsOnAGraphAnnouncingIt() {
        SplittableRandom rnd = new SplittableRandom(22);
        int compared = 0;
        int differFromAnnounced = 0;
        int closedSeen = 0;
        for (int trial = 0; trial < 8; trial++) {
            ChannelGraph g = SmallNets.randomPolicies(rnd, trial, 25, 80);
            PolicyBeliefs beliefs = SmallNets.busyBeliefs(g, trial);
            HybridRouter shared = new HybridRouter(g);
            HybridRouter mine = shared.privateCopy();
            PolicyUpdates truth = beliefs.truth();
            SmallNets.BeliefTracker tracker = new SmallNets.BeliefTracker(beliefs, g);
            for (int step = 0; step < 12; step++) {
                long now = 20_000_000L * step;
                // the truth, one node's view, or two nodes' pooled (beacon's sender and receiver)
                int[] observers = step % 3 == 2 ? new int[0] : step % 3 == 1
                        ? new int[] {rnd.nextInt(g.nodeCount()), rnd.nextInt(g.nodeCount())}
                        : new int[] {rnd.nextInt(g.nodeCount())};
                mine.believe(beliefs, observers, now);
                int[] believed = tracker.believed(observers, now);
                for (int k : believed) {
                    closedSeen += k >= 0 && truth.isClose(k) ? 1 : 0;
                }
                HybridRouter oracle = new HybridRouter(SmallNets.announcing(g, truth, believed));
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
    void aSharedRouterRefusesBeliefsAndAPrivateOneACopy() {
        ChannelGraph g = SmallNets.randomPolicies(new SplittableRandom(1), 0, 5, 10);
        PolicyBeliefs beliefs = PolicyBeliefs.create(g, PolicyChurn.NONE.withRate(10), new SplittableRandom(1), 1);
        assertThrows(IllegalStateException.class, () -> new HybridRouter(g).believe(beliefs, new int[] {0}, 0));
        HybridRouter mine = new HybridRouter(g).privateCopy();
        assertThrows(IllegalStateException.class, mine::privateCopy);
    }
}
