package org.lnsim.engine.htlc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lnsim.engine.Simulation;
import org.lnsim.engine.channel.BalanceSplit;
import org.lnsim.engine.channel.ChannelState;
import org.lnsim.engine.testing.EngineNets;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.ChannelGraphBuilder;
import org.lnsim.network.ChannelPolicy;
import org.lnsim.network.NodeIds;
import org.lnsim.network.ShortChannelId;

class HtlcRelayTest {
    private static final int A_TO_B = EngineNets.A_TO_B;
    private static final int B_TO_C = EngineNets.B_TO_C;
    private static final FixedLatency LATENCY = new FixedLatency(150_000, 120_000, 3_000_000, 50_000);

    /** {@link EngineNets#line()}: A–B–C, balances split in half here, reserve 1%. */
    private static ChannelGraph line() {
        return EngineNets.line();
    }

    /** Path A→B→C delivering {@code amount} with final CLTV 9: B's fee and delta go on hop 0 (A pays no fee). */
    private static HtlcPath pathFor(ChannelGraph g, long amount) {
        long hop0 = amount + g.feeMsat(B_TO_C, amount);
        return HtlcPath.single(new int[] {A_TO_B, B_TO_C}, new long[] {hop0, amount},
                new int[] {9 + g.cltvExpiryDelta(B_TO_C), 9}, 1, 9);
    }

    private record Run(ChannelState state, List<AttemptResult> results, HtlcRelay relay) {
    }

    private static Run send(ChannelGraph g, HtlcPath path, NodeAvailability availability) {
        Simulation sim = new Simulation(1);
        ChannelState state = new ChannelState(g, BalanceSplit.HALF, sim.random().stream("balances"));
        sim.afterEachEvent(state::checkAll);
        List<AttemptResult> results = new ArrayList<>();
        HtlcRelay relay = new HtlcRelay(sim, state, LATENCY, availability);
        relay.send(path, results::add);
        sim.run();
        assertEquals(0, state.totalInFlightCount(), "every HTLC resolved");
        return new Run(state, results, relay);
    }

    /**
     * 10,000,000 msat to C. B's fee = 1000 + ⌊10,000,000 × 100 / 10^6⌋ = 2,000 msat, so hop 0 carries 10,002,000
     * with CLTV 9 + 40 = 49. After success: A–B: A 100,000,000 − 10,002,000 = 89,998,000, B 110,002,000; B–C:
     * B 50,000,000 − 10,000,000 = 40,000,000, C 60,000,000 (B gained exactly its 2,000 msat fee). Latency: two
     * offers of 150 ms + two fulfils of 120 ms = 540 ms. Messages: 2 × update_add (1452 B) + 2 × fulfil (74 B).
     */
    @Test
    void successAlongALineAsWorkedByHand() {
        ChannelGraph g = line();
        HtlcPath p = pathFor(g, 10_000_000);
        assertEquals(10_002_000, p.amountMsat(0));
        assertEquals(49, p.cltv(0));
        Run run = send(g, p, NodeAvailability.ALWAYS_ONLINE);
        assertEquals(1, run.results().size());
        AttemptResult r = run.results().get(0);
        assertTrue(r.succeeded());
        assertNull(r.failure());
        assertEquals(540_000, r.latencyUs());
        assertEquals(4, r.messages());
        assertEquals(2 * 1452 + 2 * 74, r.bytes());
        ChannelState s = run.state();
        assertEquals(89_998_000, s.balance(A_TO_B));
        assertEquals(110_002_000, s.balance(A_TO_B ^ 1));
        assertEquals(40_000_000, s.balance(B_TO_C));
        assertEquals(60_000_000, s.balance(B_TO_C ^ 1));
        // per node: A sent one add; B one add and one fulfil (to A); C one fulfil (to B)
        HtlcRelay relay = run.relay();
        assertEquals(1, relay.nodePaymentMessages(0));
        assertEquals(1452, relay.nodePaymentBytes(0));
        assertEquals(2, relay.nodePaymentMessages(1));
        assertEquals(1452 + 74, relay.nodePaymentBytes(1));
        assertEquals(74, relay.nodePaymentBytes(2));
    }

    /**
     * 49,500,000 msat: hop 0 carries 49,500,000 + 1000 + 4,950 = 49,505,950, which A can send (100,000,000 −
     * 49,505,950 ≥ its 2,000,000 reserve), but B would keep 50,000,000 − 49,500,000 = 500,000 &lt; its 1,000,000
     * reserve on B–C: B fails with temporary_channel_failure about B→C. Latency 150 (offer) + 120 (fail back) =
     * 270 ms; 1 add + 1 fail = 1452 + 336 B; every balance is back where it started.
     */
    @Test
    void balanceFailureAtTheSecondHopReleasesLocks() {
        ChannelGraph g = line();
        Run run = send(g, pathFor(g, 49_500_000), NodeAvailability.ALWAYS_ONLINE);
        AttemptResult r = run.results().get(0);
        assertEquals(FailureCode.TEMPORARY_CHANNEL_FAILURE, r.failure());
        assertEquals(1, r.failingHop());
        assertEquals(B_TO_C, r.failingDirection());
        assertEquals(270_000, r.latencyUs());
        assertEquals(1452 + 336, r.bytes());
        assertEquals(100_000_000, run.state().balance(A_TO_B));
        assertEquals(50_000_000, run.state().balance(B_TO_C));
    }

    /** C offline: B notices after 3,000 ms, then the fail takes 120 ms back: 150 + 3,000 + 120 = 3,270 ms. */
    @Test
    void offlineNextPeerFailsWithUnknownNextPeerAfterTheOfflineDelay() {
        ChannelGraph g = line();
        int c = g.indexOfNode(NodeIds.fromIndex(3));
        Run run = send(g, pathFor(g, 10_000_000), (node, t) -> node != c);
        AttemptResult r = run.results().get(0);
        assertEquals(FailureCode.UNKNOWN_NEXT_PEER, r.failure());
        assertEquals(1, r.failingHop());
        assertEquals(3_270_000, r.latencyUs());
    }

    /** One node offline during [fromUs, toUs); Long.MAX_VALUE: for good. */
    private record Offline(int node, long fromUs, long toUs) implements NodeAvailability {
        @Override
        public boolean isOnline(int n, long t) {
            return n != node || t < fromUs || t >= toUs;
        }

        @Override
        public long nextOnlineUs(int n, long t) {
            return isOnline(n, t) ? t : toUs;
        }
    }

    /**
     * B goes offline at 100 ms, after A offered (B was online at 0), until 30 s. The HTLC reaches B at 150 ms and B
     * holds it, A's lock on A→B in place, until 30 s; then B forwards: C at 30.150 s, fulfils back to B at 30.270 s
     * and A at 30.390 s. Success after 30,390 ms, the balances of a success, one hold.
     */
    @Test
    void anOfflineNodeHoldsTheHtlcUntilItIsBack() {
        ChannelGraph g = line();
        int b = g.indexOfNode(NodeIds.fromIndex(2));
        Run run = send(g, pathFor(g, 10_000_000), new Offline(b, 100_000, 30_000_000));
        AttemptResult r = run.results().get(0);
        assertTrue(r.succeeded());
        assertEquals(30_390_000, r.latencyUs());
        assertEquals(1, run.relay().heldOffline());
        assertEquals(89_998_000, run.state().balance(A_TO_B));
        assertEquals(40_000_000, run.state().balance(B_TO_C));
    }

    /**
     * B goes offline at 100 ms for good. The HTLC on A→B carries CLTV 49: it expires 49 blocks × 600 s = 29,400 s
     * after the attempt began, when A takes it back on chain and the attempt fails with permanent_channel_failure
     * at hop 0, after 29,400,000,000 µs; every balance is back.
     */
    @Test
    void anHtlcHeldOfflinePastItsExpiryTimesOutOnChain() {
        ChannelGraph g = line();
        int b = g.indexOfNode(NodeIds.fromIndex(2));
        Run run = send(g, pathFor(g, 10_000_000), new Offline(b, 100_000, Long.MAX_VALUE));
        AttemptResult r = run.results().get(0);
        assertEquals(FailureCode.PERMANENT_CHANNEL_FAILURE, r.failure());
        assertEquals(0, r.failingHop());
        assertEquals(A_TO_B, r.failingDirection());
        assertEquals(49 * HtlcRelay.BLOCK_US, r.latencyUs());
        assertEquals(100_000_000, run.state().balance(A_TO_B));
        assertEquals(50_000_000, run.state().balance(B_TO_C));
    }

    /**
     * C goes offline at 200 ms until 10 s: B checked it online at 150 ms and offered; the HTLC reaches C at 300 ms,
     * offline, so C accepts it at 10 s; its fulfil reaches B at 10.120 s and A at 10.240 s.
     */
    @Test
    void anOfflineReceiverAcceptsWhenBack() {
        ChannelGraph g = line();
        int c = g.indexOfNode(NodeIds.fromIndex(3));
        Run run = send(g, pathFor(g, 10_000_000), new Offline(c, 200_000, 10_000_000));
        AttemptResult r = run.results().get(0);
        assertTrue(r.succeeded());
        assertEquals(10_240_000, r.latencyUs());
        assertEquals(1, run.relay().heldOffline());
    }

    /** A pays B one msat too little (10,001,999 instead of 10,002,000): B refuses with fee_insufficient. */
    @Test
    void policyChecksUseTheAnnouncedFeeAndDelta() {
        ChannelGraph g = line();
        HtlcPath cheap = HtlcPath.single(new int[] {A_TO_B, B_TO_C}, new long[] {10_001_999, 10_000_000},
                new int[] {49, 9}, 1, 9);
        assertEquals(FailureCode.FEE_INSUFFICIENT, send(g, cheap, NodeAvailability.ALWAYS_ONLINE).results().get(0).failure());
        HtlcPath shortDelta = HtlcPath.single(new int[] {A_TO_B, B_TO_C}, new long[] {10_002_000, 10_000_000},
                new int[] {48, 9}, 1, 9);
        assertEquals(FailureCode.INCORRECT_CLTV_EXPIRY,
                send(g, shortDelta, NodeAvailability.ALWAYS_ONLINE).results().get(0).failure());
        // 999 msat is below B→C's htlc_minimum of 1000
        assertEquals(FailureCode.AMOUNT_BELOW_MINIMUM,
                send(g, pathFor(g, 999), NodeAvailability.ALWAYS_ONLINE).results().get(0).failure());
        // the receiver expects more than arrives
        HtlcPath under = new HtlcPath(new int[] {A_TO_B, B_TO_C}, new long[] {10_002_000, 10_000_000},
                new int[] {49, 9}, 1, 10_000_001, 10_000_001, 9);
        AttemptResult r = send(g, under, NodeAvailability.ALWAYS_ONLINE).results().get(0);
        assertEquals(FailureCode.INCORRECT_OR_UNKNOWN_PAYMENT_DETAILS, r.failure());
        assertEquals(2, r.failingHop());
    }

    /**
     * Invariants under load: 2,000 concurrent attempts along random walks on a random 40-node graph, amounts up to a
     * third of a channel, Poisson-like start times. After every event each channel conserves its funds (checked by
     * the simulation hook); at the end every attempt reported exactly once and no HTLC is left in flight.
     */
    @Test
    void concurrentAttemptsConserveFundsAndAllResolve() {
        SplittableRandom rnd = new SplittableRandom(5);
        ChannelGraphBuilder b = new ChannelGraphBuilder();
        int n = 40;
        for (int i = 0; i < n; i++) {
            b.addNode(NodeIds.fromIndex(i + 1));
        }
        for (int k = 0; k < 160; k++) {
            int x = rnd.nextInt(n);
            int y = rnd.nextInt(n);
            if (x == y) {
                continue;
            }
            int c = b.addChannel(ShortChannelId.of(k + 1, 0, 0), x, y, 50_000 + rnd.nextInt(200_000));
            b.setPolicy(c, x, new ChannelPolicy(rnd.nextInt(2000), rnd.nextInt(500), 10 + rnd.nextInt(100), 0,
                    ChannelPolicy.NO_HTLC_MAXIMUM, false));
            b.setPolicy(c, y, new ChannelPolicy(rnd.nextInt(2000), rnd.nextInt(500), 10 + rnd.nextInt(100), 0,
                    ChannelPolicy.NO_HTLC_MAXIMUM, rnd.nextInt(20) == 0));
        }
        ChannelGraph g = b.build();
        Simulation sim = new Simulation(3);
        ChannelState state = new ChannelState(g, BalanceSplit.UNIFORM, sim.random().stream("balances"));
        sim.afterEachEvent(state::checkAll);
        HtlcRelay relay = new HtlcRelay(sim, state, new CommitmentLatency(g.channelCount(), sim.random().stream("latency")),
                NodeAvailability.ALWAYS_ONLINE);
        int[] reported = new int[2000];
        int[] outcomesByKind = new int[2]; // [0] successes, [1] failures
        int attempts = 0;
        long t = 0;
        for (int i = 0; i < 2000; i++) {
            HtlcPath p = randomWalk(g, rnd);
            if (p == null) {
                continue;
            }
            attempts++;
            int id = i;
            t += rnd.nextInt(20_000);
            sim.scheduleAt(t, () -> relay.send(p, r -> {
                reported[id]++;
                outcomesByKind[r.succeeded() ? 0 : 1]++;
            }));
        }
        sim.run();
        int outcomes = 0;
        for (int k : reported) {
            assertTrue(k <= 1, "an attempt reported twice");
            outcomes += k;
        }
        assertEquals(attempts, outcomes);
        assertTrue(attempts > 1000);
        assertTrue(outcomesByKind[0] > 100 && outcomesByKind[1] > 100, "both outcomes exercised: "
                + outcomesByKind[0] + " successes, " + outcomesByKind[1] + " failures");
        assertEquals(0, state.totalInFlightCount());
    }

    /**
     * Two parts of one 20,000,000-msat payment (id 7), each delivering 10,000,000 along A→B→C, sent 1 s apart: the
     * first is held at C until the second arrives, then both are fulfilled together. Part 1 ends at 1 s + 540 ms
     * (offer 150 + 150, fulfil 120 + 120 after the second arrives at 1.3 s): 1.54 s; part 0 at the same instant,
     * since it waited. C gains 20,000,000 msat on B–C.
     */
    @Test
    void multiPartSetIsHeldUntilTheTotalArrivesThenFulfilledTogether() {
        ChannelGraph g = line();
        Simulation sim = new Simulation(1);
        ChannelState state = new ChannelState(g, BalanceSplit.HALF, sim.random().stream("balances"));
        sim.afterEachEvent(state::checkAll);
        HtlcRelay relay = new HtlcRelay(sim, state, LATENCY, NodeAvailability.ALWAYS_ONLINE);
        List<AttemptResult> results = new ArrayList<>();
        HtlcPath part = mppPart(g, 7, 10_000_000, 20_000_000);
        relay.send(part, results::add);
        sim.schedule(1_000_000, () -> relay.send(part, results::add));
        sim.run();
        assertEquals(2, results.size());
        for (AttemptResult r : results) {
            assertTrue(r.succeeded());
            assertEquals(1_540_000, r.endUs());
        }
        assertEquals(70_000_000, state.balance(B_TO_C ^ 1));
        assertEquals(0, relay.heldPayments());
    }

    /**
     * One part of a 20,000,000-msat payment arrives at 300 ms and nothing else: at 300 ms + 60 s C fails it with
     * mpp_timeout, which reaches A 240 ms later (60.54 s); no money moved.
     */
    @Test
    void incompleteMultiPartSetTimesOut() {
        ChannelGraph g = line();
        Run run = send(g, mppPart(g, 8, 10_000_000, 20_000_000), NodeAvailability.ALWAYS_ONLINE);
        AttemptResult r = run.results().get(0);
        assertEquals(FailureCode.MPP_TIMEOUT, r.failure());
        assertEquals(2, r.failingHop());
        assertEquals(60_540_000, r.endUs());
        assertEquals(50_000_000, run.state().balance(B_TO_C));
    }

    /**
     * Three parts of one 30,000,000-msat payment (id 9), each delivering 8,000,000 along A→B→C, sent at 0, 1 s and
     * 2.5 s: they reach C at 0.3, 1.3 and 2.8 s (two offers of 150 ms) and bring only 24,000,000, so C holds all
     * three. BOLT 4: the receiver fails every held part 60 s after the FIRST arrived, so all three are failed with
     * mpp_timeout at 0.3 + 60 = 60.3 s — not at 60 s after their own arrival (61.3, 62.8 s) — and each failure
     * reaches A 2 × 120 ms later: 60.54 s for all three. Just before C fails them (60.29 s) all three are still
     * locked on B→C (and A→B); afterwards every balance is back where it started: A–B 100,000,000 / 100,000,000
     * (each part had locked 8,000,000 + B's fee 1000 + 800 = 8,001,800 on A→B), B–C 50,000,000 / 50,000,000.
     */
    @Test
    void severalHeldPartsAllTimeOutSixtySecondsAfterTheFirstArrived() {
        ChannelGraph g = line();
        Simulation sim = new Simulation(1);
        ChannelState state = new ChannelState(g, BalanceSplit.HALF, sim.random().stream("balances"));
        sim.afterEachEvent(state::checkAll);
        HtlcRelay relay = new HtlcRelay(sim, state, LATENCY, NodeAvailability.ALWAYS_ONLINE);
        assertEquals(60_000_000, HtlcRelay.DEFAULT_MPP_TIMEOUT_US);
        List<AttemptResult> results = new ArrayList<>();
        HtlcPath part = mppPart(g, 9, 8_000_000, 30_000_000);
        assertEquals(8_001_800, part.amountMsat(0));
        relay.send(part, results::add);
        sim.schedule(1_000_000, () -> relay.send(part, results::add));
        sim.schedule(2_500_000, () -> relay.send(part, results::add));
        int[] lockedJustBefore = new int[2];
        sim.schedule(60_290_000, () -> {
            lockedJustBefore[0] = state.inFlightCount(B_TO_C);
            lockedJustBefore[1] = relay.heldPayments();
        });
        sim.run();
        assertEquals(3, lockedJustBefore[0], "all three parts still held at 60.29 s");
        assertEquals(1, lockedJustBefore[1]);
        assertEquals(3, results.size());
        long[] starts = new long[3];
        for (int i = 0; i < 3; i++) {
            AttemptResult r = results.get(i);
            starts[i] = r.startUs();
            assertEquals(FailureCode.MPP_TIMEOUT, r.failure());
            assertEquals(2, r.failingHop());
            assertEquals(60_540_000, r.endUs(), "part sent at " + r.startUs());
        }
        java.util.Arrays.sort(starts);
        assertEquals(List.of(0L, 1_000_000L, 2_500_000L), java.util.Arrays.stream(starts).boxed().toList());
        assertEquals(0, relay.heldPayments());
        assertEquals(0, state.totalInFlightCount());
        assertEquals(100_000_000, state.balance(A_TO_B));
        assertEquals(100_000_000, state.balance(A_TO_B ^ 1));
        assertEquals(50_000_000, state.balance(B_TO_C));
        assertEquals(50_000_000, state.balance(B_TO_C ^ 1));
    }

    private static HtlcPath mppPart(ChannelGraph g, long paymentId, long deliver, long total) {
        long hop0 = deliver + g.feeMsat(B_TO_C, deliver);
        return new HtlcPath(new int[] {A_TO_B, B_TO_C}, new long[] {hop0, deliver},
                new int[] {9 + g.cltvExpiryDelta(B_TO_C), 9}, paymentId, deliver, total, 9);
    }

    /** A random simple walk of 1–6 hops with amounts and CLTVs computed backwards as a router would. */
    private static HtlcPath randomWalk(ChannelGraph g, SplittableRandom rnd) {
        int hops = 1 + rnd.nextInt(6);
        int[] dirs = new int[hops];
        int u = rnd.nextInt(g.nodeCount());
        boolean[] seen = new boolean[g.nodeCount()];
        seen[u] = true;
        for (int i = 0; i < hops; i++) {
            int deg = g.degree(u);
            if (deg == 0) {
                return null;
            }
            int slot = g.outStart(u) + rnd.nextInt(deg);
            if (seen[g.outPeer(slot)]) {
                return null;
            }
            dirs[i] = g.outDirection(slot);
            u = g.outPeer(slot);
            seen[u] = true;
        }
        long amount = 1 + rnd.nextLong(50_000_000);
        long[] amounts = new long[hops];
        int[] cltvs = new int[hops];
        long a = amount;
        int cltv = 9;
        for (int i = hops - 1; i >= 0; i--) {
            amounts[i] = a;
            cltvs[i] = cltv;
            a += g.feeMsat(dirs[i], a);
            cltv += g.cltvExpiryDelta(dirs[i]);
        }
        return HtlcPath.single(dirs, amounts, cltvs, rnd.nextLong(), 9);
    }

    /**
     * Issue 22: B raises its fee on B→C during the run. An attempt sent after that with the fee the graph announced
     * fails at B with fee_insufficient and carries B's new channel_update (the update's index); the same attempt
     * paying the new fee succeeds. Found by drawing the updates ahead with the same stream (rate 1,000 per direction
     * per day on the line's 4 usable directions): the first update of B→C that raises its fee on 10,000,000 msat.
     */
    @Test
    void aForwardingNodeEnforcesItsNewPolicyAndSaysSo() {
        ChannelGraph g = line();
        org.lnsim.engine.policy.PolicyChurn churn = org.lnsim.engine.policy.PolicyChurn.NONE.withRate(1_000);
        org.lnsim.engine.policy.PolicyUpdates ahead = new org.lnsim.engine.policy.PolicyUpdates(g, churn,
                new SplittableRandom(4), 0);
        long amount = 10_000_000;
        long when = -1;
        int raise = -1;
        for (long t = 1_000_000; t < 86_400_000_000L && raise < 0; t += 1_000_000) {
            ahead.advanceTo(t);
            int k = ahead.latest(B_TO_C);
            if (k >= 0 && ahead.feeMsat(B_TO_C, amount) > g.feeMsat(B_TO_C, amount)) {
                raise = k;
                when = t;
            }
        }
        assertTrue(raise >= 0, "some update raises B's fee");
        long newFee = ahead.feeMsat(B_TO_C, amount);
        int newDelta = ahead.cltvExpiryDelta(B_TO_C);
        long at = when;

        AttemptResult stale = sendAt(g, churn, at, pathFor(g, amount), 4);
        assertEquals(FailureCode.FEE_INSUFFICIENT, stale.failure());
        assertEquals(1, stale.failingHop());
        assertEquals(B_TO_C, stale.failingDirection());
        assertEquals(raise, stale.policyUpdate());

        HtlcPath fresh = HtlcPath.single(new int[] {A_TO_B, B_TO_C}, new long[] {amount + newFee, amount},
                new int[] {9 + newDelta, 9}, 1, 9);
        AttemptResult ok = sendAt(g, churn, at, fresh, 4);
        assertNull(ok.failure());
        assertEquals(-1, ok.policyUpdate());
    }

    private static AttemptResult sendAt(ChannelGraph g, org.lnsim.engine.policy.PolicyChurn churn, long atUs,
                                        HtlcPath path, long seed) {
        Simulation sim = new Simulation(1);
        ChannelState state = new ChannelState(g, BalanceSplit.HALF, sim.random().stream("balances"));
        org.lnsim.engine.policy.PolicyUpdates truth = new org.lnsim.engine.policy.PolicyUpdates(g, churn,
                new SplittableRandom(seed), 0);
        HtlcRelay relay = new HtlcRelay(sim, state, LATENCY, NodeAvailability.ALWAYS_ONLINE,
                HtlcRelay.DEFAULT_MPP_TIMEOUT_US, ReceiverBehaviour.HONEST, truth);
        List<AttemptResult> results = new ArrayList<>();
        sim.schedule(atUs, () -> relay.send(path, results::add));
        sim.run();
        assertEquals(1, results.size());
        return results.get(0);
    }

    /**
     * Issue 22: once B–C has closed, B takes no new HTLC on it (permanent_channel_failure at B, hop 1) — found by
     * drawing the closes ahead with the same stream (2 closes per channel per day on the line's two channels), the
     * first of seeds 1, 2, … whose first close is B–C's.
     */
    @Test
    void aClosedChannelTakesNoNewHtlc() {
        ChannelGraph g = line();
        org.lnsim.engine.policy.PolicyChurn churn = org.lnsim.engine.policy.PolicyChurn.NONE.withCloses(2);
        long when = -1;
        int seed = 0;
        while (when < 0 && seed < 20) { // the first stream whose first close is B–C's
            seed++;
            org.lnsim.engine.policy.PolicyUpdates ahead = new org.lnsim.engine.policy.PolicyUpdates(g, churn,
                    new SplittableRandom(seed), 0);
            for (long t = 1_000_000; t < 10 * 86_400_000_000L && ahead.closes() == 0; t += 1_000_000) {
                ahead.advanceTo(t);
                if (ahead.isClosed(B_TO_C)) {
                    when = t;
                }
            }
        }
        assertTrue(when > 0, "B–C closes while A–B is still open");
        AttemptResult r = sendAt(g, churn, when, pathFor(g, 10_000_000), seed);
        assertEquals(FailureCode.PERMANENT_CHANNEL_FAILURE, r.failure());
        assertEquals(1, r.failingHop());
        assertEquals(B_TO_C, r.failingDirection());
    }

    /**
     * Issue 22: B raises its CLTV delta on B→C from 14 to 40 (updates that keep fees — factor 1 — and always redraw
     * the delta from the network's usable directions, 14 or 40). A path A→B→C→D built on the announced 14 gives B
     * an incoming CLTV only 14 above the outgoing one: B fails it with incorrect_cltv_expiry and its new update.
     * Network: A(1)–B(2)–C(3)–D(4), 1,000,000 sat each, base 1000 / 1 ppm; B↔C delta 14, the others 40.
     */
    @Test
    void aRaisedCltvDeltaFailsAPathBuiltOnTheOldOne() {
        org.lnsim.network.ChannelGraphBuilder b = new org.lnsim.network.ChannelGraphBuilder();
        for (int i = 0; i < 4; i++) {
            b.addNode(NodeIds.fromIndex(i + 1));
        }
        for (int i = 0; i < 3; i++) {
            int c = b.addChannel(ShortChannelId.of(i + 1, 0, 0), i, i + 1, 1_000_000);
            ChannelPolicy p = new ChannelPolicy(1000, 1, i == 1 ? 14 : 40, 0, ChannelPolicy.NO_HTLC_MAXIMUM, false);
            b.setPolicy(c, i, p);
            b.setPolicy(c, i + 1, p);
        }
        ChannelGraph g = b.build();
        int bToC = 2;
        org.lnsim.engine.policy.PolicyChurn churn = new org.lnsim.engine.policy.PolicyChurn(1_000,
                org.lnsim.engine.policy.PolicyChurn.BROADCAST_INTERVAL_US, 0, 1.0, 1.0);
        org.lnsim.engine.policy.PolicyUpdates ahead = new org.lnsim.engine.policy.PolicyUpdates(g, churn,
                new SplittableRandom(6), 0);
        long when = -1;
        for (long t = 1_000_000; t < 86_400_000_000L && when < 0; t += 1_000_000) {
            ahead.advanceTo(t);
            if (ahead.cltvExpiryDelta(bToC) == 40) {
                when = t;
            }
        }
        assertTrue(when > 0, "some update raises B→C's delta to 40");
        assertEquals(g.feeMsat(bToC, 1_000_000), ahead.feeMsat(bToC, 1_000_000), "fees unchanged (factor 1)");
        // D gets 1,000,000 msat with final CLTV 9; C charges 1000 + 1 = 1,001 msat and 40 blocks on C→D, B 1,001
        // msat and the announced 14 on B→C
        int[] dirs = {0, bToC, 4};
        long[] amounts = {1_002_002, 1_001_001, 1_000_000};
        int[] cltvs = {9 + 40 + 14, 9 + 40, 9};
        AttemptResult r = sendAt(g, churn, when, HtlcPath.single(dirs, amounts, cltvs, 1, 9), 6);
        assertEquals(FailureCode.INCORRECT_CLTV_EXPIRY, r.failure());
        assertEquals(1, r.failingHop());
        assertEquals(bToC, r.failingDirection());
        assertEquals(ahead.latest(bToC), r.policyUpdate());
    }
}
