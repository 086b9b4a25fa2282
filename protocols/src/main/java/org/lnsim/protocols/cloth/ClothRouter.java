package org.lnsim.protocols.cloth;

import java.util.Arrays;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.Fees;
import org.lnsim.protocols.routing.EdgeRecords;

/**
 * CLoTH's path finding, {@code dijkstra} of {@code src/routing.c} at marcono/cloth commit e0e4043 (itself "a
 * (high-level) copy" of lnd v0.10.0-beta's {@code routing/pathfind.go}): a search backward from the receiver, each
 * node labelled with the amount it must receive, its time lock, the route's weight and probability. For the edge
 * u → v with v's label final, carrying {@code amt} (v's amount to receive):
 * <ol>
 *   <li>skipped if u is the sender and the edge's balance is below {@code amt}, or u is not and the channel's
 *       capacity is below it; skipped if {@code amt} is below the edge's htlc minimum;</li>
 *   <li>its probability p comes from the sender's memory ({@link ClothMemory#probability}); p = 0 skips it;</li>
 *   <li>fee = base + ppm·amt/10⁶ (integer, {@code compute_fee} of {@code src/htlc.c}) and time lock = the edge's,
 *       both 0 when u is the sender;</li>
 *   <li>the time lock so far must stay within {@link #TIMELOCK_LIMIT} (2016 + {@code FINALTIMELOCK} 40), the route
 *       probability within {@link #PROBABILITY_LIMIT} 0.01;</li>
 *   <li>weight += fee + (amt + fee)·timelock·15/10⁹ (a double; CLoTH charges the amount to receive, fee included,
 *       where lnd charges the amount sent), and distance = (uint64) (weight + 100,000 / probability)
 *       ({@code get_probability_based_dist}; infinity below probability 10⁻⁵);</li>
 *   <li>u's label is replaced if the distance is smaller, or equal with a larger probability — also when u was
 *       already popped, which CLoTH's {@code heap_insert_or_update} then pushes again (only on such ties).</li>
 * </ol>
 * Before the search: the payment amount above the sum of the sender's balances is "no local balance", above its
 * largest balance "no path". The search stops when the sender is popped; the path is then read from the sender's
 * next edges and refused if longer than {@link #HOPS_LIMIT} 27 — CLoTH checks the hop limit on the found path
 * only, so a too-long best path is no path, with no shorter fallback. Heap order: distance, then the lower
 * probability first ({@code compare_distance}), then node index (CLoTH's heap leaves equal keys in insertion
 * order, which lnsim does not reproduce).
 *
 * <h2>Work CLoTH's search does that lnsim skips</h2>
 * An edge into a node u other than the sender, already labelled below the expanded node's weight plus 100,000 over
 * its probability × the largest probability u's hop can have, is not evaluated: the new label could not be below
 * u's (exact; it skipped 63% of the edge evaluations of 5,000 searches on CLoTH's snapshot). That largest
 * probability is 0.6 unless the sender's memory holds a success of one of u's pairs, then (0.6 + 0.95·s)/(1 + s)
 * for s such pairs ({@link ClothMemory#mark}); the memory is read only for the nodes it holds.
 * A label above the sender's current one is not set (that node would pop after the sender, when the search has
 * stopped); an edge into a node already popped at a smaller distance is not evaluated (a new label is at least the
 * popped node's distance). Both are exact. A popped node whose lower bound — its weight plus 100,000 over its
 * probability × 0.95 for the sender's own hop × one more hop's largest probability unless it is the sender's
 * neighbour (that hop leaves a neighbour of the sender: the largest of their bounds above) — is above the cap is not
 * expanded: no path through it can be the sender's. The cap is the sender's current label, and before the sender
 * has one, a bound of its final distance from its neighbours' labels ({@link #tighten}: a neighbour labelled with
 * raw distance r, whose own hop from the sender surely takes it with probability q, leaves the sender at most
 * (r + 1)/q); on CLoTH's shipped workload this cap expands 73% fewer nodes. A label whose bound is already above the
 * cap is set but not queued: it would pop only to be pruned (half the pops). With a distance that is not a sum,
 * pruning could in principle free a node for a second label CLoTH never sees, so {@code ClothPruneTest} checks the
 * pruned search against the full one on CLoTH's snapshot (400 searches, with and without memory: the same paths),
 * {@code ClothRouterTest} every pair of a small network, and the cross-check compares whole runs with CLoTH.
 *
 * <p>Reads the immutable {@link ChannelGraph} and its usable in-edges as compact records ({@link EdgeRecords}, in
 * the graph's adjacency order, so the search relaxes edges in the order CLoTH's would; a scan reads one record
 * instead of five channel-indexed arrays: 7% less CPU per search); labels live in primitive arrays reset lazily by
 * a generation stamp; nothing is allocated per relaxation. Not thread-safe: one router per thread.
 */
final class ClothRouter {
    /** {@code HOPSLIMIT 27}, {@code src/routing.c} at e0e4043. */
    static final int HOPS_LIMIT = 27;
    /** {@code FINALTIMELOCK 40}, {@code include/routing.h} at e0e4043: the receiver's time lock. */
    static final int FINAL_TIMELOCK = 40;
    /** {@code TIMELOCKLIMIT 2016+FINALTIMELOCK}, {@code src/routing.c} at e0e4043. */
    static final int TIMELOCK_LIMIT = 2016 + FINAL_TIMELOCK;
    /** {@code PROBABILITYLIMIT 0.01}, {@code src/routing.c} at e0e4043: routes below it are dropped. */
    static final double PROBABILITY_LIMIT = 0.01;
    /** {@code RISKFACTOR 15}, {@code src/routing.c} at e0e4043, per 10⁹ ({@code get_edge_weight}). */
    static final double RISK_FACTOR = 15;
    /** {@code PAYMENTATTEMPTPENALTY 100000} msat, {@code src/routing.c} at e0e4043. */
    static final double PAYMENT_ATTEMPT_PENALTY = 100_000;
    /** {@code get_probability_based_dist}'s {@code min_probability 0.00001}, {@code src/routing.c} at e0e4043. */
    static final double MIN_PROBABILITY = 0.00001;
    /** CLoTH's {@code INF = UINT64_MAX}; lnsim's largest long stands for it. */
    static final long INF = Long.MAX_VALUE;
    private static final int POPPED = -2;

    /** What the search reads of the sender's state: its spendable balance per own direction, its memory. */
    interface SenderView {
        /** The sender's balance on its own direction {@code e}. */
        long balanceMsat(int e);

        /** Success probability of from → to for {@code amtMsat} now ({@link ClothMemory#probability}). */
        double probability(int from, int to, long amtMsat);

        /**
         * An upper bound of {@link #probability} over every pair not leaving the sender: 0.6 with an empty memory,
         * else 0.95 (a node probability mixes 0.6 and 0.95 with weights, a pair's is at most its node's).
         */
        default double maxOtherProbability() {
            return ClothMemory.PREV_SUCCESS_PROBABILITY;
        }

        /**
         * A sender's view as a run has it: {@code balances} on its own directions and {@code memory} read at
         * {@code nowUs} (null: it has learnt nothing, 0.95 on its own hops and the a-priori 0.6 elsewhere). The
         * search reads such a view's probabilities itself, with no call through this interface per edge: with
         * two kinds of view in one run (the first routes' and the pay loop's) such a call site made the JIT
         * compile the search again and again.
         */
        static SenderView of(int sender, java.util.function.IntToLongFunction balances, ClothMemory memory,
                             long nowUs) {
            return new Known(sender, balances, memory, nowUs);
        }
    }

    /** {@link SenderView#of}'s view: {@link ClothMemory#probability}, or the a-priori values with no memory. */
    record Known(int sender, java.util.function.IntToLongFunction balances, ClothMemory memory, long nowUs)
            implements SenderView {
        @Override
        public long balanceMsat(int e) {
            return balances.applyAsLong(e);
        }

        @Override
        public double probability(int from, int to, long amtMsat) {
            if (memory == null) {
                return from == sender ? ClothMemory.PREV_SUCCESS_PROBABILITY : ClothMemory.APRIORI_HOP_PROBABILITY;
            }
            return memory.probability(sender, from, to, amtMsat, nowUs);
        }

        @Override
        public double maxOtherProbability() {
            return memory == null ? ClothMemory.APRIORI_HOP_PROBABILITY : ClothMemory.PREV_SUCCESS_PROBABILITY;
        }
    }

    /**
     * A path, or none.
     *
     * @param directions the path's directions, sender first; empty if none
     * @param distance   the sender's label: CLoTH's distance of the path ({@link #distance}); {@link #INF} if none
     * @param failure    why there is none ({@code no local balance}, {@code no path}), or null
     */
    record Path(int[] directions, long distance, String failure) {
        /** No path, for {@code failure}. */
        Path(int[] directions, String failure) {
            this(directions, INF, failure);
        }

        boolean found() {
            return failure == null;
        }
    }

    private final ChannelGraph g;
    private final EdgeRecords in;
    private final long[] rec;
    private final long[] dist;
    private final double[] weight;
    private final long[] amount;
    private final int[] timelock;
    private final double[] prob;
    private final int[] next;
    private final int[] stamp;
    private final int[] heap;
    private final long[] heapDist;
    private final int[] pos;
    private final int[] neighbour;
    private final boolean prune;
    /** Nodes the current search's memory holds results of, and those whose hops may be above 0.6 (stamps). */
    private final int[] inMemory;
    private final int[] likely;
    /** A likely node's largest hop probability ({@link ClothMemory#mark}). */
    private final double[] likelyP;
    /** Per neighbour of the sender: the best own hop's probability (0: none that surely passes) and balance. */
    private final double[] nbQ;
    private final long[] nbBal;
    /** An upper bound of the sender's final distance from its neighbours' labels ({@link #tighten}); INF: none. */
    private long ub;
    private boolean ubOn;
    private long searchAmt;
    /** The current search's largest probability of the hop after the sender's own ({@link #bound}). */
    private double pmax;
    /** The sender's balances on its own directions, written for each search (only its own are read). */
    private final long[] ownBalance;
    private int heapSize;
    private int generation;
    // the current search's view: a Known view's memory and time, read without an interface call (see relax)
    private SenderView view;
    private boolean knownView;
    private ClothMemory memory;
    private long nowUs;

    ClothRouter(ChannelGraph g) {
        this(g, true);
    }

    /** @param prune whether to skip expanding nodes that cannot be on the sender's path ({@link #find}) */
    ClothRouter(ChannelGraph g, boolean prune) {
        this(g, new EdgeRecords(g), prune);
    }

    /** @param in the graph's usable in-edges ({@link EdgeRecords#SHARED}: one copy for every router of a run) */
    ClothRouter(ChannelGraph g, EdgeRecords in, boolean prune) {
        this.g = g;
        this.in = in;
        this.rec = in.rec;
        this.prune = prune;
        int n = g.nodeCount();
        dist = new long[n];
        weight = new double[n];
        amount = new long[n];
        timelock = new int[n];
        prob = new double[n];
        next = new int[n];
        stamp = new int[n];
        heap = new int[n];
        heapDist = new long[n];
        pos = new int[n];
        neighbour = new int[n];
        ownBalance = new long[2 * g.channelCount()];
        inMemory = new int[n];
        likely = new int[n];
        likelyP = new double[n];
        nbQ = new double[n];
        nbBal = new long[n];
    }

    /** {@code compute_fee} of {@code src/htlc.c}: base + (ppm · amount) / 10⁶, integer division. */
    static long fee(ChannelGraph g, int e, long amtMsat) {
        return g.feeMsat(e, amtMsat); // the same BOLT 7 formula, overflow-safe
    }

    /** {@code get_edge_weight}: amount·timelock·15/10⁹ + fee, in double arithmetic. */
    static double edgeWeight(long amtMsat, long feeMsat, int timelock) {
        double timelockPenalty = amtMsat * ((double) timelock) * RISK_FACTOR / ((double) 1_000_000_000);
        return timelockPenalty + ((double) feeMsat);
    }

    /** {@code get_probability_based_dist}: (uint64) (weight + 100,000 / probability); infinity below 10⁻⁵. */
    static long distance(double weight, double probability) {
        if (probability < MIN_PROBABILITY) {
            return INF;
        }
        double d = weight + PAYMENT_ATTEMPT_PENALTY / probability;
        return d >= 9.2e18 ? INF : (long) d;
    }

    /** The path CLoTH's {@code dijkstra} finds from {@code source} to {@code target} for {@code amtMsat}. */
    Path find(int source, int target, long amtMsat, SenderView view) {
        if (source == target) {
            return new Path(new int[0], "no path");
        }
        this.view = view;
        this.knownView = view instanceof Known;
        this.memory = knownView ? ((Known) view).memory() : null;
        this.nowUs = knownView ? ((Known) view).nowUs() : 0;
        long total = 0;
        long max = 0;
        for (int slot = g.outStart(source), end = g.outEnd(source); slot < end; slot++) {
            int e = g.outDirection(slot);
            long b = view.balanceMsat(e);
            ownBalance[e] = b;
            total += b;
            max = Math.max(max, b);
        }
        if (amtMsat > total) {
            return new Path(new int[0], "no local balance");
        }
        if (amtMsat > max) {
            return new Path(new int[0], "no path");
        }
        if (++generation == 0) {
            Arrays.fill(stamp, 0);
            Arrays.fill(neighbour, 0);
            Arrays.fill(inMemory, 0);
            Arrays.fill(likely, 0);
            generation = 1;
        }
        heapSize = 0;
        for (int slot = g.outStart(source), end = g.outEnd(source); slot < end; slot++) {
            neighbour[g.outPeer(slot)] = generation;
            nbQ[g.outPeer(slot)] = 0;
        }
        // pmax bounds every hop not leaving the sender; a Known view's hops are 0.6 at most except from the nodes its
        // memory marks likely, so edges into other nodes are skipped against the tighter floor (exact either way)
        double pLow;
        if (!knownView) {
            pmax = view.maxOtherProbability();
            pLow = pmax;
        } else {
            double maxLikely = memory == null ? 0 : memory.mark(source, inMemory, likely, likelyP, generation);
            pLow = ClothMemory.APRIORI_HOP_PROBABILITY;
            // the hop after the sender's own leaves one of its neighbours: at most the likeliest neighbour's bound
            pmax = pLow;
            for (int slot = g.outStart(source), end = g.outEnd(source); maxLikely > 0 && slot < end; slot++) {
                int w = g.outPeer(slot);
                if (w != source && likely[w] == generation) {
                    pmax = Math.max(pmax, likelyP[w]);
                }
            }
        }
        ub = INF;
        searchAmt = amtMsat;
        ubOn = prune && knownView;
        if (ubOn) {
            // each neighbour's own hop that surely carries whatever the neighbour's final label asks (see tighten)
            for (int slot = g.outStart(source), end = g.outEnd(source); slot < end; slot++) {
                int e = g.outDirection(slot);
                int nb = g.outPeer(slot);
                long b = ownBalance[e];
                if (nb == source || !g.isUsable(e) || b < amtMsat || g.htlcMinimumMsat(e) > amtMsat) {
                    continue;
                }
                double q = memory == null ? ClothMemory.PREV_SUCCESS_PROBABILITY
                        : memory.probability(source, source, nb, amtMsat, nowUs);
                if (q > nbQ[nb] || q == nbQ[nb] && b > nbBal[nb]) {
                    nbQ[nb] = q;
                    nbBal[nb] = b;
                }
            }
        }
        label(target, 0, 0, amtMsat, FINAL_TIMELOCK, 1.0, -1);
        if (ubOn && neighbour[target] == generation) {
            tighten(target);
        }
        push(target);
        settle(source, pLow);
        int n = 0;
        int u = source;
        if (stamp[source] != generation) {
            return new Path(new int[0], "no path");
        }
        int[] dirs = new int[8];
        while (u != target) {
            if (stamp[u] != generation || next[u] < 0 || n > g.nodeCount()) {
                return new Path(new int[0], "no path");
            }
            if (n == dirs.length) {
                dirs = Arrays.copyOf(dirs, n * 2);
            }
            dirs[n++] = next[u];
            u = g.target(next[u]);
        }
        if (n > HOPS_LIMIT) {
            return new Path(new int[0], "no path");
        }
        return new Path(Arrays.copyOf(dirs, n), dist[source], null);
    }

    /**
     * Pops and expands labels until the sender pops or none is left: the search's loop, apart from {@link #find}'s
     * preparation so that a branch the preparation first takes late (a payee next to the sender, a memory) costs the
     * JIT a recompile of the preparation only, not of this loop.
     *
     * @param pLow the largest probability of a hop from a node not marked likely
     */
    private void settle(int source, double pLow) {
        while (heapSize > 0) {
            int v = pop();
            if (v == source) {
                break;
            }
            if (prune && bound(v) > cap(source)) {
                continue;
            }
            long floor = distance(weight[v], prob[v] * pLow);
            for (int i = in.start[v] * EdgeRecords.STRIDE, end = in.start[v + 1] * EdgeRecords.STRIDE; i < end;
                 i += EdgeRecords.STRIDE) {
                long ue = rec[i]; // u -> v, usable
                int u = (int) (ue >>> 32);
                if (prune && u != source && stamp[u] == generation
                        && (likely[u] == generation ? distance(weight[v], prob[v] * likelyP[u]) : floor) > dist[u]) {
                    continue;
                }
                relax(source, u, v, (int) ue, i);
            }
        }
    }

    /**
     * A lower bound of the sender's distance over any path through v's label: the weight can only grow and the
     * probability gains at least the sender's own hop (≤ 0.95) and, unless v is the sender's neighbour, one more
     * (≤ {@code pmax}), multiplied in the order the search multiplies them (IEEE rounding is monotone).
     */
    private long bound(int v) {
        double p = neighbour[v] == generation ? prob[v] * ClothMemory.PREV_SUCCESS_PROBABILITY
                : prob[v] * pmax * ClothMemory.PREV_SUCCESS_PROBABILITY;
        return distance(weight[v], p);
    }

    private void relax(int source, int u, int v, int e, int i) {
        boolean labelled = stamp[u] == generation;
        if (labelled && pos[u] == POPPED && dist[v] > dist[u]) {
            return; // a new label is at least dist[v] (weights grow, probabilities shrink): no tie, no better
        }
        long amtToSend = amount[v];
        if (u == source) {
            if (ownBalance[e] < amtToSend) {
                return;
            }
        } else if (rec[i + 1] < amtToSend) { // the channel's capacity
            return;
        }
        if (amtToSend < in.htlcMinimumMsat(i)) {
            return;
        }
        double edgeProbability = !knownView ? view.probability(u, v, amtToSend)
                : memory != null && inMemory[u] == generation ? memory.probability(source, u, v, amtToSend, nowUs)
                : u == source ? ClothMemory.PREV_SUCCESS_PROBABILITY : ClothMemory.APRIORI_HOP_PROBABILITY;
        if (edgeProbability == 0) {
            return;
        }
        long edgeFee = 0;
        int edgeTimelock = 0;
        if (u != source) {
            long fees = rec[i + 3];
            edgeFee = Fees.feeMsat(fees >>> 32, fees & 0xFFFF_FFFFL, amtToSend);
            edgeTimelock = (int) (rec[i + 4] & 0xFFFF);
        }
        long amtToReceive = amtToSend + edgeFee;
        long tmpTimelock = (long) timelock[v] + edgeTimelock;
        if (tmpTimelock > TIMELOCK_LIMIT) {
            return;
        }
        double tmpProbability = prob[v] * edgeProbability;
        if (tmpProbability < PROBABILITY_LIMIT) {
            return;
        }
        double tmpWeight = weight[v] + edgeWeight(amtToReceive, edgeFee, edgeTimelock);
        long tmpDist = distance(tmpWeight, tmpProbability);
        if (u != source && tmpDist > cap(source)) {
            return; // u would pop after the sender, when the search has stopped: its label is never read
        }
        if (labelled) {
            if (tmpDist > dist[u]) {
                return;
            }
            if (tmpDist == dist[u] && tmpProbability <= prob[u]) {
                return;
            }
        } else if (tmpDist == INF) {
            return; // unlabelled nodes are at INF with no edge: an INF label changes nothing CLoTH reads
        }
        int at = labelled ? pos[u] : -1;
        label(u, tmpDist, tmpWeight, amtToReceive, (int) tmpTimelock, tmpProbability, e);
        if (ubOn && neighbour[u] == generation && u != source) {
            tighten(u);
        }
        if (at >= 0) {
            up(at, u);
            down(pos[u], u);
        } else if (u == source || !prune || bound(u) <= cap(source)) {
            push(u); // new, or popped and improved: CLoTH's heap_insert_or_update pushes it again
        }
        // else it would pop only to be pruned (its bound is above the cap, which only falls): it keeps the label,
        // which blocks what CLoTH's blocks, but is not queued
    }

    /** What the sender's final distance is known not to exceed: its label, or {@link #ub} before it has one. */
    private long cap(int source) {
        return stamp[source] == generation ? Math.min(dist[source], ub) : ub;
    }

    /**
     * Lowers {@link #ub} by neighbour n's new label. n's final label (w', p') has w' + 100,000/p' below its label's
     * raw distance r + 1 (labels only fall; r = w + 100,000/p, its distance untruncated), so 1/p' < (r + 1)/100,000,
     * and the sender's label through n is w' + 100,000/(p'·q) ≤ (w' + 100,000/p')/q < (r + 1)/q, q its own hop's
     * probability — provided that hop takes it: a balance of at least amount + r + 1 (n's amount is the payment's
     * plus fees, which its weight bounds), an htlc minimum at most the amount, and q·p' ≥ 0.01. n then pops before the
     * sender (its distance is at most r + 1 ≤ (r + 1)/q) and relaxes it, so the sender ends at or below the bound; it
     * is rounded up with room for the double arithmetic. Before the sender is labelled the search prunes against it
     * as against the sender's label.
     */
    private void tighten(int n) {
        double q = nbQ[n];
        if (q <= 0) {
            return;
        }
        double r = weight[n] + PAYMENT_ATTEMPT_PENALTY / prob[n] + 1;
        if (nbBal[n] < searchAmt + r + 1 || q * PAYMENT_ATTEMPT_PENALTY < 0.0101 * r) {
            return;
        }
        double bound = Math.ceil(r / q * (1 + 1e-9)) + 1;
        if (bound < ub) {
            ub = (long) bound;
        }
    }

    private void label(int u, long d, double w, long amt, int tl, double p, int e) {
        stamp[u] = generation;
        dist[u] = d;
        weight[u] = w;
        amount[u] = amt;
        timelock[u] = tl;
        prob[u] = p;
        next[u] = e;
        pos[u] = -1;
    }

    // ---- indexed 4-ary heap on (dist, probability, node): compare_distance of src/routing.c ----
    // Each entry keeps its node's distance beside it (heapDist), so a sift compares neighbouring longs and reads a
    // node's probability only on a distance tie.

    /** Whether node a with distance da pops before node b with distance db. */
    private boolean before(long da, int a, long db, int b) {
        if (da != db) {
            return da < db;
        }
        if (prob[a] != prob[b]) {
            return prob[a] < prob[b];
        }
        return a < b;
    }

    private void push(int u) {
        up(heapSize++, u);
    }

    private int pop() {
        int top = heap[0];
        pos[top] = POPPED;
        int last = heap[--heapSize];
        if (heapSize > 0) {
            down(0, last);
        }
        return top;
    }

    /** Places node x, whose entry is at i or new there, at or above i. */
    private void up(int i, int x) {
        long dx = dist[x];
        while (i > 0) {
            int parent = (i - 1) >>> 2;
            if (!before(dx, x, heapDist[parent], heap[parent])) {
                break;
            }
            heap[i] = heap[parent];
            heapDist[i] = heapDist[parent];
            pos[heap[i]] = i;
            i = parent;
        }
        heap[i] = x;
        heapDist[i] = dx;
        pos[x] = i;
    }

    /** Places node x, whose entry is at i, at or below i. */
    private void down(int i, int x) {
        long dx = dist[x];
        while (true) {
            int c = 4 * i + 1;
            if (c >= heapSize) {
                break;
            }
            int best = c;
            long bd = heapDist[c];
            for (int k = c + 1, end = Math.min(c + 4, heapSize); k < end; k++) {
                long dk = heapDist[k];
                if (dk < bd || dk == bd && before(dk, heap[k], bd, heap[best])) {
                    best = k;
                    bd = dk;
                }
            }
            if (!before(bd, heap[best], dx, x)) {
                break;
            }
            heap[i] = heap[best];
            heapDist[i] = bd;
            pos[heap[i]] = i;
            i = best;
        }
        heap[i] = x;
        heapDist[i] = dx;
        pos[x] = i;
    }
}
