package org.lnsim.engine.payment;

import org.lnsim.engine.htlc.AttemptResult;

/** A protocol's handling of one payment: reacts to the payment's start and to each of its attempts' results. */
public interface PaymentSession {
    /** The payment arrives: send a first attempt, start discovery, or give up. */
    void start();

    /**
     * An attempt of this payment ended (success or failure), at the time the sender learns it — except the attempt
     * that completes the payment (the engine ends the payment then, and no session has anything left to do); a
     * protocol that learns from successes counts a part when it succeeds here or when the payment's outcome shows
     * it delivered.
     */
    void onAttemptResult(AttemptResult result);
}
