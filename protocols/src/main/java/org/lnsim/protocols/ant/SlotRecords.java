package org.lnsim.protocols.ant;

import org.lnsim.network.ChannelGraph;
import org.lnsim.network.Fees;

/**
 * The seed wave's static per-slot memory: what one seed's forwarding checks read for each adjacency slot, and the
 * slots' fixed control delays. Built once per graph and shared, read-only once the delays are fixed, by every
 * {@link SeedWave} made from another (the waves flooded ahead on other threads).
 *
 * <h2>Layout</h2>
 * One 32-byte record per adjacency slot and seed, seed 0's records in the first half of {@link #rec} and seed 1's in
 * the second ({@link #recOf}), so that a node's channels are one sequential read of half the bytes a record for both
 * seeds would take. For the slot's direction e = v→Q, the record of seed s holds:
 * <ul>
 *   <li>{@link #MIN}: the {@code htlc_minimum_msat} of the direction the seed checks (seed 0: e; seed 1: e ^ 1, the
 *       HTLC's direction, see {@link SeedWave} "Which balance each seed checks"), or {@code Long.MAX_VALUE} if that
 *       direction is unusable;</li>
 *   <li>{@link #MAX}: its {@code htlc_maximum_msat}, or {@code Long.MAX_VALUE} if none;</li>
 *   <li>{@link #FEE}: its fee, base msat &lt;&lt; 32 | proportional millionths (seed 0: what v adds; seed 1: what Q
 *       adds on its channel back, {@link #forwardedAccumulator});</li>
 *   <li>{@link #PEER_DIR}: Q &lt;&lt; 32 | {@link #PAR_BIT} if v has another channel to Q | e.</li>
 * </ul>
 * The fixed delays take 12 bytes a slot more: the delay as a long ({@link #delays}) and again in 4 bytes
 * ({@link #delayOrAll}), for the plain flood's candidate scan to see whether a message could improve its target
 * before it reads the record (-1 where it must check the slot anyway: parallel channels, or a delay ≥ 2^31 µs).
 * Fields are package-private and read directly by the wave's hot loops (into locals), never through accessors.
 */
final class SlotRecords {
    static final int REC = 4;
    static final int MIN = 0;
    static final int MAX = 1;
    static final int FEE = 2;
    static final int PEER_DIR = 3;
    static final long PAR_BIT = 1L << 31;
    static final int DIR_MASK = (int) PAR_BIT - 1;

    final ChannelGraph g;
    final long[] rec;
    /** Where seed 1's records start in {@link #rec}. */
    final int seedBase;
    /** The fixed control delay of each slot's direction, for the delay key {@link #delaysOf}. */
    final long[] delays;
    final int[] delayOrAll;
    /** The delay key of the links whose delays are in {@link #delays}, null before {@link #fixDelays}. */
    private Object delaysOf;
    private long minDelayUs;
    private long maxDelayUs;

    /**
     * @param maxDirections the most directions the pair encoding of the wave can name ({@link WavePairs})
     */
    SlotRecords(ChannelGraph g, long maxDirections) {
        int n = g.nodeCount();
        if (2L * g.channelCount() + 1 > maxDirections || 8L * n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a seed wave handles at most " + (maxDirections / 2 - 1)
                    + " channels and " + (Integer.MAX_VALUE / 8) + " nodes");
        }
        this.g = g;
        int base = REC * 2 * g.channelCount();
        this.seedBase = base;
        this.rec = new long[2 * base];
        this.delays = new long[2 * g.channelCount()];
        this.delayOrAll = new int[2 * g.channelCount()];
        long[] peerStamp = new long[n];
        long stamp = 0;
        for (int v = 0; v < n; v++) {
            for (int slot = g.outStart(v); slot < g.outEnd(v); slot++) {
                int e = g.outDirection(slot);
                for (int s = 0; s < 2; s++) {
                    int r = s * base + REC * slot;
                    int d = e ^ s;   // the direction seed s checks
                    rec[r + MIN] = g.isUsable(d) ? g.htlcMinimumMsat(d) : Long.MAX_VALUE;
                    rec[r + MAX] = g.hasHtlcMaximum(d) ? g.htlcMaximumMsat(d) : Long.MAX_VALUE;
                    rec[r + FEE] = g.feeBaseMsat(d) << 32 | (g.feeProportionalMillionths(d) & 0xffffffffL);
                    rec[r + PEER_DIR] = (long) g.outPeer(slot) << 32 | e;
                }
            }
            long st = ++stamp;
            for (int slot = g.outStart(v); slot < g.outEnd(v); slot++) {
                int q = g.outPeer(slot);
                if (peerStamp[q] == st) {
                    for (int other = g.outStart(v); other <= slot; other++) {
                        if (g.outPeer(other) == q) {
                            rec[REC * other + PEER_DIR] |= PAR_BIT;
                            rec[base + REC * other + PEER_DIR] |= PAR_BIT;
                        }
                    }
                }
                peerStamp[q] = st;
            }
        }
    }

    /** Where seed {@code s}'s record of adjacency slot {@code slot} starts in {@link #rec}. */
    int recOf(int s, int slot) {
        return s * seedBase + REC * slot;
    }

    /**
     * Reads every slot's control delay from {@code links} (which must say its delays are fixed), once per delay key;
     * returns whether it read them.
     */
    boolean fixDelays(SeedWave.Links links) {
        if (!links.delaysFixed()) {
            throw new IllegalArgumentException("the links' delays are not fixed");
        }
        if (links.delayKey() == delaysOf) {
            return false;
        }
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int slot = 0, slots = 2 * g.channelCount(); slot < slots; slot++) {
            long d = links.delayUs(g.outDirection(slot));
            delays[slot] = d;
            delayOrAll[slot] = (rec[REC * slot + PEER_DIR] & PAR_BIT) != 0 || d > Integer.MAX_VALUE ? -1 : (int) d;
            min = Math.min(min, d);
            max = Math.max(max, d);
        }
        delaysOf = links.delayKey();
        minDelayUs = min;
        maxDelayUs = max;
        return true;
    }

    /** Whether the records hold the fixed delays of {@code links}. */
    boolean hasDelaysOf(SeedWave.Links links) {
        return links.delaysFixed() && links.delayKey() == delaysOf;
    }

    boolean delaysFixed() {
        return delaysOf != null;
    }

    long minDelayUs() {
        return minDelayUs;
    }

    long maxDelayUs() {
        return maxDelayUs;
    }

    /**
     * The policy checks of one slot (record at {@code r}) for a seed forwarded by a node: the accumulator the message
     * would carry, or -1 if the HTLC range of the direction it stands for, or (seed 0) the fee budget, rules the slot
     * out. {@code acc} is seed 0's accumulator on arrival, {@code accOut} seed 1's forwarded accumulator
     * ({@link #forwardedAccumulator}). The one implementation of these checks: the wave's forwarding, its count of
     * messages and its {@link SeedWave#balanceThreshold} all call it.
     */
    long slotAccumulator(int s, int r, boolean origin, long acc, long accOut, long amount, long maxFeeMsat) {
        long[] rec = this.rec;
        if (s == 0) {
            if (amount < rec[r + MIN] || amount > rec[r + MAX]) {
                return -1;
            }
            long fee = rec[r + FEE];
            long a = origin ? 0 : acc + Fees.feeMsat(fee >>> 32, fee & 0xffffffffL, amount);
            return a > maxFeeMsat ? -1 : a;
        }
        long htlc = amount + accOut;
        return htlc < rec[r + MIN] || htlc > rec[r + MAX] ? -1 : accOut;
    }

    /**
     * Seed 1's accumulator as the receiver of a message sent from the slot whose record is at {@code r} forwards it:
     * the accumulator {@code a} it arrives with plus the receiver's own fee on its channel back (the seed-1 record's
     * fee), so that settling a pair never reads the graph's policy arrays.
     */
    long forwardedAccumulator(int r, long a, long amount) {
        long fee = rec[r + FEE];
        return a + Fees.feeMsat(fee >>> 32, fee & 0xffffffffL, amount + a);
    }

    /** The adjacency slot of each direction (built on the first {@link #setFee} or {@link #close}). */
    private int[] slotOf;

    /**
     * Rewrites the fee of direction d in the records that read it (a policy update during the run, issue 22): seed
     * 0's record of d's own slot and seed 1's record of the slot of d's reverse. Only for a wave's own records,
     * never for records shared with waves flooded ahead on other threads.
     */
    void setFee(int d, long feeBaseMsat, long ppm) {
        int[] at = slotOf();
        long fee = feeBaseMsat << 32 | (ppm & 0xffffffffL);
        rec[REC * at[d] + FEE] = fee;
        rec[seedBase + REC * at[d ^ 1] + FEE] = fee;
    }

    /** Marks direction d unusable in the records that read it: its channel closed during the run (issue 22). */
    void close(int d) {
        int[] at = slotOf();
        rec[REC * at[d] + MIN] = Long.MAX_VALUE;
        rec[seedBase + REC * at[d ^ 1] + MIN] = Long.MAX_VALUE;
    }

    /** Makes usable direction d usable again in the records that read it: its dormant channel opened (issue 22). */
    void reopen(int d) {
        int[] at = slotOf();
        rec[REC * at[d] + MIN] = g.htlcMinimumMsat(d);
        rec[seedBase + REC * at[d ^ 1] + MIN] = g.htlcMinimumMsat(d);
    }

    private int[] slotOf() {
        if (slotOf == null) {
            slotOf = new int[2 * g.channelCount()];
            for (int v = 0; v < g.nodeCount(); v++) {
                for (int slot = g.outStart(v); slot < g.outEnd(v); slot++) {
                    slotOf[g.outDirection(slot)] = slot;
                }
            }
        }
        return slotOf;
    }
}
