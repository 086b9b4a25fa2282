package org.lnsim.protocols.source;

/**
 * c-lightning pay plugin settings (v0.7.1, lightning-facts §2.5) that shape how a sender retries.
 *
 * @param riskfactor     getroute riskfactor (pay default 10)
 * @param fuzz           fee fuzz fraction (getroute default 0.05)
 * @param maxHops        route hop limit (20, {@code ROUTING_MAX_HOPS})
 * @param maxFeePercent  fee budget in percent of the amount (0.5)
 * @param exemptFeeMsat  fees below this pass the percentage check (5,000 msat)
 * @param maxDelay       largest total CLTV accepted ({@code max-locktime-blocks}, 2016 on mainnet)
 * @param finalCltv      CLTV the receiver asks for on its hop (getroute's default 9)
 */
public record PayPolicy(double riskfactor, double fuzz, int maxHops, double maxFeePercent, long exemptFeeMsat,
                        int maxDelay, int finalCltv) {
    /** The pay plugin's defaults. */
    public static final PayPolicy C_LIGHTNING = new PayPolicy(10, 0.05, 20, 0.5, 5_000, 2016, 9);

    public PayPolicy {
        if (riskfactor < 0 || fuzz < 0 || fuzz >= 1 || maxHops < 1 || maxFeePercent < 0 || exemptFeeMsat < 0
                || maxDelay < 1 || finalCltv < 0) {
            throw new IllegalArgumentException("pay policy out of range");
        }
    }

    /** The fee budget for a payment: max(amount × maxFeePercent / 100, exemptFee) in msat (truncated). */
    public long feeBudgetMsat(long amountMsat) {
        return Math.max((long) (amountMsat * (maxFeePercent / 100.0)), exemptFeeMsat);
    }
}
