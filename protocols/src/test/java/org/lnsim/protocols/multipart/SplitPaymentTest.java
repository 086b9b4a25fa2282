package org.lnsim.protocols.multipart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lnsim.engine.Simulation;
import org.lnsim.engine.channel.BalanceSplit;
import org.lnsim.engine.channel.ChannelState;
import org.lnsim.engine.htlc.FixedLatency;
import org.lnsim.engine.htlc.HtlcRelay;
import org.lnsim.engine.htlc.NodeAvailability;
import org.lnsim.engine.htlc.PaymentKind;
import org.lnsim.engine.htlc.ReceiverBehaviour;
import org.lnsim.engine.payment.PaymentEngine;
import org.lnsim.engine.payment.PaymentOutcome;
import org.lnsim.engine.payment.PaymentRequest;
import org.lnsim.engine.payment.RoutingProtocol;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.ChannelGraphBuilder;
import org.lnsim.network.ChannelPolicy;
import org.lnsim.network.NodeIds;
import org.lnsim.network.ShortChannelId;
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
        Simulation sim = new Simulation(4);
        ChannelState state = new ChannelState(g, BalanceSplit.HALF, sim.random().stream("balances"));
        sim.afterEachEvent(state::checkTouched);
        HtlcRelay relay = new HtlcRelay(sim, state, new FixedLatency(100_000, 100_000, 3_000_000, 50_000),
                NodeAvailability.ALWAYS_ONLINE, HtlcRelay.DEFAULT_MPP_TIMEOUT_US, receivers);
        List<PaymentOutcome> out = new ArrayList<>();
        PaymentEngine engine = new PaymentEngine(sim, state, relay, NodeAvailability.ALWAYS_ONLINE, protocol,
                PaymentEngine.Limits.DEFAULT, out::add);
        engine.submit(new PaymentRequest(1, S, R, amountMsat, 0));
        sim.run();
        state.checkAll();
        assertEquals(0, state.totalInFlightCount());
        assertEquals(1, out.size());
        return new Run(out.get(0), state);
    }

    private static SourceRouting source(ChannelGraph g) {
        return new SourceRouting(g, new PayPolicy(10, 0, 20, 0.5, 5_000, 2016, 9), 0, 1);
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
}
