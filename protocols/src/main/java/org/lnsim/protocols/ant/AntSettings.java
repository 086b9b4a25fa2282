package org.lnsim.protocols.ant;

import java.util.ArrayList;
import java.util.List;
import org.lnsim.protocols.settings.Key;
import org.lnsim.protocols.settings.ProtocolSettings;
import org.lnsim.protocols.settings.ProtocolSpec;
import org.lnsim.protocols.settings.Values;

/**
 * Ant routing's parameters, and the configuration keys of {@code ant} ({@link #SPEC}) and {@code ant.selective}
 * ({@link #SELECTIVE_SPEC}), whose defaults are {@link #DEFAULT}'s (in the keys' units: ms and s where the record
 * holds µs).
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
                          double maxFeePercent, long exemptFeeMsat, int finalCltv, int fanout)
        implements ProtocolSettings {
    public static final AntSettings DEFAULT = new AntSettings(20, 1_000_000, 3, 3, 3_000_000, 0.5, 5_000, 9,
            Integer.MAX_VALUE);

    public static final Key<Integer> MAX_HOPS = Key.integer("max_hops", DEFAULT.maxHops, 1, 255, "seeds go no "
            + "further from their origin, and matched paths are no longer (the onion's 20 hops)");
    public static final Key<Integer> COLLECT_WINDOW_MS = Key.integer("collect_window_ms",
            (int) (DEFAULT.collectWindowUs / 1_000), 0, 600_000, "the payer collects matched seeds this long after "
                    + "the first");
    public static final Key<Integer> MAX_MATCHES = Key.integer("max_matches", DEFAULT.maxMatches, 1, 1_000_000,
            "... or until it holds this many");
    public static final Key<Integer> MAX_ROUNDS = Key.integer("max_rounds", DEFAULT.maxRounds, 1, 1_000,
            "flood rounds (fresh R each) while the HTLCs fail");
    public static final Key<Double> WIPE_AFTER_S = Key.dbl("wipe_after_s", DEFAULT.wipeAfterUs / 1e6, 0.001, 3_600,
            "mempool entries are wiped this long after they are stored (papers: a few seconds, e.g. 2-5 s)");
    public static final Key<Double> MAX_FEE_PERCENT = Key.dbl("max_fee_percent", DEFAULT.maxFeePercent, 0, 100,
            "the seeds' max fee in % of the amount (source's budget, 0.5)");
    public static final Key<Long> EXEMPT_FEE_MSAT = Key.lng("exempt_fee_msat", DEFAULT.exemptFeeMsat, 0,
            Long.MAX_VALUE, "... but at least this (5,000 msat)");
    public static final Key<Integer> FINAL_CLTV = Key.integer("final_cltv", DEFAULT.finalCltv, 0, 65_535,
            "CLTV the receiver asks for (getroute default 9)");
    /** {@code ant.selective}'s fanout; its default, 4, is lnsim's choice (the papers leave k open). */
    public static final Key<Integer> K = Key.integer("k", 4, 1, 1_000_000, "a forwarding node sends a seed to its "
            + "k best peers by completed payments, then capacity");

    private static final List<Key<?>> KEYS = List.of(LABEL, MAX_HOPS, COLLECT_WINDOW_MS, MAX_MATCHES, MAX_ROUNDS,
            WIPE_AFTER_S, MAX_FEE_PERCENT, EXEMPT_FEE_MSAT, FINAL_CLTV);

    /** {@code ant} as an experiment names it. */
    public static final ProtocolSpec<AntSettings> SPEC = new ProtocolSpec<>(AntRouting.NAME,
            "ant routing: payer and payee flood conjugate seeds, the path appears where they meet (no map)", KEYS,
            AntSettings::from);

    /** {@code ant.selective} as an experiment names it: ant's keys and the fanout k. */
    public static final ProtocolSpec<AntSettings> SELECTIVE_SPEC = new ProtocolSpec<>(AntRouting.SELECTIVE,
            "ant routing with selective forwarding (the papers' self-improvement)", with(KEYS, K),
            v -> from(v).withFanout(v.get(K)));

    public AntSettings {
        if (maxHops < 1 || maxHops > 255 || collectWindowUs < 0 || collectWindowUs >= MatchChoice.MAX_WINDOW_US
                || maxMatches < 1 || maxRounds < 1 || wipeAfterUs <= 0 || !(maxFeePercent >= 0) || exemptFeeMsat < 0
                || finalCltv < 0 || fanout < 1) {
            throw new IllegalArgumentException("ant settings out of range");
        }
    }

    /** Plain flooding's settings from resolved values holding {@link #SPEC}'s keys. */
    public static AntSettings from(Values v) {
        return new AntSettings(v.get(MAX_HOPS), v.get(COLLECT_WINDOW_MS) * 1_000L, v.get(MAX_MATCHES),
                v.get(MAX_ROUNDS), Math.round(v.get(WIPE_AFTER_S) * 1e6), v.get(MAX_FEE_PERCENT),
                v.get(EXEMPT_FEE_MSAT), v.get(FINAL_CLTV), Integer.MAX_VALUE);
    }

    private static List<Key<?>> with(List<Key<?>> keys, Key<?> more) {
        List<Key<?>> all = new ArrayList<>(keys);
        all.add(more);
        return all;
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
