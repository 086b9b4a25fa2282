package org.lnsim.protocols.routing;

import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.lnsim.engine.payment.ProtocolReport;

/**
 * What each sending node of a scheme that learns across payments holds (lnd's mission control, LDK's scorer,
 * askrene's constraints, CLoTH's memory): created on the node's first use, so memory grows with the run's senders
 * and what they observed only — bounded at a million channels (issue 20, item 1) — and reported per node as the
 * scheme's routing state ({@code state_bytes_*}). One slot per node; not thread-safe (the engine drives a protocol
 * from one thread).
 *
 * @param <T> the per-sender state
 */
public final class PerSender<T> {
    private final Object[] states;
    private final Supplier<? extends T> create;
    private final ToLongFunction<? super T> bytes;

    /**
     * @param nodes  the network's node count
     * @param create a new, empty state
     * @param bytes  a state's size in bytes, as the routing state reports it
     */
    public PerSender(int nodes, Supplier<? extends T> create, ToLongFunction<? super T> bytes) {
        this.states = new Object[nodes];
        this.create = create;
        this.bytes = bytes;
    }

    /** The node's state, or null if it never needed one. */
    @SuppressWarnings("unchecked")
    public T orNull(int node) {
        return (T) states[node];
    }

    /** The node's state, created empty on first use. */
    public T get(int node) {
        T s = orNull(node);
        if (s == null) {
            s = create.get();
            states[node] = s;
        }
        return s;
    }

    /** Each node's state in bytes, 0 for a node that never sent. */
    public ProtocolReport report() {
        return node -> {
            T s = orNull(node);
            return s == null ? 0 : bytes.applyAsLong(s);
        };
    }
}
