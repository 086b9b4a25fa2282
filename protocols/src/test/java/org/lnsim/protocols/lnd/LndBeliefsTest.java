package org.lnsim.protocols.lnd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lnsim.protocols.routing.EdgeRecords;
import org.lnsim.protocols.testing.SmallNets;

/**
 * Issue 22: lnd's router on a private copy of the in-edge records set to what a node believes
 * ({@link EdgeRecords#believe}) finds exactly what it finds on the records of a graph announcing those policies
 * (the differential oracle: the unchanged records of a rebuilt graph), over a sequence of observers and times with
 * updates and closes, on random graphs ({@link SmallNets#beliefSteps}).
 */
class LndBeliefsTest {
    private record Mine(EdgeRecords records, LndRouter router) {
    }

    @Test
    void recordsSetToABeliefRouteAsAGraphAnnouncingIt() {
        SplittableRandom rnd = new SplittableRandom(20);
        int[] compared = new int[2];
        LndSettings s = LndSettings.DEFAULT;
        SmallNets.beliefSteps(rnd, 6, 10, g -> {
            EdgeRecords records = new EdgeRecords(g).privateCopy();
            return new Mine(records, new LndRouter(g, records));
        }, (mine, beliefs, observer, now) -> mine.records().believe(beliefs, new int[] {observer}, now),
                (mine, announced, where) -> {
                    LndRouter oracle = new LndRouter(announced, new EdgeRecords(announced));
                    for (int q = 0; q < 15; q++) {
                        int src = rnd.nextInt(announced.nodeCount());
                        int dst = rnd.nextInt(announced.nodeCount());
                        if (src == dst) {
                            continue;
                        }
                        long amt = rnd.nextLong(1_000, 50_000_000);
                        // no pair history, so the estimate does not depend on the time
                        LndRouter.Probabilities probs = LndRouter.Probabilities.of(s.estimator(), null, 0);
                        LndRouter.Bandwidth any = (e, a) -> true;
                        LndRouter.Query query = new LndRouter.Query(src, dst, amt, s.feeLimitMsat(amt), s.finalCltv(),
                                s.cltvLimit(), s.maxHops(), LndRouter.attemptCostMsat(amt, s.attemptCostMsat(),
                                s.attemptCostPpm()), s.minProbability(), probs, any);
                        LndRouter.Found want = oracle.find(query);
                        LndRouter.Found got = mine.router().find(query);
                        assertEquals(want.found(), got.found(), where);
                        assertArrayEquals(want.directions(), got.directions(), where);
                        assertArrayEquals(want.amountsMsat(), got.amountsMsat());
                        assertArrayEquals(want.cltvs(), got.cltvs());
                        compared[0]++;
                        compared[1] += got.found() ? 1 : 0;
                    }
                });
        assertTrue(compared[0] > 400 && compared[1] > 100, compared[0] + " compared, " + compared[1] + " found");
    }
}
