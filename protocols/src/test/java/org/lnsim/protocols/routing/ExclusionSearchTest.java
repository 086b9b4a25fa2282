package org.lnsim.protocols.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.ChannelGraphBuilder;
import org.lnsim.network.ChannelPolicy;
import org.lnsim.network.NodeIds;
import org.lnsim.network.io.NetworkFormats;
import org.lnsim.network.testing.TestData;

/**
 * Differential: an {@link HybridRouter.ExclusionSearch} answers, after every exclusion, exactly what
 * {@link HybridRouter#find} answers from scratch for the same request with the same exclusions (hops, amounts,
 * CLTVs, cost, algorithm, failure) — on random graphs, a hand-built hub that charges more than any budget, and a real
 * snapshot — while a pay loop excludes a direction of each route in turn, as c-lightning's prune does.
 */
class ExclusionSearchTest {
    private static final long NO_MAX = ChannelPolicy.NO_HTLC_MAXIMUM;

    /** Totals over a test's loops: searches compared, repaired without starting again, started again. */
    private static final class Counts {
        int compared;
        int repaired;
        int reopened;
    }

    /**
     * Runs a pay loop of at most {@code maxSteps} searches for {@code r}: each step compares the exclusion search's
     * route with {@link HybridRouter#find}'s, then excludes one direction — of the route, picked by {@code rnd}
     * (the last one, as the largest fee often is, or any), or now and then a direction off the route.
     */
    private static void loop(ChannelGraph g, HybridRouter router, RouteRequest r, int maxSteps, SplittableRandom rnd,
                             Counts counts) {
        HybridRouter.ExclusionSearch search = router.exclusionSearch(r);
        List<Integer> excluded = new ArrayList<>();
        for (int step = 0; step < maxSteps; step++) {
            Route fast = search.route();
            int[] all = IntStream.concat(IntStream.of(r.excludedDirections()),
                    excluded.stream().mapToInt(Integer::intValue)).toArray();
            Route slow = router.find(r.withExcludedDirections(all));
            assertSame(slow, fast, "step " + step + " of " + r.source() + " -> " + r.target() + " excluding "
                    + excluded);
            counts.compared++;
            if (!slow.found()) {
                break;
            }
            int e;
            int pick = rnd.nextInt(10);
            if (pick == 0) {
                e = rnd.nextInt(2 * g.channelCount()); // off the route, usually
            } else if (pick < 5) {
                e = slow.hops().get(slow.hopCount() - 1).directionIndex();
            } else {
                e = slow.hops().get(rnd.nextInt(slow.hopCount())).directionIndex();
            }
            excluded.add(e);
            search.exclude(e);
        }
        counts.repaired += search.repaired();
        counts.reopened += search.reopened();
    }

    /** The same route record: hops (amounts, CLTVs), cost, algorithm and failure. */
    private static void assertSame(Route want, Route got, String where) {
        assertEquals(want, got, where);
    }

    /** A seeded random multigraph with base and proportional fees, CLTV deltas, HTLC limits and unknown directions. */
    private static ChannelGraph randomGraph(long seed, int nodes, int channels) {
        SplittableRandom rnd = new SplittableRandom(seed);
        ChannelGraphBuilder b = new ChannelGraphBuilder();
        for (int i = 0; i < nodes; i++) {
            b.addNode(NodeIds.fromIndex(i));
        }
        for (int k = 0; k < channels; k++) {
            // a few hubs, so that labels share long predecessor chains
            int x = rnd.nextInt(4) == 0 ? rnd.nextInt(5) : rnd.nextInt(nodes);
            int y = rnd.nextInt(nodes);
            if (x == y) {
                continue;
            }
            int c = b.addChannel(k + 1, x, y, 100_000 + rnd.nextInt(10_000_000));
            for (int side : new int[] {x, y}) {
                if (rnd.nextInt(10) == 0) {
                    continue; // unknown direction
                }
                // few distinct policies, so that equal costs (and the tie rule) occur
                b.setPolicy(c, side, new ChannelPolicy(rnd.nextInt(3) * 1000, rnd.nextInt(3) * 500,
                        6 + rnd.nextInt(3) * 34, rnd.nextInt(8) == 0 ? 50_000_000 : 0, NO_MAX,
                        rnd.nextInt(30) == 0));
            }
        }
        return b.build();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void repairedSearchesEqualSearchesFromScratch_onRandomGraphs(long seed) {
        ChannelGraph g = randomGraph(seed, 150, 700);
        HybridRouter router = new HybridRouter(g);
        SplittableRandom rnd = new SplittableRandom(seed * 31);
        Counts counts = new Counts();
        for (int i = 0; i < 40; i++) {
            int s = rnd.nextInt(g.nodeCount());
            int t = rnd.nextInt(g.nodeCount());
            if (s == t) {
                continue;
            }
            long amount = rnd.nextBoolean() ? 10_000_000L : 40_000_000L + rnd.nextInt(20_000_000);
            RouteRequest r = RouteRequest.of(s, t, amount).withFuzz(rnd.nextBoolean() ? 0 : 0.05, rnd.nextLong())
                    .withMaxHops(rnd.nextInt(4) == 0 ? 4 : 20)
                    .withRiskfactor(new double[] {10, 10, 3_000, 300_000}[rnd.nextInt(4)]);
            if (rnd.nextInt(4) == 0) {
                r = r.withExcludedDirections(rnd.nextInt(2 * g.channelCount()), rnd.nextInt(2 * g.channelCount()));
            }
            if (rnd.nextInt(4) == 0) {
                r = r.withLocalBalances(e -> (e * 7L % 3) * 30_000_000L); // some own channels too empty
            }
            loop(g, router, r, 60, rnd, counts);
        }
        assertTrue(counts.repaired > 100, "only " + counts.repaired + " repaired searches of " + counts.compared);
    }

    /**
     * Sender 0's only peer is hub 1, which charges 1,000 msat + 1% on each of its channels to nodes 2..41 — more
     * than a 0.5% budget on any route — and each of those reaches receiver 42 directly. The pay loop excludes the
     * hub's directions one at a time: 40 routes, each 0 → 1 → k → 42, then none. Only the hub and the sender
     * depend on an excluded direction, so every search after the first is a repair.
     */
    @Test
    void hubOverTheBudget_isExcludedDirectionByDirection_withRepairs() {
        ChannelGraphBuilder b = new ChannelGraphBuilder();
        for (int i = 0; i <= 42; i++) {
            b.addNode(NodeIds.fromIndex(i));
        }
        long scid = 1;
        int c = b.addChannel(scid++, 0, 1, 10_000_000);
        b.setPolicy(c, 0, new ChannelPolicy(1000, 1, 14, 0, NO_MAX, false));
        b.setPolicy(c, 1, new ChannelPolicy(1000, 10_000, 14, 0, NO_MAX, false));
        for (int k = 2; k <= 41; k++) {
            int hub = b.addChannel(scid++, 1, k, 10_000_000);
            b.setPolicy(hub, 1, new ChannelPolicy(1000, 10_000, 14, 0, NO_MAX, false));
            b.setPolicy(hub, k, new ChannelPolicy(1000, 1, 14, 0, NO_MAX, false));
            int last = b.addChannel(scid++, k, 42, 10_000_000);
            // node k's fee differs by k, so the routes come in a fixed order
            b.setPolicy(last, k, new ChannelPolicy(k, 1, 14, 0, NO_MAX, false));
            b.setPolicy(last, 42, new ChannelPolicy(1000, 1, 14, 0, NO_MAX, false));
        }
        ChannelGraph g = b.build();
        HybridRouter router = new HybridRouter(g);
        RouteRequest r = RouteRequest.of(0, 42, 1_000_000).withFuzz(0, 0);
        HybridRouter.ExclusionSearch search = router.exclusionSearch(r);
        List<Integer> seenMiddle = new ArrayList<>();
        while (true) {
            Route route = search.route();
            if (!route.found()) {
                break;
            }
            assertEquals(3, route.hopCount());
            // the hub's fee on 1,000,000 msat plus node k's: 1,000 + 10,000 = 11,000 msat, over 0.5% (5,000)
            assertTrue(route.feeMsat() > 5_000);
            int hubDirection = route.hops().get(1).directionIndex();
            seenMiddle.add(g.target(hubDirection));
            search.exclude(hubDirection);
        }
        // the cheapest first: node k charges k msat on its last hop
        assertEquals(IntStream.rangeClosed(2, 41).boxed().toList(), seenMiddle);
        assertEquals(40, search.repaired()); // every search after the first, the last (no route) too
        assertEquals(0, search.reopened());
    }

    /**
     * The cost model is not monotone, and a repair must notice. Amount 1,000,000 msat, riskfactor 10 (risk fee
     * ⌊total × delay × 10 / 5,259,600⌋), fuzz 0, bias 1 per hop; nodes 0 sender, 1 x, 2 y, 3 z, 4 receiver.
     * <pre>
     * z via 3→4 (fee 0, delay 14):            total 1,000,000  risk 1 + 26 = 27             key 1,000,027
     * y via 2→4 (fee 1,000, delay 14):        total 1,001,000  risk 1 + 26 = 27             key 1,001,027
     * y via the parallel 2→4 (0, delay 600):  total 1,000,000  risk 1 + 1,137 = 1,138       key 1,001,138
     * x via z (fee 1,001,500, delay 14):      total 2,001,500  risk 27 + 1 + 53 = 81         key 2,001,581
     * x via y's first label (1,000,000 ppm):  total 2,002,000  risk 27 + 1 + 53 = 81         key 2,002,081
     * x via y's second label:                 total 2,000,000  risk 1,138 + 1 + 53 = 1,192   key 2,001,192
     * </pre>
     * So the route is 0 → 1 → 3 → 4, x settled via z. Excluding y's first channel resets y alone (nothing hangs
     * on it); its second label has the larger key but the smaller total, and offers x 2,001,192 &lt; 2,001,581: x,
     * settled before, must change. The repair sees it and searches from scratch: route 0 → 1 → 2 → 4 over the
     * parallel channel, as {@link HybridRouter#find} gives it.
     */
    @Test
    void aCheaperCandidateForASettledLabel_makesTheSearchStartAgain() {
        ChannelGraphBuilder b = new ChannelGraphBuilder();
        for (int i = 0; i <= 4; i++) {
            b.addNode(NodeIds.fromIndex(i));
        }
        int c0 = b.addChannel(1, 0, 1, 10_000_000);
        b.setPolicy(c0, 0, new ChannelPolicy(0, 0, 14, 0, NO_MAX, false));
        int c1 = b.addChannel(2, 1, 3, 10_000_000);
        b.setPolicy(c1, 1, new ChannelPolicy(1_001_500, 0, 14, 0, NO_MAX, false));
        int c2 = b.addChannel(3, 3, 4, 10_000_000);
        b.setPolicy(c2, 3, new ChannelPolicy(0, 0, 14, 0, NO_MAX, false));
        int c3 = b.addChannel(4, 1, 2, 10_000_000);
        b.setPolicy(c3, 1, new ChannelPolicy(0, 1_000_000, 14, 0, NO_MAX, false));
        int c4 = b.addChannel(5, 2, 4, 10_000_000);
        b.setPolicy(c4, 2, new ChannelPolicy(1_000, 0, 14, 0, NO_MAX, false));
        int c5 = b.addChannel(6, 2, 4, 10_000_000);
        b.setPolicy(c5, 2, new ChannelPolicy(0, 0, 600, 0, NO_MAX, false));
        ChannelGraph g = b.build();
        HybridRouter router = new HybridRouter(g);
        RouteRequest r = RouteRequest.of(0, 4, 1_000_000).withFuzz(0, 0).withRiskfactor(10);
        HybridRouter.ExclusionSearch search = router.exclusionSearch(r);
        Route before = search.route();
        assertEquals(List.of(c0, c1, c2), before.hops().stream().map(RouteHop::channel).toList());
        int yFirst = g.source(2 * c4) == 2 ? 2 * c4 : 2 * c4 + 1;
        search.exclude(yFirst);
        Route after = search.route();
        assertEquals(router.find(r.withExcludedDirections(yFirst)), after);
        assertEquals(List.of(c0, c3, c5), after.hops().stream().map(RouteHop::channel).toList());
        assertEquals(1, search.reopened());
        assertEquals(0, search.repaired());
    }

    @Test
    void repairedSearchesEqualSearchesFromScratch_onARealSnapshot() throws IOException {
        ChannelGraph g = NetworkFormats.load(TestData.snapshots().resolve("clightning-listchannels-2019-05-14.json.gz"))
                .graph();
        HybridRouter router = new HybridRouter(g);
        // senders with a usable channel out, receivers with one in (the snapshot holds many disabled channels)
        int[] senders = IntStream.range(0, g.nodeCount()).filter(v -> SnapshotRoutesTest.usable(g, v, 0)).toArray();
        int[] receivers = IntStream.range(0, g.nodeCount()).filter(v -> SnapshotRoutesTest.usable(g, v, 1)).toArray();
        SplittableRandom rnd = new SplittableRandom(2019);
        Counts counts = new Counts();
        for (int i = 0; i < 40; i++) {
            int s = senders[rnd.nextInt(senders.length)];
            int t = receivers[rnd.nextInt(receivers.length)];
            if (s == t) {
                continue;
            }
            RouteRequest r = RouteRequest.of(s, t, 10_000_000L).withFuzz(CostModel.DEFAULT_FUZZ, rnd.nextLong());
            loop(g, router, r, 30, rnd, counts);
        }
        assertTrue(counts.repaired > 300, "only " + counts.repaired + " repaired searches of " + counts.compared);
    }

    @Test
    void anotherSearchOnTheThread_invalidatesTheFirst() {
        ChannelGraph g = randomGraph(9, 50, 200);
        HybridRouter router = new HybridRouter(g);
        HybridRouter.ExclusionSearch first = router.exclusionSearch(RouteRequest.of(0, 1, 1_000_000));
        router.exclusionSearch(RouteRequest.of(2, 3, 1_000_000));
        IllegalStateException ex = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                first::route);
        assertFalse(ex.getMessage().isEmpty());
    }
}
