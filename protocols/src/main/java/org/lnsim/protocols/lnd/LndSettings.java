package org.lnsim.protocols.lnd;

import java.util.List;
import org.lnsim.protocols.settings.Key;
import org.lnsim.protocols.settings.ProtocolSettings;
import org.lnsim.protocols.settings.ProtocolSpec;
import org.lnsim.protocols.settings.Values;

/**
 * {@code lnd}'s settings: the estimator and its parameters, path finding's attempt cost and minimum probability,
 * mission control's failure relax interval, and the payment's limits. Defaults are lnd v0.18.5-beta's; each key's
 * doc names the constant and file.
 *
 * @param apriori            the apriori estimator's parameters ({@link Apriori})
 * @param attemptCostMsat    {@code DefaultAttemptCost}, 100 sat ({@code routing/pathfind.go} v0.18.5-beta)
 * @param attemptCostPpm     {@code DefaultAttemptCostPPM}, 1,000 ({@code routing/pathfind.go} v0.18.5-beta)
 * @param minProbability     {@code DefaultMinRouteProbability}, 0.01 ({@code routing/pathfind.go} v0.18.5-beta)
 * @param minFailureRelaxUs  {@code DefaultMinFailureRelaxInterval}, 1 min ({@code routing/missioncontrol.go}
 *                           v0.18.5-beta), in µs
 * @param feeLimitPercent    {@code DefaultRoutingFeePercentage}, 5 % above {@code RoutingFee100PercentUpTo} =
 *                           1,000 sat, 100 % up to it ({@code lnwallet/parameters.go} v0.18.5-beta, what lncli uses
 *                           when no fee limit is given)
 * @param cltvLimit          {@code DefaultMaxOutgoingCltvExpiry}, 2016 ({@code htlcswitch/link.go} v0.18.5-beta, the
 *                           router's {@code MaxTotalTimelock}): the largest sum of the intermediate CLTV deltas
 * @param finalCltv          {@code DefaultAssumedFinalCLTVDelta}, 18 ({@code zpay32/hophint.go} v0.18.5-beta)
 * @param maxHops            hop limit standing for the onion's 1,300-byte payload ({@code sphinx.MaxPayloadSize}):
 *                           20, as the other protocols
 */
public record LndSettings(Apriori apriori, long attemptCostMsat, long attemptCostPpm, double minProbability,
                          long minFailureRelaxUs, double feeLimitPercent, int cltvLimit, int finalCltv, int maxHops)
        implements ProtocolSettings {
    /** The only estimator of this slice; {@code bimodal} comes later (issue 20). */
    public static final String APRIORI = "apriori";

    public static final LndSettings DEFAULT = new LndSettings(Apriori.DEFAULT, LndRouter.DEFAULT_ATTEMPT_COST_MSAT,
            LndRouter.DEFAULT_ATTEMPT_COST_PPM, LndRouter.DEFAULT_MIN_ROUTE_PROBABILITY, 60_000_000, 5, 2016, 18, 20);

    public static final Key<String> ESTIMATOR = Key.choice("estimator", APRIORI, List.of(APRIORI),
            "probability estimator (lnd v0.18.5-beta routing/probability_apriori.go)");
    public static final Key<Double> HOP_PROBABILITY = Key.dbl("apriori_hop_probability", 0.6, 0, 1,
            "untried hop probability, in (0, 1] (DefaultAprioriHopProbability 0.6, routing/pathfind.go v0.18.5-beta)");
    public static final Key<Double> WEIGHT = Key.dbl("apriori_weight", 0.5, 0, 1,
            "weight of the a priori value against the node's history (DefaultAprioriWeight 0.5, "
                    + "routing/missioncontrol.go v0.18.5-beta)");
    public static final Key<Double> HALF_LIFE_S = Key.dbl("penalty_half_life_s", 3_600.0, 0, 1e9,
            "failures recover with this half-life, > 0 (DefaultPenaltyHalfLife 1 h, routing/missioncontrol.go "
                    + "v0.18.5-beta)");
    public static final Key<Double> CAPACITY_FRACTION = Key.dbl("capacity_fraction", 0.9999, 0.75, 1,
            "amounts above this fraction of the capacity get a lower a priori probability; 1: off "
                    + "(DefaultCapacityFraction, routing/probability_apriori.go v0.18.5-beta)");
    public static final Key<Long> ATTEMPT_COST_MSAT = Key.lng("attempt_cost_msat", DEFAULT.attemptCostMsat, 0,
            Long.MAX_VALUE / 4, "fixed virtual cost of a failed attempt (DefaultAttemptCost 100 sat, "
                    + "routing/pathfind.go v0.18.5-beta)");
    public static final Key<Long> ATTEMPT_COST_PPM = Key.lng("attempt_cost_ppm", DEFAULT.attemptCostPpm, 0,
            1_000_000_000, "proportional virtual cost of a failed attempt (DefaultAttemptCostPPM 1000, "
                    + "routing/pathfind.go v0.18.5-beta)");
    public static final Key<Double> MIN_PROBABILITY = Key.dbl("min_route_probability", DEFAULT.minProbability, 0,
            1, "routes below this success probability are dropped, in (0, 1] (DefaultMinRouteProbability 0.01, "
                    + "routing/pathfind.go v0.18.5-beta)");
    public static final Key<Double> MIN_FAILURE_RELAX_S = Key.dbl("min_failure_relax_interval_s", 60.0, 0, 1e9,
            "a failure at a higher amount within this time of the last is ignored (DefaultMinFailureRelaxInterval "
                    + "1 min, routing/missioncontrol.go v0.18.5-beta)");
    public static final Key<Double> FEE_LIMIT_PERCENT = Key.dbl("fee_limit_percent", DEFAULT.feeLimitPercent, 0,
            100, "fee limit in % of amounts above 1,000 sat, 100 % up to it (DefaultRoutingFeePercentage 5, "
                    + "lnwallet/parameters.go v0.18.5-beta)");
    public static final Key<Integer> CLTV_LIMIT = Key.integer("cltv_limit", DEFAULT.cltvLimit, 0, 65_535,
            "largest sum of CLTV deltas (DefaultMaxOutgoingCltvExpiry 2016, htlcswitch/link.go v0.18.5-beta)");
    public static final Key<Integer> FINAL_CLTV = Key.integer("final_cltv", DEFAULT.finalCltv, 0, 65_535,
            "CLTV the receiver asks for (DefaultAssumedFinalCLTVDelta 18, zpay32/hophint.go v0.18.5-beta)");
    public static final Key<Integer> MAX_HOPS = Key.integer("max_hops", DEFAULT.maxHops, 1, 27,
            "route hop limit standing for the onion's 1,300-byte payload (20)");

    private static final List<Key<?>> KEYS = List.of(LABEL, ESTIMATOR, HOP_PROBABILITY, WEIGHT, HALF_LIFE_S,
            CAPACITY_FRACTION, ATTEMPT_COST_MSAT, ATTEMPT_COST_PPM, MIN_PROBABILITY, MIN_FAILURE_RELAX_S,
            FEE_LIMIT_PERCENT, CLTV_LIMIT, FINAL_CLTV, MAX_HOPS);

    /** {@code lnd} as an experiment names it. */
    public static final ProtocolSpec<LndSettings> SPEC = new ProtocolSpec<>(LndRouting.NAME,
            "lnd v0.18.5-beta's path finding with per-sender mission control (apriori estimator) and its pay loop",
            KEYS, LndSettings::from);

    public LndSettings {
        if (apriori == null) {
            throw new IllegalArgumentException("lnd settings: estimator parameters needed");
        }
        if (attemptCostMsat < 0 || attemptCostPpm < 0) {
            throw new IllegalArgumentException("attempt_cost_msat and attempt_cost_ppm must be >= 0");
        }
        if (!(minProbability > 0 && minProbability <= 1)) {
            throw new IllegalArgumentException("min_route_probability must be in (0, 1], got " + minProbability);
        }
        if (minFailureRelaxUs < 0) {
            throw new IllegalArgumentException("min_failure_relax_interval_s must be >= 0");
        }
        if (!(feeLimitPercent >= 0 && feeLimitPercent <= 100)) {
            throw new IllegalArgumentException("fee_limit_percent must be in [0, 100], got " + feeLimitPercent);
        }
        if (cltvLimit < 0 || finalCltv < 0 || maxHops < 1) {
            throw new IllegalArgumentException("lnd settings: cltv_limit, final_cltv >= 0 and max_hops >= 1 needed");
        }
    }

    public static LndSettings from(Values v) {
        if (!APRIORI.equals(v.get(ESTIMATOR))) {
            throw new IllegalArgumentException("estimator: unknown estimator '" + v.get(ESTIMATOR) + "'");
        }
        Apriori a = new Apriori(v.get(HOP_PROBABILITY), v.get(WEIGHT), v.get(HALF_LIFE_S) * 1e6,
                v.get(CAPACITY_FRACTION));
        return new LndSettings(a, v.get(ATTEMPT_COST_MSAT), v.get(ATTEMPT_COST_PPM), v.get(MIN_PROBABILITY),
                Math.round(v.get(MIN_FAILURE_RELAX_S) * 1e6), v.get(FEE_LIMIT_PERCENT), v.get(CLTV_LIMIT),
                v.get(FINAL_CLTV), v.get(MAX_HOPS));
    }

    /**
     * lnd's {@code DefaultRoutingFeeLimitForAmount} with this percentage: the whole amount up to
     * {@code RoutingFee100PercentUpTo} = 1,000 sat, else amount × percent / 100 (truncated).
     */
    public long feeLimitMsat(long amountMsat) {
        if (amountMsat <= 1_000_000) {
            return amountMsat;
        }
        return (long) (amountMsat * (feeLimitPercent / 100.0));
    }
}
