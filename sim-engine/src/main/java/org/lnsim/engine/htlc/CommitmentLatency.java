package org.lnsim.engine.htlc;

import java.util.SplittableRandom;

/**
 * The commitment-dance latency model, lnsim's default. A node may forward an HTLC only once the incoming one is
 * irrevocably committed (BOLT 2): update_add_htlc + commitment_signed (→), revoke_and_ack + commitment_signed (←),
 * revoke_and_ack (→) — about 1.5 round trips per hop, and the same again for fulfil/fail on the way back
 * (lightning-facts §9). Each channel gets one round-trip time, drawn once per channel from a log-normal
 * distribution (median and shape configurable), plus the sender's commitment batching delay (c-lightning commits
 * 10 ms after a change, §2.6).
 *
 * <p>Round-trip times are drawn for all channels at construction, in channel order, from the run's
 * {@code "latency"} stream, so a channel's delay does not depend on the order payments use channels.
 */
public final class CommitmentLatency implements LatencyModel {
    /** c-lightning's {@code commit_time_ms}: 10 ms (lightning-facts §2.6). */
    public static final long DEFAULT_BATCH_US = 10_000;
    /** Default median round trip between two peers: 100 ms (an assumption for Internet-wide peers; configurable). */
    public static final long DEFAULT_MEDIAN_RTT_US = 100_000;
    /** Default log-normal shape σ: 0.5 (so the 5th–95th percentile RTT is about 44–228 ms at the default median). */
    public static final double DEFAULT_SIGMA = 0.5;
    /** Default offline-peer detection delay: 3 s, as CLoTH's TCP-retransmission figure. */
    public static final long DEFAULT_OFFLINE_US = 3_000_000;

    private final long[] rttUs;
    private final long batchUs;
    private final long offlineUs;

    /**
     * @param channels    number of channels in the network
     * @param rng         the run's {@code "latency"} stream
     * @param medianRttUs median round-trip time, µs (&gt; 0)
     * @param sigma       log-normal shape (≥ 0; 0 gives every channel the median)
     * @param batchUs     commitment batching delay added per message, µs (≥ 0)
     * @param offlineUs   delay before an offline peer is noticed, µs (≥ 0)
     */
    public CommitmentLatency(int channels, SplittableRandom rng, long medianRttUs, double sigma, long batchUs,
                             long offlineUs) {
        if (medianRttUs <= 0 || sigma < 0 || batchUs < 0 || offlineUs < 0) {
            throw new IllegalArgumentException("latency parameters out of range");
        }
        this.rttUs = new long[channels];
        for (int c = 0; c < channels; c++) {
            rttUs[c] = Math.round(medianRttUs * Math.exp(sigma * rng.nextGaussian()));
        }
        this.batchUs = batchUs;
        this.offlineUs = offlineUs;
    }

    public CommitmentLatency(int channels, SplittableRandom rng) {
        this(channels, rng, DEFAULT_MEDIAN_RTT_US, DEFAULT_SIGMA, DEFAULT_BATCH_US, DEFAULT_OFFLINE_US);
    }

    /** The channel's round-trip time, µs. */
    public long rttUs(int channel) {
        return rttUs[channel];
    }

    /** 1.5 round trips (rounded down to the µs) plus the batching delay. */
    @Override
    public long offerUs(int e) {
        return rttUs[e >>> 1] * 3 / 2 + batchUs;
    }

    @Override
    public long resolveUs(int e) {
        return rttUs[e >>> 1] * 3 / 2 + batchUs;
    }

    @Override
    public long offlineUs(int e) {
        return offlineUs;
    }

    /** Half a round trip: a control message needs no commitment exchange. */
    @Override
    public long controlUs(int e) {
        return rttUs[e >>> 1] / 2;
    }

    /** Drawn once per channel at construction: the same on every call. */
    @Override
    public boolean controlUsFixed() {
        return true;
    }
}
