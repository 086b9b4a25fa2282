package org.lnsim.protocols.pickhardt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lnsim.network.ChannelGraph;
import org.lnsim.protocols.routing.BelievedPolicies;
import org.lnsim.protocols.testing.SmallNets;

/**
 * Issue 22: askrene's planner whose table is set to what a node has heard by gossip
 * ({@link BelievedPolicies} writing into {@link Mcf}) makes exactly the plan — paths, amounts with fees, CLTVs — it
 * makes on a graph announcing those policies (the differential oracle: a rebuilt graph, closed channels as disabled
 * directions), over a sequence of observers and times with updates and closes, on random graphs.
 */
class PickhardtBeliefsTest {
    /** Every usable direction of g within [0, capacity], the sender's own too. */
    private static Bounds bounds(ChannelGraph g) {
        return new Bounds() {
            @Override
            public boolean usable(int e, int from) {
                return g.isUsable(e);
            }

            @Override
            public long minMsat(int e, int from) {
                return 0;
            }

            @Override
            public long maxMsat(int e, int from, long capacityMsat) {
                return capacityMsat;
            }
        };
    }

    private record Mine(ChannelGraph graph, Planner planner, BelievedPolicies believed) {
    }

    @Test
    void aTableSetToWhatGossipBroughtPlansAsAGraphAnnouncingIt() {
        SplittableRandom rnd = new SplittableRandom(22);
        int[] compared = new int[2];
        SmallNets.beliefSteps(rnd, 5, 8, g -> {
            Planner planner = new Planner(g, Mcf.UNITS, Planner.SINGLE_PATH_THRESHOLD_MSAT);
            return new Mine(g, planner, new BelievedPolicies(g, planner.mcf()));
        }, (mine, beliefs, observer, now) -> mine.believed().believe(beliefs, new int[] {observer}, now, false),
                (mine, announced, where) -> {
                    Planner oracle = new Planner(announced, Mcf.UNITS, Planner.SINGLE_PATH_THRESHOLD_MSAT);
                    Policies announcedPrices = Policies.announced(announced);
                    for (int q = 0; q < 10; q++) {
                        int src = rnd.nextInt(announced.nodeCount());
                        int dst = rnd.nextInt(announced.nodeCount());
                        if (src == dst) {
                            continue;
                        }
                        long amt = rnd.nextLong(100_000, 50_000_000);
                        Planner.Plan want = oracle.plan(src, dst, amt, amt / 20 + 50_000, 18, 2016, 16, 20, 1,
                                bounds(announced));
                        // the graph under test announces the channels as they were: the table the beliefs were
                        // written into keeps a closed one from carrying anything
                        Planner.Plan got = mine.planner().plan(src, dst, amt, amt / 20 + 50_000, 18, 2016, 16, 20, 1,
                                bounds(mine.graph()));
                        assertEquals(want.failure(), got.failure(), where);
                        assertEquals(want.flows().size(), got.flows().size());
                        for (int i = 0; i < got.flows().size(); i++) {
                            Flow w = want.flows().get(i);
                            Flow h = got.flows().get(i);
                            assertArrayEquals(w.dirs, h.dirs, where);
                            assertEquals(w.deliverMsat, h.deliverMsat);
                            assertArrayEquals(w.amounts(announcedPrices), h.amounts(mine.planner().mcf()));
                            assertArrayEquals(w.cltvs(announcedPrices, 18), h.cltvs(mine.planner().mcf(), 18));
                        }
                        compared[0]++;
                        compared[1] += got.found() ? 1 : 0;
                    }
                });
        assertTrue(compared[0] > 250 && compared[1] > 80, compared[0] + " compared, " + compared[1] + " found");
    }
}
