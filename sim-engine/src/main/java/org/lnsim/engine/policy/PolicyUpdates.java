package org.lnsim.engine.policy;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.Fees;

/**
 * The true policies of a run whose channels send channel_updates: a Poisson stream of updates over the usable
 * directions at {@link PolicyChurn#updatesPerDirectionPerDay} each, merged with the channels' closes at
 * {@link PolicyChurn#closesPerChannelPerDay} (a close is an update per usable direction of the channel, marked
 * {@link #isClose}), drawn lazily in time order from one random stream as the clock reaches them, and every
 * direction's current policy — the one its forwarding node enforces. Without closes the stream is drawn exactly as
 * before they existed.
 *
 * <p><b>Channel opens.</b> Channels from {@code firstDormant} on are <em>dormant</em>: a pool appended to the network
 * ({@code network.generate.ChannelOpenings}) that is closed to everyone from the start — one close update per usable
 * direction at {@link #DORMANT_SINCE_US}, before any other update, which every consumer folds at once — until the
 * merged stream reaches an open, at {@link PolicyChurn#opensPerChannelPerDay} per open channel: then the next dormant
 * channel in index order opens, one update per usable direction carrying its announced policy, marked {@link
 * #isOpening}. An open is the channel's announcement: forwarding nodes take HTLCs on it from then on, senders once
 * they have heard of it. A pool used up opens nothing more. Without dormant channels and opens the stream is drawn
 * exactly as before opens existed.
 *
 * <p>Update k (0, 1, 2, … in time order) has a time, a direction and the new fee base, ppm and CLTV delta; update k's
 * policy is drawn from its direction's policy just before it (the previous update of that direction, or the
 * network's announced one) as {@link PolicyChurn} states. Because every draw depends only on the stream and on the
 * updates before it, the sequence is the same whenever and however often {@link #advanceTo} is called.
 *
 * <p>Memory: 4 bytes per direction (the latest update of each) once the first update happens, plus 28 bytes per
 * update. Not thread-safe: the simulation's thread only.
 */
public final class PolicyUpdates {
    private static final double US_PER_DAY = 86_400e6;
    /** The time of the updates that close the dormant channels: before every other update, folded at once. */
    public static final long DORMANT_SINCE_US = Long.MIN_VALUE / 4;

    private final ChannelGraph graph;
    private final PolicyChurn churn;
    private final SplittableRandom random;
    /** The usable directions, the ones that can be updated. */
    private final int[] usable;
    private final double logFactorMax;
    /** Channels with a usable direction still open, the first {@link #openCount} of them (order: swap-removal). */
    private final int[] open;
    private int openCount;
    /** Whether each channel is closed now: closed during the run, or dormant (null without closes or opens). */
    private final boolean[] closedChannel;
    /** Per update, what it is: {@link #UPDATE}, {@link #CLOSE} or {@link #OPEN}. */
    private byte[] kind = new byte[0];
    private static final byte UPDATE = 0;
    private static final byte CLOSE = 1;
    private static final byte OPEN = 2;
    private int closes;
    /** The first dormant channel; the next to open. */
    private final int firstDormant;
    private int nextDormant;
    private int opens;

    private long[] timeUs = new long[0];
    private int[] direction = new int[0];
    private int[] feeBase = new int[0];
    private int[] feePpm = new int[0];
    private int[] cltv = new int[0];
    private int count;
    /** The latest update of each direction, -1 for none; null until the first update. */
    private int[] latest;
    /** Time of the next update, not drawn into the arrays yet (Long.MAX_VALUE when static). */
    private long nextUs;
    private long appliedUpTo;

    /** A static network: the announced policies, forever. */
    public static PolicyUpdates none(ChannelGraph graph) {
        return new PolicyUpdates(graph, PolicyChurn.NONE, new SplittableRandom(0), 0);
    }

    /**
     * @param random  the run's stream {@code policy_updates}; drawn from only by this object
     * @param startUs when the updates begin (≤ 0: before the run, so that it starts with updates on their way)
     */
    public PolicyUpdates(ChannelGraph graph, PolicyChurn churn, SplittableRandom random, long startUs) {
        this(graph, churn, random, startUs, graph.channelCount());
    }

    /**
     * @param firstDormant channels from this index on are dormant until they open (the graph's channel count: none)
     */
    public PolicyUpdates(ChannelGraph graph, PolicyChurn churn, SplittableRandom random, long startUs,
                         int firstDormant) {
        if (startUs > 0) {
            throw new IllegalArgumentException("updates must begin by time 0: " + startUs);
        }
        if (firstDormant < 0 || firstDormant > graph.channelCount()) {
            throw new IllegalArgumentException("first dormant channel " + firstDormant + " outside [0, "
                    + graph.channelCount() + "]");
        }
        this.graph = graph;
        this.firstDormant = firstDormant;
        this.nextDormant = firstDormant;
        this.churn = churn;
        this.random = random;
        int n = 0;
        int[] all = new int[2 * graph.channelCount()];
        if (churn.active()) {
            for (int e = 0; e < all.length; e++) {
                if (graph.isUsable(e)) {
                    all[n++] = e;
                }
            }
        }
        this.usable = Arrays.copyOf(all, n);
        this.logFactorMax = Math.log(churn.feeFactorMax());
        boolean dormant = firstDormant < graph.channelCount();
        if (churn.closesPerChannelPerDay() > 0 || churn.opensPerChannelPerDay() > 0 || dormant) {
            closedChannel = new boolean[graph.channelCount()];
            open = new int[graph.channelCount()];
            for (int c = 0; c < firstDormant; c++) {
                if (graph.isUsable(2 * c) || graph.isUsable(2 * c + 1)) {
                    open[openCount++] = c;
                }
            }
            for (int c = firstDormant; c < graph.channelCount(); c++) { // closed to everyone until they open
                closedChannel[c] = true;
                appendChannel(DORMANT_SINCE_US, c, CLOSE);
            }
        } else {
            closedChannel = null;
            open = null;
        }
        this.appliedUpTo = startUs;
        this.nextUs = gapAfter(startUs);
    }

    public ChannelGraph graph() {
        return graph;
    }

    public PolicyChurn churn() {
        return churn;
    }

    /** Whether policies change or channels close during the run at all. */
    public boolean active() {
        return churn.active() && (usable.length > 0 || openCount > 0);
    }

    /** Updates per day, network-wide, now: each usable direction's, plus each open channel's closes and opens. */
    private double perDay() {
        double updates = usable.length == 0 ? 0 : churn.updatesPerDirectionPerDay() * usable.length;
        return closedChannel == null ? updates
                : updates + churn.closesPerChannelPerDay() * openCount + opensPerDay();
    }

    /** Opens per day now: each open channel's, while dormant channels are left. */
    private double opensPerDay() {
        return nextDormant < graph.channelCount() ? churn.opensPerChannelPerDay() * openCount : 0;
    }

    /** The next event of the merged Poisson process after {@code fromUs} (rates are constant between events). */
    private long gapAfter(long fromUs) {
        double perDay = perDay();
        if (!(perDay > 0)) {
            return Long.MAX_VALUE;
        }
        double gap = -Math.log(1.0 - random.nextDouble()) * (US_PER_DAY / perDay);
        return fromUs + Math.max(1L, (long) Math.ceil(gap));
    }

    /** Applies every update with time ≤ {@code nowUs}; times must not decrease between calls. */
    public void advanceTo(long nowUs) {
        if (nowUs < appliedUpTo) {
            throw new IllegalStateException("policy time went back: " + nowUs + " < " + appliedUpTo);
        }
        appliedUpTo = nowUs;
        while (nextUs <= nowUs) {
            draw(nextUs);
            nextUs = gapAfter(nextUs);
        }
    }

    private void draw(long t) {
        if (closedChannel != null) {
            double u = random.nextDouble() * perDay();
            double closeRate = churn.closesPerChannelPerDay() * openCount;
            if (u < closeRate) {
                close(t);
                return;
            }
            if (u < closeRate + opensPerDay()) {
                openNext(t);
                return;
            }
        }
        int e = usable[random.nextInt(usable.length)];
        if (closedChannel != null && closedChannel[ChannelGraph.channelOf(e)]) {
            return; // a closed channel sends no more updates
        }
        double factor = Math.exp((2 * random.nextDouble() - 1) * logFactorMax);
        long base = Math.min(0xFFFF_FFFFL, Math.round(feeBaseMsat(e) * factor));
        long ppm = Math.min(0xFFFF_FFFFL, Math.round(feeProportionalMillionths(e) * factor));
        int delta = cltvExpiryDelta(e);
        if (random.nextDouble() < churn.cltvChangeShare()) {
            delta = graph.cltvExpiryDelta(usable[random.nextInt(usable.length)]);
        }
        append(t, e, base, ppm, delta, UPDATE);
    }

    /** A uniformly drawn open channel closes: one update per usable direction, marked as a close. */
    private void close(long t) {
        int i = random.nextInt(openCount);
        int c = open[i];
        open[i] = open[--openCount];
        closedChannel[c] = true;
        closes++;
        appendChannel(t, c, CLOSE);
    }

    /**
     * The next dormant channel opens: one update per usable direction with its announced policy (a dormant
     * channel's only update so far is its close, which carries the announced policy).
     */
    private void openNext(long t) {
        int c = nextDormant++;
        closedChannel[c] = false;
        open[openCount++] = c;
        opens++;
        appendChannel(t, c, OPEN);
    }

    /** One update of {@code kind} per usable direction of channel c, each with the direction's current policy. */
    private void appendChannel(long t, int c, byte what) {
        for (int d = 0; d < 2; d++) {
            int e = ChannelGraph.direction(c, d);
            if (graph.isUsable(e)) {
                append(t, e, feeBaseMsat(e), feeProportionalMillionths(e), cltvExpiryDelta(e), what);
            }
        }
    }

    private void append(long t, int e, long base, long ppm, int delta, byte what) {
        if (latest == null) {
            latest = new int[2 * graph.channelCount()];
            Arrays.fill(latest, -1);
        }
        if (count == timeUs.length) {
            int cap = Math.max(16, count * 2);
            timeUs = Arrays.copyOf(timeUs, cap);
            direction = Arrays.copyOf(direction, cap);
            feeBase = Arrays.copyOf(feeBase, cap);
            feePpm = Arrays.copyOf(feePpm, cap);
            cltv = Arrays.copyOf(cltv, cap);
            kind = Arrays.copyOf(kind, cap);
        }
        timeUs[count] = t;
        direction[count] = e;
        feeBase[count] = (int) base;
        feePpm[count] = (int) ppm;
        cltv[count] = delta;
        kind[count] = what;
        latest[e] = count;
        count++;
    }

    /** Whether update k is its direction's channel closing (its policy is then the one before). */
    public boolean isClose(int k) {
        return kind[check(k)] == CLOSE;
    }

    /** Whether direction e's channel has closed. */
    public boolean isClosed(int e) {
        int k = latest(e);
        return k >= 0 && kind[k] == CLOSE;
    }

    /** Whether update k is its direction's dormant channel opening (its announcement). */
    public boolean isOpening(int k) {
        return kind[check(k)] == OPEN;
    }

    /** Channels closed so far (dormant ones not counted). */
    public int closes() {
        return closes;
    }

    /** Dormant channels opened so far. */
    public int opens() {
        return opens;
    }

    /** The first dormant channel (the graph's channel count when there are none). */
    public int firstDormant() {
        return firstDormant;
    }

    /** Updates applied so far (those with time ≤ the last {@link #advanceTo}). */
    public int count() {
        return count;
    }

    /**
     * The channel_updates gossip carried during the run up to {@code nowUs} (which the updates are advanced to):
     * those made at or after time 0, closes excluded — not those drawn before it to start in a steady state; an
     * opening channel's two channel_updates count (its channel_announcement is {@link #runChannelOpens}). What a
     * protocol charges as the run's update gossip at its end.
     */
    public int runChannelUpdates(long nowUs) {
        return countSinceStart(nowUs, UPDATE, false) + countSinceStart(nowUs, OPEN, false);
    }

    /** The channels that closed at or after time 0 up to {@code nowUs} (not those of the warm start). */
    public int runChannelCloses(long nowUs) {
        return countSinceStart(nowUs, CLOSE, true);
    }

    /** The channels that opened at or after time 0 up to {@code nowUs}: the run's channel_announcements. */
    public int runChannelOpens(long nowUs) {
        return countSinceStart(nowUs, OPEN, true);
    }

    /**
     * Updates of {@code what} made at or after time 0 up to {@code nowUs}; per channel, counting only its first usable
     * direction's (a close or an open is one update per usable direction).
     */
    private int countSinceStart(long nowUs, byte what, boolean perChannel) {
        advanceTo(nowUs);
        int n = 0;
        for (int k = count - 1; k >= 0 && timeUs[k] >= 0; k--) {
            int e = direction[k];
            n += kind[k] == what && (!perChannel || e % 2 == 0 || !graph.isUsable(e ^ 1)) ? 1 : 0;
        }
        return n;
    }

    public long timeUs(int k) {
        return timeUs[check(k)];
    }

    public int direction(int k) {
        return direction[check(k)];
    }

    /** Update k's fee_base_msat (u32). */
    public long updateFeeBaseMsat(int k) {
        return feeBase[check(k)] & 0xFFFF_FFFFL;
    }

    /** Update k's fee_proportional_millionths (u32). */
    public long updateFeeProportionalMillionths(int k) {
        return feePpm[check(k)] & 0xFFFF_FFFFL;
    }

    /** Update k's cltv_expiry_delta. */
    public int updateCltvExpiryDelta(int k) {
        return cltv[check(k)];
    }

    private int check(int k) {
        if (k < 0 || k >= count) {
            throw new IndexOutOfBoundsException("no policy update " + k + " (" + count + " so far)");
        }
        return k;
    }

    /** The latest update applied to direction e, or -1 if e still has its announced policy. */
    public int latest(int e) {
        return latest == null ? -1 : latest[e];
    }

    /** Direction e's current fee_base_msat. */
    public long feeBaseMsat(int e) {
        int k = latest(e);
        return k < 0 ? graph.feeBaseMsat(e) : feeBase[k] & 0xFFFF_FFFFL;
    }

    /** Direction e's current fee_proportional_millionths. */
    public long feeProportionalMillionths(int e) {
        int k = latest(e);
        return k < 0 ? graph.feeProportionalMillionths(e) : feePpm[k] & 0xFFFF_FFFFL;
    }

    /** Direction e's current cltv_expiry_delta. */
    public int cltvExpiryDelta(int e) {
        int k = latest(e);
        return k < 0 ? graph.cltvExpiryDelta(e) : cltv[k];
    }

    /** The fee direction e charges now for forwarding {@code amountMsat} (BOLT 7 arithmetic, {@link Fees}). */
    public long feeMsat(int e, long amountMsat) {
        int k = latest(e);
        return k < 0 ? graph.feeMsat(e, amountMsat)
                : Fees.feeMsat(feeBase[k] & 0xFFFF_FFFFL, feePpm[k] & 0xFFFF_FFFFL, amountMsat);
    }
}
