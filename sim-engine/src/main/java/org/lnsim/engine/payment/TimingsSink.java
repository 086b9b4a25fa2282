package org.lnsim.engine.payment;

/**
 * Where a protocol's wall-clock figures go, for the run's {@code timings.csv} only — never into results that must be
 * identical across reruns. The experiment runner hands one to the {@link PaymentEngine}; a protocol that measures
 * itself asks its context for it ({@code ctx.view(TimingsSink.class)}, always granted) and adds to it. The engine
 * itself adds the wall-clock time of {@link RoutingProtocol#prepare}. Both totals are sums of what is added, from any
 * thread.
 */
public interface TimingsSink {
    /** Discards everything: for runs without timings (tests, tools). */
    TimingsSink NONE = new TimingsSink() {
        @Override
        public void addPreparation(long nanos) {
        }

        @Override
        public void addPathFinding(long nanos) {
        }
    };

    /** Time spent computing ahead of the payments that need it (in {@code prepare}, or on workers beside the run). */
    void addPreparation(long nanos);

    /** Time spent finding paths for payments during the run (route searches, floods). */
    void addPathFinding(long nanos);
}
