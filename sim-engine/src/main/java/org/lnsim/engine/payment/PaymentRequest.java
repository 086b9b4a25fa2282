package org.lnsim.engine.payment;

/**
 * One payment of the workload.
 *
 * @param id         unique within a run (also the multi-part payment id its parts share)
 * @param sender     sender node index
 * @param receiver   receiver node index, ≠ sender
 * @param amountMsat amount to deliver, &gt; 0
 * @param arrivalUs  when the sender starts paying, µs
 */
public record PaymentRequest(long id, int sender, int receiver, long amountMsat, long arrivalUs) {
    public PaymentRequest {
        if (sender == receiver) {
            throw new IllegalArgumentException("payment " + id + ": sender and receiver are the same node");
        }
        if (amountMsat <= 0) {
            throw new IllegalArgumentException("payment " + id + ": amount must be positive");
        }
        if (arrivalUs < 0) {
            throw new IllegalArgumentException("payment " + id + ": negative arrival time");
        }
    }
}
