package org.lnsim.protocols.living;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lnsim.engine.payment.PaymentOutcome;
import org.lnsim.engine.payment.PaymentRequest;
import org.lnsim.engine.payment.RoutingProtocol;
import org.lnsim.engine.policy.PolicyChurn;
import org.lnsim.engine.testing.EngineRun;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.ChannelGraphBuilder;
import org.lnsim.network.ChannelPolicy;
import org.lnsim.network.NodeIds;
import org.lnsim.network.ShortChannelId;
import org.lnsim.protocols.ant.AntRouting;
import org.lnsim.protocols.ant.AntSettings;
import org.lnsim.protocols.source.OracleRouting;
import org.lnsim.protocols.source.PayPolicy;
import org.lnsim.protocols.source.SourceRouting;

/**
 * Issue 22, item 3: protocols on a network whose policies change while gossip lags. The network is a line
 * S(0)–B(1)–R(2) of 10M-sat channels, base 1,000 msat, 100 ppm, delta 40 everywhere: B→R is the only way from S to
 * R. At 600 updates per direction per day and one gossip hop from B to S (a wait uniform in [0, 60 s) plus
 * 100 ms), S misses B's latest update about 600 × 30 s / 86,400 s ≈ 21% of the time, half of which raise the fee or
 * the delta; an update changes again within a retry's half second with probability 600 × 0.5 / 86,400 ≈ 0.3%.
 */
class LivingNetworkTest {
    private static final PolicyChurn CHURN = PolicyChurn.NONE.withRate(600);

    private static ChannelGraph line() {
        ChannelGraphBuilder b = new ChannelGraphBuilder();
        for (int i = 0; i < 3; i++) {
            b.addNode(NodeIds.fromIndex(i + 1));
        }
        ChannelPolicy p = new ChannelPolicy(1_000, 100, 40, 0, ChannelPolicy.NO_HTLC_MAXIMUM, false);
        for (int i = 0; i < 2; i++) {
            int c = b.addChannel(ShortChannelId.of(i + 1, 0, 0), i, i + 1, 10_000_000);
            b.setPolicy(c, i, p);
            b.setPolicy(c, i + 1, p);
        }
        return b.build();
    }

    /** 200 payments of 1,000 sat from S to R, one every 10 s. */
    private static List<PaymentRequest> payments() {
        List<PaymentRequest> out = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            out.add(new PaymentRequest(i, 0, 2, 1_000_000, 10_000_000L * i));
        }
        return out;
    }

    private static List<PaymentOutcome> run(ChannelGraph g, RoutingProtocol protocol) {
        List<PaymentOutcome> out = new ArrayList<>(EngineRun.of(g, protocol).policies(CHURN).run(payments())
                .outcomes());
        out.sort(java.util.Comparator.comparingLong(o -> o.payment().id()));
        return out;
    }

    /**
     * source: a stale sender's attempt fails at B (fee_insufficient or incorrect_cltv_expiry) with B's new
     * channel_update; the sender applies it and, given a second chance, retries B→R at its new price, so every
     * payment is delivered although B→R is the only way. Each delivered payment needed exactly one attempt more per
     * policy failure (nothing else fails here: 200 × 1,000 sat never drain a side of 5M sat).
     */
    @Test
    void aStaleSenderLearnsTheUpdateFromTheFailureAndRetries() {
        ChannelGraph g = line();
        List<PaymentOutcome> out = run(g, new SourceRouting(g, PayPolicy.C_LIGHTNING, 0));
        int failures = 0;
        for (PaymentOutcome o : out) {
            assertTrue(o.success(), "payment " + o.payment().id() + ": " + o.reason());
            assertTrue(o.policyFailures() >= 0);
            assertEquals(1 + o.policyFailures(), o.attempts(), "payment " + o.payment().id());
            failures += o.policyFailures();
        }
        // at most ≈ 21% stale × 1/2 raising ≈ 10% of 200 = 20 expected, fewer since a failure informs the sender and
        // the next payments 10 s later no longer miss that update; at least a few for the test to mean anything
        assertTrue(failures >= 3 && failures <= 40, "policy failures: " + failures);
        // the same run again, with routes computed ahead asked for (set-up stops them: they would be on the
        // announced policies): the same outcomes (one seed, named streams)
        List<PaymentOutcome> again = new ArrayList<>(EngineRun.of(g, new SourceRouting(g, PayPolicy.C_LIGHTNING, 0))
                .policies(CHURN).prepare(2).run(payments()).outcomes());
        again.sort(java.util.Comparator.comparingLong(o -> o.payment().id()));
        for (int i = 0; i < out.size(); i++) {
            assertEquals(out.get(i).attempts(), again.get(i).attempts());
            assertEquals(out.get(i).feeMsat(), again.get(i).feeMsat());
        }
    }

    /**
     * lnd on the same line: its sender searches on its beliefs too, and a policy failure whose channel_update the
     * engine applied is not reported to mission control when the pair (B, R) gets lnd's second chance — none in the
     * last minute (lnd v0.18.5 {@code missioncontrol.go}). With payments 70 s apart every stale attempt gets one, so
     * every payment is delivered with one attempt more per policy failure. Without it lnd would report B (the first
     * hop's next node: lnd fails the whole node) and, B→R being the only way, find no route for the next hour: with
     * payments 10 s apart a second stale failure within the minute does exactly that, and lnd loses payments that
     * source delivers.
     */
    @Test
    void lndGivesAPolicyFailureItsSecondChance() {
        ChannelGraph g = line();
        List<PaymentRequest> spaced = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            spaced.add(new PaymentRequest(i, 0, 2, 1_000_000, 70_000_000L * i));
        }
        List<PaymentOutcome> out = EngineRun.of(g, new org.lnsim.protocols.lnd.LndRouting(g,
                org.lnsim.protocols.lnd.LndSettings.DEFAULT)).policies(CHURN).run(spaced).outcomes();
        int failures = 0;
        for (PaymentOutcome o : out) {
            assertTrue(o.success(), "payment " + o.payment().id() + ": " + o.reason());
            assertEquals(1 + o.policyFailures(), o.attempts(), "payment " + o.payment().id());
            failures += o.policyFailures();
        }
        assertTrue(failures >= 5, "policy failures: " + failures);

        List<PaymentOutcome> dense = run(g, new org.lnsim.protocols.lnd.LndRouting(g,
                org.lnsim.protocols.lnd.LndSettings.DEFAULT));
        long lost = dense.stream().filter(o -> !o.success()).count();
        assertTrue(lost > 0, "a second stale failure within the minute costs lnd payments");
        assertTrue(dense.stream().filter(o -> !o.success()).allMatch(o -> o.policyFailures() > 0
                || o.reason().startsWith("no route")), "lost only to staleness and its penalty");
    }

    /**
     * ldk (rust-lightning v0.2.5) does not apply the channel_update a policy failure returns: it blames B's channel
     * (scorer and the payment's previously_failed_channels) and retries; B→R being the only way, the retry finds no
     * route. So on the line an ldk payment is delivered exactly when it met no stale policy, and, still stale until
     * gossip arrives, its sender meets more policy failures than source's, which learns each update from its first
     * failure (the same payments and updates: one seed).
     */
    @Test
    void ldkRoutesOnGossipAloneAndBlamesTheStaleChannel() {
        ChannelGraph g = line();
        List<PaymentOutcome> ldk = run(g, new org.lnsim.protocols.ldk.LdkRouting(g,
                org.lnsim.protocols.ldk.LdkSettings.DEFAULT));
        int ldkFailures = 0;
        int lost = 0;
        for (PaymentOutcome o : ldk) {
            assertEquals(o.policyFailures() == 0, o.success(), "payment " + o.payment().id() + ": " + o.reason());
            ldkFailures += o.policyFailures();
            lost += o.success() ? 0 : 1;
        }
        assertTrue(lost > 0, "stale payments are lost");
        int sourceFailures = 0;
        for (PaymentOutcome o : run(g, new SourceRouting(g, PayPolicy.C_LIGHTNING, 0))) {
            sourceFailures += o.policyFailures();
        }
        assertTrue(ldkFailures > sourceFailures, "ldk " + ldkFailures + " against source " + sourceFailures);
    }

    /**
     * pickhardt (Core Lightning v25.09's askrene and xpay) prices its plans with the sender's gossip and, on a
     * policy failure, disables the channel for the payment without applying the channel_update (xpay.c): on the
     * line, whose only way is B→R, a pickhardt payment is delivered exactly when it met no stale policy.
     */
    @Test
    void pickhardtPlansOnGossipAloneAndDisablesTheStaleChannel() {
        ChannelGraph g = line();
        int lost = 0;
        for (PaymentOutcome o : run(g, new org.lnsim.protocols.pickhardt.PickhardtRouting(g,
                org.lnsim.protocols.pickhardt.PickhardtSettings.DEFAULT))) {
            assertEquals(o.policyFailures() == 0, o.success(), "payment " + o.payment().id() + ": " + o.reason());
            lost += o.success() ? 0 : 1;
        }
        assertTrue(lost > 0, "stale payments are lost");
    }

    /**
     * A split payment's parts get the same second chance as a single-path payment: source under c-lightning's
     * adaptive splitter and lnd's halving splitter (1,000-sat payments go as one part each) delivers every payment
     * on the line, one attempt more per policy failure; excluding B→R at the first policy failure, as before, would
     * leave no route.
     */
    @Test
    void aSplitPaymentsPartGetsTheSecondChanceToo() {
        ChannelGraph g = line();
        for (org.lnsim.protocols.multipart.Splitter splitter : List.of(
                org.lnsim.protocols.multipart.Splitter.CL_ADAPTIVE,
                org.lnsim.protocols.multipart.Splitter.LND_HALVING)) {
            int failures = 0;
            for (PaymentOutcome o : run(g, new org.lnsim.protocols.multipart.SplittingProtocol(
                    new SourceRouting(g, PayPolicy.C_LIGHTNING, 0), splitter, 16))) {
                assertTrue(o.success(), splitter + " payment " + o.payment().id() + ": " + o.reason());
                assertEquals(1 + o.policyFailures(), o.attempts(), splitter + " payment " + o.payment().id());
                failures += o.policyFailures();
            }
            assertTrue(failures >= 5, splitter + ": policy failures " + failures);
        }
    }

    /** The oracle knows every policy as it is, and ant's path is priced by its own nodes: neither is ever stale. */
    @Test
    void theOracleAndAntAreNeverStale() {
        ChannelGraph g = line();
        for (RoutingProtocol p : List.of(new OracleRouting(g, PayPolicy.C_LIGHTNING),
                new AntRouting(g, AntSettings.DEFAULT))) {
            for (PaymentOutcome o : run(g, p)) {
                assertTrue(o.success(), p.name() + " payment " + o.payment().id() + ": " + o.reason());
                assertEquals(0, o.policyFailures(), p.name());
            }
        }
    }

    /**
     * What the sender pays follows the updates: the fees of the delivered payments are not all the announced
     * 1,000 + ⌊1,000,000 × 100 / 10^6⌋ = 1,100 msat, and each is B's fee on 1,000,000 msat under the announced
     * policy or one of B→R's updates (direction 2: channel 1, node_1 = B).
     */
    @Test
    void feesFollowTheUpdates() {
        ChannelGraph g = line();
        EngineRun run = EngineRun.of(g, new SourceRouting(g, PayPolicy.C_LIGHTNING, 0)).policies(CHURN);
        List<PaymentOutcome> out = run.run(payments()).outcomes();
        var truth = run.beliefs().truth();
        java.util.Set<Long> possible = new java.util.HashSet<>(List.of(g.feeMsat(2, 1_000_000)));
        for (int k = 0; k < truth.count(); k++) {
            if (truth.direction(k) == 2) {
                possible.add(org.lnsim.network.Fees.feeMsat(truth.updateFeeBaseMsat(k),
                        truth.updateFeeProportionalMillionths(k), 1_000_000));
            }
        }
        long distinct = out.stream().mapToLong(PaymentOutcome::feeMsat).distinct().count();
        assertTrue(distinct > 10, "distinct fees: " + distinct);
        for (PaymentOutcome o : out) {
            assertTrue(possible.contains(o.feeMsat()), "fee " + o.feeMsat());
        }
    }

    /**
     * Channel closes: S(0) reaches R(7) through six middle nodes M1..M6 (S–Mi–R, 12 channels of 10M sat, the same
     * policy), and channels close at 30 per channel per day, so over the 2,000 s of 200 payments each closes with
     * probability 1 − e^(−30 × 2,000 / 86,400) ≈ 0.50. A sender routes over a closed channel only until the block
     * (≤ 10 min) tells it, and then fails at the closed hop with permanent_channel_failure and excludes it; no
     * delivered payment's route holds a channel closed before the payment began.
     */
    @Test
    void closedChannelsAreAvoidedOnceKnownAndRefuseHtlcsBefore() {
        ChannelGraphBuilder b = new ChannelGraphBuilder();
        for (int i = 0; i < 8; i++) {
            b.addNode(NodeIds.fromIndex(i + 1));
        }
        ChannelPolicy p = new ChannelPolicy(1_000, 100, 40, 0, ChannelPolicy.NO_HTLC_MAXIMUM, false);
        for (int m = 1; m <= 6; m++) {
            for (int[] ends : new int[][] {{0, m}, {m, 7}}) {
                int c = b.addChannel(ShortChannelId.of(10 * m + ends[0], 0, 0), ends[0], ends[1], 10_000_000);
                b.setPolicy(c, ends[0], p);
                b.setPolicy(c, ends[1], p);
            }
        }
        ChannelGraph g = b.build();
        List<PaymentRequest> pays = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            pays.add(new PaymentRequest(i, 0, 7, 1_000_000, 10_000_000L * i));
        }
        EngineRun run = EngineRun.of(g, new SourceRouting(g, PayPolicy.C_LIGHTNING, 0))
                .policies(PolicyChurn.NONE.withCloses(30));
        List<PaymentOutcome> out = run.run(pays).outcomes();
        var truth = run.beliefs().truth();
        long[] closedAt = new long[g.channelCount()];
        java.util.Arrays.fill(closedAt, Long.MAX_VALUE);
        for (int k = 0; k < truth.count(); k++) {
            if (truth.isClose(k)) {
                int c = org.lnsim.network.ChannelGraph.channelOf(truth.direction(k));
                closedAt[c] = Math.min(closedAt[c], truth.timeUs(k));
            }
        }
        assertTrue(truth.closes() >= 3 && truth.closes() <= 11, "closes: " + truth.closes());
        int permanent = 0;
        int delivered = 0;
        for (PaymentOutcome o : out) {
            if (o.failure() == org.lnsim.engine.htlc.FailureCode.PERMANENT_CHANNEL_FAILURE) {
                permanent++;
            }
            if (o.success()) {
                delivered++;
                for (int e : o.route()) {
                    assertTrue(closedAt[org.lnsim.network.ChannelGraph.channelOf(e)] > o.payment().arrivalUs(),
                            "payment " + o.payment().id() + " over a channel closed before it began");
                }
            }
        }
        assertTrue(permanent > 0, "some sender met a close it did not know yet");
        assertTrue(delivered > 100, "delivered: " + delivered);
    }

    /**
     * Channel opens: S(0)–X(1) and R(2)–Y(3) are open, X–R (channel 2) is dormant, so S reaches R only once X–R has
     * opened (10M sat each, the line's policies; 200 payments of 1,000 sat from S to R, one every 10 s). At 30 opens
     * per open channel per day (2 open channels: 60 a day, a mean wait of 1,440 s) the stream of the run's seed 3
     * opens it at t0 = 1,106 s, inside the payments' 2,000 s. source: every payment that starts before t0 finds no route; the sender
     * is one hop from X and R, the channel's ends, so it knows of the channel 100 ms + U · 60 s after t0, and every
     * payment that starts 60.1 s after t0 or later is delivered over S→X→R. oracle knows at once, and ant's flood
     * meets the channel as it is: both deliver every payment that starts after t0 (and none before it).
     */
    @Test
    void aChannelThatOpensIsUsedOnceKnownAndNotBefore() {
        ChannelGraphBuilder b = new ChannelGraphBuilder();
        for (int i = 0; i < 4; i++) {
            b.addNode(NodeIds.fromIndex(i + 1));
        }
        ChannelPolicy p = new ChannelPolicy(1_000, 100, 40, 0, ChannelPolicy.NO_HTLC_MAXIMUM, false);
        for (int[] ends : new int[][] {{0, 1}, {2, 3}}) {
            int c = b.addChannel(ShortChannelId.of(ends[0] + 1, 0, 0), ends[0], ends[1], 10_000_000);
            b.setPolicy(c, ends[0], p);
            b.setPolicy(c, ends[1], p);
        }
        ChannelGraph g = b.build().withChannels(new long[] {ShortChannelId.of(9, 0, 0)}, new int[] {1},
                new int[] {2}, new long[] {10_000_000}, new ChannelPolicy[] {p, p});
        PolicyChurn churn = PolicyChurn.NONE.withOpens(30);
        for (RoutingProtocol protocol : List.of(new SourceRouting(g, PayPolicy.C_LIGHTNING, 0),
                new OracleRouting(g, PayPolicy.C_LIGHTNING), new AntRouting(g, AntSettings.DEFAULT))) {
            EngineRun run = EngineRun.of(g, protocol).seed(3).policies(churn, 2);
            List<PaymentOutcome> out = new ArrayList<>(run.run(payments()).outcomes());
            var truth = run.beliefs().truth();
            assertEquals(1, truth.opens(), protocol.name());
            long t0 = truth.timeUs(truth.count() - 1);
            assertTrue(t0 > 100_000_000L && t0 < 1_800_000_000L, "opened at " + t0);
            long knownBy = protocol.name().equals(SourceRouting.NAME) ? t0 + PolicyChurn.BROADCAST_INTERVAL_US
                    + PolicyChurn.PER_HOP_DELAY_US : t0;
            int before = 0;
            int after = 0;
            for (PaymentOutcome o : out) {
                long at = o.payment().arrivalUs();
                if (at < t0) {
                    assertTrue(!o.success(), protocol.name() + ": payment " + o.payment().id() + " before the open");
                    before++;
                } else if (at > knownBy) {
                    assertTrue(o.success(), protocol.name() + ": payment " + o.payment().id() + ": " + o.reason());
                    assertEquals(2, o.hops(), "two channels, S→X→R");
                    after++;
                }
            }
            assertTrue(before > 5 && after > 5, "before " + before + ", after " + after);
        }
    }
}
