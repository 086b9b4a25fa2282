package org.lnsim.protocols.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.jgrapht.Graph;
import org.jgrapht.GraphPath;
import org.jgrapht.alg.shortestpath.DijkstraShortestPath;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.DirectedWeightedPseudograph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.ChannelGraphBuilder;
import org.lnsim.network.ChannelPolicy;
import org.lnsim.network.NodeIds;

class HybridRouterTest {
    private static final long NO_MAX = ChannelPolicy.NO_HTLC_MAXIMUM;

    @Test
    void riskFee_matchesCLightningDocumentation() {
        double rf = CostModel.perBlockFactor(10);
        assertEquals(26, CostModel.riskFeeMsat(1_000_000, 14, rf));
        assertEquals(273, CostModel.riskFeeMsat(1_000_000, 144, rf));
    }

    @Test
    void fuzzScale_isDeterministicAndWithinBounds() {
        for (long scid = 1; scid < 2000; scid++) {
            double s = CostModel.fuzzScale(7, scid, 0.05);
            assertTrue(s >= 0.95 && s <= 1.05, "scale " + s);
            assertEquals(s, CostModel.fuzzScale(7, scid, 0.05));
        }
        assertTrue(CostModel.fuzzScale(7, 1, 0.05) != CostModel.fuzzScale(8, 1, 0.05));
    }

    /** Line A–B–C–D (node indices 0..3), policies by hand, both directions known. */
    private static ChannelGraph line() {
        ChannelGraphBuilder b = new ChannelGraphBuilder();
        int a = b.addNode(NodeIds.fromIndex(1));
        int bb = b.addNode(NodeIds.fromIndex(2));
        int c = b.addNode(NodeIds.fromIndex(3));
        int d = b.addNode(NodeIds.fromIndex(4));
        int ab = b.addChannel(1, a, bb, 1_000_000);
        int bc = b.addChannel(2, bb, c, 1_000_000);
        int cd = b.addChannel(3, c, d, 1_000_000);
        b.setPolicy(ab, a, new ChannelPolicy(1000, 100, 10, 0, NO_MAX, false));
        b.setPolicy(ab, bb, new ChannelPolicy(1, 1, 1, 0, NO_MAX, false));
        b.setPolicy(bc, bb, new ChannelPolicy(2000, 1000, 20, 0, NO_MAX, false));
        b.setPolicy(bc, c, new ChannelPolicy(1, 1, 1, 0, NO_MAX, false));
        b.setPolicy(cd, c, new ChannelPolicy(500, 200, 30, 0, NO_MAX, false));
        b.setPolicy(cd, d, new ChannelPolicy(1, 1, 1, 0, NO_MAX, false));
        return b.build();
    }

    /**
     * A → D, 1,000,000 msat, final CLTV 9, riskfactor 10, no fuzz. Backwards:
     * <pre>
     * hop C→D: amount 1,000,000, cltv 9
     * hop B→C: amount 1,000,000 + (500 + ⌊1,000,000·200/10^6⌋ = 700) = 1,000,700, cltv 9 + 30 = 39
     * hop A→B: amount 1,000,700 + (2000 + ⌊1,000,700·1000/10^6⌋ = 3000) = 1,003,700, cltv 39 + 20 = 59
     * fee = 3,700 msat (A's own channel charges nothing)
     * rf_blk = 10 / 52596 / 100 = 1.9012853e-6
     * risk at C = 1 + ⌊1,000,700·30·rf⌋ = 1 + 57 = 58
     * risk at B = 58 + 1 + ⌊1,003,700·20·rf⌋ = 58 + 1 + 38 = 97
     * risk at A = 97 + A's own fee (1000 + ⌊1,003,700·100/10^6⌋ = 1100) + 1 + ⌊1,003,700·10·rf⌋ = 97+1100+1+19 = 1217
     * cost = 1,003,700 + 1,217 = 1,004,917
     * </pre>
     */
    @Test
    void handWorkedLine() {
        ChannelGraph g = line();
        HybridRouter router = new HybridRouter(g);
        RouteRequest r = RouteRequest.of(0, 3, 1_000_000).withFuzz(0, 0);
        Route route = router.find(r);
        assertTrue(route.found(), route.failure());
        assertEquals(Algorithm.DIJKSTRA, route.algorithm());
        assertEquals(3, route.hopCount());
        assertEquals(List.of(new RouteHop(0, 1, 0, 1_003_700, 59), new RouteHop(1, 2, 0, 1_000_700, 39),
                new RouteHop(2, 3, 0, 1_000_000, 9)), route.hops());
        assertEquals(3_700, route.feeMsat());
        assertEquals(1_004_917, route.costMsat());
        assertEquals(1_004_917, router.costOf(route, r));
        for (Algorithm a : new Algorithm[] {Algorithm.BFG, Algorithm.DIJKSTRA}) {
            assertEquals(route.hops(), router.find(r.withAlgorithm(a)).hops(), a.toString());
        }
    }

    @Test
    void constraints_htlcBoundsCapacityDisabledExclusionsAndLocalBalance() {
        ChannelGraph g = line();
        HybridRouter router = new HybridRouter(g);
        RouteRequest base = RouteRequest.of(0, 3, 1_000_000).withFuzz(0, 0);
        // capacity 1,000,000 sat = 10^9 msat: more than that cannot pass
        assertFalse(router.find(RouteRequest.of(0, 3, 1_000_000_001L)).found());
        // excluding B→C (channel 1, direction 0 = index 2) cuts the only path
        Route cut = router.find(base.withExcludedDirections(2));
        assertFalse(cut.found());
        assertTrue(cut.failure().contains("no route"), cut.failure());
        // excluding the opposite direction changes nothing
        assertTrue(router.find(base.withExcludedDirections(3)).found());
        assertFalse(router.find(base.withExcludedNodes(2)).found());
        // the sender's local balance on its only channel (direction 0) is below the 1,003,700 msat it must send
        assertFalse(router.find(base.withLocalBalances(e -> 1_003_699)).found());
        assertTrue(router.find(base.withLocalBalances(e -> 1_003_700)).found());
        // reverse direction: D → A uses the (1, 1, 1) policies
        Route back = router.find(RouteRequest.of(3, 0, 1000).withFuzz(0, 0));
        assertTrue(back.found());
        assertEquals(2 * (1 + 0), back.feeMsat()); // two intermediate hops, fee 1 + ⌊1000·1/10^6⌋ = 1 each
    }

    @Test
    void htlcMinimumAndMaximum_areCheckedOnTheCarriedAmount() {
        ChannelGraphBuilder b = new ChannelGraphBuilder();
        int x = b.addNode(NodeIds.fromIndex(1));
        int y = b.addNode(NodeIds.fromIndex(2));
        int c = b.addChannel(1, x, y, 1_000_000);
        b.setPolicy(c, x, new ChannelPolicy(0, 0, 6, 5_000, 50_000, false));
        HybridRouter router = new HybridRouter(b.build());
        assertFalse(router.find(RouteRequest.of(0, 1, 4_999)).found());
        assertTrue(router.find(RouteRequest.of(0, 1, 5_000)).found());
        assertTrue(router.find(RouteRequest.of(0, 1, 50_000)).found());
        assertFalse(router.find(RouteRequest.of(0, 1, 50_001)).found());
        assertFalse(router.find(RouteRequest.of(1, 0, 10_000)).found(), "unknown policy direction is unusable");
    }

    /**
     * Sender S = node 0, destination T = node 1. Three ways:
     * <ul>
     *   <li>a zero-fee chain of 25 hops (CLTV delta 1): cost ≈ 10^6 + 25·(1 + 0) — the cheapest, but too long;</li>
     *   <li>an 18-hop chain with base fee 10 per intermediate hop: cost ≈ 10^6 + 17·10 + 18 — cheapest within 20;</li>
     *   <li>a 3-hop route with base fee 1000 per intermediate hop: cost ≈ 10^6 + 2000 + 3.</li>
     * </ul>
     * riskfactor 0 so costs are exactly additive.
     */
    private static ChannelGraph adversarial() {
        ChannelGraphBuilder b = new ChannelGraphBuilder();
        int s = b.addNode(NodeIds.fromIndex(0));
        int t = b.addNode(NodeIds.fromIndex(1));
        int next = 2;
        long scid = 1;
        scid = chain(b, s, t, 25, 0, next, scid);
        next += 24;
        scid = chain(b, s, t, 18, 10, next, scid);
        next += 17;
        chain(b, s, t, 3, 1000, next, scid);
        return b.build();
    }

    private static long chain(ChannelGraphBuilder b, int s, int t, int hops, long fee, int firstNode, long scid) {
        int prev = s;
        for (int i = 0; i < hops; i++) {
            int to = i == hops - 1 ? t : b.addNode(NodeIds.fromIndex(firstNode + i));
            int c = b.addChannel(scid++, prev, to, 10_000_000);
            b.setPolicy(c, prev, new ChannelPolicy(fee, 0, 1, 0, NO_MAX, false));
            b.setPolicy(c, to, new ChannelPolicy(fee, 0, 1, 0, NO_MAX, false));
            prev = to;
        }
        return scid;
    }

    @Test
    void adversarialLongChain_fallbacksHonourTheLimit() {
        ChannelGraph g = adversarial();
        HybridRouter router = new HybridRouter(g);
        RouteRequest r = RouteRequest.of(0, 1, 1_000_000).withFuzz(0, 0).withRiskfactor(0);
        Route dijkstra = router.find(r.withAlgorithm(Algorithm.DIJKSTRA));
        assertFalse(dijkstra.found());
        assertTrue(dijkstra.failure().contains("25 hops"), dijkstra.failure());

        Route bfg = router.find(r);
        assertTrue(bfg.found());
        assertEquals(Algorithm.FALLBACK_BFG, bfg.algorithm());
        assertEquals(18, bfg.hopCount());
        // 17 intermediate hops × base 10 = 170 msat fee; cost = 10^6 + 170 + 18 (bias) + sender's own fee 10 in risk
        assertEquals(170, bfg.feeMsat());
        assertEquals(1_000_000 + 170 + 18 + 10, bfg.costMsat());

        Route bias = router.find(r.withFallback(Fallback.BIAS));
        assertTrue(bias.found());
        assertEquals(Algorithm.FALLBACK_BIAS, bias.algorithm());
        assertTrue(bias.hopCount() <= 20, "bias route has " + bias.hopCount() + " hops");
        assertTrue(bias.costMsat() >= bfg.costMsat(), "BFG is the cheapest within the limit");

        Route plainBfg = router.find(r.withAlgorithm(Algorithm.BFG));
        assertEquals(bfg.hops(), plainBfg.hops());
        assertEquals(Algorithm.BFG, plainBfg.algorithm());
        // with the limit at 27 (TLV onion) Dijkstra's 25-hop route is accepted as it is
        Route tlv = router.find(r.withMaxHops(CostModel.TLV_MAX_HOPS));
        assertEquals(25, tlv.hopCount());
        assertEquals(Algorithm.DIJKSTRA, tlv.algorithm());
        // a limit below every route: none
        assertFalse(router.find(r.withMaxHops(2)).found());
        assertFalse(router.find(r.withMaxHops(2).withFallback(Fallback.BIAS)).found());
    }

    /** A seeded random graph with base-only fees (amount-independent costs). */
    private static ChannelGraph randomGraph(long seed, int nodes, int channels, boolean withPpm) {
        SplittableRandom rnd = new SplittableRandom(seed);
        ChannelGraphBuilder b = new ChannelGraphBuilder();
        for (int i = 0; i < nodes; i++) {
            b.addNode(NodeIds.fromIndex(i));
        }
        for (int k = 0; k < channels; k++) {
            int x = rnd.nextInt(nodes);
            int y = rnd.nextInt(nodes);
            if (x == y) {
                continue;
            }
            int c = b.addChannel(k + 1, x, y, 100_000 + rnd.nextInt(10_000_000));
            for (int side : new int[] {x, y}) {
                if (rnd.nextInt(10) == 0) {
                    continue; // unknown direction
                }
                b.setPolicy(c, side, new ChannelPolicy(rnd.nextInt(2000), withPpm ? rnd.nextInt(2000) : 0,
                        1 + rnd.nextInt(144), 0, NO_MAX, rnd.nextInt(20) == 0));
            }
        }
        return b.build();
    }

    /**
     * With riskfactor 0 and no proportional fees, a route's cost is amount + Σ over its hops of (base fee + 1): the
     * sender's own fee goes to risk, every other to total, each hop adds bias 1. JGraphT's Dijkstra on a directed
     * multigraph with those weights must give the same minimum.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void dijkstra_matchesJGraphT_onAmountIndependentCosts(long seed) {
        ChannelGraph g = randomGraph(seed, 200, 800, false);
        Graph<Integer, DefaultWeightedEdge> oracle = new DirectedWeightedPseudograph<>(DefaultWeightedEdge.class);
        for (int v = 0; v < g.nodeCount(); v++) {
            oracle.addVertex(v);
        }
        for (int e = 0; e < 2 * g.channelCount(); e++) {
            if (g.isUsable(e)) {
                DefaultWeightedEdge edge = oracle.addEdge(g.source(e), g.target(e));
                oracle.setEdgeWeight(edge, g.feeBaseMsat(e) + 1);
            }
        }
        HybridRouter router = new HybridRouter(g);
        SplittableRandom pairs = new SplittableRandom(seed * 31);
        DijkstraShortestPath<Integer, DefaultWeightedEdge> jg = new DijkstraShortestPath<>(oracle);
        int compared = 0;
        for (int i = 0; i < 100; i++) {
            int s = pairs.nextInt(g.nodeCount());
            int t = pairs.nextInt(g.nodeCount());
            if (s == t) {
                continue;
            }
            RouteRequest r = RouteRequest.of(s, t, 10_000).withFuzz(0, 0).withRiskfactor(0).withMaxHops(1000);
            Route route = router.find(r.withAlgorithm(Algorithm.DIJKSTRA));
            GraphPath<Integer, DefaultWeightedEdge> p = jg.getPath(s, t);
            assertEquals(p != null, route.found(), "reachability " + s + " -> " + t);
            if (p != null) {
                assertEquals(10_000 + (long) p.getWeight(), route.costMsat(), s + " -> " + t);
                compared++;
            }
        }
        assertTrue(compared > 50, "too few reachable pairs: " + compared);
    }

    /** BFG and Dijkstra agree in cost whenever Dijkstra's route fits the limit (c-lightning's own cross-check). */
    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13})
    void bfgAgreesWithDijkstra_whenDijkstraFits(long seed) {
        ChannelGraph g = randomGraph(seed, 300, 900, true);
        HybridRouter router = new HybridRouter(g);
        SplittableRandom pairs = new SplittableRandom(seed);
        int agreed = 0;
        for (int i = 0; i < 150; i++) {
            int s = pairs.nextInt(g.nodeCount());
            int t = pairs.nextInt(g.nodeCount());
            if (s == t) {
                continue;
            }
            RouteRequest r = RouteRequest.of(s, t, 50_000_000).withFuzz(0.05, seed);
            Route d = router.find(r.withAlgorithm(Algorithm.DIJKSTRA));
            Route b = router.find(r.withAlgorithm(Algorithm.BFG));
            if (d.found()) {
                assertTrue(b.found());
                assertTrue(b.costMsat() <= d.costMsat(), "BFG never costlier within the limit");
                assertEquals(d.costMsat(), b.costMsat(), s + " -> " + t);
                agreed++;
            }
            if (b.found()) {
                assertEquals(b.costMsat(), router.costOf(b, r), "reported cost is the route's cost");
                assertTrue(b.hopCount() <= 20);
            }
        }
        assertTrue(agreed > 50, "too few routes: " + agreed);
    }

    /**
     * On small graphs with amount-independent costs, BFG with a small hop limit equals the minimum over a brute-force
     * enumeration of every simple path of at most maxHops hops.
     */
    @ParameterizedTest
    @ValueSource(longs = {21, 22, 23, 24})
    void bfg_equalsBruteForce_onSmallGraphs(long seed) {
        ChannelGraph g = randomGraph(seed, 12, 30, false);
        HybridRouter router = new HybridRouter(g);
        int maxHops = 3;
        for (int s = 0; s < g.nodeCount(); s++) {
            for (int t = 0; t < g.nodeCount(); t++) {
                if (s == t) {
                    continue;
                }
                RouteRequest r = RouteRequest.of(s, t, 10_000).withFuzz(0.05, seed).withRiskfactor(0)
                        .withMaxHops(maxHops).withAlgorithm(Algorithm.BFG);
                long brute = bruteForce(g, router, r, s, new ArrayList<>(), new boolean[g.nodeCount()]);
                Route b = router.find(r);
                assertEquals(brute != Long.MAX_VALUE, b.found(), s + " -> " + t);
                if (b.found()) {
                    assertEquals(brute, b.costMsat(), s + " -> " + t);
                }
            }
        }
    }

    private static long bruteForce(ChannelGraph g, HybridRouter router, RouteRequest r, int at, List<RouteHop> path,
                                   boolean[] onPath) {
        if (at == r.target()) {
            Route candidate = new Route(path, r.amountMsat(), 0, Algorithm.BFG, null);
            return router.costOf(candidate, r);
        }
        if (path.size() == r.maxHops()) {
            return Long.MAX_VALUE;
        }
        onPath[at] = true;
        long best = Long.MAX_VALUE;
        for (int slot = g.outStart(at); slot < g.outEnd(at); slot++) {
            int e = g.outDirection(slot);
            int to = g.outPeer(slot);
            if (onPath[to]) {
                continue;
            }
            int c = ChannelGraph.channelOf(e);
            path.add(new RouteHop(c, g.scid(c), e & 1, 0, 0));
            long cost = bruteForce(g, router, r, to, path, onPath);
            path.remove(path.size() - 1);
            best = Math.min(best, cost);
        }
        onPath[at] = false;
        return best;
    }

    /**
     * Flat costs (every hop priced at the payment amount) make the route cost amount + Σ w(e) with
     * w(e) = fee_e(A) + 1 + ⌊(A + fee_e(A)) · delay_e · rf_blk⌋: JGraphT's Dijkstra over those weights must agree
     * exactly, with proportional fees and riskfactor 10 (the setting {@code lnsim bench route --compare-jgrapht} uses).
     */
    @ParameterizedTest
    @ValueSource(longs = {31, 32})
    void flatCosts_matchJGraphT_withProportionalFeesAndRisk(long seed) {
        ChannelGraph g = randomGraph(seed, 200, 800, true);
        long amount = 2_000_000;
        double rf = CostModel.perBlockFactor(10);
        Graph<Integer, DefaultWeightedEdge> oracle = new DirectedWeightedPseudograph<>(DefaultWeightedEdge.class);
        for (int v = 0; v < g.nodeCount(); v++) {
            oracle.addVertex(v);
        }
        for (int e = 0; e < 2 * g.channelCount(); e++) {
            long w = CostModel.flatEdgeWeight(g, e, amount, rf); // the bench's formula, shared
            if (w != CostModel.NO_EDGE) {
                DefaultWeightedEdge edge = oracle.addEdge(g.source(e), g.target(e));
                oracle.setEdgeWeight(edge, w);
            }
        }
        HybridRouter router = new HybridRouter(g);
        DijkstraShortestPath<Integer, DefaultWeightedEdge> jg = new DijkstraShortestPath<>(oracle);
        SplittableRandom pairs = new SplittableRandom(seed);
        int compared = 0;
        for (int i = 0; i < 100; i++) {
            int s = pairs.nextInt(g.nodeCount());
            int t = pairs.nextInt(g.nodeCount());
            if (s == t) {
                continue;
            }
            Route route = router.find(RouteRequest.of(s, t, amount).withFuzz(0, 0).withFlatCosts(true)
                    .withMaxHops(1000).withAlgorithm(Algorithm.DIJKSTRA));
            GraphPath<Integer, DefaultWeightedEdge> p = jg.getPath(s, t);
            assertEquals(p != null, route.found(), s + " -> " + t);
            if (p != null) {
                assertEquals(amount + (long) p.getWeight(), route.costMsat(), s + " -> " + t);
                compared++;
            }
        }
        assertTrue(compared > 50, "too few reachable pairs: " + compared);
    }

    /**
     * A router keeps each query's excluded directions as bits it clears at the next query: on CLoTH's snapshot, 40
     * queries in a row on one router, each excluding a different random set of up to 400 directions (some of them on
     * the query's own best route), give the routes a fresh router gives each query alone.
     */
    @Test
    void exclusionsOfOneQueryDoNotLeakIntoTheNext() throws Exception {
        ChannelGraph g = org.lnsim.network.io.NetworkFormats.load(
                org.lnsim.network.testing.TestData.snapshots().resolve("cloth-snapshot-2020")).graph();
        HybridRouter shared = new HybridRouter(g);
        SplittableRandom rnd = new SplittableRandom(31);
        int changed = 0;
        for (int q = 0; q < 40; q++) {
            RouteRequest plain = RouteRequest.of(rnd.nextInt(g.nodeCount()), rnd.nextInt(g.nodeCount()), 100_000_000)
                    .withFuzz(0.05, q);
            Route free = new HybridRouter(g).find(plain);
            int[] ex = new int[rnd.nextInt(401)];
            for (int k = 0; k < ex.length; k++) {
                ex[k] = k < free.hopCount() ? free.hops().get(k).directionIndex() : rnd.nextInt(2 * g.channelCount());
            }
            RouteRequest r = plain.withExcludedDirections(ex);
            Route expected = new HybridRouter(g).find(r);
            Route got = shared.find(r);
            assertEquals(expected.hops(), got.hops(), "query " + q);
            assertEquals(expected.failure(), got.failure(), "query " + q);
            assertEquals(free.hops(), shared.find(plain).hops(), "query " + q + " without exclusions");
            if (!expected.hops().equals(free.hops())) {
                changed++;
            }
        }
        assertTrue(changed > 10, "the exclusions should change most routes: " + changed);
    }
}
