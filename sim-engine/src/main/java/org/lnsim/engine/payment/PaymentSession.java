package org.lnsim.engine.payment;

import org.lnsim.engine.htlc.AttemptResult;

/** A protocol's handling of one payment: reacts to the payment's start and to each of its attempts' results. */
public interface PaymentSession {
    /** The payment arrives: send a first attempt, start discovery, or give up. */
    void start();

    /**
     * An attempt of this payment ended (success or failure), at the time the sender learns it — except the attempt
     * that completes the payment, which goes to {@link #onDelivered} (the engine ends the payment then, and the
     * session has nothing left to send).
     */
    void onAttemptResult(AttemptResult result);

    /**
     * The attempt that completed the payment succeeded, at the time the sender learns it (the fulfil, with the
     * preimage, reached it). Nothing can be sent any more; a protocol that learns from its outcomes records the
     * success here, when the real node would (lnd's mission control on settle, issue 20). Default: nothing.
     */
    default void onDelivered(AttemptResult result) {
    }
}
