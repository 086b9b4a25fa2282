package org.lnsim.protocols.lnd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lnsim.engine.policy.PolicyBeliefs;
import org.lnsim.network.ChannelGraph;
import org.lnsim.protocols.routing.EdgeRecords;
import org.lnsim.protocols.testing.SmallNets;

/**
 * Issue 22: lnd's router on a private copy of the in-edge records set to what a node believes
 * ({@link EdgeRecords#believe}) finds exactly what it finds on the records of a graph announcing those policies
 * (the differential oracle: the unchanged records of a rebuilt graph), over a sequence of observers and times with
 * updates and closes, on random graphs.
 */
class LndBeliefsTest {
    @Test
    void recordsSetToABeliefRouteAsAGraphAnnouncingIt() {
        SplittableRandom rnd = new SplittableRandom(20);
        int compared = 0;
        int found = 0;
        for (int trial = 0; trial < 6; trial++) {
            ChannelGraph g = SmallNets.randomPolicies(rnd, trial, 25, 80);
            PolicyBeliefs beliefs = SmallNets.busyBeliefs(g, trial);
            EdgeRecords mine = new EdgeRecords(g).privateCopy();
            LndRouter router = new LndRouter(g, mine);
            SmallNets.BeliefTracker tracker = new SmallNets.BeliefTracker(beliefs, g);
            for (int step = 0; step < 10; step++) {
                long now = 25_000_000L * step;
                int observer = rnd.nextInt(g.nodeCount());
                mine.believe(beliefs, new int[] {observer}, now);
                int[] believed = tracker.believed(new int[] {observer}, now);
                ChannelGraph announced = SmallNets.announcing(g, beliefs.truth(), believed);
                LndRouter oracle = new LndRouter(announced, new EdgeRecords(announced));
                LndSettings s = LndSettings.DEFAULT;
                for (int q = 0; q < 15; q++) {
                    int src = rnd.nextInt(g.nodeCount());
                    int dst = rnd.nextInt(g.nodeCount());
                    if (src == dst) {
                        continue;
                    }
                    long amt = rnd.nextLong(1_000, 50_000_000);
                    LndRouter.Probabilities probs = LndRouter.Probabilities.of(s.estimator(), null, now);
                    LndRouter.Bandwidth any = (e, a) -> true;
                    LndRouter.Query query = new LndRouter.Query(src, dst, amt, s.feeLimitMsat(amt), s.finalCltv(),
                            s.cltvLimit(), s.maxHops(), LndRouter.attemptCostMsat(amt, s.attemptCostMsat(),
                            s.attemptCostPpm()), s.minProbability(), probs, any);
                    LndRouter.Found want = oracle.find(query);
                    LndRouter.Found got = router.find(query);
                    assertEquals(want.found(), got.found());
                    assertArrayEquals(want.directions(), got.directions(), "trial " + trial + " step " + step);
                    assertArrayEquals(want.amountsMsat(), got.amountsMsat());
                    assertArrayEquals(want.cltvs(), got.cltvs());
                    found += got.found() ? 1 : 0;
                    compared++;
                }
            }
        }
        assertTrue(compared > 400 && found > 100, compared + " compared, " + found + " found");
    }
}
