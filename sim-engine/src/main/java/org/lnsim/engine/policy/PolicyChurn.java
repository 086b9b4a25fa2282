package org.lnsim.engine.policy;

/**
 * How often and how channel policies change during a run, and how fast gossip spreads the changes.
 *
 * <h2>Rates (cited)</h2>
 * {@link #MEASURED_UPDATES_PER_DIRECTION_PER_DAY}: 0.36 channel_updates per usable direction per day, measured on
 * the shipped 2021-04-16 Core Lightning snapshot ({@code data/snapshots/clightning-listchannels-2021-04-16.json.gz}):
 * of the 55,622 active directions, 29.9% had their latest channel_update within 24 h of the newest one, 65.6%
 * within 72 h; −ln(1 − share)/window gives 0.355 and 0.356 per day, so the ages are those of a Poisson process at
 * that rate. It counts every channel_update, the keep-alive refreshes that change nothing included, so as a rate of
 * policy <em>changes</em> it is an upper bound. A lower bound from the same data: of the 14,497 directions present in
 * both the 2019-01-18 and 2019-05-14 snapshots, 38.8% changed base fee, ppm or CLTV delta in those 115.7 days,
 * i.e. at least 0.0043 changes per direction per day. (The 2019-05-14 file itself is dominated by daily refreshes:
 * 87.8% of directions within 24 h.) Today's network changes faster: the Gossip Observer (jharveyb, Delving Bitcoin,
 * November 2025) saw 20% of channels send more than 144 channel_updates in one day.
 *
 * <h2>Gossip (cited)</h2>
 * A node queues the gossip it receives and broadcasts it to its peers every {@link #BROADCAST_INTERVAL_US 60 s}
 * (c-lightning {@code broadcast_interval}, eclair {@code broadcast-interval}, BOLT 7's "flush gossip every 60 s";
 * lightning-facts §2.6, §3.2, §4.1). lnsim models one update's way to a node h channel hops away as h such waits,
 * each uniform in [0, 60 s) (every relay's timer has its own phase), plus h per-hop delays. With h = 3–4 that puts
 * most nodes 1.5–2.5 min behind, of the order of the ≈ 200 s the Gossip Observer measured for 75% of nodes (2025).
 *
 * <h2>What an update changes (a model, stated)</h2>
 * The updated direction's fee base and ppm are both multiplied by one factor drawn log-uniformly in
 * [1/{@code feeFactorMax}, {@code feeFactorMax}] (rounded, at most u32), so fees go up as often as down; with
 * probability {@code cltvChangeShare} its CLTV delta is replaced by that of a uniformly drawn usable direction of
 * the network (the network's own spread of deltas). The default share, 0.44, is measured: 43.9% of the directions
 * whose policy changed between the 2019-01-18 and 2019-05-14 snapshots changed their CLTV delta. htlc minimum and
 * maximum and the disabled flag do not change (node churn disables channels, {@code engine.churn}).
 *
 * @param updatesPerDirectionPerDay Poisson rate of updates of each usable direction, ≥ 0 (0: a static network)
 * @param broadcastIntervalUs       each relay's gossip broadcast interval, &gt; 0
 * @param perHopDelayUs             delay added per gossip hop, ≥ 0
 * @param feeFactorMax              the largest factor an update multiplies fees by, ≥ 1
 * <h2>Channel closes (cited)</h2>
 * Each channel with a usable direction closes at {@code closesPerChannelPerDay} (Poisson). Measured: of the 21,660
 * channels of the 2019-01-18 snapshot, 12,956 were gone from the 2019-05-14 one 115.7 days later, i.e.
 * −ln(1 − 12,956/21,660)/115.7 = 0.0079 closes per channel per day ({@link #MEASURED_CLOSES_PER_CHANNEL_PER_DAY};
 * it counts zombie channels pruned from the gossip too). A closing channel takes no new HTLC from then on (BOLT 2
 * {@code shutdown}; its forwarding node fails one with {@code permanent_channel_failure}, BOLT 4 PERM|8 "the channel
 * from the processing node has been closed") and settles those in flight. Its two endpoints know at once; every
 * other node when the closing transaction is in a block, a wait uniform in [0, 10 min) after the close, the same
 * for all (nodes watch the chain, not gossip).
 *
 * <h2>Channel opens (cited)</h2>
 * New channels open at {@code opensPerChannelPerDay} per open channel (Poisson; the network-wide rate grows with
 * the open channels, as closes shrink it). Measured: 28,793 of the 37,497 channels of the 2019-05-14 snapshot were
 * not in the 2019-01-18 one, 248.9 opens a day over 115.7 days, 0.0084 per channel per day of the two snapshots'
 * mean channel count ({@link #MEASURED_OPENS_PER_CHANNEL_PER_DAY}; a lower bound: a channel opened and closed
 * between them is not seen). A run draws its new channels from a pool of dormant channels appended to the graph
 * before it starts ({@code network.generate.ChannelOpenings}: funder, peer, capacity and policies); each is
 * closed to everyone until it opens, then announced: its endpoints use it at once, every other node once gossip
 * brings its announcement (the lag of a channel_update from its origin). When the pool is used up no more channels
 * open (the pool is sized so that this happens, with probability below 10<sup>-9</sup>, only after the workload).
 *
 * @param cltvChangeShare           the share of updates that also change the CLTV delta, in [0, 1]
 * @param closesPerChannelPerDay    Poisson rate at which each open channel closes, ≥ 0
 * @param opensPerChannelPerDay     Poisson rate of new channels per open channel, ≥ 0
 */
public record PolicyChurn(double updatesPerDirectionPerDay, long broadcastIntervalUs, long perHopDelayUs,
                          double feeFactorMax, double cltvChangeShare, double closesPerChannelPerDay,
                          double opensPerChannelPerDay) {
    /** Channel_updates per usable direction per day, measured on the 2021-04-16 snapshot (class javadoc). */
    public static final double MEASURED_UPDATES_PER_DIRECTION_PER_DAY = 0.36;
    /** Gossip broadcast interval, 60 s (lightning-facts §2.6, §4.1). */
    public static final long BROADCAST_INTERVAL_US = 60_000_000L;
    /**
     * Per-hop delay of a gossip message once broadcast: 100 ms, a one-way internet delay between peers (the
     * {@code commitment} latency model's order); beside the 60 s batching it hardly matters.
     */
    public static final long PER_HOP_DELAY_US = 100_000L;
    /** Default largest fee factor of an update: fees at most double or halve (a modelling choice). */
    public static final double FEE_FACTOR_MAX = 2.0;
    /** Share of policy changes that change the CLTV delta, measured 2019-01-18 → 2019-05-14 (class javadoc). */
    public static final double CLTV_CHANGE_SHARE = 0.44;

    /** Channel closes per channel per day, measured 2019-01-18 → 2019-05-14 (class javadoc). */
    public static final double MEASURED_CLOSES_PER_CHANNEL_PER_DAY = 0.0079;
    /** Channel opens per channel per day, measured 2019-01-18 → 2019-05-14 (class javadoc). */
    public static final double MEASURED_OPENS_PER_CHANNEL_PER_DAY = 0.0084;
    /** The mean time between two Bitcoin blocks, 10 min: nodes see a close within one. */
    public static final long BLOCK_INTERVAL_US = 600_000_000L;

    /** A static network: no policy ever changes. */
    public static final PolicyChurn NONE = new PolicyChurn(0, BROADCAST_INTERVAL_US, PER_HOP_DELAY_US,
            FEE_FACTOR_MAX, CLTV_CHANGE_SHARE, 0, 0);

    /** Without channel closes or opens. */
    public PolicyChurn(double updatesPerDirectionPerDay, long broadcastIntervalUs, long perHopDelayUs,
                       double feeFactorMax, double cltvChangeShare) {
        this(updatesPerDirectionPerDay, broadcastIntervalUs, perHopDelayUs, feeFactorMax, cltvChangeShare, 0, 0);
    }

    /** Without channel opens. */
    public PolicyChurn(double updatesPerDirectionPerDay, long broadcastIntervalUs, long perHopDelayUs,
                       double feeFactorMax, double cltvChangeShare, double closesPerChannelPerDay) {
        this(updatesPerDirectionPerDay, broadcastIntervalUs, perHopDelayUs, feeFactorMax, cltvChangeShare,
                closesPerChannelPerDay, 0);
    }

    public PolicyChurn {
        if (!(opensPerChannelPerDay >= 0) || Double.isInfinite(opensPerChannelPerDay)) {
            throw new IllegalArgumentException("open rate must be a finite number >= 0: " + opensPerChannelPerDay);
        }
        if (!(closesPerChannelPerDay >= 0) || Double.isInfinite(closesPerChannelPerDay)) {
            throw new IllegalArgumentException("close rate must be a finite number >= 0: " + closesPerChannelPerDay);
        }
        if (!(updatesPerDirectionPerDay >= 0) || Double.isInfinite(updatesPerDirectionPerDay)) {
            throw new IllegalArgumentException("update rate must be a finite number >= 0: "
                    + updatesPerDirectionPerDay);
        }
        if (broadcastIntervalUs <= 0) {
            throw new IllegalArgumentException("broadcast interval must be > 0: " + broadcastIntervalUs);
        }
        if (perHopDelayUs < 0) {
            throw new IllegalArgumentException("per-hop delay must be >= 0: " + perHopDelayUs);
        }
        if (!(feeFactorMax >= 1) || Double.isInfinite(feeFactorMax)) {
            throw new IllegalArgumentException("fee factor max must be a finite number >= 1: " + feeFactorMax);
        }
        if (!(cltvChangeShare >= 0 && cltvChangeShare <= 1)) {
            throw new IllegalArgumentException("CLTV change share must be in [0, 1]: " + cltvChangeShare);
        }
    }

    /** Whether any policy changes or any channel closes or opens during the run. */
    public boolean active() {
        return updatesPerDirectionPerDay > 0 || closesPerChannelPerDay > 0 || opensPerChannelPerDay > 0;
    }

    /** The same settings at another update rate. */
    public PolicyChurn withRate(double perDirectionPerDay) {
        return new PolicyChurn(perDirectionPerDay, broadcastIntervalUs, perHopDelayUs, feeFactorMax,
                cltvChangeShare, closesPerChannelPerDay, opensPerChannelPerDay);
    }

    /** The same settings at another close rate. */
    public PolicyChurn withCloses(double perChannelPerDay) {
        return new PolicyChurn(updatesPerDirectionPerDay, broadcastIntervalUs, perHopDelayUs, feeFactorMax,
                cltvChangeShare, perChannelPerDay, opensPerChannelPerDay);
    }

    /** The same settings at another open rate. */
    public PolicyChurn withOpens(double perChannelPerDay) {
        return new PolicyChurn(updatesPerDirectionPerDay, broadcastIntervalUs, perHopDelayUs, feeFactorMax,
                cltvChangeShare, closesPerChannelPerDay, perChannelPerDay);
    }

    /**
     * How many dormant channels a run needs so that its opens until {@code horizonUs} (from the start of its
     * updates) exhaust them with probability below 10<sup>-9</sup>: the Poisson mean μ at the rate of {@code
     * channels} open channels grown at this open rate for the horizon (e<sup>r·t</sup>, closes ignored: an upper
     * bound), plus 6 √μ + 10 (the Poisson upper tail beyond 6 standard deviations and 10 is below 10<sup>-9</sup>
     * for every μ).
     */
    public int dormantPoolSize(int channels, long horizonUs) {
        if (!(opensPerChannelPerDay > 0) || channels == 0) {
            return 0;
        }
        double days = horizonUs / 86_400e6;
        double mu = channels * Math.expm1(opensPerChannelPerDay * days);
        double size = Math.ceil(mu + 6 * Math.sqrt(mu) + 10);
        if (size > Integer.MAX_VALUE / 4) {
            throw new IllegalArgumentException("open rate " + opensPerChannelPerDay + " per channel per day over "
                    + days + " days needs " + size + " new channels");
        }
        return (int) size;
    }
}
