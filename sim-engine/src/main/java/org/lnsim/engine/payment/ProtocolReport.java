package org.lnsim.engine.payment;

import java.util.List;

/**
 * What a protocol reports beside the engine's own counters, in one object ({@link RoutingProtocol#report()}): the
 * routing state each node keeps, further per-node state figures for {@code node_state.csv} and the per-payment
 * figures its sessions count ({@link PaymentContext#addToColumn}) for {@code payments.csv}. Columns are declared as
 * {@link ColumnDoc}s, so that a column's name, unit and definition live where the protocol declares it.
 *
 * <p>The engine reads {@link #paymentColumns()} once, when it is built; the results module reads the rest once, after
 * {@link RoutingProtocol#finish} (so figures may accrue during the run). Only {@link #stateBytes} is required: a
 * protocol with no figures of its own reports it as a lambda.
 */
@FunctionalInterface
public interface ProtocolReport {
    /** The routing state node {@code node} keeps, in bytes (routing table, gossip store, seed memory…). */
    long stateBytes(int node);

    /** Further per-node state figures, in {@code node_state.csv} beside {@link #stateBytes} (none by default). */
    default List<ColumnDoc> stateColumns() {
        return List.of();
    }

    /** Writes node {@code node}'s values of {@link #stateColumns()} into {@code out}, in order. */
    default void stateValues(int node, long[] out) {
    }

    /**
     * Per-payment figures the protocol's sessions count through {@link PaymentContext#addToColumn} (an index into
     * this list), in {@code payments.csv} (none by default).
     */
    default List<ColumnDoc> paymentColumns() {
        return List.of();
    }
}
