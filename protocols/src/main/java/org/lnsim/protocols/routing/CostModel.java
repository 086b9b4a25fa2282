package org.lnsim.protocols.routing;

import org.lnsim.network.ChannelGraph;

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

    /** {@link #flatEdgeWeight}'s answer for a direction the router would not use. */
    public static final long NO_EDGE = -1;

    private CostModel() {
    }

    /**
     * The weight of direction {@code e} in flat-cost mode ({@link RouteRequest#flatCosts()} with fuzz 0), where every
     * hop is priced at the payment amount A, so that a route's cost is A + Σ w(e) — a textbook shortest-path cost:
     * <pre>w(e) = fee_e(A) + RISK_BIAS + ⌊(A + fee_e(A)) · cltv_delta_e · rf_blk⌋</pre>
     * (§2.2: fee, per-hop bias 1, risk on the amount through the channel). The sender's own hop puts its fee into
     * risk instead of total, which leaves the sum unchanged. This is the single definition both
     * {@code lnsim bench route --compare-jgrapht} and the router's JGraphT differential test build their oracle
     * graph from, so the two cannot drift apart.
     *
     * @param perBlockFactor {@link #perBlockFactor(double)} of the riskfactor
     * @return the weight, or {@link #NO_EDGE} when the router would not use {@code e} for amount A: no usable policy,
     *         or A below {@code htlc_minimum_msat}, above {@code htlc_maximum_msat} or above the capacity. Excluded
     *         directions or nodes and local balances are request-specific and not considered.
     */
    public static long flatEdgeWeight(ChannelGraph g, int e, long amountMsat, double perBlockFactor) {
        if (!g.isUsable(e) || amountMsat < g.htlcMinimumMsat(e)
                || (g.hasHtlcMaximum(e) && amountMsat > g.htlcMaximumMsat(e))
                || amountMsat > g.capacityMsat(ChannelGraph.channelOf(e))) {
            return NO_EDGE;
        }
        long fee = g.feeMsat(e, amountMsat);
        return fee + RISK_BIAS + riskFeeMsat(amountMsat + fee, g.cltvExpiryDelta(e), perBlockFactor);
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
        return fuzzScaleOfKey(seed, channelFuzzKey(scid), fuzz);
    }

    /** The seed-independent half of {@link #fuzzScale}: a hash of the scid the router precomputes per channel. */
    static long channelFuzzKey(long scid) {
        return mix(scid + 0x9E3779B97F4A7C15L);
    }

    /** {@link #fuzzScale} from a precomputed {@link #channelFuzzKey}; the one place the scale is computed. */
    static double fuzzScaleOfKey(long seed, long channelKey, double fuzz) {
        if (fuzz == 0) {
            return 1.0;
        }
        long h = mix(seed ^ channelKey);
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
