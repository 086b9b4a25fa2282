package org.lnsim.protocols.pickhardt;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.lnsim.network.ChannelGraph;

/**
 * askrene's solver of one payment amount ({@code minflow} and {@code single_path_flow}, {@code
 * plugins/askrene/mcf.c} v25.09): the uncertainty network of linearised channels, fee and probability costs combined
 * through μ, a min-cost flow of the amount in units, and its decomposition into paths.
 *
 * <h2>The linearised network ({@code linearize_channel}, {@code init_linear_network})</h2>
 * The amount is solved in units of {@code accuracy} = max(1 msat, ⌈amount / 1000⌉): at most 1,000 units. A direction
 * with liquidity in [min, max] becomes [a, b) = [⌊min / acc⌋, 1 + ⌊max / acc⌋) units and up to four arcs of rising
 * cost ({@link #CHANNEL_PIVOTS} 0, 0.5, 0.8, 0.95 of b − a): arc 0 has the a certain units at probability cost 0,
 * arc i ≥ 1 has {@code cap_fraction[i]} × (b − a) units at cost {@code cost_fraction[i]} × 1000 × (amount / acc) /
 * (b − a), where {@code cost_fraction[i]} = ln((1 − p[i−1]) / (1 − p[i])) / (p[i] − p[i−1]) — the slope of
 * −log P(x) = −log((b − x) / (b − a)) between the pivots. The arcs together hold at most min(⌊htlc_max / acc⌋,
 * ⌈amount / acc⌉) units, filled cheapest first, and empty arcs are left out. The fee cost of a unit is
 * {@code linear_fee_cost}: ppm + base × (10,000,000 / amount) + cltv_delta × {@code delay_feefactor}, truncated to
 * an integer. A direction whose {@code htlc_minimum_msat} exceeds the amount is left out.
 *
 * <h2>The combined cost ({@code combine_cost_function})</h2>
 * cost = fee × μ + (100 − μ) × prob × k, truncated to an integer, where k = median fee cost / median probability
 * cost over all arcs (1 when there are none or the median probability cost is below 0.001): fee and probability in
 * one currency, traded by μ in [1, 100] ({@code MU_MAX}).
 *
 * <h2>The solver</h2>
 * askrene finds a feasible flow and refines it to optimality ({@code simple_feasibleflow}, {@code mcf_refinement},
 * {@code plugins/askrene/algorithm.c}). Here successive shortest paths: Dijkstra on reduced costs with node potentials
 * from the sender, stopped when the receiver is settled, augmenting the bottleneck — the same optimum (a min-cost
 * flow of the linear problem; among equal-cost optima the choice may differ). Arcs are not materialised: each
 * direction keeps one flow value and its arcs are read from it, which is exact because a direction's arc costs rise
 * (convex, so the cheapest arc with room is the one a shortest path uses, and the dearest arc with flow the one a
 * reverse step undoes; askrene's comment: "If we implement a convex-cost solver then we can reduce that number"). A
 * query touches O(nodes settled) state, never the whole graph, except the one pass that computes k.
 * {@code McfJGraphTTest} checks its optimal cost against JGraphT's {@code CapacityScalingMinimumCostFlow}.
 *
 * <p>Not thread-safe; one instance per protocol run, its scratch arrays reused by every query.
 */
final class Mcf implements Policies, org.lnsim.protocols.routing.PolicyWords {
    /**
     * The probability pivots of the linearisation: {@code CHANNEL_PIVOTS} = {0, 0.5, 0.8, 0.95} ({@code
     * plugins/askrene/mcf.c} v25.09): flow beyond 95 % of the uncertain range is never planned.
     */
    static final double[] CHANNEL_PIVOTS = {0, 0.5, 0.8, 0.95};
    /** {@code MU_MAX} = 100 ({@code plugins/askrene/mcf.c} v25.09): μ runs from 1 to this. */
    static final int MU_MAX = 100;
    /** Units an amount is cut into: 1,000 ({@code minflow}, {@code plugins/askrene/mcf.c} v25.09). */
    static final long UNITS = 1000;
    /** {@code base_fee_penalty_estimate}: 10,000,000 msat / amount ({@code plugins/askrene/mcf.c} v25.09). */
    static final double BASE_FEE_PENALTY_MSAT = 10_000_000;

    /** Capacity fraction of arc i ≥ 1: p[i] − p[i−1]. */
    static final double[] CAP_FRACTION = new double[4];
    /** Cost fraction of arc i ≥ 1: ln((1 − p[i−1]) / (1 − p[i])) / (p[i] − p[i−1]). */
    static final double[] COST_FRACTION = new double[4];

    static {
        for (int i = 1; i < 4; i++) {
            CAP_FRACTION[i] = CHANNEL_PIVOTS[i] - CHANNEL_PIVOTS[i - 1];
            COST_FRACTION[i] = Math.log((1 - CHANNEL_PIVOTS[i - 1]) / (1 - CHANNEL_PIVOTS[i])) / CAP_FRACTION[i];
        }
    }

    private static final long INF = Long.MAX_VALUE / 4;

    private final ChannelGraph g;
    /**
     * Each direction's policy data a query reads, interleaved so that one relaxation touches one cache line instead
     * of one per graph array: [4e] base fee &lt;&lt; 32 | ppm, [4e + 1] htlc_minimum_msat, [4e + 2] htlc_maximum_msat
     * (the capacity when the update has none), [4e + 3] the capacity in msat. 32 bytes per direction (64 MB at a
     * million channels): bought for speed, a round at 1M channels being mostly cache misses.
     */
    private final long[] dirData;
    /** Per direction, the CLTV delta the plans are priced with (the announced one until {@link #setPolicy}). */
    private final char[] cltv;
    private final int[] flow; // per direction, units
    private int[] flowDirs = new int[64];
    private int flowDirCount;
    private final long[] pot;
    private final boolean[] potSet;
    private int[] potNodes = new int[1024];
    private int potCount;
    private final long[] dist;
    private final int[] seen; // run stamp: dist valid
    private final int[] done; // run stamp: settled
    private final int[] pred; // arc into the node: 2e (forward on e) or 2e + 1 (undo flow on e)
    private int run;
    private int[] settled = new int[1024];
    private int settledCount;
    private long[] heapKey = new long[1024];
    private int[] heapNode = new int[1024];
    private int heapSize;

    private long[] medFee = new long[1024];
    /**
     * The probability costs as the bits of their doubles: they are ≥ 0, where the bits order as the values do, so one
     * {@link Select#kth} serves both medians.
     */
    private long[] medProbBits = new long[1024];

    // one query's parameters
    private Bounds bounds;
    private long amountMsat;
    private long acc;
    private long units;
    private int mu;
    private double k;
    private double baseFeePenalty;
    private double delayFeeFactor;
    private int source;
    private int target;
    private boolean singlePath;

    // scratch of one direction's arcs
    private final long[] segCap = new long[4];
    private final long[] segCost = new long[4];
    private final double[] segProb = new double[4];

    /** Wall time of the last min-cost-flow query's median pass (ns), for the benchmark; never in results. */
    long lastMedianNs;
    /** Counters of the last query, for the benchmark: Dijkstra runs and nodes settled. */
    int lastDijkstras;
    long lastSettled;

    private final long unitsPerAmount;

    /** @param unitsPerAmount the units an amount is cut into ({@link #UNITS} in askrene) */
    Mcf(ChannelGraph g, long unitsPerAmount) {
        if (unitsPerAmount < 1) {
            throw new IllegalArgumentException("units must be >= 1");
        }
        this.unitsPerAmount = unitsPerAmount;
        this.g = g;
        int n = g.nodeCount();
        this.flow = new int[2 * g.channelCount()];
        this.pot = new long[n];
        this.potSet = new boolean[n];
        this.dist = new long[n];
        this.seen = new int[n];
        this.done = new int[n];
        this.pred = new int[n];
        int dirs = 2 * g.channelCount();
        this.dirData = new long[4 * dirs];
        for (int e = 0; e < dirs; e++) {
            long cap = g.capacityMsat(ChannelGraph.channelOf(e));
            dirData[4 * e] = g.feeBaseMsat(e) << 32 | g.feeProportionalMillionths(e);
            dirData[4 * e + 1] = g.htlcMinimumMsat(e);
            dirData[4 * e + 2] = g.hasHtlcMaximum(e) ? g.htlcMaximumMsat(e) : cap;
            dirData[4 * e + 3] = cap;
        }
        this.cltv = new char[dirs];
        for (int e = 0; e < dirs; e++) {
            cltv[e] = (char) g.cltvExpiryDelta(e);
        }
    }

    /**
     * Rewrites direction e's fees and CLTV delta in the table the plans read (issue 22: what the sender believes,
     * written by {@link org.lnsim.protocols.routing.BelievedPolicies}); a closed direction's htlc_maximum becomes 0,
     * so it carries nothing, and its announced one comes back when it is shown open again.
     */
    @Override
    public void setPolicy(int e, long feeBaseMsat, long ppm, int cltvDelta, boolean closed) {
        dirData[4 * e] = feeBaseMsat << 32 | ppm;
        cltv[e] = (char) cltvDelta;
        long cap = g.capacityMsat(ChannelGraph.channelOf(e));
        dirData[4 * e + 2] = closed ? 0 : g.hasHtlcMaximum(e) ? g.htlcMaximumMsat(e) : cap;
    }

    @Override
    public long feeBaseMsat(int e) {
        return dirData[4 * e] >>> 32;
    }

    @Override
    public long feeProportionalMillionths(int e) {
        return dirData[4 * e] & 0xFFFFFFFFL;
    }

    @Override
    public int cltvExpiryDelta(int e) {
        return cltv[e];
    }

    /** The unit askrene solves {@code amountMsat} in: max(1, ⌈amount / units⌉) msat (units = 1000). */
    static long accuracy(long amountMsat, long units) {
        return Math.max(1, (amountMsat + units - 1) / units);
    }

    /** The Pickhardt–Richter success probability of x in [low, high): (high − x) / (high − low), 1 below low. */
    static double probability(long lowMsat, long highMsat, long xMsat) {
        if (xMsat >= highMsat) {
            return 0;
        }
        if (xMsat < lowMsat) {
            return 1;
        }
        return (double) (highMsat - xMsat) / (highMsat - lowMsat);
    }

    /** {@code linear_fee_cost}: ppm + base × penalty + delay × factor, as the C code's truncating integer. */
    static long linearFeeCost(long baseMsat, long ppm, int cltvDelta, double baseFeePenalty, double delayFeeFactor) {
        return (long) (ppm + baseMsat * baseFeePenalty + cltvDelta * delayFeeFactor);
    }

    // ------------------------------------------------------------------ arcs

    /**
     * Fills {@link #segCap}, {@link #segProb} and {@link #segCost} with direction e's four arcs ({@code
     * linearize_channel} and the combined cost); false if e takes no part in this query.
     */
    private boolean arcs(int e, int from, int to) {
        int d = 4 * e;
        if (from == to || dirData[d + 1] > amountMsat || !bounds.usable(e, from)) {
            return false;
        }
        long minCap = bounds.minMsat(e, from);
        long maxCap = bounds.maxMsat(e, from, dirData[d + 3]);
        if (minCap > maxCap) {
            minCap = maxCap; // "Assume if min > max, min is wrong"
        }
        long a = minCap / acc;
        long b = 1 + maxCap / acc;
        long capOn = Math.min(dirData[d + 2] / acc, units);
        long policy = dirData[d];
        long fee = linearFeeCost(policy >>> 32, policy & 0xFFFFFFFFL, cltv[e], baseFeePenalty,
                delayFeeFactor);
        long c0 = Math.min(a, capOn);
        capOn -= c0;
        segCap[0] = c0;
        segProb[0] = 0;
        for (int i = 1; i < 4; i++) {
            long c = Math.min((long) (CAP_FRACTION[i] * (b - a)), capOn);
            capOn -= c;
            segCap[i] = c;
            segProb[i] = COST_FRACTION[i] * 1000 * ((double) amountMsat / acc) / (b - a);
        }
        for (int i = 0; i < 4; i++) {
            segCost[i] = (long) (fee * (double) mu + (MU_MAX - mu) * segProb[i] * k);
        }
        segFee = fee;
        return true;
    }

    private long segFee;

    /** Room and cost of the next unit forward on e carrying f units; room 0 if full. */
    private long forwardRoom(int f) {
        long end = 0;
        for (int i = 0; i < 4; i++) {
            end += segCap[i];
            if (f < end) {
                curCost = segCost[i];
                return end - f;
            }
        }
        return 0;
    }

    /** Room and cost (negated) of undoing the last unit of the f > 0 units on e. */
    private long backwardRoom(int f) {
        long start = 0;
        for (int i = 0; i < 4; i++) {
            long end = start + segCap[i];
            if (f <= end && segCap[i] > 0) {
                curCost = -segCost[i];
                return f - start;
            }
            start = end;
        }
        // more flow than the arcs hold cannot happen: flow only grows through forwardRoom
        throw new IllegalStateException("flow beyond the arcs of a direction");
    }

    private long curCost;

    // ------------------------------------------------------------------ queries

    /**
     * askrene's {@code minflow}: a min-cost flow of {@code amountMsat} (in units, rounded up) from s to t, decomposed
     * into paths; null if no feasible flow exists ("unable to find a feasible flow").
     */
    List<Flow> minflow(int s, int t, long amountMsat, int mu, double delayFeeFactor, Bounds bounds) {
        begin(s, t, amountMsat, mu, delayFeeFactor, bounds, false);
        try {
            long t0 = System.nanoTime();
            k = medianRatio();
            lastMedianNs = System.nanoTime() - t0;
            long need = units;
            while (need > 0) {
                if (!dijkstra()) {
                    return null;
                }
                need -= augment(need);
            }
            lastCost = flowCost();
            return decompose();
        } finally {
            end();
        }
    }

    /**
     * askrene's {@code single_path_flow}: the cheapest single path for the whole amount, each direction costing its
     * exact fee (plus cltv × {@code delay_feefactor}) and −log P of the whole amount, combined with the same μ and k;
     * directions whose htlc limits or known maximum rule the amount out are left out. Null if none.
     */
    List<Flow> singlePath(int s, int t, long amountMsat, int mu, double delayFeeFactor, Bounds bounds) {
        begin(s, t, amountMsat, mu, delayFeeFactor, bounds, true);
        try {
            k = medianRatio();
            if (!dijkstra()) {
                return null;
            }
            int len = 0;
            for (int v = t; v != s; v = g.source(pred[v] >> 1)) {
                len++;
            }
            int[] dirs = new int[len];
            for (int v = t; v != s; v = g.source(pred[v] >> 1)) {
                dirs[--len] = pred[v] >> 1;
            }
            List<Flow> out = new ArrayList<>(1);
            out.add(new Flow(dirs, amountMsat));
            return out;
        } finally {
            end();
        }
    }

    /**
     * For tests: direction e's arcs in a query of {@code amountMsat} ({@code linearize_channel}): row 0 the four
     * capacities in units, row 1 the four probability costs per unit, row 2 the accuracy and the fee cost.
     */
    double[][] linearise(int e, long amountMsat, Bounds bounds) {
        begin(g.source(e), g.target(e), amountMsat, 1, DELAY_FEEFACTOR_FOR_TESTS, bounds, false);
        try {
            if (!arcs(e, g.source(e), g.target(e))) {
                return null;
            }
            double[][] out = new double[3][4];
            for (int i = 0; i < 4; i++) {
                out[0][i] = segCap[i];
                out[1][i] = segProb[i];
            }
            out[2][0] = acc;
            out[2][1] = segFee;
            return out;
        } finally {
            end();
        }
    }

    private static final double DELAY_FEEFACTOR_FOR_TESTS = 1e-6;

    /** Receives the arcs of a linearised network. */
    interface ArcSink {
        void arc(int from, int to, long capUnits, long cost);
    }

    /**
     * Emits every arc the query {@link #minflow} would solve (each direction's non-empty arcs with their combined
     * costs, k included) and returns the demand in units: the network a reference solver must match.
     */
    long export(int s, int t, long amountMsat, int mu, double delayFeeFactor, Bounds bounds, ArcSink sink) {
        begin(s, t, amountMsat, mu, delayFeeFactor, bounds, false);
        try {
            k = medianRatio();
            int dirs = 2 * g.channelCount();
            for (int e = 0; e < dirs; e++) {
                if (!arcs(e, g.source(e), g.target(e))) {
                    continue;
                }
                for (int i = 0; i < 4; i++) {
                    if (segCap[i] > 0) {
                        sink.arc(g.source(e), g.target(e), segCap[i], segCost[i]);
                    }
                }
            }
            return units;
        } finally {
            end();
        }
    }

    private void begin(int s, int t, long amountMsat, int mu, double delayFeeFactor, Bounds bounds,
                       boolean singlePath) {
        if (s == t || amountMsat <= 0 || mu < 0 || mu > MU_MAX) {
            throw new IllegalArgumentException("bad query: " + s + " -> " + t + ", " + amountMsat + " msat, mu " + mu);
        }
        this.source = s;
        this.target = t;
        this.amountMsat = amountMsat;
        this.acc = singlePath ? amountMsat : accuracy(amountMsat, unitsPerAmount);
        this.units = (amountMsat + acc - 1) / acc;
        this.mu = mu;
        this.delayFeeFactor = delayFeeFactor;
        this.baseFeePenalty = BASE_FEE_PENALTY_MSAT / amountMsat;
        this.bounds = bounds;
        this.singlePath = singlePath;
        this.k = 1;
        lastDijkstras = 0;
        lastSettled = 0;
    }

    private void end() {
        for (int i = 0; i < flowDirCount; i++) {
            flow[flowDirs[i]] = 0;
        }
        flowDirCount = 0;
        for (int i = 0; i < potCount; i++) {
            pot[potNodes[i]] = 0;
            potSet[potNodes[i]] = false;
        }
        potCount = 0;
        bounds = null;
    }

    /** The single-path arc of e: its cost into {@link #curCost}; false if e cannot carry the whole amount. */
    private boolean singleArc(int e, int from, int to) {
        int d = 4 * e;
        if (from == to || dirData[d + 1] > amountMsat || amountMsat > dirData[d + 2] || !bounds.usable(e, from)) {
            return false;
        }
        long minCap = bounds.minMsat(e, from);
        long maxCap = bounds.maxMsat(e, from, dirData[d + 3]);
        if (minCap > maxCap) {
            minCap = maxCap;
        }
        long high = maxCap + 1; // "work on 1msat past the known bound"
        if (amountMsat >= high) {
            return false;
        }
        long feeMsat = feeMsat(e, amountMsat);
        if (feeMsat > 0xFFFFFFFFL) {
            return false; // amount_msat_to_u32 fails
        }
        segFee = (long) (feeMsat + delayFeeFactor * cltv[e]);
        segProb[0] = -Math.log(probability(minCap, high, amountMsat));
        curCost = (long) (segFee * (double) mu + (MU_MAX - mu) * segProb[0] * k);
        return true;
    }

    /**
     * {@code get_median_ratio}: median fee cost over median probability cost of all arcs of the network (1 if there
     * are none or the latter is below 0.001). One pass over every direction: the only whole-graph step of a query.
     */
    private double medianRatio() {
        int n = 0;
        int dirs = 2 * g.channelCount();
        for (int e = 0; e < dirs; e++) {
            int from = g.source(e);
            int to = g.target(e);
            if (singlePath) {
                if (!singleArc(e, from, to)) {
                    continue;
                }
                n = addMedian(n, segFee, segProb[0]);
                continue;
            }
            if (!arcs(e, from, to)) {
                continue;
            }
            for (int i = 0; i < 4; i++) {
                if (segCap[i] > 0) {
                    n = addMedian(n, segFee, segProb[i]);
                }
            }
        }
        if (n == 0) {
            return 1;
        }
        double p = Double.longBitsToDouble(Select.kth(medProbBits, n, n / 2));
        if (p < 0.001) {
            return 1;
        }
        return Select.kth(medFee, n, n / 2) / p;
    }

    private int addMedian(int n, long fee, double prob) {
        if (n == medFee.length) {
            medFee = Arrays.copyOf(medFee, 2 * n);
            medProbBits = Arrays.copyOf(medProbBits, 2 * n);
        }
        medFee[n] = fee;
        if (!(prob >= 0)) {
            throw new IllegalStateException("a probability cost below 0: " + prob);
        }
        medProbBits[n] = Double.doubleToRawLongBits(prob + 0.0); // + 0.0 turns −0.0 into 0.0
        return n + 1;
    }

    /**
     * Dijkstra from the source on reduced costs over the residual network, stopped when the target is settled; then
     * the potentials of the settled nodes move by dist − dist(target) (the usual early-stop update, shifted so that
     * nodes never reached keep theirs). False if the target cannot be reached.
     */
    private boolean dijkstra() {
        run++;
        lastDijkstras++;
        heapSize = 0;
        settledCount = 0;
        dist[source] = 0;
        seen[source] = run;
        pred[source] = -1;
        push(0, source);
        boolean reached = false;
        boolean anyFlow = flowDirCount > 0;
        while (heapSize > 0) {
            long d = heapKey[0];
            int u = heapNode[0];
            pop();
            if (done[u] == run || d > dist[u]) {
                continue;
            }
            done[u] = run;
            if (settledCount == settled.length) {
                settled = Arrays.copyOf(settled, 2 * settledCount);
            }
            settled[settledCount++] = u;
            if (u == target) {
                reached = true;
                break;
            }
            long pu = pot[u];
            for (int slot = g.outStart(u), end = g.outEnd(u); slot < end; slot++) {
                int v = g.outPeer(slot);
                if (done[v] == run || (seen[v] == run && dist[v] <= d)) {
                    continue; // reduced costs are >= 0: no arc from u can improve v
                }
                int e = g.outDirection(slot);
                if (singlePath) {
                    if (singleArc(e, u, v)) {
                        relax(v, d + curCost, 2 * e);
                    }
                    continue;
                }
                int fe = anyFlow ? flow[e] : 0;
                int fr = anyFlow ? flow[e ^ 1] : 0;
                if (!arcs(e, u, v)) {
                    if (fr > 0 && arcs(e ^ 1, v, u)) {
                        backwardRoom(fr);
                        relax(v, d + curCost + pu - pot[v], 2 * (e ^ 1) + 1);
                    }
                    continue;
                }
                if (forwardRoom(fe) > 0) {
                    relax(v, d + curCost + pu - pot[v], 2 * e);
                }
                if (fr > 0 && arcs(e ^ 1, v, u)) {
                    backwardRoom(fr);
                    relax(v, d + curCost + pu - pot[v], 2 * (e ^ 1) + 1);
                }
            }
        }
        lastSettled += settledCount;
        if (!reached || singlePath) {
            return reached;
        }
        long dt = dist[target];
        for (int i = 0; i < settledCount; i++) {
            int v = settled[i];
            if (!potSet[v]) {
                potSet[v] = true;
                if (potCount == potNodes.length) {
                    potNodes = Arrays.copyOf(potNodes, 2 * potCount);
                }
                potNodes[potCount++] = v;
            }
            pot[v] += dist[v] - dt;
        }
        return true;
    }

    private void relax(int v, long nd, int arc) {
        if (seen[v] != run || nd < dist[v]) {
            seen[v] = run;
            dist[v] = nd;
            pred[v] = arc;
            push(nd, v);
        }
    }

    /** Sends min(need, bottleneck) units along the predecessor path; returns the units sent. */
    private long augment(long need) {
        long room = need;
        for (int v = target; v != source; ) {
            int arc = pred[v];
            int e = arc >> 1;
            arcs(e, g.source(e), g.target(e));
            long r = (arc & 1) == 0 ? forwardRoom(flow[e]) : backwardRoom(flow[e]);
            room = Math.min(room, r);
            v = (arc & 1) == 0 ? g.source(e) : g.target(e);
        }
        for (int v = target; v != source; ) {
            int arc = pred[v];
            int e = arc >> 1;
            if (flow[e] == 0) {
                if (flowDirCount == flowDirs.length) {
                    flowDirs = Arrays.copyOf(flowDirs, 2 * flowDirCount);
                }
                flowDirs[flowDirCount++] = e;
            }
            flow[e] += (arc & 1) == 0 ? (int) room : -(int) room;
            v = (arc & 1) == 0 ? g.source(e) : g.target(e);
        }
        return room;
    }

    /**
     * {@code get_flow_paths}: follow the flow from the source until the target (a path: remove its bottleneck) or
     * a node seen twice (a cycle: remove it), until the source has sent everything. Each path delivers its units ×
     * accuracy msat (their sum may pass the amount by the rounding; {@link Refine} trims it).
     */
    private List<Flow> decompose() {
        List<Flow> out = new ArrayList<>();
        long left = units;
        int[] pathDirs = new int[64];
        while (left > 0) {
            run++;
            int len = 0;
            int u = source;
            seen[u] = run;
            dist[u] = 0; // position of u on the walk
            int cycleAt = -1;
            while (u != target) {
                int e = -1;
                for (int slot = g.outStart(u), end = g.outEnd(u); slot < end; slot++) {
                    int d = g.outDirection(slot);
                    if (flow[d] > 0) {
                        e = d;
                        break;
                    }
                }
                if (e < 0) {
                    throw new IllegalStateException("flow not conserved at node " + u);
                }
                if (len == pathDirs.length) {
                    pathDirs = Arrays.copyOf(pathDirs, 2 * len);
                }
                pathDirs[len++] = e;
                u = g.target(e);
                if (seen[u] == run) {
                    cycleAt = (int) dist[u];
                    break;
                }
                seen[u] = run;
                dist[u] = len;
            }
            int from = cycleAt >= 0 ? cycleAt : 0;
            long delta = cycleAt >= 0 ? Long.MAX_VALUE : left;
            for (int i = from; i < len; i++) {
                delta = Math.min(delta, flow[pathDirs[i]]);
            }
            for (int i = from; i < len; i++) {
                flow[pathDirs[i]] -= (int) delta;
            }
            if (cycleAt < 0) {
                left -= delta;
                out.add(new Flow(Arrays.copyOf(pathDirs, len), delta * acc));
            }
        }
        return out;
    }

    /** The combined cost of the flow the last {@link #minflow} found (for the differential test). */
    long lastCost;

    /** Σ over directions with flow of each unit's arc cost, filling arcs cheapest first. */
    private long flowCost() {
        long c = 0;
        for (int i = 0; i < flowDirCount; i++) {
            int e = flowDirs[i];
            long f = flow[e];
            if (f <= 0) {
                continue; // empty, or counted already (negated below)
            }
            arcs(e, g.source(e), g.target(e));
            for (int j = 0; j < 4 && f > 0; j++) {
                long u = Math.min(f, segCap[j]);
                c += u * segCost[j];
                f -= u;
            }
            flow[e] = -flow[e];
        }
        for (int i = 0; i < flowDirCount; i++) {
            int e = flowDirs[i];
            if (flow[e] < 0) {
                flow[e] = -flow[e];
            }
        }
        return c;
    }

    // ------------------------------------------------------------------ heap

    private void push(long key, int node) {
        if (heapSize == heapKey.length) {
            heapKey = Arrays.copyOf(heapKey, 2 * heapSize);
            heapNode = Arrays.copyOf(heapNode, 2 * heapSize);
        }
        int i = heapSize++;
        while (i > 0) {
            int p = (i - 1) >> 1;
            if (heapKey[p] <= key) {
                break;
            }
            heapKey[i] = heapKey[p];
            heapNode[i] = heapNode[p];
            i = p;
        }
        heapKey[i] = key;
        heapNode[i] = node;
    }

    private void pop() {
        long key = heapKey[--heapSize];
        int node = heapNode[heapSize];
        int i = 0;
        int n = heapSize;
        while (true) {
            int c = 2 * i + 1;
            if (c >= n) {
                break;
            }
            if (c + 1 < n && heapKey[c + 1] < heapKey[c]) {
                c++;
            }
            if (heapKey[c] >= key) {
                break;
            }
            heapKey[i] = heapKey[c];
            heapNode[i] = heapNode[c];
            i = c;
        }
        if (n > 0) {
            heapKey[i] = key;
            heapNode[i] = node;
        }
    }
}
