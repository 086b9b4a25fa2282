package org.lnsim.protocols.lnd;

import java.util.Arrays;

/**
 * One sender's mission control: the last result it observed for each directed node pair (from → to) its own
 * attempts touched, as lnd v0.18.5-beta keeps them ({@code routing/missioncontrol_state.go},
 * {@code TimedPairResult}): last failure time and amount, last success time and amount. Updated with lnd's
 * {@code setLastPairResult} rules ({@link #recordSuccess}, {@link #recordFailure}) and {@code setAllFail}
 * ({@link #failAllOf}).
 *
 * <h2>Layout and bounds</h2>
 * An open-addressing table keyed by the pair's long ({@code from << 32 | to}, graph node indices) with linear
 * probing, its values in parallel primitive arrays; and a second table from a from-node to the first slot of its
 * chain of pairs ({@link #nextSameFrom}), because lnd's apriori estimator combines all results of the from-node
 * ({@code NodeResults}) into its node probability. Nothing is stored for a pair the sender never observed, so memory
 * grows with what one sender saw, not with the graph: {@link #bytes()} (≈ 60 bytes per stored pair at the table's
 * ≤ 1/2 load, plus 8 per from-node) is the routing state the protocol reports. lnd's own bound on the history it
 * keeps in its database ({@code DefaultMaxMcHistory = 1000} results, {@code routing/missioncontrol.go}) limits the
 * stored payment results, not the in-memory pair map, so no bound is applied here.
 *
 * <p>Times are simulated µs; {@link #NEVER} marks "no failure yet" (lnd's zero {@code time.Time}).
 */
final class PairHistory {
    /** No failure recorded (lnd: {@code FailTime.IsZero()}). */
    static final long NEVER = Long.MIN_VALUE;
    private static final long EMPTY = -1L;

    private long[] keys;
    private long[] failTime;
    private long[] failAmt;
    private long[] successTime;
    private long[] successAmt;
    private int[] nextSameFrom;
    private int size;

    private int[] fromKeys;
    private int[] fromHead;
    private int fromSize;

    PairHistory() {
        alloc(8);
        allocFrom(8);
    }

    private void alloc(int cap) {
        keys = new long[cap];
        Arrays.fill(keys, EMPTY);
        failTime = new long[cap];
        failAmt = new long[cap];
        successTime = new long[cap];
        successAmt = new long[cap];
        nextSameFrom = new int[cap];
    }

    private void allocFrom(int cap) {
        fromKeys = new int[cap];
        Arrays.fill(fromKeys, -1);
        fromHead = new int[cap];
    }

    static long key(int from, int to) {
        return (long) from << 32 | (to & 0xFFFFFFFFL);
    }

    private static int hash(long k) {
        long h = k * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    /** Pairs stored. */
    int pairs() {
        return size;
    }

    /** Bytes of the arrays this history holds: what the sender keeps as routing state. */
    long bytes() {
        return (long) keys.length * (8 + 8 + 8 + 8 + 8 + 4) + (long) fromKeys.length * (4 + 4);
    }

    /** Slot of the pair, or -1. */
    int slot(int from, int to) {
        long k = key(from, to);
        int mask = keys.length - 1;
        for (int i = hash(k) & mask; ; i = (i + 1) & mask) {
            if (keys[i] == k) {
                return i;
            }
            if (keys[i] == EMPTY) {
                return -1;
            }
        }
    }

    /** First slot of {@code from}'s chain of pairs, or -1 if the sender observed none. */
    int firstOf(int from) {
        int mask = fromKeys.length - 1;
        for (int i = hash(from) & mask; ; i = (i + 1) & mask) {
            if (fromKeys[i] == from) {
                return fromHead[i];
            }
            if (fromKeys[i] == -1) {
                return -1;
            }
        }
    }

    /** The next slot in the same from-node's chain, or -1. */
    int next(int slot) {
        return nextSameFrom[slot];
    }

    int to(int slot) {
        return (int) keys[slot];
    }

    int from(int slot) {
        return (int) (keys[slot] >>> 32);
    }

    long failTime(int slot) {
        return failTime[slot];
    }

    long failAmt(int slot) {
        return failAmt[slot];
    }

    long successAmt(int slot) {
        return successAmt[slot];
    }

    long successTime(int slot) {
        return successTime[slot];
    }

    /** The pair's slot, created empty (no success, no failure) if absent. */
    private int slotOrAdd(int from, int to) {
        int s = slot(from, to);
        if (s >= 0) {
            return s;
        }
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        s = insert(key(from, to));
        failTime[s] = NEVER;
        failAmt[s] = 0;
        successTime[s] = NEVER;
        successAmt[s] = 0;
        link(s, from);
        size++;
        return s;
    }

    private int insert(long k) {
        int mask = keys.length - 1;
        int i = hash(k) & mask;
        while (keys[i] != EMPTY) {
            i = (i + 1) & mask;
        }
        keys[i] = k;
        return i;
    }

    /** Puts slot {@code s} at the head of {@code from}'s chain. */
    private void link(int s, int from) {
        if (2 * (fromSize + 1) > fromKeys.length) {
            growFrom();
        }
        int mask = fromKeys.length - 1;
        int i = hash(from) & mask;
        while (fromKeys[i] != -1 && fromKeys[i] != from) {
            i = (i + 1) & mask;
        }
        if (fromKeys[i] == -1) {
            fromKeys[i] = from;
            fromHead[i] = -1;
            fromSize++;
        }
        nextSameFrom[s] = fromHead[i];
        fromHead[i] = s;
    }

    private void grow() {
        long[] k0 = keys;
        long[] ft = failTime;
        long[] fa = failAmt;
        long[] st = successTime;
        long[] sa = successAmt;
        alloc(2 * k0.length);
        allocFrom(fromKeys.length);
        fromSize = 0;
        for (int j = 0; j < k0.length; j++) {
            if (k0[j] != EMPTY) {
                int s = insert(k0[j]);
                failTime[s] = ft[j];
                failAmt[s] = fa[j];
                successTime[s] = st[j];
                successAmt[s] = sa[j];
                link(s, (int) (k0[j] >>> 32));
            }
        }
    }

    private void growFrom() {
        int[] k0 = fromKeys;
        int[] h0 = fromHead;
        allocFrom(2 * k0.length);
        int mask = fromKeys.length - 1;
        for (int j = 0; j < k0.length; j++) {
            if (k0[j] != -1) {
                int i = hash(k0[j]) & mask;
                while (fromKeys[i] != -1) {
                    i = (i + 1) & mask;
                }
                fromKeys[i] = k0[j];
                fromHead[i] = h0[j];
            }
        }
    }

    /**
     * lnd's {@code setLastPairResult} for a success of {@code amt} at {@code now} (force = false): the success time
     * is set, the success amount raised to {@code amt} if larger, and a recorded failure amount at or below
     * {@code amt} moved just above it.
     */
    void recordSuccess(int from, int to, long amt, long now) {
        int s = slotOrAdd(from, to);
        successTime[s] = now;
        if (amt > successAmt[s]) {
            successAmt[s] = amt;
        }
        if (failTime[s] != NEVER && amt >= failAmt[s]) {
            failAmt[s] = amt + 1;
        }
    }

    /**
     * lnd's {@code setLastPairResult} for a failure of {@code amt} at {@code now} (force = false): a failure at a
     * higher amount than the last one within {@code minRelaxUs} of it is ignored (lnd's
     * {@code DefaultMinFailureRelaxInterval}); otherwise the failure time and amount are set, and the success amount
     * lowered below the failure amount (to 0 for an amount-independent failure, amt 0).
     *
     * @return false if the failure was ignored
     */
    boolean recordFailure(int from, int to, long amt, long now, long minRelaxUs) {
        int s = slot(from, to);
        if (s >= 0 && failTime[s] != NEVER && amt > failAmt[s] && now - failTime[s] < minRelaxUs) {
            return false;
        }
        if (s < 0) {
            s = slotOrAdd(from, to);
        }
        failTime[s] = now;
        failAmt[s] = amt;
        if (amt == 0) {
            successAmt[s] = 0;
        } else if (amt <= successAmt[s]) {
            successAmt[s] = amt - 1;
        }
        return true;
    }

    /**
     * lnd's {@code setAllFail}: every stored pair from or to {@code node} becomes a failure at {@code now} for any
     * amount (fail amount 0, no success).
     */
    void failAllOf(int node, long now) {
        for (int s = 0; s < keys.length; s++) {
            if (keys[s] != EMPTY && (from(s) == node || to(s) == node)) {
                failTime[s] = now;
                failAmt[s] = 0;
                successTime[s] = NEVER;
                successAmt[s] = 0;
            }
        }
    }
}
