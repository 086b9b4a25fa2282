package org.lnsim.protocols.ldk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The direction → msat map of a route search and of a sender's in-flight HTLCs. */
class DirAmountsTest {
    /**
     * 100 directions set and added across several growths (16 → 32 → … → 256 slots) keep their amounts: direction
     * i holds 10·i + i = 11·i; a set that grows the table lands in the new one; additions saturate at
     * {@code Long.MAX_VALUE} (LDK's exhausted channel); clear empties it.
     */
    @Test
    void keepsAmountsAcrossGrowthAndSaturates() {
        DirAmounts m = new DirAmounts();
        for (int i = 0; i < 100; i++) {
            m.set(i * 7, 10L * i);
            m.add(i * 7, i);
        }
        for (int i = 0; i < 100; i++) {
            assertEquals(11L * i, m.get(i * 7));
        }
        assertEquals(0, m.get(3));
        assertEquals(256 * 12, m.bytes());
        m.set(5, Long.MAX_VALUE);
        m.add(5, 1_000);
        assertEquals(Long.MAX_VALUE, m.get(5));
        m.clear();
        assertTrue(m.isEmpty());
        assertEquals(0, m.get(7));
    }
}
