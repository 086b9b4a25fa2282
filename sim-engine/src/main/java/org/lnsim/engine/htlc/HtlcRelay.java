package org.lnsim.engine.htlc;

import org.lnsim.engine.Simulation;
import org.lnsim.engine.channel.ChannelState;
import org.lnsim.engine.policy.PolicyUpdates;
import org.lnsim.network.ChannelGraph;

/**
 * Carries payment attempts along their paths, hop by hop, in simulated time (BOLT 2 update/commit, BOLT 4 errors).
 *
 * <h2>Forward</h2>
 * The node at position i (the sender is 0) that holds the HTLC decides about hop i (direction {@code e_i}). Checks,
 * in this order, with the code it fails with:
 * <ol>
 *   <li>e_i is known and enabled — else {@code channel_disabled}; its channel has not closed (issue 22) — else
 *       {@code permanent_channel_failure};</li>
 *   <li>for i ≥ 1, the incoming amount covers the outgoing amount plus e_i's BOLT 7 fee on it — else
 *       {@code fee_insufficient}; and the incoming CLTV exceeds the outgoing one by at least e_i's
 *       {@code cltv_expiry_delta} — else {@code incorrect_cltv_expiry};</li>
 *   <li>the outgoing amount is at least {@code htlc_minimum_msat} — else {@code amount_below_minimum}; at most
 *       {@code htlc_maximum_msat} — else {@code temporary_channel_failure};</li>
 *   <li>the next node is online — else, after the latency model's offline delay, {@code unknown_next_peer};</li>
 *   <li>the node's balance on e_i minus the amount keeps the reserve and an HTLC slot is free — else
 *       {@code temporary_channel_failure}.</li>
 * </ol>
 * Passing, the node locks the amount on e_i ({@link ChannelState#offer}) and the HTLC reaches node i+1 after
 * {@link LatencyModel#offerUs}. The receiver (position n) checks that the amount is at least what the part should
 * bring ({@code incorrect_or_unknown_payment_details}) and the CLTV at least its final CLTV
 * ({@code final_incorrect_cltv_expiry}).
 *
 * <h2>Multi-part payments (BOLT 4 basic_mpp, lightning-facts §7.2)</h2>
 * A part that is not the whole payment is held. Once the parts held for a payment id bring at least its total, all
 * of them are fulfilled together; if that has not happened {@code mppTimeoutUs} (default 60 s) after the first held
 * part arrived, every held part is failed with {@code mpp_timeout}. So no part settles unless all do: lnsim's
 * multi-part payments are atomic at the receiver, unlike CLoTH's (peer-simulators §1) — unless the run's receivers
 * {@link ReceiverBehaviour#CLAIMS_EARLY claim early} and the payment is {@link PaymentKind#MPP}: then each part is
 * settled as it arrives. An {@link PaymentKind#AMP} part is always held (the receiver cannot derive its preimage).
 *
 * <h2>Back</h2>
 * A fulfil crosses hop j (from node j+1 to node j) in {@link LatencyModel#resolveUs}; on arrival node j's lock on
 * e_j settles (the amount moves to node j+1's side). A failure does the same but releases the lock back to node j.
 * The sender's listener is called when the resolution of hop 0 is committed. Failures before any lock (at the
 * sender) are reported at once, or after the offline delay for an offline first peer.
 *
 * <h2>Nodes offline while holding an HTLC (issue 22)</h2>
 * A node that must act on an attempt — forward it (decide), accept it (the receiver), or send its fulfil or fail
 * back — and is offline at that moment holds it until it comes back online ({@link NodeAvailability#nextOnlineUs});
 * meanwhile every lock upstream stays. If the HTLC it received expires first — {@code cltv} blocks of
 * {@link #BLOCK_US} after the attempt began — the upstream node takes it back on chain at the expiry: its lock is
 * released and it fails the attempt upstream with {@code permanent_channel_failure} (BOLT 4 PERM|8; the channel's
 * closing itself is not modelled). A fulfil held by an offline node is passed back when the node returns, however
 * late (it can claim on chain with the preimage; the race with the timeout is not modelled). The sender's payment
 * waits for its attempts, as lnd and c-lightning do for HTLCs in flight.
 *
 * <h2>Policies that change (issue 22)</h2>
 * Fees and CLTV deltas are checked against each direction's <em>current</em> policy ({@link PolicyUpdates}; the
 * graph's announced one on a static network), which the sender may not know yet. A failure with the BOLT 4 UPDATE
 * flag carries the failing direction's current channel_update: {@link AttemptResult#policyUpdate} names it. A channel
 * that has closed takes no new HTLC ({@code permanent_channel_failure}, checked before the fee); HTLCs already on it
 * resolve as usual.
 */
public final class HtlcRelay {
    /** Receives an attempt's outcome. */
    @FunctionalInterface
    public interface Listener {
        void onResult(AttemptResult result);
    }

    /** How long a receiver holds an incomplete multi-part set: 60 s (c-lightning, eclair; lightning-facts §7.2). */
    public static final long DEFAULT_MPP_TIMEOUT_US = 60_000_000;

    private final Simulation sim;
    private final ChannelState state;
    private final ChannelGraph graph;
    private final LatencyModel latency;
    private final NodeAvailability availability;
    private final long mppTimeoutUs;
    private final ReceiverBehaviour receivers;
    private final PolicyUpdates policies;
    /** Payment messages (update_add, fulfil, fail) and their bytes, by sending node. */
    private final long[] nodeMessages;
    private final long[] nodeBytes;
    private final java.util.Map<Long, HeldSet> held = new java.util.HashMap<>();
    private long heldOffline;

    /**
     * Bitcoin's target block interval, 10 minutes: the time a CLTV expiry of one block stands for when an HTLC held
     * by an offline node times out (BIP 94 / the consensus difficulty target of 2016 blocks per two weeks).
     */
    public static final long BLOCK_US = 600_000_000L;

    public HtlcRelay(Simulation sim, ChannelState state, LatencyModel latency, NodeAvailability availability,
                     long mppTimeoutUs) {
        this(sim, state, latency, availability, mppTimeoutUs, ReceiverBehaviour.HONEST);
    }

    /** With the run's receiver behaviour for multi-part payments. */
    public HtlcRelay(Simulation sim, ChannelState state, LatencyModel latency, NodeAvailability availability,
                     long mppTimeoutUs, ReceiverBehaviour receivers) {
        this(sim, state, latency, availability, mppTimeoutUs, receivers, PolicyUpdates.none(state.graph()));
    }

    /** With the run's policy updates: forwarding nodes enforce their current policies. */
    public HtlcRelay(Simulation sim, ChannelState state, LatencyModel latency, NodeAvailability availability,
                     long mppTimeoutUs, ReceiverBehaviour receivers, PolicyUpdates policies) {
        if (mppTimeoutUs <= 0) {
            throw new IllegalArgumentException("MPP timeout must be positive: " + mppTimeoutUs);
        }
        this.sim = sim;
        this.state = state;
        this.graph = state.graph();
        this.latency = latency;
        this.availability = availability;
        this.mppTimeoutUs = mppTimeoutUs;
        this.receivers = java.util.Objects.requireNonNull(receivers);
        this.policies = java.util.Objects.requireNonNull(policies);
        if (policies.graph() != graph) {
            throw new IllegalArgumentException("policy updates belong to another graph");
        }
        this.nodeMessages = new long[graph.nodeCount()];
        this.nodeBytes = new long[graph.nodeCount()];
    }

    /** Counts one payment message of {@code bytes} sent by {@code node} for attempt {@code a}. */
    private void count(Attempt a, int node, int bytes) {
        a.messages++;
        a.bytes += bytes;
        nodeMessages[node]++;
        nodeBytes[node] += bytes;
    }

    /** Payment messages (update_add_htlc, update_fulfill_htlc, update_fail_htlc) node {@code n} has sent. */
    public long nodePaymentMessages(int n) {
        return nodeMessages[n];
    }

    /** Their total size in bytes. */
    public long nodePaymentBytes(int n) {
        return nodeBytes[n];
    }

    public HtlcRelay(Simulation sim, ChannelState state, LatencyModel latency, NodeAvailability availability) {
        this(sim, state, latency, availability, DEFAULT_MPP_TIMEOUT_US);
    }

    public LatencyModel latency() {
        return latency;
    }

    /** The parts of one payment the receiver holds until their sum reaches the total. */
    private static final class HeldSet {
        final java.util.List<Attempt> parts = new java.util.ArrayList<>();
        long sumMsat;
        boolean closed;
    }

    /** Starts an attempt along {@code path} now; {@code listener} hears the outcome at the time the sender does. */
    public void send(HtlcPath path, Listener listener) {
        send(path, PaymentKind.MPP, listener);
    }

    /** As {@link #send(HtlcPath, Listener)}, for a part of a payment of the given kind. */
    public void send(HtlcPath path, PaymentKind kind, Listener listener) {
        path.checkConnected(graph);
        Attempt a = new Attempt(path, kind, listener, sim.now());
        decide(a, 0);
    }

    /** Whether receivers settle parts of an incomplete {@link PaymentKind#MPP} payment as they arrive. */
    public boolean receiversClaimEarly() {
        return receivers == ReceiverBehaviour.CLAIMS_EARLY;
    }

    /** One attempt in flight. */
    private static final class Attempt {
        final HtlcPath path;
        final PaymentKind kind;
        final Listener listener;
        final long startUs;
        int messages;
        long bytes;
        FailureCode failure;
        int failingHop = -1;
        int failingDirection = -1;
        int policyUpdate = -1;

        Attempt(HtlcPath path, PaymentKind kind, Listener listener, long startUs) {
            this.path = path;
            this.kind = kind;
            this.listener = listener;
            this.startUs = startUs;
        }
    }

    /** The node at position i holds the HTLC (or, for i = 0, the payment) and decides about hop i. */
    private void decide(Attempt a, int i) {
        HtlcPath p = a.path;
        int e = p.direction(i);
        if (i > 0 && !availability.isOnline(graph.source(e), sim.now())) {
            holdOffline(a, i, () -> decide(a, i));
            return;
        }
        long out = p.amountMsat(i);
        FailureCode policy = checkPolicy(p, i);
        if (policy != null) {
            fail(a, i, e, policy, 0);
            return;
        }
        int next = graph.target(e);
        if (!availability.isOnline(next, sim.now())) {
            fail(a, i, e, FailureCode.UNKNOWN_NEXT_PEER, latency.offlineUs(e));
            return;
        }
        if (!state.canOffer(e, out)) {
            fail(a, i, e, FailureCode.TEMPORARY_CHANNEL_FAILURE, 0);
            return;
        }
        state.offer(e, out);
        count(a, graph.source(e), PaymentMessages.UPDATE_ADD_HTLC_BYTES);
        if (i + 1 == p.hops()) {
            sim.schedule(latency.offerUs(e), () -> receive(a));
        } else {
            sim.schedule(latency.offerUs(e), () -> decide(a, i + 1));
        }
    }

    /** The checks of hop i against e_i's current policy, or null when they pass. */
    private FailureCode checkPolicy(HtlcPath p, int i) {
        int e = p.direction(i);
        long out = p.amountMsat(i);
        if (!graph.isUsable(e)) {
            return FailureCode.CHANNEL_DISABLED;
        }
        policies.advanceTo(sim.now());
        if (policies.isClosed(e)) {
            return FailureCode.PERMANENT_CHANNEL_FAILURE;
        }
        if (i > 0) {
            if (p.amountMsat(i - 1) - out < policies.feeMsat(e, out)) {
                return FailureCode.FEE_INSUFFICIENT;
            }
            if ((long) p.cltv(i - 1) - p.cltv(i) < policies.cltvExpiryDelta(e)) {
                return FailureCode.INCORRECT_CLTV_EXPIRY;
            }
        }
        if (out < graph.htlcMinimumMsat(e)) {
            return FailureCode.AMOUNT_BELOW_MINIMUM;
        }
        if (graph.hasHtlcMaximum(e) && out > graph.htlcMaximumMsat(e)) {
            return FailureCode.TEMPORARY_CHANNEL_FAILURE;
        }
        return null;
    }

    /** The HTLC on the last hop reached the receiver. */
    private void receive(Attempt a) {
        HtlcPath p = a.path;
        int last = p.hops() - 1;
        int e = p.direction(last);
        if (!availability.isOnline(graph.target(e), sim.now())) {
            holdOffline(a, p.hops(), () -> receive(a));
            return;
        }
        if (p.amountMsat(last) < p.deliverMsat()) {
            fail(a, p.hops(), e, FailureCode.INCORRECT_OR_UNKNOWN_PAYMENT_DETAILS, 0);
        } else if (p.cltv(last) < p.finalCltv()) {
            fail(a, p.hops(), e, FailureCode.FINAL_INCORRECT_CLTV_EXPIRY, 0);
        } else if (p.isWholePayment() || (receiversClaimEarly() && a.kind == PaymentKind.MPP)) {
            fulfil(a);
        } else {
            hold(a);
        }
    }

    private void fulfil(Attempt a) {
        passBack(a, a.path.hops(), 0);
    }

    /**
     * Node {@code i} (≥ 1), offline, holds the HTLC it received on hop i−1: {@code resume} when it is back, unless
     * that HTLC expires first and node i−1 takes it back on chain.
     */
    private void holdOffline(Attempt a, int i, org.lnsim.engine.Event resume) {
        heldOffline++;
        long now = sim.now();
        long back = availability.nextOnlineUs(graph.target(a.path.direction(i - 1)), now);
        long expiry = expiryUs(a, i - 1);
        if (back <= expiry) {
            sim.schedule(back - now, resume);
        } else {
            sim.schedule(Math.max(0, expiry - now), () -> timedOutOnChain(a, i - 1));
        }
    }

    /** When the HTLC on hop j expires: its CLTV in blocks after the attempt began. */
    private static long expiryUs(Attempt a, int j) {
        return a.startUs + a.path.cltv(j) * BLOCK_US;
    }

    /** The HTLC on hop j expired while node j+1 held it offline: node j takes it back and fails upstream. */
    private void timedOutOnChain(Attempt a, int j) {
        HtlcPath p = a.path;
        state.fail(p.direction(j), p.amountMsat(j));
        a.failure = FailureCode.PERMANENT_CHANNEL_FAILURE;
        a.failingHop = j;
        a.failingDirection = p.direction(j);
        if (j == 0) {
            a.listener.onResult(result(a));
        } else {
            passBack(a, j, 0);
        }
    }

    /**
     * Node {@code from} (≥ 1) sends the attempt's resolution back over hop from−1 after {@code delayUs}; it reaches
     * node from−1 one {@link LatencyModel#resolveUs} later. An offline node sends it when it is back — a failure only
     * until the HTLC on hop from−1 expires ({@link #holdOffline}).
     */
    private void passBack(Attempt a, int from, long delayUs) {
        int e = a.path.direction(from - 1);
        long now = sim.now();
        if (availability.isOnline(graph.target(e), now)) {
            sim.schedule(delayUs + latency.resolveUs(e), () -> resolved(a, from - 1));
            return;
        }
        heldOffline++;
        long back = availability.nextOnlineUs(graph.target(e), now);
        if (a.failure != null && back > expiryUs(a, from - 1)) {
            sim.schedule(Math.max(0, expiryUs(a, from - 1) - now), () -> timedOutOnChain(a, from - 1));
        } else {
            sim.schedule(back - now, () -> passBack(a, from, delayUs));
        }
    }

    /** How many times a node held an attempt because it was offline when it had to act on it. */
    public long heldOffline() {
        return heldOffline;
    }

    /** Holds a part; completes the set when the total is reached; the first part starts the MPP timer. */
    private void hold(Attempt a) {
        long id = a.path.paymentId();
        HeldSet set = held.get(id);
        if (set == null) {
            HeldSet fresh = new HeldSet();
            held.put(id, fresh);
            sim.schedule(mppTimeoutUs, () -> expire(id, fresh));
            set = fresh;
        }
        set.parts.add(a);
        set.sumMsat += a.path.deliverMsat();
        if (set.sumMsat >= a.path.totalMsat()) {
            set.closed = true;
            held.remove(id);
            for (Attempt part : set.parts) {
                fulfil(part);
            }
        }
    }

    private void expire(long id, HeldSet set) {
        if (set.closed) {
            return;
        }
        set.closed = true;
        held.remove(id);
        for (Attempt part : set.parts) {
            HtlcPath p = part.path;
            fail(part, p.hops(), p.direction(p.hops() - 1), FailureCode.MPP_TIMEOUT, 0);
        }
    }

    /** Payments whose parts the receiver currently holds (0 once every set completed or timed out). */
    public int heldPayments() {
        return held.size();
    }

    /**
     * The resolution of hop j — a fulfil, or a fail once the attempt has a failure — reached node j: settle or
     * release its lock and pass the resolution on towards the sender.
     */
    private void resolved(Attempt a, int j) {
        HtlcPath p = a.path;
        int e = p.direction(j);
        if (a.failure == null) {
            state.settle(e, p.amountMsat(j));
            count(a, graph.target(e), PaymentMessages.UPDATE_FULFILL_HTLC_BYTES);
        } else {
            state.fail(e, p.amountMsat(j));
            count(a, graph.target(e), PaymentMessages.UPDATE_FAIL_HTLC_BYTES);
        }
        if (j == 0) {
            a.listener.onResult(result(a));
        } else {
            passBack(a, j, 0);
        }
    }

    /**
     * Node at position {@code hop} fails the attempt about direction {@code e} after {@code delayUs}; the failure
     * travels back across hop-1, …, 0.
     */
    private void fail(Attempt a, int hop, int e, FailureCode code, long delayUs) {
        a.failure = code;
        a.failingHop = hop;
        a.failingDirection = e;
        if (code.carriesChannelUpdate() && hop < a.path.hops()) {
            policies.advanceTo(sim.now());
            a.policyUpdate = policies.latest(e);
        }
        if (hop == 0) {
            if (delayUs == 0) {
                a.listener.onResult(result(a));
            } else {
                sim.schedule(delayUs, () -> a.listener.onResult(result(a)));
            }
            return;
        }
        passBack(a, hop, delayUs);
    }

    private AttemptResult result(Attempt a) {
        return new AttemptResult(a.path, a.failure, a.failingHop, a.failingDirection, a.startUs, sim.now(),
                a.messages, a.bytes, a.policyUpdate);
    }
}
