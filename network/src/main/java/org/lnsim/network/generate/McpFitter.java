package org.lnsim.network.generate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.commons.math3.analysis.ParametricUnivariateFunction;
import org.apache.commons.math3.fitting.AbstractCurveFitter;
import org.apache.commons.math3.fitting.WeightedObservedPoint;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresProblem;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.DiagonalMatrix;
import org.apache.commons.math3.stat.regression.SimpleRegression;
import org.lnsim.network.AddressType;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.NodeAddress;
import org.lnsim.network.stats.NetworkStatistics;

/**
 * Fits the Million Channels Project model (lightning-facts §1.2) to a channel graph, the way MCP's
 * {@code powerLawReg.py} and {@code fundingReg.py} do:
 * <ol>
 *   <li>degree PMF: over nodes with ≥ 1 channel, x = each distinct degree that occurs, y = fraction of nodes with
 *       exactly that degree; {@code c·(x+b)^−a} fitted by unweighted least squares; in addition (not in MCP) the
 *       same law by maximum likelihood, {@link #fitDegreeLawMle}, which the generator uses by default;</li>
 *   <li>node capacity: node totals in {@value #CAPACITY_BIN_SAT}-sat bins ({@code round(v / 10^6)}), a forward
 *       sliding-window sum over {@value #CAPACITY_WINDOW_BINS} bins (window i sums bins i..i+99, as MCP's
 *       {@code zip} of shifted lists, so there are {@code bins − 99} windows), the non-zero windows normalised to sum
 *       1, x = window index, fitted with the same law;</li>
 *   <li>rank shares and 4. peer-minus-channel by rank: {@link NetworkStatistics#rankProperties}, the latter with a
 *       least-squares line over ranks 0..9;</li>
 *   <li>the distinct usable (known, enabled) direction policies with counts;</li>
 *   <li>the address kinds of nodes with ≥ 1 channel (one kind per node: its set of address types);</li>
 *   <li>(not in MCP) the per-node policy model, {@link NodePolicies#fit}: home policies, deviating and disabled
 *       shares and offline nodes by degree class (issue 22);</li>
 *   <li>snapshot size: channels, nodes with channels, max degree, max node capacity.</li>
 * </ol>
 *
 * <p><b>Curve fitting.</b> MCP uses scipy's {@code curve_fit} without an initial guess, i.e. Levenberg–Marquardt
 * (MINPACK) from {@code (a, b, c) = (1, 1, 1)}. lnsim uses commons-math3's {@link LevenbergMarquardtOptimizer} from
 * the same initial guess {@link #INITIAL_GUESS}, unweighted, with the analytic Jacobian. One guard is added that scipy
 * lacks: during the iterations {@code b} is kept above {@code −min(x) + 10^−9} so that {@code (x+b)^−a} stays defined
 * (scipy would produce NaN there and stop). The fit is least squares on the PMF itself, so it is dominated by the few
 * large low-degree probabilities; the tail exponent is weakly determined (lightning-facts §1.6: "treat them as
 * indicative only").
 */
public final class McpFitter {
    /** Initial guess (a, b, c) of both power-law fits: scipy {@code curve_fit}'s default of all ones. */
    public static final double[] INITIAL_GUESS = {1, 1, 1};
    /** Bin width of the node-capacity fit (lightning-facts §1.2 item 2). */
    public static final long CAPACITY_BIN_SAT = 1_000_000;
    /** Forward sliding-window length of the node-capacity fit (lightning-facts §1.2 item 2). */
    public static final int CAPACITY_WINDOW_BINS = 100;
    private static final int MAX_ITERATIONS = 10_000;
    /**
     * The fit keeps the degrees of one node in {@value} (with channels, rounded up, at least one) as {@link
     * McpFit#topDegrees()}: the top 1%, the hubs whose size and count decide the route length (issue 22: the degree
     * law's tail under MCP's cap lets one hub reach almost every node). Integer arithmetic, so no rounding edge.
     */
    public static final int TOP_ONE_IN = 100;

    private McpFitter() {
    }

    /**
     * Fits every part of the model.
     *
     * @param source      name of the snapshot, stored in the fit
     * @param generatedBy the command that regenerates the fit, stored in the fit
     * @throws IllegalArgumentException if the graph is too small or degenerate to fit (e.g. no node with ≥ 10
     *                                  channels, fewer than 100 capacity bins, no usable policy)
     */
    public static McpFit fit(ChannelGraph g, String source, String generatedBy) {
        int n = g.nodeCount();
        int nodesWithChannels = 0;
        int maxDegree = 0;
        long[] nodeTotal = g.nodeCapacitiesSat();
        long maxNodeCap = 0;
        int[] degrees = new int[n];
        for (int v = 0; v < n; v++) {
            int d = g.degree(v);
            if (d > 0) {
                degrees[nodesWithChannels++] = d;
                maxDegree = Math.max(maxDegree, d);
                maxNodeCap = Math.max(maxNodeCap, nodeTotal[v]);
            }
        }
        if (nodesWithChannels < 3) {
            throw new IllegalArgumentException("cannot fit a network with fewer than 3 nodes with channels");
        }
        PowerLaw degreeLaw = fitDegreeLaw(Arrays.copyOf(degrees, nodesWithChannels));
        PowerLaw degreeLawMle = fitDegreeLawMle(Arrays.copyOf(degrees, nodesWithChannels), maxDegree);
        PowerLaw capacityLaw = fitNodeCapacityLaw(nodeTotal);

        NetworkStatistics.RankProperties ranks = NetworkStatistics.rankProperties(g);
        if (ranks.nodes() == 0) {
            throw new IllegalArgumentException("cannot fit rank shares: no node has at least "
                    + NetworkStatistics.RANK_MIN_DEGREE + " channels");
        }
        double[] shares = new double[McpFit.RANKS];
        double[] peer = new double[McpFit.RANKS];
        SimpleRegression line = new SimpleRegression();
        for (int k = 0; k < McpFit.RANKS; k++) {
            shares[k] = McpFit.round(ranks.meanShare()[k]);
            peer[k] = McpFit.round(ranks.meanPeerMinusChannelSat()[k]);
            line.addData(k, ranks.meanPeerMinusChannelSat()[k]);
        }
        return new McpFit(source, generatedBy, g.channelCount(), nodesWithChannels, maxDegree, maxNodeCap,
                degreeLaw, degreeLawMle, capacityLaw, CAPACITY_BIN_SAT, CAPACITY_WINDOW_BINS, shares, ranks.nodes(), peer,
                McpFit.round(line.getSlope()), McpFit.round(line.getIntercept()), policyTable(g), addressMix(g),
                NodePolicies.fit(g), topDegrees(Arrays.copyOf(degrees, nodesWithChannels)), topHomes(g),
                NodePolicies.Siblings.fit(g), topRankHomes(g), topPeers(g),
                topShareByClass(g), classHomesBelowTop(g), capacityByClass(g), topLeafPeers(g), topRankPolicies(g),
                topLinks(g), bodyDegrees(Arrays.copyOf(degrees, nodesWithChannels)));
    }

    /**
     * {@link McpFit#capacityByClass()}: the channels grouped by the {@link NodePolicies#classOf} class of their
     * smaller end's degree (all channels, usable or not, parallel ones each), and per class the capacities (sat)
     * sorted ascending, {@code s[0..n−1]}, read at {@value McpFit#CAPACITY_QUANTILES} + 1 points: quantile j is
     * {@code s[floor(j·(n−1) / CAPACITY_QUANTILES)]} (integer arithmetic, a value that occurs, so round sizes such as
     * 50,000 sat stay exact); an empty array for a class without channels. A channel's smaller end is the one the
     * capacity depends on most: a one-channel node's channel is as large as that node put in (2026-02-03: of those
     * whose node can be paid, 49% are below 50,000 sat; of the channels between nodes with 100 or more channels,
     * few are).
     */
    static long[][] capacityByClass(ChannelGraph g) {
        int classes = NodePolicies.DEGREE_CLASS_MIN.size();
        long[][] caps = new long[classes][];
        int[] count = new int[classes];
        for (int k = 0; k < classes; k++) {
            caps[k] = new long[16];
        }
        for (int c = 0; c < g.channelCount(); c++) {
            int k = NodePolicies.classOf(Math.min(g.degree(g.node1(c)), g.degree(g.node2(c))));
            if (count[k] == caps[k].length) {
                caps[k] = Arrays.copyOf(caps[k], 2 * caps[k].length);
            }
            caps[k][count[k]++] = Math.max(1, g.capacityMsat(c) / 1000);
        }
        long[][] out = new long[classes][];
        for (int k = 0; k < classes; k++) {
            long[] s = Arrays.copyOf(caps[k], count[k]);
            Arrays.sort(s);
            out[k] = new long[s.length == 0 ? 0 : McpFit.CAPACITY_QUANTILES + 1];
            for (int j = 0; j < out[k].length; j++) {
                out[k][j] = s[(int) ((long) j * (s.length - 1) / McpFit.CAPACITY_QUANTILES)];
            }
        }
        return out;
    }

    /**
     * {@link McpFit#classHomesBelowTop()}: the homes ({@link NodePolicies#homeOf}) of the nodes outside the {@link
     * #topNodes}, by {@link NodePolicies#classOf} class of their degree; offline nodes have none and are left out.
     * Counted in nodes, most frequent first ({@link NodePolicies#table}).
     */
    static List<List<McpFit.PolicyEntry>> classHomesBelowTop(ChannelGraph g) {
        boolean[] isTop = marks(g, topNodes(g));
        List<Map<NodePolicies.Key, long[]>> counts = new ArrayList<>();
        for (int k = 0; k < NodePolicies.DEGREE_CLASS_MIN.size(); k++) {
            counts.add(new HashMap<>());
        }
        for (int v = 0; v < g.nodeCount(); v++) {
            if (isTop[v] || g.degree(v) == 0) {
                continue;
            }
            NodePolicies.Key home = NodePolicies.homeOf(g, v);
            if (home != null) {
                counts.get(NodePolicies.classOf(g.degree(v))).computeIfAbsent(home, x -> new long[1])[0]++;
            }
        }
        List<List<McpFit.PolicyEntry>> out = new ArrayList<>();
        for (Map<NodePolicies.Key, long[]> c : counts) {
            out.add(NodePolicies.table(c));
        }
        return out;
    }

    /**
     * By {@link NodePolicies#classOf} class of their degree, over the nodes not in {@code isTop}: their channel ends
     * (parallel channels each count), {@code [0][class]}, and those whose peer is in {@code isTop}, {@code [1][class]}.
     * What {@link #topShareByClass} fits, and what the tests measure on a generated network.
     */
    static long[][] endsToTopByClass(ChannelGraph g, boolean[] isTop) {
        int classes = NodePolicies.DEGREE_CLASS_MIN.size();
        long[] ends = new long[classes];
        long[] toTop = new long[classes];
        for (int v = 0; v < g.nodeCount(); v++) {
            if (isTop[v] || g.degree(v) == 0) {
                continue;
            }
            int k = NodePolicies.classOf(g.degree(v));
            for (int s = g.outStart(v); s < g.outEnd(v); s++) {
                ends[k]++;
                if (isTop[g.outPeer(s)]) {
                    toTop[k]++;
                }
            }
        }
        return new long[][] {ends, toTop};
    }

    /**
     * {@link McpFit#topShareByClass()}: over the nodes outside the {@link #topNodes}, by {@link
     * NodePolicies#classOf} class of their degree, the share of their channel ends (parallel channels each count)
     * whose peer is a top node, rounded ({@link McpFit#round}); a class without such ends takes the class below's
     * share (0 for the first).
     */
    static double[] topShareByClass(ChannelGraph g) {
        long[][] counts = endsToTopByClass(g, marks(g, topNodes(g)));
        long[] ends = counts[0];
        long[] toTop = counts[1];
        int classes = ends.length;
        double[] out = new double[classes];
        for (int k = 0; k < classes; k++) {
            out[k] = ends[k] == 0 ? (k == 0 ? 0 : out[k - 1]) : McpFit.round((double) toTop[k] / ends[k]);
        }
        return out;
    }

    /**
     * {@link McpFit#topLeafPeers()}: for each of the {@code ceil(n / TOP_ONE_IN)} nodes with the most channels, in
     * {@link #topDegrees} order, {@code [p, l]}: p its peers with exactly one channel (that channel is then theirs
     * together), l of those with a usable direction (live, as {@link NodePolicies} counts offline nodes).
     */
    static int[][] topLeafPeers(ChannelGraph g) {
        int[] top = topNodes(g);
        int[][] out = new int[top.length][2];
        for (int i = 0; i < top.length; i++) {
            int v = top[i];
            for (int s = g.outStart(v); s < g.outEnd(v); s++) {
                if (g.degree(g.outPeer(s)) == 1) {
                    out[i][0]++;
                    if (g.isUsable(g.outDirection(s) ^ 1)) {
                        out[i][1]++;
                    }
                }
            }
        }
        return out;
    }

    /**
     * {@link McpFit#topLinks()}: for each pair of the {@code ceil(n / TOP_ONE_IN)} nodes with the most channels that
     * has a channel, its first channel in the lower rank's channel order, with each direction's policy (null when
     * unusable); by lower rank, then in that node's channel order.
     */
    static List<McpFit.TopLink> topLinks(ChannelGraph g) {
        int[] top = topNodes(g);
        int[] rank = ranks(g, top);
        List<McpFit.TopLink> out = new ArrayList<>();
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (int i = 0; i < top.length; i++) {
            for (int s = g.outStart(top[i]); s < g.outEnd(top[i]); s++) {
                int j = rank[g.outPeer(s)];
                if (j > i && seen.add(((long) i << 32) | j)) {
                    int e = g.outDirection(s);
                    out.add(new McpFit.TopLink(i, j, linkPolicy(g, e), linkPolicy(g, e ^ 1)));
                }
            }
        }
        return out;
    }

    private static McpFit.PolicyEntry linkPolicy(ChannelGraph g, int e) {
        return g.isUsable(e) ? new McpFit.PolicyEntry(g.feeBaseMsat(e), g.feeProportionalMillionths(e),
                g.cltvExpiryDelta(e), g.htlcMinimumMsat(e), McpFit.HTLC_MAX_NONE, 1) : null;
    }

    /**
     * {@link McpFit#topRankPolicies()}: for each of the {@code ceil(n / TOP_ONE_IN)} nodes with the most channels, in
     * {@link #topDegrees} order, its usable directions to peers outside that set counted by policy ({@link
     * NodePolicies.Key}), one table per degree class of the peer ({@link NodePolicies#classOf}).
     */
    static List<List<List<McpFit.PolicyEntry>>> topRankPolicies(ChannelGraph g) {
        int[] top = topNodes(g);
        boolean[] isTop = marks(g, top);
        int classes = NodePolicies.DEGREE_CLASS_MIN.size();
        List<List<List<McpFit.PolicyEntry>>> out = new ArrayList<>();
        for (int v : top) {
            List<Map<NodePolicies.Key, long[]>> counts = new ArrayList<>();
            for (int k = 0; k < classes; k++) {
                counts.add(new HashMap<>());
            }
            for (int s = g.outStart(v); s < g.outEnd(v); s++) {
                int e = g.outDirection(s);
                int peer = g.outPeer(s);
                if (g.isUsable(e) && !isTop[peer]) {
                    counts.get(NodePolicies.classOf(g.degree(peer))).computeIfAbsent(NodePolicies.Key.of(g, e),
                            x -> new long[1])[0]++;
                }
            }
            List<List<McpFit.PolicyEntry>> byClass = new ArrayList<>();
            for (Map<NodePolicies.Key, long[]> c : counts) {
                byClass.add(NodePolicies.table(c));
            }
            out.add(byClass);
        }
        return out;
    }

    /**
     * The rich club ({@link McpFit#topPeers()}): for each of the {@code ceil(n / TOP_ONE_IN)} nodes with the most
     * channels, in {@link #topDegrees} order, how many of the other such nodes it has at least one channel with
     * (parallel channels count once, so that the generator, which makes no parallel channels, can reproduce it).
     */
    static int[] topPeers(ChannelGraph g) {
        int[] top = topNodes(g);
        int[] rank = ranks(g, top);
        int[] out = new int[top.length];
        boolean[] seen = new boolean[top.length];
        for (int i = 0; i < top.length; i++) {
            Arrays.fill(seen, false);
            int v = top[i];
            for (int s = g.outStart(v); s < g.outEnd(v); s++) {
                int r = rank[g.outPeer(s)];
                if (r >= 0 && r != i && !seen[r]) {
                    seen[r] = true;
                    out[i]++;
                }
            }
        }
        return out;
    }

    /**
     * The outward home ({@link NodePolicies#outwardHomeOf}) of each of the {@code ceil(n / TOP_ONE_IN)} nodes with
     * the most channels, in {@link #topDegrees} order (descending degree, ties: the lower node index first); null
     * for an offline one. Counts are 1.
     */
    static List<McpFit.PolicyEntry> topRankHomes(ChannelGraph g) {
        int[] top = topNodes(g);
        boolean[] isTop = marks(g, top);
        List<McpFit.PolicyEntry> out = new ArrayList<>();
        for (int v : top) {
            NodePolicies.Key h = NodePolicies.outwardHomeOf(g, v, isTop);
            out.add(h == null ? null : new McpFit.PolicyEntry(h.base(), h.ppm(), h.cltv(), h.hmin(), h.hmax(), 1));
        }
        return out;
    }

    /** Each node's index in {@code top} (its rank), -1 for a node not in it. */
    static int[] ranks(ChannelGraph g, int[] top) {
        int[] rank = new int[g.nodeCount()];
        Arrays.fill(rank, -1);
        for (int i = 0; i < top.length; i++) {
            rank[top[i]] = i;
        }
        return rank;
    }

    /** Marks the nodes of {@code top}. */
    static boolean[] marks(ChannelGraph g, int[] top) {
        boolean[] isTop = new boolean[g.nodeCount()];
        for (int v : top) {
            isTop[v] = true;
        }
        return isTop;
    }

    /** How many of {@code n} nodes with channels are top nodes: {@code ceil(n / TOP_ONE_IN)}. */
    static int topCount(int n) {
        return (n + TOP_ONE_IN - 1) / TOP_ONE_IN;
    }

    /** The {@code ceil(n / TOP_ONE_IN)} nodes with the most channels, descending degree, ties: lower index first. */
    static int[] topNodes(ChannelGraph g) {
        int n = g.nodeCount();
        long[] keys = new long[n];
        int withChannels = 0;
        for (int v = 0; v < n; v++) {
            if (g.degree(v) > 0) {
                keys[withChannels++] = ((long) (Integer.MAX_VALUE - g.degree(v)) << 32) | v;
            }
        }
        keys = Arrays.copyOf(keys, withChannels);
        Arrays.sort(keys);
        int k = topCount(withChannels);
        int[] out = new int[k];
        for (int i = 0; i < k; i++) {
            out[i] = (int) keys[i];
        }
        return out;
    }

    /**
     * The home policies ({@link NodePolicies#homeOf}) of the {@code ceil(n / TOP_ONE_IN)} nodes with the most
     * channels (ties: the lower node index first), n = nodes with channels; offline ones have no home and are left
     * out. Counted in nodes, most frequent first ({@link NodePolicies#table}).
     */
    static List<McpFit.PolicyEntry> topHomes(ChannelGraph g) {
        Map<NodePolicies.Key, long[]> counts = new HashMap<>();
        for (int v : topNodes(g)) {
            NodePolicies.Key home = NodePolicies.homeOf(g, v);
            if (home != null) {
                counts.computeIfAbsent(home, x -> new long[1])[0]++;
            }
        }
        return NodePolicies.table(counts);
    }

    /**
     * The largest {@code ceil(n / TOP_ONE_IN)} of {@code n} ≥ 1 degrees, descending. Example: 250 nodes give
     * ceil(2.5) = 3 degrees.
     */
    static int[] topDegrees(int[] degrees) {
        int[] sorted = degrees.clone();
        Arrays.sort(sorted);
        int k = topCount(sorted.length);
        int[] top = new int[k];
        for (int i = 0; i < k; i++) {
            top[i] = sorted[sorted.length - 1 - i];
        }
        return top;
    }

    /**
     * {@link McpFit#bodyDegrees()}: the degrees of every node but the {@code ceil(n / TOP_ONE_IN)} with the most
     * ({@link #topDegrees}), as {@code [degree, nodes]} rows, ascending. Example: degrees 1, 1, 2, 5, 9 (n = 5,
     * one top node, the 9) give [1, 2], [2, 1], [5, 1].
     *
     * @param degrees the degrees of the nodes with channels (each ≥ 1)
     */
    static int[][] bodyDegrees(int[] degrees) {
        int[] sorted = degrees.clone();
        Arrays.sort(sorted);
        int body = sorted.length - topCount(sorted.length);
        List<int[]> rows = new ArrayList<>();
        for (int i = 0; i < body; ) {
            int j = i;
            while (j < body && sorted[j] == sorted[i]) {
                j++;
            }
            rows.add(new int[] {sorted[i], j - i});
            i = j;
        }
        return rows.toArray(new int[0][]);
    }

    /** Fit (a): the degree PMF over the distinct degrees that occur (all degrees given must be ≥ 1). */
    public static PowerLaw fitDegreeLaw(int[] degrees) {
        int[] sorted = degrees.clone();
        Arrays.sort(sorted);
        List<WeightedObservedPoint> points = new ArrayList<>();
        int i = 0;
        while (i < sorted.length) {
            int j = i;
            while (j < sorted.length && sorted[j] == sorted[i]) {
                j++;
            }
            points.add(new WeightedObservedPoint(1, sorted[i], (double) (j - i) / sorted.length));
            i = j;
        }
        return fitLaw(points);
    }

    /**
     * Fit (a'): the degree law by maximum likelihood under the generator's own sampling model. The generator draws a
     * continuous x from the law over {@code (0, cap]}, rounds it and rejects 0, so degree k ≥ 1 has probability
     * {@code P(k) = ∫ over [k−½, min(k+½, cap)] / ∫ over [½, cap]}; this method maximises
     * {@code Σ log P(deg_i)} over (a, b) with {@code cap} = the largest degree, by Nelder–Mead from (2, 2) within
     * {@code a > 1}, {@code b > −½}. {@code c} is then the value that makes the law integrate to 1 over
     * {@code [½, cap]} (it does not affect sampling).
     *
     * <p>Why: MCP's least-squares fit on the PMF weighs every distinct degree equally in absolute probability, so the
     * tail (where the mean degree comes from) hardly counts. On the 2019-01-18 snapshot it gives a = 2.115, close to
     * this estimate (2.126), and reproduces MCP's 94K nodes at 1M channels; on 2019-05-14 it gives a = 1.448, a law
     * whose mean grows with the cap (mean 58 at the snapshot's own max degree 1,370 against the real 17.5; 174 at
     * cap 10,000, i.e. about 11K nodes for 1M channels). The likelihood counts every node, so the estimate keeps the
     * mean: on 2019-05-14 a = 2.150, b = 4.38, mean 17.0 at cap 1,370.
     */
    public static PowerLaw fitDegreeLawMle(int[] degrees, int cap) {
        int[] sorted = degrees.clone();
        Arrays.sort(sorted);
        if (sorted.length == 0 || sorted[0] < 1 || sorted[sorted.length - 1] > cap) {
            throw new IllegalArgumentException("degrees must be in [1, " + cap + "]");
        }
        int distinct = 0;
        int[] values = new int[sorted.length];
        long[] counts = new long[sorted.length];
        for (int i = 0; i < sorted.length; ) {
            int j = i;
            while (j < sorted.length && sorted[j] == sorted[i]) {
                j++;
            }
            values[distinct] = sorted[i];
            counts[distinct++] = j - i;
            i = j;
        }
        int k = distinct;
        long n = sorted.length;
        org.apache.commons.math3.analysis.MultivariateFunction nll = t -> {
            double a = t[0];
            double b = t[1];
            if (!(a > 1.000001) || !(b > -0.5 + 1e-9) || a > 50) {
                return Double.MAX_VALUE;
            }
            double total = tailMass(a, b, 0.5, cap);
            double sum = 0;
            for (int i = 0; i < k; i++) {
                double x = values[i];
                sum -= counts[i] * Math.log(tailMass(a, b, x - 0.5, Math.min(x + 0.5, cap)) / total);
            }
            return Double.isFinite(sum) ? sum : Double.MAX_VALUE;
        };
        org.apache.commons.math3.optim.PointValuePair best = new org.apache.commons.math3.optim.nonlinear.scalar
                .noderiv.SimplexOptimizer(1e-12, 1e-12).optimize(
                new org.apache.commons.math3.optim.MaxEval(100_000),
                new org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction(nll),
                org.apache.commons.math3.optim.nonlinear.scalar.GoalType.MINIMIZE,
                new org.apache.commons.math3.optim.InitialGuess(new double[] {2, 2}),
                new org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex(new double[] {0.5, 0.5}));
        double a = best.getPoint()[0];
        double b = best.getPoint()[1];
        if (best.getValue() == Double.MAX_VALUE || n == 0) {
            throw new IllegalArgumentException("degree likelihood fit did not converge");
        }
        double c = 1 / tailMass(a, b, 0.5, cap);
        return new PowerLaw(McpFit.round(a), McpFit.round(b), McpFit.round(c));
    }

    /** {@code ∫ (x+b)^−a dx} over [lo, hi] for a > 1, computed without cancellation trouble for close bounds. */
    static double tailMass(double a, double b, double lo, double hi) {
        double e = 1 - a;
        // ((hi+b)^e − (lo+b)^e) / e  =  (lo+b)^e · expm1(e·ln((hi+b)/(lo+b))) / e
        return Math.pow(lo + b, e) * Math.expm1(e * Math.log((hi + b) / (lo + b))) / e;
    }

    /**
     * Fit (b): the node-capacity law from node totals in sat (zero totals are skipped, as MCP's {@code v > 0}).
     * Bins use Java's {@link Math#rint} (round half to even), which is Python 3's {@code round}.
     */
    public static PowerLaw fitNodeCapacityLaw(long[] nodeTotalsSat) {
        return fitLaw(capacityWindows(nodeTotalsSat));
    }

    /** The (window index, normalised window sum) points of fit (b), non-zero windows only. */
    static List<WeightedObservedPoint> capacityWindows(long[] nodeTotalsSat) {
        int maxBin = -1;
        for (long v : nodeTotalsSat) {
            if (v > 0) {
                maxBin = Math.max(maxBin, bin(v));
            }
        }
        long[] counts = new long[maxBin + 1];
        for (long v : nodeTotalsSat) {
            if (v > 0) {
                counts[bin(v)]++;
            }
        }
        int windows = counts.length - CAPACITY_WINDOW_BINS + 1;
        if (windows < 3) {
            throw new IllegalArgumentException("cannot fit node capacities: the largest node total spans only "
                    + counts.length + " bins of " + CAPACITY_BIN_SAT + " sat; at least "
                    + (CAPACITY_WINDOW_BINS + 2) + " are needed for the " + CAPACITY_WINDOW_BINS + "-bin window");
        }
        long window = 0;
        for (int k = 0; k < CAPACITY_WINDOW_BINS; k++) {
            window += counts[k];
        }
        long[] sums = new long[windows];
        long total = 0;
        for (int w = 0; w < windows; w++) {
            if (w > 0) {
                window += counts[w + CAPACITY_WINDOW_BINS - 1] - counts[w - 1];
            }
            sums[w] = window;
            total += window;
        }
        List<WeightedObservedPoint> points = new ArrayList<>();
        for (int w = 0; w < windows; w++) {
            if (sums[w] > 0) {
                points.add(new WeightedObservedPoint(1, w, (double) sums[w] / total));
            }
        }
        return points;
    }

    private static int bin(long sat) {
        return (int) Math.rint((double) sat / CAPACITY_BIN_SAT);
    }

    /** Unweighted Levenberg–Marquardt fit of {@code c·(x+b)^−a} from {@link #INITIAL_GUESS}; rounded parameters. */
    static PowerLaw fitLaw(List<WeightedObservedPoint> points) {
        if (points.size() < 3) {
            throw new IllegalArgumentException("a 3-parameter power law needs at least 3 points, got " + points.size());
        }
        double minX = points.stream().mapToDouble(WeightedObservedPoint::getX).min().orElseThrow();
        double[] p = new LawFitter(minX).fit(points);
        if (!(Double.isFinite(p[0]) && Double.isFinite(p[1]) && Double.isFinite(p[2]))) {
            throw new IllegalArgumentException("power-law fit did not converge: " + Arrays.toString(p));
        }
        return new PowerLaw(McpFit.round(p[0]), McpFit.round(p[1]), McpFit.round(p[2]));
    }

    /** {@code c·(x+b)^−a} with its gradient, for commons-math3. */
    static final class LawFunction implements ParametricUnivariateFunction {
        @Override
        public double value(double x, double... p) {
            return p[2] * Math.pow(x + p[1], -p[0]);
        }

        @Override
        public double[] gradient(double x, double... p) {
            double base = x + p[1];
            double pow = Math.pow(base, -p[0]);
            return new double[] {-p[2] * pow * Math.log(base), -p[0] * p[2] * pow / base, pow};
        }
    }

    /** commons-math3 curve fitter with the initial guess, the b guard and the iteration limit. */
    private static final class LawFitter extends AbstractCurveFitter {
        private final double minX;

        LawFitter(double minX) {
            this.minX = minX;
        }

        @Override
        protected LeastSquaresProblem getProblem(Collection<WeightedObservedPoint> points) {
            int len = points.size();
            double[] target = new double[len];
            double[] weights = new double[len];
            int i = 0;
            for (WeightedObservedPoint p : points) {
                target[i] = p.getY();
                weights[i] = p.getWeight();
                i++;
            }
            AbstractCurveFitter.TheoreticalValuesFunction model =
                    new AbstractCurveFitter.TheoreticalValuesFunction(new LawFunction(), points);
            double floorB = -minX + 1e-9;
            return new LeastSquaresBuilder()
                    .maxEvaluations(MAX_ITERATIONS * 10)
                    .maxIterations(MAX_ITERATIONS)
                    .start(INITIAL_GUESS)
                    .target(target)
                    .weight(new DiagonalMatrix(weights))
                    .model(model.getModelFunction(), model.getModelFunctionJacobian())
                    .parameterValidator(v -> {
                        if (v.getEntry(1) < floorB) {
                            ArrayRealVector fixed = new ArrayRealVector(v);
                            fixed.setEntry(1, floorB);
                            return fixed;
                        }
                        return v;
                    })
                    .build();
        }

        @Override
        protected LevenbergMarquardtOptimizer getOptimizer() {
            return new LevenbergMarquardtOptimizer();
        }
    }

    /** Fit (e): distinct usable direction policies, most frequent first, ties in ascending field order. */
    static List<McpFit.PolicyEntry> policyTable(ChannelGraph g) {
        record Key(long base, long ppm, int cltv, long hmin, long hmax) {
        }
        Map<Key, long[]> counts = new HashMap<>();
        for (int e = 0; e < 2 * g.channelCount(); e++) {
            if (!g.isUsable(e)) {
                continue;
            }
            long hmax;
            if (!g.hasHtlcMaximum(e)) {
                hmax = McpFit.HTLC_MAX_NONE;
            } else if (g.htlcMaximumMsat(e) == g.capacityMsat(ChannelGraph.channelOf(e))) {
                hmax = McpFit.HTLC_MAX_CAPACITY;
            } else {
                hmax = g.htlcMaximumMsat(e);
            }
            counts.computeIfAbsent(new Key(g.feeBaseMsat(e), g.feeProportionalMillionths(e), g.cltvExpiryDelta(e),
                    g.htlcMinimumMsat(e), hmax), k -> new long[1])[0]++;
        }
        if (counts.isEmpty()) {
            throw new IllegalArgumentException("cannot fit policies: no direction has a known, enabled policy");
        }
        return counts.entrySet().stream()
                .map(en -> new McpFit.PolicyEntry(en.getKey().base, en.getKey().ppm, en.getKey().cltv,
                        en.getKey().hmin, en.getKey().hmax, en.getValue()[0]))
                .sorted(Comparator.comparingLong(McpFit.PolicyEntry::count).reversed()
                        .thenComparingLong(McpFit.PolicyEntry::feeBaseMsat)
                        .thenComparingLong(McpFit.PolicyEntry::feePpm)
                        .thenComparingInt(McpFit.PolicyEntry::cltvDelta)
                        .thenComparingLong(McpFit.PolicyEntry::htlcMinMsat)
                        .thenComparingLong(McpFit.PolicyEntry::htlcMaxMsat))
                .collect(Collectors.toList());
    }

    /** The address kind of node {@code v} (see {@link McpFit.AddressEntry}). */
    static String addressKind(ChannelGraph g, int v) {
        if (!g.isAnnounced(v)) {
            return McpFit.KIND_NOT_ANNOUNCED;
        }
        EnumSet<AddressType> types = EnumSet.noneOf(AddressType.class);
        for (NodeAddress a : g.addresses(v)) {
            types.add(a.type());
        }
        if (types.isEmpty()) {
            return McpFit.KIND_NO_ADDRESS;
        }
        return types.stream().map(t -> t.name().toLowerCase(java.util.Locale.ROOT)).collect(Collectors.joining("+"));
    }

    /** Fit (f): address kinds of nodes with channels, most frequent first, ties by name. */
    static List<McpFit.AddressEntry> addressMix(ChannelGraph g) {
        Map<String, long[]> counts = new TreeMap<>();
        for (int v = 0; v < g.nodeCount(); v++) {
            if (g.degree(v) > 0) {
                counts.computeIfAbsent(addressKind(g, v), k -> new long[1])[0]++;
            }
        }
        return counts.entrySet().stream()
                .map(e -> new McpFit.AddressEntry(e.getKey(), e.getValue()[0]))
                .sorted(Comparator.comparingLong(McpFit.AddressEntry::count).reversed()
                        .thenComparing(McpFit.AddressEntry::kind))
                .collect(Collectors.toList());
    }
}
