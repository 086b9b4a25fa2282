package org.lnsim.protocols.routing;

/**
 * c-lightning's route cost model (v0.7.1+, lightning-facts §2.1–2.4): the comparison key is {@code total + risk} in
 * msat, where {@code total} is what the sender must send and {@code risk} adds, per hop, a bias of 1 and the cost of
 * locking the amount for the hop's CLTV delay at the annual {@code riskfactor} (percent).
 */
public final class CostModel {
    /** c-lightning {@code BLOCKS_PER_YEAR} (§2.1). */
    public static final int BLOCKS_PER_YEAR = 52_596;
    /** Default riskfactor of the pay plugin (§2.5). */
    public static final double DEFAULT_RISKFACTOR = 10;
    /** Default fee fuzz of getroute: 5% (§2.2). */
    public static final double DEFAULT_FUZZ = 0.05;
    /** Per-hop risk bias, "a tiny bias to prefer shorter routes" (§2.2). */
    public static final long RISK_BIAS = 1;
    /** {@code ROUTING_MAX_HOPS} (§2.1). */
    public static final int DEFAULT_MAX_HOPS = 20;
    /** Hop limit with the variable TLV onion (§4.4, CLoTH's HOPSLIMIT). */
    public static final int TLV_MAX_HOPS = 27;
    /** getroute's default final CLTV (§2.2: {@code cltv=9}). */
    public static final int DEFAULT_FINAL_CLTV = 9;

    private CostModel() {
    }

    /**
     * The per-block, per-msat risk factor: riskfactor / BLOCKS_PER_YEAR / 100, in double as c-lightning computes it
     * (lightningd passes riskfactor, gossipd divides by BLOCKS_PER_YEAR and 100, §2.2).
     */
    public static double perBlockFactor(double riskfactor) {
        return riskfactor / BLOCKS_PER_YEAR / 100;
    }

    /**
     * Risk fee of locking {@code amountMsat} for {@code delay} blocks: {@code amount × delay × rf_blk} in double,
     * truncated (§2.2). Documentation examples: 1,000,000 msat, delay 14, riskfactor 10 → 26; delay 144 → 273.
     */
    public static long riskFeeMsat(long amountMsat, int delay, double perBlockFactor) {
        return (long) (amountMsat * (double) delay * perBlockFactor);
    }

    /**
     * The fee-fuzz scale of a channel: uniform in [1 − fuzz, 1 + fuzz], a deterministic function of (seed, scid)
     * (§2.2; c-lightning hashes with SipHash-2-4, lnsim with the SplitMix64 finaliser — same distribution and the
     * same determinism, not the same numbers).
     */
    public static double fuzzScale(long seed, long scid, double fuzz) {
        if (fuzz == 0) {
            return 1.0;
        }
        long h = mix(seed ^ mix(scid + 0x9E3779B97F4A7C15L));
        double u = (h >>> 11) * 0x1.0p-53; // uniform in [0, 1)
        return 1 - fuzz + 2 * fuzz * u;
    }

    /** The fee used for route selection: ⌊fee × scale⌋ (§2.2). */
    public static long fuzzedFee(long feeMsat, double scale) {
        return scale == 1.0 ? feeMsat : (long) (feeMsat * scale);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
