package org.lnsim.protocols.lnd;

/**
 * lnd's bimodal probability estimator, {@code routing/probability_bimodal.go} of lnd v0.18.5-beta
 * ({@code BimodalEstimator}), over one sender's {@link PairHistory}. Pure functions of the history, the time and the
 * amount; allocation-free, since the router calls {@link #pair} once per edge relaxation.
 *
 * <ul>
 *   <li>Liquidity model: a channel of capacity c holds x on the forwarding side with density
 *       ∝ e^(−x/s) + e^((x−c)/s) (most channels depleted to one side), s the scale; its primitive, normalised
 *       over [0, c], is {@link #primitive}.</li>
 *   <li>Direct probability ({@link #direct}): what is known is that x ≥ the success amount a_s and x &lt; the
 *       failure amount a_f (default 0 and c); P(X ≥ a | a_s ≤ X &lt; a_f) = ∫_a^{a_f} / ∫_{a_s}^{a_f}, 0 for
 *       a ≥ a_f, capped at 1 for a ≤ a_s ({@link #probabilityFormula}). Both bounds decay back to the prior with
 *       e^(−age/τ): a_s ← a_s·e^(−age/τ) ({@link #canSend}), a_f ← c − (c − a_f)·e^(−age/τ)
 *       ({@link #cannotSend}).</li>
 *   <li>Node probability ({@link #pair}): unless the pair's own last result is younger than τ, the direct
 *       probability (weight 1) is averaged with every other pair of the from-node: a success counts probability 1,
 *       a failure 0, each with weight w·e^(−age/τ).</li>
 *   <li>The sender's own channels ({@link #local}): 1, minus e^(−age/τ) after a failure (liquidity is checked by
 *       the router's bandwidth hints).</li>
 * </ul>
 * Numerical guards are lnd's: an amount above the capacity, a failure amount at or below the success amount, or an
 * amount at or above the failure amount give 0; bounds above the capacity are cut to it; a NaN, zero
 * renormalisation, negative result or a result above 1 for an amount above the success amount (lnd logs an error)
 * gives 0.
 *
 * @param scaleMsat  {@code BimodalScaleMsat}, 300,000 sat ({@code DefaultBimodalScaleMsat},
 *                   {@code routing/probability_bimodal.go} v0.18.5-beta), in msat, in (0, {@link #SCALE_MAX_MSAT}]
 * @param nodeWeight {@code BimodalNodeWeight}, 0.2 ({@code DefaultBimodalNodeWeight},
 *                   {@code routing/probability_bimodal.go} v0.18.5-beta), in [0, 1]; 0 uses the direct probability
 *                   alone
 * @param decayUs    {@code BimodalDecayTime}, 7 days ({@code DefaultBimodalDecayTime},
 *                   {@code routing/probability_bimodal.go} v0.18.5-beta), in µs, &gt; 0
 */
public record Bimodal(long scaleMsat, double nodeWeight, long decayUs) implements Estimator {
    /**
     * {@code BimodalScaleMsatMax = 1000 · fakeHopHintCapacity / 4} with {@code fakeHopHintCapacity} = 10 BTC
     * ({@code routing/probability_bimodal.go} and {@code routing/pathfind.go} v0.18.5-beta): 2.5 BTC in msat.
     */
    public static final long SCALE_MAX_MSAT = 1000L * 1_000_000_000L / 4;

    /** lnd's defaults (v0.18.5-beta): 300,000 sat, 0.2, 7 days. */
    public static final Bimodal DEFAULT = new Bimodal(300_000_000L, 0.2, 7L * 24 * 3_600 * 1_000_000);

    public Bimodal {
        if (scaleMsat <= 0 || scaleMsat > SCALE_MAX_MSAT) {
            throw new IllegalArgumentException("bimodal_scale_msat must be in (0, " + SCALE_MAX_MSAT + "], got "
                    + scaleMsat);
        }
        if (!(nodeWeight >= 0 && nodeWeight <= 1)) {
            throw new IllegalArgumentException("bimodal_node_weight must be in [0, 1], got " + nodeWeight);
        }
        if (decayUs <= 0) {
            throw new IllegalArgumentException("bimodal_decay_time_s must be > 0, got " + decayUs / 1e6);
        }
    }

    /** e^(−(now − t)/τ): 1 for a result now, → 0 long after (lnd's factor in {@code canSend} and elsewhere). */
    double decay(long now, long t) {
        return Math.exp(-(double) (now - t) / decayUs);
    }

    /** lnd's {@code PairProbability}: the direct probability, then mixed with the from-node's other pairs. */
    @Override
    public double pair(PairHistory h, long now, int from, int to, long amtMsat, long capacityMsat) {
        int slot = h == null ? -1 : h.slot(from, to);
        double direct = direct(h, slot, now, amtMsat, capacityMsat);
        return calculateProbability(direct, h, slot, now, from, to);
    }

    /** lnd's {@code LocalPairProbability}: 1, less e^(−age/τ) (age at least 0) after a failure of the pair. */
    @Override
    public double local(PairHistory h, long now, int from, int to) {
        double p = 1.0;
        int s = h == null ? -1 : h.slot(from, to);
        if (s >= 0 && h.failTime(s) != PairHistory.NEVER) {
            long ago = Math.max(0, now - h.failTime(s));
            p -= Math.exp(-(double) ago / decayUs);
        }
        return p;
    }

    /** lnd's {@code directProbability}: the time-decayed bounds of the pair in slot {@code s} (-1: none). */
    double direct(PairHistory h, int s, long now, long amtMsat, long capacityMsat) {
        long success = 0;
        long fail = capacityMsat;
        if (s >= 0) {
            if (h.failTime(s) != PairHistory.NEVER) {
                fail = cannotSend(h.failAmt(s), capacityMsat, now, h.failTime(s));
            }
            if (h.successTime(s) != PairHistory.NEVER) {
                success = canSend(h.successAmt(s), now, h.successTime(s));
            }
        }
        return probabilityFormula(capacityMsat, success, fail, amtMsat);
    }

    /** lnd's {@code canSend}: the success amount times e^(−age/τ), truncated to msat as lnd's conversion does. */
    long canSend(long successAmtMsat, long now, long successTime) {
        return (long) (decay(now, successTime) * successAmtMsat);
    }

    /**
     * lnd's {@code cannotSend}: c − (c − a_f)·e^(−age/τ) (the product truncated to msat), a_f first cut to c.
     */
    long cannotSend(long failAmtMsat, long capacityMsat, long now, long failTime) {
        long f = Math.min(failAmtMsat, capacityMsat);
        return capacityMsat - (long) (decay(now, failTime) * (double) (capacityMsat - f));
    }

    /**
     * lnd's {@code primitive}: the normalised primitive of the density,
     * (−e^(−x/s) + e^((x−c)/s)) / (2 − 2e^(−c/s)).
     */
    double primitive(double c, double x) {
        double s = scaleMsat;
        double ecs = Math.exp(-c / s);
        double exs = Math.exp(-x / s);
        double excs = Math.exp((x - c) / s);
        double norm = -2 * ecs + 2;
        return (-exs + excs) / norm;
    }

    /** lnd's {@code integral}: primitive(upper) − primitive(lower); 0 if lower &lt; 0 or lower &gt; upper. */
    double integral(double capacity, double lower, double upper) {
        if (lower < 0 || lower > upper) {
            return 0.0;
        }
        return primitive(capacity, upper) - primitive(capacity, lower);
    }

    /**
     * lnd's {@code probabilityFormula}: ∫_a^{a_f} / ∫_{a_s}^{a_f} with its guards (class doc); where lnd returns an
     * error its caller uses 0.
     */
    double probabilityFormula(long capacityMsat, long successAmtMsat, long failAmtMsat, long amountMsat) {
        double capacity = capacityMsat;
        double successAmount = successAmtMsat;
        double failAmount = failAmtMsat;
        double amount = amountMsat;
        if (capacity == 0.0) {
            return 0.0; // ErrZeroCapacity
        }
        if (amount > capacity) {
            return 0.0;
        }
        if (failAmount > capacity) {
            failAmount = capacity;
        }
        if (successAmount > capacity) {
            successAmount = capacity;
        }
        if (failAmount <= successAmount) {
            return 0.0;
        }
        if (amount >= failAmount) {
            return 0.0;
        }
        double prob = integral(capacity, amount, failAmount);
        if (Double.isNaN(prob)) {
            return 0.0;
        }
        double reNorm = integral(capacity, successAmount, failAmount);
        if (Double.isNaN(reNorm) || reNorm == 0.0) {
            return 0.0;
        }
        prob /= reNorm;
        if (prob > 1.0) {
            return amount > successAmount ? 0.0 : 1.0;
        } else if (prob < 0.0) {
            return 0.0;
        }
        return prob;
    }

    /**
     * lnd's {@code calculateProbability}: the direct probability alone if the node weight is 0 or the pair's own
     * latest result is younger than τ; else (direct + Σ w·e^(−age_success/τ)) / (1 + Σ w·e^(−age/τ) over successes
     * and failures), over the from-node's other pairs with a success amount resp. failure amount above 0.
     */
    double calculateProbability(double direct, PairHistory h, int slot, long now, int from, int to) {
        if (nodeWeight == 0.0) {
            return direct;
        }
        if (slot >= 0) {
            long latest = h.successTime(slot);
            if (h.failTime(slot) > latest) {
                latest = h.failTime(slot);
            }
            // lnd: now.Sub(zero time) saturates, never younger than τ
            if (latest != PairHistory.NEVER && now - latest < decayUs) {
                return direct;
            }
        }
        int first = h == null ? -1 : h.firstOf(from);
        double totalProbabilities = direct;
        double totalWeights = 1.0;
        for (int s = first; s >= 0; s = h.next(s)) {
            if (h.to(s) == to) {
                continue;
            }
            if (h.successAmt(s) > 0 && h.successTime(s) != PairHistory.NEVER) {
                double weight = decay(now, h.successTime(s));
                totalProbabilities += nodeWeight * weight;
                totalWeights += nodeWeight * weight;
            }
            if (h.failAmt(s) > 0 && h.failTime(s) != PairHistory.NEVER) {
                totalWeights += nodeWeight * decay(now, h.failTime(s));
            }
        }
        return totalProbabilities / totalWeights;
    }
}
