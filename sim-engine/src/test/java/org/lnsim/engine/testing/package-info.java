/**
 * Test support shared by the modules' tests: {@link org.lnsim.engine.testing.EngineRun} runs payments through the
 * engine with the set-up most engine and protocol tests use; {@link org.lnsim.engine.testing.EngineNets} holds the
 * small hand-worked networks several engine tests share.
 *
 * <p>Contract:
 * <ul>
 *   <li>Test code only: this package lives in sim-engine's test sources and reaches other modules through
 *       sim-engine's test-jar ({@code <type>test-jar</type>}, test scope); main code never depends on it.</li>
 *   <li>Deterministic: a run is a pure function of its graph, protocol, settings and payments. Every random number
 *       comes from the run's own {@link org.lnsim.engine.Simulation} streams, seeded by the run's seed; there is no
 *       static mutable state, so runs may share a JVM or run side by side. Threads given to a protocol's
 *       {@code prepare} change no result (the {@link org.lnsim.engine.payment.RoutingProtocol#prepare} contract).</li>
 *   <li>Invariants checked: after every event, channel invariants (funds conserved, nothing negative, HTLC slots
 *       and spendable amounts consistent; {@link org.lnsim.engine.channel.ChannelState#checkChannel}) on every
 *       channel or on the channels the event changed, as chosen; at the end of the run, no HTLC in flight and
 *       exactly one {@link org.lnsim.engine.payment.PaymentOutcome} per payment. A violation fails the test.</li>
 * </ul>
 */
package org.lnsim.engine.testing;
