package org.lnsim.protocols.ldk;

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
 * Issue 22: LDK's router on a private copy of the in-edge records set to what a node has heard by gossip
 * ({@link EdgeRecords#believeByGossip}) finds exactly the paths — directions, amounts with fees, CLTVs — it finds on
 * the records of a graph announcing those policies (the differential oracle: a rebuilt graph), over a sequence of
 * observers and times with updates and closes, on random graphs. The path's fees and CLTVs are computed after the
 * search from the policies, so this also checks that they read the believed ones.
 */
class LdkBeliefsTest {
    @Test
    void recordsSetToWhatGossipBroughtRouteAsAGraphAnnouncingIt() {
        SplittableRandom rnd = new SplittableRandom(21);
        int compared = 0;
        int found = 0;
        for (int trial = 0; trial < 6; trial++) {
            ChannelGraph g = SmallNets.randomPolicies(rnd, trial, 25, 80);
            PolicyBeliefs beliefs = SmallNets.busyBeliefs(g, trial);
            EdgeRecords mine = new EdgeRecords(g).privateCopy();
            LdkRouter router = new LdkRouter(g, mine, LdkSettings.DEFAULT);
            SmallNets.BeliefTracker tracker = new SmallNets.BeliefTracker(beliefs, g);
            for (int step = 0; step < 10; step++) {
                long now = 25_000_000L * step;
                int observer = rnd.nextInt(g.nodeCount());
                mine.believeByGossip(beliefs, observer, now);
                ChannelGraph announced = SmallNets.announcing(g, beliefs.truth(),
                        tracker.believed(new int[] {observer}, now));
                LdkRouter oracle = new LdkRouter(announced, new EdgeRecords(announced), LdkSettings.DEFAULT);
                for (int q = 0; q < 15; q++) {
                    int src = rnd.nextInt(g.nodeCount());
                    int dst = rnd.nextInt(g.nodeCount());
                    if (src == dst) {
                        continue;
                    }
                    long amt = rnd.nextLong(1_000, 50_000_000);
                    LdkRouter.Found want = oracle.find(src, dst, amt);
                    LdkRouter.Found got = router.find(src, dst, amt);
                    assertEquals(want.found(), got.found(), "trial " + trial + " step " + step);
                    assertEquals(want.paths().size(), got.paths().size());
                    for (int i = 0; i < got.paths().size(); i++) {
                        LdkRouter.Path w = want.paths().get(i);
                        LdkRouter.Path h = got.paths().get(i);
                        assertArrayEquals(w.directions(), h.directions(), "trial " + trial + " step " + step);
                        assertArrayEquals(w.amountsMsat(), h.amountsMsat());
                        assertArrayEquals(w.cltvs(), h.cltvs());
                    }
                    found += got.found() ? 1 : 0;
                    compared++;
                }
            }
        }
        assertTrue(compared > 400 && found > 100, compared + " compared, " + found + " found");
    }
}
