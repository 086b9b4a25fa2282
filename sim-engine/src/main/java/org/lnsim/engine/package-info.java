/**
 * The discrete-event core: a {@link org.lnsim.engine.Simulation} owns a simulated clock in microseconds, a queue of
 * events totally ordered by (time, sequence number), and the run's {@link org.lnsim.engine.RandomStreams}.
 *
 * <p>Contract: time is a {@code long} count of µs since the start of the run; two events at the same time fire in the
 * order they were scheduled; every random number comes from a stream named after its purpose and derived from the
 * one master seed, so a run is a pure function of (network, config, seed). There is no static mutable state: any
 * number of simulations may run side by side on different threads (a single simulation is single-threaded).
 * Depends only on the network module ({@code org.lnsim.network}, {@code org.lnsim.random}).
 */
package org.lnsim.engine;
