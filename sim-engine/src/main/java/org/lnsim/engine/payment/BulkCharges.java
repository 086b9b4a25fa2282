package org.lnsim.engine.payment;

/**
 * Opt-in view ({@link ProtocolContext#view}): control traffic of one type charged for every node at once, for traffic
 * with too many sender–receiver pairs to charge one pair at a time (beacon's set-up replay on a million channels).
 * Bound to the context it was granted by: from a payment's context the traffic counts to that payment, from set-up or
 * finish to the run's set-up.
 */
@FunctionalInterface
public interface BulkCharges {
    /**
     * Node n sent {@code sentMessages[n]} messages of {@code sentBytes[n]} bytes in total and received
     * {@code receivedBytes[n]} bytes; the totals count the sent side, as
     * {@link ProtocolContext#chargeControl(int, int, String, long, long)} does. Arrays are indexed by node.
     *
     * @throws IllegalArgumentException if an array's length is not the node count or an entry is negative
     */
    void chargeControlPerNode(String type, long[] sentMessages, long[] sentBytes, long[] receivedBytes);
}
