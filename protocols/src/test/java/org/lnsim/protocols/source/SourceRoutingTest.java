package org.lnsim.protocols.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lnsim.engine.htlc.NodeAvailability;
import org.lnsim.engine.payment.PaymentEngine;
import org.lnsim.engine.payment.PaymentOutcome;
import org.lnsim.engine.payment.PaymentRequest;
import org.lnsim.engine.payment.RoutingProtocol;
import org.lnsim.engine.testing.EngineRun;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.ChannelGraphBuilder;
import org.lnsim.network.ChannelPolicy;
import org.lnsim.network.NodeIds;
import org.lnsim.network.ShortChannelId;
import org.lnsim.network.gossip.GossipSizes;
import org.lnsim.protocols.routing.Algorithm;
import org.lnsim.protocols.routing.Route;
import org.lnsim.protocols.routing.RouteHop;

class SourceRoutingTest {
    private static final int S = 0;
    private static final int A = 1;
    private static final int B = 2;
    private static final int R = 3;

    /**
     * Two routes S→A→R and S→B→R (node ids 1..4 in that order). S–A, S–B, B–R: 1,000,000 sat; A–R: 100,000 sat.
     * Fees: every S→x direction base 0 / 0 ppm / delta 14; A→R {@code aR}; B→R {@code bR}; reverse directions
     * base 1000, 1 ppm, delta 40.
     */
    private static ChannelGraph diamond(ChannelPolicy aR, ChannelPolicy bR) {
        ChannelGraphBuilder b = new ChannelGraphBuilder();
        int s = b.addNode(NodeIds.fromIndex(1));
        int a = b.addNode(NodeIds.fromIndex(2));
        int bb = b.addNode(NodeIds.fromIndex(3));
        int r = b.addNode(NodeIds.fromIndex(4));
        ChannelPolicy free = new ChannelPolicy(0, 0, 14, 0, ChannelPolicy.NO_HTLC_MAXIMUM, false);
        ChannelPolicy back = new ChannelPolicy(1000, 1, 40, 0, ChannelPolicy.NO_HTLC_MAXIMUM, false);
        int sa = b.addChannel(ShortChannelId.of(1, 0, 0), s, a, 1_000_000);
        b.setPolicy(sa, s, free);
        b.setPolicy(sa, a, back);
        int ar = b.addChannel(ShortChannelId.of(2, 0, 0), a, r, 100_000);
        b.setPolicy(ar, a, aR);
        b.setPolicy(ar, r, back);
        int sb = b.addChannel(ShortChannelId.of(3, 0, 0), s, bb, 1_000_000);
        b.setPolicy(sb, s, free);
        b.setPolicy(sb, bb, back);
        int br = b.addChannel(ShortChannelId.of(4, 0, 0), bb, r, 1_000_000);
        b.setPolicy(br, bb, bR);
        b.setPolicy(br, r, back);
        return b.build();
    }

    private static List<PaymentOutcome> run(ChannelGraph g, RoutingProtocol protocol, PaymentRequest... payments) {
        return EngineRun.of(g, protocol).run(payments).outcomes();
    }

    /**
     * 60,000,000 msat S→R. A→R (base 0, 1 ppm: fee 60 msat) is cheapest and its 100,000-sat capacity passes the
     * router's check, but A holds only 50,000,000 msat on it (half split) minus a 1,000,000 reserve: A fails with
     * temporary_channel_failure after 100 + 100 ms. S excludes A→R and pays via B (base 1000, 1000 ppm: fee
     * 1000 + 60,000 = 61,000 msat, within the 0.5% budget of 300,000): 2 offers + 2 fulfils = 400 ms more.
     */
    @Test
    void retriesAroundAFailedChannelLikeThePayPlugin() {
        ChannelGraph g = diamond(new ChannelPolicy(0, 1, 40, 0, ChannelPolicy.NO_HTLC_MAXIMUM, false),
                new ChannelPolicy(1000, 1000, 40, 0, ChannelPolicy.NO_HTLC_MAXIMUM, false));
        PaymentOutcome o = run(g, new SourceRouting(g, PayPolicy.C_LIGHTNING, 0),
                new PaymentRequest(1, S, R, 60_000_000, 0)).get(0);
        assertTrue(o.success());
        assertEquals(2, o.attempts());
        assertEquals(1, o.noBalanceFailures());
        assertEquals(61_000, o.feeMsat());
        assertEquals(600_000, o.latencyUs());
        int sToB = 2 * 2 + 0;  // channel 3x0x0 is index 2, node_1 = S
        int bToR = 2 * 3 + 0;  // channel 4x0x0 is index 3, node_1 = B
        assertArrayEquals(new int[] {sToB, bToR}, o.route());
    }

    /**
     * The same payment with the oracle: told that A can spend only 49,000,000 msat on A→R, the router never picks
     * it, so the first attempt goes via B and succeeds (400 ms), with B's 61,000-msat fee.
     */
    @Test
    void oracleAvoidsTheChannelThatCannotCarryThePayment() {
        ChannelGraph g = diamond(new ChannelPolicy(0, 1, 40, 0, ChannelPolicy.NO_HTLC_MAXIMUM, false),
                new ChannelPolicy(1000, 1000, 40, 0, ChannelPolicy.NO_HTLC_MAXIMUM, false));
        PaymentOutcome o = run(g, new OracleRouting(g, PayPolicy.C_LIGHTNING),
                new PaymentRequest(1, S, R, 60_000_000, 0)).get(0);
        assertTrue(o.success());
        assertEquals(1, o.attempts());
        assertEquals(0, o.noBalanceFailures());
        assertEquals(61_000, o.feeMsat());
        assertEquals(400_000, o.latencyUs());
    }

    /**
     * 10,000,000 msat, budget max(50,000, 5,000) = 50,000 msat. Via A: fee 60,000 (base 60,000) with delta 10, risk
     * ≈ 10,060,000 × 10 × 10/5,259,600 ≈ 191: cost ≈ 60,191 over the amount. Via B: fee 40,000 with delta 2000, risk
     * ≈ 10,040,000 × 2000 × 10/5,259,600 ≈ 38,178: cost ≈ 78,178. The router prefers A, the fee is over budget, so A→R
     * is excluded and B is used (its total CLTV 9 + 2000 = 2009 is within 2016): one attempt, fee 40,000.
     */
    @Test
    void overBudgetRouteIsAvoidedBeforeSending() {
        ChannelGraph g = diamond(new ChannelPolicy(60_000, 0, 10, 0, ChannelPolicy.NO_HTLC_MAXIMUM, false),
                new ChannelPolicy(40_000, 0, 2000, 0, ChannelPolicy.NO_HTLC_MAXIMUM, false));
        PayPolicy noFuzz = new PayPolicy(10, 0, 20, 0.5, 5_000, 2016, 9);
        PaymentOutcome o = run(g, new SourceRouting(g, noFuzz, 0), new PaymentRequest(1, S, R, 10_000_000, 0)).get(0);
        assertTrue(o.success());
        assertEquals(1, o.attempts());
        assertEquals(40_000, o.feeMsat());
    }

    /** Nothing can carry 2,000,000 sat: the router finds no route and the payment fails without an attempt. */
    @Test
    void noRouteMeansNoAttempt() {
        ChannelGraph g = diamond(new ChannelPolicy(0, 1, 40, 0, ChannelPolicy.NO_HTLC_MAXIMUM, false),
                new ChannelPolicy(0, 1, 40, 0, ChannelPolicy.NO_HTLC_MAXIMUM, false));
        PaymentOutcome o = run(g, new SourceRouting(g, PayPolicy.C_LIGHTNING, 0),
                new PaymentRequest(1, S, R, 2_000_000_000L, 0)).get(0);
        assertFalse(o.success());
        assertEquals(0, o.attempts());
        assertTrue(o.reason().startsWith("no route"), o.reason());
    }

    /** Every node with channels stores the network's whole gossip: its routing state is gossip_bytes_raw. */
    @Test
    void stateIsTheRealGossipSize() {
        ChannelGraph g = diamond(new ChannelPolicy(0, 1, 40, 0, ChannelPolicy.NO_HTLC_MAXIMUM, false),
                new ChannelPolicy(0, 1, 40, 0, ChannelPolicy.NO_HTLC_MAXIMUM, false));
        SourceRouting source = new SourceRouting(g, PayPolicy.C_LIGHTNING, 0);
        // 4 channels × (432 + 2 × 130); no node announcements in this graph
        assertEquals(4 * (432 + 2 * 130), GossipSizes.of(g).rawBytes());
        for (int n = 0; n < 4; n++) {
            assertEquals(4 * (432 + 2 * 130), source.report().stateBytes(n));
        }
    }

    /** Hop i ≥ 1 charges amount[i−1] − amount[i] and asks cltv[i−1] − cltv[i]; the worst one is picked. */
    @Test
    void mostChargingAndMostDelayingHopsAreFoundFromTheRoute() {
        // three hops: amounts 10,300 → 10,100 → 10,000; CLTVs 200 → 60 → 9 (hop 1 charges 200 and asks 140)
        Route route = new Route(List.of(new RouteHop(0, 1, 0, 10_300, 200), new RouteHop(1, 2, 1, 10_100, 60),
                new RouteHop(2, 3, 0, 10_000, 9)), 10_000, 0, Algorithm.DIJKSTRA, null);
        // hop 1: channel 1, direction 1 → 3
        assertEquals(3, HybridPartRoutes.worst(route, true, PayPolicy.WorstChannel.INTENT));
        assertEquals(3, HybridPartRoutes.worst(route, false, PayPolicy.WorstChannel.INTENT));
        Route other = new Route(List.of(new RouteHop(0, 1, 0, 10_150, 200), new RouteHop(1, 2, 1, 10_100, 190),
                new RouteHop(2, 3, 0, 10_000, 9)), 10_000, 0, Algorithm.DIJKSTRA, null);
        // hop 2 charges 100 > 50 and asks 181 > 10
        assertEquals(4, HybridPartRoutes.worst(other, true, PayPolicy.WorstChannel.INTENT));
        assertEquals(4, HybridPartRoutes.worst(other, false, PayPolicy.WorstChannel.INTENT));
    }

    /**
     * Node churn's gossip, on the diamond (S, A, B, R; every node has 2 channels): A went offline and came back
     * (2 toggles), so its peers sent 2 × 2 = 4 channel_updates, each reaching all 4 nodes: 16 messages of 130 B.
     */
    @Test
    void nodeChurnUpdatesReachEveryNode() {
        ChannelGraph g = diamond(new ChannelPolicy(0, 1, 40, 0, ChannelPolicy.NO_HTLC_MAXIMUM, false),
                new ChannelPolicy(1000, 1000, 40, 0, ChannelPolicy.NO_HTLC_MAXIMUM, false));
        NodeAvailability churn = new NodeAvailability() {
            @Override
            public boolean isOnline(int node, long timeUs) {
                return true;
            }

            @Override
            public long toggles(int node, long timeUs) {
                return node == A ? 2 : 0;
            }
        };
        PaymentEngine engine = EngineRun.of(g, new SourceRouting(g, PayPolicy.C_LIGHTNING, 0)).availability(churn)
                .checks(EngineRun.Checks.NONE).run().engine();
        assertArrayEquals(new long[] {16, 16 * 130}, engine.controlByType().get("channel_update"));
    }

    /**
     * Each node's sync is charged to the peers that send it, split evenly over its channels (PeerCharges). A star: hub
     * H (index 0) with leaves L1, L2, L3, one channel each, no node announced: the gossip is 3 channel_announcements
     * + 6 channel_updates = 9 messages, 3 × (432 + 2 × 130) = 2,076 bytes. Each leaf's only peer is H, so H sends
     * the three leaves' syncs: 27 messages, 6,228 bytes; H's own sync is split over its three channels: each leaf
     * sends 3 messages, 692 bytes. Received: every node one sync, 2,076 bytes. Before issue 18 the sender was the
     * receiver's first peer: the same here for the leaves, but H's sync came from L1 alone (9, 0, 0 for the leaves).
     * Totals: 36 messages, 8,304 bytes, as before.
     */
    @Test
    void eachSyncIsChargedToThePeersThatSendIt() {
        ChannelGraphBuilder b = new ChannelGraphBuilder();
        int h = b.addNode(NodeIds.fromIndex(1));
        ChannelPolicy p = new ChannelPolicy(1000, 1, 40, 0, ChannelPolicy.NO_HTLC_MAXIMUM, false);
        for (int i = 0; i < 3; i++) {
            int leaf = b.addNode(NodeIds.fromIndex(2 + i));
            int c = b.addChannel(ShortChannelId.of(1 + i, 0, 0), h, leaf, 1_000_000);
            b.setPolicy(c, h, p);
            b.setPolicy(c, leaf, p);
        }
        ChannelGraph g = b.build();
        GossipSizes.Totals gossip = GossipSizes.of(g);
        assertEquals(9, gossip.channelAnnouncements() + gossip.channelUpdates() + gossip.nodeAnnouncements());
        assertEquals(2_076, gossip.rawBytes());
        PaymentEngine engine = EngineRun.of(g, new SourceRouting(g, PayPolicy.C_LIGHTNING, 0))
                .checks(EngineRun.Checks.NONE).run().engine();
        long[] sent = new long[4];
        long[] sentBytes = new long[4];
        long[] received = new long[4];
        for (int v = 0; v < 4; v++) {
            sent[v] = engine.nodeSetupMessagesSent(v);
            sentBytes[v] = engine.nodeSetupBytesSent(v);
            received[v] = engine.nodeSetupBytesReceived(v);
        }
        int hub = g.indexOfNode(NodeIds.fromIndex(1));
        assertEquals(0, hub);
        assertArrayEquals(new long[] {27, 3, 3, 3}, sent);
        assertArrayEquals(new long[] {6_228, 692, 692, 692}, sentBytes);
        assertArrayEquals(new long[] {2_076, 2_076, 2_076, 2_076}, received);
        assertEquals(36, engine.setupMessages());
        assertEquals(8_304, engine.setupBytes());
    }
}
