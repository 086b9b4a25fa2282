package org.lnsim.protocols.ant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MatchChoiceTest {
    /**
     * Five matches; match 3 over budget (not reported). Matched seeds reach A at 50, 10, 10, -, 2000 µs with fees 5,
     * 9, 7, -, 0. In arrival order (ties by match order): 1 (10), 2 (10), 0 (50), then 4 (2000), outside a 100-µs
     * window opened at 10.
     */
    @Test
    void collectsInArrivalOrderWithinTheWindowAndPicksTheCheapest() {
        long[] at = {50, 10, 10, 30, 2000};
        long[] fee = {5, 9, 7, 1, 0};
        boolean[] rep = {true, true, true, false, true};
        // 3 held at 50 µs: the cheapest is match 0
        assertEquals(new MatchChoice(0, 50, 10, 3), MatchChoice.choose(at, fee, rep, 5, 100, 3));
        // 2 held at the second arrival, also at 10 µs: 2 (7) beats 1 (9)
        assertEquals(new MatchChoice(2, 10, 10, 2), MatchChoice.choose(at, fee, rep, 5, 100, 2));
        // room for 5: A waits for the window to close at 110 µs, holding 3
        assertEquals(new MatchChoice(0, 110, 10, 3), MatchChoice.choose(at, fee, rep, 5, 100, 5));
        // a window of 0 holds only what arrives with the first
        assertEquals(new MatchChoice(2, 10, 10, 2), MatchChoice.choose(at, fee, rep, 5, 0, 3));
        // a long window reaches match 4 (fee 0)
        assertEquals(new MatchChoice(4, 2010, 10, 4), MatchChoice.choose(at, fee, rep, 5, 2000, 9));
    }

    /** Equal fees: the earliest matched seed wins, then the earlier match. */
    @Test
    void tiesGoToTheEarliest() {
        assertEquals(new MatchChoice(1, 30, 20, 3), MatchChoice.choose(new long[] {30, 20, 20}, new long[] {5, 5, 5},
                new boolean[] {true, true, true}, 3, 1_000, 3));
    }

    @Test
    void noReportedMatchIsNone() {
        assertEquals(MatchChoice.NONE, MatchChoice.choose(new long[] {1}, new long[] {1}, new boolean[] {false}, 1,
                1_000, 3));
        assertThrows(IllegalArgumentException.class, () -> MatchChoice.choose(new long[0], new long[0],
                new boolean[0], 0, MatchChoice.MAX_WINDOW_US, 3));
    }
}
