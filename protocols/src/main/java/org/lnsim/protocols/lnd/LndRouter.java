package org.lnsim.protocols.lnd;

import java.util.Arrays;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.Fees;
import org.lnsim.protocols.routing.EdgeRecords;

/**
 * lnd's path finding, {@code findPath} of {@code routing/pathfind.go} (lnd v0.18.5-beta): a Dijkstra search backward
 * from the target, so that each node's amount to receive (the payment plus the fees of the hops after it) is known
 * when its in-edges are relaxed. For an edge u → v carrying {@code amountToSend}:
 * <ol>
 *   <li>skipped if it cannot carry the amount (below htlc_minimum, above htlc_maximum or capacity; for the
 *       sender's own channels, above its spendable balance or without a free HTLC slot: lnd's bandwidth hints),
 *       or if the fees so far exceed the fee limit;</li>
 *   <li>its probability comes from the estimator ({@link Probabilities}); 0 skips it;</li>
 *   <li>u's fee and CLTV delta are those of its policy, both 0 when u is the sender (its own first hop pays no
 *       fee and adds no delay); the CLTV so far must stay within {@code cltvLimit};</li>
 *   <li>the route probability (product) must be at least {@code minProbability} ({@code DefaultMinRouteProbability
 *       = 0.01});</li>
 *   <li>weight = fee + {@link #edgeWeight}'s time-lock penalty, summed along the route;
 *       distance = weight + attemptCost / probability ({@link #distance}), with attemptCost = 100 sat + 1,000 ppm
 *       of the amount ({@link #attemptCostMsat});</li>
 *   <li>the label of u is replaced if the distance is smaller, or equal with a better probability.</li>
 * </ol>
 * The search ends when the sender is popped. Heap ties are broken by graph node index, so results are
 * deterministic.
 *
 * <h2>Differences from the pinned code</h2>
 * Parallel channels between two nodes are relaxed one by one instead of being unified into one edge first
 * ({@code unifiedEdge}); the onion payload limit ({@code sphinx.MaxPayloadSize}, 1,300 bytes) is a hop limit
 * ({@code maxHops}); inbound fees, blinded paths, route hints and the time preference (0: the attempt cost as
 * configured) are not modelled; the target is never entered as an intermediate node.
 *
 * <h2>Cost</h2>
 * Reads a compact copy of the in-edges ({@link EdgeRecords}, shared; a private copy set to the sender's beliefs when
 * the run's policies change, issue 22); per-node labels live in primitive arrays owned
 * by the router and reset lazily by a generation stamp, the fields a relaxation reads side by side; the heap is an
 * indexed 4-ary heap of ints with their keys beside them, so a relaxation allocates nothing. Not thread-safe: one
 * router per protocol instance (the engine calls it from one thread). At a million channels a 4-hop query settles
 * 23,000–45,000 of 92,847 nodes and relaxes about 1.7 million edges; two exact early exits ({@link #relax}) end
 * most relaxations after one or two reads.
 */
final class LndRouter {
    /** {@code RiskFactorBillionths = 15}, {@code routing/pathfind.go} v0.18.5-beta. */
    static final long RISK_FACTOR_BILLIONTHS = 15;
    /** {@code DefaultAttemptCost = 100 sat}, {@code routing/pathfind.go} v0.18.5-beta, in msat. */
    static final long DEFAULT_ATTEMPT_COST_MSAT = 100_000;
    /** {@code DefaultAttemptCostPPM = 1000}, {@code routing/pathfind.go} v0.18.5-beta. */
    static final long DEFAULT_ATTEMPT_COST_PPM = 1_000;
    /** {@code DefaultMinRouteProbability = 0.01}, {@code routing/pathfind.go} v0.18.5-beta. */
    static final double DEFAULT_MIN_ROUTE_PROBABILITY = 0.01;
    /** lnd's {@code infinity = math.MaxInt64} distance. */
    static final long INFINITY = Long.MAX_VALUE;
    /** {@code getProbabilityBasedDist}'s {@code maxFloat}: larger distances are infinity. */
    private static final double MAX_FLOAT = 9_000_000_000_000_000_000d;
    /** Heap position of a node already popped. */
    private static final int POPPED = -2;

    /** The success probability the search uses for a pair. */
    interface Probabilities {
        /** Probability that {@code from → to} forwards {@code amtMsat} over a channel of {@code capacityMsat}. */
        double pair(int from, int to, long amtMsat, long capacityMsat);

        /** Probability of the sender's own channel to {@code to} (lnd's {@code LocalPairProbability}). */
        double local(int from, int to);

        /** An upper bound on every {@link #pair} value of this search, or +∞ for none ({@link Estimator#maxPair}). */
        default double maxPair() {
            return Double.POSITIVE_INFINITY;
        }

        /** The probabilities {@code estimator} gives from one sender's history {@code h} (null: none) at {@code now}. */
        static Probabilities of(Estimator estimator, PairHistory h, long now) {
            return new Probabilities() {
                @Override
                public double pair(int from, int to, long amtMsat, long capacityMsat) {
                    return estimator.pair(h, now, from, to, amtMsat, capacityMsat);
                }

                @Override
                public double local(int from, int to) {
                    return estimator.local(h, now, from, to);
                }

                @Override
                public double maxPair() {
                    return estimator.maxPair(h);
                }
            };
        }
    }

    /** The sender's own channels: whether direction {@code e} can carry {@code amtMsat} now (bandwidth hints). */
    interface Bandwidth {
        boolean canCarry(int e, long amtMsat);
    }

    /**
     * One search.
     *
     * @param source         sender
     * @param target         receiver
     * @param amtMsat        amount to deliver
     * @param feeLimitMsat   largest total fee
     * @param finalCltv      CLTV the receiver asks for on its hop
     * @param cltvLimit      largest sum of the intermediate CLTV deltas
     * @param maxHops        largest number of hops (stands for the onion payload limit)
     * @param attemptCostMsat the absolute attempt cost ({@link #attemptCostMsat})
     * @param minProbability routes below it are dropped
     */
    record Query(int source, int target, long amtMsat, long feeLimitMsat, int finalCltv, int cltvLimit, int maxHops,
                 double attemptCostMsat, double minProbability, Probabilities probabilities, Bandwidth bandwidth) {
    }

    /**
     * A route, or none.
     *
     * @param directions  the route's directions, sender first; empty if none
     * @param amountsMsat what each hop's HTLC carries
     * @param cltvs       each hop's CLTV counted from the final CLTV (the last hop's is {@code finalCltv})
     * @param probability the product of the hop probabilities
     * @param distance    lnd's distance of the route at the sender
     * @param failure     why there is none, or null
     */
    record Found(int[] directions, long[] amountsMsat, int[] cltvs, double probability, long distance,
                 String failure) {
        boolean found() {
            return failure == null;
        }

        int hops() {
            return directions.length;
        }

        long feeMsat() {
            return directions.length == 0 ? 0 : amountsMsat[0] - amountsMsat[directions.length - 1];
        }
    }

    private final ChannelGraph g;
    private final EdgeRecords in;
    /**
     * What a relaxation reads of its neighbour u, side by side in one 16-byte pair so that it costs one cache miss:
     * {@code hot[2u]} = u's distance, {@code hot[2u+1]} = the generation that labelled u &lt;&lt; 32 | the generation
     * that settled it (popped). A node is labelled (settled) in this search when the high (low) half equals the
     * current generation; the rest of u's label is read only when it changes.
     */
    private final long[] hot;
    private final long[] weight;
    private final long[] amount;
    private final int[] cltv;
    private final int[] hopCount;
    private final double[] prob;
    private final int[] next;
    private final int[] heap;
    private final long[] heapKey;
    private final int[] pos;
    private int heapSize;
    private int generation;
    /** The two early exits of {@link #relax}; off only in the test that shows they change no route. */
    boolean earlyExits = true;

    LndRouter(ChannelGraph g) {
        this(g, new EdgeRecords(g));
    }

    /** @param in the graph's compact in-edges, shared by every router of the graph */
    LndRouter(ChannelGraph g, EdgeRecords in) {
        this.g = g;
        this.in = in;
        int n = g.nodeCount();
        hot = new long[2 * n];
        weight = new long[n];
        amount = new long[n];
        cltv = new int[n];
        hopCount = new int[n];
        prob = new double[n];
        next = new int[n];
        heap = new int[n];
        heapKey = new long[n];
        pos = new int[n];
    }

    ChannelGraph graph() {
        return g;
    }

    /**
     * lnd's {@code edgeWeight}: fee + lockedAmt × timeLockDelta × 15 / 10⁹ (integer arithmetic, truncated). The
     * locked amount is what the hop's HTLC carries (lnd's {@code amountToSend}; lightning-facts §3.1 says the amount
     * to receive, fee included, which the pinned code does not add).
     */
    static long edgeWeight(long lockedAmtMsat, long feeMsat, int timeLockDelta) {
        long timeLockPenalty = lockedAmtMsat * timeLockDelta * RISK_FACTOR_BILLIONTHS / 1_000_000_000L;
        return feeMsat + timeLockPenalty;
    }

    /**
     * lnd's {@code getProbabilityBasedDist}: weight + attemptCost / probability, truncated to a long; infinity for a
     * probability of 0 or a distance above 9·10¹⁸.
     */
    static long distance(long weight, double probability, double attemptCostMsat) {
        if (probability == 0) {
            return INFINITY;
        }
        double d = weight + attemptCostMsat / probability;
        if (d > MAX_FLOAT) {
            return INFINITY;
        }
        return (long) d;
    }

    /**
     * lnd's absolute attempt cost at time preference 0: {@code AttemptCost + amt × AttemptCostPPM / 10⁶} (msat,
     * integer division as in lnd's {@code lnwire.MilliSatoshi} arithmetic).
     */
    static double attemptCostMsat(long amtMsat, long costMsat, long costPpm) {
        return costMsat + amtMsat * costPpm / 1_000_000L;
    }

    /** The route lnd would pick, or one that is not {@link Found#found() found}. */
    Found find(Query q) {
        if (q.source == q.target) {
            return none("sender is the receiver");
        }
        if (++generation == 0) {
            Arrays.fill(hot, 0);
            generation = 1;
        }
        heapSize = 0;
        double maxPair = q.probabilities.maxPair();
        int t = q.target;
        label(t, 0, 0, q.amtMsat, q.finalCltv, 0, 1.0, -1);
        push(t);
        boolean reached = false;
        while (heapSize > 0) {
            int v = pop();
            if (v == q.source) {
                reached = true;
                break;
            }
            if (v != t && hopCount[v] >= q.maxHops) {
                continue;
            }
            // the least attempt-cost term an edge into v can add: with the largest pair probability (see relax)
            double bestTerm = q.attemptCostMsat / (prob[v] * maxPair);
            long[] rec = in.rec;
            for (int i = in.start[v] * EdgeRecords.STRIDE, end = in.start[v + 1] * EdgeRecords.STRIDE; i < end;
                 i += EdgeRecords.STRIDE) {
                int u = (int) (rec[i] >>> 32); // record i: u -> v, usable
                if (u != t) {
                    relax(q, u, v, i, bestTerm);
                }
            }
        }
        if (!reached) {
            return none("no route with probability >= " + q.minProbability);
        }
        int n = hopCount[q.source];
        int[] dirs = new int[n];
        long[] amts = new long[n];
        int[] cltvs = new int[n];
        int u = q.source;
        for (int i = 0; i < n; i++) {
            int e = next[u];
            int v = g.target(e);
            dirs[i] = e;
            amts[i] = amount[v];
            cltvs[i] = cltv[v];
            u = v;
        }
        return new Found(dirs, amts, cltvs, prob[q.source], hot[2 * q.source], null);
    }

    /**
     * lnd's {@code processEdge} for u → v (the {@link EdgeRecords} record at {@code i}), with v's label final.
     *
     * <p>Two exits come first, for speed, and change nothing: a settled u would be refused at the end anyway; and a
     * u already labelled with a distance below this edge's lower bound would be too. The bound: the weight is at
     * least v's plus the base fee (the proportional fee and time-lock penalty are ≥ 0), the probability at most
     * v's times the largest pair probability, so the distance is at least {@code (long) (weight[v] + base +
     * bestTerm)}, with {@code bestTerm = attemptCost / (prob[v] · maxPair)} — the same double operations as
     * {@link #distance}, each monotone, so the bound never exceeds the true distance. At a million channels about
     * half of a search's relaxations end in that refusal.
     */
    private void relax(Query q, int u, int v, int i, double bestTerm) {
        long mark = hot[2 * u + 1];
        if (earlyExits && (int) mark == generation) {
            return;
        }
        boolean labelled = (int) (mark >>> 32) == generation;
        if (earlyExits && labelled && u != q.source) {
            double least = (weight[v] + (in.rec[i + 3] >>> 32)) + bestTerm;
            if (least <= MAX_FLOAT && (long) least > hot[2 * u]) {
                return;
            }
        }
        long amountToSend = amount[v];
        long totalFee = amountToSend - q.amtMsat;
        if (totalFee > 0 && totalFee > q.feeLimitMsat) {
            return;
        }
        long[] rec = in.rec;
        if (amountToSend > rec[i + 2] || amountToSend < in.htlcMinimumMsat(i)) {
            return; // above the capacity or htlc_maximum, below htlc_minimum
        }
        int e = (int) rec[i];
        boolean fromSource = u == q.source;
        double edgeProbability;
        if (fromSource) {
            if (!q.bandwidth.canCarry(e, amountToSend)) {
                return;
            }
            edgeProbability = q.probabilities.local(u, v);
        } else {
            edgeProbability = q.probabilities.pair(u, v, amountToSend, rec[i + 1]);
        }
        if (edgeProbability == 0) {
            return;
        }
        long fee = 0;
        int delta = 0;
        if (!fromSource) {
            fee = Fees.feeMsat(rec[i + 3] >>> 32, rec[i + 3] & 0xFFFF_FFFFL, amountToSend);
            delta = (int) (rec[i + 4] & 0xFFFF);
        }
        int incomingCltv = cltv[v] + delta;
        if ((long) incomingCltv > (long) q.cltvLimit + q.finalCltv) {
            return;
        }
        double probability = prob[v] * edgeProbability;
        if (probability < q.minProbability) {
            return;
        }
        long tempWeight = weight[v] + edgeWeight(amountToSend, fee, delta);
        long tempDist = distance(tempWeight, probability, q.attemptCostMsat);
        if (labelled) {
            if (pos[u] == POPPED) {
                return; // settled (lnd would re-push it only on an exact tie with a better probability)
            }
            if (tempDist > hot[2 * u]) {
                return;
            }
            if (tempDist == hot[2 * u] && probability <= prob[u]) {
                return;
            }
        }
        int at = labelled ? pos[u] : -1;
        label(u, tempDist, tempWeight, amountToSend + fee, incomingCltv, hopCount[v] + 1, probability, e);
        if (at >= 0) {
            pos[u] = at;
            up(at); // a smaller distance only moves it up
        } else {
            push(u);
        }
    }

    private void label(int u, long d, long w, long amt, int c, int hops, double p, int e) {
        hot[2 * u] = d;
        hot[2 * u + 1] = (long) generation << 32 | (hot[2 * u + 1] & 0xFFFF_FFFFL);
        weight[u] = w;
        amount[u] = amt;
        cltv[u] = c;
        hopCount[u] = hops;
        prob[u] = p;
        next[u] = e;
        pos[u] = -1;
    }

    private static Found none(String why) {
        return new Found(new int[0], new long[0], new int[0], 0, INFINITY, why);
    }

    // ---- indexed 4-ary heap on (dist, node), each entry's distance kept beside it ----
    //
    // The search settles tens of thousands of nodes at a million channels, and sift-up dominated its time (JFR:
    // two thirds of the samples) through random reads of dist[] for every comparison. Keeping each entry's key in
    // the heap's own array makes a sift read memory sequentially, and four children per node halve the depth. The
    // order is the same total order on (dist, node), so the same node is popped at every step: the same routes.

    private static boolean less(long da, int a, long db, int b) {
        return da < db || (da == db && a < b);
    }

    private void push(int u) {
        heap[heapSize] = u;
        heapKey[heapSize] = hot[2 * u];
        pos[u] = heapSize;
        up(heapSize++);
    }

    private int pop() {
        int top = heap[0];
        pos[top] = POPPED;
        hot[2 * top + 1] = (long) generation << 32 | (generation & 0xFFFF_FFFFL);
        int last = heap[--heapSize];
        if (heapSize > 0) {
            heap[0] = last;
            heapKey[0] = heapKey[heapSize];
            pos[last] = 0;
            down(0);
        }
        return top;
    }

    /** Moves entry i up; its key is refreshed from {@code dist} first (a decrease-key lands here). */
    private void up(int i) {
        int x = heap[i];
        long dx = hot[2 * x];
        while (i > 0) {
            int parent = (i - 1) >>> 2;
            int p = heap[parent];
            long dp = heapKey[parent];
            if (!less(dx, x, dp, p)) {
                break;
            }
            heap[i] = p;
            heapKey[i] = dp;
            pos[p] = i;
            i = parent;
        }
        heap[i] = x;
        heapKey[i] = dx;
        pos[x] = i;
    }

    private void down(int i) {
        int x = heap[i];
        long dx = heapKey[i];
        while (true) {
            int first = 4 * i + 1;
            if (first >= heapSize) {
                break;
            }
            int c = first;
            long dc = heapKey[first];
            int last = Math.min(first + 4, heapSize);
            for (int k = first + 1; k < last; k++) {
                long dk = heapKey[k];
                if (less(dk, heap[k], dc, heap[c])) {
                    c = k;
                    dc = dk;
                }
            }
            if (!less(dc, heap[c], dx, x)) {
                break;
            }
            heap[i] = heap[c];
            heapKey[i] = dc;
            pos[heap[i]] = i;
            i = c;
        }
        heap[i] = x;
        heapKey[i] = dx;
        pos[x] = i;
    }
}
