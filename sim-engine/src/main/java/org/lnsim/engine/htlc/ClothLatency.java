package org.lnsim.engine.htlc;

import java.util.SplittableRandom;

/**
 * CLoTH's latency model (lightning-facts §9, CLoTH {@code src/htlc.c}): every hop message — forward, success or
 * failure — takes 100 ms plus a normal deviation with standard deviation 1 ms; an offline next hop costs 3,000 ms
 * (TCP retransmission) before the failure starts back. Results under this model can be set beside CLoTH's.
 * A draw below zero (impossible at these parameters in practice) is clamped to 0.
 */
public final class ClothLatency implements LatencyModel {
    /** CLoTH's per-message base delay: 100 ms. */
    public static final long BASE_US = 100_000;
    /** CLoTH's standard deviation: 1 ms. */
    public static final double SIGMA_US = 1_000;
    /** CLoTH's offline-peer delay: 3,000 ms. */
    public static final long OFFLINE_US = 3_000_000;

    private final SplittableRandom rng;
    private final boolean wholeMs;

    /** @param rng the run's {@code "latency"} stream */
    public ClothLatency(SplittableRandom rng) {
        this(rng, false);
    }

    /**
     * @param rng     the run's {@code "latency"} stream
     * @param wholeMs truncate each delay to whole milliseconds as CLoTH does: its event times are {@code uint64_t}
     *                ms, so {@code current_time + 100 + gsl_ran_ugaussian(...)} keeps 100 + ⌊N(0, 1)⌋ ms
     *                (marcono/cloth e0e4043 {@code src/htlc.c}; a mean of 99.5 ms, not 100)
     */
    public ClothLatency(SplittableRandom rng, boolean wholeMs) {
        this.rng = rng;
        this.wholeMs = wholeMs;
    }

    private long draw() {
        if (wholeMs) {
            return Math.max(0, BASE_US + 1_000L * (long) Math.floor(rng.nextGaussian()));
        }
        return Math.max(0, BASE_US + Math.round(rng.nextGaussian() * SIGMA_US));
    }

    @Override
    public long offerUs(int e) {
        return draw();
    }

    @Override
    public long resolveUs(int e) {
        return draw();
    }

    @Override
    public long offlineUs(int e) {
        return OFFLINE_US;
    }

    /** CLoTH has no control messages; lnsim gives them the same per-message delay. */
    @Override
    public long controlUs(int e) {
        return draw();
    }
}
