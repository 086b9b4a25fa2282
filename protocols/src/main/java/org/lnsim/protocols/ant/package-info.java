/**
 * Ant routing (Grunspan &amp; Pérez-Marco 2018; Grunspan, Lehéricy &amp; Pérez-Marco 2020; lightning-facts §6): no
 * map at all. Payer and payee flood the conjugate seeds {@code 0‖R} and {@code 1‖R}; a node that comes to hold both
 * is a match and sends a matched seed back along the reverse pointers; the payer picks the cheapest of the matches it
 * collects ({@link org.lnsim.protocols.ant.MatchChoice}), confirms it along the path, and the payment then runs as
 * HTLCs through the engine like any other ({@link org.lnsim.protocols.ant.AntSession}). Protocols {@code ant} and
 * {@code ant.selective} ({@link org.lnsim.protocols.ant.AntRouting}).
 *
 * <p>Contract: {@link org.lnsim.protocols.ant.SeedWave} computes a round's two floods as one time-ordered wave (a
 * Dijkstra over message delay applying the forwarding rules in arrival order, ties broken by send order as the
 * engine's (time, seq) order breaks them) whose arrival times, reverse pointers, matches and message counts equal
 * those of simulating every message as an event; the tests prove it against a per-message simulation on random
 * graphs; its parts, each read on its own ({@link org.lnsim.protocols.ant.SlotRecords} and
 * {@link org.lnsim.protocols.ant.WavePairs} its memory, {@link org.lnsim.protocols.ant.PlainFlood} the fast path for
 * plain flooding, {@link org.lnsim.protocols.ant.Forwarding} the per-message step for selective forwarding,
 * {@link org.lnsim.protocols.ant.WaveMatches} the matches), are package-private. The approximations the wave makes (every node online, balances as at the round's start, mempool entries
 * outliving repeats — counted when not) are stated there. Message and entry sizes live in
 * {@link org.lnsim.protocols.ant.AntMessages}; per-node mempool peaks in {@link org.lnsim.protocols.ant.Mempools}.
 * With more than one thread, {@link org.lnsim.protocols.ant.FloodAhead} floods the next payments' first rounds on
 * other cores and hands a wave over only after proving that no balance it compared has changed its answer since, or
 * that the answers that changed are for repeat messages, whose counts it patches ({@code SeedWave.patch}); so
 * results never depend on the thread count (tested, and byte-compared by the runner's tests).
 * What comes from the papers and what is lnsim's modelling choice is stated in each class's javadoc. Protocols here
 * read only their nodes' own channels, touch the run only through the engine's contexts, and keep no static state.
 */
package org.lnsim.protocols.ant;
