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

    /** Wall-clock nanoseconds spent in {@link #prepare}, for timings.csv only. */
    default long preparationNanos() {
        return 0;
    }

    /**
     * Called once when the run's payments have all ended, at the final simulated time: for costs that accrue with
     * time and are charged analytically (e.g. channel_update churn over the run's duration).
     */
    default void finish(ProtocolContext ctx) {
    }

    /** The routing state node {@code node} keeps, in bytes (routing table, gossip store, seed memory…). */
    long stateBytes(int node);

    /**
     * Names of further per-node state figures this protocol reports in {@code node_state.csv} beside
     * {@link #stateBytes} (e.g. {@code table_channels}, {@code beacons}); lower-case snake case.
     */
    default java.util.List<String> stateColumns() {
        return java.util.List.of();
    }

    /** Writes node {@code node}'s values of {@link #stateColumns()} into {@code out}, in order; called after the run. */
    default void stateValues(int node, long[] out) {
    }

    /**
     * Names of per-payment figures this protocol adds to {@code payments.csv} (e.g. {@code table_requests}); a
     * session counts them through {@link PaymentContext#addToColumn}.
     */
    default java.util.List<String> paymentColumns() {
        return java.util.List.of();
    }

    /**
     * Wall-clock nanoseconds this instance has spent finding paths, for the run's {@code timings.csv} only (never in
     * results that must be identical across reruns). 0 if the protocol does not measure it.
     */
    default long pathFindingNanos() {
        return 0;
    }

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
