package org.lnsim.protocols.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lnsim.engine.payment.PaymentOutcome;
import org.lnsim.engine.payment.PaymentRequest;
import org.lnsim.engine.testing.EngineRun;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.ChannelGraphBuilder;
import org.lnsim.network.ChannelPolicy;
import org.lnsim.network.NodeIds;
import org.lnsim.network.ShortChannelId;
import org.lnsim.protocols.routing.Algorithm;
import org.lnsim.protocols.routing.Route;
import org.lnsim.protocols.routing.RouteHop;
import org.lnsim.protocols.source.PayPolicy.WorstChannel;

/** Which channel the pay loop excludes from a route over its fee budget or delay limit ({@code worst_channel}). */
class WorstChannelTest {
    /**
     * Four hops, direction indices 0, 3, 4, 7 (channel c, direction d → 2c + d). Amounts 10,300 → 10,100 → 10,090 →
     * 10,000 msat: hop 1's node charges 200, hop 2's 10, hop 3's 90. CLTVs 300 → 160 → 150 → 9: deltas 140, 10, 141.
     */
    private static final Route FOUR = new Route(List.of(new RouteHop(0, 1, 0, 10_300, 300),
            new RouteHop(1, 2, 1, 10_100, 160), new RouteHop(2, 3, 0, 10_090, 150),
            new RouteHop(3, 4, 1, 10_000, 9)), 10_000, 0, Algorithm.DIJKSTRA, null);

    /** The intent: the direction with the largest charge (200 on hop 1) and the largest delta (141 on hop 3). */
    @Test
    void intentExcludesTheDirectionThatChargesMost() {
        assertEquals(3, HybridPartRoutes.worst(FOUR, true, WorstChannel.INTENT));
        assertEquals(7, HybridPartRoutes.worst(FOUR, false, WorstChannel.INTENT));
    }

    /**
     * v0.7.1 as coded, in u64: prev = 10,000 (the final amount). Hop 0: 10,300 − 10,000 = 300, kept. Hop 1: 10,100 −
     * 10,300 wraps to 2⁶⁴ − 200 > 300, kept. Hop 2: 10,090 − 10,100 = 2⁶⁴ − 10 > 2⁶⁴ − 200, kept. Hop 3: 10,000 −
     * 10,090 = 2⁶⁴ − 90 < 2⁶⁴ − 10. So hop 2 (direction 4), the smallest positive charge. Delay, prev = 9: hop 0 291;
     * hop 1 2⁶⁴ − 140; hop 2 2⁶⁴ − 10, kept; hop 3 2⁶⁴ − 141. Hop 2 again.
     */
    @Test
    void v071ExcludesTheHopWithTheSmallestPositiveCharge() {
        assertEquals(4, HybridPartRoutes.worst(FOUR, true, WorstChannel.V0_7_1));
        assertEquals(4, HybridPartRoutes.worst(FOUR, false, WorstChannel.V0_7_1));
    }

    /**
     * v0.7.3 as coded: the largest prev − val, but the hop before it. Fee: hop 1's 200 is the largest, so hop 0
     * (direction 0, the sender's own channel into the node that charges most). Delay: 140, 10, 141: hop 3's 141, so
     * hop 2 (direction 4).
     */
    @Test
    void v073ExcludesTheChannelIntoTheNodeThatChargesMost() {
        assertEquals(0, HybridPartRoutes.worst(FOUR, true, WorstChannel.V0_7_3));
        assertEquals(4, HybridPartRoutes.worst(FOUR, false, WorstChannel.V0_7_3));
    }

    /**
     * A hop that charges nothing is not the smallest positive charge in v0.7.1: amounts 10,050 → 10,050 → 10,000
     * (hop 1 charges 0, hop 2 charges 50). prev = 10,000: hop 0 50, kept; hop 1 10,050 − 10,050 = 0, not above 50;
     * hop 2 10,000 − 10,050 = 2⁶⁴ − 50, kept: direction 2·5 + 1 = 11. The intent keeps hop 2 too (50 > 0); v0.7.3
     * keeps hop 1 (direction 8), the channel into hop 2's node.
     */
    @Test
    void aHopThatChargesNothingIsPassedOver() {
        Route r = new Route(List.of(new RouteHop(3, 1, 0, 10_050, 100), new RouteHop(4, 2, 0, 10_050, 50),
                new RouteHop(5, 3, 1, 10_000, 9)), 10_000, 0, Algorithm.DIJKSTRA, null);
        assertEquals(11, HybridPartRoutes.worst(r, true, WorstChannel.V0_7_1));
        assertEquals(11, HybridPartRoutes.worst(r, true, WorstChannel.INTENT));
        assertEquals(8, HybridPartRoutes.worst(r, true, WorstChannel.V0_7_3));
    }

    /** A one-hop route (only its delay can be over a limit): every choice excludes that hop. */
    @Test
    void aOneHopRouteExcludesItsOnlyHop() {
        Route r = new Route(List.of(new RouteHop(6, 1, 1, 10_000, 3000)), 10_000, 0, Algorithm.DIJKSTRA, null);
        for (WorstChannel w : WorstChannel.values()) {
            assertEquals(13, HybridPartRoutes.worst(r, false, w), w.key());
        }
    }

    /** The configuration values name the three choices. */
    @Test
    void configurationValuesNameTheChoices() {
        for (WorstChannel w : WorstChannel.values()) {
            assertEquals(w, WorstChannel.of(w.key()));
        }
        assertEquals(List.of("intent", "v0.7.1", "v0.7.3"), PayPolicy.WORST_CHANNEL.choices());
        assertEquals(WorstChannel.INTENT, PayPolicy.C_LIGHTNING.worstChannel());
    }

    private static final int S = 0;
    private static final int X = 1;
    private static final int Y = 2;
    private static final int R = 3;
    private static final int W = 4;
    private static final int Z = 5;

    /**
     * Three routes from S to R, every channel 1,000,000 sat, every direction not named base 0, 0 ppm, delta 14. The
     * risk term adds about 19 msat per block of delta of each direction, the sender's own included (≈ 10,000,000 ×
     * riskfactor 10 / 5,259,600 ≈ 19.0), fuzz 0:
     * <ul>
     *   <li>S→X→Y→R: X→Y base 50,000, Y→R base 10; fee 50,010, over the budget of a 10,000,000-msat payment
     *       (max(0.5% = 50,000, 5,000)); deltas 14 + 14 + 14 = 42; cost ≈ 50,010 + 19 × 42 ≈ 50,810, the cheapest;</li>
     *   <li>S→W→Y→R: W→Y base 45,000 delta 500; fee 45,010; cost ≈ 45,010 + 19 × 528 ≈ 55,040;</li>
     *   <li>S→X→Z→R: X→Z base 40,000 delta 1000; fee 40,000; cost ≈ 40,000 + 19 × 1028 ≈ 59,530.</li>
     * </ul>
     * Total CLTVs 9 + 28, 9 + 514 and 9 + 1014, all within 2016.
     */
    private static ChannelGraph threeRoutes() {
        ChannelGraphBuilder b = new ChannelGraphBuilder();
        for (int i = 0; i < 6; i++) {
            b.addNode(NodeIds.fromIndex(i + 1));
        }
        ChannelPolicy plain = policy(0, 14);
        int[][] channels = {{S, X}, {X, Y}, {Y, R}, {S, W}, {W, Y}, {X, Z}, {Z, R}};
        for (int c = 0; c < channels.length; c++) {
            int ch = b.addChannel(ShortChannelId.of(c + 1, 0, 0), channels[c][0], channels[c][1], 1_000_000);
            b.setPolicy(ch, channels[c][0], plain);
            b.setPolicy(ch, channels[c][1], plain);
        }
        b.setPolicy(1, X, policy(50_000, 14));
        b.setPolicy(2, Y, policy(10, 14));
        b.setPolicy(4, W, policy(45_000, 500));
        b.setPolicy(5, X, policy(40_000, 1000));
        return b.build();
    }

    private static ChannelPolicy policy(long baseMsat, int delta) {
        return new ChannelPolicy(baseMsat, 0, delta, 0, ChannelPolicy.NO_HTLC_MAXIMUM, false);
    }

    private static int[] path(ChannelGraph g, int... nodes) {
        int[] dirs = new int[nodes.length - 1];
        for (int i = 0; i + 1 < nodes.length; i++) {
            dirs[i] = -1;
            for (int e = 0; e < 2 * g.channelCount(); e++) {
                if (g.source(e) == nodes[i] && g.target(e) == nodes[i + 1]) {
                    dirs[i] = e;
                }
            }
        }
        return dirs;
    }

    private static PaymentOutcome pay(ChannelGraph g, WorstChannel w) {
        PayPolicy policy = new PayPolicy(10, 0, 20, 0.5, 5_000, 2016, 9, w);
        return EngineRun.of(g, new SourceRouting(g, policy, 0)).run(new PaymentRequest(1, S, R, 10_000_000, 0))
                .outcomes().get(0);
    }

    /**
     * The first route, S→X→Y→R, is over the budget; each choice excludes another of its channels before searching
     * again: the intent X→Y (X charges 50,000), so S→W→Y→R (fee 45,010); v0.7.1 Y→R (the smallest positive charge,
     * 10), so S→X→Z→R (fee 40,000); v0.7.3 S→X (into X), so S→W→Y→R. One attempt each, all within the budget.
     */
    @Test
    void thePayLoopSearchesAgainWithoutTheChosenChannel() {
        ChannelGraph g = threeRoutes();
        PaymentOutcome intent = pay(g, WorstChannel.INTENT);
        PaymentOutcome v071 = pay(g, WorstChannel.V0_7_1);
        PaymentOutcome v073 = pay(g, WorstChannel.V0_7_3);
        for (PaymentOutcome o : List.of(intent, v071, v073)) {
            assertTrue(o.success());
            assertEquals(1, o.attempts());
        }
        assertArrayEquals(path(g, S, W, Y, R), intent.route());
        assertEquals(45_010, intent.feeMsat());
        assertArrayEquals(path(g, S, X, Z, R), v071.route());
        assertEquals(40_000, v071.feeMsat());
        assertArrayEquals(path(g, S, W, Y, R), v073.route());
        assertEquals(45_010, v073.feeMsat());
    }
}
