package org.lnsim.protocols.ldk;

import java.util.List;
import org.lnsim.protocols.settings.Key;
import org.lnsim.protocols.settings.ProtocolSettings;
import org.lnsim.protocols.settings.ProtocolSpec;
import org.lnsim.protocols.settings.Values;

/**
 * {@code ldk}'s settings: the scorer's fee parameters ({@code ProbabilisticScoringFeeParameters}) and decay
 * parameters ({@code ProbabilisticScoringDecayParameters}), the router's limits ({@code PaymentParameters},
 * {@code RouteParameters}) and the pay loop's retry strategy. Defaults are rust-lightning v0.2.5's; each key's doc
 * names the constant and file.
 *
 * @param basePenaltyMsat                  {@code base_penalty_msat} 1,024 ({@code lightning/src/routing/scoring.rs})
 * @param basePenaltyAmountMultiplierMsat  {@code base_penalty_amount_multiplier_msat} 131,072 (× amount / 2³⁰)
 * @param liquidityPenaltyMultiplierMsat   {@code liquidity_penalty_multiplier_msat} 0 (× −log₁₀ P of the live bounds)
 * @param liquidityPenaltyAmountMultiplierMsat {@code liquidity_penalty_amount_multiplier_msat} 0 (× −log₁₀ P × amount
 *                                         / 2²⁰)
 * @param historicalLiquidityPenaltyMultiplierMsat {@code historical_liquidity_penalty_multiplier_msat} 10,000
 * @param historicalLiquidityPenaltyAmountMultiplierMsat {@code historical_liquidity_penalty_amount_multiplier_msat}
 *                                         1,250
 * @param antiProbingPenaltyMsat           {@code anti_probing_penalty_msat} 250 (htlc_maximum ≥ capacity / 2)
 * @param consideredImpossiblePenaltyMsat  {@code considered_impossible_penalty_msat} 10¹¹ (1 BTC; amount ≥ upper
 *                                         bound)
 * @param linearSuccessProbability         {@code linear_success_probability} false: the non-linear model
 * @param liquidityOffsetHalfLifeUs        {@code liquidity_offset_half_life} 30 min ({@code scoring.rs} v0.2.5; the
 *                                         6 h of older releases was shortened)
 * @param historicalNoUpdatesHalfLifeUs    {@code historical_no_updates_half_life} 14 days
 * @param timePassedIntervalUs             {@code SCORER_PERSIST_TIMER} 5 min: how often {@code time_passed} runs
 *                                         ({@code lightning-background-processor/src/lib.rs} v0.2.5)
 * @param maxTotalCltvExpiryDelta          {@code DEFAULT_MAX_TOTAL_CLTV_EXPIRY_DELTA} 1008
 *                                         ({@code lightning/src/routing/router.rs})
 * @param maxPathCount                     {@code DEFAULT_MAX_PATH_COUNT} 10; 1: single-path payments
 * @param maxPathLength                    {@code MAX_PATH_LENGTH_ESTIMATE} 19 hops
 * @param maxChannelSaturationPowerOfHalf  {@code DEFAULT_MAX_CHANNEL_SATURATION_POW_HALF} 2: a path may use a public
 *                                         channel up to capacity / 2² in the first passes
 * @param finalCltv                        {@code MIN_FINAL_CLTV_EXPIRY_DELTA} 24 ({@code lightning/src/ln/channelmanager.rs},
 *                                         HTLC_FAIL_BACK_BUFFER 21 + 3), what the receiver asks for
 * @param retryTimeoutUs                   {@code Retry::Timeout(2 s)}, {@code OptionalOfferPaymentParams::default}
 *                                         ({@code channelmanager.rs} v0.2.5): a failed path is re-routed while the
 *                                         payment is younger than this
 * @param retryAttempts                    {@code Retry::Attempts(n)} instead, when ≥ 0; -1: the timeout
 */
public record LdkSettings(long basePenaltyMsat, long basePenaltyAmountMultiplierMsat,
                          long liquidityPenaltyMultiplierMsat, long liquidityPenaltyAmountMultiplierMsat,
                          long historicalLiquidityPenaltyMultiplierMsat,
                          long historicalLiquidityPenaltyAmountMultiplierMsat, long antiProbingPenaltyMsat,
                          long consideredImpossiblePenaltyMsat, boolean linearSuccessProbability,
                          long liquidityOffsetHalfLifeUs, long historicalNoUpdatesHalfLifeUs,
                          long timePassedIntervalUs, int maxTotalCltvExpiryDelta, int maxPathCount, int maxPathLength,
                          int maxChannelSaturationPowerOfHalf, int finalCltv, long retryTimeoutUs, int retryAttempts)
        implements ProtocolSettings {

    public static final LdkSettings DEFAULT = new LdkSettings(1024, 131_072, 0, 0, 10_000, 1_250, 250,
            100_000_000_000L, false, 30 * 60 * 1_000_000L, 14 * 86_400 * 1_000_000L, 300_000_000L, 1008, 10, 19, 2,
            24, 2_000_000L, -1);

    private static final String SC = "lightning/src/routing/scoring.rs v0.2.5";
    private static final String RT = "lightning/src/routing/router.rs v0.2.5";
    private static final long BIG = Long.MAX_VALUE / 4;

    public static final Key<Long> BASE_PENALTY_MSAT = Key.lng("base_penalty_msat", DEFAULT.basePenaltyMsat, 0, BIG,
            "fixed penalty per hop, >= 0 (base_penalty_msat 1,024, " + SC + ")");
    public static final Key<Long> BASE_PENALTY_AMOUNT_MULTIPLIER_MSAT = Key.lng(
            "base_penalty_amount_multiplier_msat", DEFAULT.basePenaltyAmountMultiplierMsat, 0, BIG,
            "per-hop penalty x amount / 2^30, >= 0 (base_penalty_amount_multiplier_msat 131,072, " + SC + ")");
    public static final Key<Long> LIQUIDITY_PENALTY_MULTIPLIER_MSAT = Key.lng("liquidity_penalty_multiplier_msat",
            DEFAULT.liquidityPenaltyMultiplierMsat, 0, BIG,
            "penalty x -log10 P of the live bounds, >= 0 (liquidity_penalty_multiplier_msat 0, " + SC + ")");
    public static final Key<Long> LIQUIDITY_PENALTY_AMOUNT_MULTIPLIER_MSAT = Key.lng(
            "liquidity_penalty_amount_multiplier_msat", DEFAULT.liquidityPenaltyAmountMultiplierMsat, 0, BIG,
            "penalty x -log10 P x amount / 2^20 of the live bounds, >= 0 (liquidity_penalty_amount_multiplier_msat 0, "
                    + SC + ")");
    public static final Key<Long> HISTORICAL_PENALTY_MULTIPLIER_MSAT = Key.lng(
            "historical_liquidity_penalty_multiplier_msat", DEFAULT.historicalLiquidityPenaltyMultiplierMsat, 0, BIG,
            "penalty x -log10 P of the history buckets, >= 0 (historical_liquidity_penalty_multiplier_msat 10,000, "
                    + SC + ")");
    public static final Key<Long> HISTORICAL_PENALTY_AMOUNT_MULTIPLIER_MSAT = Key.lng(
            "historical_liquidity_penalty_amount_multiplier_msat",
            DEFAULT.historicalLiquidityPenaltyAmountMultiplierMsat, 0, BIG, "penalty x -log10 P x amount / 2^20 of "
                    + "the history buckets, >= 0 (historical_liquidity_penalty_amount_multiplier_msat 1,250, " + SC
                    + ")");
    public static final Key<Long> ANTI_PROBING_PENALTY_MSAT = Key.lng("anti_probing_penalty_msat",
            DEFAULT.antiProbingPenaltyMsat, 0, BIG, "penalty on channels whose htlc_maximum is >= half the capacity, "
                    + ">= 0 (anti_probing_penalty_msat 250, " + SC + ")");
    public static final Key<Long> CONSIDERED_IMPOSSIBLE_PENALTY_MSAT = Key.lng("considered_impossible_penalty_msat",
            DEFAULT.consideredImpossiblePenaltyMsat, 0, BIG, "penalty for an amount at or above the upper liquidity "
                    + "bound, >= 0 (considered_impossible_penalty_msat 1 BTC, " + SC + ")");
    public static final Key<Boolean> LINEAR_SUCCESS_PROBABILITY = Key.bool("linear_success_probability", false,
            "uniform liquidity between the bounds instead of the non-linear density (linear_success_probability "
                    + "false, " + SC + ")");
    public static final Key<Double> LIQUIDITY_OFFSET_HALF_LIFE_S = Key.dbl("liquidity_offset_half_life_s",
            DEFAULT.liquidityOffsetHalfLifeUs / 1e6, 0, 1e9, "learnt bounds decay towards [0, capacity] with this "
                    + "half-life, >= 0 (liquidity_offset_half_life 30 min, " + SC + ")");
    public static final Key<Double> HISTORICAL_NO_UPDATES_HALF_LIFE_S = Key.dbl("historical_no_updates_half_life_s",
            DEFAULT.historicalNoUpdatesHalfLifeUs / 1e6, 0, 1e10, "history buckets without new data decay with this "
                    + "half-life, >= 0 (historical_no_updates_half_life 14 days, " + SC + ")");
    public static final Key<Double> TIME_PASSED_INTERVAL_S = Key.dbl("time_passed_interval_s",
            DEFAULT.timePassedIntervalUs / 1e6, 0, 1e9, "the scorer decays every this often; 0: continuously "
                    + "(SCORER_PERSIST_TIMER 5 min, lightning-background-processor/src/lib.rs v0.2.5)");
    public static final Key<Integer> MAX_TOTAL_CLTV_EXPIRY_DELTA = Key.integer("max_total_cltv_expiry_delta",
            DEFAULT.maxTotalCltvExpiryDelta, 1, 65_535, "largest total CLTV delta of a path "
                    + "(DEFAULT_MAX_TOTAL_CLTV_EXPIRY_DELTA 1008, " + RT + ")");
    public static final Key<Integer> MAX_PATH_COUNT = Key.integer("max_path_count", DEFAULT.maxPathCount, 1, 255,
            "most paths (MPP parts) per route; 1: single-path payments (DEFAULT_MAX_PATH_COUNT 10, " + RT + ")");
    public static final Key<Integer> MAX_PATH_LENGTH = Key.integer("max_path_length", DEFAULT.maxPathLength, 1, 19,
            "most hops per path (MAX_PATH_LENGTH_ESTIMATE 19, " + RT + ")");
    public static final Key<Integer> MAX_CHANNEL_SATURATION_POWER_OF_HALF = Key.integer(
            "max_channel_saturation_power_of_half", DEFAULT.maxChannelSaturationPowerOfHalf, 0, 63,
            "paths first use at most capacity / 2^this of a public channel (DEFAULT_MAX_CHANNEL_SATURATION_POW_HALF "
                    + "2, " + RT + ")");
    public static final Key<Integer> FINAL_CLTV = Key.integer("final_cltv", DEFAULT.finalCltv, 0, 65_535,
            "CLTV the receiver asks for (MIN_FINAL_CLTV_EXPIRY_DELTA 24, lightning/src/ln/channelmanager.rs v0.2.5)");
    public static final Key<Double> RETRY_TIMEOUT_S = Key.dbl("retry_timeout_s", DEFAULT.retryTimeoutUs / 1e6, 0,
            1e9, "failed paths are re-routed while the payment is younger than this, >= 0 (Retry::Timeout 2 s, "
                    + "OptionalOfferPaymentParams::default, lightning/src/ln/channelmanager.rs v0.2.5)");
    public static final Key<Integer> RETRY_ATTEMPTS = Key.integer("retry_attempts", DEFAULT.retryAttempts, -1,
            1_000_000, "Retry::Attempts(n) instead of the timeout when >= 0; -1: the timeout");

    private static final List<Key<?>> KEYS = List.of(LABEL, BASE_PENALTY_MSAT, BASE_PENALTY_AMOUNT_MULTIPLIER_MSAT,
            LIQUIDITY_PENALTY_MULTIPLIER_MSAT, LIQUIDITY_PENALTY_AMOUNT_MULTIPLIER_MSAT,
            HISTORICAL_PENALTY_MULTIPLIER_MSAT, HISTORICAL_PENALTY_AMOUNT_MULTIPLIER_MSAT, ANTI_PROBING_PENALTY_MSAT,
            CONSIDERED_IMPOSSIBLE_PENALTY_MSAT, LINEAR_SUCCESS_PROBABILITY, LIQUIDITY_OFFSET_HALF_LIFE_S,
            HISTORICAL_NO_UPDATES_HALF_LIFE_S, TIME_PASSED_INTERVAL_S, MAX_TOTAL_CLTV_EXPIRY_DELTA, MAX_PATH_COUNT,
            MAX_PATH_LENGTH, MAX_CHANNEL_SATURATION_POWER_OF_HALF, FINAL_CLTV, RETRY_TIMEOUT_S, RETRY_ATTEMPTS);

    /** {@code ldk} as an experiment names it. */
    public static final ProtocolSpec<LdkSettings> SPEC = new ProtocolSpec<>(LdkRouting.NAME,
            "LDK v0.2.5's find_route with a per-sender ProbabilisticScorer, MPP and its retry loop", KEYS,
            LdkSettings::from);

    public LdkSettings {
        check("base_penalty_msat", basePenaltyMsat);
        check("base_penalty_amount_multiplier_msat", basePenaltyAmountMultiplierMsat);
        check("liquidity_penalty_multiplier_msat", liquidityPenaltyMultiplierMsat);
        check("liquidity_penalty_amount_multiplier_msat", liquidityPenaltyAmountMultiplierMsat);
        check("historical_liquidity_penalty_multiplier_msat", historicalLiquidityPenaltyMultiplierMsat);
        check("historical_liquidity_penalty_amount_multiplier_msat", historicalLiquidityPenaltyAmountMultiplierMsat);
        check("anti_probing_penalty_msat", antiProbingPenaltyMsat);
        check("considered_impossible_penalty_msat", consideredImpossiblePenaltyMsat);
        check("liquidity_offset_half_life_s", liquidityOffsetHalfLifeUs);
        check("historical_no_updates_half_life_s", historicalNoUpdatesHalfLifeUs);
        check("time_passed_interval_s", timePassedIntervalUs);
        check("retry_timeout_s", retryTimeoutUs);
        if (maxTotalCltvExpiryDelta <= finalCltv) {
            throw new IllegalArgumentException("max_total_cltv_expiry_delta must be above final_cltv ("
                    + maxTotalCltvExpiryDelta + " <= " + finalCltv + ")");
        }
        if (maxPathCount < 1 || maxPathLength < 1 || maxPathLength > 19 || maxChannelSaturationPowerOfHalf < 0
                || finalCltv < 0 || retryAttempts < -1) {
            throw new IllegalArgumentException("ldk settings: max_path_count >= 1, max_path_length in [1, 19], "
                    + "max_channel_saturation_power_of_half >= 0, final_cltv >= 0, retry_attempts >= -1 needed");
        }
    }

    private static void check(String key, long v) {
        if (v < 0) {
            throw new IllegalArgumentException(key + " must be >= 0, got " + v);
        }
    }

    /** The graph's compact in-edges, shared with every other router of the run that reads them (lnd's). */
    @Override
    public List<org.lnsim.protocols.settings.SharedWork<?>> sharedWork() {
        return List.of(org.lnsim.protocols.routing.EdgeRecords.SHARED);
    }

    public static LdkSettings from(Values v) {
        return new LdkSettings(v.get(BASE_PENALTY_MSAT), v.get(BASE_PENALTY_AMOUNT_MULTIPLIER_MSAT),
                v.get(LIQUIDITY_PENALTY_MULTIPLIER_MSAT), v.get(LIQUIDITY_PENALTY_AMOUNT_MULTIPLIER_MSAT),
                v.get(HISTORICAL_PENALTY_MULTIPLIER_MSAT), v.get(HISTORICAL_PENALTY_AMOUNT_MULTIPLIER_MSAT),
                v.get(ANTI_PROBING_PENALTY_MSAT), v.get(CONSIDERED_IMPOSSIBLE_PENALTY_MSAT),
                v.get(LINEAR_SUCCESS_PROBABILITY), us(v.get(LIQUIDITY_OFFSET_HALF_LIFE_S)),
                us(v.get(HISTORICAL_NO_UPDATES_HALF_LIFE_S)), us(v.get(TIME_PASSED_INTERVAL_S)),
                v.get(MAX_TOTAL_CLTV_EXPIRY_DELTA), v.get(MAX_PATH_COUNT), v.get(MAX_PATH_LENGTH),
                v.get(MAX_CHANNEL_SATURATION_POWER_OF_HALF), v.get(FINAL_CLTV), us(v.get(RETRY_TIMEOUT_S)),
                v.get(RETRY_ATTEMPTS));
    }

    private static long us(double s) {
        return Math.round(s * 1e6);
    }

    /** The scorer's penalties all 0 (the router's cost is then the fees alone): for tests and benchmarks. */
    public LdkSettings withoutPenalties() {
        return new LdkSettings(0, 0, 0, 0, 0, 0, 0, 0, linearSuccessProbability, liquidityOffsetHalfLifeUs,
                historicalNoUpdatesHalfLifeUs, timePassedIntervalUs, maxTotalCltvExpiryDelta, maxPathCount,
                maxPathLength, maxChannelSaturationPowerOfHalf, finalCltv, retryTimeoutUs, retryAttempts);
    }

    /** These settings with another path count ({@code 1}: single-path). */
    public LdkSettings withMaxPathCount(int n) {
        return new LdkSettings(basePenaltyMsat, basePenaltyAmountMultiplierMsat, liquidityPenaltyMultiplierMsat,
                liquidityPenaltyAmountMultiplierMsat, historicalLiquidityPenaltyMultiplierMsat,
                historicalLiquidityPenaltyAmountMultiplierMsat, antiProbingPenaltyMsat, consideredImpossiblePenaltyMsat,
                linearSuccessProbability, liquidityOffsetHalfLifeUs, historicalNoUpdatesHalfLifeUs,
                timePassedIntervalUs, maxTotalCltvExpiryDelta, n, maxPathLength, maxChannelSaturationPowerOfHalf,
                finalCltv, retryTimeoutUs, retryAttempts);
    }

    /** LDK's default fee limit, {@code RouteParameters::from_payment_params_and_value}: amount / 100 + 50 sat. */
    public static long maxTotalRoutingFeeMsat(long amountMsat) {
        return amountMsat / 100 + 50_000;
    }
}
