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

/** {@code lnd.bimodal} on the engine: learning across a sender's payments with the bimodal estimator. */
class LndBimodalRoutingTest {
    /**
     * 60,000,000 msat S→R at t = 0, defaults (s = 300,000,000 msat). The sender's own channels count 1. Attempt cost
     * 100,000 + 60,000 = 160,000 msat. A→R, c = 100,000,000 msat (c/s = 1/3, a/s = 0.2):
     * (1 − e^(−1/3) + e^(−0.2) − e^(−2/15)) / (2 − 2e^(−1/3)) = (1 − 0.716531 + 0.818731 − 0.875173) / 0.566938
     * = 0.400441: distance ≈ 60 + 160,000 / 0.400441 ≈ 400 k. B→R, c = 10⁹ msat: (1 − 0.035674 + 0.818731
     * − 0.043566) / 1.928652 = 0.901920, fee 1,000,000 + 60,000: ≈ 1,060,000 + 177,400 ≈ 1.24 M. So A first, which
     * holds only 50,000 sat: temporary_channel_failure at A; A→R's failure bound is 60,000,000 now, so its
     * probability for 60,000,000 is 0 and the retry goes via B: 2 attempts, fee 1,060,000 msat.
     *
     * <p>The same payment 10 minutes later: A→R's bound has decayed by e^(−600/604,800) = 0.999008 only, to
     * 10⁸ − 4·10⁷·0.999008 = 60,039,674 msat, so 60,000,000 msat lies in the last 39,674 msat below it: probability
     * ≈ 0.0006 (its own result is younger than the decay time, so the node weight plays no part), below the minimum
     * route probability 0.01. Via B, whose pair carried 60,000,000 msat 10 minutes ago, ≈ 1: 1 attempt. T, whose
     * mission control is its own, still tries T→A→R first, then T→A→S→B→R (2 attempts).
     */
    @Test
    void aSenderAvoidsAPairWhoseFailureBoundIsFresh() {
        ChannelGraph g = SmallNets.diamond(1_000_000); // B→R base 1,000 sat
        LndSettings bimodal = LndSettings.DEFAULT.withEstimator(Bimodal.DEFAULT);
        LndRouting lnd = new LndRouting(g, bimodal);
        assertEquals("lnd.bimodal", lnd.name());
        PaymentOutcome[] round = SmallNets.learningRound(g, lnd);
        SmallNets.assertLearnt(round, 1_060_000);
        assertEquals(1_060_000, round[2].feeMsat());
        PairHistory h = lnd.historyOrNull(S);
        assertEquals(60_000_000, h.failAmt(h.slot(A, R)));
        assertEquals(60_000_000, h.successAmt(h.slot(B, R)));
        assertEquals(4, h.pairs()); // S→A, A→R, S→B, B→R
        assertEquals(5, lnd.historyOrNull(T).pairs());
    }
}
