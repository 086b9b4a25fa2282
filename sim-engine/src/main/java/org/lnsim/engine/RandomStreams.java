package org.lnsim.engine;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The run's random numbers: one independent stream per purpose ({@code "workload"}, {@code "balances"},
 * {@code "latency"}, {@code "churn"}, {@code "protocol.source"}, …), each seeded from (master seed, stream name).
 *
 * <p>Why named streams: a stream's numbers depend only on the seed and its name, never on how many numbers other
 * parts of the simulation drew or in which order streams were first used. Adding a protocol or changing the latency
 * model therefore leaves the workload and the initial balances bit-for-bit unchanged, which is what makes protocols
 * comparable on "the identical network, balances and workload".
 *
 * <p>The seed of a stream is a SplitMix64 mix of the master seed and the 64-bit FNV-1a hash of the name's UTF-8
 * bytes; streams are {@link SplittableRandom}s. Not thread-safe (one per simulation).
 */
public final class RandomStreams {
    private final long masterSeed;
    private final Map<String, SplittableRandom> streams = new HashMap<>();

    public RandomStreams(long masterSeed) {
        this.masterSeed = masterSeed;
    }

    public long masterSeed() {
        return masterSeed;
    }

    /** The stream with this name; the same instance on every call, so draws continue where they left off. */
    public SplittableRandom stream(String name) {
        return streams.computeIfAbsent(name, n -> new SplittableRandom(seedOf(masterSeed, n)));
    }

    /** A fresh generator for (master seed, name), independent of any use of {@link #stream(String)}. */
    public SplittableRandom fresh(String name) {
        return new SplittableRandom(seedOf(masterSeed, name));
    }

    /** The seed a stream of this name gets under this master seed. */
    public static long seedOf(long masterSeed, String name) {
        long h = 0xcbf29ce484222325L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xFF;
            h *= 0x100000001b3L;
        }
        return mix(masterSeed ^ mix(h));
    }

    /** SplitMix64 finaliser. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
