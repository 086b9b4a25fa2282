package org.lnsim.protocols.pickhardt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lnsim.engine.policy.PolicyBeliefs;
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
    /** Every usable direction within [0, capacity], the sender's own at capacity; closed ones as {@code closed} says. */
    private static Bounds bounds(ChannelGraph g, java.util.function.IntPredicate closed) {
        return new Bounds() {
            @Override
            public boolean usable(int e, int from) {
                return g.isUsable(e) && !closed.test(e);
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

    @Test
    void aTableSetToWhatGossipBroughtPlansAsAGraphAnnouncingIt() {
        SplittableRandom rnd = new SplittableRandom(22);
        int compared = 0;
        int found = 0;
        for (int trial = 0; trial < 5; trial++) {
            ChannelGraph g = SmallNets.randomPolicies(rnd, trial, 25, 80);
            PolicyBeliefs beliefs = SmallNets.busyBeliefs(g, trial);
            Planner mine = new Planner(g, Mcf.UNITS, Planner.SINGLE_PATH_THRESHOLD_MSAT);
            BelievedPolicies believed = new BelievedPolicies(g, mine.mcf());
            SmallNets.BeliefTracker tracker = new SmallNets.BeliefTracker(beliefs, g);
            for (int step = 0; step < 8; step++) {
                long now = 25_000_000L * step;
                int observer = rnd.nextInt(g.nodeCount());
                believed.believe(beliefs, new int[] {observer}, now, false);
                ChannelGraph announced = SmallNets.announcing(g, beliefs.truth(),
                        tracker.believed(new int[] {observer}, now));
                Planner oracle = new Planner(announced, Mcf.UNITS, Planner.SINGLE_PATH_THRESHOLD_MSAT);
                Policies announcedPrices = Policies.announced(announced);
                for (int q = 0; q < 10; q++) {
                    int src = rnd.nextInt(g.nodeCount());
                    int dst = rnd.nextInt(g.nodeCount());
                    if (src == dst) {
                        continue;
                    }
                    long amt = rnd.nextLong(100_000, 50_000_000);
                    Planner.Plan want = oracle.plan(src, dst, amt, amt / 20 + 50_000, 18, 2016, 16, 20, 1,
                            bounds(announced, e -> false));
                    Planner.Plan got = mine.plan(src, dst, amt, amt / 20 + 50_000, 18, 2016, 16, 20, 1,
                            bounds(g, believed::closed));
                    assertEquals(want.failure(), got.failure(), "trial " + trial + " step " + step);
                    assertEquals(want.flows().size(), got.flows().size());
                    for (int i = 0; i < got.flows().size(); i++) {
                        Flow w = want.flows().get(i);
                        Flow h = got.flows().get(i);
                        assertArrayEquals(w.dirs, h.dirs, "trial " + trial + " step " + step);
                        assertEquals(w.deliverMsat, h.deliverMsat);
                        assertArrayEquals(w.amounts(announcedPrices), h.amounts(mine.mcf()));
                        assertArrayEquals(w.cltvs(announcedPrices, 18), h.cltvs(mine.mcf(), 18));
                    }
                    found += got.found() ? 1 : 0;
                    compared++;
                }
            }
        }
        assertTrue(compared > 250 && found > 80, compared + " compared, " + found + " found");
    }
}
