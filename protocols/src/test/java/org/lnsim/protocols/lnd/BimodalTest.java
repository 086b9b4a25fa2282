package org.lnsim.protocols.lnd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * lnd v0.18.5-beta's bimodal estimator ({@code routing/probability_bimodal.go}), hand-worked. Most cases use a scale
 * equal to the capacity, s = c = 1,000,000 msat, so the exponents are simple fractions. The normalised primitive is
 * H(x) = (−e^(−x/s) + e^((x−c)/s)) / (2 − 2e^(−c/s)); with no history P(a) = H(c) − H(a).
 */
class BimodalTest {
    private static final long C = 1_000_000;
    private static final long TAU = 7L * 24 * 3_600 * 1_000_000; // 7 days in µs
    private static final Bimodal UNIT = new Bimodal(C, 0.2, TAU);
    private static final int U = 1;
    private static final int X = 2;
    private static final int Y = 3;
    private static final int Z = 4;

    /** lnd's defaults: 300,000 sat in msat, 0.2, 7 days in µs; the scale's maximum is 2.5 BTC in msat. */
    @Test
    void defaultsAreLnds() {
        assertEquals(300_000_000L, Bimodal.DEFAULT.scaleMsat());
        assertEquals(0.2, Bimodal.DEFAULT.nodeWeight());
        assertEquals(604_800_000_000L, Bimodal.DEFAULT.decayUs());
        assertEquals(250_000_000_000L, Bimodal.SCALE_MAX_MSAT);
    }

    /**
     * No history. s = c, a = c/4: (1 − e^(−1) + e^(−0.25) − e^(−0.75)) / (2 − 2e^(−1))
     * = (1 − 0.367879 + 0.778801 − 0.472367) / 1.264241 = 0.938555 / 1.264241 = 0.742386; a = c/2 gives 0.5 by
     * symmetry. Defaults, c = 1,000,000 sat, a = 100,000 sat (c/s = 10/3, a/s = 1/3):
     * (1 − e^(−10/3) + e^(−1/3) − e^(−3)) / (2 − 2e^(−10/3)) = (1 − 0.035674 + 0.716531 − 0.049787) / 1.928652
     * = 1.631070 / 1.928652 = 0.845705. Amount 0: 1; amount c: 0 (the fail bound is c); above c: 0.
     */
    @Test
    void noHistoryIsTheClosedForm() {
        assertEquals(0.742386, UNIT.pair(null, 0, U, Z, C / 4, C), 1e-6);
        assertEquals(0.5, UNIT.pair(new PairHistory(), 0, U, Z, C / 2, C), 1e-12);
        assertEquals(0.845705, Bimodal.DEFAULT.pair(null, 0, U, Z, 100_000_000, 1_000_000_000), 1e-6);
        assertEquals(1.0, UNIT.pair(null, 0, U, Z, 0, C), 1e-12);
        assertEquals(0.0, UNIT.pair(null, 0, U, Z, C, C));
        assertEquals(0.0, UNIT.pair(null, 0, U, Z, C + 1, C));
    }

    /**
     * A success of 500,000 msat just now: any a ≤ 500,000 is 1 (capped). Above it the mass is renormalised to
     * [500,000, c): with (H(c) − H(a))·norm = 1 − e^(−1) + e^(−a/s) − e^((a−c)/s), a = 750,000 gives
     * 0.632121 + 0.472367 − 0.778801 = 0.325687 and a = 500,000 gives 0.632121: 0.325687 / 0.632121 = 0.515228.
     */
    @Test
    void successBoundsFromBelow() {
        PairHistory h = new PairHistory();
        h.recordSuccess(U, X, 500_000, 0);
        assertEquals(1.0, UNIT.pair(h, 0, U, X, 500_000, C));
        assertEquals(1.0, UNIT.pair(h, 0, U, X, 1, C));
        assertEquals(0.515228, UNIT.pair(h, 0, U, X, 750_000, C), 1e-6);
    }

    /**
     * A failure at 500,000 msat just now: any a ≥ 500,000 is 0. Below it the mass lies in [0, 500,000): with
     * H(x)·norm = −e^(−x/s) + e^((x−c)/s): H(500k) = 0, H(250k) = −0.778801 + 0.472367 = −0.306434,
     * H(0) = −1 + 0.367879 = −0.632121; a = 250,000: 0.306434 / 0.632121 = 0.484772 (the mirror of the success case).
     */
    @Test
    void failureBoundsFromAbove() {
        PairHistory h = new PairHistory();
        h.recordFailure(U, X, 500_000, 0, 0);
        assertEquals(0.0, UNIT.pair(h, 0, U, X, 500_000, C));
        assertEquals(0.0, UNIT.pair(h, 0, U, X, 900_000, C));
        assertEquals(0.484772, UNIT.pair(h, 0, U, X, 250_000, C), 1e-6);
    }

    /**
     * Decay: after τ·ln 2 = 419,215,414,803 µs the factor is e^(−0.69314718…) = 0.49999999999971: a success of
     * 1,000,000 msat bounds 499,999.9999997 → 499,999 msat (truncated as lnd's conversion), a failure at 0 bounds
     * c − 499,999 = 500,001. After τ the factor is e^(−1): 367,879 and 632,121. A success of c = 1,000,000 aged τ,
     * a = 500,000: (1 − e^(−1) + e^(−0.5) − e^(−0.5)) / (1 − e^(−1) + e^(−0.367879) − e^(−0.632121))
     * = 0.632121 / (0.632121 + 0.692201 − 0.531463) = 0.632121 / 0.792859 = 0.797268.
     */
    @Test
    void boundsDecayBackToThePrior() {
        long half = 419_215_414_803L;
        assertEquals(499_999, UNIT.canSend(1_000_000, half, 0));
        assertEquals(500_001, UNIT.cannotSend(0, C, half, 0));
        assertEquals(367_879, UNIT.canSend(1_000_000, TAU, 0));
        assertEquals(632_121, UNIT.cannotSend(0, C, TAU, 0));
        // a fail amount above c is cut to c first: c − (c − c)·e^(−1) = c
        assertEquals(C, UNIT.cannotSend(5 * C, C, TAU, 0));
        PairHistory h = new PairHistory();
        h.recordSuccess(U, X, C, 0);
        assertEquals(1.0, UNIT.pair(h, half, U, X, 499_999, C));
        assertEquals(0.797268, UNIT.pair(h, TAU, U, X, 500_000, C), 1e-6);
    }

    /**
     * Node weight. U→X succeeded (10,000 msat) and U→Y failed (5,000 msat) at 0. U→Z at τ, a = c/4: direct
     * 0.742386, each other result weighs 0.2·e^(−1) = 0.073576: (0.742386 + 0.073576) / (1 + 2·0.073576)
     * = 0.815962 / 1.147152 = 0.711294. U→X's own result younger than τ: the direct probability alone (at τ/2 its
     * success bound is 10,000·e^(−0.5) = 6,065). Node weight 0: direct alone.
     */
    @Test
    void otherPairsOfTheNodeCountWithTheNodeWeight() {
        PairHistory h = new PairHistory();
        h.recordSuccess(U, X, 10_000, 0);
        h.recordFailure(U, Y, 5_000, 0, 0);
        assertEquals(0.711294, UNIT.pair(h, TAU, U, Z, C / 4, C), 1e-6);
        assertEquals(UNIT.probabilityFormula(C, 6_065, C, 20_000), UNIT.pair(h, TAU / 2, U, X, 20_000, C));
        Bimodal alone = new Bimodal(C, 0, TAU);
        assertEquals(0.742386, alone.pair(h, TAU, U, Z, C / 4, C), 1e-6);
    }

    /** Own channels: 1 with no failure; 1 − e^(−1) = 0.632121 a decay time after one; 0 right at it. */
    @Test
    void localChannelsRecoverFromAFailure() {
        PairHistory h = new PairHistory();
        assertEquals(1.0, UNIT.local(h, 0, U, X));
        h.recordFailure(U, X, 5_000, 0, 0);
        assertEquals(0.632121, UNIT.local(h, TAU, U, X), 1e-6);
        assertEquals(0.0, UNIT.local(h, 0, U, X));
    }

    /** lnd's guards: fail ≤ success gives 0; zero capacity 0; bounds above c are cut to it. */
    @Test
    void guards() {
        assertEquals(0.0, UNIT.probabilityFormula(C, 600, 500, 100));
        assertEquals(0.0, UNIT.probabilityFormula(0, 0, 0, 0));
        assertEquals(0.0, UNIT.probabilityFormula(C, 2 * C, 3 * C, C), "both bounds cut to c, then fail ≤ success");
    }

    /** Bad parameters name their key: scale ≤ 0 or above 2.5 BTC, node weight outside [0, 1], decay ≤ 0. */
    @Test
    void refusesBadParameters() {
        assertThrows(IllegalArgumentException.class, () -> new Bimodal(0, 0.2, TAU));
        assertThrows(IllegalArgumentException.class, () -> new Bimodal(-1, 0.2, TAU));
        assertThrows(IllegalArgumentException.class, () -> new Bimodal(Bimodal.SCALE_MAX_MSAT + 1, 0.2, TAU));
        assertThrows(IllegalArgumentException.class, () -> new Bimodal(C, 1.5, TAU));
        assertThrows(IllegalArgumentException.class, () -> new Bimodal(C, -0.1, TAU));
        assertThrows(IllegalArgumentException.class, () -> new Bimodal(C, 0.2, 0));
        assertThrows(IllegalArgumentException.class, () -> new Bimodal(C, 0.2, -1));
    }
}
