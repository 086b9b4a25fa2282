package org.lnsim.protocols.ldk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** rust-lightning v0.2.5's {@code ProbabilisticScorer} formulas, hand-worked. */
class LdkScorerTest {
    private static final long C = 1_000_000_000L; // 1,000,000 sat in msat

    /**
     * Non-linear model, F(y) = y⁹ + y/256 with y = x − ½: bounds [0.2 C, 0.8 C].
     * Amount 0.5 C: F(0.3) = 0.3⁹ + 0.3/256 = 0.000019683 + 0.001171875 = 0.001191558, F(0) = 0, F(−0.3) = −F(0.3):
     * P = (F(0.3) − F(0)) / (F(0.3) − F(−0.3)) = 1/2. Amount 0.3 C: F(−0.2) = −0.000000512 − 0.00078125 =
     * −0.000781762, P = (0.001191558 + 0.000781762) / 0.002383116 = 0.001973320 / 0.002383116 = 0.82804.
     * As integers (× 2³⁶, truncated, + 1): 0.5 → 81,883,243 / 163,766,485, whose −log₁₀ × 2048 by LDK's table is
     * log(163,766,485) − log(81,883,243) = 617 (exact: 0.30103 × 2048 = 616.5); 0.828 → 176 (exact 0.08195 × 2048 =
     * 167.8: the table's 64 sub-steps per power of two).
     */
    @Test
    void nonlinearSuccessProbability() {
        long min = 200_000_000L;
        long max = 800_000_000L;
        double p = LdkScorer.nonlinearNumerator(500_000_000L, max, C) / LdkScorer.nonlinearDenominator(min, max, C,
                false);
        assertEquals(0.5, p, 1e-12);
        p = LdkScorer.nonlinearNumerator(300_000_000L, max, C) / LdkScorer.nonlinearDenominator(min, max, C, false);
        assertEquals(0.828042, p, 1e-6);
        assertEquals(617, LdkScorer.negativeLog10Times2048(false, 500_000_000L, min, max, C, false, false));
        assertEquals(176, LdkScorer.negativeLog10Times2048(false, 300_000_000L, min, max, C, false, false));
        // with no success seen (min 0, historical model): denominator × 78/64
        double plain = LdkScorer.nonlinearDenominator(0, C, C, false);
        assertEquals(plain * 78 / 64, LdkScorer.nonlinearDenominator(0, C, C, true), 1e-15);
    }

    /**
     * Linear model: bounds [200,000,000, 800,000,000], amount 500,000,000: (800 M − 500 M) / (600 M + 1) =
     * 0.4999992; without success (min 0, max C, amount 0.1 C, historical model): 900,000,000 / ((C + 1) × 78 / 64)
     * = 900,000,000 / 1,218,750,001 = 0.73846, −log₁₀ × 2048 = 264 by the table (exact 270.8).
     */
    @Test
    void linearSuccessProbability() {
        assertEquals(300_000_000.0 / 600_000_001.0,
                LdkScorer.successRatio(true, 500_000_000L, 200_000_000L, 800_000_000L, C, false), 1e-15);
        assertEquals(264, LdkScorer.negativeLog10Times2048(true, 100_000_000L, 0, C, C, true, false));
    }

    /**
     * The default penalty at a = 100,000,000 msat over an unknown channel of C = 1,000,000,000 msat whose
     * htlc_maximum is the capacity: base 1,024 + 131,072 × 10⁸ / 2³⁰ = 1,024 + 12,207 = 13,231; anti-probing 250
     * (htlc_maximum ≥ C/2); historical, no data: non-linear P over [0, C] with the 78/64 scaling:
     * F(0.5) − F(−0.4) = 0.00390625 + 0.000262144 + 0.0015625 = 0.005730894 over 0.0078125 × 78/64 = 0.009521484,
     * as integers 393,824,037 / 654,311,425, −log₁₀ × 2048 = 460 (table); 460 × 10,000 / 2048 = 2,246 plus
     * 460 × 1,250 × 10⁸ / 2048 / 2²⁰ = 26,775 → 29,021. Total 13,231 + 250 + 29,021 = 42,502 msat. The live
     * multipliers are 0 by default. An amount at the capacity adds 1 BTC (considered impossible) and the largest
     * historical penalty.
     */
    @Test
    void penaltyAtAKnownPoint() {
        LdkScorer s = new LdkScorer(LdkSettings.DEFAULT);
        assertEquals(42_502, s.penaltyMsat(0, 100_000_000L, 0, C, C));
        // htlc_maximum below C/2: no anti-probing penalty
        assertEquals(42_252, s.penaltyMsat(0, 100_000_000L, 0, C, C / 2 - 1));
        // combined_penalty_msat at the cap (−log₁₀ P = 2): 4096 × 10,000 / 2048 + 4096 × 1,250 × C / 2048 / 2²⁰
        long cap = 20_000 + 4096L * 1250 * C / 2048 / (1 << 20);
        long base = 1024 + 131_072L * C / (1L << 30);
        assertEquals(base + 250 + 100_000_000_000L + cap, s.penaltyMsat(0, C, 0, C, C));
    }

    /**
     * A path of three hops (channels 0, 1, 2; the middle one used in direction 1, node two → node one) fails at hop
     * 1 for 300,000,000: hop 0 forwarded it (min 300 M, so its reverse holds at most C − 300 M = 700 M), hop 1 could
     * not (max 300 M, its reverse at least 700 M), hop 2 learns nothing. Then hop 0 carries 100,000,000: its upper
     * bound C becomes C − 100 M = 900 M, the lower bound stays.
     */
    @Test
    void boundsAfterAFailureAndASuccess() {
        LdkScorer s = new LdkScorer(LdkSettings.DEFAULT);
        int[] path = {0, 3, 4};
        long[] caps = {C, C, C};
        s.pathFailed(path, caps, 300_000_000L, 1, 0);
        assertEquals(300_000_000L, s.minLiquidityMsat(0));
        assertEquals(C, s.maxLiquidityMsat(0, C));
        assertEquals(700_000_000L, s.maxLiquidityMsat(1, C));
        assertEquals(300_000_000L, s.maxLiquidityMsat(3, C));
        assertEquals(0, s.minLiquidityMsat(3));
        assertEquals(700_000_000L, s.minLiquidityMsat(2));
        assertEquals(-1, s.slot(2));
        assertEquals(2, s.channels());
        s.pathSucceeded(new int[] {0}, new long[] {C}, 100_000_000L, 60_000_000L);
        assertEquals(900_000_000L, s.maxLiquidityMsat(0, C));
        assertEquals(300_000_000L, s.minLiquidityMsat(0));
    }

    /**
     * After one half-life (30 min) both offsets halve: min 300 M → 150 M, max offset 100 M → 50 M (upper bound
     * 950 M). time_passed runs at 5-min ticks: at 29 min the last tick was 25 min: 300 M × 0.5^(25/30) = 168,369,307.
     */
    @Test
    void boundsDecayWithTheHalfLife() {
        LdkScorer s = new LdkScorer(LdkSettings.DEFAULT);
        s.pathFailed(new int[] {0}, new long[] {C}, 300_000_000L, -1, 0); // min 300 M
        s.pathFailed(new int[] {0}, new long[] {C}, 900_000_000L, 0, 0);  // max 900 M: offset 100 M
        assertEquals(900_000_000L, s.maxLiquidityMsat(0, C));
        s.advance(29 * 60_000_000L);
        assertEquals(168_369_307L, s.minLiquidityMsat(0));
        LdkScorer t = new LdkScorer(LdkSettings.DEFAULT);
        t.pathFailed(new int[] {0}, new long[] {C}, 300_000_000L, -1, 0);
        t.pathFailed(new int[] {0}, new long[] {C}, 900_000_000L, 0, 0);
        t.advance(30 * 60_000_000L);
        assertEquals(150_000_000L, t.minLiquidityMsat(0));
        assertEquals(950_000_000L, t.maxLiquidityMsat(0, C));
    }

    /**
     * History buckets: a channel of 1,000,000 msat fails at 250,000. The datapoint is the bounds after it: min offset
     * 0 → position 0, bucket 0; max offset 750,000 → position 750,000 × 16384 / 1,000,001 = 12,287, bucket 17
     * ([10240, 12288)); each gets 32 (one point). Valid points: (32 · 32)² = 32⁴, exactly one full point.
     * Success of 100,000 (position 1,638): min bucket 0 pairs with the highest full max bucket, 17, whose upper end
     * is BUCKET_START_POS[32 − 17] − 1 = 6,143; P = non-linear over [0, 6143] of 16,383 with the 78/64 scaling =
     * 0.0013363858 / 0.0041654587 = 0.3208256 → × 2³⁰ = 344,483,872. Penalty: −log₁₀ × 2048 of
     * 344,483,873 / 2³⁰ = 1,012 → 1,012 × 10,000 / 2048 = 4,941 + 1,012 × 1,250 × 100,000 / 2048 / 2²⁰ = 58 →
     * 4,999; with base 1,024 + 131,072 × 100,000 / 2³⁰ = 1,036 and anti-probing 250: 6,285.
     */
    @Test
    void historicalBucketsOnASmallExample() {
        LdkScorer s = new LdkScorer(LdkSettings.DEFAULT);
        long cap = 1_000_000L;
        s.pathFailed(new int[] {0}, new long[] {cap}, 250_000L, 0, 0);
        assertEquals(32, s.minBucket(0, 0));
        assertEquals(32, s.maxBucket(0, 17));
        assertEquals(17, LdkScorer.posToBucket(12_287));
        // the reverse direction reads the same record with the histories swapped
        assertEquals(32, s.minBucket(1, 17));
        char[] bk = new char[64];
        bk[0] = 32;
        bk[32 + 17] = 32;
        assertEquals(344_483_872L, LdkScorer.historicalSuccessTimesBillion(false, bk, 0, 32, 32.0 * 32 * 32 * 32,
                100_000L, cap));
        assertEquals(6_285, s.penaltyMsat(0, 100_000L, 0, cap, cap));
        // less than one full point: no history (LDK's None)
        assertEquals(-1, LdkScorer.historicalSuccessTimesBillion(false, bk, 0, 32, 32.0 * 32 * 32 * 31, 100_000L,
                cap));
    }

    /**
     * Memory grows with the channels a sender observed: 8 slots (172 bytes each + 16) hold up to 4 channels; the 5th
     * doubles the table to 16. A record whose offsets decay to 0 stays while it has history datapoints.
     */
    @Test
    void memoryGrowsWithObservedChannelsOnly() {
        LdkScorer s = new LdkScorer(LdkSettings.DEFAULT);
        assertEquals(8 * 172 + 16, s.bytes());
        s.pathFailed(new int[] {0, 2, 4, 6}, new long[] {C, C, C, C}, 1_000L, 3, 0);
        assertEquals(4, s.channels());
        assertEquals(8 * 172 + 16, s.bytes());
        s.pathFailed(new int[] {8}, new long[] {C}, 1_000L, 0, 0);
        assertEquals(16 * 172 + 16, s.bytes());
        s.advance(86_400_000_000L); // a day: offsets decayed to 0, history kept
        assertEquals(5, s.channels());
        assertTrue(s.minLiquidityMsat(0) == 0 && s.maxLiquidityMsat(6, C) == C);
    }

    /**
     * LDK's log table: 2 → 617 (log₁₀ 2 × 2048 = 616.5), 96 (msb 6, index 32) → 4060 (4059.8); 1000 (msb 9) reads the entry of x = 1000 exactly (6144);
     * below 64 the index is x's own low bits, so x = 10 reads the entry made for 9 (1954, not 2048) and x = 3 the one
     * for 2 (617): LDK's own
     * imprecision, kept.
     */
    @Test
    void logTable() {
        assertEquals(617, LogApprox.log10Times2048(2));
        assertEquals(617, LogApprox.log10Times2048(3));
        assertEquals(4060, LogApprox.log10Times2048(96));
        assertEquals(1954, LogApprox.log10Times2048(10));
        assertEquals(0, LogApprox.negativeLog10Times2048(7, 7));
        assertEquals(6144, LogApprox.log10Times2048(1000));
    }
}
