/**
 * Routing schemes. Each scheme is a family sub-package (router, source routing, beacon, ant, multi-part, lnd) that
 * plugs into the engine's protocol interface, with a settings record declaring its configuration keys
 * ({@link org.lnsim.protocols.settings}); nothing in {@code sim-engine} depends on this module.
 *
 * <p>Contract: schemes read the immutable {@link org.lnsim.network.ChannelGraph}, get randomness only from what the
 * engine hands them — the protocol's stream ({@link org.lnsim.engine.payment.ProtocolContext#random()}) or the seeds
 * of its named streams ({@link org.lnsim.engine.payment.ProtocolSeeds}, for values that must be pure functions of a
 * payment) — never from the run's seed itself, and keep no global mutable state.
 */
package org.lnsim.protocols;
