package org.lnsim.protocols.lnd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.jgrapht.Graph;
import org.jgrapht.GraphPath;
import org.jgrapht.alg.shortestpath.DijkstraShortestPath;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.DirectedWeightedPseudograph;
import org.junit.jupiter.api.Test;
import org.lnsim.network.ChannelGraph;
import org.lnsim.protocols.testing.SmallNets;
import org.lnsim.network.ChannelGraphBuilder;
import org.lnsim.network.ChannelPolicy;
import org.lnsim.network.NodeIds;
import org.lnsim.network.ShortChannelId;

/** lnd v0.18.5-beta's path finding formulas and search, hand-worked, and against JGraphT. */
class LndRouterTest {
    private static final LndRouter.Bandwidth ANY = (e, amt) -> true;

    /** Uniform probability for every pair and own channel. */
    private static LndRouter.Probabilities uniform(double p) {
        return new LndRouter.Probabilities() {
            @Override
            public double pair(int from, int to, long amtMsat, long capacityMsat) {
                return p;
            }

            @Override
            public double local(int from, int to) {
                return p;
            }
        };
    }

    /** The apriori estimator without history. */
    private static LndRouter.Probabilities apriori() {
        return LndRouter.Probabilities.of(Apriori.DEFAULT, null, 0);
    }

    /**
     * weight = fee + locked × delta × 15 / 10⁹: 1,000,000,000 msat locked for 40 blocks → 600, plus a 1,000 msat fee
     * = 1,600. 10,000,000 msat for 144 blocks: 21.6, truncated to 21.
     */
    @Test
    void edgeWeightByHand() {
        assertEquals(1_600, LndRouter.edgeWeight(1_000_000_000, 1_000, 40));
        assertEquals(21, LndRouter.edgeWeight(10_000_000, 0, 144));
    }

    /**
     * Attempt cost for 1,000,000,000 msat: 100,000 + 1,000,000,000 × 1,000 / 10⁶ = 1,100,000 msat. Distance with
     * weight 1,600 and probability 0.36: 1,600 + 1,100,000 / 0.36 = 3,057,155.6, truncated to 3,057,155. Probability
     * 0: infinity.
     */
    @Test
    void distanceAddsAttemptCostOverProbability() {
        double c = LndRouter.attemptCostMsat(1_000_000_000, 100_000, 1_000);
        assertEquals(1_100_000, c);
        assertEquals(3_057_155, LndRouter.distance(1_600, 0.36, c));
        assertEquals(LndRouter.INFINITY, LndRouter.distance(1_600, 0, c));
    }

    /**
     * S→A→R against S→B→R for 10,000,000 msat, all untried. Own channels S→A, S→B: no fee, no delay, probability
     * 0.95. A→R (base 1,000, 100 ppm, delta 40): fee 1,000 + 1,000 = 2,000, risk 10⁷ × 40 × 15 / 10⁹ = 6, weight
     * 2,006. B→R (free, delta 144): weight 21. Both probability 0.6 (capacity factor 1 at 1 % of 1,000,000 sat):
     * route 0.95 × 0.6 = 0.57. Attempt cost 100,000 + 10,000 = 110,000: via A 2,006 + 192,982.5 = 194,988, via B
     * 21 + 192,982.5 = 193,003. B wins; no fee is paid (B's fee is 0). A minimum probability of 0.6 drops both.
     */
    @Test
    void picksTheLowestDistanceByHand() {
        ChannelGraphBuilder b = new ChannelGraphBuilder();
        int s = b.addNode(NodeIds.fromIndex(1));
        int a = b.addNode(NodeIds.fromIndex(2));
        int bb = b.addNode(NodeIds.fromIndex(3));
        int r = b.addNode(NodeIds.fromIndex(4));
        ChannelPolicy own = new ChannelPolicy(5_000, 5_000, 99, 0, ChannelPolicy.NO_HTLC_MAXIMUM, false);
        ChannelPolicy back = new ChannelPolicy(1000, 1, 40, 0, ChannelPolicy.NO_HTLC_MAXIMUM, false);
        int sa = b.addChannel(ShortChannelId.of(1, 0, 0), s, a, 1_000_000);
        b.setPolicy(sa, s, own);
        b.setPolicy(sa, a, back);
        int ar = b.addChannel(ShortChannelId.of(2, 0, 0), a, r, 1_000_000);
        b.setPolicy(ar, a, new ChannelPolicy(1_000, 100, 40, 0, ChannelPolicy.NO_HTLC_MAXIMUM, false));
        b.setPolicy(ar, r, back);
        int sb = b.addChannel(ShortChannelId.of(3, 0, 0), s, bb, 1_000_000);
        b.setPolicy(sb, s, own);
        b.setPolicy(sb, bb, back);
        int br = b.addChannel(ShortChannelId.of(4, 0, 0), bb, r, 1_000_000);
        b.setPolicy(br, bb, new ChannelPolicy(0, 0, 144, 0, ChannelPolicy.NO_HTLC_MAXIMUM, false));
        b.setPolicy(br, r, back);
        ChannelGraph g = b.build();
        LndRouter router = new LndRouter(g);
        double c = LndRouter.attemptCostMsat(10_000_000, 100_000, 1_000);
        LndRouter.Found f = router.find(new LndRouter.Query(s, r, 10_000_000, 1_000_000, 18, 2016, 20, c, 0.01,
                apriori(), ANY));
        assertTrue(f.found());
        assertEquals(2, f.hops());
        assertEquals(bb, g.target(f.directions()[0]));
        assertEquals(0, f.feeMsat());
        assertEquals(0.57, f.probability(), 1e-12);
        assertEquals(193_003, f.distance());
        assertArrayEquals(new int[] {18 + 144, 18}, f.cltvs());
        // the sender's own channel to B cannot carry it: via A, paying A's 2,000 msat fee
        LndRouter.Found viaA = router.find(new LndRouter.Query(s, r, 10_000_000, 1_000_000, 18, 2016, 20, c, 0.01,
                apriori(), (e, amt) -> g.target(e) != bb));
        assertEquals(a, g.target(viaA.directions()[0]));
        assertEquals(2_000, viaA.feeMsat());
        assertEquals(194_988, viaA.distance());
        assertArrayEquals(new long[] {10_002_000, 10_000_000}, viaA.amountsMsat());
        assertFalse(router.find(new LndRouter.Query(s, r, 10_000_000, 1_000_000, 18, 2016, 20, c, 0.6,
                apriori(), ANY)).found());
    }

    /**
     * With a uniform probability of 1 the distance is the weight plus a constant attempt cost, so lnd's search is a
     * shortest path: on random graphs with base fees only (ppm 0) and an amount so small that the time-lock risk
     * truncates to 0 (1,000 msat × 40 × 15 / 10⁹ = 0.0006), a hop u → v weighs u's base fee, and 0 when u is the
     * sender. The route's weight must be JGraphT Dijkstra's shortest distance on those weights.
     */
    @Test
    void uniformProbabilityMatchesJGraphTDijkstra() {
        SplittableRandom rnd = new SplittableRandom(20);
        int checked = 0;
        for (int trial = 0; trial < 5; trial++) {
            int n = 40;
            ChannelGraph g = SmallNets.randomBaseFees(rnd, trial, n, 120, 10_000);
            LndRouter router = new LndRouter(g);
            for (int q = 0; q < 20; q++) {
                int s = rnd.nextInt(n);
                int t = rnd.nextInt(n);
                if (s == t) {
                    continue;
                }
                Graph<Integer, DefaultWeightedEdge> jg = new DirectedWeightedPseudograph<>(DefaultWeightedEdge.class);
                for (int i = 0; i < n; i++) {
                    jg.addVertex(i);
                }
                for (int e = 0; e < 2 * g.channelCount(); e++) {
                    if (g.isUsable(e)) {
                        DefaultWeightedEdge je = jg.addEdge(g.source(e), g.target(e));
                        jg.setEdgeWeight(je, g.source(e) == s ? 0 : g.feeBaseMsat(e));
                    }
                }
                GraphPath<Integer, DefaultWeightedEdge> best = new DijkstraShortestPath<>(jg).getPath(s, t);
                LndRouter.Found f = router.find(new LndRouter.Query(s, t, 1_000, Long.MAX_VALUE / 4, 18, 65_535,
                        27, 100_000, 0.01, uniform(1.0), ANY));
                assertEquals(best != null, f.found(), "reachability " + s + "->" + t);
                if (best != null) {
                    assertEquals((long) best.getWeight(), f.feeMsat(), "weight " + s + "->" + t);
                    assertEquals((long) best.getWeight() + 100_000, f.distance());
                    checked++;
                }
            }
        }
        assertTrue(checked > 50, "checked " + checked);
    }

    /**
     * The search's early exits (a settled node; a labelled node whose distance beats the edge's lower bound) change
     * no route: on random graphs with random fees, CLTV deltas, capacities and htlc_maximum, amounts up to the
     * capacities (so the capacity factor bites), and a mission control with random successes and failures, the
     * route, its distance and probability are the same with the exits on and off.
     */
    @Test
    void earlyExitsChangeNoRoute() {
        SplittableRandom rnd = new SplittableRandom(21);
        int found = 0;
        for (int trial = 0; trial < 6; trial++) {
            int n = 80;
            ChannelGraphBuilder b = new ChannelGraphBuilder();
            for (int i = 0; i < n; i++) {
                b.addNode(NodeIds.fromIndex(i + 1));
            }
            for (int k = 0; k < 400; k++) {
                int u = rnd.nextInt(n);
                int v = rnd.nextInt(n);
                if (u == v) {
                    continue;
                }
                int ch = b.addChannel(ShortChannelId.of(k + 1, trial, 0), u, v, rnd.nextLong(20_000, 2_000_000));
                for (int end : new int[] {u, v}) {
                    long max = rnd.nextInt(3) == 0 ? rnd.nextLong(5_000_000, 2_000_000_000)
                            : ChannelPolicy.NO_HTLC_MAXIMUM;
                    b.setPolicy(ch, end, new ChannelPolicy(rnd.nextInt(0, 5_000), rnd.nextInt(0, 3_000),
                            rnd.nextInt(6, 150), 0, max, false));
                }
            }
            ChannelGraph g = b.build();
            PairHistory h = new PairHistory();
            for (int k = 0; k < 60; k++) {
                int x = rnd.nextInt(n);
                int y = rnd.nextInt(n);
                if (rnd.nextBoolean()) {
                    h.recordSuccess(x, y, rnd.nextLong(1, 1_000_000_000), rnd.nextLong(0, 3_600_000_000L));
                } else {
                    h.recordFailure(x, y, rnd.nextLong(0, 1_000_000_000), rnd.nextLong(0, 3_600_000_000L), 0);
                }
            }
            LndRouter.Probabilities probs = LndRouter.Probabilities.of(Apriori.DEFAULT, h, 3_600_000_000L);
            LndRouter fast = new LndRouter(g);
            LndRouter plain = new LndRouter(g);
            plain.earlyExits = false;
            for (int q = 0; q < 60; q++) {
                int s = rnd.nextInt(n);
                int t = rnd.nextInt(n);
                if (s == t) {
                    continue;
                }
                long amt = rnd.nextLong(1_000, 1_500_000_000);
                LndRouter.Query query = new LndRouter.Query(s, t, amt, amt, 18, 2016, 20,
                        LndRouter.attemptCostMsat(amt, 100_000, 1_000), 0.01, probs, ANY);
                LndRouter.Found a = fast.find(query);
                LndRouter.Found p = plain.find(query);
                assertEquals(p.found(), a.found(), "query " + q);
                assertTrue(java.util.Arrays.equals(p.directions(), a.directions()), "query " + q);
                assertEquals(p.distance(), a.distance());
                assertEquals(p.probability(), a.probability());
                found += a.found() ? 1 : 0;
            }
        }
        assertTrue(found > 100, "routes found " + found);
    }
}
