package org.lnsim.engine.htlc;

/** Whether a node is online at a given simulated time (churn models implement this). */
@FunctionalInterface
public interface NodeAvailability {
    /** Every node always online. */
    NodeAvailability ALWAYS_ONLINE = (node, timeUs) -> true;

    boolean isOnline(int node, long timeUs);

    /**
     * How many times {@code node} went offline or came back online in [0, {@code timeUs}] (0 for a model without
     * churn). Same ordering rule as {@link #isOnline}: per node, times must not decrease.
     */
    default long toggles(int node, long timeUs) {
        return 0;
    }
}
