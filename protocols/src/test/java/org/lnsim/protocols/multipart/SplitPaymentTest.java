package org.lnsim.protocols.multipart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lnsim.engine.channel.ChannelState;
import org.lnsim.engine.htlc.FailureCode;
import org.lnsim.engine.htlc.HtlcPath;
import org.lnsim.engine.htlc.PaymentKind;
import org.lnsim.engine.htlc.ReceiverBehaviour;
import org.lnsim.engine.payment.PaymentContext;
import org.lnsim.engine.payment.PaymentOutcome;
import org.lnsim.engine.payment.PaymentRequest;
import org.lnsim.engine.payment.RoutingProtocol;
import org.lnsim.engine.testing.EngineRun;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.ChannelGraphBuilder;
import org.lnsim.network.ChannelPolicy;
import org.lnsim.network.NodeIds;
import org.lnsim.network.ShortChannelId;
import org.lnsim.protocols.routing.Algorithm;
import org.lnsim.protocols.routing.Route;
import org.lnsim.protocols.routing.RouteHop;
import org.lnsim.protocols.source.PayPolicy;
import org.lnsim.protocols.source.SourceRouting;

class SplitPaymentTest {
    private static final int S = 0;
    private static final int R = 3;

    /**
     * Diamond S(1)–A(2)–R(4), S–B(3)–R, every channel 100,000 sat, balances split in half (50,000,000 msat a side, a
     * 1,000,000-msat reserve, so 49,000,000 spendable). A→R: base 1000 msat, 100 ppm; B→R: base 2000, 100 ppm;
     * S's own channels and the reverse directions: base 0, 0 ppm; deltas 40; no fuzz in these tests.
     */
    private static ChannelGraph diamond() {
        ChannelGraphBuilder b = new ChannelGraphBuilder();
        int s = b.addNode(NodeIds.fromIndex(1));
        int a = b.addNode(NodeIds.fromIndex(2));
        int bb = b.addNode(NodeIds.fromIndex(3));
        int r = b.addNode(NodeIds.fromIndex(4));
        ChannelPolicy free = new ChannelPolicy(0, 0, 40, 0, ChannelPolicy.NO_HTLC_MAXIMUM, false);
        int sa = b.addChannel(ShortChannelId.of(1, 0, 0), s, a, 100_000);
        b.setPolicy(sa, s, free);
        b.setPolicy(sa, a, free);
        int ar = b.addChannel(ShortChannelId.of(2, 0, 0), a, r, 100_000);
        b.setPolicy(ar, a, new ChannelPolicy(1000, 100, 40, 0, ChannelPolicy.NO_HTLC_MAXIMUM, false));
        b.setPolicy(ar, r, free);
        int sb = b.addChannel(ShortChannelId.of(3, 0, 0), s, bb, 100_000);
        b.setPolicy(sb, s, free);
        b.setPolicy(sb, bb, free);
        int br = b.addChannel(ShortChannelId.of(4, 0, 0), bb, r, 100_000);
        b.setPolicy(br, bb, new ChannelPolicy(2000, 100, 40, 0, ChannelPolicy.NO_HTLC_MAXIMUM, false));
        b.setPolicy(br, r, free);
        return b.build();
    }

    private record Run(PaymentOutcome outcome, ChannelState state) {
    }

    private static Run pay(ChannelGraph g, RoutingProtocol protocol, long amountMsat) {
        return pay(g, protocol, amountMsat, ReceiverBehaviour.HONEST);
    }

    private static Run pay(ChannelGraph g, RoutingProtocol protocol, long amountMsat, ReceiverBehaviour receivers) {
        EngineRun.Result r = EngineRun.of(g, protocol).seed(4).checks(EngineRun.Checks.TOUCHED).receivers(receivers)
                .run(new PaymentRequest(1, S, R, amountMsat, 0));
        r.state().checkAll();
        return new Run(r.outcome(), r.state());
    }

    private static SourceRouting source(ChannelGraph g) {
        return new SourceRouting(g, new PayPolicy(10, 0, 20, 0.5, 5_000, 2016, 9), 0);
    }

    /**
     * 80,000 sat S→R. Single path: each of S's channels can spend only 49,000 sat, so the router finds no route and
     * nothing is sent. lnd halving: 80,000 sat finds no route, the shard halves to 40,000,000 msat, which goes via A
     * (fee 1000 + 4000 = 5,000 msat; hop 0 carries 40,005,000); S→A can then spend only 50,000,000 − 40,005,000 −
     * 1,000,000 = 8,995,000, so the second 40,000,000 goes via B (fee 2000 + 4000 = 6,000). R holds the first part
     * until the second arrives (both at 200 ms) and fulfils both: 400 ms, 2 parts, fee 11,000 msat. Balances: S–A
     * S 9,995,000 / A 90,005,000; A–R A 10,000,000 / R 90,000,000; S–B S 9,994,000; B–R R 90,000,000.
     */
    @Test
    void twoHalvesCarryWhatNoSinglePathCan() {
        ChannelGraph g = diamond();
        Run single = pay(g, source(g), 80_000_000);
        assertFalse(single.outcome().success());
        assertEquals(0, single.outcome().attempts());

        Run lnd = pay(g, new SplittingProtocol(source(g), Splitter.LND_HALVING, 16), 80_000_000);
        PaymentOutcome o = lnd.outcome();
        assertTrue(o.success(), o.reason());
        assertEquals(2, o.parts());
        assertEquals(2, o.attempts());
        assertEquals(2, o.maxInFlight(), "both halves were in flight together");
        assertEquals(11_000, o.feeMsat());
        assertEquals(400_000, o.latencyUs());
        ChannelState st = lnd.state();
        assertEquals(9_995_000, st.balance(0));      // S→A, channel 1x0x0
        assertEquals(90_005_000, st.balance(1));
        assertEquals(10_000_000, st.balance(2));     // A→R, channel 2x0x0
        assertEquals(90_000_000, st.balance(3));
        assertEquals(9_994_000, st.balance(4));      // S→B, channel 3x0x0
        assertEquals(90_000_000, st.balance(7));     // R's side of B–R
    }

    /**
     * c-lightning's adaptive splitter gets there too: the whole amount finds no route, so it is split 45–55% and each
     * part is routed (the second around the first's lock on S→A): 2 parts, success. Fees: 1000 + ⌊a·100/10^6⌋ via A
     * and 2000 + ⌊b·100/10^6⌋ via B with a + b = 80,000,000, so 11,000 msat less at most 1 msat of rounding.
     */
    @Test
    void adaptiveSplitterSplitsThePartThatFindsNoRoute() {
        ChannelGraph g = diamond();
        PaymentOutcome o = pay(g, new SplittingProtocol(source(g), Splitter.CL_ADAPTIVE, 16), 80_000_000).outcome();
        assertTrue(o.success(), o.reason());
        assertEquals(2, o.parts());
        assertTrue(o.feeMsat() >= 10_999 && o.feeMsat() <= 11_000, "fee " + o.feeMsat());
        assertEquals("source+cl-adaptive", new SplittingProtocol(source(g), Splitter.CL_ADAPTIVE, 16).name());
    }

    /** What R holds on its two channels (directions 3 and 7, R's sides of A–R and B–R). */
    private static long receiverMsat(ChannelState st) {
        return st.balance(3) + st.balance(7);
    }

    /**
     * 120,000 sat S→R cannot be delivered: S can spend 49,000 sat on each of its two channels. lnd halving sends
     * what fits (parts of 30,000 and 15,000 sat… as the shards halve) and R holds them.
     * <ul>
     *   <li>Honest receiver, basic MPP: the held parts fail together at mpp_timeout; nothing settles, R's balance
     *       is unchanged (50,000,000 + 50,000,000 msat).</li>
     *   <li>Receiver claiming early, basic MPP: R settles every part as it arrives — the payment ends
     *       {@code partial}, R gained exactly the claimed amount, and S paid it plus the parts' fees.</li>
     *   <li>Receiver claiming early, AMP: it cannot derive the preimages before all shares arrive, so it is as
     *       atomic as the honest case.</li>
     * </ul>
     */
    @Test
    void receiverClaimingEarlyBreaksMppButNotAmp() {
        ChannelGraph g = diamond();
        long before = 100_000_000;
        Run honest = pay(g, new SplittingProtocol(source(g), Splitter.LND_HALVING, 16), 120_000_000);
        assertFalse(honest.outcome().success());
        assertFalse(honest.outcome().partial());
        assertEquals(0, honest.outcome().parts());
        assertEquals(before, receiverMsat(honest.state()));
        assertTrue(honest.outcome().attempts() >= 2, "parts were sent and held");

        Run early = pay(g, new SplittingProtocol(source(g), Splitter.LND_HALVING, 16), 120_000_000,
                ReceiverBehaviour.CLAIMS_EARLY);
        PaymentOutcome o = early.outcome();
        assertFalse(o.success());
        assertTrue(o.partial());
        assertTrue(o.claimedMsat() > 0 && o.claimedMsat() < 120_000_000, "claimed " + o.claimedMsat());
        assertEquals(before + o.claimedMsat(), receiverMsat(early.state()));
        long senderPaid = 2 * 50_000_000L - early.state().balance(0) - early.state().balance(4);
        assertEquals(o.claimedMsat() + o.feeMsat(), senderPaid);
        assertTrue(o.parts() >= 1 && o.feeMsat() > 0);

        Run amp = pay(g, new SplittingProtocol(source(g), Splitter.LND_HALVING, 16, PaymentKind.AMP), 120_000_000,
                ReceiverBehaviour.CLAIMS_EARLY);
        assertFalse(amp.outcome().success());
        assertFalse(amp.outcome().partial());
        assertEquals(0, amp.outcome().claimedMsat());
        assertEquals(before, receiverMsat(amp.state()));
        assertEquals("source+lnd-halving+amp",
                new SplittingProtocol(source(g), Splitter.LND_HALVING, 16, PaymentKind.AMP).name());

        // on the wire: the same parts, each AMP one carrying lnd's type-14 record beside payment_data:
        // 2 (type, length) + 32 (root_share) + 32 (set_id) + child_index (0 bytes for part 0, 1 after) = 66-67 bytes
        Run ampHonest = pay(g, new SplittingProtocol(source(g), Splitter.LND_HALVING, 16, PaymentKind.AMP),
                120_000_000);
        int parts = honest.outcome().attempts();
        assertEquals(parts, ampHonest.outcome().attempts());
        assertTrue(honest.outcome().finalPayloadBytes() > 0);
        long extra = ampHonest.outcome().finalPayloadBytes() - honest.outcome().finalPayloadBytes();
        assertEquals(66L * parts + (parts - 1), extra);
    }

    /** Presplit: 30,000 sat becomes about three 10,000-sat parts, all delivered, held and fulfilled together. */
    @Test
    void presplitPartsAllArriveTogether() {
        ChannelGraph g = diamond();
        PaymentOutcome o = pay(g, new SplittingProtocol(source(g), Splitter.CL_PRESPLIT, 16), 30_000_000).outcome();
        assertTrue(o.success(), o.reason());
        assertTrue(o.parts() >= 2 && o.parts() <= 4, "parts " + o.parts());
        assertEquals(400_000, o.latencyUs());
    }

    // ------------------------------------------------------------------ lnd's constants (lightning-facts §7.4)

    /**
     * Line S(1)–A(2)–B(3)–R(4), every channel 1,000,000 sat split in half (500,000,000 msat a side, reserve
     * 10,000,000, so 490,000,000 spendable), every policy free (base 0, 0 ppm, delta 40); B→R accepts HTLCs of at
     * most {@code htlcMaxMsat}, so a part finds a route exactly when it is at most that.
     */
    private static ChannelGraph line(long htlcMaxMsat) {
        ChannelGraphBuilder b = new ChannelGraphBuilder();
        int[] v = new int[4];
        for (int i = 0; i < 4; i++) {
            v[i] = b.addNode(NodeIds.fromIndex(i + 1));
        }
        ChannelPolicy free = new ChannelPolicy(0, 0, 40, 0, ChannelPolicy.NO_HTLC_MAXIMUM, false);
        for (int i = 0; i < 3; i++) {
            int c = b.addChannel(ShortChannelId.of(i + 1, 0, 0), v[i], v[i + 1], 1_000_000);
            b.setPolicy(c, v[i], i == 2 ? new ChannelPolicy(0, 0, 40, 0, htlcMaxMsat, false) : free);
            b.setPolicy(c, v[i + 1], free);
        }
        return b.build();
    }

    /**
     * lnd's minimum shard, 10,000 sat (10,000,000 msat), on the line with B→R capped at 10,000,000 msat:
     * <ul>
     *   <li>40,000,000 msat: no route for 40,000,000 nor for the half, 20,000,000; the next half, 10,000,000, is the
     *       minimum itself and routes; the remainder 30,000,000 goes as three more shards of 10,000,000. 4 parts in
     *       flight together, held at R until all arrive (3 hops × 100 ms) and fulfilled (3 × 100 ms): 600 ms.</li>
     *   <li>39,999,996 msat: halves to 19,999,998 (no route), and the next half, 9,999,999, is below the minimum,
     *       so lnd stops halving and, with nothing in flight, the payment fails without sending anything (the
     *       reason names 19,999,998, the last shard tried: 9,999,999 is never routed). A minimum
     *       one msat lower would have sent four shards of 9,999,999 and succeeded, so this pins it at exactly
     *       10,000,000 msat.</li>
     *   <li>The same 39,999,996 msat with c-lightning's adaptive splitter is delivered: the line can carry it in
     *       parts below 10,000 sat, it is lnd's minimum that stops it.</li>
     * </ul>
     */
    @Test
    void lndHalvingStopsAtTheMinimumShard() {
        assertEquals(10_000_000, Splitter.LND_MIN_SHARD_MSAT);
        ChannelGraph g = line(10_000_000);
        PaymentOutcome o = pay(g, new SplittingProtocol(source(g), Splitter.LND_HALVING, 16), 40_000_000).outcome();
        assertTrue(o.success(), o.reason());
        assertEquals(4, o.parts());
        assertEquals(4, o.maxInFlight());
        assertEquals(600_000, o.latencyUs());

        PaymentOutcome below = pay(g, new SplittingProtocol(source(g), Splitter.LND_HALVING, 16), 39_999_996)
                .outcome();
        assertFalse(below.success());
        assertEquals(0, below.attempts(), "no shard below the minimum was sent");
        assertTrue(below.reason().startsWith("no route for a shard of 19999998 msat"), below.reason());

        PaymentOutcome cl = pay(g, new SplittingProtocol(source(g), Splitter.CL_ADAPTIVE, 16), 39_999_996)
                .outcome();
        assertTrue(cl.success(), cl.reason());
        assertTrue(cl.parts() >= 4, "parts " + cl.parts());
    }

    /**
     * lnd's {@code max-parts}, default 16: on the line with B→R capped at 12,500,000 msat, 400,000,000 msat halves
     * through 200M, 100M, 50M and 25M (no route) to shards of 12,500,000, so it needs 400M / 12.5M = 32 parts.
     * <ul>
     *   <li>With the default cap, 16 shards (200,000,000 msat) go out and no more while they are in flight; R holds
     *       them, short of the total, until 60 s after the first arrived (at 300 ms), fails them all with
     *       mpp_timeout, and the failures reach S 300 ms later: the payment fails at 60.6 s with 16 attempts and
     *       at most 16 in flight. (lnd itself also refuses to halve for the last allowed shard,
     *       {@code activeShards+1 >= MaxParts}, so it would stop at 15 here; lnsim's halving does not model that.)</li>
     *   <li>With a cap of 32, all 32 shards are in flight together and the payment succeeds.</li>
     * </ul>
     */
    @Test
    void lndHalvingKeepsAtMostMaxPartsInFlight() {
        assertEquals(16, Splitter.LND_DEFAULT_MAX_PARTS);
        ChannelGraph g = line(12_500_000);
        PaymentOutcome capped = pay(g, new SplittingProtocol(source(g), Splitter.LND_HALVING,
                Splitter.LND_DEFAULT_MAX_PARTS), 400_000_000).outcome();
        assertFalse(capped.success());
        assertEquals(16, capped.maxInFlight());
        assertEquals(16, capped.attempts());
        assertEquals(FailureCode.MPP_TIMEOUT, capped.failure());
        assertEquals(60_600_000, capped.latencyUs());

        PaymentOutcome wide = pay(g, new SplittingProtocol(source(g), Splitter.LND_HALVING, 32), 400_000_000)
                .outcome();
        assertTrue(wide.success(), wide.reason());
        assertEquals(32, wide.parts());
        assertEquals(32, wide.maxInFlight());
    }

    // ------------------------------------------------------------------ c-lightning's HTLC budget (§7.3)

    /** What a split payment did against a scripted route search: the parts it sent and why it gave up. */
    private record Script(List<Long> sent, List<String> gaveUp) {
    }

    /**
     * Drives a {@link SplitPayment} of {@code amountMsat} from S to R over one S–R channel with {@code freeSlots}
     * free HTLC slots, against a route search that finds a route exactly for parts of at most {@code maxPartMsat}
     * (as a channel's htlc_maximum_msat would). Every part sent stays in flight. The context is a stand-in that
     * answers only what a split payment asks (payment, graph, random, own free slots, send, give up).
     */
    private static Script script(Splitter splitter, long amountMsat, int freeSlots, long maxPartMsat, long seed) {
        ChannelGraphBuilder b = new ChannelGraphBuilder();
        int s = b.addNode(NodeIds.fromIndex(1));
        int r = b.addNode(NodeIds.fromIndex(2));
        ChannelPolicy free = new ChannelPolicy(0, 0, 40, 0, ChannelPolicy.NO_HTLC_MAXIMUM, false);
        int c = b.addChannel(ShortChannelId.of(1, 0, 0), s, r, 1_000_000);
        b.setPolicy(c, s, free);
        b.setPolicy(c, r, free);
        ChannelGraph g = b.build();
        PaymentRequest payment = new PaymentRequest(1, s, r, amountMsat, 0);
        SplittableRandom rnd = new SplittableRandom(seed);
        Script out = new Script(new ArrayList<>(), new ArrayList<>());
        PaymentContext ctx = (PaymentContext) Proxy.newProxyInstance(PaymentContext.class.getClassLoader(),
                new Class<?>[] {PaymentContext.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "payment" -> payment;
                    case "graph" -> g;
                    case "random" -> rnd;
                    case "ownFreeHtlcSlots" -> freeSlots;
                    case "send" -> out.sent().add(((HtlcPath) args[0]).deliverMsat());
                    case "giveUp" -> out.gaveUp().add((String) args[0]);
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        PartRoutes routes = new PartRoutes() {
            @Override
            public Route find(long part, long feeBudgetMsat, Exclusions excluded) {
                return part <= maxPartMsat
                        ? new Route(List.of(new RouteHop(c, g.scid(c), 0, part, 9)), part, part, Algorithm.HYBRID,
                                null)
                        : Route.none(part, Algorithm.HYBRID, "above " + maxPartMsat);
            }

            @Override
            public HtlcPath path(Route route, long deliverMsat) {
                return new HtlcPath(new int[] {2 * c}, new long[] {deliverMsat}, new int[] {9}, 1, deliverMsat,
                        amountMsat, 9);
            }
        };
        new SplitPayment(ctx, routes, splitter, 16, 1_000_000).start();
        return out;
    }

    /**
     * The adaptive splitter's HTLC budget is the free local slots minus the presplit parts (here 1 part: no
     * presplit), one unit per split. 3,000,000 msat with parts routable up to 1,000,000: the first split gives two
     * parts in [1,350,000, 1,650,000] (45–55%), both still unroutable, and each splits into parts of at most
     * 0.55 × 1,650,000 = 907,500, which route: exactly 3 splits and 4 parts, whatever the draws.
     * <ul>
     *   <li>4 free slots: budget 4 − 1 = 3, enough: 4 parts sent, summing to 3,000,000, nothing given up.</li>
     *   <li>3 free slots: budget 2. Split 1 (budget 1), split 2 of the first half (budget 0) sends its two parts;
     *       the second half of split 1 then finds no route and, the budget spent, ends the payment although it is
     *       far above the 100-sat lower limit.</li>
     * </ul>
     */
    @Test
    void adaptiveSplitterStopsWhenTheHtlcBudgetIsSpent() {
        for (long seed = 0; seed < 20; seed++) {
            Script enough = script(Splitter.CL_ADAPTIVE, 3_000_000, 4, 1_000_000, seed);
            assertEquals(4, enough.sent().size(), "seed " + seed);
            assertEquals(3_000_000, enough.sent().stream().mapToLong(Long::longValue).sum());
            assertTrue(enough.gaveUp().isEmpty(), enough.gaveUp().toString());

            Script spent = script(Splitter.CL_ADAPTIVE, 3_000_000, 3, 1_000_000, seed);
            assertEquals(2, spent.sent().size(), "seed " + seed);
            assertEquals(1, spent.gaveUp().size());
            String reason = spent.gaveUp().get(0);
            long part = Long.parseLong(reason.replaceAll("^no route for a part of (\\d+) msat.*$", "$1"));
            assertTrue(part >= 1_350_000 && part <= 1_650_000, reason);
        }
    }

    /**
     * {@code MPP_ADAPTIVE_LOWER_LIMIT}, 100,000 msat: with parts routable up to 60,000 msat, a part of exactly
     * 100,000 is not split (the payment ends, nothing sent), while 100,001 is split into two parts of at most
     * 0.55 × 100,001 + 1 ≈ 55,001, which both route.
     */
    @Test
    void adaptiveSplitterDoesNotSplitAtOrBelowTheLowerLimit() {
        assertEquals(100_000, Splitter.CL_ADAPTIVE_LOWER_LIMIT_MSAT);
        Script at = script(Splitter.CL_ADAPTIVE, 100_000, 100, 60_000, 1);
        assertTrue(at.sent().isEmpty());
        assertEquals(1, at.gaveUp().size());
        Script above = script(Splitter.CL_ADAPTIVE, 100_001, 100, 60_000, 1);
        assertEquals(2, above.sent().size());
        assertTrue(above.gaveUp().isEmpty(), above.gaveUp().toString());
    }
}
