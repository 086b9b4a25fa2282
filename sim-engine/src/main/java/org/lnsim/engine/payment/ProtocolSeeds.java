package org.lnsim.engine.payment;

/**
 * Seeds of a protocol's named random streams, {@code "protocol.<name>"} of the run's seed, handed to the protocol by
 * the engine ({@link ProtocolContext#seeds()}, {@link RoutingProtocol#prepare}) — the only way the run's seed reaches
 * a protocol. For randomness that must be a pure function of what it is for, such as a fee-fuzz seed per payment
 * that routes computed ahead of the run on other threads must agree on; sequential draws use
 * {@link ProtocolContext#random()}.
 */
@FunctionalInterface
public interface ProtocolSeeds {
    /**
     * The seed of the run's stream {@code "protocol." + name}; the same for the same name on any thread and in any
     * order. Start {@code name} with the protocol's own name (e.g. {@code "source.fuzz"}) to keep protocols apart.
     */
    long seedOf(String name);
}
