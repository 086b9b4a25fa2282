package org.lnsim.protocols.cloth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lnsim.protocols.cloth.ClothNet.A;
import static org.lnsim.protocols.cloth.ClothNet.B;
import static org.lnsim.protocols.cloth.ClothNet.R;
import static org.lnsim.protocols.cloth.ClothNet.S;

import org.junit.jupiter.api.Test;
import org.lnsim.engine.htlc.ReceiverBehaviour;
import org.lnsim.engine.payment.PaymentOutcome;
import org.lnsim.engine.payment.PaymentRequest;
import org.lnsim.engine.testing.EngineRun;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.ChannelGraphBuilder;
import org.lnsim.network.NodeIds;
import org.lnsim.network.ShortChannelId;
import org.lnsim.protocols.source.PayPolicy;
import org.lnsim.protocols.source.SourceRouting;

/** {@code cloth} on the engine: its route choice against c-lightning's, its two-part split, its memory. */
class ClothRoutingTest {
    /**
     * 10,000,000 msat S→R on {@link ClothNet}: cloth takes S→A→R (2 hops, 50,000 msat fee; distance 225,444 against
     * 292,411 via B and C, ClothRouterTest), c-lightning's router (source) the cheaper S→B→C→R (3 hops, 2 msat).
     */
    @Test
    void clothPaysForTheShorterPathSourceDoesNot() {
        ChannelGraph g = ClothNet.graph();
        PaymentOutcome cloth = EngineRun.of(g, new ClothRouting(g, ClothSettings.DEFAULT))
                .run(new PaymentRequest(1, S, R, 10_000_000, 0)).outcome();
        PaymentOutcome source = EngineRun.of(g, new SourceRouting(g, PayPolicy.C_LIGHTNING, 0))
                .run(new PaymentRequest(1, S, R, 10_000_000, 0)).outcome();
        assertTrue(cloth.success() && source.success());
        assertEquals(2, cloth.hops());
        assertEquals(50_000, cloth.feeMsat());
        assertEquals(3, source.hops());
        assertEquals(2, source.feeMsat());
    }

    /**
     * S–A and S–B hold 120,000 sat each, half on S's side: 60,000,000 msat less the 1% reserve (1,200,000) =
     * 58,800,000 spendable each. A→R charges 1,000 msat, B→R 2,000 (channels of 1,000,000 sat, or {@code brSat}).
     */
    private static ChannelGraph twoWays(long brSat) {
        ChannelGraphBuilder b = new ChannelGraphBuilder();
        for (int i = 1; i <= 5; i++) {
            b.addNode(NodeIds.fromIndex(i));
        }
        channel(b, 1, S, A, 120_000, 0);
        channel(b, 2, A, R, 1_000_000, 1_000);
        channel(b, 3, S, B, 120_000, 0);
        channel(b, 4, B, R, brSat, 2_000);
        return b.build();
    }

    private static void channel(ChannelGraphBuilder b, int block, int x, int y, long sat, long baseMsat) {
        int c = b.addChannel(ShortChannelId.of(block, 0, 0), x, y, sat);
        b.setPolicy(c, x, ClothNet.policy(baseMsat));
        b.setPolicy(c, y, ClothNet.policy(0));
    }

    /**
     * 100,000,000 msat S→R: above S's largest balance (58,800,000), so no first route: two halves of 50,000,000,
     * both searched on the same state, both via A (cheaper). The first locks 50,001,000 on S→A; the second fails at
     * the sender (8,799,000 left), which learns nothing from it and searches again: via B. Both deliver: 3 attempts,
     * 2 parts, fees 1,000 + 2,000. The receiver settles each half as it arrives (claims_early).
     */
    @Test
    void noFirstRouteSplitsInTwoHalves() {
        ChannelGraph g = twoWays(1_000_000);
        ClothRouting cloth = new ClothRouting(g, ClothSettings.DEFAULT);
        PaymentOutcome o = EngineRun.of(g, cloth).receivers(ReceiverBehaviour.CLAIMS_EARLY)
                .run(new PaymentRequest(1, S, R, 100_000_000, 0)).outcome();
        assertTrue(o.success());
        assertEquals(3, o.attempts());
        assertEquals(2, o.parts());
        assertEquals(3_000, o.feeMsat());
        // S learnt both halves' hops as successes (the failure at the sender taught nothing)
        ClothMemory m = cloth.memoryOrNull(S);
        assertEquals(50_000_000, m.successAmt(A, R));
        assertEquals(50_000_000, m.successAmt(B, R));
        assertEquals(4, m.pairs());
    }

    /**
     * The same with B–R of 80,000 sat (40,000,000 msat on B's side less 800,000 reserve): the second half fails at B
     * (temporary_channel_failure). S records B→R failed at 50,000,000 (and S→B carried it); B→R's probability is now
     * node(B) × (1 − 2⁰) = 0 and S→A cannot carry it: no path, the half stops. The first half was settled: the
     * payment fails, in part delivered (partial, 50,000,000 msat claimed) — CLoTH's split is not atomic.
     */
    @Test
    void theTwoHalvesAreNotAtomic() {
        ChannelGraph g = twoWays(80_000);
        ClothRouting cloth = new ClothRouting(g, ClothSettings.DEFAULT);
        PaymentOutcome o = EngineRun.of(g, cloth).receivers(ReceiverBehaviour.CLAIMS_EARLY)
                .run(new PaymentRequest(1, S, R, 100_000_000, 0)).outcome();
        assertFalse(o.success());
        assertTrue(o.partial());
        assertEquals(50_000_000, o.claimedMsat());
        assertEquals(3, o.attempts());
        ClothMemory m = cloth.memoryOrNull(S);
        assertEquals(50_000_000, m.failAmt(B, R));
        assertEquals(50_002_000, m.successAmt(S, B));
    }

    /** Without the split the same payment has no route and sends nothing. */
    @Test
    void withoutTheSplitNoFirstRouteIsNoRoute() {
        ChannelGraph g = twoWays(1_000_000);
        PaymentOutcome o = EngineRun.of(g, new ClothRouting(g, new ClothSettings(1_440, false, true)))
                .run(new PaymentRequest(1, S, R, 100_000_000, 0)).outcome();
        assertFalse(o.success());
        assertEquals(0, o.attempts());
    }

    /**
     * The first routes computed ahead on the run's threads (as CLoTH's {@code run_dijkstra_threads}) change nothing:
     * 600 payments on a generated 3,000-channel network give the same outcomes — success, attempts, fees, routes,
     * end times — without computing ahead, with one worker and with three.
     */
    @Test
    void firstRoutesComputedAheadChangeNothing() {
        ChannelGraph g = new org.lnsim.network.generate.McpGenerator(org.lnsim.network.generate.McpDefaults.load(),
                org.lnsim.network.generate.McpGenerator.Config.of(3_000, 5), null).generate().graph();
        java.util.List<org.lnsim.engine.payment.PaymentRequest> workload =
                org.lnsim.engine.workload.WorkloadGenerator.poisson(g, 20, 600, Long.MAX_VALUE,
                        new org.lnsim.engine.workload.AmountDistribution.LogNormal(20_000_000, 1.5),
                        new org.lnsim.engine.workload.EndpointChoice.Uniform(), new java.util.SplittableRandom(2));
        java.util.List<String> without = clothOutcomes(g, workload, 0);
        assertEquals(without, clothOutcomes(g, workload, 1));
        assertEquals(without, clothOutcomes(g, workload, 3));
        assertTrue(without.stream().filter(o -> o.startsWith("true")).count() > 300, "mostly delivered");
    }

    private static java.util.List<String> clothOutcomes(ChannelGraph g,
                                                        java.util.List<org.lnsim.engine.payment.PaymentRequest> w,
                                                        int threads) {
        EngineRun run = EngineRun.of(g, new ClothRouting(g, ClothSettings.DEFAULT));
        if (threads > 0) {
            run = run.prepare(threads);
        }
        return run.run(w).outcomes().stream().sorted(java.util.Comparator.comparingLong(o -> o.payment().id()))
                .map(o -> o.success() + " " + o.attempts() + " " + o.feeMsat() + " " + o.endUs() + " "
                        + java.util.Arrays.toString(o.route()))
                .toList();
    }

    /**
     * The benchmark's search (bench route --algorithm cloth): S→A→R as ClothRouterTest works it out (distance
     * 225,444); the hop into R carries the 10,000,000 msat with the final CLTV 40, the hop into A that plus A's
     * 50,000 msat fee, 10,050,000, with 40 + A→R's delta 40 = 80. A pair with no channel path: none, "no path".
     */
    @Test
    void benchSearchGivesCLoTHsPathWithItsAmounts() {
        ChannelGraph g = ClothNet.graph();
        org.lnsim.protocols.routing.PathFinder f = ClothRouting.pathFinders(g).get();
        org.lnsim.protocols.routing.Route r = f.find(S, R, 10_000_000);
        assertTrue(r.found(), r.failure());
        assertEquals(2, r.hopCount());
        assertEquals(A, g.target(r.hops().get(0).directionIndex()));
        assertEquals(10_050_000, r.hops().get(0).amountMsat());
        assertEquals(80, r.hops().get(0).cltv());
        assertEquals(10_000_000, r.hops().get(1).amountMsat());
        assertEquals(40, r.hops().get(1).cltv());
        assertEquals(225_444, r.costMsat());
        assertEquals(50_000, r.feeMsat());
        assertEquals(org.lnsim.protocols.routing.Algorithm.CLOTH, r.algorithm());
        assertFalse(f.find(S, R, 2_000_000_000L).found(), "above every channel's capacity");
    }
}
