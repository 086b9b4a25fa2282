/**
 * The payment lifecycle at HTLC level (BOLT 2/4): an attempt along a given path is offered hop by hop, each hop
 * checking the announced policy, its outgoing balance and HTLC slots before locking funds and forwarding; the
 * receiver fulfils; fulfil or fail travels back hop by hop, settling or releasing each lock.
 *
 * <p>Contract: {@link org.lnsim.engine.htlc.HtlcRelay} moves money only through
 * {@link org.lnsim.engine.channel.ChannelState}, so funds are conserved per channel after every event; every HTLC it
 * offers is resolved exactly once; every attempt ends in exactly one {@link org.lnsim.engine.htlc.AttemptResult}
 * delivered to its listener at the simulated time the sender learns it. Delays come from a
 * {@link org.lnsim.engine.htlc.LatencyModel}; failures carry BOLT 4 codes ({@link
 * org.lnsim.engine.htlc.FailureCode}). This package knows paths, not routing: protocols decide the path.
 */
package org.lnsim.engine.htlc;
