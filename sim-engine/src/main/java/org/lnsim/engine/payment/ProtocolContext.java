package org.lnsim.engine.payment;

import java.util.SplittableRandom;
import org.lnsim.engine.Event;
import org.lnsim.network.ChannelGraph;

/**
 * What the engine offers every protocol at any time — the core every scheme needs: the clock, the graph, randomness,
 * the balances and HTLC slots of a node's own channels, control messages (sent or charged) with their delays, churn
 * and timers. What only one family of schemes needs is an opt-in {@link #view} the engine grants or refuses.
 */
public interface ProtocolContext {
    long now();

    ChannelGraph graph();

    /** The protocol's own random stream, {@code "protocol.<name>"} of the run's seed. */
    SplittableRandom random();

    /** Seeds of the protocol's named streams, for draws that must not depend on the order of other draws. */
    ProtocolSeeds seeds();

    /**
     * What {@code node} can send right now on direction {@code e}, which must leave {@code node}: every node knows
     * its own channels — 0 on one that has closed or not opened yet (issue 22: its ends know at once).
     *
     * @throws IllegalArgumentException if e does not leave node
     */
    long ownSpendableMsat(int node, int e);

    /**
     * How many more HTLCs {@code node} can offer on direction {@code e} (its own channel) right now (0 on one
     * that has closed or not opened yet).
     *
     * @throws IllegalArgumentException if e does not leave node
     */
    int ownFreeHtlcSlots(int node, int e);

    /**
     * An opt-in view beyond this core, which the engine grants or refuses: {@link OracleView} (true balances, only
     * to a protocol that declares {@link Knowledge#TRUE_BALANCES}), {@link FloodView} (own balances by adjacency slot
     * with their change journal, for floods) and {@link BulkCharges} (control traffic charged per node in bulk),
     * {@link TimingsSink} (wall-clock figures for {@code timings.csv}) and
     * {@link org.lnsim.engine.policy.PolicyBeliefs} (policies that change during the run, and what each node
     * believes of them).
     * Ask once, where the protocol sets itself up (or once per payment), and keep the view: asking checks, reading
     * does not.
     *
     * @throws ViewRefusedException if the protocol's knowledge does not allow the view or the engine has no such kind
     */
    <V> V view(Class<V> kind);

    /**
     * Sends a control message of {@code bytes} along direction e (from its source to its neighbour, its target);
     * {@code onDelivery} fires when it arrives. Counted per node (sent by the source, received by the target) and
     * type; dropped (still counted as sent, not as received) when the target is offline at send time.
     */
    void sendControl(int e, String type, int bytes, Event onDelivery);

    /**
     * Accounts {@code messages} control messages of {@code bytes} in total sent by {@code sender} to
     * {@code receiver} ({@code -1}: spread over many or not tracked), without simulating their delivery: for traffic
     * modelled analytically, such as a full gossip sync (millions of messages whose timing does not matter to
     * payments). Naming the receiver lets set-up traffic be reported per node both ways.
     */
    void chargeControl(int sender, int receiver, String type, long messages, long bytes);

    /**
     * The delay of a control message on direction {@code e} under the run's latency model, as {@link #sendControl}
     * would schedule it: for protocols that compute many deliveries at once (a flood as one wave, an onion-routed
     * request over several hops) instead of one event each. Fixed per channel in the {@code commitment} and
     * {@code fixed} models; the {@code cloth} model draws a fresh delay on each call.
     */
    long controlDelayUs(int e);

    /**
     * How long the source of direction {@code e} waits for an answer before concluding that {@code e}'s target is
     * offline, under the run's latency model ({@code LatencyModel.offlineUs}): for request/response exchanges over
     * control messages, whose request {@link #sendControl} drops silently when a node on the way is offline.
     */
    long controlTimeoutUs(int e);

    /**
     * How many times {@code node} went offline or came back online so far (the run's churn); for protocols that
     * charge the gossip it causes, at {@link RoutingProtocol#finish}.
     */
    long nodeToggles(int node);

    /** Runs {@code timer} after {@code delayUs}. */
    void schedule(long delayUs, Event timer);
}
