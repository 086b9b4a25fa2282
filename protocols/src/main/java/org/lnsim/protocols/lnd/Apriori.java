package org.lnsim.protocols.lnd;

/**
 * lnd's apriori probability estimator, {@code routing/probability_apriori.go} of lnd v0.18.5-beta
 * ({@code AprioriEstimator}), over one sender's {@link PairHistory}. Pure functions of the history, the time and
 * the amount; allocation-free, since the router calls {@link #pair} once per edge relaxation.
 *
 * <ul>
 *   <li>Untried pair: the node probability, which with no results of the from-node is
 *       {@code hopProbability × capacityFactor(amt, capacity)}.</li>
 *   <li>Node probability with results: the a priori value with weight {@code 1/(1−aprioriWeight) − 1}, plus each
 *       result of the from-node: weight 1 at {@link #PREV_SUCCESS_PROBABILITY} if {@code amt ≤ successAmt}, else
 *       weight {@code 2^(−age/halfLife)} at probability 0 if it failed at an amount ≤ {@code amt}.</li>
 *   <li>Pair probability: 0.95 if {@code amt ≤ successAmt}; the node probability if never failed or
 *       {@code amt < failAmt}; else {@code nodeP × (1 − 2^(−age/halfLife))}.</li>
 *   <li>The sender's own channels ({@link #local}): node probability 0.95, amount "any" (lnd's
 *       {@code LocalPairProbability}); their liquidity is checked by the router instead (bandwidth hints).</li>
 * </ul>
 *
 * Differences from lightning-facts §3.1 (which describes v0.7–v0.10): the pinned release multiplies the a priori
 * hop probability by a capacity factor (below), and reaches it through the {@link Estimator} interface of
 * {@code routing/probability_estimator.go}.
 *
 * @param hopProbability   {@code AprioriHopProbability}, 0.6 ({@code DefaultAprioriHopProbability},
 *                         {@code routing/pathfind.go} v0.18.5-beta)
 * @param weight           {@code AprioriWeight}, 0.5 ({@code DefaultAprioriWeight}, {@code routing/missioncontrol.go}
 *                         v0.18.5-beta): how much the a priori value counts against the node's history
 * @param halfLifeUs       {@code PenaltyHalfLife}, 1 h ({@code DefaultPenaltyHalfLife}, {@code routing/missioncontrol.go}
 *                         v0.18.5-beta), in µs, &gt; 0
 * @param capacityFraction {@code CapacityFraction}, 0.9999 ({@code DefaultCapacityFraction},
 *                         {@code routing/probability_apriori.go} v0.18.5-beta), in [0.75, 1]; 1 disables the factor
 */
public record Apriori(double hopProbability, double weight, double halfLifeUs, double capacityFraction)
        implements Estimator {
    /** {@code prevSuccessProbability = 0.95}, {@code routing/missioncontrol.go} v0.18.5-beta. */
    static final double PREV_SUCCESS_PROBABILITY = 0.95;
    /** {@code capacitySmearingFraction = 0.025}, {@code routing/probability_apriori.go} v0.18.5-beta. */
    static final double CAPACITY_SMEARING_FRACTION = 0.025;
    /** {@code minCapacityFactor = 0.5}, {@code routing/probability_apriori.go} v0.18.5-beta. */
    static final double MIN_CAPACITY_FACTOR = 0.5;
    /** {@code minCapacityFraction = 0.75}, {@code routing/probability_apriori.go} v0.18.5-beta. */
    static final double MIN_CAPACITY_FRACTION = 0.75;

    /**
     * Above this exponent the capacity factor is exactly 1.0 in double arithmetic (0.5 / e^40 ≈ 2.1·10⁻¹⁸ is below
     * half the spacing of doubles under 1, 1.1·10⁻¹⁶), so the router skips {@code Math.exp} for the many amounts far
     * below a channel's capacity: a speed-up with bit-identical results.
     */
    static final double EXP_SATURATED = 40;

    /** lnd's defaults (v0.18.5-beta). */
    static final Apriori DEFAULT = new Apriori(0.6, 0.5, 3_600e6, 0.9999);

    public Apriori {
        if (!(hopProbability > 0 && hopProbability <= 1)) {
            throw new IllegalArgumentException("apriori_hop_probability must be in (0, 1], got " + hopProbability);
        }
        if (!(weight >= 0 && weight <= 1)) {
            throw new IllegalArgumentException("apriori_weight must be in [0, 1], got " + weight);
        }
        if (!(halfLifeUs > 0)) {
            throw new IllegalArgumentException("penalty_half_life_s must be > 0, got " + halfLifeUs / 1e6);
        }
        if (!(capacityFraction >= MIN_CAPACITY_FRACTION && capacityFraction <= 1)) {
            throw new IllegalArgumentException("capacity_fraction must be in [0.75, 1], got " + capacityFraction);
        }
    }

    /**
     * lnd's {@code capacityFactor}: 1 − 0.5 / (1 + e^(−(amt − f·c)/(0.025·c))) for an amount up to the capacity
     * {@code c}, 0 above it; 1 when the fraction {@code f} is 1 or the capacity unknown (0).
     */
    static double capacityFactor(long amtMsat, long capacityMsat, double fraction) {
        if (fraction == 1 || capacityMsat == 0) {
            return 1.0;
        }
        double cap = capacityMsat;
        double amt = amtMsat;
        if (amt > cap) {
            return 0;
        }
        double cutoff = fraction * cap;
        double smearing = CAPACITY_SMEARING_FRACTION * cap;
        double x = -(amt - cutoff) / smearing;
        if (x > EXP_SATURATED) {
            return 1.0; // 0.5 / (1 + e^x) < 2.2e-18, below half an ulp of 1: the formula gives exactly 1.0
        }
        double denominator = 1 + Math.exp(x);
        return 1 - (1 - MIN_CAPACITY_FACTOR) / denominator;
    }

    /** lnd's {@code getWeight}: 2^(−age/halfLife). */
    double decay(long ageUs) {
        return Math.pow(2, -ageUs / halfLifeUs);
    }

    /** lnd's {@code PairProbability}: the probability that {@code from → to} forwards {@code amtMsat} now. */
    @Override
    public double pair(PairHistory h, long now, int from, int to, long amtMsat, long capacityMsat) {
        double apriori = hopProbability * capacityFactor(amtMsat, capacityMsat, capacityFraction);
        int first = h == null ? -1 : h.firstOf(from);
        if (first < 0) {
            return apriori; // no results of the from-node: no pair result either
        }
        double node = apriori;
        int pairSlot = -1;
        double factor = weight == 1 ? 0 : 1 / (1 - weight) - 1;
        double total = apriori * factor;
        double totalWeight = factor;
        for (int s = first; s >= 0; s = h.next(s)) {
            if (h.to(s) == to) {
                pairSlot = s;
            }
            if (amtMsat <= h.successAmt(s)) {
                totalWeight++;
                total += PREV_SUCCESS_PROBABILITY;
            } else if (h.failTime(s) != PairHistory.NEVER && amtMsat >= h.failAmt(s)) {
                totalWeight += decay(now - h.failTime(s));
            }
        }
        if (weight != 1 && totalWeight > 0) {
            node = total / totalWeight; // (lnd divides 0 by 0 when weight is 0 and no result applies: a NaN)
        }
        return fromPair(h, now, pairSlot, node, amtMsat);
    }

    /**
     * Without history, the a priori value, at most {@code hopProbability} (the capacity factor is at most 1); with
     * it, weighted means of that and 0.95 (or less): at most the larger, widened by 10⁻¹² against rounding in the
     * means.
     */
    @Override
    public double maxPair(PairHistory h) {
        return (h == null ? hopProbability : Math.max(hopProbability, PREV_SUCCESS_PROBABILITY)) * (1 + 1e-12);
    }

    /** lnd's {@code LocalPairProbability}: a channel of the sender itself, node probability 0.95, any amount. */
    @Override
    public double local(PairHistory h, long now, int from, int to) {
        int s = h == null ? -1 : h.slot(from, to);
        return fromPair(h, now, s, PREV_SUCCESS_PROBABILITY, Long.MAX_VALUE);
    }

    /** lnd's {@code calculateProbability}. */
    private double fromPair(PairHistory h, long now, int s, double node, long amtMsat) {
        if (s < 0) {
            return node;
        }
        if (amtMsat <= h.successAmt(s)) {
            return PREV_SUCCESS_PROBABILITY;
        }
        if (h.failTime(s) == PairHistory.NEVER || amtMsat < h.failAmt(s)) {
            return node;
        }
        return node * (1 - decay(now - h.failTime(s)));
    }
}
