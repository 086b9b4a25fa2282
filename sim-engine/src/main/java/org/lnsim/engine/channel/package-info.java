/**
 * Mutable per-run channel state: who holds how much of each channel's capacity, and what is locked in HTLCs.
 *
 * <p>Contract: all amounts are msat in {@code long}. For every channel c with directions {@code 2c} and {@code 2c+1},
 * {@code balance(2c) + balance(2c+1) + inFlight(2c) + inFlight(2c+1) == capacity(c) × 1000} holds after every
 * operation, no balance or in-flight amount is negative, and no direction holds more than
 * {@code max_accepted_htlcs} HTLCs ({@link org.lnsim.engine.channel.ChannelState#checkChannel(int)} verifies it).
 * The immutable topology stays in {@link org.lnsim.network.ChannelGraph}; this package only adds the state a run
 * changes. Every change of a direction's spendable amount is journaled (the latest 2^19 at least), so that a reader
 * holding an older copy can bring it up to date, or tell what changed, without reading every channel.
 */
package org.lnsim.engine.channel;
