package org.lnsim.protocols.ldk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lnsim.protocols.routing.EdgeRecords;
import org.lnsim.protocols.testing.SmallNets;

/**
 * Issue 22: LDK's router on a private copy of the in-edge records set to what a node has heard by gossip
 * ({@link EdgeRecords#believeByGossip}) finds exactly the paths — directions, amounts with fees, CLTVs — it finds on
 * the records of a graph announcing those policies (the differential oracle: a rebuilt graph), over a sequence of
 * observers and times with updates and closes, on random graphs ({@link SmallNets#beliefSteps}). The path's fees and
 * CLTVs are computed after the search from the policies, so this also checks that they read the believed ones.
 */
class LdkBeliefsTest {
    private record Mine(EdgeRecords records, LdkRouter router) {
    }

    @Test
    void recordsSetToWhatGossipBroughtRouteAsAGraphAnnouncingIt() {
        SplittableRandom rnd = new SplittableRandom(21);
        int[] compared = new int[2];
        SmallNets.beliefSteps(rnd, 6, 10, g -> {
            EdgeRecords records = new EdgeRecords(g).privateCopy();
            return new Mine(records, new LdkRouter(g, records, LdkSettings.DEFAULT));
        }, (mine, beliefs, observer, now) -> mine.records().believeByGossip(beliefs, observer, now),
                (mine, announced, where) -> {
                    LdkRouter oracle = new LdkRouter(announced, new EdgeRecords(announced), LdkSettings.DEFAULT);
                    for (int q = 0; q < 15; q++) {
                        int src = rnd.nextInt(announced.nodeCount());
                        int dst = rnd.nextInt(announced.nodeCount());
                        if (src == dst) {
                            continue;
                        }
                        long amt = rnd.nextLong(1_000, 50_000_000);
                        LdkRouter.Found want = oracle.find(src, dst, amt);
                        LdkRouter.Found got = mine.router().find(src, dst, amt);
                        assertEquals(want.found(), got.found(), where);
                        assertEquals(want.paths().size(), got.paths().size());
                        for (int i = 0; i < got.paths().size(); i++) {
                            LdkRouter.Path w = want.paths().get(i);
                            LdkRouter.Path h = got.paths().get(i);
                            assertArrayEquals(w.directions(), h.directions(), where);
                            assertArrayEquals(w.amountsMsat(), h.amountsMsat());
                            assertArrayEquals(w.cltvs(), h.cltvs());
                        }
                        compared[0]++;
                        compared[1] += got.found() ? 1 : 0;
                    }
                });
        assertTrue(compared[0] > 400 && compared[1] > 100, compared[0] + " compared, " + compared[1] + " found");
    }
}
