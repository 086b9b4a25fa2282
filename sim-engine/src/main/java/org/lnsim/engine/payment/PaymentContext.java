package org.lnsim.engine.payment;

import org.lnsim.engine.htlc.HtlcPath;

/**
 * A {@link ProtocolContext} bound to one payment: control messages sent through it are also counted to the payment,
 * and it can send the payment's attempts.
 */
public interface PaymentContext extends ProtocolContext {
    PaymentRequest payment();

    /** After this time no new attempt may start. */
    long deadlineUs();

    /**
     * Starts an attempt now. The path must start at the sender, end at the receiver, carry this payment's id and
     * total, and deliver a positive part of it.
     *
     * @return false (and nothing is sent) if the deadline has passed, the attempt cap is reached or the payment
     *         has ended
     * @throws IllegalArgumentException if the path does not belong to this payment
     */
    boolean send(HtlcPath path);

    /**
     * Adds {@code delta} to this payment's value of the protocol's payment column {@code column} (an index into
     * {@link ProtocolReport#paymentColumns()}), e.g. one more routing-table request.
     *
     * @throws IndexOutOfBoundsException if the protocol declared no such column
     */
    void addToColumn(int column, long delta);

    /**
     * Adds simulated time the sender spent discovering a route (waiting for routing tables, matched seeds…) before
     * it could send HTLCs; reported as {@code discovery_us}, apart from the HTLCs' own time.
     */
    void addDiscoveryUs(long us);

    /** The protocol will send nothing more: the payment fails once its attempts in flight have resolved. */
    void giveUp(String reason);
}
