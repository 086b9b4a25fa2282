package org.lnsim.engine.htlc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** CLoTH's delays: 100 ms + N(0, 1 ms), and with {@code wholeMs} CLoTH's own truncation to whole ms. */
class ClothLatencyTest {
    /**
     * The same stream, draw by draw: µs rounding gives 100,000 + round(1,000 z) µs; CLoTH's uint64 ms clock keeps
     * 100 + ⌊z⌋ ms (z = 0.3 → 100 ms, z = −0.3 → 99 ms). Over 10,000 draws the truncated mean is ≈ 99.5 ms.
     */
    @Test
    void wholeMillisecondsTruncateAsCLoTHDoes() {
        ClothLatency us = new ClothLatency(new SplittableRandom(7));
        ClothLatency ms = new ClothLatency(new SplittableRandom(7), true);
        SplittableRandom z = new SplittableRandom(7);
        long sum = 0;
        for (int i = 0; i < 10_000; i++) {
            double g = z.nextGaussian();
            assertEquals(100_000 + Math.round(g * 1_000), us.offerUs(0));
            long d = ms.offerUs(0);
            assertEquals(100_000 + 1_000 * (long) Math.floor(g), d);
            sum += d;
        }
        assertEquals(99_500, sum / 10_000.0, 30);
    }
}
