package org.lnsim.experiments;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import org.lnsim.engine.workload.AmountDistribution;
import org.lnsim.engine.workload.EndpointChoice;
import org.lnsim.experiments.ConfigSchema.Section;
import org.lnsim.protocols.settings.Key;
import org.lnsim.protocols.settings.Values;

/**
 * The payments every protocol of a run replays ({@code workload}): a Poisson stream with its amounts and endpoints,
 * or a CLoTH trace. Paths are kept as written; the runner resolves them against the configuration's folder.
 *
 * @param durationUs no arrival after this time, µs; {@link Long#MAX_VALUE}: none
 * @param trace      a CLoTH payments.csv to replay instead of generating, or null
 * @param senders    how many nodes send (drawn once; each payment's sender uniform among them), 0 for every node
 */
public record WorkloadSettings(int payments, double ratePerS, long durationUs, String trace, Amounts amounts,
                               EndpointChoice endpoints, int senders) {
    /** Where amounts come from. */
    public sealed interface Amounts {
    }

    /** Drawn from a distribution the configuration gives in full. */
    public record Drawn(AmountDistribution distribution) implements Amounts {
    }

    /** Drawn from the amounts in a file (sat, one per line), read when the run starts. */
    public record Empirical(String file) implements Amounts {
    }

    public static final Key<Integer> PAYMENTS = Key.integer("payments", 5_000, 0, 100_000_000, "number of payments");
    public static final Key<Double> RATE_PER_S = Key.dbl("rate_per_s", 10.0, 1e-9, Double.POSITIVE_INFINITY,
            "Poisson arrival rate");
    public static final Key<Double> DURATION_S = Key.dbl("duration_s", null, 0, Double.POSITIVE_INFINITY, "no "
            + "arrival after this time (default: none)");
    public static final Key<String> TRACE = Key.str("trace", null, "a CLoTH payments.csv trace to replay instead of "
            + "generating (id,sender_id,receiver_id,amount msat,start_time ms)");

    public static final Key<String> DISTRIBUTION = Key.choice("distribution", "lognormal",
            List.of("fixed", "lognormal", "empirical"), "amount distribution");
    public static final Key<Double> SAT = Key.dbl("sat", 10_000.0, 0.001, 21e14, "fixed: the amount");
    public static final Key<Double> MEDIAN_SAT = Key.dbl("median_sat", 10_000.0, 0.001, 21e14, "lognormal: median");
    public static final Key<Double> SIGMA = Key.dbl("sigma", 1.0, 0, 10, "lognormal: shape");
    public static final Key<String> AMOUNTS_FILE = Key.str("file", null, "empirical: a file with one amount in sat "
            + "per line");
    static final Section AMOUNT = new Section("amount", "payment amounts", List.of(DISTRIBUTION, SAT, MEDIAN_SAT,
            SIGMA, AMOUNTS_FILE), List.of());

    public static final Key<String> CHOICE = Key.choice("choice", "uniform", List.of("uniform", "capacity-weighted",
            "merchants"), "uniform; weighted by node capacity; or a share of payments to the top merchants by "
            + "capacity");
    public static final Key<Double> MERCHANT_SHARE = Key.dbl("merchant_share", 0.5, 0, 1, "merchants: share of "
            + "payments to a merchant");
    public static final Key<Integer> MERCHANTS = Key.integer("merchants", 100, 1, Integer.MAX_VALUE, "merchants: how "
            + "many top nodes are merchants");
    public static final Key<Integer> SENDERS = Key.integer("senders", 0, 0, Integer.MAX_VALUE, "how many nodes send: "
            + "drawn once by the choice's sender rule, then each payment's sender is uniform among them (a few "
            + "senders paying often show whether learning routers gain); 0: every node");
    static final Section ENDPOINTS = new Section("endpoints", "who pays whom (nodes with channels only)",
            List.of(CHOICE, MERCHANT_SHARE, MERCHANTS, SENDERS), List.of());

    static final Section SECTION = new Section("workload", "the payments; every protocol replays the same list",
            List.of(PAYMENTS, RATE_PER_S, DURATION_S, TRACE), List.of(AMOUNT, ENDPOINTS));

    /**
     * The settings of a resolved {@code workload} section and its {@code amount} and {@code endpoints} sections.
     *
     * @throws ConfigException if amounts are generated from the empirical distribution without a file, or every
     *                         payment must go to a single merchant
     */
    static WorkloadSettings from(Values w, Values amount, Values endpoints, String source) throws ConfigException {
        if (endpoints.get(CHOICE).equals("merchants") && endpoints.get(MERCHANTS) == 1
                && endpoints.get(MERCHANT_SHARE) == 1.0) {
            // every receiver would be the one merchant, so a payment it sends has no receiver: the draw never ended
            throw new ConfigException(source, "workload.endpoints.merchant_share", "1 with a single merchant leaves "
                    + "the merchant's own payments no receiver; give a share below 1 or at least 2 merchants");
        }
        Double duration = w.get(DURATION_S);
        return new WorkloadSettings(w.get(PAYMENTS), w.get(RATE_PER_S),
                duration == null ? Long.MAX_VALUE : EngineSettings.secondsToUs(duration), w.get(TRACE),
                amounts(amount, w.get(TRACE) == null, source), switch (endpoints.get(CHOICE)) {
                    case "capacity-weighted" -> new EndpointChoice.CapacityWeighted();
                    case "merchants" -> new EndpointChoice.Merchants(endpoints.get(MERCHANT_SHARE),
                            endpoints.get(MERCHANTS));
                    default -> new EndpointChoice.Uniform();
                }, endpoints.get(SENDERS));
    }

    private static Amounts amounts(Values a, boolean used, String source) throws ConfigException {
        return switch (a.get(DISTRIBUTION)) {
            case "fixed" -> new Drawn(new AmountDistribution.Fixed(satToMsat(a.get(SAT))));
            case "empirical" -> {
                if (used && a.get(AMOUNTS_FILE) == null) {
                    throw new ConfigException(source, "workload.amount.file", "the empirical distribution needs a "
                            + "file of amounts (sat, one per line)");
                }
                yield new Empirical(a.get(AMOUNTS_FILE));
            }
            default -> new Drawn(new AmountDistribution.LogNormal(satToMsat(a.get(MEDIAN_SAT)), a.get(SIGMA)));
        };
    }

    /**
     * sat (possibly fractional, from YAML) to msat, at least 1, exactly for any decimal with ≤ 3 places: the
     * double's shortest decimal form ({@link Double#toString}), so 0.001 sat is 1 msat and not 0.999….
     */
    static long satToMsat(double sat) {
        return Math.max(1, new BigDecimal(Double.toString(sat)).movePointRight(3).setScale(0, RoundingMode.HALF_EVEN)
                .longValueExact());
    }
}
