package org.lnsim.engine.workload;

import java.util.Arrays;
import java.util.SplittableRandom;

/** How payment amounts are drawn, in msat. */
public sealed interface AmountDistribution {
    /** One amount, ≥ 1 msat. */
    long draw(SplittableRandom rng);

    /** Every payment the same amount. */
    record Fixed(long msat) implements AmountDistribution {
        public Fixed {
            if (msat <= 0) {
                throw new IllegalArgumentException("fixed amount must be positive: " + msat);
            }
        }

        @Override
        public long draw(SplittableRandom rng) {
            return msat;
        }
    }

    /**
     * Log-normal with the given median and shape: {@code round(median × e^(σ·N(0,1)))}, at least 1 msat. Payment
     * sizes are heavy-tailed (Flash's traces, lightning-facts §8), which a log-normal captures with two numbers.
     */
    record LogNormal(long medianMsat, double sigma) implements AmountDistribution {
        public LogNormal {
            if (medianMsat <= 0 || !(sigma >= 0)) {
                throw new IllegalArgumentException("lognormal needs median > 0 and sigma >= 0");
            }
        }

        @Override
        public long draw(SplittableRandom rng) {
            return Math.max(1, Math.round(medianMsat * Math.exp(sigma * rng.nextGaussian())));
        }
    }

    /** Uniformly one of the given amounts (e.g. read from a file of observed payment sizes). */
    record Empirical(long[] amountsMsat) implements AmountDistribution {
        public Empirical {
            if (amountsMsat.length == 0 || Arrays.stream(amountsMsat).anyMatch(a -> a <= 0)) {
                throw new IllegalArgumentException("empirical amounts must be a non-empty list of positive msat");
            }
            amountsMsat = amountsMsat.clone();
        }

        @Override
        public long draw(SplittableRandom rng) {
            return amountsMsat[rng.nextInt(amountsMsat.length)];
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Empirical e && Arrays.equals(amountsMsat, e.amountsMsat);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(amountsMsat);
        }

        @Override
        public String toString() {
            return "Empirical[" + amountsMsat.length + " amounts]";
        }
    }
}
