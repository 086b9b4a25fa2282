package org.lnsim.protocols.multipart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The splitters' arithmetic against c-lightning's constants (lightning-facts §7.3). */
class SplitterTest {
    @Test
    void noPresplitAtOrBelowTheTarget() {
        assertEquals(1, Splitter.presplitParts(10_000_000, 100, new SplittableRandom(1)).length);
        assertEquals(5_000, Splitter.presplitParts(5_000, 100, new SplittableRandom(1))[0]);
    }

    /**
     * 100,000 sat with 30 free slots: cap = min(30 / 3, 16) = 10 parts and 10^8 / 10^7 = 10 is within it, so the
     * target stays 10,000,000 msat; every part but the last is target ± 25% ([7,500,000, 12,500,000)); the parts sum
     * to the amount.
     */
    @Test
    void presplitPartsAreFuzzedAroundTheTarget() {
        for (int seed = 0; seed < 50; seed++) {
            long[] parts = Splitter.presplitParts(100_000_000, 30, new SplittableRandom(seed));
            assertEquals(100_000_000, Arrays.stream(parts).sum());
            assertTrue(parts.length <= 10, "at most the cap: " + parts.length);
            for (int i = 0; i < parts.length - 1; i++) {
                assertTrue(parts[i] >= 7_500_000 && parts[i] < 12_500_000, "part " + parts[i]);
            }
            assertTrue(parts[parts.length - 1] > 0);
        }
    }

    /**
     * 1,000,000 sat with 1,000 free slots: cap = min(333, 16) = 16; 10^9 / 10^7 = 100 > 16, so the target grows to
     * 10^9 / 16 = 62,500,000 msat and there are at most 16 parts. With 5 free slots the cap is 1: no split.
     */
    @Test
    void presplitTargetGrowsUntilThePartCapHolds() {
        long[] parts = Splitter.presplitParts(1_000_000_000, 1_000, new SplittableRandom(3));
        assertTrue(parts.length <= 16);
        assertEquals(1_000_000_000, Arrays.stream(parts).sum());
        for (int i = 0; i < parts.length - 1; i++) {
            assertTrue(parts[i] >= 62_500_000 * 3 / 4 && parts[i] < 62_500_000 * 5 / 4, "part " + parts[i]);
        }
        assertEquals(1, Splitter.presplitParts(1_000_000_000, 5, new SplittableRandom(3)).length);
    }

    /** The adaptive split gives 45–55% and the rest, never an empty part. */
    @Test
    void adaptiveSplitIsFortyFiveToFiftyFivePercent() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int i = 0; i < 1_000; i++) {
            long[] ab = Splitter.adaptiveSplit(1_000_000, rnd);
            assertEquals(1_000_000, ab[0] + ab[1]);
            assertTrue(ab[0] >= 450_000 && ab[0] <= 550_000, "a = " + ab[0]);
        }
        assertEquals(Splitter.CL, Splitter.parse("cl"));
        assertEquals("source+lnd-halving".substring(7), Splitter.LND_HALVING.label());
    }
}
