package org.lnsim.protocols.pickhardt;

import java.util.List;
import org.lnsim.protocols.settings.Key;
import org.lnsim.protocols.settings.ProtocolSettings;
import org.lnsim.protocols.settings.ProtocolSpec;
import org.lnsim.protocols.settings.Values;

/**
 * {@code pickhardt}'s settings: Core Lightning v25.09's defaults, each key's doc naming its constant and file. μ is
 * not a setting in askrene: {@code linear_routes} searches it from 1 upwards when fees exceed the budget; the
 * start is one here ({@code mu_start}) so that experiments can trade fees against reliability.
 *
 * @param muStart                 the first μ ({@code u32 mu = 1}, {@code linear_routes}, {@code
 *                                plugins/askrene/mcf.c} v25.09), in [1, 100]
 * @param units                   units an amount is solved in (1,000: {@code minflow}, {@code mcf.c} v25.09)
 * @param singlePathThresholdMsat amounts up to this take one path ({@code SINGLE_PATH_THRESHOLD} 1,000 sat, {@code
 *                                mcf.c} v25.09)
 * @param maxParts                most parts in flight ({@code dev_maxparts} 100, {@code plugins/xpay/xpay.c};
 *                                {@code default_maxparts} 100, {@code plugins/askrene/askrene.c} v25.09)
 * @param maxFeePercent           fee budget in % of the amount (1 %: "Default is 5sats, or 1%, whatever is
 *                                greater", {@code xpay.c} v25.09)
 * @param maxFeeMinMsat           the budget's floor (5,000 msat, same place)
 * @param maxDelay                largest total CLTV ({@code maxdelay} 2016, {@code xpay.c} and {@code
 *                                maxdelay_allowed}, {@code askrene.c} v25.09)
 * @param finalCltv               the receiver's final CLTV ({@code cltv_final} 18, {@code lightningd/options.c}
 *                                v25.09)
 * @param maxHops                 hop limit standing for the onion's 1,300-byte payload (20, as the other protocols)
 * @param constraintMaxAgeUs      learnt bounds are forgotten after this ({@code askrene-age} with cutoff now −
 *                                3,600 s, {@code age_layer}, {@code xpay.c} v25.09), µs
 * @param collectWindowUs         after a failure, the sender waits this long for more results before re-planning
 *                                ({@code COLLECTOR_TIME_WINDOW_MSEC} 50, {@code plugins/renepay/renepayconfig.h}
 *                                v25.09), µs
 */
public record PickhardtSettings(int muStart, int units, long singlePathThresholdMsat, int maxParts,
                                double maxFeePercent, long maxFeeMinMsat, int maxDelay, int finalCltv, int maxHops,
                                long constraintMaxAgeUs, long collectWindowUs) implements ProtocolSettings {
    public static final PickhardtSettings DEFAULT = new PickhardtSettings(1, (int) Mcf.UNITS,
            Planner.SINGLE_PATH_THRESHOLD_MSAT, 100, 1.0, 5_000, 2016, 18, 20, 3_600_000_000L, 50_000);

    public static final Key<Integer> MU_START = Key.integer("mu_start", DEFAULT.muStart, 1, Mcf.MU_MAX,
            "first fee weight mu in [1, 100]; askrene raises it when fees exceed the budget (u32 mu = 1, "
                    + "linear_routes, plugins/askrene/mcf.c v25.09)");
    public static final Key<Integer> UNITS = Key.integer("units", DEFAULT.units, 1, 1_000_000,
            "units an amount is solved in, >= 1 (accuracy = amount / 1000, minflow, plugins/askrene/mcf.c v25.09)");
    public static final Key<Long> SINGLE_PATH_THRESHOLD_MSAT = Key.lng("single_path_threshold_msat",
            DEFAULT.singlePathThresholdMsat, 0, Long.MAX_VALUE / 4, "amounts up to this take a single path "
                    + "(SINGLE_PATH_THRESHOLD 1000 sat, plugins/askrene/mcf.c v25.09)");
    public static final Key<Integer> MAX_PARTS = Key.integer("max_parts", DEFAULT.maxParts, 1, 10_000,
            "most parts in flight, >= 1 (dev_maxparts 100, plugins/xpay/xpay.c v25.09)");
    public static final Key<Double> MAX_FEE_PERCENT = Key.dbl("max_fee_percent", DEFAULT.maxFeePercent, 0, 100,
            "fee budget in % of the amount (1%, plugins/xpay/xpay.c v25.09)");
    public static final Key<Long> MAX_FEE_MIN_MSAT = Key.lng("max_fee_min_msat", DEFAULT.maxFeeMinMsat, 0,
            Long.MAX_VALUE / 4, "floor of the fee budget (5 sat, plugins/xpay/xpay.c v25.09)");
    public static final Key<Integer> MAX_DELAY = Key.integer("max_delay", DEFAULT.maxDelay, 0, 65_535,
            "largest total CLTV (maxdelay 2016, plugins/xpay/xpay.c v25.09)");
    public static final Key<Integer> FINAL_CLTV = Key.integer("final_cltv", DEFAULT.finalCltv, 0, 65_535,
            "CLTV the receiver asks for (cltv_final 18, lightningd/options.c v25.09)");
    public static final Key<Integer> MAX_HOPS = Key.integer("max_hops", DEFAULT.maxHops, 1, 27,
            "route hop limit standing for the onion's 1,300-byte payload (20)");
    public static final Key<Double> CONSTRAINT_MAX_AGE_S = Key.dbl("constraint_max_age_s", 3_600.0, 0, 1e9,
            "learnt liquidity bounds are forgotten after this, > 0 (askrene-age cutoff now - 3600 s, "
                    + "plugins/xpay/xpay.c v25.09)");
    public static final Key<Double> COLLECT_WINDOW_MS = Key.dbl("collect_window_ms", 50.0, 0, 1e9,
            "after a failure, wait this long for more results before re-planning "
                    + "(COLLECTOR_TIME_WINDOW_MSEC 50, plugins/renepay/renepayconfig.h v25.09)");

    private static final List<Key<?>> KEYS = List.of(LABEL, MU_START, UNITS, SINGLE_PATH_THRESHOLD_MSAT, MAX_PARTS,
            MAX_FEE_PERCENT, MAX_FEE_MIN_MSAT, MAX_DELAY, FINAL_CLTV, MAX_HOPS, CONSTRAINT_MAX_AGE_S,
            COLLECT_WINDOW_MS);

    /** {@code pickhardt} as an experiment names it. */
    public static final ProtocolSpec<PickhardtSettings> SPEC = new ProtocolSpec<>(PickhardtRouting.NAME,
            "Core Lightning v25.09's askrene min-cost-flow planner (Pickhardt-Richter) with per-sender learnt "
                    + "liquidity bounds and a re-planning pay loop",
            KEYS, PickhardtSettings::from);

    public PickhardtSettings {
        if (muStart < 1 || muStart > Mcf.MU_MAX) {
            throw new IllegalArgumentException("mu_start must be in [1, 100], got " + muStart);
        }
        if (units < 1) {
            throw new IllegalArgumentException("units must be >= 1, got " + units);
        }
        if (singlePathThresholdMsat < 0) {
            throw new IllegalArgumentException("single_path_threshold_msat must be >= 0");
        }
        if (maxParts < 1) {
            throw new IllegalArgumentException("max_parts must be >= 1, got " + maxParts);
        }
        if (!(maxFeePercent >= 0 && maxFeePercent <= 100)) {
            throw new IllegalArgumentException("max_fee_percent must be in [0, 100], got " + maxFeePercent);
        }
        if (maxFeeMinMsat < 0) {
            throw new IllegalArgumentException("max_fee_min_msat must be >= 0");
        }
        if (maxDelay < 0 || finalCltv < 0 || maxHops < 1) {
            throw new IllegalArgumentException("max_delay, final_cltv >= 0 and max_hops >= 1 needed");
        }
        if (constraintMaxAgeUs <= 0) {
            throw new IllegalArgumentException("constraint_max_age_s must be > 0");
        }
        if (collectWindowUs < 0) {
            throw new IllegalArgumentException("collect_window_ms must be >= 0");
        }
    }

    public static PickhardtSettings from(Values v) {
        return new PickhardtSettings(v.get(MU_START), v.get(UNITS), v.get(SINGLE_PATH_THRESHOLD_MSAT),
                v.get(MAX_PARTS), v.get(MAX_FEE_PERCENT), v.get(MAX_FEE_MIN_MSAT), v.get(MAX_DELAY),
                v.get(FINAL_CLTV), v.get(MAX_HOPS), Math.round(v.get(CONSTRAINT_MAX_AGE_S) * 1e6),
                Math.round(v.get(COLLECT_WINDOW_MS) * 1e3));
    }

    /** xpay's default budget: max(amount × percent / 100, the floor), truncated. */
    public long maxFeeMsat(long amountMsat) {
        return Math.max((long) (amountMsat * (maxFeePercent / 100.0)), maxFeeMinMsat);
    }
}
