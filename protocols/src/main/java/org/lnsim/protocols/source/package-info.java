/**
 * Full-gossip source routing, the baseline every other scheme is compared with: each node knows the whole public
 * graph from BOLT 7 gossip and the sender computes the route with the {@link org.lnsim.protocols.routing.HybridRouter}
 * (c-lightning 2019), retrying around failures as c-lightning's pay plugin does; and the oracle, the same router on
 * true balances, which never picks a route short of balance (but is no upper bound over a workload: see
 * {@link org.lnsim.protocols.source.OracleRouting}). The pay loop's retry body
 * ({@link org.lnsim.protocols.source.PayLoopAttempts}) is the one every single-path protocol built on this router
 * extends, {@code beacon}'s included.
 *
 * <p>Contract: protocols here implement {@link org.lnsim.engine.payment.RoutingProtocol} and touch the run only
 * through the engine's contexts; they keep no static state.
 */
package org.lnsim.protocols.source;
