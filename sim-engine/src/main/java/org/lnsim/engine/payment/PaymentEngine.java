package org.lnsim.engine.payment;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.lnsim.engine.Event;
import org.lnsim.engine.RandomStreams;
import org.lnsim.engine.Simulation;
import org.lnsim.engine.channel.ChannelState;
import org.lnsim.engine.htlc.AttemptResult;
import org.lnsim.engine.htlc.FailureCode;
import org.lnsim.engine.htlc.HtlcPath;
import org.lnsim.engine.htlc.HtlcRelay;
import org.lnsim.engine.htlc.NodeAvailability;
import org.lnsim.engine.htlc.PaymentKind;
import org.lnsim.network.ChannelGraph;

/**
 * Runs one protocol over one simulation: starts each payment at its arrival, gives its session a
 * {@link PaymentContext}, forwards attempts to the {@link HtlcRelay}, enforces the deadline and the attempt cap,
 * accounts messages, and emits exactly one {@link PaymentOutcome} per payment (see the package contract).
 *
 * <p>A payment succeeds when attempts that succeeded deliver at least its amount and none is in flight any more; with
 * multi-part payments the receiver fulfils a complete set together, so the last part's fulfil marks the end.
 */
public final class PaymentEngine {
    /**
     * The block height at which payments are made, for the absolute CLTV expiry in final onion payloads (lnsim's
     * CLTVs are relative to it). Any mainnet height from 65,536 to 16,777,215 encodes in the same 3 bytes, so the
     * choice changes no size; 800,000 is July 2023.
     */
    public static final long BLOCK_HEIGHT = 800_000;

    /**
     * Engine limits.
     *
     * @param timeoutUs   no attempt starts later than this after arrival (c-lightning pay's retry_for, lnd's payment
     *                    timeout and CLoTH's all use 60 s, lightning-facts §9)
     * @param maxAttempts attempts (parts included) a payment may start: a safety cap, since c-lightning, lnd and
     *                    CLoTH bound a payment by time only; the default of 1,000 leaves room for 16 parts retried
     *                    many times within the 60 s
     */
    public record Limits(long timeoutUs, int maxAttempts) {
        public static final Limits DEFAULT = new Limits(60_000_000, 1_000);

        public Limits {
            if (timeoutUs <= 0 || maxAttempts < 1) {
                throw new IllegalArgumentException("timeout must be > 0 and max attempts >= 1");
            }
        }
    }

    private final Simulation sim;
    private final ChannelState state;
    private final ChannelGraph graph;
    private final HtlcRelay relay;
    private final RoutingProtocol protocol;
    private final Limits limits;
    private final NodeAvailability availability;
    private final Consumer<PaymentOutcome> sink;
    private final SplittableRandom protocolRandom;
    private final ProtocolSeeds protocolSeeds;
    private final long[] nodeMessages;
    private final long[] nodeBytes;
    private final long[] setupSentMessages;
    private final long[] setupSentBytes;
    private final long[] setupReceivedBytes;
    private final int paymentColumns;
    private final FloodView floodView;
    private final TimingsSink timings;
    private final org.lnsim.engine.policy.PolicyBeliefs beliefs;
    private final Map<String, long[]> byType = new TreeMap<>();
    private long setupMessages;
    private long setupBytes;
    private int open;

    /** An engine whose wall-clock figures are discarded ({@link TimingsSink#NONE}). */
    public PaymentEngine(Simulation sim, ChannelState state, HtlcRelay relay, NodeAvailability availability,
                         RoutingProtocol protocol, Limits limits, Consumer<PaymentOutcome> sink) {
        this(sim, state, relay, availability, protocol, limits, sink, TimingsSink.NONE);
    }

    /** @param timings where the protocol's wall-clock figures go (the engine adds {@code prepare}'s own) */
    public PaymentEngine(Simulation sim, ChannelState state, HtlcRelay relay, NodeAvailability availability,
                         RoutingProtocol protocol, Limits limits, Consumer<PaymentOutcome> sink,
                         TimingsSink timings) {
        this(sim, state, relay, availability, protocol, limits, sink, timings,
                org.lnsim.engine.policy.PolicyBeliefs.none(state.graph()));
    }

    /**
     * @param beliefs the run's policy updates and what each node believes of them (the relay must enforce the same
     *                {@link org.lnsim.engine.policy.PolicyBeliefs#truth}); offered to the protocol as a view, and
     *                told of every channel_update a failure brings a sender
     */
    public PaymentEngine(Simulation sim, ChannelState state, HtlcRelay relay, NodeAvailability availability,
                         RoutingProtocol protocol, Limits limits, Consumer<PaymentOutcome> sink,
                         TimingsSink timings, org.lnsim.engine.policy.PolicyBeliefs beliefs) {
        this.beliefs = java.util.Objects.requireNonNull(beliefs);
        this.sim = sim;
        this.state = state;
        this.graph = state.graph();
        this.relay = relay;
        this.availability = availability;
        this.protocol = protocol;
        this.limits = limits;
        this.sink = sink;
        this.protocolRandom = sim.random().stream("protocol." + protocol.name());
        RandomStreams streams = sim.random();
        this.protocolSeeds = name -> streams.seedOf("protocol." + name);
        this.nodeMessages = new long[graph.nodeCount()];
        this.nodeBytes = new long[graph.nodeCount()];
        this.setupSentMessages = new long[graph.nodeCount()];
        this.setupSentBytes = new long[graph.nodeCount()];
        this.setupReceivedBytes = new long[graph.nodeCount()];
        this.paymentColumns = protocol.report().paymentColumns().size();
        this.timings = timings;
        this.floodView = new SlotBalances();
    }

    /**
     * Lets the protocol precompute with the whole workload on up to {@code threads} threads
     * ({@link RoutingProtocol#prepare}); call once, before {@link #setup}, or not at all. Its wall-clock time goes to
     * the timings sink.
     */
    public void prepare(List<PaymentRequest> payments, int threads) {
        long t0 = System.nanoTime();
        protocol.prepare(payments, threads, protocolSeeds);
        timings.addPreparation(System.nanoTime() - t0);
    }

    /** Lets the protocol do its set-up at the current time (call once, before payments start). */
    public void setup() {
        protocol.setup(new BaseContext());
    }

    /** Lets the protocol charge time-dependent costs at the end of the run (call once, after the run). */
    public void finish() {
        protocol.finish(new BaseContext());
    }

    /** Schedules a payment to start at its arrival time. */
    public void submit(PaymentRequest p) {
        open++;
        sim.scheduleAt(p.arrivalUs(), () -> new Tracker(p).start());
    }

    /** Payments submitted and not yet ended. */
    public int openPayments() {
        return open;
    }

    public RoutingProtocol protocol() {
        return protocol;
    }

    /** Control messages sent by node {@code n} (set-up and payments). */
    public long nodeControlMessages(int n) {
        return nodeMessages[n];
    }

    public long nodeControlBytes(int n) {
        return nodeBytes[n];
    }

    /** Control messages node {@code n} sent outside payments (set-up and finish). */
    public long nodeSetupMessagesSent(int n) {
        return setupSentMessages[n];
    }

    public long nodeSetupBytesSent(int n) {
        return setupSentBytes[n];
    }

    /** Bytes of control messages node {@code n} received outside payments (set-up and finish). */
    public long nodeSetupBytesReceived(int n) {
        return setupReceivedBytes[n];
    }

    /** Control messages charged outside payments (set-up and finish). */
    public long setupMessages() {
        return setupMessages;
    }

    public long setupBytes() {
        return setupBytes;
    }

    /** Control messages and bytes by message type, sorted by type: {@code {count, bytes}}. */
    public Map<String, long[]> controlByType() {
        return java.util.Collections.unmodifiableMap(byType);
    }

    // ------------------------------------------------------------------ contexts

    /** The {@link FloodView}: one per run, payment-independent, so a protocol keeps it from set-up on. */
    private final class SlotBalances implements FloodView {
        @Override
        public long channelSpendableAtSlotMsat(int node, int slot, boolean outgoing) {
            if (slot < graph.outStart(node) || slot >= graph.outEnd(node)) {
                throw new IllegalArgumentException("slot " + slot + " is not a channel of node " + node);
            }
            return state.spendableAtSlotMsat(slot, outgoing);
        }

        @Override
        public void copyChannelSpendableBySlot(long[] into) {
            state.copySpendableBySlot(into);
        }

        @Override
        public long channelSpendableChangeCount() {
            return state.spendableChangeCount();
        }

        @Override
        public long oldestChannelSpendableChange() {
            return state.oldestSpendableChange();
        }

        @Override
        public int channelSpendableChangeAt(long i) {
            return state.spendableChangeAt(i);
        }

        @Override
        public boolean controlDelaysFixed() {
            return relay.latency().controlUsFixed();
        }
    }

    /** The context of set-up and finish (traffic charged to set-up); payments extend it to count their own. */
    private class BaseContext implements ProtocolContext {
        private String lastType;
        private long[] lastTypeTotals;

        @Override
        public long now() {
            return sim.now();
        }

        @Override
        public ChannelGraph graph() {
            return graph;
        }

        @Override
        public SplittableRandom random() {
            return protocolRandom;
        }

        @Override
        public ProtocolSeeds seeds() {
            return protocolSeeds;
        }

        @Override
        public long ownSpendableMsat(int node, int e) {
            if (graph.source(e) != node) {
                throw new IllegalArgumentException("direction " + e + " does not leave node " + node);
            }
            return closedNow(e) ? 0 : state.spendableMsat(e);
        }

        @Override
        public int ownFreeHtlcSlots(int node, int e) {
            if (graph.source(e) != node) {
                throw new IllegalArgumentException("direction " + e + " does not leave node " + node);
            }
            return closedNow(e) ? 0 : state.freeSlots(e);
        }

        /** Whether e's channel has closed or not opened yet (issue 22), which its ends know at once. */
        private boolean closedNow(int e) {
            if (!beliefs.active()) {
                return false;
            }
            beliefs.truth().advanceTo(sim.now());
            return beliefs.truth().isClosed(e);
        }

        @Override
        public <V> V view(Class<V> kind) {
            if (kind == FloodView.class) {
                return kind.cast(floodView);
            }
            if (kind == TimingsSink.class) {
                return kind.cast(timings);
            }
            if (kind == org.lnsim.engine.policy.PolicyBeliefs.class) {
                return kind.cast(beliefs);
            }
            if (kind == BulkCharges.class) {
                return kind.cast((BulkCharges) this::chargeControlPerNode);
            }
            if (kind == OracleView.class) {
                if (protocol.knowledge() != Knowledge.TRUE_BALANCES) {
                    throw new ViewRefusedException("protocol " + protocol.name() + " declares "
                            + protocol.knowledge() + " and may not see true balances (OracleView needs "
                            + Knowledge.TRUE_BALANCES + ")");
                }
                return kind.cast((OracleView) state::spendableMsat);
            }
            throw new ViewRefusedException("protocol " + protocol.name() + " asked for " + kind.getName()
                    + ", which the engine does not offer (it offers FloodView, BulkCharges, TimingsSink, "
                    + "PolicyBeliefs and OracleView)");
        }

        @Override
        public void sendControl(int e, String type, int bytes, Event onDelivery) {
            if (bytes < 0) {
                throw new IllegalArgumentException("negative message size");
            }
            int target = graph.target(e);
            boolean delivered = availability.isOnline(target, sim.now());
            chargeControl(graph.source(e), delivered ? target : -1, type, 1, bytes);
            if (delivered) {
                sim.schedule(relay.latency().controlUs(e), onDelivery);
            }
        }

        @Override
        public void chargeControl(int sender, int receiver, String type, long messages, long bytes) {
            if (messages < 0 || bytes < 0) {
                throw new IllegalArgumentException("negative message count or size");
            }
            nodeMessages[sender] += messages;
            nodeBytes[sender] += bytes;
            long[] t;
            if (type.equals(lastType)) {
                t = lastTypeTotals;   // a flood charges ~100K nodes with one type in a row
            } else {
                t = byType.computeIfAbsent(type, k -> new long[2]);
                lastType = type;
                lastTypeTotals = t;
            }
            t[0] += messages;
            t[1] += bytes;
            attribute(sender, receiver, messages, bytes);
        }

        private void chargeControlPerNode(String type, long[] sentMessages, long[] sentBytes, long[] receivedBytes) {
            int n = graph.nodeCount();
            if (sentMessages.length != n || sentBytes.length != n || receivedBytes.length != n) {
                throw new IllegalArgumentException("per-node charges need one entry per node");
            }
            for (int v = 0; v < n; v++) {
                if (sentMessages[v] < 0 || sentBytes[v] < 0 || receivedBytes[v] < 0) {
                    throw new IllegalArgumentException("negative message count or size at node " + v);
                }
            }
            for (int v = 0; v < n; v++) {
                if (sentMessages[v] > 0 || sentBytes[v] > 0) {
                    chargeControl(v, -1, type, sentMessages[v], sentBytes[v]);
                }
                if (receivedBytes[v] > 0) {
                    attributeReceived(v, receivedBytes[v]);
                }
            }
        }

        /** Bytes received by a node, their sending already counted (set-up only; payments count their own). */
        void attributeReceived(int receiver, long bytes) {
            setupReceivedBytes[receiver] += bytes;
        }

        /** Set-up traffic: counted to the run's set-up and per node both ways; payments count their own. */
        void attribute(int sender, int receiver, long messages, long bytes) {
            setupMessages += messages;
            setupBytes += bytes;
            setupSentMessages[sender] += messages;
            setupSentBytes[sender] += bytes;
            if (receiver >= 0) {
                setupReceivedBytes[receiver] += bytes;
            }
        }

        @Override
        public long nodeToggles(int node) {
            return availability.toggles(node, sim.now());
        }

        @Override
        public long controlDelayUs(int e) {
            return relay.latency().controlUs(e);
        }

        @Override
        public long controlTimeoutUs(int e) {
            return relay.latency().offlineUs(e);
        }

        @Override
        public void schedule(long delayUs, Event timer) {
            sim.schedule(delayUs, timer);
        }
    }


    /** One payment's state; its context for the session. */
    private final class Tracker extends BaseContext implements PaymentContext {
        final PaymentRequest p;
        final long deadline;
        PaymentSession session;
        int attempts;
        int inFlight;
        int maxInFlight;
        long finalPayloadBytes;
        boolean gaveUp;
        String reason;
        boolean finished;
        long deliveredMsat;
        int parts;
        int hops;
        long feeMsat;
        int[] route;
        FailureCode lastFailure;
        int lastFailureHop = -1;
        int noBalance;
        int offline;
        int policyFailures;
        long messages;
        long bytes;
        long discoveryUs;
        final long[] columns = new long[paymentColumns];

        Tracker(PaymentRequest p) {
            this.p = p;
            this.deadline = p.arrivalUs() + limits.timeoutUs();
        }

        void start() {
            session = protocol.open(this);
            sim.scheduleAt(deadline, this::maybeFinish);
            session.start();
            maybeFinish();
        }

        @Override
        void attribute(int sender, int receiver, long count, long size) {
            messages += count;
            bytes += size;
        }

        @Override
        void attributeReceived(int receiver, long size) {
            // a payment's messages are counted once, on the sent side
        }

        @Override
        public void addToColumn(int column, long delta) {
            columns[column] += delta;
        }

        @Override
        public void addDiscoveryUs(long us) {
            if (us < 0) {
                throw new IllegalArgumentException("negative discovery time");
            }
            discoveryUs += us;
        }

        @Override
        public PaymentRequest payment() {
            return p;
        }

        @Override
        public long deadlineUs() {
            return deadline;
        }

        @Override
        public boolean send(HtlcPath path) {
            if (graph.source(path.direction(0)) != p.sender()
                    || graph.target(path.direction(path.hops() - 1)) != p.receiver()) {
                throw new IllegalArgumentException("payment " + p.id() + ": path does not lead from sender to receiver");
            }
            if (path.paymentId() != p.id() || path.totalMsat() != p.amountMsat()) {
                throw new IllegalArgumentException("payment " + p.id() + ": path carries another payment id or total");
            }
            if (finished || gaveUp || sim.now() >= deadline || attempts >= limits.maxAttempts()) {
                return false;
            }
            attempts++;
            inFlight++;
            maxInFlight = Math.max(maxInFlight, inFlight);
            PaymentKind kind = protocol.paymentKind();
            finalPayloadBytes += kind.finalHopPayloadBytes(path.deliverMsat(), path.totalMsat(),
                    BLOCK_HEIGHT + path.finalCltv(), attempts - 1);
            relay.send(path, kind, this::onResult);
            return true;
        }

        @Override
        public void giveUp(String why) {
            if (!gaveUp) {
                gaveUp = true;
                reason = why;
            }
            maybeFinish();
        }

        void onResult(AttemptResult r) {
            inFlight--;
            messages += r.messages();
            bytes += r.bytes();
            HtlcPath path = r.path();
            if (r.succeeded()) {
                deliveredMsat += path.deliverMsat();
                parts++;
                hops = Math.max(hops, path.hops());
                feeMsat += path.sentMsat() - path.deliverMsat();
                if (route == null) {
                    route = path.directions();
                }
            } else {
                if (r.failure().carriesChannelUpdate()) {
                    beliefs.learn(p.sender(), r.failingDirection(), r.policyUpdate());
                }
                lastFailure = r.failure();
                lastFailureHop = r.failingHop();
                if (r.failure() == FailureCode.TEMPORARY_CHANNEL_FAILURE) {
                    noBalance++;
                } else if (r.failure() == FailureCode.UNKNOWN_NEXT_PEER) {
                    offline++;
                } else if (r.policyUpdate() >= 0 && (r.failure() == FailureCode.FEE_INSUFFICIENT
                        || r.failure() == FailureCode.INCORRECT_CLTV_EXPIRY)) {
                    policyFailures++;
                }
            }
            if (!finished && deliveredMsat < p.amountMsat()) {
                session.onAttemptResult(r);
            } else if (!finished && r.succeeded()) {
                session.onDelivered(r); // the attempt that completed the payment
            }
            maybeFinish();
        }

        void maybeFinish() {
            if (finished || inFlight > 0) {
                return;
            }
            boolean delivered = deliveredMsat >= p.amountMsat();
            if (!delivered && !gaveUp && sim.now() < deadline) {
                return;
            }
            boolean partial = !delivered && parts > 0;
            if (partial && !(protocol.paymentKind() == PaymentKind.MPP && relay.receiversClaimEarly())) {
                // the receiver fulfils a multi-part set only once its total has arrived (HtlcRelay)
                throw new IllegalStateException("atomicity violated: payment " + p.id() + " settled " + parts
                        + " part(s) but did not deliver its amount");
            }
            finished = true;
            open--;
            boolean timedOut = !delivered && sim.now() >= deadline;
            String why = delivered ? null : (gaveUp ? reason : "timeout");
            boolean settled = delivered || partial;
            sink.accept(new PaymentOutcome(p, protocol.name(), delivered, sim.now(), attempts,
                    settled ? parts : 0, settled ? hops : 0, settled ? feeMsat : 0, lastFailure,
                    lastFailureHop, why, timedOut, noBalance, offline, messages, bytes,
                    delivered ? route : new int[0], maxInFlight, discoveryUs, columns.clone(),
                    partial ? deliveredMsat : 0, finalPayloadBytes, beliefs.active() ? policyFailures : -1));
        }
    }
}
