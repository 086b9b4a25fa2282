package org.lnsim.protocols.beacon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lnsim.engine.payment.PaymentOutcome;
import org.lnsim.engine.payment.PaymentRequest;
import org.lnsim.engine.testing.EngineRun;
import org.lnsim.network.ChannelGraph;
import org.lnsim.protocols.routing.HybridRouter;
import org.lnsim.protocols.routing.Route;
import org.lnsim.protocols.routing.RouteHop;
import org.lnsim.protocols.routing.RouteRequest;
import org.lnsim.protocols.source.PayPolicy;

class BeaconRoutingTest {
    private static List<PaymentOutcome> run(ChannelGraph g, BeaconRouting protocol, PaymentRequest... payments) {
        return EngineRun.of(g, protocol).prepare(1).run(payments).outcomes();
    }

    private static BeaconRouting beacon(ChannelGraph g, int radius, int beacons, int requests) {
        return new BeaconRouting(new HybridRouter(g), PayPolicy.C_LIGHTNING, new BeaconRouting.Options(radius,
                beacons, 100, requests, BeaconRouting.Ranking.COST, 0));
    }

    /**
     * The seven-node graph of {@link BeaconTablesTest}, radius 1, one beacon each; 10,000 sat from node 0 to node 5.
     * Sender 0 holds its channel c0 and the path to its beacon 1 (c0, c2); receiver 5 (id byte 41) holds c3, c5 and
     * its beacon 4 (byte 40, path c3). Union {c0, c2, c3, c5}: no route from 0 to 5.
     * <ol>
     *   <li>Beacons of the held tables, XOR-closest to 5 first: 4 (distance 01) is not reachable from 0 over known
     *       channels, so it is passed over; 1 (distance 40) is, over 0→3→1: request and answer cross 2 hops each,
     *       4 × 50 ms = 200 ms. Node 1's table: c2, c4 and its beacon 0's path (c2, c0). Still no route (c6
     *       missing).</li>
     *   <li>No beacon left; known nodes not held or asked, XOR to 5: node 3 (10) 51, node 2 (03) 42, node 6 (80) C1:
     *       ask 2, over 0→3→1→2: 6 × 50 ms = 300 ms. Its table adds c6: route 0→3→1→2→6→5.</li>
     * </ol>
     * Two table requests, 500 ms of discovery, five hops. With one request allowed the payment fails.
     */
    @Test
    void tableRequestsAsWorkedByHand() {
        ChannelGraph g = BeaconTablesTest.sevenNodes();
        PaymentRequest p = new PaymentRequest(1, 0, 5, 10_000_000, 0);
        PaymentOutcome o = run(g, beacon(g, 1, 1, 3), p).get(0);
        assertTrue(o.success(), o.reason());
        assertEquals(2, o.columns()[0]);
        assertEquals(500_000, o.discoveryUs());
        assertEquals(5, o.hops());
        assertArrayEquals(new int[] {BeaconTablesTest.dir(g, 0, 3), BeaconTablesTest.dir(g, 3, 1),
                BeaconTablesTest.dir(g, 1, 2), BeaconTablesTest.dir(g, 2, 6), BeaconTablesTest.dir(g, 6, 5)},
                o.route());
        PaymentOutcome one = run(g, beacon(g, 1, 1, 1), p).get(0);
        assertFalse(one.success());
        assertEquals(1, one.columns()[0]);
        assertEquals(200_000, one.discoveryUs());
        assertTrue(one.reason().startsWith("no route"), one.reason());
    }

    /**
     * On a living network (issue 22) a search pools what the holders of the tables the sender holds know: after the
     * worked example's two requests (beacon 1, then node 2) the tables of 0 (sender), 5 (receiver), 1 and 2.
     */
    @Test
    void searchesPoolWhatTheHeldTablesHoldersKnow() {
        ChannelGraph g = BeaconTablesTest.sevenNodes();
        BeaconRouting b = beacon(g, 1, 1, 3);
        BeaconRouting.HeldTables held = b.new HeldTables(0, 5);
        java.util.function.Supplier<int[]> observers = b.observers(null, held);
        assertArrayEquals(new int[] {0, 5}, observers.get());
        held.add(1);
        held.add(2);
        assertArrayEquals(new int[] {0, 5, 1, 2}, observers.get(), "asked before each search, so it grows");
    }

    /**
     * Differential, on seeded random graphs: the router restricted to the union of the sender's and receiver's
     * tables never leaves it, and returns exactly the full-knowledge route whenever that route lies inside the union
     * (restricting the graph cannot make a route that is still available more expensive, and ties resolve the same
     * way over the same edges).
     */
    @Test
    void unionRouteEqualsFullRouteWhenInsideTheUnion() {
        int inside = 0;
        for (long seed = 1; seed <= 4; seed++) {
            ChannelGraph g = BeaconTablesTest.randomGraph(seed, 150, 450);
            HybridRouter router = new HybridRouter(g);
            BeaconTables tables = new BeaconTables(g, 2, 3, 100);
            tables.computeAll(1);
            int[] known = new int[g.channelCount()];
            SplittableRandom rnd = new SplittableRandom(seed);
            for (int q = 0; q < 60; q++) {
                int s = rnd.nextInt(g.nodeCount());
                int r = rnd.nextInt(g.nodeCount());
                if (s == r || g.degree(s) == 0 || g.degree(r) == 0) {
                    continue;
                }
                int mark = q + 1;
                tables.markTable(s, known, mark);
                tables.markTable(r, known, mark);
                RouteRequest req = RouteRequest.of(s, r, 50_000_000).withFuzz(0.05, seed * 100 + q);
                Route full = router.find(req);
                Route union = router.find(req.withKnownChannels(c -> known[c] == mark));
                if (union.found()) {
                    for (RouteHop h : union.hops()) {
                        assertEquals(mark, known[ChannelGraph.channelOf(h.directionIndex())], "left the tables");
                    }
                }
                boolean fullInside = full.found() && full.hops().stream()
                        .allMatch(h -> known[ChannelGraph.channelOf(h.directionIndex())] == mark);
                if (fullInside) {
                    inside++;
                    assertEquals(full.hops(), union.hops(), "seed " + seed + " query " + q);
                    assertEquals(full.costMsat(), union.costMsat());
                }
            }
        }
        assertTrue(inside > 20, "enough routes inside the union to compare: " + inside);
    }

    /**
     * In the engine, on a random graph: a payment that asked for no table was routed only over channels of the
     * sender's and receiver's tables; some payments needed requests at radius 1.
     */
    @Test
    void paymentsWithoutRequestsStayInsideSenderAndReceiverTables() {
        ChannelGraph g = BeaconTablesTest.randomGraph(11, 200, 700);
        BeaconRouting protocol = beacon(g, 1, 2, 3);
        SplittableRandom rnd = new SplittableRandom(3);
        List<PaymentRequest> ps = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            int s = rnd.nextInt(g.nodeCount());
            int r = (s + 1 + rnd.nextInt(g.nodeCount() - 1)) % g.nodeCount();
            ps.add(new PaymentRequest(i, s, r, 1_000_000 + rnd.nextInt(5_000_000), 100_000L * i));
        }
        List<PaymentOutcome> out = run(g, protocol, ps.toArray(new PaymentRequest[0]));
        assertEquals(150, out.size());
        int[] known = new int[g.channelCount()];
        int checked = 0;
        int asked = 0;
        for (PaymentOutcome o : out) {
            asked += o.columns()[0] > 0 ? 1 : 0;
            if (!o.success() || o.columns()[0] > 0) {
                continue;
            }
            int mark = (int) o.payment().id() + 1;
            protocol.tables().markTable(o.payment().sender(), known, mark);
            protocol.tables().markTable(o.payment().receiver(), known, mark);
            for (int e : o.route()) {
                assertEquals(mark, known[ChannelGraph.channelOf(e)], "payment " + o.payment().id());
            }
            checked++;
        }
        assertTrue(checked > 10 && asked > 10, "checked " + checked + ", asked " + asked);
    }
}
