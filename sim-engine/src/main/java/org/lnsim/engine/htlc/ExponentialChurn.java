package org.lnsim.engine.htlc;

import org.lnsim.engine.RandomStreams;
import org.lnsim.random.NamedStreams;

/**
 * Node churn: every node alternates online and offline periods drawn from exponential distributions, independently of
 * the others. The long-run offline share is {@code offlineShare}, offline periods last {@code meanOfflineUs} on
 * average and online periods {@code meanOfflineUs × (1 − share) / share}; at time 0 each node is offline with
 * probability {@code offlineShare} (the stationary state; by memorylessness the remaining period is again
 * exponential).
 *
 * <p>Period k of node n is a pure function of (seed, n, k) — hashed, not drawn from a shared stream — so a node's
 * schedule does not depend on which nodes were asked about first. Queries for one node must come with
 * non-decreasing times, which the simulation clock guarantees.
 */
public final class ExponentialChurn implements NodeAvailability {
    private final double offlineShare;
    private final double meanOfflineUs;
    private final double meanOnlineUs;
    private final long seed;
    private final boolean[] online;
    private final long[] nextToggleUs;
    private final int[] period;

    /**
     * @param nodes         node count
     * @param offlineShare  long-run offline share in (0, 1)
     * @param meanOfflineUs mean offline period, µs (&gt; 0)
     * @param seed          the seed of the run's {@code "churn"} stream ({@link RandomStreams#seedOf})
     */
    public ExponentialChurn(int nodes, double offlineShare, double meanOfflineUs, long seed) {
        if (!(offlineShare > 0 && offlineShare < 1) || !(meanOfflineUs > 0)) {
            throw new IllegalArgumentException("churn needs 0 < offline share < 1 and a positive mean offline time");
        }
        this.offlineShare = offlineShare;
        this.meanOfflineUs = meanOfflineUs;
        this.meanOnlineUs = meanOfflineUs * (1 - offlineShare) / offlineShare;
        this.seed = seed;
        this.online = new boolean[nodes];
        this.nextToggleUs = new long[nodes];
        this.period = new int[nodes];
        for (int n = 0; n < nodes; n++) {
            online[n] = uniform(n, 0) >= offlineShare;
            period[n] = 1;
            nextToggleUs[n] = draw(n, online[n]);
        }
    }

    @Override
    public boolean isOnline(int node, long timeUs) {
        while (timeUs >= nextToggleUs[node]) {
            online[node] = !online[node];
            period[node]++;
            nextToggleUs[node] = Math.addExact(nextToggleUs[node], draw(node, online[node]));
        }
        return online[node];
    }

    /** The end of the node's offline period, if it is offline at {@code timeUs}. */
    @Override
    public long nextOnlineUs(int node, long timeUs) {
        return isOnline(node, timeUs) ? timeUs : nextToggleUs[node];
    }

    @Override
    public long toggles(int node, long timeUs) {
        isOnline(node, timeUs);
        return period[node] - 1;
    }

    /** Length of the node's current period, ≥ 1 µs. */
    private long draw(int node, boolean on) {
        double mean = on ? meanOnlineUs : meanOfflineUs;
        return Math.max(1, Math.round(-Math.log(1 - uniform(node, period[node])) * mean));
    }

    /** A uniform in [0, 1) from (seed, node, k). */
    private double uniform(int node, int k) {
        long h = NamedStreams.mix64(seed ^ NamedStreams.mix64(((long) node << 32) ^ k ^ 0x632BE59BD9B4E019L));
        return (h >>> 11) * 0x1.0p-53;
    }
}
