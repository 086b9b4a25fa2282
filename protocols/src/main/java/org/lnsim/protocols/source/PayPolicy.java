package org.lnsim.protocols.source;

import java.util.List;
import org.lnsim.protocols.settings.Key;
import org.lnsim.protocols.settings.Values;

/**
 * c-lightning pay plugin settings (v0.7.1, lightning-facts §2.5) that shape how a sender retries; the pay-loop
 * protocols' ({@code source}, {@code oracle}, {@code beacon}) first configuration keys, {@link #KEYS}, whose
 * defaults are {@link #C_LIGHTNING}'s.
 *
 * @param riskfactor     getroute riskfactor (pay default 10)
 * @param fuzz           fee fuzz fraction (getroute default 0.05)
 * @param maxHops        route hop limit (20, {@code ROUTING_MAX_HOPS})
 * @param maxFeePercent  fee budget in percent of the amount (0.5)
 * @param exemptFeeMsat  fees below this pass the percentage check (5,000 msat)
 * @param maxDelay       largest total CLTV accepted ({@code max-locktime-blocks}, 2016 on mainnet)
 * @param finalCltv      CLTV the receiver asks for on its hop (getroute's default 9)
 * @param worstChannel   which channel the loop excludes when a route is over the fee budget or the delay limit
 */
public record PayPolicy(double riskfactor, double fuzz, int maxHops, double maxFeePercent, long exemptFeeMsat,
                        int maxDelay, int finalCltv, WorstChannel worstChannel) {
    /** The pay plugin's defaults. */
    public static final PayPolicy C_LIGHTNING = new PayPolicy(10, 0.05, 20, 0.5, 5_000, 2016, 9,
            WorstChannel.INTENT);

    /**
     * Which channel of a route over the fee budget (or the delay limit) the pay loop excludes before searching again:
     * the pay plugin's {@code find_worst_channel} ({@code plugins/pay.c}) as it meant to, or as one of its releases
     * coded it. {@link HybridPartRoutes#worst} gives the arithmetic of each.
     */
    public enum WorstChannel {
        /**
         * The direction on which a node charges the largest fee (adds the largest CLTV delta): the plugin's stated
         * intent, "exclude the most fee-charging channel" (lightning-facts §2.5); lnsim's default.
         */
        INTENT("intent"),
        /**
         * v0.7.1's code (tag v0.7.1, commit 43d5492), read literally: its unsigned subtraction keeps the later hop
         * with the smallest positive fee (CLTV delta).
         */
        V0_7_1("v0.7.1"),
        /**
         * c737fa6 (2019-09-14, first in v0.7.3): the sign fixed, but the channel excluded is the one into the node
         * that charges (delays) most, not the one it charges on.
         */
        V0_7_3("v0.7.3");

        private final String key;

        WorstChannel(String key) {
            this.key = key;
        }

        /** The configuration value naming this choice. */
        public String key() {
            return key;
        }

        /** The configuration values, in declaration order. */
        public static List<String> keys() {
            return java.util.Arrays.stream(values()).map(WorstChannel::key).toList();
        }

        /** The choice a configuration value names; the key's validation has checked it is one of them. */
        public static WorstChannel of(String key) {
            for (WorstChannel w : values()) {
                if (w.key.equals(key)) {
                    return w;
                }
            }
            throw new IllegalArgumentException("worst_channel: one of " + keys() + ", got " + key);
        }
    }

    public static final Key<Double> RISKFACTOR = Key.dbl("riskfactor", C_LIGHTNING.riskfactor, 0, 1e9,
            "getroute riskfactor, annual % cost of locked funds (pay plugin 10)");
    public static final Key<Double> FUZZ = Key.dbl("fuzz", C_LIGHTNING.fuzz, 0, 0.99,
            "fee fuzz fraction for route selection (getroute 0.05)");
    public static final Key<Integer> MAX_HOPS = Key.integer("max_hops", C_LIGHTNING.maxHops, 1, 1000,
            "route hop limit (ROUTING_MAX_HOPS 20; 27 with the TLV onion)");
    public static final Key<Double> MAX_FEE_PERCENT = Key.dbl("max_fee_percent", C_LIGHTNING.maxFeePercent, 0, 100,
            "fee budget in % of the amount (pay plugin 0.5)");
    public static final Key<Long> EXEMPT_FEE_MSAT = Key.lng("exempt_fee_msat", C_LIGHTNING.exemptFeeMsat, 0,
            Long.MAX_VALUE, "fees below this pass the % check (5,000 msat)");
    public static final Key<Integer> MAX_DELAY = Key.integer("max_delay", C_LIGHTNING.maxDelay, 1, 65_535,
            "largest total CLTV accepted (max-locktime-blocks 2016)");
    public static final Key<Integer> FINAL_CLTV = Key.integer("final_cltv", C_LIGHTNING.finalCltv, 0, 65_535,
            "CLTV the receiver asks for (getroute default 9)");
    public static final Key<String> WORST_CHANNEL = Key.choice("worst_channel", C_LIGHTNING.worstChannel.key(),
            WorstChannel.keys(),
            "channel excluded from a route over the fee budget or delay limit: the most charging one (intent), or as "
                    + "c-lightning v0.7.1 or v0.7.3 coded find_worst_channel");
    /** The pay policy's keys, in the order the reference lists them. */
    public static final List<Key<?>> KEYS = List.of(RISKFACTOR, FUZZ, MAX_HOPS, MAX_FEE_PERCENT, EXEMPT_FEE_MSAT,
            MAX_DELAY, FINAL_CLTV, WORST_CHANNEL);

    public PayPolicy {
        if (riskfactor < 0 || fuzz < 0 || fuzz >= 1 || maxHops < 1 || maxFeePercent < 0 || exemptFeeMsat < 0
                || maxDelay < 1 || finalCltv < 0 || worstChannel == null) {
            throw new IllegalArgumentException("pay policy out of range");
        }
    }

    /** The policy with the plugin's intended choice of the channel to exclude ({@link WorstChannel#INTENT}). */
    public PayPolicy(double riskfactor, double fuzz, int maxHops, double maxFeePercent, long exemptFeeMsat,
                     int maxDelay, int finalCltv) {
        this(riskfactor, fuzz, maxHops, maxFeePercent, exemptFeeMsat, maxDelay, finalCltv, WorstChannel.INTENT);
    }

    /** The policy of resolved values holding {@link #KEYS}. */
    public static PayPolicy from(Values v) {
        return new PayPolicy(v.get(RISKFACTOR), v.get(FUZZ), v.get(MAX_HOPS), v.get(MAX_FEE_PERCENT),
                v.get(EXEMPT_FEE_MSAT), v.get(MAX_DELAY), v.get(FINAL_CLTV), WorstChannel.of(v.get(WORST_CHANNEL)));
    }

    /** The fee budget for a payment: max(amount × maxFeePercent / 100, exemptFee) in msat (truncated). */
    public long feeBudgetMsat(long amountMsat) {
        return Math.max((long) (amountMsat * (maxFeePercent / 100.0)), exemptFeeMsat);
    }
}
