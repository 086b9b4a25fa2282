package org.lnsim.random;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Named, independent random streams derived from one seed: {@code stream(seed, "edges")} is the same sequence in every
 * run and on every JVM, and different names give unrelated sequences, so changing how one stage uses randomness does
 * not shift any other stage. The one definition of "stream of a seed" in lnsim: the generator's stages and the
 * engine's per-run streams ({@code org.lnsim.engine.RandomStreams}, in the module above) both use it.
 */
public final class NamedStreams {
    private NamedStreams() {
    }

    /** The stream called {@code name} of {@code seed}. */
    public static SplittableRandom stream(long seed, String name) {
        return new SplittableRandom(seedOf(seed, name));
    }

    /** The seed of the stream called {@code name} of {@code seed}. */
    public static long seedOf(long seed, String name) {
        return mix64(seed ^ mix64(fnv1a64(name)));
    }

    /** FNV-1a, 64 bit, over the UTF-8 bytes: a stable hash of the stream name (String.hashCode is only 32 bit). */
    public static long fnv1a64(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xFF;
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** The MurmurHash3 / SplitMix64 finaliser: a bijective avalanche of 64 bits. */
    public static long mix64(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
