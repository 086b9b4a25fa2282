/**
 * Network statistics with the definitions of the shared snapshots' {@code anchor-stats.json}, the Million Channels
 * Project properties and real gossip sizes.
 *
 * <p>Contract: pure functions of a {@link org.lnsim.network.ChannelGraph}; key names and definitions are stable
 * because other tools read them; a statistic that is undefined for a network is {@code null}, never a made-up 0.
 */
package org.lnsim.network.stats;
