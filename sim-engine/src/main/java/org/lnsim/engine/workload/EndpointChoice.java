package org.lnsim.engine.workload;

/** How senders and receivers are picked among the nodes with a usable channel in each direction. */
public sealed interface EndpointChoice {
    /** Sender and receiver uniform over nodes with channels (CLoTH's choice). */
    record Uniform() implements EndpointChoice {
    }

    /** Sender and receiver each drawn with probability proportional to the node's total channel capacity. */
    record CapacityWeighted() implements EndpointChoice {
    }

    /**
     * Uniform senders; with probability {@code share} the receiver is one of the {@code topK} nodes with the most
     * capacity (uniformly), otherwise uniform — shoppers paying a few large merchants.
     */
    record Merchants(double share, int topK) implements EndpointChoice {
        public Merchants {
            if (!(share >= 0 && share <= 1) || topK < 1) {
                throw new IllegalArgumentException("merchants needs share in [0, 1] and top-k >= 1");
            }
        }
    }
}
