package org.lnsim.protocols.cloth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** CLoTH's node-pair results and the probabilities read from them (src/htlc.c, src/routing.c at e0e4043). */
class ClothMemoryTest {
    private static final long MIN = 60_000_000L;
    private static final long T0 = 100_000_000L; // 100 s

    /**
     * CLoTH's "1 hour" half-life: millisec_to_hour(24 min = 1,440,000 ms) = 1,440,000 / 1000 / 60 / 24 = 1.0, so a
     * 24-minute-old failure weighs 2^−1 = 0.5 (an hour-old one 2^−2.5 = 0.1768). With penalty_half_life_s 3,600 (the
     * hour CLoTH meant) 24 min weigh 2^−0.4 = 0.7579 and an hour 0.5.
     */
    @Test
    void theHalfLifeIsTwentyFourMinutes() {
        ClothMemory cloth = new ClothMemory(ClothSettings.DEFAULT.halfLifeS());
        assertEquals(0.5, cloth.weight(24 * MIN), 0);
        assertEquals(Math.pow(2, -2.5), cloth.weight(60 * MIN), 1e-15);
        assertEquals(1.0, cloth.weight(0), 0);
        ClothMemory hour = new ClothMemory(3_600);
        assertEquals(Math.pow(2, -0.4), hour.weight(24 * MIN), 1e-15);
        assertEquals(0.5, hour.weight(60 * MIN), 1e-15);
    }

    /**
     * Sender S (node 0) learnt, at T0, that A (1) → R (2) carried 10,000,000 msat and A → X (3) failed at 5,000,000.
     * 24 min later, for 8,000,000 msat: A's node probability = (0.6·1 + 0.95) / (1 + 1 + 0.5) = 1.55 / 2.5 = 0.62
     * (the a-priori 0.6 with weight 1/(1−0.5)−1 = 1; the success above the amount adds 0.95 with weight 1; the failure
     * at or below it adds weight 0.5 and nothing to the sum). A → X, which failed: 0.62 × (1 − 0.5) = 0.31; A → R
     * (never failed) and A → Y (unknown): 0.62. For 12,000,000 msat the success is below the amount and counts
     * nothing: (0.6) / (1 + 0.5) = 0.4. Nothing known of B (4): 0.6. S's own channel S → A: 0.95, whatever it knows of A.
     */
    @Test
    void nodeAndPairProbabilitiesByHand() {
        ClothMemory m = new ClothMemory(ClothSettings.DEFAULT.halfLifeS());
        m.success(1, 2, 10_000_000, T0);
        m.fail(1, 3, 5_000_000, T0);
        long t = T0 + 24 * MIN;
        assertEquals(0.62, m.probability(0, 1, 5, 8_000_000, t), 1e-15);
        assertEquals(0.31, m.probability(0, 1, 3, 8_000_000, t), 1e-15);
        assertEquals(0.62, m.probability(0, 1, 2, 8_000_000, t), 1e-15);
        assertEquals(0.4, m.probability(0, 1, 5, 12_000_000, t), 1e-15);
        assertEquals(0.6, m.probability(0, 4, 1, 8_000_000, t), 0);
        assertEquals(0.95, m.probability(0, 0, 1, 8_000_000, t), 0);
        // the pair's own probability ignores the amount (CLoTH passes MAXMILLISATOSHI): even 1 msat on A → X
        assertEquals(m.probability(0, 1, 5, 1, t) * 0.5, m.probability(0, 1, 3, 1, t), 1e-15);
        assertEquals(2, m.pairs());
        assertEquals(2 * ClothMemory.BYTES_PER_PAIR, m.bytes());
    }

    /**
     * set_node_pair_result_fail ignores a failure at a larger amount within 60 s of the pair's last one (6,000,000
     * after 5,000,000, 30 s later), keeps a smaller one (4,000,000); a success above the failure amount moves the
     * failure amount to the success's + 1 (7,000,001); a failure at or below a success lowers the success to the
     * failure − 1. A pair that never failed has fail time 0: a failure in the run's first minute is "within 60 s" of
     * it and, being larger than its fail amount 0, ignored.
     */
    @Test
    void failureAndSuccessUpdatesFollowCloth() {
        ClothMemory m = new ClothMemory(ClothSettings.DEFAULT.halfLifeS());
        m.fail(1, 3, 5_000_000, T0);
        m.fail(1, 3, 6_000_000, T0 + 30_000_000);
        assertEquals(5_000_000, m.failAmt(1, 3));
        m.fail(1, 3, 4_000_000, T0 + 31_000_000);
        assertEquals(4_000_000, m.failAmt(1, 3));
        m.success(1, 3, 7_000_000, T0 + 32_000_000);
        assertEquals(7_000_001, m.failAmt(1, 3));
        assertEquals(7_000_000, m.successAmt(1, 3));
        m.success(1, 2, 10_000_000, T0);
        m.fail(1, 2, 9_000_000, T0 + 1);           // never failed, but T0 + 1 µs ≥ 60 s after time 0: kept
        assertEquals(8_999_999, m.successAmt(1, 2));
        m.success(5, 6, 1_000, 1_000);
        m.fail(5, 6, 2_000, 2_000_000);            // 2 s into the run: "within 60 s" of fail time 0, ignored
        assertEquals(0, m.failAmt(5, 6));
        m.fail(5, 6, 0, 3_000_000);                // an offline node (amount 0) is not larger: kept, success reset
        assertEquals(0, m.successAmt(5, 6));
    }

    /**
     * The search's bound: S (0) succeeded over its own hop S → A and failed over A → X (1 → 3) and B → R (4 → 2);
     * A → R (1 → 2) carried 10,000,000 msat. Known (read through the memory): S, A, B. Likely (a hop above 0.6
     * possible): A only, by its success; S is the sender (its own hops are 0.95 anyway, bounded apart), B only
     * failed: (0.6) / (1 + w) ≤ 0.6. Without A's success nothing is likely. With it, A → R for 4,000,000 msat (below
     * A's failure at 5,000,000, which then counts nothing): (0.6 + 0.95) / (1 + 1) = 0.775, above 0.6, and A's bound
     * is that, (0.6 + 0.95·1) / (1 + 1) for its one pair that carried an amount, widened by 10⁻¹².
     */
    @Test
    void markTellsTheSearchWhichNodesMayBeAboveTheApriori() {
        ClothMemory m = new ClothMemory(ClothSettings.DEFAULT.halfLifeS());
        m.success(0, 1, 5_000_000, T0);
        m.fail(1, 3, 5_000_000, T0);
        m.fail(4, 2, 1_000_000, T0);
        int[] known = new int[6];
        int[] likely = new int[6];
        double[] likelyP = new double[6];
        assertEquals(0, m.mark(0, known, likely, likelyP, 7));
        assertArrayEquals(new int[] {7, 7, 0, 0, 7, 0}, known);
        assertArrayEquals(new int[6], likely);
        assertTrue(m.probability(0, 4, 2, 1_000_000, T0 + MIN) <= ClothMemory.APRIORI_HOP_PROBABILITY);
        m.success(1, 2, 10_000_000, T0);
        double bound = (0.6 + 0.95) / 2 * (1 + 1e-12); // one pair of A's carried an amount
        assertEquals(bound, m.mark(0, known, likely, likelyP, 8), 0);
        assertArrayEquals(new int[] {8, 8, 0, 0, 8, 0}, known);
        assertArrayEquals(new int[] {0, 8, 0, 0, 0, 0}, likely);
        assertEquals(bound, likelyP[1], 0);
        assertEquals(0.775, m.probability(0, 1, 2, 4_000_000, T0 + MIN), 1e-12);
    }
}
