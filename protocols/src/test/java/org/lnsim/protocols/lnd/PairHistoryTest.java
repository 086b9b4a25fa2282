package org.lnsim.protocols.lnd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** lnd v0.18.5-beta's {@code setLastPairResult} rules and the table's memory. */
class PairHistoryTest {
    private static final long MINUTE = 60_000_000L;

    /**
     * Success 10,000 then failure at 8,000: the success amount drops to 7,999. A failure at a higher amount (9,000)
     * within the 1-minute relax interval is ignored; after it, it is recorded. A success of 9,500 after a failure at
     * 9,000 moves the failure amount to 9,501.
     */
    @Test
    void followsLndsUpdateRules() {
        PairHistory h = new PairHistory();
        h.recordSuccess(1, 2, 10_000, 0);
        assertTrue(h.recordFailure(1, 2, 8_000, 10, MINUTE));
        int s = h.slot(1, 2);
        assertEquals(7_999, h.successAmt(s));
        assertEquals(8_000, h.failAmt(s));
        assertFalse(h.recordFailure(1, 2, 9_000, 10 + MINUTE - 1, MINUTE));
        assertEquals(8_000, h.failAmt(s));
        assertTrue(h.recordFailure(1, 2, 9_000, 10 + MINUTE, MINUTE));
        assertEquals(9_000, h.failAmt(s));
        h.recordSuccess(1, 2, 9_500, 20 + MINUTE);
        assertEquals(9_501, h.failAmt(s));
        assertEquals(9_500, h.successAmt(s));
        // an amount-independent failure clears the success amount
        h.recordFailure(1, 2, 0, 30 + MINUTE, MINUTE);
        assertEquals(0, h.successAmt(s));
    }

    /**
     * Memory grows with observed pairs only: 8 slots × 44 bytes + 8 from-slots × 8 = 416 bytes hold up to 4 pairs
     * (load ≤ 1/2); the 5th doubles the pair table: 16 × 44 + 8 × 8 = 768. 10,000 pairs of one from-node:
     * 32,768 slots × 44 + 8 × 8 bytes, independent of the graph's size.
     */
    @Test
    void bytesFollowTheObservedPairs() {
        PairHistory h = new PairHistory();
        assertEquals(416, h.bytes());
        for (int to = 1; to <= 4; to++) {
            h.recordSuccess(0, to, 1, 0);
        }
        assertEquals(416, h.bytes());
        h.recordSuccess(0, 5, 1, 0);
        assertEquals(768, h.bytes());
        for (int to = 6; to <= 10_000; to++) {
            h.recordFailure(0, to, 0, 0, 0);
        }
        assertEquals(10_000, h.pairs());
        assertEquals(32_768L * 44 + 8 * 8, h.bytes());
        // every pair is still found, and chained under its from-node
        int chained = 0;
        for (int s = h.firstOf(0); s >= 0; s = h.next(s)) {
            chained++;
        }
        assertEquals(10_000, chained);
        assertEquals(-1, h.firstOf(1));
        assertTrue(h.slot(0, 9_999) >= 0);
    }

    /** setAllFail: every stored pair touching the node fails for any amount; others keep their results. */
    @Test
    void nodeFailureFailsItsPairs() {
        PairHistory h = new PairHistory();
        h.recordSuccess(1, 2, 5_000, 0);
        h.recordSuccess(3, 1, 5_000, 0);
        h.recordSuccess(3, 4, 5_000, 0);
        h.failAllOf(1, 7);
        assertEquals(0, h.successAmt(h.slot(1, 2)));
        assertEquals(7, h.failTime(h.slot(3, 1)));
        assertEquals(5_000, h.successAmt(h.slot(3, 4)));
        assertEquals(PairHistory.NEVER, h.failTime(h.slot(3, 4)));
    }
}
