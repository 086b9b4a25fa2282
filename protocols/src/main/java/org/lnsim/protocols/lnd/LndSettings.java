package org.lnsim.protocols.lnd;

import java.util.List;
import org.lnsim.protocols.multipart.SplitSettings;
import org.lnsim.protocols.settings.Key;
import org.lnsim.protocols.settings.ProtocolSettings;
import org.lnsim.protocols.settings.ProtocolSpec;
import org.lnsim.protocols.settings.Values;

/**
 * {@code lnd}'s and {@code lnd.bimodal}'s settings: the estimator and its parameters, path finding's attempt cost and
 * minimum probability, mission control's failure relax interval, and the payment's limits. Defaults are lnd v0.18.5-beta's; each key's
 * doc names the constant and file.
 *
 * @param estimator          the probability estimator with its parameters: {@link Apriori} ({@code lnd}) or
 *                           {@link Bimodal} ({@code lnd.bimodal})
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
 * @param split              multi-part splitting: none (one path), or a splitter whose shards lnd's search routes,
 *                           {@code lnd-halving} being lnd's own ({@code routing/payment_lifecycle.go} v0.18.5-beta;
 *                           lightning-facts §7.4); the protocol is then named e.g. {@code lnd+lnd-halving}
 */
public record LndSettings(Estimator estimator, long attemptCostMsat, long attemptCostPpm, double minProbability,
                          long minFailureRelaxUs, double feeLimitPercent, int cltvLimit, int finalCltv, int maxHops,
                          SplitSettings split)
        implements ProtocolSettings {
    /** {@code lnd}'s estimator; the bimodal one is the protocol {@code lnd.bimodal} ({@link #BIMODAL_SPEC}). */
    public static final String APRIORI = "apriori";

    public static final LndSettings DEFAULT = new LndSettings(Apriori.DEFAULT, LndRouter.DEFAULT_ATTEMPT_COST_MSAT,
            LndRouter.DEFAULT_ATTEMPT_COST_PPM, LndRouter.DEFAULT_MIN_ROUTE_PROBABILITY, 60_000_000, 5, 2016, 18, 20,
            SplitSettings.NONE);

    public static final Key<String> ESTIMATOR = Key.choice("estimator", APRIORI, List.of(APRIORI),
            "probability estimator (lnd v0.18.5-beta routing/probability_apriori.go; the bimodal one is the "
                    + "protocol lnd.bimodal)");
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

    public static final Key<Long> BIMODAL_SCALE_MSAT = Key.lng("bimodal_scale_msat", Bimodal.DEFAULT.scaleMsat(), 1,
            Bimodal.SCALE_MAX_MSAT, "scale over which liquidity leaks from a channel's ends, > 0 and at most 2.5 BTC "
                    + "(DefaultBimodalScaleMsat 300,000 sat, routing/probability_bimodal.go v0.18.5-beta)");
    public static final Key<Double> BIMODAL_NODE_WEIGHT = Key.dbl("bimodal_node_weight",
            Bimodal.DEFAULT.nodeWeight(), 0, 1, "weight of the from-node's other pairs' results, in [0, 1] "
                    + "(DefaultBimodalNodeWeight 0.2, routing/probability_bimodal.go v0.18.5-beta)");
    public static final Key<Double> BIMODAL_DECAY_TIME_S = Key.dbl("bimodal_decay_time_s",
            Bimodal.DEFAULT.decayUs() / 1e6, 0, 1e9, "learnt bounds decay back to the prior over this time, > 0 "
                    + "(DefaultBimodalDecayTime 7 days, routing/probability_bimodal.go v0.18.5-beta)");

    /** The keys both variants share: path finding, mission control and the payment's limits. */
    private static final List<Key<?>> ROUTER_KEYS = List.of(ATTEMPT_COST_MSAT, ATTEMPT_COST_PPM, MIN_PROBABILITY,
            MIN_FAILURE_RELAX_S, FEE_LIMIT_PERCENT, CLTV_LIMIT, FINAL_CLTV, MAX_HOPS);

    private static final List<Key<?>> KEYS = keys(LABEL, ESTIMATOR, HOP_PROBABILITY, WEIGHT, HALF_LIFE_S,
            CAPACITY_FRACTION);

    private static final List<Key<?>> BIMODAL_KEYS = keys(LABEL, BIMODAL_SCALE_MSAT, BIMODAL_NODE_WEIGHT,
            BIMODAL_DECAY_TIME_S);

    /** {@code lnd} as an experiment names it. */
    public static final ProtocolSpec<LndSettings> SPEC = new ProtocolSpec<>(LndRouting.NAME,
            "lnd v0.18.5-beta's path finding with per-sender mission control (apriori estimator) and its pay loop",
            KEYS, LndSettings::from);

    /** {@code lnd.bimodal} as an experiment names it: the same router and pay loop, the bimodal estimator. */
    public static final ProtocolSpec<LndSettings> BIMODAL_SPEC = new ProtocolSpec<>(LndRouting.BIMODAL,
            "lnd v0.18.5-beta's path finding with per-sender mission control (bimodal estimator) and its pay loop",
            BIMODAL_KEYS, LndSettings::fromBimodal);

    public LndSettings {
        if (estimator == null || split == null) {
            throw new IllegalArgumentException("lnd settings: estimator parameters and split settings needed");
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
        return router(a, v);
    }

    /** {@code lnd.bimodal}'s settings from resolved values holding {@link #BIMODAL_SPEC}'s keys. */
    public static LndSettings fromBimodal(Values v) {
        Bimodal b = new Bimodal(v.get(BIMODAL_SCALE_MSAT), v.get(BIMODAL_NODE_WEIGHT),
                Math.round(v.get(BIMODAL_DECAY_TIME_S) * 1e6));
        return router(b, v);
    }

    private static List<Key<?>> keys(Key<?>... first) {
        List<Key<?>> l = new java.util.ArrayList<>(List.of(first));
        l.addAll(ROUTER_KEYS);
        l.addAll(SplitSettings.KEYS);
        return List.copyOf(l);
    }

    private static LndSettings router(Estimator e, Values v) {
        return new LndSettings(e, v.get(ATTEMPT_COST_MSAT), v.get(ATTEMPT_COST_PPM), v.get(MIN_PROBABILITY),
                Math.round(v.get(MIN_FAILURE_RELAX_S) * 1e6), v.get(FEE_LIMIT_PERCENT), v.get(CLTV_LIMIT),
                v.get(FINAL_CLTV), v.get(MAX_HOPS), SplitSettings.from(v));
    }

    /** These settings with another estimator ({@code lnd.bimodal}'s defaults: {@code withEstimator(Bimodal.DEFAULT)}). */
    public LndSettings withEstimator(Estimator e) {
        return new LndSettings(e, attemptCostMsat, attemptCostPpm, minProbability, minFailureRelaxUs, feeLimitPercent,
                cltvLimit, finalCltv, maxHops, split);
    }

    /** These settings with another splitter (and part cap and payment kind). */
    public LndSettings withSplit(SplitSettings s) {
        return new LndSettings(estimator, attemptCostMsat, attemptCostPpm, minProbability, minFailureRelaxUs,
                feeLimitPercent, cltvLimit, finalCltv, maxHops, s);
    }

    /** The graph's compact in-edges, shared by every lnd protocol of the run. */
    @Override
    public List<org.lnsim.protocols.settings.SharedWork<?>> sharedWork() {
        return List.of(org.lnsim.protocols.routing.EdgeRecords.SHARED);
    }

    @Override
    public String variant() {
        return split.variant();
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
