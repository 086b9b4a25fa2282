package org.lnsim.engine.payment;

/**
 * A routing scheme. One instance serves one simulation run (it may keep per-run state, e.g. routing tables); the
 * engine calls it from the simulation's single thread.
 */
public interface RoutingProtocol {
    /** Name in results ({@code source}, {@code oracle}, {@code beacon}, …). */
    String name();

    /** What the protocol may know; the engine enforces it. */
    Knowledge knowledge();

    /**
     * Called once at time 0, before any payment: gossip sync, beacon discovery… It may send control messages and set
     * timers through {@code ctx}; their cost is accounted to set-up, not to payments.
     */
    default void setup(ProtocolContext ctx) {
    }

    /**
     * Called once before the run with the whole workload. A protocol may precompute, on up to {@code threads}
     * threads, anything that depends only on what it knows before the run starts (the public graph, the payments'
     * endpoints and amounts) — never on balances or anything the run changes — so that its results are the same with
     * or without this step and for any thread count. {@code seeds} are the ones {@link ProtocolContext#seeds()}
     * gives during the run, so what is computed ahead can use the same randomness (the engine calls this through
     * {@link PaymentEngine#prepare}).
     */
    default void prepare(java.util.List<PaymentRequest> payments, int threads, ProtocolSeeds seeds) {
    }

    /**
     * Called once when the run's payments have all ended, at the final simulated time: for costs that accrue with
     * time and are charged analytically (e.g. channel_update churn over the run's duration).
     */
    default void finish(ProtocolContext ctx) {
    }

    /**
     * What this protocol reports beside the engine's counters: per-node state (bytes and its own figures) and the
     * per-payment columns its sessions count. Read by the engine when it is built (the payment columns) and by the
     * results after {@link #finish}; may be a live view of the protocol's counters. Wall-clock figures are not
     * reported here: they go to the run's {@link TimingsSink}.
     */
    ProtocolReport report();

    /**
     * How this protocol's multi-part payments bind their parts ({@link org.lnsim.engine.htlc.PaymentKind}); only
     * observable when a payment has several parts. Default: basic MPP.
     */
    default org.lnsim.engine.htlc.PaymentKind paymentKind() {
        return org.lnsim.engine.htlc.PaymentKind.MPP;
    }

    /** Opens the session that will drive one payment; {@link PaymentSession#start()} follows at its arrival time. */
    PaymentSession open(PaymentContext ctx);
}
