package org.lnsim.engine.payment;

import org.lnsim.engine.htlc.FailureCode;

/**
 * How one payment ended under one protocol.
 *
 * @param payment           the request
 * @param protocol          the protocol's name
 * @param success           whether the amount was delivered
 * @param endUs             when the sender knew the outcome
 * @param attempts          attempts started (every part counts)
 * @param parts             parts that delivered (1 for a single-path success, 0 on failure)
 * @param hops              longest successful part's hop count (0 on failure)
 * @param feeMsat           fees paid by the successful parts (0 on failure)
 * @param failure           the last attempt failure seen, or null (also null for a payment that never attempted)
 * @param failureHop        position of the node that reported {@code failure}, or -1
 * @param reason            the protocol's reason for giving up, "timeout", or null on success
 * @param timedOut          the deadline passed before the payment succeeded
 * @param noBalanceFailures attempts failed with {@code temporary_channel_failure}
 * @param offlineFailures   attempts failed with {@code unknown_next_peer}
 * @param messages          payment (update_add/fulfil/fail) plus control messages attributed to the payment
 * @param bytes             their total size
 * @param route             directions of the first successful part, empty on failure
 * @param maxInFlight       most attempts (parts) of the payment in flight at once: the sender's HTLC slots it used
 * @param discoveryUs       simulated time the sender spent discovering routes before sending HTLCs (waiting for
 *                          routing tables, floods…); 0 for protocols that find routes from what they hold
 * @param columns           the values of the protocol's {@link ProtocolReport#paymentColumns()}, in order
 * @param claimedMsat       what the receiver settled of a payment that was not delivered in full (a receiver that
 *                          claims MPP parts early); 0 otherwise. Such a payment keeps its settled parts, hops and fees
 * @param finalPayloadBytes the final hop's onion payload over every part sent
 *                          ({@link org.lnsim.engine.htlc.PaymentKind#finalHopPayloadBytes}): where base MPP and AMP
 *                          differ on the wire
 * @param policyFailures    attempts that failed over a policy the sender did not know yet ({@code fee_insufficient},
 *                          {@code incorrect_cltv_expiry}: the run's policies changed, issue 22), or -1 when the run's
 *                          policies never change
 */
public record PaymentOutcome(PaymentRequest payment, String protocol, boolean success, long endUs, int attempts,
                             int parts, int hops, long feeMsat, FailureCode failure, int failureHop, String reason,
                             boolean timedOut, int noBalanceFailures, int offlineFailures, long messages, long bytes,
                             int[] route, int maxInFlight, long discoveryUs,
                             long[] columns, long claimedMsat, long finalPayloadBytes, int policyFailures) {
    /** An outcome of a run whose policies never change ({@code policyFailures} -1). */
    public PaymentOutcome(PaymentRequest payment, String protocol, boolean success, long endUs, int attempts,
                          int parts, int hops, long feeMsat, FailureCode failure, int failureHop, String reason,
                          boolean timedOut, int noBalanceFailures, int offlineFailures, long messages, long bytes,
                          int[] route, int maxInFlight, long discoveryUs, long[] columns, long claimedMsat,
                          long finalPayloadBytes) {
        this(payment, protocol, success, endUs, attempts, parts, hops, feeMsat, failure, failureHop, reason,
                timedOut, noBalanceFailures, offlineFailures, messages, bytes, route, maxInFlight, discoveryUs,
                columns, claimedMsat, finalPayloadBytes, -1);
    }

    /** Part of the amount was settled although the payment was not delivered (receivers claiming early). */
    public boolean partial() {
        return !success && claimedMsat > 0;
    }

    public long latencyUs() {
        return endUs - payment.arrivalUs();
    }
}
