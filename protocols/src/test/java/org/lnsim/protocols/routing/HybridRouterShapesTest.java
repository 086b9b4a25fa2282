package org.lnsim.protocols.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.ChannelGraphBuilder;
import org.lnsim.network.ChannelPolicy;
import org.lnsim.network.NodeIds;

/**
 * The shapes the router's shortcuts are about: dead-end nodes (all channels to one peer), senders whose neighbours
 * settle early, parallel channels, hubs. Each case is checked against BFG, which shares none of those shortcuts.
 */
class HybridRouterShapesTest {
    private static final long NO_MAX = ChannelPolicy.NO_HTLC_MAXIMUM;

    private static ChannelPolicy policy(long base, long ppm, int cltv) {
        return new ChannelPolicy(base, ppm, cltv, 0, NO_MAX, false);
    }

    /**
     * Star: hub H (node 0) with leaves 1..5; leaf 5 has two parallel channels to H. Leaf-to-leaf routes are two hops
     * through H; from leaf 1 to leaf 5 the cheaper parallel channel (base 10 instead of 500) is taken. With fuzz 0
     * and riskfactor 0: 1 → 5 costs 1000 (amount) + H's fee 10 (+1 bias) + the sender's fee 7 (+1 bias) = 1019.
     */
    @Test
    void star_deadEndSenderAndDestination_parallelChannels() {
        ChannelGraphBuilder b = new ChannelGraphBuilder();
        for (int i = 0; i <= 5; i++) {
            b.addNode(NodeIds.fromIndex(i));
        }
        long scid = 1;
        for (int leaf = 1; leaf <= 5; leaf++) {
            int c = b.addChannel(scid++, 0, leaf, 1_000_000);
            b.setPolicy(c, 0, policy(500, 0, 10));
            b.setPolicy(c, leaf, policy(7, 0, 10));
        }
        int cheap = b.addChannel(scid, 0, 5, 1_000_000);
        b.setPolicy(cheap, 0, policy(10, 0, 10));
        b.setPolicy(cheap, 5, policy(7, 0, 10));
        ChannelGraph g = b.build();
        HybridRouter router = new HybridRouter(g);
        RouteRequest r = RouteRequest.of(1, 5, 1000).withFuzz(0, 0).withRiskfactor(0);
        Route route = router.find(r);
        assertTrue(route.found(), route.failure());
        assertEquals(2, route.hopCount());
        assertEquals(6, route.hops().get(1).scid(), "the cheap parallel channel");
        assertEquals(1019, route.costMsat());
        assertEquals(route.costMsat(), router.find(r.withAlgorithm(Algorithm.BFG)).costMsat());
        // one hop to the hub, and from the hub
        assertEquals(1, router.find(RouteRequest.of(1, 0, 1000)).hopCount());
        assertEquals(1, router.find(RouteRequest.of(0, 3, 1000)).hopCount());
        // every ordered pair agrees with BFG
        for (int s = 0; s <= 5; s++) {
            for (int t = 0; t <= 5; t++) {
                if (s != t) {
                    RouteRequest q = RouteRequest.of(s, t, 5000).withFuzz(0.05, s * 7 + t);
                    assertEquals(router.find(q.withAlgorithm(Algorithm.BFG)).costMsat(), router.find(q).costMsat());
                }
            }
        }
    }

    /** A sender whose only channels lead to nodes that cannot reach the destination: no route, at once. */
    @Test
    void senderNeighboursCutOff_noRoute() {
        ChannelGraphBuilder b = new ChannelGraphBuilder();
        for (int i = 0; i < 4; i++) {
            b.addNode(NodeIds.fromIndex(i));
        }
        int sa = b.addChannel(1, 0, 1, 1_000_000);
        b.setPolicy(sa, 0, policy(1, 1, 10));
        b.setPolicy(sa, 1, policy(1, 1, 10));
        int bt = b.addChannel(2, 2, 3, 1_000_000); // the destination's component, unconnected
        b.setPolicy(bt, 2, policy(1, 1, 10));
        b.setPolicy(bt, 3, policy(1, 1, 10));
        HybridRouter router = new HybridRouter(b.build());
        assertFalse(router.find(RouteRequest.of(0, 3, 1000)).found());
        assertFalse(router.find(RouteRequest.of(0, 3, 1000).withAlgorithm(Algorithm.BFG)).found());
        // and a sender whose only channel has no policy in its direction
        ChannelGraphBuilder one = new ChannelGraphBuilder();
        one.addNode(NodeIds.fromIndex(0));
        one.addNode(NodeIds.fromIndex(1));
        int c = one.addChannel(1, 0, 1, 1_000_000);
        one.setPolicy(c, 1, policy(1, 1, 10));
        assertFalse(new HybridRouter(one.build()).find(RouteRequest.of(0, 1, 1000)).found());
    }

    /**
     * Power-law-ish random multigraphs with many leaves and parallel channels, a few disabled or unknown directions
     * and HTLC limits: hybrid (Dijkstra with every shortcut) and BFG agree on cost whenever Dijkstra's route fits the
     * hop limit, with fuzz and the default riskfactor, amounts from tiny to near capacity.
     */
    @ParameterizedTest
    @ValueSource(longs = {41, 42, 43})
    void hubsAndLeaves_agreeWithBfg(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int nodes = 400;
        ChannelGraphBuilder b = new ChannelGraphBuilder();
        double[] cum = new double[nodes];
        double sum = 0;
        for (int i = 0; i < nodes; i++) {
            b.addNode(NodeIds.fromIndex(i));
            sum += Math.pow(1 - rnd.nextDouble(), -1 / 1.1);
            cum[i] = sum;
        }
        for (int k = 0; k < 900; k++) {
            int x = pick(cum, rnd.nextDouble() * sum);
            int y = rnd.nextInt(3) == 0 ? pick(cum, rnd.nextDouble() * sum) : rnd.nextInt(nodes);
            if (x == y) {
                continue;
            }
            int c = b.addChannel(k + 1, x, y, 20_000 + rnd.nextInt(2_000_000));
            for (int side : new int[] {x, y}) {
                if (rnd.nextInt(12) == 0) {
                    continue;
                }
                b.setPolicy(c, side, new ChannelPolicy(rnd.nextInt(3) == 0 ? 1000 : rnd.nextInt(2000),
                        rnd.nextInt(1500), 6 + rnd.nextInt(150), rnd.nextInt(4) == 0 ? 100_000 : 0,
                        rnd.nextInt(4) == 0 ? 500_000_000L : NO_MAX, rnd.nextInt(30) == 0));
            }
        }
        ChannelGraph g = b.build();
        HybridRouter router = new HybridRouter(g);
        int compared = 0;
        for (int i = 0; i < 120; i++) {
            int s = rnd.nextInt(nodes);
            int t = rnd.nextInt(nodes);
            if (s == t) {
                continue;
            }
            long amount = new long[] {1_000, 250_000, 40_000_000, 900_000_000L}[i % 4];
            RouteRequest r = RouteRequest.of(s, t, amount).withFuzz(0.05, i);
            Route d = router.find(r.withAlgorithm(Algorithm.DIJKSTRA));
            Route bfg = router.find(r.withAlgorithm(Algorithm.BFG));
            if (d.found()) {
                assertEquals(bfg.costMsat(), d.costMsat(), s + " -> " + t + " " + amount);
                assertEquals(d.costMsat(), router.costOf(d, r), "reported cost is the route's cost");
                compared++;
            } else {
                assertTrue(d.failure().contains("more than the limit") || !bfg.found(), s + " -> " + t);
            }
        }
        assertTrue(compared > 30, "too few routes: " + compared);
    }

    private static int pick(double[] cum, double x) {
        int lo = 0;
        int hi = cum.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cum[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
