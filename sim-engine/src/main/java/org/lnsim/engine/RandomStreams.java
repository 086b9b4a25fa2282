package org.lnsim.engine;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import org.lnsim.random.NamedStreams;

/**
 * The run's random numbers: one independent stream per purpose ({@code "workload"}, {@code "balances"},
 * {@code "latency"}, {@code "churn"}, {@code "protocol.source"}, …), each seeded from (master seed, stream name).
 *
 * <p>Why named streams: a stream's numbers depend only on the seed and its name, never on how many numbers other
 * parts of the simulation drew or in which order streams were first used. Adding a protocol or changing the latency
 * model therefore leaves the workload and the initial balances bit-for-bit unchanged, which is what makes protocols
 * comparable on "the identical network, balances and workload".
 *
 * <p>Stream seeds are {@link NamedStreams#seedOf}, lnsim's one definition of a named stream; streams are
 * {@link SplittableRandom}s. Not thread-safe (one per simulation).
 */
public final class RandomStreams {
    private final long masterSeed;
    private final long variedSeed;
    private final Predicate<String> varied;
    private final Map<String, SplittableRandom> streams = new HashMap<>();

    public RandomStreams(long masterSeed) {
        this(masterSeed, masterSeed, name -> false);
    }

    /**
     * Streams of a replication: a stream whose name {@code varied} accepts is drawn from {@code variedSeed} (the
     * replication's seed), every other from {@code masterSeed}, so a replication changes only what it says it varies
     * (e.g. the workload and the balances but not the latencies).
     *
     * @param varied must be a pure function of the name
     */
    public RandomStreams(long masterSeed, long variedSeed, Predicate<String> varied) {
        this.masterSeed = masterSeed;
        this.variedSeed = variedSeed;
        this.varied = varied;
    }

    public long masterSeed() {
        return masterSeed;
    }

    /** The stream with this name; the same instance on every call, so draws continue where they left off. */
    public SplittableRandom stream(String name) {
        return streams.computeIfAbsent(name, n -> NamedStreams.stream(seedFor(n), n));
    }

    /** A fresh generator for (master seed, name), independent of any use of {@link #stream(String)}. */
    public SplittableRandom fresh(String name) {
        return NamedStreams.stream(seedFor(name), name);
    }

    /** The seed of the stream of this name; a pure function of (master seed, name), safe from any thread. */
    public long seedOf(String name) {
        return NamedStreams.seedOf(seedFor(name), name);
    }

    /** The seed the stream called {@code name} derives from: the replication's when it is varied, else the master. */
    private long seedFor(String name) {
        return varied.test(name) ? variedSeed : masterSeed;
    }

    /**
     * The same named streams, none drawn from yet: one per simulation, so that simulations of one run (each its own
     * thread) draw the same sequences without sharing state.
     */
    public RandomStreams restart() {
        return new RandomStreams(masterSeed, variedSeed, varied);
    }

    /** The seed a stream of this name gets under this master seed. */
    public static long seedOf(long masterSeed, String name) {
        return NamedStreams.seedOf(masterSeed, name);
    }
}
