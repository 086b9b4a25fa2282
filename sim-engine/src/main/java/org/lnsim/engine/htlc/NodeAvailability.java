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

    /**
     * The earliest time ≥ {@code timeUs} at which {@code node} is online: {@code timeUs} if it is online then,
     * otherwise when it comes back, or {@link Long#MAX_VALUE} if the model cannot tell (the default for an offline
     * node). Same ordering rule as {@link #isOnline}.
     */
    default long nextOnlineUs(int node, long timeUs) {
        return isOnline(node, timeUs) ? timeUs : Long.MAX_VALUE;
    }
}
