package org.lnsim.protocols.lnd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** lnd v0.18.5-beta's apriori estimator, hand-worked. */
class AprioriTest {
    private static final long HOUR = 3_600_000_000L;
    private static final int U = 1;
    private static final int X = 2;
    private static final int Y = 3;
    private static final int Z = 4;

    /**
     * capacityFactor = 1 − 0.5 / (1 + e^(−(amt − f·c)/(0.025·c))). At amt = f·c the exponent is 0: 1 − 0.5/2 = 0.75.
     * At amt = c with f = 0.9999: e^(−0.0001/0.025) = e^(−0.004) = 0.996008, 1 − 0.5/1.996008 = 0.749500. Above the
     * capacity 0; fraction 1 or capacity 0: 1.
     */
    /**
     * The shortcut above exponent 40 gives exactly the formula's double: swept over amounts whose exponent runs from
     * 30 to 45 on a 1,000,000-msat channel at f = 0.9999 (exponent = (f·c − amt)/(0.025·c), so amt = 999,900 − 25,000
     * × x), the full formula and {@code capacityFactor} agree bit for bit.
     */
    @Test
    void saturatedCapacityFactorIsBitIdentical() {
        long cap = 1_000_000_000L;
        for (double x = 30; x <= 45; x += 0.01) {
            long amt = (long) (0.9999 * cap - 0.025 * cap * x);
            double e = -(amt - 0.9999 * cap) / (0.025 * cap);
            double full = 1 - 0.5 / (1 + Math.exp(e));
            assertEquals(Double.doubleToLongBits(full),
                    Double.doubleToLongBits(Apriori.capacityFactor(amt, cap, 0.9999)), "amount " + amt);
        }
    }

    @Test
    void capacityFactorByHand() {
        assertEquals(0.75, Apriori.capacityFactor(750_000, 1_000_000, 0.75), 1e-12);
        assertEquals(0.749500, Apriori.capacityFactor(1_000_000, 1_000_000, 0.9999), 1e-6);
        assertEquals(0, Apriori.capacityFactor(1_000_001, 1_000_000, 0.9999));
        assertEquals(1, Apriori.capacityFactor(1_000_000, 1_000_000, 1.0));
        assertEquals(1, Apriori.capacityFactor(5, 0, 0.9999));
    }

    /**
     * No history: 0.6 × capacity factor. 10,000 msat of 1,000,000,000: e^(−(0.00001 − 0.9999)/0.025) = e^39.6, so
     * the factor is 1 to double precision: 0.6. At the full capacity 0.6 × 0.749500 = 0.449700.
     */
    @Test
    void untriedPairIsTheAprioriValue() {
        Apriori a = Apriori.DEFAULT;
        assertEquals(0.6, a.pair(null, 0, U, Z, 10_000, 1_000_000_000), 1e-12);
        assertEquals(0.449700, a.pair(new PairHistory(), 0, U, Z, 1_000_000_000, 1_000_000_000), 1e-6);
    }

    /**
     * History of U: U→X succeeded with 10,000 msat; U→Y failed at 5,000 msat one hour (one half-life) ago. Capacity
     * unknown (factor 1), apriori weight 0.5: the a priori value counts 1/(1 − 0.5) − 1 = 1.
     * <ul>
     *   <li>U→Z, 8,000 msat: node = (0.6·1 + 0.95·1 + 0·2^(−1)) / (1 + 1 + 0.5) = 1.55 / 2.5 = 0.62; no pair
     *       result: 0.62.</li>
     *   <li>U→Y, 8,000 msat: failed at ≤ 8,000, so 0.62 × (1 − 2^(−1)) = 0.31.</li>
     *   <li>U→X, 8,000 msat: 8,000 ≤ 10,000 succeeded: 0.95.</li>
     *   <li>U→Y, 4,000 msat: below the failure amount, which then does not count for the node either:
     *       (0.6 + 0.95) / 2 = 0.775.</li>
     *   <li>Two hours after the failure: node = 1.55 / (2 + 0.25) = 0.688889; U→Y 8,000 msat: 0.688889 × 0.75 =
     *       0.516667.</li>
     * </ul>
     */
    @Test
    void historyCombinesNodeAndPairResults() {
        PairHistory h = new PairHistory();
        h.recordSuccess(U, X, 10_000, 0);
        h.recordFailure(U, Y, 5_000, 0, 60_000_000);
        Apriori a = Apriori.DEFAULT;
        assertEquals(0.62, a.pair(h, HOUR, U, Z, 8_000, 0), 1e-12);
        assertEquals(0.31, a.pair(h, HOUR, U, Y, 8_000, 0), 1e-12);
        assertEquals(0.95, a.pair(h, HOUR, U, X, 8_000, 0), 1e-12);
        assertEquals(0.775, a.pair(h, HOUR, U, Y, 4_000, 0), 1e-12);
        assertEquals(1.55 / 2.25, a.pair(h, 2 * HOUR, U, Z, 8_000, 0), 1e-12);
        assertEquals(1.55 / 2.25 * 0.75, a.pair(h, 2 * HOUR, U, Y, 8_000, 0), 1e-12);
        // a pair of another from-node knows nothing of U's results
        assertEquals(0.6, a.pair(h, HOUR, X, U, 8_000, 0), 1e-12);
    }

    /**
     * The sender's own channel: node probability 0.95 for any amount; after an amount-independent failure (amt 0)
     * half a half-life ago: 0.95 × (1 − 2^(−0.5)) = 0.95 × 0.292893 = 0.278249.
     */
    @Test
    void localChannelsStartAtPrevSuccess() {
        PairHistory h = new PairHistory();
        assertEquals(0.95, Apriori.DEFAULT.local(h, 0, U, X), 1e-12);
        h.recordFailure(U, X, 0, 0, 0);
        assertEquals(0.95 * (1 - Math.pow(2, -0.5)), Apriori.DEFAULT.local(h, HOUR / 2, U, X), 1e-12);
    }

    @Test
    void refusesParametersOutsideTheirRanges() {
        assertThrows(IllegalArgumentException.class, () -> new Apriori(0, 0.5, HOUR, 0.9999));
        assertThrows(IllegalArgumentException.class, () -> new Apriori(1.1, 0.5, HOUR, 0.9999));
        assertThrows(IllegalArgumentException.class, () -> new Apriori(0.6, 0.5, -1, 0.9999));
        assertThrows(IllegalArgumentException.class, () -> new Apriori(0.6, 0.5, HOUR, 0.5));
    }
}
