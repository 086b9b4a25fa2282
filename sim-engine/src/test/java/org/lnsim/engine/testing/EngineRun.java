package org.lnsim.engine.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.lnsim.engine.Simulation;
import org.lnsim.engine.channel.BalanceSplit;
import org.lnsim.engine.channel.ChannelState;
import org.lnsim.engine.htlc.FixedLatency;
import org.lnsim.engine.htlc.HtlcRelay;
import org.lnsim.engine.htlc.LatencyModel;
import org.lnsim.engine.htlc.NodeAvailability;
import org.lnsim.engine.htlc.ReceiverBehaviour;
import org.lnsim.engine.payment.PaymentEngine;
import org.lnsim.engine.payment.PaymentOutcome;
import org.lnsim.engine.payment.PaymentRequest;
import org.lnsim.engine.payment.RoutingProtocol;
import org.lnsim.engine.payment.TimingsSink;
import org.lnsim.network.ChannelGraph;

/**
 * One run of payments through the engine, for tests: builds the {@link Simulation}, {@link ChannelState},
 * {@link HtlcRelay} and {@link PaymentEngine}, runs the payments to the end and checks that the run ended cleanly.
 * Every setting has a default, so a test names only what it cares about:
 *
 * <pre>{@code
 * PaymentOutcome o = EngineRun.of(g, protocol).run(new PaymentRequest(1, s, r, 10_000_000, 0)).outcome();
 * EngineRun.Result r = EngineRun.of(g, beacon).prepare(1).availability((node, t) -> node != 3).run(payments);
 * }</pre>
 *
 * <p>Defaults: seed {@value #DEFAULT_SEED}, {@link BalanceSplit#HALF}, {@link #DEFAULT_LATENCY}, every node online,
 * honest receivers with the default MPP timeout, {@link PaymentEngine.Limits#DEFAULT}, every channel's invariants
 * checked after every event ({@link Checks#ALL}), and {@link RoutingProtocol#prepare} not called.
 *
 * <p>{@link #run} does, in this order: the simulation, the channel state (balances from the {@code "balances"}
 * stream), the after-event check, the relay, the engine (outcomes collected in completion order), the protocol's
 * {@code prepare} if asked for, {@link PaymentEngine#setup()}, every payment submitted, the simulation run until no
 * event is left, the end time read, {@link PaymentEngine#finish()}; then it asserts that no HTLC is left in flight
 * and that there is exactly one outcome per payment.
 *
 * <p>The settings are mutable fields of this object; a protocol instance serves one simulation run, so an
 * {@code EngineRun} runs once.
 */
public final class EngineRun {
    /** The seed most engine tests use. */
    public static final long DEFAULT_SEED = 5;

    /** 100 ms per HTLC offer and per resolution, 3 s lost at an offline peer, 50 ms per control message hop. */
    public static final FixedLatency DEFAULT_LATENCY = new FixedLatency(100_000, 100_000, 3_000_000, 50_000);

    /** Which channel invariants ({@link ChannelState#checkChannel}) are checked after every event. */
    public enum Checks {
        /** Every channel, {@link ChannelState#checkAll}: for small hand-worked graphs. */
        ALL,
        /** The channels the event changed, {@link ChannelState#checkTouched}: for larger graphs. */
        TOUCHED,
        /** None (the end-of-run assertions still apply). */
        NONE
    }

    /** Makes the run's latency model, for models that draw from the run's random streams. */
    @FunctionalInterface
    public interface LatencyFactory {
        LatencyModel create(ChannelGraph graph, Simulation sim);
    }

    /**
     * What a run left.
     *
     * @param outcomes one per payment, in completion order (unmodifiable)
     * @param state    the channels at the end
     * @param engine   the engine, after {@link PaymentEngine#finish()} (control message counts, set-up traffic)
     * @param endUs    the simulated time of the last event, read before {@link PaymentEngine#finish()}
     */
    public record Result(List<PaymentOutcome> outcomes, ChannelState state, PaymentEngine engine, long endUs) {
        /** The outcome of a run of one payment. */
        public PaymentOutcome outcome() {
            assertEquals(1, outcomes.size(), "a run of one payment");
            return outcomes.get(0);
        }
    }

    private final ChannelGraph graph;
    private final RoutingProtocol protocol;
    private long seed = DEFAULT_SEED;
    private BalanceSplit split = BalanceSplit.HALF;
    private LatencyFactory latency = (g, sim) -> DEFAULT_LATENCY;
    private NodeAvailability availability = NodeAvailability.ALWAYS_ONLINE;
    private ReceiverBehaviour receivers = ReceiverBehaviour.HONEST;
    private long mppTimeoutUs = HtlcRelay.DEFAULT_MPP_TIMEOUT_US;
    private PaymentEngine.Limits limits = PaymentEngine.Limits.DEFAULT;
    private Checks checks = Checks.ALL;
    /** 0: {@link RoutingProtocol#prepare} is not called. */
    private int prepareThreads;
    private boolean ran;
    private TimingsSink timings = TimingsSink.NONE;
    private org.lnsim.engine.policy.PolicyChurn policies = org.lnsim.engine.policy.PolicyChurn.NONE;
    private org.lnsim.engine.policy.PolicyBeliefs beliefs;
    private int firstDormant = -1;

    private EngineRun(ChannelGraph graph, RoutingProtocol protocol) {
        this.graph = Objects.requireNonNull(graph);
        this.protocol = Objects.requireNonNull(protocol);
    }

    /** A run of {@code protocol} (a fresh instance, built on {@code graph}) with the defaults. */
    public static EngineRun of(ChannelGraph graph, RoutingProtocol protocol) {
        return new EngineRun(graph, protocol);
    }

    /** The simulation's master seed. */
    public EngineRun seed(long seed) {
        this.seed = seed;
        return this;
    }

    public EngineRun split(BalanceSplit split) {
        this.split = Objects.requireNonNull(split);
        return this;
    }

    public EngineRun latency(LatencyModel latency) {
        Objects.requireNonNull(latency);
        this.latency = (g, sim) -> latency;
        return this;
    }

    /**
     * A latency model made for the run, e.g.
     * {@code (g, sim) -> new CommitmentLatency(g.channelCount(), sim.random().stream("latency"))}.
     */
    public EngineRun latency(LatencyFactory latency) {
        this.latency = Objects.requireNonNull(latency);
        return this;
    }

    /** Node availability, given to both the relay and the engine. */
    public EngineRun availability(NodeAvailability availability) {
        this.availability = Objects.requireNonNull(availability);
        return this;
    }

    /** What receivers do with the parts of an incomplete multi-part set. */
    public EngineRun receivers(ReceiverBehaviour receivers) {
        this.receivers = Objects.requireNonNull(receivers);
        return this;
    }

    /** How long a receiver holds an incomplete multi-part set. */
    public EngineRun mppTimeoutUs(long mppTimeoutUs) {
        this.mppTimeoutUs = mppTimeoutUs;
        return this;
    }

    public EngineRun limits(PaymentEngine.Limits limits) {
        this.limits = Objects.requireNonNull(limits);
        return this;
    }

    /** Where the engine sends wall-clock figures (default: discarded). */
    public EngineRun timings(TimingsSink timings) {
        this.timings = Objects.requireNonNull(timings);
        return this;
    }

    /**
     * Channel policies that change during the run (issue 22), drawn from the run's streams {@code policy_updates}
     * and {@code gossip} as a real run draws them (default: static).
     */
    public EngineRun policies(org.lnsim.engine.policy.PolicyChurn churn) {
        this.policies = Objects.requireNonNull(churn);
        return this;
    }

    /** As {@link #policies(org.lnsim.engine.policy.PolicyChurn)}, channels from {@code firstDormant} on opening later. */
    public EngineRun policies(org.lnsim.engine.policy.PolicyChurn churn, int firstDormant) {
        this.firstDormant = firstDormant;
        return policies(churn);
    }

    /** The run's policy updates and beliefs, once {@link #run} has made them. */
    public org.lnsim.engine.policy.PolicyBeliefs beliefs() {
        return beliefs;
    }

    /** The invariant check after every event. */
    public EngineRun checks(Checks checks) {
        this.checks = Objects.requireNonNull(checks);
        return this;
    }

    /** Calls {@code engine.prepare(payments, threads)} (the protocol's prepare) before set-up. */
    public EngineRun prepare(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("prepare needs at least 1 thread: " + threads);
        }
        this.prepareThreads = threads;
        return this;
    }

    public Result run(PaymentRequest... payments) {
        return run(List.of(payments));
    }

    /** Runs {@code payments} (possibly none: set-up and finish only) to the end; see the class comment. */
    public Result run(List<PaymentRequest> payments) {
        if (ran) {
            throw new IllegalStateException("an EngineRun (and its protocol) serves one run");
        }
        ran = true;
        Simulation sim = new Simulation(seed);
        ChannelState state = new ChannelState(graph, split, sim.random().stream("balances"));
        switch (checks) {
            case ALL -> sim.afterEachEvent(state::checkAll);
            case TOUCHED -> sim.afterEachEvent(state::checkTouched);
            case NONE -> { }
        }
        org.lnsim.engine.policy.PolicyBeliefs beliefs = policies.active()
                ? org.lnsim.engine.policy.PolicyBeliefs.create(graph, policies, sim.random().stream("policy_updates"),
                        sim.random().seedOf("gossip"), firstDormant < 0 ? graph.channelCount() : firstDormant)
                : org.lnsim.engine.policy.PolicyBeliefs.none(graph);
        this.beliefs = beliefs;
        HtlcRelay relay = new HtlcRelay(sim, state, latency.create(graph, sim), availability, mppTimeoutUs,
                receivers, beliefs.truth());
        List<PaymentOutcome> outcomes = new ArrayList<>();
        PaymentEngine engine = new PaymentEngine(sim, state, relay, availability, protocol, limits, outcomes::add,
                timings, beliefs);
        if (prepareThreads > 0) {
            engine.prepare(payments, prepareThreads);
        }
        engine.setup();
        payments.forEach(engine::submit);
        sim.run();
        long endUs = sim.now();
        engine.finish();
        assertEquals(0, state.totalInFlightCount(), "HTLCs left in flight");
        assertEquals(payments.size(), outcomes.size(), "exactly one outcome per payment");
        return new Result(List.copyOf(outcomes), state, engine, endUs);
    }
}
