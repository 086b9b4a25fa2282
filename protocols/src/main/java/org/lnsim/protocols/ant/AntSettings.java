package org.lnsim.protocols.ant;

/**
 * Ant routing's parameters.
 *
 * @param maxHops         a seed is not forwarded beyond this many hops from its origin, and a match reports a path
 *                        of at most this many hops (20: the onion limit, lightning-facts §4.4)
 * @param collectWindowUs the payer collects matched seeds this long after the first (lnsim's choice: 1 s)
 * @param maxMatches      … or until it holds this many (lnsim's choice: 3; the papers: "several")
 * @param maxRounds       flood rounds per payment, each with a fresh R, while HTLCs fail (lnsim's choice: 3)
 * @param wipeAfterUs     mempool entries are wiped this long after they are stored (papers: "a few seconds, e.g.
 *                        2–5 s"; 3 s)
 * @param maxFeePercent   the seeds' max fee in % of the amount, as {@code source}'s fee budget (pay plugin 0.5)
 * @param exemptFeeMsat   … but at least this (5,000 msat)
 * @param finalCltv       CLTV the payee asks for on its hop (9, as {@code source})
 * @param fanout          peers a forwarding node sends a seed to at most ({@code ant.selective}'s k), or
 *                        {@link Integer#MAX_VALUE} for plain flooding
 */
public record AntSettings(int maxHops, long collectWindowUs, int maxMatches, int maxRounds, long wipeAfterUs,
                          double maxFeePercent, long exemptFeeMsat, int finalCltv, int fanout) {
    public static final AntSettings DEFAULT = new AntSettings(20, 1_000_000, 3, 3, 3_000_000, 0.5, 5_000, 9,
            Integer.MAX_VALUE);

    public AntSettings {
        if (maxHops < 1 || maxHops > 255 || collectWindowUs < 0 || collectWindowUs >= MatchChoice.MAX_WINDOW_US
                || maxMatches < 1 || maxRounds < 1 || wipeAfterUs <= 0 || !(maxFeePercent >= 0) || exemptFeeMsat < 0
                || finalCltv < 0 || fanout < 1) {
            throw new IllegalArgumentException("ant settings out of range");
        }
    }

    /** With a limited fanout k (the selective variant). */
    public AntSettings withFanout(int k) {
        return new AntSettings(maxHops, collectWindowUs, maxMatches, maxRounds, wipeAfterUs, maxFeePercent,
                exemptFeeMsat, finalCltv, k);
    }

    public boolean selective() {
        return fanout != Integer.MAX_VALUE;
    }

    /** The seeds' max fee: max(amount × maxFeePercent / 100, exemptFee), as {@code PayPolicy.feeBudgetMsat}. */
    public long maxFeeMsat(long amountMsat) {
        return Math.max((long) (amountMsat * (maxFeePercent / 100.0)), exemptFeeMsat);
    }
}
