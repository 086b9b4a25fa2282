package org.lnsim.engine.payment;

import org.lnsim.engine.htlc.AttemptResult;

/** A protocol's handling of one payment: reacts to the payment's start and to each of its attempts' results. */
public interface PaymentSession {
    /** The payment arrives: send a first attempt, start discovery, or give up. */
    void start();

    /** An attempt of this payment ended (success or failure), at the time the sender learns it. */
    void onAttemptResult(AttemptResult result);
}
