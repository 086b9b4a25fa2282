package org.lnsim.protocols.ant;

import java.util.Arrays;

/**
 * The seed wave's per-(node, seed) memory: one pair per node and seed, index {@code 2 v + s}. Reused from wave to
 * wave: only the pairs a wave queued are cleared ({@link #clear}), through the list of them it keeps.
 *
 * <h2>Layout</h2>
 * What every message reads sits in arrays small enough for the core's cache: each pair's {@link #state} byte (0,
 * {@link #QUEUED}, {@link #SETTLED}, with {@link #FORWARDED}), its earliest arrival queued so far in 4 bytes
 * ({@link #reach}: {@link #UNREACHED} before its first message, {@link #REACHED} once settled, exact while arrivals
 * stay below 2^31 µs, so that the plain flood's scan of a node's peers stays in cache) and each node's received
 * messages. The rest of a pair sits together in {@link #cold}, 4 longs at {@code 4 t}: its fee accumulator on
 * arrival, its link ({@link #link}: reverse pointer, the node it leads to and the hop count, so that walking a path
 * back never looks up a channel), seed 1's forwarded accumulator ({@link SlotRecords#forwardedAccumulator}) and its
 * latest arrival (after the wipe time, or the first queued, for the late-repeat count). {@link #bestKey} holds the
 * queue key of its earliest message so far, {@link #arrivalAt} its first arrival once settled, {@link #sent} the seed
 * messages it sent, and {@link #order} the pairs in settling order. About 170 bytes per node.
 */
final class WavePairs {
    static final byte QUEUED = 1;
    static final byte SETTLED = 2;
    /** With SETTLED: the pair went through the forwarding checks (not a match, within the hop and fee limits). */
    static final byte FORWARDED = 4;
    static final int UNREACHED = Integer.MAX_VALUE;
    static final int REACHED = Integer.MIN_VALUE;
    /** A pair's link field: hop count in 8 bits, pred direction + 1 in the next 26, pred node + 1 above. */
    private static final int PRED_SHIFT = 8;
    private static final int PRED_NODE_SHIFT = 34;
    static final long PRED_MASK = (1L << (PRED_NODE_SHIFT - PRED_SHIFT)) - 1;
    /** Offsets in a pair's 4 longs of {@link #cold}. */
    static final int ACC = 0;
    static final int LINK = 1;
    static final int ACC_OUT = 2;
    static final int LATEST = 3;

    final byte[] state;
    final int[] received;
    final int[] reach;
    final long[] bestKey;
    final long[] arrivalAt;
    final long[] cold;
    final int[] sent;
    final int[] order;
    int settled;
    /** Seed messages sent per seed this wave (repeats included). */
    final long[] seedMessages = new long[2];
    // the pairs queued this wave, to clear
    private final int[] queued;
    private int queuedCount;

    WavePairs(int nodes) {
        state = new byte[2 * nodes];
        received = new int[nodes];
        queued = new int[2 * nodes];
        bestKey = new long[2 * nodes];
        reach = new int[2 * nodes];
        Arrays.fill(reach, UNREACHED);
        arrivalAt = new long[2 * nodes];
        cold = new long[4 * 2 * nodes];
        sent = new int[2 * nodes];
        order = new int[2 * nodes];
    }

    /** Forgets the last wave: the state, earliest arrival and node counts of every pair it queued. */
    void clear() {
        for (int i = 0; i < queuedCount; i++) {
            int t = queued[i];
            state[t] = 0;
            reach[t] = UNREACHED;
            received[t >>> 1] = 0;
        }
        queuedCount = 0;
        settled = 0;
        seedMessages[0] = 0;
        seedMessages[1] = 0;
    }

    /** Pair {@code t}'s first message: marks it queued, with {@code arrival} as its latest arrival so far. */
    void firstQueued(int t, long arrival) {
        state[t] = QUEUED;
        queued[queuedCount++] = t;
        cold[4 * t + LATEST] = arrival;
    }

    /** Settles pair {@code idx} at {@code arrival} with what its first message carried. */
    void settle(int idx, long arrival, long acc, long link, long accOut) {
        state[idx] = SETTLED;
        reach[idx] = REACHED;
        order[settled++] = idx;
        arrivalAt[idx] = arrival;
        int ci = 4 * idx;
        cold[ci + ACC] = acc;
        cold[ci + LINK] = link;
        cold[ci + ACC_OUT] = accOut;
        sent[idx] = 0;
    }

    boolean isSettled(int idx) {
        return state[idx] >= SETTLED;
    }

    /** Remembers an arrival at pair {@code t} if it is after {@code lateAfterUs} and its latest so far. */
    void arrivedAt(int t, long arrival, long lateAfterUs) {
        int ci = 4 * t + LATEST;
        if (arrival > lateAfterUs && arrival > cold[ci]) {
            cold[ci] = arrival;   // only arrivals after lateAfterUs can be late, so only they are kept
        }
    }

    long latestArrival(int idx) {
        return cold[4 * idx + LATEST];
    }

    long accumulator(int idx) {
        return cold[4 * idx + ACC];
    }

    /** Seed 1's accumulator as the pair's node forwards it ({@link SlotRecords#forwardedAccumulator}), 0 at B. */
    long forwardedAccumulator(int idx) {
        return cold[4 * idx + ACC_OUT];
    }

    int hopsOf(int idx) {
        return (int) (cold[4 * idx + LINK] & 0xff);
    }

    /** The direction the pair's first message came on (the reverse pointer), -1 at its origin. */
    int predOf(int idx) {
        return (int) ((cold[4 * idx + LINK] >>> PRED_SHIFT) & PRED_MASK) - 1;
    }

    /** The node the pair's first message came from (the source of {@link #predOf}), -1 at its origin. */
    int predNodeOf(int idx) {
        return (int) (cold[4 * idx + LINK] >>> PRED_NODE_SHIFT) - 1;
    }

    static long link(int predNode, int pred, int hops) {
        return (long) (predNode + 1) << PRED_NODE_SHIFT | (long) (pred + 1) << PRED_SHIFT | hops;
    }
}
