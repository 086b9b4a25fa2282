package org.lnsim.engine.payment;

import org.lnsim.network.ChannelGraph;

/**
 * Opt-in view ({@link ProtocolContext#view}) for flooding schemes that compute many nodes' local decisions together,
 * possibly on another thread or ahead of time (ant's seed waves): every node's own channel balances read in adjacency
 * slot order, copied in bulk, and the change journal that brings such a copy up to date. Each node's decision may
 * still use only its own slots, so the view is own knowledge and granted to every protocol; the engine hands out one
 * live instance per run, so fetch it once (at set-up) and keep it — reads through it are on the flood's hot path.
 *
 * <p>Layout of a bulk copy (length 4 × channels): {@code [2·slot]} is what the slot's node can send to its peer,
 * {@code [2·slot + 1]} what the peer can send to it, slot as in {@link ChannelGraph#outStart}.
 */
public interface FloodView {
    /**
     * What each end of {@code node}'s channel at adjacency slot {@code slot} can send right now: node → peer if
     * {@code outgoing}, else peer → node. Both are the node's own knowledge: each side of a channel holds both
     * balances in its commitment transactions.
     *
     * @throws IllegalArgumentException if slot is not one of node's
     */
    long channelSpendableAtSlotMsat(int node, int slot, boolean outgoing);

    /** {@link #channelSpendableAtSlotMsat} of every slot of every node at once, into {@code into} (see the layout). */
    void copyChannelSpendableBySlot(long[] into);

    /**
     * Changes to {@link #channelSpendableAtSlotMsat} so far, counted per direction change: a copy made when this count
     * was k differs from the amounts now only at the slots of changes k, k + 1, … up to this count.
     */
    long channelSpendableChangeCount();

    /** The oldest change {@link #channelSpendableChangeAt} can still tell (older ones are forgotten). */
    long oldestChannelSpendableChange();

    /**
     * The direction e whose spendable amount changed at change {@code i}: it is read at [2·slot] of e's source for the
     * slot carrying e, and at [2·slot + 1] of e's target for the slot carrying e ^ 1.
     *
     * @throws IndexOutOfBoundsException unless i is in [{@link #oldestChannelSpendableChange()},
     *                                   {@link #channelSpendableChangeCount()})
     */
    int channelSpendableChangeAt(long i);

    /**
     * Whether {@link ProtocolContext#controlDelayUs} depends on the direction alone for the whole run (the
     * {@code commitment} and {@code fixed} latency models), so that a flood may keep the delays in its own layout.
     */
    boolean controlDelaysFixed();
}
