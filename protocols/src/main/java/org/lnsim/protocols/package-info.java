/**
 * Routing schemes. Each scheme is a family sub-package (router, source routing, beacon, ant, multi-part) that
 * plugs into the engine's protocol interface; nothing in {@code sim-engine} depends on this module.
 *
 * <p>Contract: schemes read the immutable {@link org.lnsim.network.ChannelGraph}, draw randomness only from named
 * streams of the run's seed (the engine's protocol stream, or {@link org.lnsim.random.NamedStreams} for values that
 * must be pure functions of a payment), and keep no global mutable state.
 */
package org.lnsim.protocols;
