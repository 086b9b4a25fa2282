package org.lnsim.protocols.cloth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lnsim.protocols.cloth.ClothNet.A;
import static org.lnsim.protocols.cloth.ClothNet.B;
import static org.lnsim.protocols.cloth.ClothNet.C;
import static org.lnsim.protocols.cloth.ClothNet.R;
import static org.lnsim.protocols.cloth.ClothNet.S;

import org.junit.jupiter.api.Test;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.ChannelGraphBuilder;
import org.lnsim.network.NodeIds;
import org.lnsim.network.ShortChannelId;

/** CLoTH's dijkstra (src/routing.c at e0e4043): its formulas and edge rules, by hand. */
class ClothRouterTest {
    /** Every own direction holds {@code balance}; no memory (0.95 own, 0.6 elsewhere). */
    private static ClothRouter.SenderView fresh(int sender, long balance) {
        return new ClothRouter.SenderView() {
            @Override
            public long balanceMsat(int e) {
                return balance;
            }

            @Override
            public double probability(int from, int to, long amtMsat) {
                return from == sender ? 0.95 : 0.6;
            }
        };
    }

    /**
     * get_edge_weight charges the amount to receive, fee included: 10,050,000 msat × 40 × 15 / 10⁹ = 6.03, plus the
     * 50,000 msat fee = 50,006.03. get_probability_based_dist: 50,006.03 + 100,000 / 0.57 = 225,444.63, truncated to
     * 225,444; below probability 10⁻⁵: infinity.
     */
    @Test
    void weightAndDistanceByHand() {
        assertEquals(50_006.03, ClothRouter.edgeWeight(10_050_000, 50_000, 40), 1e-9);
        assertEquals(225_444, ClothRouter.distance(50_006.03, 0.57));
        assertEquals(ClothRouter.INF, ClothRouter.distance(0, 0.000009));
    }

    /**
     * 10,000,000 msat S→R. Via A: A→R fee 50,000, weight 50,006.03 (above), probability 0.95 × 0.6 = 0.57, distance
     * 225,444. Via B, C: C→R fee 1, weight 10,000,001 × 600 / 10⁹ + 1 = 7.0000006; B→C fee 1, weight + 10,000,002 ×
     * 600 / 10⁹ + 1 = 14.0000018; probability 0.95 × 0.6 × 0.6 = 0.342, distance 14 + 292,397.66 = 292,411. The
     * attempt penalty over one more 0.6 hop (116,959) outweighs the 49,998 msat saved: CLoTH pays A's fee.
     */
    @Test
    void oneHopLessOutweighsTheFee() {
        ChannelGraph g = ClothNet.graph();
        ClothRouter router = new ClothRouter(g);
        ClothRouter.Path p = router.find(S, R, 10_000_000, fresh(S, 500_000_000));
        assertTrue(p.found());
        assertEquals(2, p.directions().length);
        assertEquals(A, g.target(p.directions()[0]));
        // the sender's channel to A cannot carry the 10,050,000 msat: via B and C
        ClothRouter.SenderView noA = new ClothRouter.SenderView() {
            @Override
            public long balanceMsat(int e) {
                return g.target(e) == A ? 10_049_999 : 500_000_000;
            }

            @Override
            public double probability(int from, int to, long amtMsat) {
                return from == S ? 0.95 : 0.6;
            }
        };
        ClothRouter.Path viaB = router.find(S, R, 10_000_000, noA);
        assertEquals(3, viaB.directions().length);
        assertEquals(B, g.target(viaB.directions()[0]));
    }

    /**
     * Before searching: an amount above the sum of the sender's balances is "no local balance", above the largest
     * "no path"; a path whose probability falls below 0.01 is dropped (0.95 × 0.1 = 0.095 passes, × 0.1 more fails).
     */
    @Test
    void balanceAndProbabilityLimits() {
        ChannelGraph g = ClothNet.graph();
        ClothRouter router = new ClothRouter(g);
        assertEquals("no local balance", router.find(S, R, 10_000_000, fresh(S, 4_000_000)).failure());
        assertEquals("no path", router.find(S, R, 10_000_000, fresh(S, 6_000_000)).failure());
        ClothRouter.SenderView low = new ClothRouter.SenderView() {
            @Override
            public long balanceMsat(int e) {
                return 500_000_000;
            }

            @Override
            public double probability(int from, int to, long amtMsat) {
                return from == S ? 0.95 : 0.1;
            }
        };
        ClothRouter.Path p = router.find(S, R, 10_000_000, low); // via A: 0.095; via B, C: 0.0095 < 0.01
        assertEquals(A, g.target(p.directions()[0]));
    }

    /**
     * A line of 29 nodes, 28 hops, all probabilities 1 (the limit 0.01 never bites): CLoTH finds the path, then
     * refuses it for being longer than HOPSLIMIT 27 — no shorter fallback. 27 hops pass.
     */
    @Test
    void theHopLimitIsCheckedOnTheFoundPath() {
        ChannelGraphBuilder b = new ChannelGraphBuilder();
        for (int i = 0; i < 29; i++) {
            b.addNode(NodeIds.fromIndex(i + 1));
        }
        for (int i = 0; i < 28; i++) {
            int c = b.addChannel(ShortChannelId.of(i + 1, 0, 0), i, i + 1, 1_000_000);
            b.setPolicy(c, i, ClothNet.policy(0));
            b.setPolicy(c, i + 1, ClothNet.policy(0));
        }
        ChannelGraph g = b.build();
        ClothRouter router = new ClothRouter(g);
        ClothRouter.SenderView sure = new ClothRouter.SenderView() {
            @Override
            public long balanceMsat(int e) {
                return 500_000_000;
            }

            @Override
            public double probability(int from, int to, long amtMsat) {
                return 1.0;
            }
        };
        assertEquals("no path", router.find(0, 28, 1_000, sure).failure());
        ClothRouter.Path ok = router.find(0, 27, 1_000, sure);
        assertEquals(27, ok.directions().length);
        assertArrayEquals(new int[0], router.find(0, 28, 1_000, sure).directions());
    }

    /**
     * A run's views (SenderView.of) let the pruned search bound the sender's distance from its neighbours' labels
     * before the sender has one, and leave unqueued the labels it would only prune. On the tests' network, for every
     * sender and receiver, four amounts (1 sat up to above a channel), three balance layouts (ample, A's channel just
     * short of A's 50,000 msat fee, the sender's channels short of the fee ceiling) and three memories (none, a
     * failure at A, a success through B), it finds what the full search finds reading the same probabilities
     * through a plain view: the same path and distance, or the same failure.
     */
    @Test
    void runViewsFindWhatThePlainFullSearchFinds() {
        ChannelGraph g = ClothNet.graph();
        ClothRouter pruned = new ClothRouter(g, true);
        ClothRouter full = new ClothRouter(g, false);
        long[] amounts = {1_000, 10_000_000, 200_000_000, 1_200_000_000};
        int cases = 0;
        for (int s = 0; s < g.nodeCount(); s++) {
            for (int t = 0; t < g.nodeCount(); t++) {
                for (long amt : amounts) {
                    for (int layout = 0; layout < 3; layout++) {
                        for (int mem = 0; mem < 3; mem++) {
                            final int lay = layout;
                            java.util.function.IntToLongFunction bal = e -> lay == 0 ? 500_000_000
                                    : lay == 1 ? (g.target(e) == A ? amt + 49_999 : 500_000_000) : amt + 10;
                            ClothMemory m = null;
                            if (mem == 1) {
                                m = new ClothMemory(ClothSettings.DEFAULT.halfLifeS());
                                m.fail(A, R, 1, 1_000_000);
                            } else if (mem == 2) {
                                m = new ClothMemory(ClothSettings.DEFAULT.halfLifeS());
                                m.success(B, C, 2_000_000_000, 1_000_000);
                                m.success(C, R, 2_000_000_000, 1_000_000);
                            }
                            ClothRouter.SenderView run = ClothRouter.SenderView.of(s, bal, m, 2_000_000);
                            ClothRouter.SenderView plain = ClothNet.plain(run);
                            ClothRouter.Path a = pruned.find(s, t, amt, run);
                            ClothRouter.Path b = full.find(s, t, amt, plain);
                            String what = s + "->" + t + " " + amt + " layout " + layout + " memory " + mem;
                            assertEquals(b.failure(), a.failure(), what);
                            assertArrayEquals(b.directions(), a.directions(), what);
                            assertEquals(b.distance(), a.distance(), what);
                            cases += a.found() ? 1 : 0;
                        }
                    }
                }
            }
        }
        assertTrue(cases > 100, "paths found: " + cases);
    }
}
