package org.lnsim.protocols.lnd;

/**
 * lnd's {@code Estimator} interface ({@code routing/probability_estimator.go} v0.18.5-beta): the success probability
 * of a pair from one sender's mission control. Two implementations, as in lnd: {@link Apriori} ({@code lnd}) and
 * {@link Bimodal} ({@code lnd.bimodal}). Both are pure functions of the history, the time and the amount, called
 * once per edge relaxation, so they must not allocate.
 */
public sealed interface Estimator permits Apriori, Bimodal {
    /**
     * lnd's {@code PairProbability}: the probability that {@code from → to} forwards {@code amtMsat} now over a
     * channel of {@code capacityMsat}; {@code h} is the sender's history, or null if it has none.
     */
    double pair(PairHistory h, long now, int from, int to, long amtMsat, long capacityMsat);

    /** lnd's {@code LocalPairProbability}: a channel of the sender itself to {@code to}. */
    double local(PairHistory h, long now, int from, int to);

    /**
     * An upper bound on every {@link #pair} value for this history (any pair, amount, time), or
     * {@link Double#POSITIVE_INFINITY} for none: the search skips a relaxation whose best possible distance already
     * loses (a speed-up only; a loose bound is always correct).
     */
    default double maxPair(PairHistory h) {
        return Double.POSITIVE_INFINITY;
    }
}
