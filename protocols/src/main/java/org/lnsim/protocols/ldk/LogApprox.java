package org.lnsim.protocols.ldk;

/**
 * LDK's table approximation of {@code −log₁₀(numerator / denominator) × 2048} ({@code lightning/src/routing/log_approx.rs},
 * rust-lightning v0.2.5): {@code log10(x) × 2048} is read from a 64 × 64 table indexed by x's most significant bit and
 * the 6 bits below it. The table is not copied but generated exactly as the pinned file's own test
 * ({@code prints_negative_log10_times_2048_lookup_table}) checks it: entry [msb][i] = round(log₁₀(x) × 2048) with
 * x = ((64 + i) ≪ 57) ≫ (63 − msb), unsigned.
 *
 * <p>Integer inputs below 2⁶³ (the scorer's numerators and denominators stay below 2³¹ + 1).
 */
final class LogApprox {
    /** {@code LOWER_BITS = 6}: the bits under the top one that index a row ({@code log_approx.rs} v0.2.5). */
    private static final int LOWER_BITS = 6;
    /** {@code LOWER_BITS_BOUND = 1 << 6 = 64}, also the scorer's {@code PRECISION_LOWER_BOUND_DENOMINATOR}. */
    static final long LOWER_BITS_BOUND = 1L << LOWER_BITS;
    private static final long LOWER_BITMASK = LOWER_BITS_BOUND - 1;
    private static final short[] TABLE = table();

    private LogApprox() {
    }

    private static short[] table() {
        short[] t = new short[64 * 64];
        for (int msb = 0; msb < 64; msb++) {
            for (int i = 0; i < 64; i++) {
                long x = ((LOWER_BITS_BOUND + i) << (63 - LOWER_BITS)) >>> (63 - msb);
                double xd = x >= 0 ? (double) x : (double) (x >>> 1) * 2.0; // unsigned for msb = 63
                t[msb * 64 + i] = (short) Math.round(Math.log10(xd) * 2048.0);
            }
        }
        return t;
    }

    /** {@code log10_times_2048(x)}, x ≥ 1; as an unsigned 16-bit value. */
    static int log10Times2048(long x) {
        int msb = 63 - Long.numberOfLeadingZeros(x);
        long lower = (x >>> Math.max(0, msb - LOWER_BITS)) & LOWER_BITMASK;
        return TABLE[msb * 64 + (int) lower] & 0xFFFF;
    }

    /** {@code negative_log10_times_2048(numerator, denominator)}: −log₁₀(n / d) × 2048, n ≤ d, both ≥ 1. */
    static long negativeLog10Times2048(long numerator, long denominator) {
        return log10Times2048(denominator) - log10Times2048(numerator);
    }
}
