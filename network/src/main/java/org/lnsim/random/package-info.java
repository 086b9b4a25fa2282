/**
 * Seeded randomness shared by every layer: {@link org.lnsim.random.NamedStreams} turns (seed, purpose name) into an
 * independent, reproducible stream. Contract: pure functions, no state; depends on nothing else in lnsim.
 */
package org.lnsim.random;
