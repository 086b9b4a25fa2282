package org.lnsim.engine.payment;

import java.util.SplittableRandom;
import org.lnsim.engine.Event;
import org.lnsim.network.ChannelGraph;

/** What the engine offers a protocol at any time: the clock, the graph, randomness, balances it may know, messages. */
public interface ProtocolContext {
    long now();

    ChannelGraph graph();

    /** The protocol's own random stream, {@code "protocol.<name>"} of the run's seed. */
    SplittableRandom random();

    /** Seeds of the protocol's named streams, for draws that must not depend on the order of other draws. */
    ProtocolSeeds seeds();

    /**
     * What {@code node} can send right now on direction {@code e}, which must leave {@code node}: every node knows
     * its own channels.
     *
     * @throws IllegalArgumentException if e does not leave node
     */
    long ownSpendableMsat(int node, int e);

    /**
     * How many more HTLCs {@code node} can offer on direction {@code e} (its own channel) right now.
     *
     * @throws IllegalArgumentException if e does not leave node
     */
    int ownFreeHtlcSlots(int node, int e);

    /**
     * What each end of {@code node}'s channel at adjacency slot {@code slot} ({@link ChannelGraph#outStart}) can send
     * right now: node → peer if {@code outgoing}, else peer → node. Both are the node's own knowledge: each side of a
     * channel holds both balances in its commitment transactions. Read in slot order, for floods that scan a node's
     * channels one after another (sequential memory, where {@link #ownSpendableMsat} jumps across the network).
     *
     * @throws IllegalArgumentException if slot is not one of node's
     */
    long channelSpendableAtSlotMsat(int node, int slot, boolean outgoing);

    /**
     * {@link #channelSpendableAtSlotMsat} of every slot of every node at once, copied into {@code into} (length 4 ×
     * channels): [2·slot] outgoing, [2·slot + 1] incoming. For protocols that compute many nodes' local decisions
     * together, possibly on another thread or ahead of time (a flood); each node's decision may still use only its
     * own slots.
     */
    void copyChannelSpendableBySlot(long[] into);

    /**
     * Changes to {@link #channelSpendableAtSlotMsat} so far, counted per direction change (see
     * {@link #channelSpendableChangeAt}): a copy made by {@link #copyChannelSpendableBySlot} when this count was k
     * differs from the amounts now only at the slots of changes k, k + 1, … up to this count.
     */
    long channelSpendableChangeCount();

    /** The oldest change {@link #channelSpendableChangeAt} can still tell (older ones are forgotten). */
    long oldestChannelSpendableChange();

    /**
     * The direction e whose spendable amount changed at change {@code i}: it is read at [2·slot] of e's source for
     * the slot carrying e, and at [2·slot + 1] of e's target for the slot carrying e ^ 1.
     *
     * @throws IndexOutOfBoundsException unless i is in [{@link #oldestChannelSpendableChange()},
     *                                   {@link #channelSpendableChangeCount()})
     */
    int channelSpendableChangeAt(long i);

    /**
     * The true spendable amount on any direction.
     *
     * @throws IllegalStateException unless the protocol declared {@link Knowledge#TRUE_BALANCES}
     */
    long trueSpendableMsat(int e);

    /**
     * A live view of every direction's true spendable amount ({@link #trueSpendableMsat} without the knowledge check
     * on each call), for searches that read it once per edge.
     *
     * @throws IllegalStateException unless the protocol declared {@link Knowledge#TRUE_BALANCES}
     */
    java.util.function.IntToLongFunction trueSpendableView();

    /**
     * Sends a control message of {@code bytes} along direction e (from its source to its neighbour, its target);
     * {@code onDelivery} fires when it arrives. Counted per node (sent by the source, received by the target) and
     * type; dropped (still counted as sent, not as received) when the target is offline at send time.
     */
    void sendControl(int e, String type, int bytes, Event onDelivery);

    /**
     * Accounts {@code messages} control messages of {@code bytes} in total sent by {@code node}, without simulating
     * their delivery: for traffic modelled analytically, such as a full gossip sync (millions of messages whose
     * timing does not matter to payments).
     */
    default void chargeControl(int node, String type, long messages, long bytes) {
        chargeControl(node, -1, type, messages, bytes);
    }

    /**
     * As {@link #chargeControl(int, String, long, long)}, naming the node that receives them too ({@code -1}:
     * spread over many or not tracked), so that set-up traffic can be reported per node both ways.
     */
    void chargeControl(int sender, int receiver, String type, long messages, long bytes);

    /**
     * Accounts control traffic of one type computed in bulk for every node at once: node n sent
     * {@code sentMessages[n]} messages of {@code sentBytes[n]} bytes in total and received {@code receivedBytes[n]}
     * bytes. For traffic with too many sender–receiver pairs to charge one pair at a time (a set-up replay on a
     * million channels); the totals count the sent side, as {@link #chargeControl(int, int, String, long, long)}
     * does. Arrays are indexed by node.
     */
    void chargeControlPerNode(String type, long[] sentMessages, long[] sentBytes, long[] receivedBytes);

    /**
     * The delay of a control message on direction {@code e} under the run's latency model, as {@link #sendControl}
     * would schedule it: for protocols that compute many deliveries at once (a flood as one wave, an onion-routed
     * request over several hops) instead of one event each. Fixed per channel in the {@code commitment} and
     * {@code fixed} models; the {@code cloth} model draws a fresh delay on each call.
     */
    long controlDelayUs(int e);

    /**
     * Whether {@link #controlDelayUs} depends on the direction alone for the whole run (the {@code commitment} and
     * {@code fixed} models), so that a protocol may keep the delays in its own layout.
     */
    boolean controlDelaysFixed();

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
