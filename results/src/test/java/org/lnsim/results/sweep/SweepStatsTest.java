package org.lnsim.results.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class SweepStatsTest {
    /**
     * 3 of 6: p = 0.5, z² = 3.841459, z²/n = 0.640243; centre (0.5 + 0.320122)/1.640243 = 0.5; half-width
     * 1.959964 · √(0.25/6 + 3.841459/144)/1.640243 = 1.959964 · 0.261426/1.640243 = 0.312384: [0.1876, 0.8124].
     * 0 of 4: centre (3.841459/8)/1.960365 = 0.480182/1.960365 = 0.244945 = half-width (z·√(z²/64)/1.960365):
     * [0, 0.489891], not empty at p = 0.
     */
    @Test
    void wilsonByHand() {
        double[] w = SweepStats.wilson(3, 6);
        assertEquals(0.187616, w[0], 1e-6);
        assertEquals(0.812384, w[1], 1e-6);
        double[] zero = SweepStats.wilson(0, 4);
        assertEquals(0, zero[0], 1e-12);
        assertEquals(0.489891, zero[1], 1e-6);
    }

    /** t(0.975, 2) = 4.302653 and t(0.975, 29) = 2.045230 (tables of Student's t). */
    @Test
    void tQuantiles() {
        assertEquals(4.302653, SweepStats.t975(2), 1e-6);
        assertEquals(2.045230, SweepStats.t975(29), 1e-6);
        assertEquals(12.706205, SweepStats.t975(1), 1e-6);
    }

    @Test
    void numbersHaveSixSignificantDigitsWithoutExponent() {
        assertEquals("0.9", SweepStats.format((0.9 + 0.8 + 1.0) / 3)); // 0.9000000000000001
        assertEquals("0.333333", SweepStats.format(1.0 / 3));
        assertEquals("3250000", SweepStats.format(3_250_000.0));
        assertEquals("1234570", SweepStats.format(1_234_567.0));
        assertEquals("-0.05", SweepStats.format(-0.05));
        assertEquals("0.0000123457", SweepStats.format(0.0000123456789));
        assertEquals("0", SweepStats.format(-0.0));
        assertEquals("", SweepStats.format(Double.NaN));
        // ties to even on the exact binary value: 0.1234565 is stored just below, so it rounds down
        assertEquals("0.123456", SweepStats.format(0.1234565));
    }

    /** 0.9000 of 10 is 9; 0.7500 of 4 is 3; 0.0000 of 30,000 could be 0 or 1 (1/30,000 prints 0.0000): unknown. */
    @Test
    void countFromRate() {
        assertEquals(OptionalLong.of(9), SweepStats.countFromRate("0.9000", 10));
        assertEquals(OptionalLong.of(3), SweepStats.countFromRate("0.7500", 4));
        assertEquals(OptionalLong.of(2), SweepStats.countFromRate("0.6667", 3));
        assertTrue(SweepStats.countFromRate("0.0000", 30_000).isEmpty());
        assertTrue(SweepStats.countFromRate("0.3000", 4).isEmpty(), "no k/4 prints 0.3000");
    }
}
