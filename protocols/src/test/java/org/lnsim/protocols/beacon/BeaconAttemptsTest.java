package org.lnsim.protocols.beacon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lnsim.engine.Event;
import org.lnsim.engine.htlc.FixedLatency;
import org.lnsim.engine.htlc.HtlcPath;
import org.lnsim.engine.htlc.NodeAvailability;
import org.lnsim.engine.payment.BulkCharges;
import org.lnsim.engine.payment.Knowledge;
import org.lnsim.engine.payment.PaymentContext;
import org.lnsim.engine.payment.PaymentOutcome;
import org.lnsim.engine.payment.PaymentRequest;
import org.lnsim.engine.payment.PaymentSession;
import org.lnsim.engine.payment.ProtocolContext;
import org.lnsim.engine.payment.ProtocolReport;
import org.lnsim.engine.payment.ProtocolSeeds;
import org.lnsim.engine.payment.RoutingProtocol;
import org.lnsim.engine.testing.EngineRun;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.ChannelGraphBuilder;
import org.lnsim.network.ChannelPolicy;
import org.lnsim.network.ShortChannelId;
import org.lnsim.protocols.routing.HybridRouter;
import org.lnsim.protocols.source.PayPolicy;

/** {@link BeaconAttempts}: the candidate ranking, and what a sender's routes and table requests may use. */
class BeaconAttemptsTest {
    private static List<PaymentOutcome> run(ChannelGraph g, RoutingProtocol protocol, List<PaymentRequest> payments) {
        return run(g, protocol, payments, NodeAvailability.ALWAYS_ONLINE);
    }

    private static List<PaymentOutcome> run(ChannelGraph g, RoutingProtocol protocol, List<PaymentRequest> payments,
                                            NodeAvailability availability) {
        return EngineRun.of(g, protocol).latency(new FixedLatency(100_000, 100_000, OFFLINE_WAIT_US, CONTROL_US))
                .availability(availability).prepare(1).run(payments).outcomes();
    }

    private static BeaconRouting beacon(ChannelGraph g, int radius, int beacons, int requests,
                                        BeaconRouting.Ranking ranking) {
        return new BeaconRouting(new HybridRouter(g), PayPolicy.C_LIGHTNING, new BeaconRouting.Options(radius,
                beacons, 100, requests, ranking, 0));
    }

    // ------------------------------------------------------------------ candidate ranking

    /** Sender S (node 0), three relays A1–A3 (1–3), B1–B3 (4–6), receiver R (7). */
    private static final int S = 0;
    private static final int R = 7;

    /**
     * Three disjoint 3-hop routes S→Ai→Bi→R, i = 1..3. Every direction of route i charges base fee {@code fee[i]}
     * msat, 0 ppm, CLTV delta 40; capacities are 1,000,000 sat except the middle channel Ai–Bi, {@code mid[i]} sat.
     */
    private static ChannelGraph threeRoutes(long[] mid, long[] fee) {
        ChannelGraphBuilder b = new ChannelGraphBuilder();
        int[] n = new int[8];
        int[] idByte = {0x00, 0x11, 0x12, 0x13, 0x21, 0x22, 0x23, 0x30};
        for (int i = 0; i < 8; i++) {
            n[i] = b.addNode(BeaconTablesTest.id(idByte[i]));
        }
        int scid = 100;
        for (int i = 0; i < 3; i++) {
            ChannelPolicy pol = new ChannelPolicy(fee[i], 0, 40, 0, ChannelPolicy.NO_HTLC_MAXIMUM, false);
            int[][] ends = {{S, 1 + i, 1_000_000}, {1 + i, 4 + i, (int) mid[i]}, {4 + i, R, 1_000_000}};
            for (int[] e : ends) {
                int ch = b.addChannel(ShortChannelId.of(scid++, 0, 0), n[e[0]], n[e[1]], e[2]);
                b.setPolicy(ch, n[e[0]], pol);
                b.setPolicy(ch, n[e[1]], pol);
            }
        }
        return b.build();
    }

    private static int[] routeVia(ChannelGraph g, int i) {
        return new int[] {BeaconTablesTest.dir(g, S, 1 + i), BeaconTablesTest.dir(g, 1 + i, 4 + i),
                BeaconTablesTest.dir(g, 4 + i, R)};
    }

    /**
     * 50,000 sat from S to R; fees: route 1 none, route 2 5,000 msat at each of A2, B2, route 3 10,000 msat at each
     * of A3, B3. Radius 2 tables of S and R together hold all nine channels, so no table request. The cheapest route
     * is always route 1 (0 fee against 10,000 and 20,000 msat, same hops and CLTVs), which {@code cost} takes.
     *
     * <p>{@code probability}: candidates are route 1, then (A1→B1 avoided) route 2, then (A2→B2 too) route 3. Hop
     * amounts: route 1 50,000,000 msat on every hop; route i ≥ 2 carries A + 2f, A + f, A (f its fee). Products of
     * (capacity − amount) / capacity, in msat, outer channels 1e9:
     * <pre>
     * mids (sat)             route 1                          route 2                             route 3
     * 150k, 300k, 1M   .95 × (1.5e8−5e7)/1.5e8 × .95      .94999 × (3e8−50,005,000)/3e8      .94998 × .94999 × .95
     *                  = .95 × .66667 × .95 = .601667     × .95 = .752060                    = .857348  → route 3
     * 150k, 1M, 300k   .601667                            .94999 × .949995 × .95 = .857361   .94998 × (3e8−50,010,000)
     *                                                                                        /3e8 × .95 = .752037 → 2
     * 1M, 150k, 150k   .95 × .95 × .95 = .857375          .94999 × .66663 × .95 = .601630    .601594        → route 1
     * </pre>
     * Each case is one attempt: every channel holds half its capacity on each side, enough for 50,000 sat.
     */
    @Test
    void probabilityRankingPicksTheMostLikelyCandidateCostRankingTheCheapest() {
        long[] fee = {0, 5_000, 10_000};
        long[][] mids = {{150_000, 300_000, 1_000_000}, {150_000, 1_000_000, 300_000},
                {1_000_000, 150_000, 150_000}};
        int[] mostLikely = {2, 1, 0};
        for (int k = 0; k < mids.length; k++) {
            ChannelGraph g = threeRoutes(mids[k], fee);
            List<PaymentRequest> p = List.of(new PaymentRequest(1, S, R, 50_000_000, 0));
            PaymentOutcome cost = run(g, beacon(g, 2, 1, 3, BeaconRouting.Ranking.COST), p).get(0);
            assertTrue(cost.success(), cost.reason());
            assertEquals(1, cost.attempts());
            assertEquals(0, cost.columns()[0]);
            assertArrayEquals(routeVia(g, 0), cost.route(), "cost, case " + k);
            assertEquals(0, cost.feeMsat());

            PaymentOutcome prob = run(g, beacon(g, 2, 1, 3, BeaconRouting.Ranking.PROBABILITY), p).get(0);
            assertTrue(prob.success(), prob.reason());
            assertEquals(1, prob.attempts());
            assertEquals(0, prob.columns()[0]);
            assertArrayEquals(routeVia(g, mostLikely[k]), prob.route(), "probability, case " + k);
            assertEquals(2 * fee[mostLikely[k]], prob.feeMsat());
        }
    }

    // ------------------------------------------------------------------ what the sender may know

    /** A control message charged during a payment: its type, sending and receiving node, bytes. */
    private record Charge(String type, int sender, int receiver, long bytes) {
    }

    /**
     * Seeded random graphs at radius 1 with one or two beacons, so that many payments need table requests. Each
     * payment's control messages are recorded (a wrapper around the engine's payment context, behaviour unchanged),
     * which tells which nodes it asked: a table request is a run of {@code flare_table_request} hops from the sender
     * to the asked node, answered by a run of {@code flare_table_response} hops whose first is sent by the asked node
     * and carries its table. Checked for every payment:
     * <ul>
     *   <li>the number of asked nodes is the payment's {@code table_requests};</li>
     *   <li>each request starts at the sender and travels, hop by hop, over channels of the tables held at that
     *       moment (sender's, receiver's, those asked before), so the sender could address the asked node;</li>
     *   <li>each answer carries 1,368 + the asked node's table bytes;</li>
     *   <li>a successful route uses only channels of the sender's, the receiver's and the asked nodes' tables.</li>
     * </ul>
     * And the case is exercised: many successful payments asked for tables, and some of their routes use a channel
     * that only an asked node's table holds.
     */
    @Test
    void routesAndRequestsStayInsideTheTablesTheSenderHolds() {
        int succeededAfterRequests = 0;
        int neededAskedTables = 0;
        int requestsChecked = 0;
        long[][] settings = {{31, 200, 550, 1}, {32, 250, 650, 2}, {33, 200, 500, 1}};
        for (long[] set : settings) {
            ChannelGraph g = BeaconTablesTest.randomGraph(set[0], (int) set[1], (int) set[2]);
            BeaconRouting beacon = beacon(g, 1, (int) set[3], 3, BeaconRouting.Ranking.COST);
            Map<Long, List<Charge>> charges = new HashMap<>();
            SplittableRandom rnd = new SplittableRandom(set[0]);
            List<PaymentRequest> ps = new ArrayList<>();
            for (int i = 0; i < 150; i++) {
                int s = rnd.nextInt(g.nodeCount());
                int r = (s + 1 + rnd.nextInt(g.nodeCount() - 1)) % g.nodeCount();
                ps.add(new PaymentRequest(i, s, r, 1_000_000 + rnd.nextInt(5_000_000), 100_000L * i));
            }
            List<PaymentOutcome> out = run(g, new Recording(beacon, charges), ps);
            BeaconTables tables = beacon.tables();
            int[] known = new int[g.channelCount()];
            int mark = 0;
            for (PaymentOutcome o : out) {
                PaymentRequest p = o.payment();
                String where = "seed " + set[0] + " payment " + p.id();
                List<Charge> cs = charges.getOrDefault(p.id(), List.of());
                List<Integer> held = new ArrayList<>(List.of(p.sender(), p.receiver()));
                int at = 0;
                while (at < cs.size()) {
                    if (!cs.get(at).type().equals(BeaconMessages.TABLE_REQUEST)) {
                        at++;
                        continue;
                    }
                    // the tables held when the request was sent
                    mark++;
                    for (int v : held) {
                        tables.markTable(v, known, mark);
                    }
                    int node = p.sender();
                    int hops = 0;
                    for (; at < cs.size() && cs.get(at).type().equals(BeaconMessages.TABLE_REQUEST); at++) {
                        Charge c = cs.get(at);
                        assertEquals(node, c.sender(), where + ": request path not contiguous from the sender");
                        assertTrue(knownChannelBetween(g, c.sender(), c.receiver(), known, mark),
                                where + ": request hop " + c.sender() + "→" + c.receiver() + " over no known channel");
                        assertEquals(BeaconMessages.ONION_REQUEST, c.bytes());
                        node = c.receiver();
                        hops++;
                    }
                    int asked = node;
                    assertTrue(!held.contains(asked), where + ": asked a node whose table it holds");
                    assertTrue(at < cs.size() && cs.get(at).type().equals(BeaconMessages.TABLE_RESPONSE), where);
                    assertEquals(asked, cs.get(at).sender(), where + ": the answer comes from the asked node");
                    for (int k = 0; k < hops; k++, at++) {
                        Charge c = cs.get(at);
                        assertEquals(BeaconMessages.TABLE_RESPONSE, c.type(), where);
                        assertEquals(BeaconMessages.ONION_REQUEST + tables.tableBytes(asked), c.bytes(), where);
                    }
                    assertEquals(p.sender(), cs.get(at - 1).receiver(), where + ": the answer reaches the sender");
                    held.add(asked);
                    requestsChecked++;
                }
                assertEquals(o.columns()[0], held.size() - 2, where + ": table_requests");
                if (!o.success()) {
                    continue;
                }
                mark++;
                for (int v : held) {
                    tables.markTable(v, known, mark);
                }
                for (int e : o.route()) {
                    assertEquals(mark, known[ChannelGraph.channelOf(e)],
                            where + ": route channel " + ChannelGraph.channelOf(e) + " in no table the sender held");
                }
                if (held.size() > 2) {
                    succeededAfterRequests++;
                    mark++;
                    tables.markTable(p.sender(), known, mark);
                    tables.markTable(p.receiver(), known, mark);
                    for (int e : o.route()) {
                        if (known[ChannelGraph.channelOf(e)] != mark) {
                            neededAskedTables++;
                            break;
                        }
                    }
                }
            }
        }
        assertTrue(succeededAfterRequests > 20 && neededAskedTables > 10 && requestsChecked > 50,
                "succeeded after requests " + succeededAfterRequests + ", needing an asked table "
                        + neededAskedTables + ", requests " + requestsChecked);
    }

    private static final long OFFLINE_WAIT_US = 3_000_000;
    private static final long CONTROL_US = 50_000;

    /**
     * A table request whose asked node is offline is lost: the request is sent hop by hop up to that node (the last
     * hop counted as sent, dropped), no answer comes, and the sender stops waiting after the round trip it expected
     * plus the engine's offline wait, then carries on without that table. Found on the random graphs of the test
     * above: the first payment that succeeded only through one asked table, run again alone with the asked node
     * offline. Times: with every hop 50 ms, a request over h hops is answered after 2·h·50 ms; lost, the sender waits
     * 2·h·50 ms + 3 s.
     */
    @Test
    void aRequestToAnOfflineNodeIsLostAndTheSenderStopsWaiting() {
        ChannelGraph g = BeaconTablesTest.randomGraph(31, 200, 550);
        SplittableRandom rnd = new SplittableRandom(31);
        List<PaymentRequest> ps = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            int s = rnd.nextInt(g.nodeCount());
            int r = (s + 1 + rnd.nextInt(g.nodeCount() - 1)) % g.nodeCount();
            ps.add(new PaymentRequest(i, s, r, 1_000_000 + rnd.nextInt(5_000_000), 0));
        }
        int checked = 0;
        for (PaymentRequest p : ps) {
            Map<Long, List<Charge>> online = new HashMap<>();
            List<PaymentOutcome> before = run(g, new Recording(beacon(g, 1, 1, 1, BeaconRouting.Ranking.COST), online),
                    List.of(p));
            List<Charge> cs = online.getOrDefault(p.id(), List.of());
            if (!before.get(0).success() || before.get(0).columns()[0] != 1) {
                continue;
            }
            int first = 0;
            while (!cs.get(first).type().equals(BeaconMessages.TABLE_REQUEST)) {
                first++;   // the receiver's table, with the payment request
            }
            int hops = 0;
            while (cs.get(first + hops).type().equals(BeaconMessages.TABLE_REQUEST)) {
                hops++;
            }
            int asked = cs.get(first + hops - 1).receiver();
            if (asked == p.receiver() || asked == p.sender()) {
                continue;
            }
            assertEquals(2L * hops * CONTROL_US, before.get(0).discoveryUs(), "answered after the round trip");

            Map<Long, List<Charge>> lost = new HashMap<>();
            List<PaymentOutcome> after = run(g, new Recording(beacon(g, 1, 1, 1, BeaconRouting.Ranking.COST), lost),
                    List.of(p), (node, t) -> node != asked);
            List<Charge> ls = lost.getOrDefault(p.id(), List.of());
            String where = "payment " + p.id() + ", asked node " + asked;
            assertEquals(cs.subList(0, first + hops), ls.subList(0, first + hops),
                    where + ": the same request, hop by hop");
            assertTrue(ls.stream().noneMatch(c -> c.type().equals(BeaconMessages.TABLE_RESPONSE)), where);
            assertEquals(1, after.get(0).columns()[0], where + ": the lost request still counts");
            assertEquals(2L * hops * CONTROL_US + OFFLINE_WAIT_US, after.get(0).discoveryUs(), where);
            // without the asked table there is no route within the one request allowed
            assertTrue(!after.get(0).success(), where);
            checked++;
            if (checked == 3) {
                break;
            }
        }
        assertEquals(3, checked, "payments that needed exactly one asked table");
    }

    private static boolean knownChannelBetween(ChannelGraph g, int a, int b, int[] known, int mark) {
        for (int slot = g.outStart(a); slot < g.outEnd(a); slot++) {
            if (g.outPeer(slot) == b && known[ChannelGraph.channelOf(g.outDirection(slot))] == mark) {
                return true;
            }
        }
        return false;
    }

    /** Delegates to a protocol unchanged, recording each payment's control-message charges in order. */
    private static final class Recording implements RoutingProtocol {
        private final RoutingProtocol inner;
        private final Map<Long, List<Charge>> charges;

        Recording(RoutingProtocol inner, Map<Long, List<Charge>> charges) {
            this.inner = inner;
            this.charges = charges;
        }

        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public Knowledge knowledge() {
            return inner.knowledge();
        }

        @Override
        public void setup(ProtocolContext ctx) {
            inner.setup(ctx);
        }

        @Override
        public void prepare(List<PaymentRequest> payments, int threads, ProtocolSeeds seeds) {
            inner.prepare(payments, threads, seeds);
        }

        @Override
        public void finish(ProtocolContext ctx) {
            inner.finish(ctx);
        }

        @Override
        public ProtocolReport report() {
            return inner.report();
        }

        @Override
        public org.lnsim.engine.htlc.PaymentKind paymentKind() {
            return inner.paymentKind();
        }

        @Override
        public PaymentSession open(PaymentContext ctx) {
            List<Charge> list = charges.computeIfAbsent(ctx.payment().id(), k -> new ArrayList<>());
            return inner.open(new RecordingContext(ctx, list));
        }
    }

    private record RecordingContext(PaymentContext d, List<Charge> list) implements PaymentContext {
        @Override
        public void chargeControl(int sender, int receiver, String type, long messages, long bytes) {
            list.add(new Charge(type, sender, receiver, bytes));
            d.chargeControl(sender, receiver, type, messages, bytes);
        }

        @Override
        public <V> V view(Class<V> kind) {
            if (kind == BulkCharges.class) {
                throw new AssertionError("a payment charges its messages one by one");
            }
            return d.view(kind);
        }

        @Override
        public void sendControl(int e, String type, int bytes, Event onDelivery) {
            list.add(new Charge(type, d.graph().source(e), d.graph().target(e), bytes));
            d.sendControl(e, type, bytes, onDelivery);
        }

        @Override
        public PaymentRequest payment() {
            return d.payment();
        }

        @Override
        public long deadlineUs() {
            return d.deadlineUs();
        }

        @Override
        public boolean send(HtlcPath path) {
            return d.send(path);
        }

        @Override
        public void addToColumn(int column, long delta) {
            d.addToColumn(column, delta);
        }

        @Override
        public void addDiscoveryUs(long us) {
            d.addDiscoveryUs(us);
        }

        @Override
        public void giveUp(String reason) {
            d.giveUp(reason);
        }

        @Override
        public long now() {
            return d.now();
        }

        @Override
        public ChannelGraph graph() {
            return d.graph();
        }

        @Override
        public SplittableRandom random() {
            return d.random();
        }

        @Override
        public ProtocolSeeds seeds() {
            return d.seeds();
        }

        @Override
        public long ownSpendableMsat(int node, int e) {
            return d.ownSpendableMsat(node, e);
        }

        @Override
        public int ownFreeHtlcSlots(int node, int e) {
            return d.ownFreeHtlcSlots(node, e);
        }

        @Override
        public long controlDelayUs(int e) {
            return d.controlDelayUs(e);
        }

        @Override
        public long controlTimeoutUs(int e) {
            return d.controlTimeoutUs(e);
        }

        @Override
        public long nodeToggles(int node) {
            return d.nodeToggles(node);
        }

        @Override
        public void schedule(long delayUs, Event timer) {
            d.schedule(delayUs, timer);
        }
    }
}
