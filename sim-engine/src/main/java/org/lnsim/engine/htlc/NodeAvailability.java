package org.lnsim.engine.htlc;

/** Whether a node is online at a given simulated time (churn models implement this). */
@FunctionalInterface
public interface NodeAvailability {
    /** Every node always online. */
    NodeAvailability ALWAYS_ONLINE = (node, timeUs) -> true;

    boolean isOnline(int node, long timeUs);
}
