package org.lnsim.network.generate;

import org.lnsim.random.NamedStreams;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.lnsim.network.AddressType;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.ChannelGraphBuilder;
import org.lnsim.network.NodeAddress;
import org.lnsim.network.NodeIds;

/**
 * The Million Channels Project generator (lightning-facts §1.3 steps 1–5 and 7; MCP {@code build.py}), scaled to 10M
 * channels with primitive arrays. Each stage draws from its own named stream of {@link NamedStreams}: {@code degrees},
 * {@code edges}, {@code node-capacities}, {@code channel-order} (or {@code channel-capacities} instead of both under
 * {@link TopologyMode#FITTED} with {@link McpFit#capacityByClass()}), {@code policies} or {@code node-policies},
 * {@code addresses},
 * {@code node-ids}. The same fit, configuration and seed give the same graph (byte-identical native file).
 *
 * <h2>Steps</h2>
 * <ol>
 *   <li><b>Degrees</b> (§1.3 step 1): draw x by inverse transform of the degree law's integral (the law chosen by
 *       {@link DegreeFit}: MCP's least-squares fit, or by default the maximum-likelihood fit) over
 *       {@code (0, maxChannels]}, round half to even (Python's {@code round}), reject 0 (and anything outside
 *       {@code [1, maxChannels]}); each accepted x is a node with target degree x. Drawing stops at the first accepted
 *       x that would bring the sum to ≥ 2 × channels; that x is not added. Hence the network has somewhat fewer
 *       channels than requested, as MCP's 998K for 1M. Under {@link TopologyMode#FITTED} (the default, not in MCP)
 *       the largest degrees are the fit's pinned ones and the draws stay below them ({@link
 *       #fittedDegrees}).</li>
 *   <li><b>Edges</b> (§1.3 step 2): nodes sorted by target degree, descending (stable). Node 0 is "in network". Each
 *       node in turn creates (target − current) channels to peers drawn uniformly from the pool of not-full nodes;
 *       a duplicate pair, or for the node's last channel a peer when neither end is in the network, is redrawn; after
 *       5 failed draws a scan takes the first eligible pool node (not a duplicate, and one end in the network), or the
 *       node gives up. Joining: a node in the network brings its peer in; a node outside collects its peers and brings
 *       them all in when it links to the network. Choices made here where MCP's code is incidental or does not scale:
 *       <ul>
 *         <li>the pool is a swap-remove array; full nodes leave it as soon as they fill (MCP removes them lazily
 *             when drawn, which rejects and redraws: the same uniform choice among not-full nodes), and the node whose
 *             turn it is leaves it at the start of its turn (MCP redraws on a self-draw; after its turn a node is full
 *             unless it gave up);</li>
 *         <li>the fallback scan goes over the pool in its current array order (MCP: node-id order, equally
 *             arbitrary); for a node outside the network it scans only the pool nodes inside the network, kept in a
 *             second swap-remove array, which finds the same eligible set without an O(pool) scan per node;</li>
 *         <li>duplicate pairs are found in a primitive open-addressing hash set of packed pairs;</li>
 *         <li>when the pool is empty generation stops (MCP: when one node is left).</li>
 *       </ul>
 *       Nodes that end with no channel (typically degree-1 nodes at the end when no in-network node has room) are
 *       dropped, and so is every channel outside the component of node 0, which makes the result connected by
 *       construction ({@link GenerationReport} counts both).</li>
 *   <li><b>Short channel ids</b> (§1.3 step 2): in channel creation order, block {@code 1 + k / 20}, transaction
 *       {@code 1 + k mod 20}, output 0 (MCP {@code tempScids}, 20 funding transactions per block).</li>
 *   <li><b>Node capacities</b> (§1.3 step 3): one value per node from the node-capacity law over
 *       {@code (0, maxFunding / 10^6]} in 10^6-sat units (values above (50 BTC − 50,000 sat) / 10^6 are rejected, as
 *       MCP), sorted ascending and given to the nodes sorted by ascending degree (stable).</li>
 *   <li><b>Channel order</b> (§1.3 step 4): nodes are visited from the most connected down; a node's unallocated
 *       capacity is set to its capacity when it is visited, and its channels (in creation order) are stably sorted by
 *       the peer's unallocated capacity, descending; peers not visited yet count 0, exactly as MCP's
 *       {@code unallocated} attribute. Then {@code s = round(deg / 4)} swaps of two positions drawn uniformly from
 *       the first s (MCP {@code swapFunc}).</li>
 *   <li><b>Channel capacities</b> (§1.3 step 5): round robin over nodes by ascending degree and channel rank; an
 *       unset channel gets {@code round(share[rank] × allocation)} for rank < 10, else
 *       {@code round(allocation / degree)}, sat. Capacities are at least 1 sat (a 0-sat channel can only arise
 *       for a node allocation below ~40 sat; MCP's floor of 100 units belongs to the skipped regtest scaling).
 *       Under {@link TopologyMode#FITTED}, when the fit has {@link McpFit#capacityByClass()} (not in MCP, issue
 *       22), steps 3–5 are replaced: each channel draws its capacity from the snapshot's capacities of its class
 *       ({@link #fittedCapacities}).</li>
 *   <li><b>No regtest scaling</b> (§1.3 step 6 is skipped): capacities stay in real sat, the units the power laws
 *       were fitted in.</li>
 *   <li><b>Policies</b>: {@link PolicyMode#MCP} gives every direction §1.3 step 7's update (cltv 10, htlc_min
 *       10,000 msat, base 1,000 msat, 1,000 ppm, no htlc_max); {@link PolicyMode#DIRECTION} draws each direction's
 *       policy independently from the fit's table in proportion to its count ("capacity" htlc_max becomes the
 *       channel's capacity, an absolute one is capped at it); {@link PolicyMode#NODE}, the default (not in MCP,
 *       issue 22), draws per node from the fit's {@link NodePolicies}: a home policy, deviating
 *       directions, offline nodes whose channels are disabled both ways, and disabled directions. With it the graph
 *       stays connected but its usable part need not be, as in the snapshots. Under {@link TopologyMode#FITTED} the
 *       draws follow the topology: pinned hub i takes the snapshot's hub i's outward home ({@link
 *       McpFit#topRankHomes()}; one drawn from {@link McpFit#topHomes()} when it has none) and draws each direction
 *       to a non-hub peer from hub i's policies towards that peer's degree class ({@link McpFit#topRankPolicies()});
 *       a channel between two hubs whose ranks the snapshot links carries that link's two policies ({@link
 *       McpFit#topLinks()}); every other node draws its home from its own degree class's homes, a direction between
 *       two nodes of the same home deviates as that home's sibling directions do ({@link NodePolicies.Siblings}),
 *       and any other direction of a non-hub node as the snapshot's directions of its (home, hub's home) pair when
 *       the peer is a hub and the pair is listed, else from its home's table and share for non-hub peers (the pooled
 *       other deviations and the class's share when the home has none);
 *       non-hub nodes draw their home from their class's homes below the top ({@link
 *       McpFit#classHomesBelowTop()}, when the fit has them); under {@link
 *       TopologyMode#MCP} every home comes from the pooled table and every deviation from one table, as before.</li>
 *   <li><b>Nodes</b>: ids are 33 random bytes with prefix 0x02 or 0x03, unique (a collision is redrawn). Each node's
 *       address kind is drawn from the fit's mix in proportion (MCP assigns floor(share × n) nodes per kind instead;
 *       a draw keeps multi-address kinds and needs no rounding remainder); announced nodes get alias = index
 *       zero-padded to 32 digits (§1.3 step 7); IPv4 addresses count up from 127.0.0.1, IPv6 from fe48::1, Tor names
 *       are random base32, DNS names {@code nK.lnsim.invalid}; all on port 9735.</li>
 * </ol>
 */
public final class McpGenerator {
    /** Smallest and largest channel counts accepted. */
    public static final long MIN_CHANNELS = 1_000;
    public static final long MAX_CHANNELS = 10_000_000;
    /** MCP's default {@code maxChannels} (lightning-facts §1.3 parameters). */
    public static final int DEFAULT_MAX_CHANNELS = 10_000;
    /** MCP's default {@code maxFunding}: 1 BTC per node (lightning-facts §1.3 parameters). */
    public static final long DEFAULT_MAX_FUNDING_SAT = 100_000_000L;
    /** Coinbase reward minus MCP's per-transaction fee, the hard upper bound of a node capacity (§1.3 step 3). */
    static final long MAX_NODE_CAPACITY_SAT = 5_000_000_000L - 50_000L;
    /** Share of a node's channel list that the swap hack permutes (MCP {@code swapFunc(.25, …)}). */
    static final double SWAP_SHARE = 0.25;
    /** Random draws before the fallback scan (MCP {@code j == 5}). */
    static final int DRAWS_BEFORE_SCAN = 5;
    private static final int PORT = 9735;
    private static final int PROGRESS_STEP = 1 << 16;
    private static final int MAX_REJECTIONS = 1_000_000;

    /** How direction policies are chosen. */
    public enum PolicyMode {
        /** Every direction gets MCP's uniform update (lightning-facts §1.3 step 7). */
        MCP,
        /**
         * Every direction draws independently from the fit's empirical policy table (stream {@code policies}); all
         * directions usable. The default before issue 22, kept so that networks generated before it can be rebuilt
         * byte for byte.
         */
        DIRECTION,
        /**
         * The default: per-node policies from the fit's {@link NodePolicies} (stream {@code node-policies}): each
         * node a home policy for its degree class, deviating directions, offline nodes and disabled directions.
         */
        NODE
    }

    /**
     * Where step 1's largest degrees come from (issue 22).
     */
    public enum TopologyMode {
        /**
         * Every degree from the degree law over {@code (0, maxChannels]} (MCP). The default before issue 22, kept so
         * that networks generated before it can be rebuilt byte for byte. With the likelihood law of a snapshot whose
         * exponent is near 2 (2021-04-16: a = 1.97; 2026-02-03: 1.99) the tail has no finite mean, so at a
         * snapshot's own size a few draws reach the cap and one hub ends up with a channel to nearly every node
         * (2021 seed 1: 6,076 channels among 6,077 nodes): random pairs are then 2.0 hops apart instead of the
         * snapshot's 3.4, and those draws eat the channel budget, leaving 30% fewer nodes than the snapshot.
         */
        MCP,
        /**
         * The default: the fit's {@link McpFit#topDegrees()} (the snapshot's top 1% of degrees, K values) are pinned,
         * scaled by {@code s = channels / snapshot channels}: {@code d_i = min(maxChannels, max(1, round(s·top_i)))},
         * for the first {@link #pinnedHubs} of them (the top 1% of the node count expected at this size: at most
         * K, fewer below the snapshot's size), as many as fit below 2 × channels endpoints; the remaining degrees
         * are drawn over {@code [1, min(maxChannels, smallest pinned degree)]}, with MCP's stop rule on the endpoints
         * left: from the snapshot's own degrees below its hubs ({@link McpFit#bodyDegrees()}, and the law's tail
         * above their largest, {@link BodyDegrees}) when the fit has them, else from the degree law as in {@link
         * #MCP}. At the snapshot's size (s = 1) the hubs are the
         * snapshot's own. Below it the hubs are the snapshot's largest by rank, scaled, and stay about 1% of the
         * nodes (before issue 22's last step all K were pinned at any size: at 10,000 channels from the 2019 fit 43
         * hubs, 3% of the nodes, and the quickstart's fee median was 250 ppm, the one operator's exit fee that 25
         * of those 43 ranks carry); above it all K are pinned and their degrees scale with the channel count (so
         * their share of the endpoints stays the snapshot's until the cap binds), an assumption: between
         * 2019-05-14 and 2026-02-03 the real largest degree grew 1.45-fold while channels grew 1.35-fold. Under
         * this mode the hubs are then wired among themselves (as the snapshot's hubs of their ranks are, {@link
         * McpFit#topLinks()}; else to as many random hubs as {@link McpFit#topPeers()} says), hub i to its rank's
         * share of one-channel nodes ({@link McpFit#topLeafPeers()}, and to no more by chance), and to the nodes
         * whose class quota asks for hubs ({@link McpFit#topShareByClass()}) before MCP's draw, when the fit has
         * those statistics.
         */
        FITTED
    }

    /** Which degree law of the fit drives step 1. */
    public enum DegreeFit {
        /** MCP's least-squares fit on the PMF ({@link McpFit#degreeLaw()}), the literal MCP method. */
        LSQ,
        /**
         * The maximum-likelihood fit ({@link McpFit#degreeLawMle()}, see {@link McpFitter#fitDegreeLawMle}); the
         * default, because on the 2019-05-14 snapshot the least-squares tail is so heavy (a = 1.448 &lt; 2) that the
         * mean degree follows the cap (1M channels give ~11K nodes instead of MCP's 94K).
         */
        MLE
    }

    /**
     * @param channels      target channel count, {@value #MIN_CHANNELS} to {@value #MAX_CHANNELS}
     * @param seed          seed of all random streams
     * @param maxChannels   cap on any node's channel count (≥ 1)
     * @param maxFundingSat upper bound of a node's capacity draw, sat (> 0, at most 50 BTC − 50,000 sat)
     * @param policies      policy mode
     * @param degreeFit     which fitted degree law to sample
     * @param topology      where the largest degrees come from
     */
    public record Config(long channels, long seed, int maxChannels, long maxFundingSat, PolicyMode policies,
                         DegreeFit degreeFit, TopologyMode topology) {
        public Config {
            if (channels < MIN_CHANNELS || channels > MAX_CHANNELS) {
                throw new IllegalArgumentException("channels must be between " + MIN_CHANNELS + " and " + MAX_CHANNELS
                        + ", got " + channels);
            }
            if (maxChannels < 1) {
                throw new IllegalArgumentException("max channels per node must be at least 1, got " + maxChannels);
            }
            if (maxFundingSat < CAPACITY_UNIT || maxFundingSat > MAX_NODE_CAPACITY_SAT) {
                throw new IllegalArgumentException("max funding must be between " + CAPACITY_UNIT + " and "
                        + MAX_NODE_CAPACITY_SAT + " sat, got " + maxFundingSat);
            }
            if (policies == null || degreeFit == null || topology == null) {
                throw new IllegalArgumentException("policy mode, degree fit and topology mode are required");
            }
        }

        /**
         * The defaults: MCP's max 10,000 channels per node and 1 BTC max funding, per-node policies, MLE degrees,
         * the fit's top degrees pinned.
         */
        public static Config of(long channels, long seed) {
            return new Config(channels, seed, DEFAULT_MAX_CHANNELS, DEFAULT_MAX_FUNDING_SAT, PolicyMode.NODE,
                    DegreeFit.MLE, TopologyMode.FITTED);
        }
    }

    /** Unit of the node-capacity law (its fit bins, lightning-facts §1.2 item 2). */
    static final long CAPACITY_UNIT = McpFitter.CAPACITY_BIN_SAT;

    /**
     * MCP's {@code --maxChannels default}: snapshot max degree × channels / snapshot node count, truncated
     * (MCP {@code build.initBuild}).
     */
    public static int defaultMaxChannels(McpFit fit, long channels) {
        double v = Math.floor((double) channels / fit.snapshotNodes() * fit.snapshotMaxDegree());
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, v));
    }

    /**
     * What a generation produced besides the graph.
     *
     * @param requestedChannels channels asked for
     * @param sampledNodes      nodes drawn in step 1
     * @param sampledEndpoints  sum of their target degrees (&lt; 2 × requested)
     * @param channels          channels in the result
     * @param nodes             nodes in the result (all have ≥ 1 channel)
     * @param droppedNodes      sampled nodes left without a channel in the main component
     * @param droppedChannels   channels outside the component of node 0 (removed)
     * @param gaveUp            turns that ended before the node reached its target (no eligible peer)
     */
    public record GenerationReport(long requestedChannels, int sampledNodes, long sampledEndpoints, int channels,
                                   int nodes, int droppedNodes, int droppedChannels, int gaveUp) {
    }

    /** The graph and its report. */
    public record Result(ChannelGraph graph, GenerationReport report) {
    }

    private final McpFit fit;
    private final Config config;
    private final GenerationProgress progress;

    /**
     * @throws IllegalArgumentException if {@code config} asks for {@link PolicyMode#NODE} and the fit has no
     *                                  {@link McpFit#nodePolicies()} (a fit file written before issue 22)
     */
    public McpGenerator(McpFit fit, Config config, GenerationProgress progress) {
        if (config.policies() == PolicyMode.NODE && fit.nodePolicies() == null) {
            throw new IllegalArgumentException("the fit of " + fit.source() + " has no node_policies (it was written "
                    + "before per-node policies existed): refit the snapshot with 'lnsim fit', or generate with "
                    + "policies 'direction' (the independent draw per direction)");
        }
        if (config.topology() == TopologyMode.FITTED && fit.topDegrees() == null) {
            throw new IllegalArgumentException("the fit of " + fit.source() + " has no top_degrees (it was written "
                    + "before fitted topologies existed): refit the snapshot with 'lnsim fit', or generate with "
                    + "topology 'mcp' (every degree from the degree law)");
        }
        this.fit = fit;
        this.config = config;
        this.progress = progress == null ? GenerationProgress.NONE : progress;
    }

    /** Runs all steps. */
    public Result generate() {
        long seed = config.seed();
        // ---- step 1: degree sequence, sorted descending
        PowerLaw degreeLaw = config.degreeFit() == DegreeFit.LSQ ? fit.degreeLaw() : fit.degreeLawMle();
        SplittableRandom degreeRnd = NamedStreams.stream(seed, "degrees");
        int[] target;
        int hubs = 0;
        if (config.topology() == TopologyMode.FITTED) {
            double scale = (double) config.channels() / fit.snapshotChannels();
            int[] top = Arrays.copyOf(fit.topDegrees(), pinnedHubs(fit.topDegrees().length, fit.snapshotNodes(),
                    fit.snapshotChannels(), config.channels()));
            BodyDegrees body = fit.bodyDegrees() == null ? null : new BodyDegrees(fit.bodyDegrees());
            target = fittedDegrees(top, scale, degreeLaw, body, config.maxChannels(), 2 * config.channels(),
                    degreeRnd::nextDouble, progress);
            hubs = pinnedCount(top, scale, config.maxChannels(), 2 * config.channels());
        } else {
            target = sampleDegrees(degreeLaw, config.maxChannels(), 2 * config.channels(), degreeRnd::nextDouble,
                    progress);
        }
        sortDescending(target);
        int sampledNodes = target.length;
        if (sampledNodes < 2) {
            throw new IllegalArgumentException("the degree law drew fewer than 2 nodes for " + config.channels()
                    + " channels; lower --max-channels or raise --channels");
        }
        long endpoints = 0;
        for (int t : target) {
            endpoints += t;
        }
        // ---- step 2: edges (under the fitted topology the hubs are first wired among themselves, when the fit has
        // its rich club)
        // with the snapshot's links among its hubs (top_links) the core copies those among the pinned ranks
        List<McpFit.TopLink> links = hubs > 0 && fit.topLinks() != null ? linksAmong(fit.topLinks(), hubs) : null;
        int[] core = links != null ? linkCounts(links, hubs, target)
                : hubs > 0 && fit.topPeers() != null ? corePeers(fit.topPeers(), hubs, target) : null;
        int[] quota = null;
        int[] leafQuota = hubs > 0 && fit.topLeafPeers() != null ? leafPeers(fit.topLeafPeers(), fit.topDegrees(),
                hubs, target, core) : null;
        if (hubs > 0 && fit.topShareByClass() != null) {
            long supply = 0;
            for (int i = 0; i < hubs; i++) {
                supply += target[i] - (core == null ? 0 : core[i]) - (leafQuota == null ? 0 : leafQuota[i]);
            }
            double[] shares = fit.topShareByClass();
            if (leafQuota != null) {
                shares[0] = 0; // one-channel nodes reach the hubs through the hubs' own counts
            }
            quota = hubQuotas(shares, hubs, target, supply, NamedStreams.stream(seed, "hub-quotas"));
        }
        Edges edges = buildEdges(target, endpoints, NamedStreams.stream(seed, "edges"), progress, hubs, core, quota,
                core == null ? null : NamedStreams.stream(seed, "hub-core"), leafQuota, links);
        // keep the component of node 0, then nodes with channels
        Compacted g = keepMainComponent(sampledNodes, edges);
        int n = g.nodes;
        int m = g.a.length;
        // CSR adjacency in creation order
        int[] off = new int[n + 1];
        for (int c = 0; c < m; c++) {
            off[g.a[c] + 1]++;
            off[g.b[c] + 1]++;
        }
        for (int v = 0; v < n; v++) {
            off[v + 1] += off[v];
        }
        int[] adj = new int[2 * m];
        int[] fill = Arrays.copyOf(off, n);
        for (int c = 0; c < m; c++) {
            adj[fill[g.a[c]]++] = c;
            adj[fill[g.b[c]]++] = c;
        }
        fill = null;
        // ---- steps 3-5: capacities (under the fitted topology from the snapshot's capacities by class, when the fit
        // has them)
        long[][] byClass = config.topology() == TopologyMode.FITTED ? fit.capacityByClass() : null;
        if (byClass != null) {
            progress.update("capacities", 0, 1);
            long[] capacity = fittedCapacities(g.a, g.b, n, byClass, NamedStreams.stream(seed, "channel-capacities"));
            progress.update("capacities", 1, 1);
            ChannelGraph graph = assemble(n, g.a, g.b, capacity, hubs, links);
            return new Result(graph, new GenerationReport(config.channels(), sampledNodes, endpoints, m, n,
                    sampledNodes - n, edges.count - m, edges.gaveUp));
        }
        progress.update("capacities", 0, 3L * n);
        int[] byChans = nodesByAscendingDegree(off, n);
        double[] alloc = nodeAllocations(fit.nodeCapacityLaw(), n, config.maxFundingSat(),
                NamedStreams.stream(seed, "node-capacities"));
        double[] allocOfNode = new double[n];
        for (int i = 0; i < n; i++) {
            allocOfNode[byChans[i]] = alloc[i];
        }
        progress.update("capacities", n, 3L * n);
        orderChannels(off, adj, g.a, g.b, byChans, NamedStreams.stream(seed, "channel-order"));
        progress.update("capacities", 2L * n, 3L * n);
        long[] capacity = channelCapacities(off, adj, byChans, allocOfNode, fit.rankShares(), m);
        progress.update("capacities", 3L * n, 3L * n);
        // ---- policies, node details, graph
        ChannelGraph graph = assemble(n, g.a, g.b, capacity, hubs, links);
        GenerationReport report = new GenerationReport(config.channels(), sampledNodes, endpoints, m, n,
                sampledNodes - n, edges.count - m, edges.gaveUp);
        return new Result(graph, report);
    }

    /**
     * Steps 3–5 under {@link TopologyMode#FITTED} when the fit has {@link McpFit#capacityByClass()}: channel c (in
     * order, one draw u uniform in [0, 1) each from {@code rnd}) gets the quantile function of its class (the {@link
     * NodePolicies#classOf} class of the smaller of its two ends' channel counts) at u, linear between the fit's
     * quantiles: with {@code x = u·Q} (Q = {@value McpFit#CAPACITY_QUANTILES}), {@code i = floor(x)}, capacity
     * {@code q[i] + round((x − i)·(q[i+1] − q[i]))} sat, so a size shared by a whole quantile step (the snapshots'
     * round 50,000 or 1,000,000 sat) comes out exactly. A class the snapshot had no channel in takes the nearest
     * class with channels (the one below on a tie). MCP's node-capacity law, rank shares and {@code
     * --max-funding} are not used. Why: {@link McpFit#capacityByClass()}.
     *
     * @param a     first end of each channel
     * @param b     second end of each channel
     * @param n     nodes
     * @param table the fit's quantiles by class (at least one class non-empty)
     */
    static long[] fittedCapacities(int[] a, int[] b, int n, long[][] table, SplittableRandom rnd) {
        int classes = table.length;
        long[][] use = new long[classes][];
        for (int k = 0; k < classes; k++) {
            for (int d = 0; d < classes && use[k] == null; d++) {
                if (k - d >= 0 && table[k - d].length > 0) {
                    use[k] = table[k - d];
                } else if (k + d < classes && table[k + d].length > 0) {
                    use[k] = table[k + d];
                }
            }
        }
        int[] degree = new int[n];
        for (int c = 0; c < a.length; c++) {
            degree[a[c]]++;
            degree[b[c]]++;
        }
        long[] out = new long[a.length];
        for (int c = 0; c < a.length; c++) {
            long[] q = use[NodePolicies.classOf(Math.min(degree[a[c]], degree[b[c]]))];
            double x = rnd.nextDouble() * (q.length - 1);
            int i = Math.min((int) x, q.length - 2);
            out[c] = q[i] + Math.round((x - i) * (q[i + 1] - q[i]));
        }
        return out;
    }

    // ------------------------------------------------------------------ step 1

    /**
     * Step 1: target degrees by inverse transform with MCP's stop rule, in draw order.
     *
     * @param targetEndpoints 2 × channels
     */
    static int[] sampleDegrees(PowerLaw law, int maxChannels, long targetEndpoints,
                               java.util.function.DoubleSupplier uniform, GenerationProgress progress) {
        law.checkSamplable(0, maxChannels);
        double flo = law.integral(0);
        double fhi = law.integral(maxChannels);
        return drawDegrees(u -> {
            double x = Math.rint(law.sampleAt(u, flo, fhi));
            return x >= 1 && x <= maxChannels ? (int) x : 0;
        }, "the degree law " + law, maxChannels, targetEndpoints, uniform, progress);
    }

    /**
     * MCP's stop rule over any draw: degrees {@code draw(u)} for successive uniforms, in draw order, until the next
     * would bring the sum to {@code targetEndpoints} or beyond. A draw of 0 is a rejection (out of [1, maxChannels]).
     *
     * @param what names the draw in the error when it rejects too often
     */
    static int[] drawDegrees(java.util.function.DoubleToIntFunction draw, String what, int maxChannels,
                             long targetEndpoints, java.util.function.DoubleSupplier uniform,
                             GenerationProgress progress) {
        int[] out = new int[1024];
        int count = 0;
        long total = 0;
        int rejections = 0;
        long nextReport = 0;
        while (true) {
            int d = draw.applyAsInt(uniform.getAsDouble());
            if (d == 0) {
                if (++rejections > MAX_REJECTIONS) {
                    throw new IllegalArgumentException(what + " yields no degree in [1, " + maxChannels + "]");
                }
                continue;
            }
            rejections = 0;
            if (total + d >= targetEndpoints) {
                break;
            }
            if (count == out.length) {
                out = Arrays.copyOf(out, out.length * 2);
            }
            out[count++] = d;
            total += d;
            if (total >= nextReport) {
                progress.update("degrees", total, targetEndpoints);
                nextReport = total + PROGRESS_STEP;
            }
        }
        progress.update("degrees", targetEndpoints, targetEndpoints);
        return Arrays.copyOf(out, count);
    }

    /**
     * Step 1 under {@link TopologyMode#FITTED}: the pinned degrees {@code min(maxChannels, max(1, round(scale·top_i)))}
     * in order while their sum stays below {@code targetEndpoints}, then degrees for the endpoints left over, in
     * {@code [1, min(maxChannels, smallest pinned degree)]}: from the snapshot's body ({@link BodyDegrees}) when the
     * fit has it, else {@link #sampleDegrees} from the law. Unsorted (pinned first, then draws).
     *
     * @param top   the fit's top degrees, descending, non-empty
     * @param scale channels / snapshot channels (> 0)
     * @param body  the fit's {@link McpFit#bodyDegrees()}, or null (a fit written before it)
     */
    static int[] fittedDegrees(int[] top, double scale, PowerLaw law, BodyDegrees body, int maxChannels,
                               long targetEndpoints, java.util.function.DoubleSupplier uniform,
                               GenerationProgress progress) {
        int k = pinnedCount(top, scale, maxChannels, targetEndpoints);
        int[] pinned = new int[k];
        long total = 0;
        for (int i = 0; i < k; i++) {
            pinned[i] = pinnedDegree(top[i], scale, maxChannels);
            total += pinned[i];
        }
        int bodyCap = k == 0 ? maxChannels : pinned[k - 1];
        int[] drawn = body == null ? sampleDegrees(law, bodyCap, targetEndpoints - total, uniform, progress)
                : drawDegrees(body.drawAt(law, bodyCap), "the body degrees", bodyCap, targetEndpoints - total, uniform,
                        progress);
        int[] out = Arrays.copyOf(pinned, k + drawn.length);
        System.arraycopy(drawn, 0, out, k, drawn.length);
        return out;
    }

    /**
     * How many of the fit's K top degrees {@link TopologyMode#FITTED} pins at {@code channels}: the top 1% of the
     * node count expected at that size, {@code ceil(snapshotNodes · channels / snapshotChannels / 100)}, at least 1
     * and at most K (exact integer arithmetic, so the snapshot's own size gives K). Example: the 2019-05-14 fit
     * (4,275 nodes, 37,497 channels, K = 43) at 10,000 channels: ceil(11.4) = 12 hubs; at 1M channels all 43.
     */
    static int pinnedHubs(int k, long snapshotNodes, long snapshotChannels, long channels) {
        long den = snapshotChannels * McpFitter.TOP_ONE_IN;
        long want = (snapshotNodes * channels + den - 1) / den;
        return (int) Math.max(1, Math.min(k, want));
    }

    /** How many of {@link #fittedDegrees}' values are pinned (the same loop without the draws). */
    static int pinnedCount(int[] top, double scale, int maxChannels, long targetEndpoints) {
        int k = 0;
        long total = 0;
        for (int t : top) {
            int d = pinnedDegree(t, scale, maxChannels);
            if (total + d >= targetEndpoints) {
                break;
            }
            k++;
            total += d;
        }
        return k;
    }

    /** {@code min(maxChannels, max(1, round(scale·t)))}, half to even. */
    static int pinnedDegree(int t, double scale, int maxChannels) {
        return (int) Math.max(1, Math.min(maxChannels, Math.rint(scale * t)));
    }

    /** Sorts descending, stable (equal values are indistinguishable, so stability is moot for plain ints). */
    static void sortDescending(int[] a) {
        Arrays.sort(a);
        for (int i = 0, j = a.length - 1; i < j; i++, j--) {
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    // ------------------------------------------------------------------ step 2

    /** Channels in creation order (endpoints in sorted-node numbering). */
    static final class Edges {
        final int[] a;
        final int[] b;
        int count;
        int gaveUp;

        Edges(int capacity) {
            a = new int[capacity];
            b = new int[capacity];
        }

        /** Appends the channel x–y, notes the pair and counts it in both ends' degrees. */
        void add(int x, int y, LongHashSet pairs, int[] deg) {
            pairs.add(pairKey(x, y));
            a[count] = x;
            b[count] = y;
            count++;
            deg[x]++;
            deg[y]++;
        }
    }

    /**
     * The hub core's quotas under {@link TopologyMode#FITTED}: how many other hubs generated hub i (node i, i &lt;
     * {@code hubs}) is wired to before step 2's draw, from the fit's {@link McpFit#topPeers()} p_i of K snapshot hubs:
     * {@code min(round(p_i·(hubs − 1)/(K − 1)), hubs − 1, target_i)}, the same share of the other hubs (p_i itself
     * when all K are pinned). Example: p = (2, 1, 1), K = 3, 3 hubs with targets (5, 1, 1): quotas (2, 1, 1).
     *
     * @param topPeers the fit's counts, one per snapshot hub (K ≥ hubs)
     * @param hubs     the pinned hubs, ≥ 1
     * @param target   every node's target degree, descending (the hubs first)
     */
    static int[] corePeers(int[] topPeers, int hubs, int[] target) {
        int k = topPeers.length;
        int[] quota = new int[hubs];
        for (int i = 0; i < hubs; i++) {
            double p = k == 1 ? 0 : (double) topPeers[i] * (hubs - 1) / (k - 1);
            quota[i] = (int) Math.min(Math.min(Math.rint(p), hubs - 1), target[i]);
        }
        return quota;
    }

    /**
     * How many one-channel nodes generated hub i (node i, i &lt; {@code hubs}) takes first under {@link
     * TopologyMode#FITTED}, from the fit's {@link McpFit#topLeafPeers()} (p_i of snapshot hub i's d_i channels):
     * {@code min(round(p_i·target_i/d_i), target_i − core_i)}, the same share of its channels. Example: p = 30 of
     * d = 100 channels, target 50, core 5: 15.
     *
     * @param leafPeers  the fit's rows, one per snapshot hub (K ≥ hubs)
     * @param topDegrees the fit's hub degrees d_i
     * @param core       each hub's quota of hub peers ({@link #corePeers}), or null
     */
    static int[] leafPeers(int[][] leafPeers, int[] topDegrees, int hubs, int[] target, int[] core) {
        int[] q = new int[hubs];
        for (int i = 0; i < hubs; i++) {
            long x = Math.round((double) leafPeers[i][0] * target[i] / topDegrees[i]);
            q[i] = (int) Math.max(0, Math.min(x, target[i] - (core == null ? 0 : core[i])));
        }
        return q;
    }

    /**
     * Each node's quota of hub peers under {@link TopologyMode#FITTED} (the fit's {@link McpFit#topShareByClass()}):
     * 0 for the hubs (nodes below {@code hubs}); for node v, x = min(1, f·share[class of target_v]) × target_v,
     * rounded down, plus 1 with probability x − ⌊x⌋ (one draw per node with a fractional part, in index order).
     * f = supply / Σ_v share[class of target_v]·target_v scales the shares so that the quotas ask for the hubs'
     * ends left after the core (1 when either is 0): the degrees below the hubs are drawn from the law, not the
     * snapshot's, so the classes' sizes differ from the snapshot's (2019-05-14 fit, seed 1: more nodes with 100 or
     * more channels, f ≈ 1.1), and without the scaling the ends left over went to nodes drawn uniformly, most of
     * them small. Example: shares 0.5 for 2–4 channels, f = 1, target 3: x = 1.5, quota 1 or 2 (2 with
     * probability 0.5).
     *
     * @param supply the hubs' ends left for non-hub peers (Σ target − core quota over the hubs)
     */
    static int[] hubQuotas(double[] shares, int hubs, int[] target, long supply, SplittableRandom rnd) {
        double demand = 0;
        for (int v = hubs; v < target.length; v++) {
            demand += shares[NodePolicies.classOf(target[v])] * target[v];
        }
        double f = supply > 0 && demand > 0 ? supply / demand : 1;
        int[] q = new int[target.length];
        for (int v = hubs; v < target.length; v++) {
            double x = Math.min(1, f * shares[NodePolicies.classOf(target[v])]) * target[v];
            double floor = Math.floor(x);
            q[v] = (int) floor + (x > floor && rnd.nextDouble() < x - floor ? 1 : 0);
        }
        return q;
    }

    /** Step 2 on nodes already sorted by descending target degree (MCP's draw: no hub core, no quotas). */
    static Edges buildEdges(int[] target, long endpoints, SplittableRandom rnd, GenerationProgress progress) {
        return buildEdges(target, endpoints, rnd, progress, 0, null, null, null, null, null);
    }

    /** The fit's links between two ranks below {@code hubs} (the generated network pins that many hubs). */
    static List<McpFit.TopLink> linksAmong(List<McpFit.TopLink> links, int hubs) {
        List<McpFit.TopLink> out = new ArrayList<>();
        for (McpFit.TopLink l : links) {
            if (l.high() < hubs) {
                out.add(l);
            }
        }
        return out;
    }

    /** Each hub's count of {@code links}, at most its target: its core quota (for {@link #leafPeers}' room). */
    static int[] linkCounts(List<McpFit.TopLink> links, int hubs, int[] target) {
        int[] c = new int[hubs];
        for (McpFit.TopLink l : links) {
            c[l.low()]++;
            c[l.high()]++;
        }
        for (int i = 0; i < hubs; i++) {
            c[i] = Math.min(c[i], target[i]);
        }
        return c;
    }

    /**
     * Step 2 on nodes already sorted by descending target degree, after the hub core when {@code core} is given:
     * nodes 0..core.length−1 in order, each wired to {@code core[i]} − (links it already has) other hubs, drawn
     * uniformly from the hubs whose quota is not yet met (after {@value #DRAWS_BEFORE_SCAN} duplicate draws, the
     * first eligible one in pool order; none left: the hub stops short, counted in {@link Edges#gaveUp}). The core's
     * channels come first in creation order, a hub linked to node 0 through them is in the network, and the MCP draw
     * then fills every node up to its target; it may add a few more hub-to-hub channels by its uniform choice (the
     * 2019-05-14 fit, seed 1: 232 without a core).
     *
     * With {@code quota}, a hub (node below {@code hubs}) in its turn draws each peer first among the non-hub nodes
     * whose quota of hub peers ({@link #hubQuotas}) is not met and that have room (up to {@value #DRAWS_BEFORE_SCAN}
     * draws that hit a duplicate, or for its last channel two ends outside the network; nodes found full or met are
     * dropped from that pool without counting as a draw), and only then as MCP; the non-hub nodes then fill their
     * remaining channels among themselves (and any hub left with room) as MCP.
     *
     * @param hubs    the pinned hubs (nodes 0..hubs−1), 0 for MCP's draw
     * @param core    each hub's quota of hub peers ({@link #corePeers}), or null for none
     * @param quota   each node's quota of hub peers ({@link #hubQuotas}), or null for none
     * With {@code leafQuota}, hub i in its turn first draws {@code leafQuota[i]} peers uniformly among the nodes
     * with a target of one channel that have none yet ({@link #leafPeers}; up to {@value #DRAWS_BEFORE_SCAN} draws
     * that hit a taken one, which are dropped from that pool; not for its last channel while it is outside the
     * network), before its quota draws.
     *
     * @param coreRnd the core's stream (only read when {@code core} is given)
     * @param leafQuota each hub's count of one-channel peers ({@link #leafPeers}), or null for none
     * @param links     the snapshot's links among the pinned hubs ({@link McpFit#topLinks()}), wired in order while
     *                  both ends are below their targets, instead of the drawn core; or null
     */
    static Edges buildEdges(int[] target, long endpoints, SplittableRandom rnd, GenerationProgress progress,
                            int hubs, int[] core, int[] quota, SplittableRandom coreRnd, int[] leafQuota,
                            List<McpFit.TopLink> links) {
        int n = target.length;
        Edges e = new Edges((int) (endpoints / 2));
        int[] deg = new int[n];
        boolean[] inNet = new boolean[n];
        // pool of not-full nodes and its subset inside the network, both swap-remove arrays with position indices
        int[] pool = new int[n];
        int[] poolPos = new int[n];
        for (int v = 0; v < n; v++) {
            pool[v] = v;
            poolPos[v] = v;
        }
        int[] poolSize = {n};
        int[] netPool = new int[n];
        int[] netPos = new int[n];
        Arrays.fill(netPos, -1);
        int[] netSize = {0};
        inNet[0] = true;
        netAdd(0, netPool, netPos, netSize);
        LongHashSet pairs = new LongHashSet((int) Math.min(Integer.MAX_VALUE / 4, endpoints / 2 + 16));
        int[] disconn = new int[16];
        long total = endpoints / 2;
        long nextReport = 0;
        progress.update("edges", 0, total);
        if (core != null) {
            if (links != null) {
                for (McpFit.TopLink l : links) {
                    if (deg[l.low()] < target[l.low()] && deg[l.high()] < target[l.high()]) {
                        e.add(l.low(), l.high(), pairs, deg);
                    }
                }
            } else {
                wireCore(core, target, e, deg, pairs, coreRnd);
            }
            for (int c = 0; c < e.count; c++) {
                if (deg[e.a[c]] >= target[e.a[c]] && poolPos[e.a[c]] >= 0) {
                    poolRemove(e.a[c], pool, poolPos, poolSize, netPool, netPos, netSize);
                }
                if (deg[e.b[c]] >= target[e.b[c]] && poolPos[e.b[c]] >= 0) {
                    poolRemove(e.b[c], pool, poolPos, poolSize, netPool, netPos, netSize);
                }
            }
            // the hubs reached from node 0 through the core are in the network
            boolean changed = true;
            while (changed) {
                changed = false;
                for (int c = 0; c < e.count; c++) {
                    if (inNet[e.a[c]] != inNet[e.b[c]]) {
                        setInNet(inNet[e.a[c]] ? e.b[c] : e.a[c], inNet, poolPos, netPool, netPos, netSize);
                        changed = true;
                    }
                }
            }
        }
        // non-hub nodes with a quota of hub peers left (removed lazily when found full or met)
        int[] qPool = null;
        int[] qPos = null;
        int qSize = 0;
        int[] got = null;
        if (quota != null) {
            qPool = new int[n];
            qPos = new int[n];
            got = new int[n];
            Arrays.fill(qPos, -1);
            for (int v = hubs; v < n; v++) {
                if (quota[v] > 0) {
                    qPos[v] = qSize;
                    qPool[qSize++] = v;
                }
            }
        }
        // nodes with a target of one channel and none yet, for the hubs' one-channel peers (removed lazily)
        int[] leafPool = null;
        int leafSize = 0;
        if (leafQuota != null) {
            leafPool = new int[n];
            for (int v = hubs; v < n; v++) {
                if (target[v] == 1 && deg[v] == 0) {
                    leafPool[leafSize++] = v;
                }
            }
        }
        for (int node = 0; node < n && poolSize[0] > 0; node++) {
            if (poolPos[node] >= 0) {
                poolRemove(node, pool, poolPos, poolSize, netPool, netPos, netSize);
            }
            int toCreate = target[node] - deg[node];
            // a hub with a quota of one-channel peers takes no more of them by chance (the snapshot's hubs of ranks
            // 11-43 hold 94 in 2019-05-14; with chance draws on top of the quotas they got 200-243)
            boolean noLeaves = leafPool != null && node < hubs;
            int leavesLeft = noLeaves ? leafQuota[node] : 0;
            int disCount = 0;
            boolean completed = true;
            for (int i = 0; i < toCreate; i++) {
                if (poolSize[0] == 0) {
                    completed = false;
                    break;
                }
                boolean last = i == toCreate - 1;
                int peer = -1;
                if (leavesLeft > 0 && !(last && !inNet[node])) {
                    leavesLeft--;
                    int tries = 0;
                    while (leafSize > 0 && tries < DRAWS_BEFORE_SCAN) {
                        int at = rnd.nextInt(leafSize);
                        int cand = leafPool[at];
                        leafPool[at] = leafPool[--leafSize];
                        if (poolPos[cand] >= 0 && deg[cand] == 0) {
                            peer = cand;
                            break;
                        }
                        tries++;
                    }
                }
                if (peer < 0 && qPool != null && node < hubs) {
                    int tries = 0;
                    while (qSize > 0 && tries < DRAWS_BEFORE_SCAN) {
                        int cand = qPool[rnd.nextInt(qSize)];
                        if (poolPos[cand] < 0 || got[cand] >= quota[cand]) {
                            qSize = coreRemove(cand, qPool, qPos, qSize);
                            continue;
                        }
                        if (!pairs.contains(pairKey(node, cand)) && !(last && !inNet[node] && !inNet[cand])) {
                            peer = cand;
                            break;
                        }
                        tries++;
                    }
                }
                for (int tries = 0; peer < 0 && tries < DRAWS_BEFORE_SCAN; tries++) {
                    int cand = pool[rnd.nextInt(poolSize[0])];
                    if (noLeaves && target[cand] == 1) {
                        continue;
                    }
                    if (!pairs.contains(pairKey(node, cand)) && !(last && !inNet[node] && !inNet[cand])) {
                        peer = cand;
                        break;
                    }
                }
                if (peer < 0) {
                    // fallback scan: first eligible (not a duplicate, one end in the network)
                    if (inNet[node]) {
                        for (int k = 0; k < poolSize[0]; k++) {
                            if (!pairs.contains(pairKey(node, pool[k]))) {
                                peer = pool[k];
                                break;
                            }
                        }
                    } else {
                        for (int k = 0; k < netSize[0]; k++) {
                            if (!pairs.contains(pairKey(node, netPool[k]))) {
                                peer = netPool[k];
                                break;
                            }
                        }
                    }
                }
                if (peer < 0) {
                    completed = false;
                    break;
                }
                e.add(node, peer, pairs, deg);
                if (got != null && node < hubs) {
                    got[peer]++;
                }
                if (deg[peer] >= target[peer]) {
                    poolRemove(peer, pool, poolPos, poolSize, netPool, netPos, netSize);
                }
                if (inNet[node] && !inNet[peer]) {
                    setInNet(peer, inNet, poolPos, netPool, netPos, netSize);
                } else if (!inNet[node] && !inNet[peer]) {
                    if (disCount == disconn.length) {
                        disconn = Arrays.copyOf(disconn, disCount * 2);
                    }
                    disconn[disCount++] = peer;
                } else if (!inNet[node]) {
                    setInNet(node, inNet, poolPos, netPool, netPos, netSize);
                    for (int k = 0; k < disCount; k++) {
                        setInNet(disconn[k], inNet, poolPos, netPool, netPos, netSize);
                    }
                    disCount = 0;
                }
                if (e.count >= nextReport) {
                    progress.update("edges", e.count, total);
                    nextReport = e.count + PROGRESS_STEP;
                }
            }
            if (!completed) {
                e.gaveUp++;
            }
        }
        progress.update("edges", total, total);
        return e;
    }

    /** The hub core of {@link #buildEdges}: appends its channels to {@code e}, counts them in {@code deg}. */
    private static void wireCore(int[] core, int[] target, Edges e, int[] deg, LongHashSet pairs,
                                 SplittableRandom rnd) {
        int h = core.length;
        int[] pool = new int[h];
        int[] pos = new int[h];
        int size = 0;
        for (int i = 0; i < h; i++) {
            pos[i] = -1;
            if (core[i] > 0) {
                pos[i] = size;
                pool[size++] = i;
            }
        }
        int[] have = new int[h];
        for (int i = 0; i < h; i++) {
            if (pos[i] >= 0) {
                size = coreRemove(i, pool, pos, size);
            }
            boolean completed = true;
            while (have[i] < core[i]) {
                if (size == 0) {
                    completed = false;
                    break;
                }
                int peer = -1;
                for (int tries = 0; tries < DRAWS_BEFORE_SCAN; tries++) {
                    int cand = pool[rnd.nextInt(size)];
                    if (!pairs.contains(pairKey(i, cand))) {
                        peer = cand;
                        break;
                    }
                }
                for (int k = 0; peer < 0 && k < size; k++) {
                    if (!pairs.contains(pairKey(i, pool[k]))) {
                        peer = pool[k];
                    }
                }
                if (peer < 0) {
                    completed = false;
                    break;
                }
                e.add(i, peer, pairs, deg);
                have[i]++;
                have[peer]++;
                if (have[peer] >= core[peer] || deg[peer] >= target[peer]) {
                    size = coreRemove(peer, pool, pos, size);
                }
            }
            if (!completed) {
                e.gaveUp++;
            }
        }
    }

    /** Swap-removes hub {@code v} from the core pool; returns the new size. */
    private static int coreRemove(int v, int[] pool, int[] pos, int size) {
        int p = pos[v];
        int last = pool[--size];
        pool[p] = last;
        pos[last] = p;
        pos[v] = -1;
        return size;
    }

    static long pairKey(int x, int y) {
        int lo = Math.min(x, y);
        int hi = Math.max(x, y);
        return ((long) lo << 32) | hi;
    }

    private static void setInNet(int v, boolean[] inNet, int[] poolPos, int[] netPool, int[] netPos, int[] netSize) {
        if (!inNet[v]) {
            inNet[v] = true;
            if (poolPos[v] >= 0) {
                netAdd(v, netPool, netPos, netSize);
            }
        }
    }

    private static void netAdd(int v, int[] netPool, int[] netPos, int[] netSize) {
        netPos[v] = netSize[0];
        netPool[netSize[0]++] = v;
    }

    private static void poolRemove(int v, int[] pool, int[] poolPos, int[] poolSize, int[] netPool, int[] netPos,
                                   int[] netSize) {
        int p = poolPos[v];
        int last = pool[--poolSize[0]];
        pool[p] = last;
        poolPos[last] = p;
        poolPos[v] = -1;
        int q = netPos[v];
        if (q >= 0) {
            int lastNet = netPool[--netSize[0]];
            netPool[q] = lastNet;
            netPos[lastNet] = q;
            netPos[v] = -1;
        }
    }

    /** Channels of the component of node 0, renumbered: nodes in their sorted order, channels in creation order. */
    record Compacted(int nodes, int[] a, int[] b) {
    }

    static Compacted keepMainComponent(int n, Edges e) {
        int m = e.count;
        // union-find over the created channels
        int[] parent = new int[n];
        for (int v = 0; v < n; v++) {
            parent[v] = v;
        }
        for (int c = 0; c < m; c++) {
            int ra = find(parent, e.a[c]);
            int rb = find(parent, e.b[c]);
            if (ra != rb) {
                parent[Math.max(ra, rb)] = Math.min(ra, rb);
            }
        }
        int root = find(parent, 0);
        int[] newIndex = new int[n];
        Arrays.fill(newIndex, -1);
        int kept = 0;
        int keptChannels = 0;
        for (int c = 0; c < m; c++) {
            if (find(parent, e.a[c]) == root) {
                keptChannels++;
            }
        }
        boolean[] has = new boolean[n];
        for (int c = 0; c < m; c++) {
            if (find(parent, e.a[c]) == root) {
                has[e.a[c]] = true;
                has[e.b[c]] = true;
            }
        }
        for (int v = 0; v < n; v++) {
            if (has[v]) {
                newIndex[v] = kept++;
            }
        }
        int[] a = new int[keptChannels];
        int[] b = new int[keptChannels];
        int k = 0;
        for (int c = 0; c < m; c++) {
            if (find(parent, e.a[c]) == root) {
                a[k] = newIndex[e.a[c]];
                b[k] = newIndex[e.b[c]];
                k++;
            }
        }
        return new Compacted(kept, a, b);
    }

    private static int find(int[] parent, int v) {
        while (parent[v] != v) {
            parent[v] = parent[parent[v]];
            v = parent[v];
        }
        return v;
    }

    // ------------------------------------------------------------------ steps 3-5

    /** Node indices sorted by ascending degree, ties by index (a stable sort of the descending-target order). */
    static int[] nodesByAscendingDegree(int[] off, int n) {
        long[] keys = new long[n];
        for (int v = 0; v < n; v++) {
            keys[v] = ((long) (off[v + 1] - off[v]) << 32) | v;
        }
        Arrays.sort(keys);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = (int) keys[i];
        }
        return out;
    }

    /** Step 3: n node allocations in sat, ascending. */
    static double[] nodeAllocations(PowerLaw law, int n, long maxFundingSat, SplittableRandom rnd) {
        double hi = (double) maxFundingSat / CAPACITY_UNIT;
        double reject = (double) MAX_NODE_CAPACITY_SAT / CAPACITY_UNIT;
        law.checkSamplable(0, hi);
        double flo = law.integral(0);
        double fhi = law.integral(hi);
        double[] out = new double[n];
        int rejections = 0;
        for (int i = 0; i < n; ) {
            double x = law.sampleAt(rnd.nextDouble(), flo, fhi);
            if (!(x > 0 && x <= reject)) {
                if (++rejections > MAX_REJECTIONS) {
                    throw new IllegalArgumentException("the node-capacity law " + law + " yields no value in (0, "
                            + hi + "]");
                }
                continue;
            }
            rejections = 0;
            out[i++] = x * CAPACITY_UNIT;
        }
        Arrays.sort(out);
        return out;
    }

    /**
     * Step 4: reorders each node's slice of {@code adj} (channel indices) in place: stable sort by the peer's
     * unallocated capacity (descending) as of the node's visit, then the 25% swap.
     *
     * @param byChans nodes by ascending degree; {@code byChans[i]} holds the i-th smallest capacity, so "visited
     *                earlier" means a larger position and a larger (or equal) capacity
     */
    static void orderChannels(int[] off, int[] adj, int[] a, int[] b, int[] byChans, SplittableRandom rnd) {
        int n = byChans.length;
        int[] visitedAt = new int[n];
        Arrays.fill(visitedAt, -1);
        long[] keys = new long[0];
        int[] tmp = new int[0];
        for (int i = n - 1; i >= 0; i--) {
            int v = byChans[i];
            visitedAt[v] = i;
            int start = off[v];
            int d = off[v + 1] - start;
            if (keys.length < d) {
                keys = new long[Math.max(d, 2 * keys.length)];
                tmp = new int[keys.length];
            }
            for (int s = 0; s < d; s++) {
                int c = adj[start + s];
                int peer = a[c] == v ? b[c] : a[c];
                // rank of the peer's unallocated capacity: its position + 1 if visited, 0 (nothing) otherwise
                long rank = visitedAt[peer] + 1L;
                keys[s] = ((n - rank) << 32) | s;
                tmp[s] = c;
            }
            Arrays.sort(keys, 0, d);
            for (int s = 0; s < d; s++) {
                adj[start + s] = tmp[(int) keys[s]];
            }
            int swaps = (int) Math.rint(SWAP_SHARE * d);
            for (int k = 0; k < swaps; k++) {
                int r1 = rnd.nextInt(swaps);
                int r2 = rnd.nextInt(swaps);
                int t = adj[start + r1];
                adj[start + r1] = adj[start + r2];
                adj[start + r2] = t;
            }
        }
    }

    /** Step 5: MCP's round robin over nodes (ascending degree) and channel ranks; capacities in sat, ≥ 1. */
    static long[] channelCapacities(int[] off, int[] adj, int[] byChans, double[] allocOfNode, double[] shares, int m) {
        int n = byChans.length;
        long[] cap = new long[m];
        Arrays.fill(cap, -1);
        int begin = 0;
        int nodei = 0;
        int chani = 0;
        while (begin < n) {
            int v = byChans[nodei];
            int d = off[v + 1] - off[v];
            if (chani + 1 == d) {
                begin++;
            }
            int c = adj[off[v] + chani];
            if (cap[c] < 0) {
                double value = chani < shares.length ? shares[chani] * allocOfNode[v] : allocOfNode[v] / d;
                cap[c] = Math.max(1, (long) Math.rint(value));
            }
            if (nodei == n - 1) {
                nodei = begin;
                chani++;
            } else {
                nodei++;
            }
        }
        return cap;
    }

    // ------------------------------------------------------------------ policies, nodes, graph

    /**
     * @param hubs the pinned hubs of {@link TopologyMode#FITTED}: nodes 0..hubs−1 (nodes keep the descending order
     *             of their targets and a hub is never dropped: node 0 is one, and every hub is wired to the network
     *             before any smaller node); 0 under {@link TopologyMode#MCP}
     */
    private ChannelGraph assemble(int n, int[] a, int[] b, long[] capacity, int hubs, List<McpFit.TopLink> links) {
        long seed = config.seed();
        int m = a.length;
        long work = (long) n + m;
        progress.update("policies", 0, work);
        ChannelGraphBuilder builder = new ChannelGraphBuilder();
        SplittableRandom idRnd = NamedStreams.stream(seed, "node-ids");
        SplittableRandom addrRnd = NamedStreams.stream(seed, "addresses");
        AddressSampler addresses = new AddressSampler(fit.addresses());
        byte[] id = new byte[NodeIds.LENGTH];
        for (int v = 0; v < n; v++) {
            GeneratedParts.addRandomNode(builder, idRnd, id);
            List<NodeAddress> addr = addresses.next(addrRnd);
            builder.setNodeAnnouncement(v, addr == null ? null : GeneratedParts.alias(v), addr);
            if ((v & (PROGRESS_STEP - 1)) == 0) {
                progress.update("policies", v, work);
            }
        }
        if (config.policies() == PolicyMode.NODE) {
            nodePolicies(builder, n, a, b, capacity, NamedStreams.stream(seed, "node-policies"), work, hubs, links);
        } else {
            PolicySampler policies = config.policies() == PolicyMode.DIRECTION ? new PolicySampler(fit.policies())
                    : null;
            SplittableRandom polRnd = NamedStreams.stream(seed, "policies");
            for (int c = 0; c < m; c++) {
                int ch = builder.addChannel(GeneratedParts.scid(c), a[c], b[c], capacity[c]);
                long capMsat = capacity[c] * 1000L;
                for (int side = 0; side < 2; side++) {
                    int from = side == 0 ? a[c] : b[c];
                    if (policies == null) {
                        GeneratedParts.setMcpPolicy(builder, ch, from);
                    } else {
                        setPolicy(builder, ch, from, policies.next(polRnd), capMsat, false);
                    }
                }
                if ((c & (PROGRESS_STEP - 1)) == 0) {
                    progress.update("policies", n + (long) c, work);
                }
            }
        }
        progress.update("policies", work, work);
        progress.update("build", 0, 1);
        ChannelGraph g = builder.build();
        progress.update("build", 1, 1);
        return g;
    }

    /** Sets a drawn table row on a direction: "capacity" htlc_max becomes the capacity, an absolute one is capped. */
    private static void setPolicy(ChannelGraphBuilder builder, int ch, int from, McpFit.PolicyEntry p, long capMsat,
                                  boolean disabled) {
        long hmax = p.htlcMaxMsat() == McpFit.HTLC_MAX_NONE ? McpFit.HTLC_MAX_NONE
                : p.htlcMaxMsat() == McpFit.HTLC_MAX_CAPACITY ? capMsat
                : Math.min(p.htlcMaxMsat(), capMsat);
        builder.setPolicy(ch, from, p.feeBaseMsat(), p.feePpm(), p.cltvDelta(), p.htlcMinMsat(), hmax, disabled);
    }

    /**
     * {@link PolicyMode#NODE}: adds the channels with per-node policies ({@link NodePolicies} states the model). Draw
     * order on {@code rnd}: per node in index order, the offline draw then the home draw (none for a hub with a rank
     * home; from the hub homes for the other nodes below {@code hubs}; with {@code hubs > 0} from the node's class
     * homes for the rest, else from the pooled homes); then per channel in order, per side (node 1 first), the
     * deviation draw (nodes with ≥ 2 channels only), the deviating policy when it hit, the htlc_max code, and the
     * disabled draw (directions between live nodes only). With {@code hubs > 0} (the fitted topology) the deviation
     * draw of a direction to a live peer with the same home uses that home's sibling share and table, and any other
     * direction to a live hub peer (index below {@code hubs}) whose (home, hub's home) pair the fit lists that
     * pair's share and table, and any other its home's share and table of deviating other directions to non-top
     * peers ({@link NodePolicies.HomeSiblings#deviatingShare()} of {@code otherByHome}; the class's deviating share
     * and the pooled other deviations when the home has no table). The class shares, drawn here before issue 22's
     * last step, count sibling deviations too, so other directions deviated more often than in the snapshot
     * (2019-05-14: 14.7% of other directions deviate, the class shares are 3–24%), most at the hubs, whose class
     * share (24% in 2019-05-14) moved their directions off their homes: the 2021-04-16 fee median was 22–30% low
     * on four seeds of five, and within ±20% on all but one with the home's share. When the fit has {@link
     * McpFit#topRankPolicies()}, a hub's direction to a non-hub peer is drawn instead, with one draw, from the
     * snapshot's hub of its rank's table for the peer's degree class (all its tables together when that one is
     * empty; the draw above when the hub had no usable such direction). A channel between two hubs whose ranks the
     * fit's {@link McpFit#topLinks()} link takes that link's two policies (an unusable one disabled), with the
     * htlc_max draw only.
     * Under {@link TopologyMode#FITTED} draws come in this order too; the node's home is drawn from
     * {@link McpFit#classHomesBelowTop()} when the fit has it.
     */
    private void nodePolicies(ChannelGraphBuilder builder, int n, int[] a, int[] b, long[] capacity,
                              SplittableRandom rnd, long work, int hubs, List<McpFit.TopLink> links) {
        NodePolicies np = fit.nodePolicies();
        int m = a.length;
        int[] degree = new int[n];
        for (int c = 0; c < m; c++) {
            degree[a[c]]++;
            degree[b[c]]++;
        }
        int classes = np.classes().size();
        List<McpFit.PolicyEntry> pooled = new ArrayList<>();
        for (NodePolicies.DegreeClass k : np.classes()) {
            pooled.addAll(k.homes());
        }
        PolicySampler homes = new PolicySampler(pooled);
        // the fitted topology: hub i takes the snapshot's hub i's outward home, when the fit has them
        List<McpFit.PolicyEntry> rankHomes = hubs > 0 ? fit.topRankHomes() : null;
        PolicySampler[] classHomes = new PolicySampler[np.classes().size()];
        List<List<McpFit.PolicyEntry>> belowTop = hubs > 0 ? fit.classHomesBelowTop() : null;
        for (int k = 0; k < classHomes.length; k++) {
            // the fitted topology: non-hub nodes draw from the homes of the snapshot's non-top nodes of their class
            List<McpFit.PolicyEntry> t = belowTop != null && !belowTop.get(k).isEmpty() ? belowTop.get(k)
                    : np.classes().get(k).homes();
            classHomes[k] = t.isEmpty() ? null : new PolicySampler(t);
        }
        PolicySampler hubHomes = hubs > 0 && fit.topHomes() != null && !fit.topHomes().isEmpty()
                ? new PolicySampler(fit.topHomes()) : homes;
        long[] hmaxCodes = new long[np.htlcMax().size()];
        long[] hmaxCumulative = new long[hmaxCodes.length];
        long hmaxTotal = 0;
        for (int i = 0; i < hmaxCodes.length; i++) {
            hmaxCodes[i] = np.htlcMax().get(i).code();
            hmaxTotal += np.htlcMax().get(i).count();
            hmaxCumulative[i] = hmaxTotal;
        }
        double[] offlineShare = new double[classes];
        double[] unusableShare = new double[classes];
        double[] deviatingShare = new double[classes];
        for (int k = 0; k < classes; k++) {
            NodePolicies.DegreeClass dc = np.classes().get(k);
            offlineShare[k] = dc.offlineShare();
            unusableShare[k] = dc.unusableShare();
            deviatingShare[k] = dc.deviatingShare();
        }
        PolicySampler deviations = np.deviations().isEmpty() ? null : new PolicySampler(np.deviations());
        // the fitted topology places deviations by peer (NodePolicies.Siblings); MCP's keeps the pooled draw
        NodePolicies.Siblings siblings = hubs > 0 ? fit.siblings() : null;
        java.util.Map<List<Long>, PolicySampler> siblingTables = new java.util.HashMap<>();
        java.util.Map<List<Long>, Double> siblingShares = new java.util.HashMap<>();
        PolicySampler otherDeviations = null;
        java.util.Map<List<Long>, PolicySampler> otherTables = new java.util.HashMap<>();
        java.util.Map<List<Long>, Double> otherShares = new java.util.HashMap<>();
        java.util.Map<List<Long>, PolicySampler> pairTables = new java.util.HashMap<>();
        java.util.Map<List<Long>, Double> pairShares = new java.util.HashMap<>();
        if (siblings != null) {
            for (NodePolicies.HomeSiblings h : siblings.byHome()) {
                siblingTables.put(homeKey(h.home()), new PolicySampler(h.deviations()));
                siblingShares.put(homeKey(h.home()), h.deviatingShare());
            }
            otherDeviations = siblings.otherDeviations().isEmpty() ? null
                    : new PolicySampler(siblings.otherDeviations());
            if (siblings.otherByHome() != null) {
                for (NodePolicies.HomeSiblings h : siblings.otherByHome()) {
                    otherTables.put(homeKey(h.home()), new PolicySampler(h.deviations()));
                    otherShares.put(homeKey(h.home()), h.deviatingShare());
                }
                for (NodePolicies.PairDeviations pd : siblings.otherToTopByPair()) {
                    List<Long> key = pairKey(pd.home(), pd.peerHome());
                    pairTables.put(key, new PolicySampler(pd.deviations()));
                    pairShares.put(key, pd.deviatingShare());
                }
            }
        }
        // the fitted topology with the snapshot's hub links: both directions of a channel between two pinned hubs
        // of linked ranks carry the snapshot's policies
        java.util.Map<Long, McpFit.TopLink> linkOf = new java.util.HashMap<>();
        if (links != null) {
            for (McpFit.TopLink l : links) {
                linkOf.put(pairKey(l.low(), l.high()), l);
            }
        }
        // the fitted topology with the hubs' policies by peer class: hub i's tables, per class of the peer (index
        // classes: all its tables together, for a class it has none of)
        PolicySampler[][] rankTables = hubs > 0 && fit.topRankPolicies() != null ? rankTables(fit.topRankPolicies(),
                hubs) : null;
        // the fitted topology with the hubs' one-channel peers: such a node is live as the snapshot's on its hub's rank
        // are, one elsewhere with the rest of its class's live share
        int[][] leafPeers = hubs > 0 ? fit.topLeafPeers() : null;
        int[] leafHub = null;
        double leafOffElsewhere = offlineShare[0];
        if (leafPeers != null) {
            leafHub = new int[n];
            java.util.Arrays.fill(leafHub, -1);
            for (int c = 0; c < m; c++) {
                if (degree[a[c]] == 1 && b[c] < hubs) {
                    leafHub[a[c]] = b[c];
                }
                if (degree[b[c]] == 1 && a[c] < hubs) {
                    leafHub[b[c]] = a[c];
                }
            }
            long onHubs = 0;
            long offOnHubs = 0;
            for (int[] r : leafPeers) {
                onHubs += r[0];
                offOnHubs += r[0] - r[1];
            }
            NodePolicies.DegreeClass one = np.classes().get(0);
            long rest = one.nodes() - onHubs;
            leafOffElsewhere = rest <= 0 ? offlineShare[0]
                    : Math.max(0, Math.min(1, (double) (one.offlineNodes() - offOnHubs) / rest));
        }
        boolean[] offline = new boolean[n];
        McpFit.PolicyEntry[] home = new McpFit.PolicyEntry[n];
        int[] cls = new int[n];
        for (int v = 0; v < n; v++) {
            cls[v] = NodePolicies.classOf(degree[v]);
            double off = offlineShare[cls[v]];
            if (leafHub != null && degree[v] == 1) {
                int hub = leafHub[v];
                off = hub < 0 ? leafOffElsewhere
                        : leafPeers[hub][0] == 0 ? offlineShare[0] : 1 - (double) leafPeers[hub][1] / leafPeers[hub][0];
            }
            offline[v] = rnd.nextDouble() < off;
            McpFit.PolicyEntry ranked = v < hubs && rankHomes != null ? rankHomes.get(v) : null;
            if (ranked != null) {
                home[v] = ranked;
            } else if (v < hubs) {
                home[v] = hubHomes.next(rnd);
            } else {
                home[v] = (hubs > 0 && classHomes[cls[v]] != null ? classHomes[cls[v]] : homes).next(rnd);
            }
        }
        // each node's home's deviation tables and shares, looked up once per node rather than per direction (a home's
        // key is a list of four boxed numbers)
        PolicySampler[] otherTableOf = new PolicySampler[siblings == null ? 0 : n];
        double[] otherShareOf = new double[otherTableOf.length];
        PolicySampler[] siblingTableOf = new PolicySampler[otherTableOf.length];
        double[] siblingShareOf = new double[otherTableOf.length];
        for (int v = 0; v < otherTableOf.length; v++) {
            List<Long> key = homeKey(home[v]);
            otherTableOf[v] = otherTables.getOrDefault(key, otherDeviations);
            otherShareOf[v] = otherShares.getOrDefault(key, deviatingShare[cls[v]]);
            siblingTableOf[v] = siblingTables.get(key);
            siblingShareOf[v] = siblingShares.getOrDefault(key, 0.0);
        }
        for (int c = 0; c < m; c++) {
            int ch = builder.addChannel(GeneratedParts.scid(c), a[c], b[c], capacity[c]);
            long capMsat = capacity[c] * 1000L;
            boolean dead = offline[a[c]] || offline[b[c]];
            McpFit.TopLink link = a[c] < hubs && b[c] < hubs ? linkOf.get(pairKey(a[c], b[c])) : null;
            for (int side = 0; side < 2; side++) {
                int from = side == 0 ? a[c] : b[c];
                int k = cls[from];
                McpFit.PolicyEntry p = home[from];
                if (link != null) {
                    McpFit.PolicyEntry q = from == link.low() ? link.lowToHigh() : link.highToLow();
                    McpFit.PolicyEntry set = q == null ? p : q; // an unusable direction keeps the home, disabled
                    long hmax = hmaxCodes[pick(hmaxCumulative, rnd.nextLong(hmaxTotal))];
                    setPolicy(builder, ch, from, new McpFit.PolicyEntry(set.feeBaseMsat(), set.feePpm(),
                            set.cltvDelta(), set.htlcMinMsat(), hmax, 1), capMsat, dead || q == null);
                    continue;
                }
                if (siblings == null) {
                    if (degree[from] >= 2 && deviations != null && rnd.nextDouble() < deviatingShare[k]) {
                        p = deviations.next(rnd);
                    }
                } else if (degree[from] >= 2 && rankTables != null && from < hubs && rankTables[from][classes] != null
                        && (side == 0 ? b[c] : a[c]) >= hubs) {
                    PolicySampler table = rankTables[from][cls[side == 0 ? b[c] : a[c]]];
                    p = (table != null ? table : rankTables[from][classes]).next(rnd);
                } else if (degree[from] >= 2) {
                    int to = side == 0 ? b[c] : a[c];
                    PolicySampler table = otherTableOf[from];
                    double share = otherShareOf[from];
                    List<Long> pair = to < hubs && !offline[to] ? pairKey(home[from], home[to]) : null;
                    if (!offline[to] && samePolicy(home[from], home[to])) {
                        table = siblingTableOf[from];
                        share = siblingShareOf[from];
                    } else if (pair != null && pairTables.containsKey(pair)) {
                        table = pairTables.get(pair);
                        share = pairShares.get(pair);
                    }
                    if (rnd.nextDouble() < share && table != null) {
                        p = table.next(rnd);
                    }
                }
                long hmax = hmaxCodes[pick(hmaxCumulative, rnd.nextLong(hmaxTotal))];
                boolean disabled = dead || rnd.nextDouble() < unusableShare[k];
                setPolicy(builder, ch, from, new McpFit.PolicyEntry(p.feeBaseMsat(), p.feePpm(), p.cltvDelta(),
                        p.htlcMinMsat(), hmax, 1), capMsat, disabled);
            }
            if ((c & (PROGRESS_STEP - 1)) == 0) {
                progress.update("policies", n + (long) c, work);
            }
        }
    }

    /**
     * Samplers of the fit's {@link McpFit#topRankPolicies()} for generated hubs 0 .. {@code hubs − 1}: per hub one per
     * degree class (null for an empty table) and, last, one of all its tables together (null when all are empty).
     */
    static PolicySampler[][] rankTables(List<List<List<McpFit.PolicyEntry>>> policies, int hubs) {
        int classes = NodePolicies.DEGREE_CLASS_MIN.size();
        PolicySampler[][] out = new PolicySampler[hubs][classes + 1];
        for (int i = 0; i < hubs; i++) {
            List<McpFit.PolicyEntry> all = new ArrayList<>();
            for (int k = 0; k < classes; k++) {
                List<McpFit.PolicyEntry> t = policies.get(i).get(k);
                out[i][k] = t.isEmpty() ? null : new PolicySampler(t);
                all.addAll(t);
            }
            out[i][classes] = all.isEmpty() ? null : new PolicySampler(all);
        }
        return out;
    }

    /** (base, ppm, CLTV, htlc_min) of a home row, the key of its sibling table. */
    static List<Long> homeKey(McpFit.PolicyEntry p) {
        return List.of(p.feeBaseMsat(), p.feePpm(), (long) p.cltvDelta(), p.htlcMinMsat());
    }

    /** The two homes' {@link #homeKey}s, the key of a pair table. */
    static List<Long> pairKey(McpFit.PolicyEntry home, McpFit.PolicyEntry peerHome) {
        List<Long> k = new ArrayList<>(homeKey(home));
        k.addAll(homeKey(peerHome));
        return k;
    }

    /** Same (base, ppm, CLTV, htlc_min): home rows of different classes differ in their counts. */
    static boolean samePolicy(McpFit.PolicyEntry p, McpFit.PolicyEntry q) {
        return p.feeBaseMsat() == q.feeBaseMsat() && p.feePpm() == q.feePpm() && p.cltvDelta() == q.cltvDelta()
                && p.htlcMinMsat() == q.htlcMinMsat();
    }

    /** Draws table rows in proportion to their counts (binary search over cumulative counts). */
    static final class PolicySampler {
        private final McpFit.PolicyEntry[] rows;
        private final long[] cumulative;

        PolicySampler(List<McpFit.PolicyEntry> table) {
            rows = table.toArray(new McpFit.PolicyEntry[0]);
            cumulative = new long[rows.length];
            long sum = 0;
            for (int i = 0; i < rows.length; i++) {
                sum += rows[i].count();
                cumulative[i] = sum;
            }
        }

        McpFit.PolicyEntry next(SplittableRandom rnd) {
            return rows[pick(cumulative, rnd.nextLong(cumulative[cumulative.length - 1]))];
        }
    }

    /** Index of the first cumulative count greater than {@code r} (0 ≤ r &lt; total). */
    static int pick(long[] cumulative, long r) {
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > r) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** Draws address kinds in proportion and makes the addresses (null = not announced). */
    static final class AddressSampler {
        private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
        private final AddressType[][] kinds;
        private final long[] cumulative;
        private long ipv4 = (127L << 24) + 1;
        private long ipv6 = 1;
        private long dns = 1;

        AddressSampler(List<McpFit.AddressEntry> mix) {
            kinds = new AddressType[mix.size()][];
            cumulative = new long[mix.size()];
            long sum = 0;
            for (int i = 0; i < mix.size(); i++) {
                kinds[i] = parseKind(mix.get(i).kind());
                sum += mix.get(i).count();
                cumulative[i] = sum;
            }
        }

        static AddressType[] parseKind(String kind) {
            if (kind.equals(McpFit.KIND_NOT_ANNOUNCED)) {
                return null;
            }
            if (kind.equals(McpFit.KIND_NO_ADDRESS)) {
                return new AddressType[0];
            }
            String[] parts = kind.split("\\+");
            AddressType[] t = new AddressType[parts.length];
            for (int i = 0; i < parts.length; i++) {
                try {
                    t[i] = AddressType.valueOf(parts[i].toUpperCase(java.util.Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("unknown address kind '" + kind + "'");
                }
            }
            return t;
        }

        List<NodeAddress> next(SplittableRandom rnd) {
            AddressType[] types = kinds[pick(cumulative, rnd.nextLong(cumulative[cumulative.length - 1]))];
            if (types == null) {
                return null;
            }
            List<NodeAddress> out = new ArrayList<>(types.length);
            for (AddressType t : types) {
                out.add(new NodeAddress(t, host(t, rnd), PORT));
            }
            return out;
        }

        private String host(AddressType t, SplittableRandom rnd) {
            switch (t) {
                case IPV4: {
                    long v = ipv4++;
                    return ((v >>> 24) & 0xFF) + "." + ((v >>> 16) & 0xFF) + "." + ((v >>> 8) & 0xFF) + "." + (v & 0xFF);
                }
                case IPV6:
                    return "fe48::" + Long.toHexString(ipv6++);
                case TORV2:
                    return onion(rnd, 16);
                case TORV3:
                    return onion(rnd, 56);
                default:
                    return "n" + dns++ + ".lnsim.invalid";
            }
        }

        private static String onion(SplittableRandom rnd, int len) {
            char[] c = new char[len];
            for (int i = 0; i < len; i++) {
                c[i] = BASE32[rnd.nextInt(32)];
            }
            return new String(c) + ".onion";
        }
    }
}
