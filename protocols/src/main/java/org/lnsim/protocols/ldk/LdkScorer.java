package org.lnsim.protocols.ldk;

import java.util.Arrays;

/**
 * One sender's {@code ProbabilisticScorer} ({@code lightning/src/routing/scoring.rs}, rust-lightning v0.2.5): for
 * each channel its own payments touched, LDK's {@code ChannelLiquidity} — the liquidity bounds as offsets
 * [{@code min_liquidity_offset_msat}, {@code max_liquidity_offset_msat}] (the lower bound from zero, the upper bound
 * from the capacity), their {@code last_updated}, and the {@code HistoricalLiquidityTracker}'s 32 + 32 buckets with
 * {@code offset_history_last_updated} — and the penalty the router adds per hop ({@link #penaltyMsat}).
 *
 * <h2>Direction</h2>
 * As in LDK one record serves both directions of a channel: the offsets are stored for the direction from
 * {@code node_one} (the smaller node id, direction parity 0 here, BOLT 7's {@code direction} bit), and swapped for
 * the other — so what a failure teaches about A→B (less than x on A's side) is also what B→A learns (more than
 * capacity − x on B's side). The same for the history buckets.
 *
 * <h2>Time</h2>
 * The pinned code decays only in {@code time_passed}, which LDK's background processor calls every
 * {@code SCORER_PERSIST_TIMER} = 5 min ({@code lightning-background-processor/src/lib.rs} v0.2.5); lookups read the
 * stored offsets. Here {@link #timePassed} runs at the last multiple of that interval before the scorer is read or
 * updated (an interval of 0: at every read), with LDK's arithmetic: each offset × 0.5^(elapsed / half-life)
 * truncated, {@code last_updated} set to the tick; the buckets decay by elapsed / {@code historical_no_updates_half_life}
 * once no datapoint came for longer than that half-life; a channel with both offsets 0 and no datapoint is dropped
 * ({@code ChannelLiquidities::time_passed}'s {@code retain}).
 *
 * <h2>Layout and bounds</h2>
 * An open-addressing table keyed by the graph's channel index, values in parallel primitive arrays (the 64 buckets
 * of a channel as {@code char}s, LDK's {@code u16}), at most half full: {@link #bytes()} ≈ 2 × 172 bytes per
 * channel the sender observed. Nothing is stored for a channel it never observed, so memory grows with what one
 * sender saw; dropped records shrink it back at the next tick.
 */
final class LdkScorer {
    /** {@code BUCKET_START_POS} ({@code scoring.rs} v0.2.5): bucket b covers positions [start[b], start[b+1]). */
    static final int[] BUCKET_START_POS = {0, 1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 3072, 4096, 6144,
        8192, 10240, 12288, 13312, 14336, 15360, 15872, 16128, 16256, 16320, 16352, 16368, 16376, 16380, 16382, 16383,
        16384};
    /** {@code POSITION_TICKS = 1 << 14}: a channel's capacity in bucket positions ({@code scoring.rs} v0.2.5). */
    static final int POSITION_TICKS = 1 << 14;
    /** {@code BUCKET_FIXED_POINT_ONE = 32}: one datapoint in a bucket ({@code scoring.rs} v0.2.5). */
    static final int BUCKET_FIXED_POINT_ONE = 32;
    /** {@code NEGATIVE_LOG10_UPPER_BOUND = 2}: −log₁₀ P is capped at 2 (P ≥ 0.01) ({@code scoring.rs} v0.2.5). */
    static final long NEGATIVE_LOG10_UPPER_BOUND = 2;
    /** {@code AMOUNT_PENALTY_DIVISOR = 1 << 20} ({@code scoring.rs} v0.2.5). */
    static final long AMOUNT_PENALTY_DIVISOR = 1L << 20;
    /** {@code BASE_AMOUNT_PENALTY_DIVISOR = 1 << 30} ({@code scoring.rs} v0.2.5). */
    static final long BASE_AMOUNT_PENALTY_DIVISOR = 1L << 30;
    /**
     * {@code MIN_ZERO_IMPLIES_NO_SUCCESSES_PENALTY_ON_64 = 78}: with no success seen (lower bound 0) the historical
     * model's denominator is scaled by 78/64 ({@code scoring.rs} v0.2.5).
     */
    static final long MIN_ZERO_IMPLIES_NO_SUCCESSES_PENALTY_ON_64 = 78;
    /** {@code BILLIONISH = 1024³ × 64}: the non-linear model's float-to-integer scale ({@code scoring.rs} v0.2.5). */
    static final double BILLIONISH = 1024.0 * 1024.0 * 1024.0 * 64.0;
    /** {@code FULLY_DECAYED = 32⁴}: fewer valid points than one full datapoint count as none. */
    static final double FULLY_DECAYED = 32.0 * 32.0 * 32.0 * 32.0;
    /** Saturation of LDK's u64 penalties (a long here; penalties never come near it). */
    static final long MAX = Long.MAX_VALUE;

    private static final int EMPTY = -1;
    private static final int B = 64; // buckets per record: [0, 32) min-offset history, [32, 64) max-offset history

    private final LdkSettings s;
    private int[] keys;
    private long[] minOff;
    private long[] maxOff;
    private long[] lastUpdated;
    private long[] historyUpdated;
    private double[] validPoints;
    private char[] buckets;
    private int size;
    private long lastTickUs;

    LdkScorer(LdkSettings s) {
        this.s = s;
        alloc(8);
    }

    private void alloc(int cap) {
        keys = new int[cap];
        Arrays.fill(keys, EMPTY);
        minOff = new long[cap];
        maxOff = new long[cap];
        lastUpdated = new long[cap];
        historyUpdated = new long[cap];
        validPoints = new double[cap];
        buckets = new char[cap * B];
    }

    /** Channels with a record. */
    int channels() {
        return size;
    }

    /** Bytes of the arrays this scorer holds: the sender's routing state. */
    long bytes() {
        return (long) keys.length * (4 + 8 + 8 + 8 + 8 + 8 + 2 * B) + 16;
    }

    private static int hash(int k) {
        int h = k * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    /** Slot of channel c, or -1. */
    int slot(int c) {
        int mask = keys.length - 1;
        for (int i = hash(c) & mask; ; i = (i + 1) & mask) {
            if (keys[i] == c) {
                return i;
            }
            if (keys[i] == EMPTY) {
                return -1;
            }
        }
    }

    /** Slot of channel c, created as LDK's {@code ChannelLiquidity::new(now)} if absent. */
    private int slotOrCreate(int c, long now) {
        int at = slot(c);
        if (at >= 0) {
            return at;
        }
        if (2 * (size + 1) > keys.length) {
            rebuild(keys.length * 2, null);
        }
        int mask = keys.length - 1;
        int i = hash(c) & mask;
        while (keys[i] != EMPTY) {
            i = (i + 1) & mask;
        }
        keys[i] = c;
        minOff[i] = 0;
        maxOff[i] = 0;
        lastUpdated[i] = now;
        historyUpdated[i] = now;
        validPoints[i] = 0;
        Arrays.fill(buckets, i * B, i * B + B, (char) 0);
        size++;
        return i;
    }

    /** Rebuilds the table at {@code cap}, keeping the slots not marked in {@code drop} (none if null). */
    private void rebuild(int cap, boolean[] drop) {
        int[] k = keys;
        long[] mn = minOff;
        long[] mx = maxOff;
        long[] lu = lastUpdated;
        long[] hu = historyUpdated;
        double[] vp = validPoints;
        char[] bk = buckets;
        alloc(cap);
        size = 0;
        int mask = cap - 1;
        for (int j = 0; j < k.length; j++) {
            if (k[j] == EMPTY || (drop != null && drop[j])) {
                continue;
            }
            int i = hash(k[j]) & mask;
            while (keys[i] != EMPTY) {
                i = (i + 1) & mask;
            }
            keys[i] = k[j];
            minOff[i] = mn[j];
            maxOff[i] = mx[j];
            lastUpdated[i] = lu[j];
            historyUpdated[i] = hu[j];
            validPoints[i] = vp[j];
            System.arraycopy(bk, j * B, buckets, i * B, B);
            size++;
        }
    }

    // ------------------------------------------------------------------ time

    /** Runs {@code time_passed} at the last background-processor tick at or before {@code nowUs}, if not yet run. */
    void advance(long nowUs) {
        long interval = s.timePassedIntervalUs();
        long tick = interval == 0 ? nowUs : nowUs - Math.floorMod(nowUs, interval);
        if (tick > lastTickUs) {
            timePassed(tick);
        }
    }

    /** {@code ChannelLiquidities::time_passed} at {@code nowUs} (scoring.rs v0.2.5). */
    void timePassed(long nowUs) {
        lastTickUs = nowUs;
        if (size == 0) {
            return;
        }
        boolean[] drop = null;
        double histHalfLife = s.historicalNoUpdatesHalfLifeUs();
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] == EMPTY) {
                continue;
            }
            minOff[i] = decayedOffset(minOff[i], nowUs - lastUpdated[i], s.liquidityOffsetHalfLifeUs());
            maxOff[i] = decayedOffset(maxOff[i], nowUs - lastUpdated[i], s.liquidityOffsetHalfLifeUs());
            lastUpdated[i] = nowUs;
            long elapsed = Math.max(0, nowUs - historyUpdated[i]);
            if (elapsed > s.historicalNoUpdatesHalfLifeUs() && histHalfLife != 0) {
                decayBuckets(i, elapsed / histHalfLife);
                historyUpdated[i] = nowUs;
            }
            if (minOff[i] == 0 && maxOff[i] == 0 && !hasDatapoints(i)) {
                if (drop == null) {
                    drop = new boolean[keys.length];
                }
                drop[i] = true;
            }
        }
        if (drop != null) {
            int cap = 8;
            int left = size;
            for (boolean d : drop) {
                left -= d ? 1 : 0;
            }
            while (2 * left > cap) {
                cap *= 2;
            }
            rebuild(cap, drop);
        }
    }

    /** {@code decayed_offset}: offset × 0.5^(elapsed / half-life), truncated; 0 for a half-life of 0. */
    static long decayedOffset(long offset, long elapsedUs, long halfLifeUs) {
        if (halfLifeUs == 0) {
            return 0;
        }
        double elapsed = Math.max(0, elapsedUs) / 1e6;
        return (long) (offset * Math.pow(0.5, elapsed / (halfLifeUs / 1e6)));
    }

    // ------------------------------------------------------------------ directed views

    /** Lower bound offset of direction e's view (parity 0: as stored; 1: swapped). */
    private long dirMin(int i, int e) {
        return (e & 1) == 0 ? minOff[i] : maxOff[i];
    }

    private long dirMaxOff(int i, int e) {
        return (e & 1) == 0 ? maxOff[i] : minOff[i];
    }

    private void setDirMin(int i, int e, long v) {
        if ((e & 1) == 0) {
            minOff[i] = v;
        } else {
            maxOff[i] = v;
        }
    }

    private void setDirMaxOff(int i, int e, long v) {
        if ((e & 1) == 0) {
            maxOff[i] = v;
        } else {
            minOff[i] = v;
        }
    }

    /** First bucket of direction e's min-offset history. */
    private static int minHist(int i, int e) {
        return i * B + ((e & 1) == 0 ? 0 : 32);
    }

    private static int maxHist(int i, int e) {
        return i * B + ((e & 1) == 0 ? 32 : 0);
    }

    /** Direction e's lower liquidity bound as the router reads it (0 without a record). */
    long minLiquidityMsat(int e) {
        int i = slot(e >>> 1);
        return i < 0 ? 0 : dirMin(i, e);
    }

    /** Direction e's upper liquidity bound for a channel of {@code capacityMsat} (the capacity without a record). */
    long maxLiquidityMsat(int e, long capacityMsat) {
        int i = slot(e >>> 1);
        return i < 0 ? capacityMsat : Math.max(0, capacityMsat - dirMaxOff(i, e));
    }

    /** Direction e's min-offset history bucket b (as LDK's {@code u16}). */
    int minBucket(int e, int b) {
        int i = slot(e >>> 1);
        return i < 0 ? 0 : buckets[minHist(i, e) + b];
    }

    int maxBucket(int e, int b) {
        int i = slot(e >>> 1);
        return i < 0 ? 0 : buckets[maxHist(i, e) + b];
    }

    // ------------------------------------------------------------------ updates (ScoreUpdate)

    /**
     * {@code payment_path_failed}: every hop before the failed channel learns it could forward the amount
     * ({@code failed_downstream}: lower bound raised to it), the failed channel that it could not
     * ({@code failed_at_channel}: upper bound lowered to it); hops after it learn nothing. {@code failedAt} = -1
     * ({@code probe_successful}, or a receiver's permanent refusal): every hop forwarded. The amount is the path's
     * {@code final_value_msat}, what it delivers, for every hop, as in the pinned code.
     */
    void pathFailed(int[] dirs, long[] capacities, long amountMsat, int failedAt, long nowUs) {
        advance(nowUs);
        for (int h = 0; h < dirs.length; h++) {
            int e = dirs[h];
            int i = slotOrCreate(e >>> 1, nowUs);
            long cap = capacities[h];
            if (h == failedAt) {
                long existingMax = Math.max(0, cap - dirMaxOff(i, e));
                if (amountMsat < existingMax) {
                    setMaxLiquidity(i, e, amountMsat, cap, nowUs);
                }
                updateHistory(i, e, 0, cap, nowUs);
                return;
            }
            if (amountMsat > dirMin(i, e)) {
                setMinLiquidity(i, e, amountMsat, cap, nowUs);
            }
            updateHistory(i, e, 0, cap, nowUs);
        }
    }

    /** {@code payment_path_successful}: every hop's upper bound drops by the amount it now holds less. */
    void pathSucceeded(int[] dirs, long[] capacities, long amountMsat, long nowUs) {
        advance(nowUs);
        for (int h = 0; h < dirs.length; h++) {
            int e = dirs[h];
            int i = slotOrCreate(e >>> 1, nowUs);
            long cap = capacities[h];
            long maxLiq = Math.max(0, Math.max(0, cap - dirMaxOff(i, e)) - amountMsat);
            setMaxLiquidity(i, e, maxLiq, cap, nowUs);
            updateHistory(i, e, amountMsat, cap, nowUs);
        }
    }

    private void setMinLiquidity(int i, int e, long amountMsat, long cap, long nowUs) {
        setDirMin(i, e, amountMsat);
        if (amountMsat > Math.max(0, cap - dirMaxOff(i, e))) {
            setDirMaxOff(i, e, 0);
        }
        lastUpdated[i] = nowUs;
    }

    private void setMaxLiquidity(int i, int e, long amountMsat, long cap, long nowUs) {
        setDirMaxOff(i, e, Math.max(0, cap - amountMsat));
        if (amountMsat < dirMin(i, e)) {
            setDirMin(i, e, 0);
        }
        lastUpdated[i] = nowUs;
    }

    /** {@code update_history_buckets}: the bounds before this payment, as one datapoint per history. */
    private void updateHistory(int i, int e, long bucketOffsetMsat, long cap, long nowUs) {
        trackDatapoint(minHist(i, e), dirMin(i, e) + bucketOffsetMsat, cap);
        trackDatapoint(maxHist(i, e), Math.max(0, dirMaxOff(i, e) - bucketOffsetMsat), cap);
        validPoints[i] = validPoints(i);
        historyUpdated[i] = nowUs;
    }

    /** {@code HistoricalBucketRangeTracker::track_datapoint}: decay all by 2047/2048, add 32 to the offset's bucket. */
    private void trackDatapoint(int base, long offsetMsat, long cap) {
        int pos = amountToPos(offsetMsat, cap);
        if (pos < POSITION_TICKS) {
            for (int b = 0; b < 32; b++) {
                buckets[base + b] = (char) (buckets[base + b] * 2047 / 2048);
            }
            int b = posToBucket(pos);
            buckets[base + b] = (char) Math.min(0xFFFF, buckets[base + b] + BUCKET_FIXED_POINT_ONE);
        }
    }

    private void decayBuckets(int i, double halfLives) {
        long factor = (long) (1024.0 * Math.pow(0.5, halfLives));
        for (int b = i * B; b < i * B + B; b++) {
            buckets[b] = (char) (buckets[b] * factor / 1024);
        }
        validPoints[i] = validPoints(i);
    }

    private boolean hasDatapoints(int i) {
        for (int b = i * B; b < i * B + B; b++) {
            if (buckets[b] != 0) {
                return true;
            }
        }
        return false;
    }

    /** {@code recalculate_valid_point_count}: Σ over min bucket a, max bucket b with a + b < 32 of (w_a·w_b)². */
    private double validPoints(int i) {
        // Σ of up to 528 terms below 2⁶⁴ each: accumulated in a double as LDK stores the u128 sum (as an f64)
        double total = 0;
        int mn = i * B;
        int mx = i * B + 32;
        for (int a = 0; a < 32; a++) {
            for (int b = 0; b < 32 - a; b++) {
                double w = (double) buckets[mn + a] * buckets[mx + b];
                total += w * w;
            }
        }
        return total;
    }

    /** {@code amount_to_pos}: amount × 2¹⁴ / (capacity + 1), at most 2¹⁴. */
    static int amountToPos(long amountMsat, long capacityMsat) {
        long pos;
        if (amountMsat < Long.MAX_VALUE / POSITION_TICKS) {
            pos = amountMsat * POSITION_TICKS / (capacityMsat + 1);
        } else {
            pos = Math.round(Math.floor((double) amountMsat * POSITION_TICKS / ((double) capacityMsat + 1)));
        }
        return (int) Math.min(pos, POSITION_TICKS);
    }

    static int posToBucket(int pos) {
        for (int b = 0; b < 32; b++) {
            if (pos < BUCKET_START_POS[b + 1]) {
                return b;
            }
        }
        return 32;
    }

    // ------------------------------------------------------------------ penalty (ScoreLookUp)

    /**
     * {@code channel_penalty_msat} of a public hop in direction {@code e}: the base penalty
     * ({@code base_penalty_msat + base_penalty_amount_multiplier_msat × amount / 2³⁰}), the anti-probing penalty when
     * {@code htlc_maximum_msat ≥ capacity / 2}, and the liquidity penalties of {@link #liquidityPenaltyMsat}.
     *
     * @param inflightMsat what this sender already has in flight over the direction (LDK's
     *                     {@code inflight_htlc_msat}: other parts of the payment being built, its HTLCs pending)
     */
    long penaltyMsat(int e, long amountMsat, long inflightMsat, long capacityMsat, long htlcMaximumMsat) {
        long base = sat(s.basePenaltyMsat(), mulDiv(s.basePenaltyAmountMultiplierMsat(), amountMsat,
                BASE_AMOUNT_PENALTY_DIVISOR));
        long anti = htlcMaximumMsat >= capacityMsat / 2 ? s.antiProbingPenaltyMsat() : 0;
        int i = size == 0 ? -1 : slot(e >>> 1);
        long minOffset = i < 0 ? 0 : dirMin(i, e);
        long maxOffset = i < 0 ? 0 : dirMaxOff(i, e);
        long res = liquidityPenaltyMsat(s, amountMsat, inflightMsat, capacityMsat, minOffset, maxOffset, buckets,
                i < 0 ? -1 : minHist(i, e), i < 0 ? -1 : maxHist(i, e), i < 0 ? 0 : validPoints[i]);
        return sat(sat(res, anti), base);
    }

    /**
     * {@code DirectedChannelLiquidity::penalty_msat} (scoring.rs v0.2.5): the live-bounds penalty (when its
     * multipliers are set) from the success probability between the bounds, {@code considered_impossible_penalty_msat}
     * at or above the upper bound, the maximum historical penalty at or above the capacity, else the historical
     * penalty from the buckets ({@link #historicalSuccessTimesBillion}), or without history from the bounds
     * [0, capacity] with the no-success scaling.
     *
     * @param minH first bucket of the min-offset history in {@code bk}, or -1 for none
     */
    static long liquidityPenaltyMsat(LdkSettings s, long amountMsat, long inflightMsat, long capacityMsat,
                                     long minOffset, long maxOffset, char[] bk, int minH, int maxH,
                                     double validPoints) {
        long total = sat(amountMsat, inflightMsat);
        long maxLiq = Math.max(0, capacityMsat - maxOffset);
        long minLiq = Math.min(minOffset, maxLiq);
        long res = 0;
        if (s.liquidityPenaltyMultiplierMsat() != 0 || s.liquidityPenaltyAmountMultiplierMsat() != 0) {
            if (total <= minLiq) {
                res = 0;
            } else if (total >= maxLiq) {
                res = combinedPenaltyMsat(amountMsat, NEGATIVE_LOG10_UPPER_BOUND * 2048,
                        s.liquidityPenaltyMultiplierMsat(), s.liquidityPenaltyAmountMultiplierMsat());
            } else {
                long nl = negativeLog10Times2048(s.linearSuccessProbability(), total, minLiq, maxLiq,
                        capacityMsat, false, true);
                if (nl >= 0) {
                    res = combinedPenaltyMsat(amountMsat, nl, s.liquidityPenaltyMultiplierMsat(),
                            s.liquidityPenaltyAmountMultiplierMsat());
                }
            }
        }
        if (total >= maxLiq) {
            res = sat(res, s.consideredImpossiblePenaltyMsat());
        }
        if (total >= capacityMsat) {
            return sat(res, combinedPenaltyMsat(amountMsat, NEGATIVE_LOG10_UPPER_BOUND * 2048,
                    s.historicalLiquidityPenaltyMultiplierMsat(), s.historicalLiquidityPenaltyAmountMultiplierMsat()));
        }
        if (s.historicalLiquidityPenaltyMultiplierMsat() != 0
                || s.historicalLiquidityPenaltyAmountMultiplierMsat() != 0) {
            long prob = minH < 0 ? -1 : historicalSuccessTimesBillion(s.linearSuccessProbability(), bk, minH, maxH,
                    validPoints, total, capacityMsat);
            long nl;
            if (prob >= 0) {
                nl = LogApprox.negativeLog10Times2048(prob + 1, 1024L * 1024 * 1024);
            } else {
                nl = negativeLog10Times2048(s.linearSuccessProbability(), total, 0, capacityMsat, capacityMsat, true,
                        false);
            }
            res = sat(res, combinedPenaltyMsat(amountMsat, nl, s.historicalLiquidityPenaltyMultiplierMsat(),
                    s.historicalLiquidityPenaltyAmountMultiplierMsat()));
        }
        return res;
    }

    /**
     * {@code combined_penalty_msat}: with L = min(−log₁₀ P × 2048, 2 × 2048),
     * L × multiplier / 2048 + L × amount_multiplier × amount / 2048 / 2²⁰ (integer arithmetic, truncated).
     */
    static long combinedPenaltyMsat(long amountMsat, long negLog10Times2048, long multiplierMsat,
                                    long amountMultiplierMsat) {
        long l = Math.min(negLog10Times2048, NEGATIVE_LOG10_UPPER_BOUND * 2048);
        long liquidity = satMul(l, multiplierMsat) / 2048;
        long amount = satMul(satMul(l, amountMultiplierMsat), amountMsat) / 2048 / AMOUNT_PENALTY_DIVISOR;
        return sat(liquidity, amount);
    }

    /**
     * −log₁₀ × 2048 of {@code success_probability} (integer form): linear (max − amount) / (max − min + 1), or the
     * non-linear model's float ratio ({@link #nonlinear}) with numerator and denominator each scaled by 2³⁶,
     * truncated, + 1. {@code minZeroImpliesNoSuccesses}: with min = 0 the denominator is × 78 / 64.
     *
     * @param precisionCut the live model's rule: a failure probability under 1/64 counts as none (returns -1)
     */
    static long negativeLog10Times2048(boolean linear, long amountMsat, long minMsat, long maxMsat, long capacityMsat,
                                       boolean minZeroImpliesNoSuccesses, boolean precisionCut) {
        long num;
        long den;
        if (linear) {
            num = maxMsat - amountMsat;
            den = sat(maxMsat - minMsat, 1);
            if (minZeroImpliesNoSuccesses && minMsat == 0 && den < MAX / MIN_ZERO_IMPLIES_NO_SUCCESSES_PENALTY_ON_64) {
                den = den * MIN_ZERO_IMPLIES_NO_SUCCESSES_PENALTY_ON_64 / 64;
            }
        } else {
            num = (long) (nonlinearNumerator(amountMsat, maxMsat, capacityMsat) * BILLIONISH) + 1;
            den = (long) (nonlinearDenominator(minMsat, maxMsat, capacityMsat, minZeroImpliesNoSuccesses) * BILLIONISH)
                    + 1;
        }
        if (precisionCut && den - num < den / LogApprox.LOWER_BITS_BOUND) {
            return -1;
        }
        return LogApprox.negativeLog10Times2048(num, den);
    }

    /**
     * {@code nonlinear_success_probability}: density 128 × (1/256 + 9 (x − ½)⁸) over x = liquidity / capacity, so
     * P = (F(max) − F(amount)) / (F(max) − F(min)) with F(y) = (y − ½)⁹ + (y − ½) / 256 (unnormalised: the 128
     * cancels); numerator and denominator each in [0, 1/128]. With min = 0 and {@code minZeroImpliesNoSuccesses},
     * the denominator × 78 / 64.
     */
    static double nonlinearNumerator(long amountMsat, long maxMsat, long capacityMsat) {
        return f(maxMsat / (double) capacityMsat - 0.5) - f(amountMsat / (double) capacityMsat - 0.5);
    }

    static double nonlinearDenominator(long minMsat, long maxMsat, long capacityMsat,
                                       boolean minZeroImpliesNoSuccesses) {
        double den = f(maxMsat / (double) capacityMsat - 0.5) - f(minMsat / (double) capacityMsat - 0.5);
        if (minZeroImpliesNoSuccesses && minMsat == 0) {
            den = den * MIN_ZERO_IMPLIES_NO_SUCCESSES_PENALTY_ON_64 / 64.0;
        }
        return den;
    }

    /** (y)⁹ + y / 256, the power as {@code three_f64_pow_9} computes it: y · (y²)² · (y²)². */
    private static double f(double y) {
        double y2 = y * y;
        double y4 = y2 * y2;
        return y * y4 * y4 + y / 256.0;
    }

    /** {@code success_probability_float}'s ratio (numerator / denominator), linear or non-linear. */
    static double successRatio(boolean linear, long amount, long min, long max, long capacity,
                               boolean minZeroImpliesNoSuccesses) {
        if (linear) {
            double num = max - amount;
            double den = sat(max - min, 1);
            if (minZeroImpliesNoSuccesses && min == 0) {
                den = (double) ((long) den * MIN_ZERO_IMPLIES_NO_SUCCESSES_PENALTY_ON_64 / 64);
            }
            return num / den;
        }
        return nonlinearNumerator(amount, max, capacity)
                / nonlinearDenominator(min, max, capacity, minZeroImpliesNoSuccesses);
    }

    /**
     * {@code calculate_success_probability_times_billion} (scoring.rs v0.2.5): over the pairs of min-offset bucket
     * a and max-offset bucket b with a + b < 32, weighted (w_a·w_b)² / total, the success probability as if the
     * bounds were [start(a), end(32 − b) − 1] in bucket positions; min bucket 0 (failures) is paired only with the
     * highest max bucket holding a full point. −1 (LDK's {@code None}) when the amount is at or beyond the capacity's
     * last position or fewer than one full point remains.
     */
    static long historicalSuccessTimesBillion(boolean linear, char[] bk, int minH, int maxH, double validPoints,
                                              long amountMsat, long capacityMsat) {
        int paymentPos = amountToPos(amountMsat, capacityMsat);
        if (paymentPos >= POSITION_TICKS) {
            return -1;
        }
        if (validPoints < FULLY_DECAYED) {
            return -1;
        }
        double cumulative = 0;
        if (bk[minH] != 0) {
            int highestWithPoints = 0;
            int highestWithFull = -1;
            double totalWeight = 0;
            for (int b = 0; b < 32; b++) {
                int mb = bk[maxH + b];
                if (mb >= BUCKET_FIXED_POINT_ONE) {
                    highestWithFull = Math.max(highestWithFull, b);
                }
                if (mb != 0) {
                    highestWithPoints = Math.max(highestWithPoints, b);
                }
                double w = (double) mb * bk[minH];
                totalWeight += w * w;
            }
            int selected = highestWithFull >= 0 ? highestWithFull : highestWithPoints;
            int maxEnd = BUCKET_START_POS[32 - selected] - 1;
            if (paymentPos < maxEnd) {
                cumulative += totalWeight / validPoints
                        * successRatio(linear, paymentPos, 0, maxEnd, POSITION_TICKS - 1, true);
            }
        }
        for (int a = 1; a < 32; a++) {
            int minStart = BUCKET_START_POS[a];
            int wa = bk[minH + a];
            for (int b = 0; b < 32 - a; b++) {
                int maxEnd = BUCKET_START_POS[32 - b] - 1;
                if (paymentPos >= maxEnd) {
                    break;
                }
                double w = (double) wa * bk[maxH + b];
                double p = w * w / validPoints;
                if (paymentPos < minStart) {
                    cumulative += p;
                } else {
                    cumulative += p * successRatio(linear, paymentPos, minStart, maxEnd, POSITION_TICKS - 1, true);
                }
            }
        }
        return (long) (cumulative * (1024.0 * 1024.0 * 1024.0));
    }

    // ------------------------------------------------------------------ saturating u64 arithmetic on longs

    static long sat(long a, long b) {
        long r = a + b;
        return r < 0 ? MAX : r;
    }

    static long satMul(long a, long b) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        return (hi != 0 || lo < 0) ? MAX : lo;
    }

    private static long mulDiv(long a, long b, long d) {
        return satMul(a, b) / d;
    }
}
