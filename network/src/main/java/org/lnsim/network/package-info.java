/**
 * The network model: the immutable public channel graph ({@link org.lnsim.network.ChannelGraph}) with nodes, channels
 * and per-direction BOLT 7 policies, built by {@link org.lnsim.network.ChannelGraphBuilder} (or grown into a new
 * graph by {@code ChannelGraph.withChannels}, which keeps every index).
 *
 * <p>Contract: money is integer msat (capacities integer sat) in {@code long}; fee arithmetic is BOLT 7's integer
 * formula ({@link org.lnsim.network.Fees}); nodes are indexed in node-id order and channels in scid order, so the
 * same network always gets the same indices; nothing here is mutable after {@code build()}, and nothing here knows
 * about balances, time or protocols. Depends on nothing else in lnsim.
 */
package org.lnsim.network;
