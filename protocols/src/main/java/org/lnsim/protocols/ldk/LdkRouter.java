package org.lnsim.protocols.ldk;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntPredicate;
import org.lnsim.network.ChannelGraph;
import org.lnsim.protocols.routing.EdgeRecords;

/**
 * LDK's {@code find_route} / {@code get_route} ({@code lightning/src/routing/router.rs}, rust-lightning v0.2.5): a
 * Dijkstra walk from the payee back to the payer whose heap score is (fees + scorer penalties) / the value the path
 * can carry, repeated to collect paths until the amount is covered, then the selection of the cheapest paths.
 *
 * <h2>One walk ({@code add_entry!})</h2>
 * An edge u → v, v settled, is relaxed with the value v can pass on ({@code value_contribution_msat}, the payment
 * or less) and the fees after v. It is skipped when its value contribution is below the minimal one (amount /
 * {@code max_path_count}, rounded up; the whole amount without MPP), the path would exceed
 * {@code max_path_length} (19) hops or the CLTV budget ({@code max_total_cltv_expiry_delta} 1008 − final CLTV − 2 ×
 * {@code MEDIAN_HOP_CLTV_EXPIRY_DELTA} 40), the channel failed earlier in this payment
 * ({@code previously_failed_channels}), it would overpay to meet an {@code htlc_minimum_msat}, or the total fee
 * exceeds the fee limit. A channel can contribute at most {@code max_htlc_from_capacity}: for a public one
 * min(capacity / 2^{@code max_channel_saturation_power_of_half}, htlc_maximum), for the sender's own channel its
 * outbound limit (first hops: known balance, no fee, no CLTV delta, no scorer penalty), less the liquidity earlier
 * paths of this search use and less the fees after it. The sender's public view of its own channels is not used
 * (LDK ignores it when first hops are given). u's label is replaced when the new cost per value is smaller.
 *
 * <h2>Collecting paths</h2>
 * A found path carries min(its bottleneck, the amount); its hops' liquidity is marked used; if the path was not
 * limited by a bottleneck, the channel of its middle hop is disabled for the next walks. Walks repeat until the
 * collected value reaches 3 × the amount ({@code ROUTE_CAPACITY_PROVISION_FACTOR}) or no path is found — except that
 * a first walk that carries the whole amount ends the search — and the saturation limit is dropped (power 0) once no
 * path is found under it. Then the paths with the highest cost per value are dropped while the rest still covers the
 * amount, the most proportional-fee-expensive path is trimmed to the exact amount, and identical paths merge.
 *
 * <h2>Differences from the pinned code</h2>
 * The heap holds each node once (decrease-key) instead of duplicate entries, and compares costs per value as doubles,
 * then exactly (128-bit cross products) when the doubles are equal, where LDK compares ⌊cost · 2⁶⁴ / value⌋: the
 * same order except for ratios within a double's rounding or on ties of LDK's floors; ties go to the
 * larger value, the shorter path, the smaller node index (LDK: node counter). Parallel first hops to one peer are
 * relaxed in the graph's order ({@code sort_first_hop_channels} is not modelled), route hints, blinded paths,
 * node features and the random CLTV offset ({@code add_random_cltv_offset}) are not modelled.
 *
 * <h2>Cost</h2>
 * A compact copy of the in-edges ({@link EdgeRecords}, 40 bytes per usable direction); per-node labels in one cache
 * line of longs plus four ints, reset lazily by a generation stamp; an indexed 4-ary heap of ints with the scores
 * beside it; the scorer's primitive table: a relaxation allocates nothing. A query at a million channels labels
 * ≈ 80k nodes and settles ≈ 12k. The payer's failed-channel test ({@link Query#failedChannels}) and first-hop
 * limits are callbacks. Not thread-safe: one router per protocol instance (the engine calls it from one thread).
 * The route a search returns does not depend on earlier searches.
 */
public final class LdkRouter {
    /** {@code MEDIAN_HOP_CLTV_EXPIRY_DELTA = 40}, {@code router.rs} v0.2.5. */
    static final int MEDIAN_HOP_CLTV_EXPIRY_DELTA = 40;
    /** {@code ROUTE_CAPACITY_PROVISION_FACTOR = 3}, {@code router.rs} v0.2.5. */
    static final long ROUTE_CAPACITY_PROVISION_FACTOR = 3;
    private static final long MAX = Long.MAX_VALUE;
    private static final int POPPED = -2;

    /** What the sender can send now on its own channel e (LDK's {@code next_outbound_htlc_limit_msat}). */
    public interface FirstHops {
        long outboundLimitMsat(int e);
    }

    /**
     * One route search.
     *
     * @param source         payer
     * @param target         payee
     * @param amountMsat     what the payee must receive
     * @param maxFeeMsat     {@code max_total_routing_fee_msat}
     * @param scorer         the payer's scorer (read, not updated)
     * @param firstHops      the payer's channel balances
     * @param inflight       what the payer already has in flight per direction (added to the scorer's usage)
     * @param failedChannels channels this payment already failed at ({@code previously_failed_channels})
     */
    record Query(int source, int target, long amountMsat, long maxFeeMsat, LdkScorer scorer, FirstHops firstHops,
                 DirAmounts inflight, IntPredicate failedChannels) {
    }

    /**
     * One path of a route.
     *
     * @param directions  its directions, payer first
     * @param amountsMsat what each hop's HTLC carries
     * @param cltvs       each hop's CLTV counted from the final CLTV (the last hop's is the final CLTV)
     * @param deliverMsat what it brings the payee
     * @param penaltyMsat the scorer's penalties along it
     */
    public record Path(int[] directions, long[] amountsMsat, int[] cltvs, long deliverMsat, long penaltyMsat) {
        public long feeMsat() {
            return amountsMsat[0] - deliverMsat;
        }

        public int hops() {
            return directions.length;
        }
    }

    /** A route (one path, or several for MPP), or none with why. */
    public record Found(List<Path> paths, String failure) {
        public boolean found() {
            return failure == null;
        }
    }

    private final ChannelGraph g;
    private final LdkSettings s;
    // per node, one cache line of longs (dist's PathBuildingHop and the score's numerator) and four ints
    private static final int W = 8;
    private static final int COST = 0;      // sat(max(totalFee, pathHtlcMin), pathPenalty): the score's numerator
    private static final int VALUE = 1;     // value_contribution_msat
    private static final int TOTAL_FEE = 2;
    private static final int PATH_MIN = 3;  // path_htlc_minimum_msat
    private static final int PENALTY = 4;   // path_penalty_msat
    private static final int NEXT_FEE = 5;  // next_hops_fee_msat
    private static final int USE_FEE = 6;   // hop_use_fee_msat
    private static final int META = 7;      // generation stamp (low 32 bits), processed flag (bit 32)
    private static final long PROCESSED = 1L << 32;
    private static final int IW = 4;
    private static final int CAND = 0;      // the chosen edge out of the node
    private static final int POS = 1;       // heap position, -1 none, POPPED
    private static final int CLTV = 2;      // RouteGraphNode's total_cltv_delta
    private static final int LEN = 3;       // RouteGraphNode's path_length_to_node
    private final long[] lab;
    private final int[] ilab;
    private final int[] heap;
    private final double[] heapKey;
    private int heapSize;
    private int generation;
    private final DirAmounts used = new DirAmounts();
    private final EdgeRecords in;
    /** Whether {@link #in} is a private copy whose policies follow beliefs (closed directions show 0). */
    private final boolean believing;

    // per walk
    private Query q;
    private int satPow;
    private long minimalContribution;
    private long recommended;
    private int maxCltv;
    private boolean hitMinimumLimit;
    private int walks;
    private boolean noneUsed;     // this walk: no liquidity used by earlier paths
    private boolean noneInflight; // this search: the sender has nothing in flight

    public LdkRouter(ChannelGraph g, LdkSettings s) {
        this(g, new EdgeRecords(g), s);
    }

    /**
     * @param in the graph's compact in-edges, shared by every router of a run ({@link EdgeRecords#SHARED}), or a
     *           {@link EdgeRecords#privateCopy} set to a sender's beliefs (issue 22)
     */
    public LdkRouter(ChannelGraph g, EdgeRecords in, LdkSettings s) {
        this.g = g;
        this.s = s;
        this.in = in;
        this.believing = in.isPrivateCopy();
        int n = g.nodeCount();
        lab = new long[n * W];
        ilab = new int[n * IW];
        heap = new int[n];
        heapKey = new double[n];
    }

    /**
     * The route LDK would return from {@code source} to {@code target} for {@code amountMsat} with a scorer that has
     * seen nothing, no payment history and the sender's own channels taken at their full capacity (a benchmark has no
     * balances): for {@code lnsim bench route --router ldk}.
     */
    public Found find(int source, int target, long amountMsat) {
        LdkScorer empty = new LdkScorer(s);
        return find(new Query(source, target, amountMsat, LdkSettings.maxTotalRoutingFeeMsat(amountMsat), empty,
                e -> g.capacityMsat(ChannelGraph.channelOf(e)), new DirAmounts(), c -> false));
    }

    /** Dijkstra walks the last search made (1 when the first path carried the amount; more to collect MPP paths). */
    public int walksOfLastSearch() {
        return walks;
    }

    /** {@code get_route}. */
    Found find(Query query) {
        if (query.source == query.target) {
            return none("Cannot generate a route to ourselves");
        }
        if (query.amountMsat <= 0) {
            return none("Cannot send a payment of 0 msat");
        }
        if (s.maxTotalCltvExpiryDelta() <= s.finalCltv()) {
            return none("maximum total CLTV expiry delta below the final CLTV expiry");
        }
        this.q = query;
        long finalValue = query.amountMsat;
        boolean allowMpp = s.maxPathCount() > 1;
        recommended = finalValue * ROUTE_CAPACITY_PROVISION_FACTOR;
        long pathValue = finalValue;
        minimalContribution = allowMpp ? (finalValue + (s.maxPathCount() - 1)) / s.maxPathCount() : finalValue;
        satPow = s.maxChannelSaturationPowerOfHalf();
        int budget = s.maxTotalCltvExpiryDelta() - s.finalCltv();
        maxCltv = Math.min(65_535, budget >= 2 * MEDIAN_HOP_CLTV_EXPIRY_DELTA
                ? budget - 2 * MEDIAN_HOP_CLTV_EXPIRY_DELTA : budget);
        used.clear();
        walks = 0;
        long collected = 0;
        List<PathBuf> paths = new ArrayList<>();
        while (true) {
            PathBuf p = walk(pathValue);
            boolean foundNew = p != null;
            if (foundNew) {
                collected += p.value;
                paths.add(p);
            }
            if (!allowMpp) {
                if (!foundNew && satPow != 0) {
                    satPow = 0;
                    continue;
                }
                break;
            }
            if (!foundNew && satPow != 0) {
                satPow = 0;
            } else if (!foundNew && hitMinimumLimit && collected < finalValue && pathValue != recommended) {
                pathValue = recommended;
            } else if (collected >= recommended || !foundNew) {
                break;
            } else if (collected == finalValue && paths.size() == 1) {
                if (!hitMinimumLimit) {
                    break;
                }
                pathValue = recommended;
            }
        }
        this.q = null;
        if (paths.isEmpty()) {
            return none("Failed to find a path to the given destination");
        }
        if (collected < finalValue) {
            return none("Failed to find a sufficient route to the given destination");
        }
        return new Found(select(paths, collected - finalValue, query.source), null);
    }

    // ------------------------------------------------------------------ one walk

    /** One Dijkstra walk from the payee for {@code pathValue}; the path it builds (liquidity marked), or null. */
    private PathBuf walk(long pathValue) {
        walks++;
        noneUsed = used.isEmpty();
        noneInflight = q.inflight.isEmpty();
        if (++generation == 0) {
            for (int i = META; i < lab.length; i += W) {
                lab[i] = 0;
            }
            generation = 1;
        }
        heapSize = 0;
        hitMinimumLimit = false;
        int t = q.target;
        // the payee: fee 0, penalty 0, the whole path value (add_entries_to_cheapest_to_target_node, no dist entry)
        entry(t);
        lab[t * W + TOTAL_FEE] = 0;
        lab[t * W + PATH_MIN] = 0;
        lab[t * W + PENALTY] = 0;
        lab[t * W + VALUE] = pathValue;
        expand(t, pathValue, 0, 0);
        while (heapSize > 0) {
            int v = pop();
            if (v == q.source) {
                return buildPath(lab[v * W + VALUE]);
            }
            expand(v, lab[v * W + VALUE], ilab[v * IW + CLTV], ilab[v * IW + LEN]);
        }
        return null;
    }

    private void entry(int u) {
        lab[u * W + META] = generation & 0xFFFFFFFFL;
        lab[u * W + TOTAL_FEE] = MAX;
        lab[u * W + PATH_MIN] = MAX;
        lab[u * W + PENALTY] = MAX;
        lab[u * W + VALUE] = 0;
        lab[u * W + NEXT_FEE] = MAX;
        lab[u * W + USE_FEE] = MAX;
        ilab[u * IW + CAND] = -1;
        lab[u * W + COST] = MAX;
        ilab[u * IW + POS] = -1;
    }

    /** {@code add_entries_to_cheapest_to_target_node!} for v: relax every channel into v. */
    private void expand(int v, long nextValue, int nextCltv, int nextLen) {
        lab[v * W + META] |= PROCESSED;
        long feeToTarget = lab[v * W + TOTAL_FEE];
        long nextPathMin = lab[v * W + PATH_MIN];
        long nextPenalty = lab[v * W + PENALTY];
        long[] rec = in.rec;
        for (int i = in.start[v] * EdgeRecords.STRIDE, end = in.start[v + 1] * EdgeRecords.STRIDE; i < end;
             i += EdgeRecords.STRIDE) {
            int u = (int) (rec[i] >>> 32);
            if (u != q.target) {
                addEntry(u, (int) rec[i], rec[i + 1], rec[i + 2], rec[i + 3], rec[i + 4], feeToTarget, nextValue,
                        nextPathMin, nextPenalty, nextCltv, nextLen);
            }
        }
    }

    /** {@code max_htlc_from_capacity} of direction e (a first hop's outbound limit, else the saturated capacity). */
    private long maxHtlc(int e, int pow) {
        if (g.source(e) == q.source) {
            return q.firstHops.outboundLimitMsat(e);
        }
        return publicMaxHtlc(e, pow);
    }

    private long publicMaxHtlc(int e, int pow) {
        long cap = g.capacityMsat(ChannelGraph.channelOf(e));
        return Math.min(pow >= 63 ? 0 : cap >> pow, htlcMaximum(e, cap));
    }

    /** The direction's {@code htlc_maximum_msat} capped at the capacity (LDK's {@code effective_capacity}). */
    private long htlcMaximum(int e, long cap) {
        return g.hasHtlcMaximum(e) ? Math.min(g.htlcMaximumMsat(e), cap) : cap;
    }

    /**
     * {@code add_entry!} for u → v (direction e) with its {@link EdgeRecords} record: capacity, effective htlc_maximum,
     * fees (base &lt;&lt; 32 | ppm), htlc_minimum &lt;&lt; 16 | CLTV delta.
     */
    private void addEntry(int u, int e, long cap, long effMax, long fees, long minCltv, long feeToTarget,
                          long nextValue, long nextPathMin, long nextPenalty, int nextCltv, int nextLen) {
        boolean first = u == q.source;
        // in a private copy a record's effective maximum is 0 for a direction it shows closed (issue 22), first
        // hops too (a shared copy's first hops keep the channel's own limit, as LDK's ChannelDetails do)
        long htlcMax = first ? (believing && effMax == 0 ? 0 : q.firstHops.outboundLimitMsat(e))
                : Math.min(satPow >= 63 ? 0 : cap >> satPow, effMax);
        if (feeToTarget == MAX || htlcMax < feeToTarget) {
            return;
        }
        long available = htlcMax - feeToTarget;
        long usedLiquidity = noneUsed ? 0 : used.get(e);
        available = Math.max(0, available - usedLiquidity);
        int pathLength = nextLen + 1;
        int delta = first ? 0 : (int) (minCltv & 0xFFFF);
        int hopCltv = nextCltv + delta;
        long valueContribution = Math.min(available, nextValue);
        if (valueContribution < minimalContribution) {
            return;
        }
        if (pathLength > s.maxPathLength() || hopCltv > maxCltv) {
            return;
        }
        if (q.failedChannels.test(ChannelGraph.channelOf(e))) {
            return;
        }
        long amountToTransfer = valueContribution + feeToTarget;
        long htlcMin = minCltv >>> 16;
        boolean overPathMinimum = amountToTransfer >= htlcMin && amountToTransfer >= nextPathMin;
        if ((amountToTransfer < htlcMin && recommended >= htlcMin)
                || (amountToTransfer < nextPathMin && recommended >= nextPathMin)) {
            hitMinimumLimit = true;
            return;
        }
        if (!overPathMinimum) {
            return;
        }
        long currMin = Math.max(nextPathMin, htlcMin);
        long newPathMin = LdkScorer.sat(first ? 0 : fee(fees, currMin), currMin);
        long meta = lab[u * W + META];
        if ((int) meta != generation) {
            entry(u);
        } else if ((meta & PROCESSED) != 0) {
            return;
        }
        long useFee = first ? 0 : fee(fees, amountToTransfer);
        long total = LdkScorer.sat(feeToTarget, useFee);
        if (total > q.maxFeeMsat) {
            return;
        }
        long penalty = 0;
        if (!first) {
            penalty = q.scorer.penaltyMsat(e, amountToTransfer, noneInflight ? usedLiquidity
                    : LdkScorer.sat(usedLiquidity, q.inflight.get(e)), cap, effMax);
        }
        long newPenalty = LdkScorer.sat(nextPenalty, penalty);
        long newFeeCost = LdkScorer.sat(Math.max(total, newPathMin), newPenalty);
        if (!cheaper(newFeeCost, valueContribution, lab[u * W + COST], lab[u * W + VALUE])) {
            return;
        }
        lab[u * W + NEXT_FEE] = feeToTarget;
        lab[u * W + USE_FEE] = useFee;
        lab[u * W + TOTAL_FEE] = total;
        ilab[u * IW + CAND] = e;
        lab[u * W + PATH_MIN] = newPathMin;
        lab[u * W + PENALTY] = newPenalty;
        lab[u * W + COST] = newFeeCost;
        lab[u * W + VALUE] = valueContribution;
        ilab[u * IW + CLTV] = hopCltv;
        ilab[u * IW + LEN] = pathLength;
        if (ilab[u * IW + POS] >= 0) {
            decrease(u);
        } else {
            push(u);
        }
    }

    /** new cost/value < old cost/value, a cost of MAX (or an old value of 0) being infinite. */
    private static boolean cheaper(long newCost, long newValue, long oldCost, long oldValue) {
        if (newCost == MAX) {
            return false;
        }
        if (oldCost == MAX || oldValue == 0) {
            return true;
        }
        return compareRatio(newCost, newValue, oldCost, oldValue) < 0;
    }

    /** Sign of a/b − c/d for non-negative longs, b, d > 0: a·d vs c·b in 128 bits. */
    static int compareRatio(long a, long b, long c, long d) {
        long hi1 = Math.multiplyHigh(a, d);
        long lo1 = a * d;
        long hi2 = Math.multiplyHigh(c, b);
        long lo2 = c * b;
        if (hi1 != hi2) {
            return Long.compare(hi1, hi2);
        }
        return Long.compareUnsigned(lo1, lo2);
    }

    /** {@link #fee(int, long)} from an {@link EdgeRecords} fee word (base &lt;&lt; 32 | ppm). */
    private static long fee(long fees, long amountMsat) {
        long prop = LdkScorer.satMul(amountMsat, fees & 0xFFFFFFFFL);
        return LdkScorer.sat(prop == MAX ? MAX : prop / 1_000_000, fees >>> 32);
    }

    /** BOLT 7 fee, LDK's {@code compute_fees_saturating}. */
    private long fee(int e, long amountMsat) {
        long prop = LdkScorer.satMul(amountMsat, in.feeProportionalMillionths(e));
        return LdkScorer.sat(prop == MAX ? MAX : prop / 1_000_000, in.feeBaseMsat(e));
    }

    // ------------------------------------------------------------------ a found path

    /** A path under construction or selection ({@code PaymentPath}), hops payer first. */
    private static final class PathBuf {
        int[] dirs;
        long[] hopUseFee;
        long[] nextHopsFee;
        long[] feeMsat;
        long penalty; // the first hop's path_penalty_msat
        long value;
    }

    /** Walks the labels from the payer, caps the path at its bottleneck and marks its liquidity used. */
    private PathBuf buildPath(long contribution) {
        int n = 0;
        for (int u = q.source; u != q.target; u = g.target(ilab[u * IW + CAND])) {
            n++;
        }
        PathBuf p = new PathBuf();
        p.dirs = new int[n];
        p.hopUseFee = new long[n];
        p.nextHopsFee = new long[n];
        p.feeMsat = new long[n];
        p.penalty = lab[(q.source) * W + PENALTY];
        int u = q.source;
        for (int i = 0; i < n; i++) {
            p.dirs[i] = ilab[u * IW + CAND];
            p.hopUseFee[i] = lab[u * W + USE_FEE];
            p.nextHopsFee[i] = lab[u * W + NEXT_FEE];
            u = g.target(ilab[u * IW + CAND]);
        }
        p.feeMsat[n - 1] = contribution;
        long maxContribution = MAX;
        for (int i = 0; i < n; i++) {
            long hopMax = Math.max(0, maxHtlc(p.dirs[i], satPow) - used.get(p.dirs[i]));
            long c = maxFinalContribution(p.dirs, i, hopMax);
            if (c >= 0 && c <= maxContribution) {
                maxContribution = c;
            }
        }
        long desired = Math.min(maxContribution, q.amountMsat);
        long v = updateValue(p, desired);
        for (int i = 0; i < n; i++) {
            used.add(p.dirs[i], v + p.nextHopsFee[i]);
        }
        if (maxContribution > v) {
            int victim = ChannelGraph.channelOf(p.dirs[n / 2]);
            used.set(ChannelGraph.direction(victim, 0), MAX);
            used.set(ChannelGraph.direction(victim, 1), MAX);
        }
        p.value = v;
        return p;
    }

    /**
     * {@code max_final_value_msat} for hop i: ⌊((hopMax − base) × 10⁶ + prop) / (10⁶ + prop)⌋ with the fees of the
     * hops after i aggregated ({@code compute_aggregated_base_prop_fee}); -1 when hopMax is below the aggregated
     * base fee (LDK skips the hop then).
     */
    private long maxFinalContribution(int[] dirs, int i, long hopMax) {
        long base = 0;
        long prop = 0;
        for (int j = dirs.length - 1; j > i; j--) {
            long nb = in.feeBaseMsat(dirs[j]);
            long np = in.feeProportionalMillionths(dirs[j]);
            base = (base * (1_000_000 + np) + 999_999) / 1_000_000 + nb;
            prop = ((prop + 1_000_000) * (np + 1_000_000) + 999_999) / 1_000_000 - 1_000_000;
        }
        if (hopMax < base) {
            return -1;
        }
        double exact = ((double) (hopMax - base) * 1_000_000 + prop) / (1_000_000 + prop);
        if (exact < 9e15) {
            return ((hopMax - base) * 1_000_000 + prop) / (1_000_000 + prop);
        }
        return exact >= 9.2e18 ? MAX : (long) exact;
    }

    /** {@code update_value_and_recompute_fees}: fees recomputed for {@code v} delivered; returns the contribution. */
    private long updateValue(PathBuf p, long v) {
        int n = p.dirs.length;
        long extra = 0;
        long totalPaid = 0;
        for (int i = n - 1; i >= 0; i--) {
            boolean last = i == n - 1;
            long curFees = last ? 0 : p.hopUseFee[i + 1];
            p.nextHopsFee[i] = totalPaid;
            if (i == 0) {
                p.penalty = LdkScorer.sat(p.penalty, extra);
            }
            long transferred = totalPaid + v;
            long htlcMin = g.htlcMinimumMsat(p.dirs[i]);
            if (htlcMin > transferred) {
                long extraFees = htlcMin - transferred;
                transferred += extraFees;
                if (last) {
                    extra = extraFees;
                } else {
                    totalPaid += extraFees;
                    curFees += extraFees;
                }
            }
            p.feeMsat[i] = last ? transferred : curFees;
            if (i != 0) {
                p.hopUseFee[i] = fee(p.dirs[i], transferred);
                totalPaid += p.hopUseFee[i];
            }
        }
        return v + extra;
    }

    private static long valueOf(PathBuf p) {
        return p.feeMsat[p.feeMsat.length - 1];
    }

    private static long costOf(PathBuf p) {
        long fees = 0;
        for (int i = 0; i < p.feeMsat.length - 1; i++) {
            fees += p.feeMsat[i];
        }
        return LdkScorer.sat(fees, p.penalty);
    }

    // ------------------------------------------------------------------ selection (steps 6-8)

    private List<Path> select(List<PathBuf> collected, long overpaid, int source) {
        List<PathBuf> paths = new ArrayList<>(collected);
        // step 6: most expensive per value first, dropped while the rest still covers the amount
        paths.sort((a, b) -> compareRatio(costOf(b), valueOf(b), costOf(a), valueOf(a)));
        List<PathBuf> kept = new ArrayList<>();
        int left = paths.size();
        for (PathBuf p : paths) {
            if (left > 1 && valueOf(p) <= overpaid) {
                overpaid -= valueOf(p);
                left--;
                continue;
            }
            kept.add(p);
        }
        // step 7: trim the path with the lowest sum of proportional fees (then the highest cost) to the amount
        if (overpaid != 0) {
            kept.sort(Comparator.comparingLong((PathBuf p) -> propSum(p))
                    .thenComparing((a, b) -> Long.compare(costOf(b), costOf(a))));
            PathBuf x = kept.get(0);
            updateValue(x, valueOf(x) - overpaid);
        }
        // step 8: identical paths merge
        kept.sort(LdkRouter::compareHops);
        for (int i = 0; i + 1 < kept.size(); ) {
            if (Arrays.equals(kept.get(i).dirs, kept.get(i + 1).dirs)) {
                PathBuf a = kept.get(i);
                updateValue(a, valueOf(a) + valueOf(kept.get(i + 1)));
                kept.remove(i + 1);
            } else {
                i++;
            }
        }
        List<Path> out = new ArrayList<>(kept.size());
        for (PathBuf p : kept) {
            out.add(toPath(p));
        }
        return out;
    }

    private long propSum(PathBuf p) {
        long sum = 0;
        for (int i = 1; i < p.dirs.length; i++) {
            sum += in.feeProportionalMillionths(p.dirs[i]);
        }
        return sum;
    }

    private static int compareHops(PathBuf a, PathBuf b) {
        return Arrays.compare(a.dirs, b.dirs);
    }

    private Path toPath(PathBuf p) {
        int n = p.dirs.length;
        long[] amounts = new long[n];
        int[] cltvs = new int[n];
        amounts[n - 1] = p.feeMsat[n - 1];
        cltvs[n - 1] = s.finalCltv();
        for (int i = n - 2; i >= 0; i--) {
            amounts[i] = amounts[i + 1] + p.feeMsat[i];
            cltvs[i] = cltvs[i + 1] + in.cltvExpiryDelta(p.dirs[i + 1]);
        }
        return new Path(p.dirs.clone(), amounts, cltvs, amounts[n - 1], p.penalty);
    }

    private static Found none(String why) {
        return new Found(List.of(), why);
    }

    // ---- indexed 4-ary heap ordered as RouteGraphNode: cost per value, then larger value, shorter path, node ----

    /** cost / value as a double: compared first, exactly ({@link #tieLess}) only when equal. */
    private double score(int u) {
        return (double) lab[u * W + COST] / lab[u * W + VALUE];
    }

    /** Whether node a goes before node b when their double scores are equal. */
    private boolean tieLess(int a, int b) {
        int c = compareRatio(lab[a * W + COST], lab[a * W + VALUE], lab[b * W + COST], lab[b * W + VALUE]);
        if (c != 0) {
            return c < 0;
        }
        if (lab[a * W + VALUE] != lab[b * W + VALUE]) {
            return lab[a * W + VALUE] > lab[b * W + VALUE];
        }
        if (ilab[a * IW + LEN] != ilab[b * IW + LEN]) {
            return ilab[a * IW + LEN] < ilab[b * IW + LEN];
        }
        return a < b;
    }

    /** Node a with score ka goes before node b with score kb (scores kept beside the heap for locality). */
    private boolean before(double ka, int a, double kb, int b) {
        return ka < kb || (ka == kb && tieLess(a, b));
    }

    private void push(int u) {
        heap[heapSize] = u;
        heapKey[heapSize] = score(u);
        ilab[u * IW + POS] = heapSize;
        up(heapSize++);
    }

    /** u's score dropped: move it up. */
    private void decrease(int u) {
        heapKey[ilab[u * IW + POS]] = score(u);
        up(ilab[u * IW + POS]);
    }

    private int pop() {
        int top = heap[0];
        ilab[top * IW + POS] = POPPED;
        int last = heap[--heapSize];
        if (heapSize > 0) {
            heap[0] = last;
            heapKey[0] = heapKey[heapSize];
            ilab[last * IW + POS] = 0;
            down(0);
        }
        return top;
    }

    private void up(int i) {
        int x = heap[i];
        double kx = heapKey[i];
        while (i > 0) {
            int parent = (i - 1) >>> 2;
            if (!before(kx, x, heapKey[parent], heap[parent])) {
                break;
            }
            int p = heap[parent];
            heap[i] = p;
            heapKey[i] = heapKey[parent];
            ilab[p * IW + POS] = i;
            i = parent;
        }
        heap[i] = x;
        heapKey[i] = kx;
        ilab[x * IW + POS] = i;
    }

    private void down(int i) {
        int x = heap[i];
        double kx = heapKey[i];
        while (true) {
            int first = 4 * i + 1;
            if (first >= heapSize) {
                break;
            }
            int c = first;
            for (int k = first + 1, last = Math.min(first + 4, heapSize); k < last; k++) {
                if (before(heapKey[k], heap[k], heapKey[c], heap[c])) {
                    c = k;
                }
            }
            if (!before(heapKey[c], heap[c], kx, x)) {
                break;
            }
            heap[i] = heap[c];
            heapKey[i] = heapKey[c];
            ilab[heap[i] * IW + POS] = i;
            i = c;
        }
        heap[i] = x;
        heapKey[i] = kx;
        ilab[x * IW + POS] = i;
    }
}
