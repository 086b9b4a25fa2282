package org.lnsim.protocols.ldk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lnsim.protocols.testing.SmallNets.A;
import static org.lnsim.protocols.testing.SmallNets.B;
import static org.lnsim.protocols.testing.SmallNets.R;
import static org.lnsim.protocols.testing.SmallNets.S;
import static org.lnsim.protocols.testing.SmallNets.T;

import org.junit.jupiter.api.Test;
import org.lnsim.engine.payment.PaymentOutcome;
import org.lnsim.engine.payment.PaymentRequest;
import org.lnsim.engine.testing.EngineRun;
import org.lnsim.network.ChannelGraph;
import org.lnsim.protocols.testing.SmallNets;

/**
 * {@code ldk} on the engine: learning across a sender's payments, MPP, and its routing state, on the diamond the lnd
 * tests use ({@link SmallNets#diamond}: A→R 1 ppm and 100,000 sat, so A can send 50,000; B→R base 1,000, 1,000 ppm).
 */
class LdkRoutingTest {
    /** LDK's defaults, single-path, without the saturation limit: so that the first route is the cheapest one. */
    private static LdkSettings singlePathUnsaturated() {
        return singlePathUnsaturated(LdkSettings.DEFAULT.retryTimeoutUs(), LdkSettings.DEFAULT.retryAttempts());
    }

    private static LdkSettings singlePathUnsaturated(long retryTimeoutUs, int retryAttempts) {
        LdkSettings d = LdkSettings.DEFAULT;
        return new LdkSettings(d.basePenaltyMsat(), d.basePenaltyAmountMultiplierMsat(),
                d.liquidityPenaltyMultiplierMsat(), d.liquidityPenaltyAmountMultiplierMsat(),
                d.historicalLiquidityPenaltyMultiplierMsat(), d.historicalLiquidityPenaltyAmountMultiplierMsat(),
                d.antiProbingPenaltyMsat(), d.consideredImpossiblePenaltyMsat(), d.linearSuccessProbability(),
                d.liquidityOffsetHalfLifeUs(), d.historicalNoUpdatesHalfLifeUs(), d.timePassedIntervalUs(),
                d.maxTotalCltvExpiryDelta(), 1, d.maxPathLength(), 0, d.finalCltv(), retryTimeoutUs, retryAttempts);
    }

    /**
     * 60,000,000 msat S→R at t = 0. Via A: fee 60 msat, A→R's penalty (no history, 100,000-sat channel) 8,348 base
     * + 250 anti-probing + 35,348 historical (P = 241,591,842 / 654,311,425, −log₁₀ × 2048 = 888) = 43,946: cost
     * 44,006. Via B: 61,000 msat of fees + 23,644 = 84,644. S tries A, which holds only 50,000 sat:
     * temporary_channel_failure at A. The scorer: S–A forwarded (min 60 M), A→R at most 60 M, so 60 M over A→R is
     * "impossible" (+1 BTC) and the retry goes via B (2 attempts, fee 61,000).
     *
     * <p>The same payment 10 minutes later (two 5-min ticks): A→R's max offset 40 M decays by 0.5^(10/30) to ≈ 31.7 M,
     * upper bound ≈ 68.3 M, no longer impossible; but its history holds the failure (min bucket 0, max offset 40 M at
     * position 6,553, bucket 15, upper end 8,191 < the amount's position 9,830): historical P = 0, −log₁₀ capped at
     * 2 → 20,000 + 4096 × 1,250 × 6·10⁷ / 2048 / 2²⁰ = 143,051, so via A costs ≈ 171,700 against ≈ 70,000 via B
     * (whose history holds the success): S pays via B at once. T, whose scorer is its own, still tries T→A→R first,
     * then T→A→S→B→R (2 attempts).
     */
    @Test
    void aSenderAvoidsAChannelThatJustFailedForThatAmount() {
        ChannelGraph g = SmallNets.diamond(1000); // B→R base 1,000 msat
        LdkRouting ldk = new LdkRouting(g, singlePathUnsaturated());
        PaymentOutcome[] round = SmallNets.learningRound(g, ldk);
        SmallNets.assertLearnt(round, 61_000);
        // S's scorer learnt A→R's upper bound (decayed twice at payment 2, then no record was touched) and S–B, B→R
        LdkScorer s = ldk.senderOrNull(S).scorer;
        int ar = 2 * 1; // channel 1 (A–R), direction from A (node one)
        assertTrue(s.maxLiquidityMsat(ar, 100_000_000L) < 70_000_000L);
        assertEquals(4, s.channels());
        // routing state: only the senders hold a scorer. S: 4 channels, 8 slots × 172 + 16 = 1,392, plus its
        // in-flight map, 16 slots × 12 = 192; T observed 5 channels (T–A, A–R, A–S, S–B, B–R): 16 slots, 2,768 + 192
        assertEquals(1_392 + 192, ldk.report().stateBytes(S));
        assertEquals(2_768 + 192, ldk.report().stateBytes(T));
        assertEquals(0, ldk.report().stateBytes(A));
        assertEquals(0, ldk.report().stateBytes(R));
    }

    /**
     * The retry strategy: the first payment above fails at A after 200 ms (offer S→A, fail back; 100 ms each). With
     * {@code Retry::Attempts(0)} it is not retried (1 attempt, failed); with {@code Retry::Timeout} of 0.1 s it is
     * older than that when the failure arrives (failed); with 1 retry or the default 2 s it goes via B.
     */
    @Test
    void retriesFollowTheRetryStrategy() {
        long[][] cases = {{2_000_000, 0}, {100_000, -1}, {2_000_000, 1}, {2_000_000, -1}};
        boolean[] success = {false, false, true, true};
        int[] attempts = {1, 1, 2, 2};
        for (int i = 0; i < cases.length; i++) {
            ChannelGraph g = SmallNets.diamond(1000); // B→R base 1,000 msat
            LdkRouting ldk = new LdkRouting(g, singlePathUnsaturated(cases[i][0], (int) cases[i][1]));
            PaymentOutcome o = EngineRun.of(g, ldk).run(new PaymentRequest(1, S, R, 60_000_000, 0)).outcome();
            assertEquals(success[i], o.success(), "case " + i);
            assertEquals(attempts[i], o.attempts(), "case " + i);
        }
    }

    /**
     * With LDK's defaults (MPP, up to 10 paths) a payment no single path can carry still succeeds: S–A–R and S–B–R
     * of 40,000 sat each (each side holds 20,000 sat), 30,000 sat to pay. Parts are sent as basic MPP; failures are
     * re-routed with what the scorer learnt.
     */
    @Test
    void mppPaysWhatNoSinglePathCarries() {
        ChannelGraph g = LdkRouterTest.diamond(40_000, 40_000);
        LdkRouting ldk = new LdkRouting(g, LdkSettings.DEFAULT);
        PaymentOutcome o = EngineRun.of(g, ldk).run(new PaymentRequest(1, 0, 3, 30_000_000, 0)).outcome();
        assertTrue(o.success(), o.toString());
        assertTrue(o.attempts() >= 2, "attempts " + o.attempts());
    }
}
