package org.lnsim.protocols.lnd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.lnsim.engine.htlc.FailureCode;

/** lnd v0.18.5-beta's result interpretation on a 3-hop route 10 → 11 → 12 → 13, and the default fee limit. */
class OutcomesTest {
    private static final int[] NODES = {10, 11, 12, 13};
    /** Hop i's HTLC: 1,002,000 → 1,001,000 → 1,000,000 msat (each intermediate keeps 1,000). */
    private static final long[] AMOUNTS = {1_002_000, 1_001_000, 1_000_000};
    private static final long RELAX = 60_000_000;

    /**
     * temporary_channel_failure reported by node 12 (k = 2): pair 12→13 failed at 1,000,000 msat (its HTLC's
     * amount, lnd's min-penalize amount), 10→11 and 11→12 succeeded with 1,002,000 and 1,001,000; the reverse
     * 13→12 untouched; the payment goes on.
     */
    @Test
    void balanceFailurePenalisesOnePairFromItsAmount() {
        PairHistory h = new PairHistory();
        assertFalse(Outcomes.applyFailure(h, NODES, AMOUNTS, 2, FailureCode.TEMPORARY_CHANNEL_FAILURE, 5, RELAX));
        assertEquals(1_000_000, h.failAmt(h.slot(12, 13)));
        assertEquals(5, h.failTime(h.slot(12, 13)));
        assertEquals(1_002_000, h.successAmt(h.slot(10, 11)));
        assertEquals(1_001_000, h.successAmt(h.slot(11, 12)));
        assertEquals(-1, h.slot(13, 12));
        assertEquals(3, h.pairs());
    }

    /** unknown_next_peer at node 11 (k = 1): pair 11→12 failed for any amount (0) in both directions, nothing else. */
    @Test
    void unknownNextPeerFailsThePairBothWays() {
        PairHistory h = new PairHistory();
        assertFalse(Outcomes.applyFailure(h, NODES, AMOUNTS, 1, FailureCode.UNKNOWN_NEXT_PEER, 5, RELAX));
        assertEquals(0, h.failAmt(h.slot(11, 12)));
        assertEquals(0, h.failAmt(h.slot(12, 11)));
        assertEquals(2, h.pairs());
    }

    /**
     * The receiver (k = 3) does not know the payment: every pair succeeded, and the payment fails. A failure at the
     * sender's own channel (k = 0) records nothing and goes on.
     */
    @Test
    void receiverAndSenderFailures() {
        PairHistory h = new PairHistory();
        assertTrue(Outcomes.applyFailure(h, NODES, AMOUNTS, 3, FailureCode.INCORRECT_OR_UNKNOWN_PAYMENT_DETAILS, 5,
                RELAX));
        assertEquals(1_000_000, h.successAmt(h.slot(12, 13)));
        assertEquals(3, h.pairs());
        PairHistory own = new PairHistory();
        assertFalse(Outcomes.applyFailure(own, NODES, AMOUNTS, 0, FailureCode.TEMPORARY_CHANNEL_FAILURE, 5, RELAX));
        assertEquals(0, own.pairs());
    }

    /**
     * lnd's DefaultRoutingFeeLimitForAmount: 100 % up to 1,000 sat (1,000,000 msat → 1,000,000), 5 % above
     * (100,000,000 msat → 5,000,000).
     */
    @Test
    void defaultFeeLimit() {
        assertEquals(1_000_000, LndSettings.DEFAULT.feeLimitMsat(1_000_000));
        assertEquals(5_000_000, LndSettings.DEFAULT.feeLimitMsat(100_000_000));
    }
}
