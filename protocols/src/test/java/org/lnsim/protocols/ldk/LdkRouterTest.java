package org.lnsim.protocols.ldk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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

/** rust-lightning v0.2.5's {@code find_route}: against JGraphT, hand-worked, and its MPP collection. */
class LdkRouterTest {
    /**
     * With a scorer that adds nothing (all penalties 0), base fees only (ppm 0), HTLC minimums 0 and an amount far
     * below every channel's saturated capacity, the cost of a path is its fee (the first hop free) and the value it
     * carries is the amount on every path, so LDK's cost per value orders like a textbook shortest path on the
     * fees: the route's fee must be JGraphT Dijkstra's distance, on random graphs, with edges out of the sender
     * weighted 0. Base fees stay under 1,000 msat so the fee limit (1,000 / 100 + 50,000 msat) never binds.
     */
    @Test
    void withoutPenaltiesTheRouteIsAShortestPathOnFees() {
        SplittableRandom rnd = new SplittableRandom(21);
        int checked = 0;
        for (int trial = 0; trial < 5; trial++) {
            int n = 40;
            ChannelGraph g = SmallNets.randomBaseFees(rnd, trial, n, 120, 1_000);
            LdkRouter router = new LdkRouter(g, LdkSettings.DEFAULT.withoutPenalties());
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
                    if (g.isUsable(e) && g.source(e) != t) {
                        DefaultWeightedEdge je = jg.addEdge(g.source(e), g.target(e));
                        jg.setEdgeWeight(je, g.source(e) == s ? 0 : g.feeBaseMsat(e));
                    }
                }
                GraphPath<Integer, DefaultWeightedEdge> best = new DijkstraShortestPath<>(jg).getPath(s, t);
                LdkRouter.Found f = router.find(s, t, 1_000);
                assertEquals(best != null, f.found(), "reachability " + s + "->" + t);
                if (best != null) {
                    assertEquals(1, f.paths().size());
                    LdkRouter.Path p = f.paths().get(0);
                    assertEquals((long) best.getWeight(), p.feeMsat(), "fee " + s + "->" + t);
                    assertEquals(1_000, p.deliverMsat());
                    p.directions(); // connected, from s to t
                    assertEquals(s, g.source(p.directions()[0]));
                    assertEquals(t, g.target(p.directions()[p.hops() - 1]));
                    checked++;
                }
            }
        }
        assertTrue(checked > 40, "checked " + checked);
    }

    /**
     * S→A→R and S→B→R, every channel 1,000,000 sat; A→R base 0, 1 ppm; B→R base 1,000, 1,000 ppm; deltas 40.
     * 60,000,000 msat with LDK's default penalties: via A the fee is 60 msat and A→R's penalty (no history) is
     * base 1,024 + 131,072 × 6·10⁷ / 2³⁰ = 8,348, anti-probing 250, historical non-linear P over [0, C] with 78/64:
     * 429,024,067 / 654,311,425 → −log₁₀ × 2048 = 378 → 378 × 10,000 / 2048 + 378 × 1,250 × 6·10⁷ / 2048 / 2²⁰ =
     * 1,845 + 13,201 = 15,046; via B the same penalty plus 61,000 msat of fees: A. The first walk carries the whole
     * amount (6·10⁷ ≤ 10⁹ / 4), so LDK stops there: one path, HTLCs 60,000,060 and 60,000,000, CLTVs 24 + 40 and 24.
     */
    @Test
    void aHandWorkedRoute() {
        ChannelGraph g = diamond(1_000_000, 1_000_000);
        LdkRouter.Found f = new LdkRouter(g, LdkSettings.DEFAULT).find(0, 3, 60_000_000L);
        assertTrue(f.found(), f.failure());
        assertEquals(1, f.paths().size());
        LdkRouter.Path p = f.paths().get(0);
        assertArrayEquals(new long[] {60_000_060L, 60_000_000L}, p.amountsMsat());
        assertArrayEquals(new int[] {64, 24}, p.cltvs());
        assertEquals(g.target(p.directions()[0]), 1);
        assertEquals(8_348 + 250 + 15_046, p.penaltyMsat());
    }

    /**
     * The same diamond with 40,000-sat channels and 60,000 sat to pay: no path carries it (each side holds at most
     * 40,000 sat), so LDK collects paths — first under the saturation limit (10,000 sat per public channel), then
     * without it — and keeps the cheapest that cover the amount: at least one part each way, together exactly
     * 60,000,000 msat, no part above a channel's 40,000,000 msat. Without MPP (max_path_count 1) there is no route.
     */
    @Test
    void mppCollectsPathsWhenNoneCarriesTheAmount() {
        ChannelGraph g = diamond(40_000, 40_000);
        LdkRouter.Found f = new LdkRouter(g, LdkSettings.DEFAULT).find(0, 3, 60_000_000L);
        assertTrue(f.found(), f.failure());
        assertTrue(f.paths().size() >= 2, "paths " + f.paths().size());
        long delivered = 0;
        boolean viaA = false;
        boolean viaB = false;
        for (LdkRouter.Path p : f.paths()) {
            delivered += p.deliverMsat();
            assertTrue(p.amountsMsat()[0] <= 40_000_000L);
            viaA |= g.target(p.directions()[0]) == 1;
            viaB |= g.target(p.directions()[0]) == 2;
        }
        assertEquals(60_000_000L, delivered);
        assertTrue(viaA && viaB);
        LdkRouter.Found single = new LdkRouter(g, LdkSettings.DEFAULT.withMaxPathCount(1)).find(0, 3, 60_000_000L);
        assertEquals("Failed to find a path to the given destination", single.failure());
    }

    /** S(0)→A(1)→R(3), S→B(2)→R, channels of the given capacities (sat). */
    static ChannelGraph diamond(long aCapSat, long bCapSat) {
        ChannelGraphBuilder b = new ChannelGraphBuilder();
        for (int i = 1; i <= 4; i++) {
            b.addNode(NodeIds.fromIndex(i));
        }
        ChannelPolicy free = new ChannelPolicy(0, 0, 40, 0, ChannelPolicy.NO_HTLC_MAXIMUM, false);
        SmallNets.channel(b, 1, 0, 1, aCapSat, free, free);
        SmallNets.channel(b, 2, 1, 3, aCapSat, new ChannelPolicy(0, 1, 40, 0, ChannelPolicy.NO_HTLC_MAXIMUM, false), free);
        SmallNets.channel(b, 3, 0, 2, bCapSat, free, free);
        SmallNets.channel(b, 4, 2, 3, bCapSat, new ChannelPolicy(1000, 1000, 40, 0, ChannelPolicy.NO_HTLC_MAXIMUM, false),
                free);
        return b.build();
    }
}
