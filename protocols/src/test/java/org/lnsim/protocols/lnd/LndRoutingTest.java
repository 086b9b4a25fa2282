package org.lnsim.protocols.lnd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lnsim.protocols.testing.SmallNets.A;
import static org.lnsim.protocols.testing.SmallNets.B;
import static org.lnsim.protocols.testing.SmallNets.R;
import static org.lnsim.protocols.testing.SmallNets.S;
import static org.lnsim.protocols.testing.SmallNets.T;

import org.junit.jupiter.api.Test;
import org.lnsim.engine.payment.PaymentOutcome;
import org.lnsim.network.ChannelGraph;
import org.lnsim.protocols.testing.SmallNets;

/** {@code lnd} on the engine: learning across a sender's payments, and its routing state. */
class LndRoutingTest {
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
        ChannelGraph g = SmallNets.diamond(1000); // B→R base 1,000 msat
        LndRouting lnd = new LndRouting(g, LndSettings.DEFAULT);
        PaymentOutcome[] round = SmallNets.learningRound(g, lnd);
        SmallNets.assertLearnt(round, 61_000);
        // routing state: only the senders hold mission control. S observed 4 pairs: 8 pair slots × 44 + 8 node
        // slots × 8 = 416 bytes; T observed 5 (T→A, A→R failed, then T→A→S→B→R): the pair table doubles, 16 × 44 +
        // 8 × 8 = 768
        assertEquals(416, lnd.report().stateBytes(S));
        assertEquals(768, lnd.report().stateBytes(T));
        assertEquals(5, lnd.historyOrNull(T).pairs());
        assertEquals(0, lnd.report().stateBytes(A));
        assertEquals(0, lnd.report().stateBytes(R));
        // S learnt the failure at A and the successes along B (the completing attempt, when its fulfil came back)
        PairHistory h = lnd.historyOrNull(S);
        assertEquals(60_000_000, h.failAmt(h.slot(A, R)));
        assertEquals(60_000_000, h.successAmt(h.slot(B, R)));
        assertEquals(4, h.pairs()); // S→A, A→R, S→B, B→R
    }
}
