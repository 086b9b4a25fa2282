package org.lnsim.protocols.lnd;

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

/** {@code lnd} on the engine: learning across a sender's payments, and its routing state. */
class LndRoutingTest {
    private static final int S = 0;
    private static final int A = 1;
    private static final int B = 2;
    private static final int R = 3;
    private static final int T = 4;

    /**
     * S→A→R and S→B→R, plus T–A. S–A, S–B, B–R, T–A: 1,000,000 sat; A–R: 100,000 sat (split half and half, so A
     * can send 50,000 sat minus its reserve). A→R: base 0, 1 ppm, delta 40; B→R: base 1,000, 1,000 ppm, delta 40;
     * every other direction base 0, 0 ppm, delta 14.
     */
    private static ChannelGraph diamond() {
        ChannelGraphBuilder b = new ChannelGraphBuilder();
        int s = b.addNode(NodeIds.fromIndex(1));
        int a = b.addNode(NodeIds.fromIndex(2));
        int bb = b.addNode(NodeIds.fromIndex(3));
        int r = b.addNode(NodeIds.fromIndex(4));
        int t = b.addNode(NodeIds.fromIndex(5));
        ChannelPolicy free = new ChannelPolicy(0, 0, 14, 0, ChannelPolicy.NO_HTLC_MAXIMUM, false);
        int sa = b.addChannel(ShortChannelId.of(1, 0, 0), s, a, 1_000_000);
        b.setPolicy(sa, s, free);
        b.setPolicy(sa, a, free);
        int ar = b.addChannel(ShortChannelId.of(2, 0, 0), a, r, 100_000);
        b.setPolicy(ar, a, new ChannelPolicy(0, 1, 40, 0, ChannelPolicy.NO_HTLC_MAXIMUM, false));
        b.setPolicy(ar, r, free);
        int sb = b.addChannel(ShortChannelId.of(3, 0, 0), s, bb, 1_000_000);
        b.setPolicy(sb, s, free);
        b.setPolicy(sb, bb, free);
        int br = b.addChannel(ShortChannelId.of(4, 0, 0), bb, r, 1_000_000);
        b.setPolicy(br, bb, new ChannelPolicy(1000, 1000, 40, 0, ChannelPolicy.NO_HTLC_MAXIMUM, false));
        b.setPolicy(br, r, free);
        int ta = b.addChannel(ShortChannelId.of(5, 0, 0), t, a, 1_000_000);
        b.setPolicy(ta, t, free);
        b.setPolicy(ta, a, free);
        return b.build();
    }

    /**
     * 60,000,000 msat S→R at t = 0: A→R is cheapest (fee 60 msat) and untried, but A holds only 50,000 sat:
     * temporary_channel_failure at A. Mission control: A→R failed at 60,000,000 msat, S→A succeeded. Right after,
     * A→R's probability is node(A) × (1 − 2⁰) = 0: the retry goes via B (fee 1,000 + 60,000 = 61,000 msat), 2
     * attempts. B→R and S→B succeeded with 60,000,000 msat.
     *
     * <p>The same payment 10 minutes later: A→R's failure is 1/6 half-life old, weight 2^(−1/6) = 0.8909;
     * node(A) = 0.6 / (1 + 0.8909) = 0.3173 and the pair 0.3173 × 0.1091 = 0.0346, so via A the route probability is
     * 0.95 × 0.0346 = 0.0329 and the distance ≈ 96 + 160,000 / 0.0329 ≈ 4.86 M; via B, whose pair succeeded at this
     * amount (0.95), 0.95 × 0.95 = 0.9025 and ≈ 61,036 + 160,000 / 0.9025 ≈ 238 k. S pays via B at once: 1
     * attempt. T, whose mission control is its own, still tries T→A→R first, then T→A→S→B→R (2 attempts).
     */
    @Test
    void aSenderAvoidsAPairThatFailedWithinTheHalfLife() {
        ChannelGraph g = diamond();
        LndRouting lnd = new LndRouting(g, LndSettings.DEFAULT);
        List<PaymentOutcome> out = EngineRun.of(g, lnd).run(
                new PaymentRequest(1, S, R, 60_000_000, 0),
                new PaymentRequest(2, S, R, 60_000_000, 600_000_000L),
                new PaymentRequest(3, T, R, 60_000_000, 1_200_000_000L)).outcomes();
        PaymentOutcome first = out.stream().filter(o -> o.payment().id() == 1).findFirst().orElseThrow();
        PaymentOutcome second = out.stream().filter(o -> o.payment().id() == 2).findFirst().orElseThrow();
        PaymentOutcome other = out.stream().filter(o -> o.payment().id() == 3).findFirst().orElseThrow();
        assertTrue(first.success());
        assertEquals(2, first.attempts());
        assertEquals(61_000, first.feeMsat());
        assertTrue(second.success());
        assertEquals(1, second.attempts());
        assertEquals(61_000, second.feeMsat());
        assertTrue(other.success());
        assertEquals(2, other.attempts());
        // routing state: only the senders hold mission control. S observed 4 pairs: 8 pair slots × 44 + 8 node
        // slots × 8 = 416 bytes; T observed 5 (T→A, A→R failed, then T→A→S→B→R): the pair table doubles, 16 × 44 +
        // 8 × 8 = 768
        assertEquals(416, lnd.report().stateBytes(S));
        assertEquals(768, lnd.report().stateBytes(T));
        assertEquals(5, lnd.historyOrNull(T).pairs());
        assertEquals(0, lnd.report().stateBytes(A));
        assertEquals(0, lnd.report().stateBytes(R));
        // S learnt the failure at A and the successes along B (the completing attempt, at its next search/finish)
        PairHistory h = lnd.historyOrNull(S);
        assertEquals(60_000_000, h.failAmt(h.slot(A, R)));
        assertEquals(60_000_000, h.successAmt(h.slot(B, R)));
        assertEquals(4, h.pairs()); // S→A, A→R, S→B, B→R
    }
}
