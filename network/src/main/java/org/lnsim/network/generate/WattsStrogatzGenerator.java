package org.lnsim.network.generate;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.jgrapht.Graph;
import org.jgrapht.generate.WattsStrogatzGraphGenerator;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.SimpleGraph;
import org.jgrapht.util.SupplierUtil;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.ChannelGraphBuilder;
import org.lnsim.network.NodeIds;
import org.lnsim.random.NamedStreams;

/**
 * A Watts–Strogatz small-world network (Watts and Strogatz, Nature 393, 1998), the topology the Flare prototype's
 * simulator generates by default (n nodes, k = 4, p = 0.2, channels undirected; lightning-facts §5, "Simulation"),
 * so that experiments can reproduce Flare's setting. The topology comes from JGraphT's
 * {@link WattsStrogatzGraphGenerator}; the rest is made as {@link McpGenerator} makes it.
 *
 * <h2>Steps</h2>
 * <ol>
 *   <li><b>Topology</b>: a ring of n nodes, each joined to its k nearest neighbours (k/2 on each side); then, lap
 *       r = 1..k/2 around the ring, the edge from each node v to its r-th clockwise neighbour is, with probability p,
 *       moved to (v, u) for u drawn uniformly from all n nodes. JGraphT keeps the edge in place when u = v or u is
 *       already a neighbour of v (no redraw), so the effective rewiring share is slightly below p. The random source
 *       is a {@link Random} seeded with the named stream {@code rewiring} of the seed ({@link NamedStreams#seedOf}):
 *       JGraphT takes a {@code java.util.Random}, whose generator the Java SE API specifies exactly, so the sequence
 *       is the same on every JVM.</li>
 *   <li><b>Channels</b>: one per edge, numbered in ascending (lesser ring index, greater ring index) order, which
 *       does not depend on JGraphT's edge-set iteration order; short channel ids count 20 funding transactions per
 *       block as MCP's ({@code GeneratedParts#scid}). Every channel has the same capacity; both directions are
 *       enabled with MCP's uniform update (base 1,000 msat, 1,000 ppm, cltv 10, htlc_min 10,000 msat, no
 *       htlc_max; lightning-facts §1.3 step 7), so the channel graph is effectively undirected, as Flare's.</li>
 *   <li><b>Nodes</b>: ring position v gets a random 33-byte id from the stream {@code node-ids} (as MCP's) and
 *       announces alias = v zero-padded to 32 digits (MCP's alias rule) with no address, so a node's ring position
 *       can be read back from the graph.</li>
 * </ol>
 *
 * <h2>Guarantees</h2>
 * Exactly n·k/2 channels: the lattice has n·k/2 distinct edges when n ≥ k + 1 (the pair (i, i + j mod n) for
 * 1 ≤ j ≤ k/2 repeats only if j + j' ≡ 0 mod n for some j, j' ≤ k/2, i.e. only if k ≥ n), and each rewiring
 * removes one edge and adds one that is neither a self-loop nor already present. Hence no self-loops and no two
 * channels between the same pair. Every node keeps degree ≥ k/2 (rewiring keeps the edge's end at v), so no node is
 * isolated; for p = 0 the graph is the connected ring lattice, for p &gt; 0 it is connected only with high
 * probability ({@link Result#components()} says). Same configuration ⇒ byte-identical native file.
 *
 * <h2>Bounds</h2>
 * k even, at least 2; n ≥ k + 1 (JGraphT's own bound: k ≤ n − 2 for even n, k ≤ n − 1 for odd n); n·k/2 ≤
 * {@value #MAX_CHANNELS} channels (JGraphT holds boxed vertices and edges); 0 ≤ p ≤ 1; capacity from 1 sat to
 * 21M BTC. A capacity below 10 sat (the 10,000-msat htlc_minimum) carries no payment.
 */
public final class WattsStrogatzGenerator {
    /** Flare's mean degree k (lightning-facts §5, "Simulation"). */
    public static final int DEFAULT_K = 4;
    /** Flare's rewiring probability p (lightning-facts §5, "Simulation"). */
    public static final double DEFAULT_P = 0.2;
    /**
     * Default capacity of every channel: 800,000 sat, the median channel capacity of the 2019-05-14 snapshot
     * (lightning-facts §1.6), the snapshot the embedded MCP fit comes from. Flare's simulator has no capacities.
     */
    public static final long DEFAULT_CAPACITY_SAT = 800_000L;
    /**
     * Largest channel count n·k/2: JGraphT's boxed graph dominates time and memory (measured at k = 4: 1M nodes in
     * 9 s within a 1.5 GB heap, 2M nodes, 4M channels, in 20 s within 3 GB).
     */
    public static final int MAX_CHANNELS = 4_000_000;
    /** Largest channel capacity: the supply bound every network has ({@link ChannelGraph#MAX_CAPACITY_SAT}). */
    public static final long MAX_CAPACITY_SAT = ChannelGraph.MAX_CAPACITY_SAT;

    private static final int PROGRESS_STEP = 1 << 16;

    /**
     * @param nodes       ring size n, at least k + 1, with n·k/2 ≤ {@value #MAX_CHANNELS}
     * @param k           mean degree, even, at least 2
     * @param p           rewiring probability, 0 to 1
     * @param capacitySat capacity of every channel, sat, 1 to {@value #MAX_CAPACITY_SAT}
     * @param seed        seed of all random streams
     * @throws IllegalArgumentException naming the first parameter out of bounds
     */
    public record Config(int nodes, int k, double p, long capacitySat, long seed) {
        public Config {
            if (k < 2 || k % 2 != 0) {
                throw new IllegalArgumentException("k (mean degree) must be an even number of at least 2, got " + k);
            }
            if (nodes < k + 1) {
                throw new IllegalArgumentException("nodes must be at least k + 1 = " + (k + 1) + ", got " + nodes);
            }
            if ((long) nodes * k / 2 > MAX_CHANNELS) {
                throw new IllegalArgumentException("nodes × k / 2 = " + (long) nodes * k / 2 + " channels is more "
                        + "than " + MAX_CHANNELS);
            }
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("p (rewiring probability) must be between 0 and 1, got " + p);
            }
            if (capacitySat < 1 || capacitySat > MAX_CAPACITY_SAT) {
                throw new IllegalArgumentException("capacity must be from 1 to " + MAX_CAPACITY_SAT + " sat, got "
                        + capacitySat);
            }
        }

        /** Flare's setting (k = 4, p = 0.2) with the default capacity. */
        public static Config flare(int nodes, long seed) {
            return new Config(nodes, DEFAULT_K, DEFAULT_P, DEFAULT_CAPACITY_SAT, seed);
        }

        /** Channels of the result: n·k/2. */
        public int channels() {
            return (int) ((long) nodes * k / 2);
        }
    }

    /**
     * The graph and what it is made of.
     *
     * @param graph      the network (nodes renumbered by id, channels by scid, as every {@link ChannelGraph})
     * @param shortcuts  channels whose ends are more than k/2 apart on the ring (the small-world long links; 0 for
     *                   p = 0)
     * @param components connected components (1 unless rewiring cut the ring apart)
     */
    public record Result(ChannelGraph graph, int shortcuts, int components) {
    }

    private final Config config;
    private final GenerationProgress progress;

    public WattsStrogatzGenerator(Config config, GenerationProgress progress) {
        if (config == null) {
            throw new IllegalArgumentException("configuration is required");
        }
        this.config = config;
        this.progress = progress == null ? GenerationProgress.NONE : progress;
    }

    /** Draws the topology, then builds the graph. */
    public Result generate() {
        int n = config.nodes();
        progress.update("edges", 0, 1);
        long[] pairs = topology(config);
        progress.update("edges", 1, 1);
        int m = pairs.length;
        int[] a = new int[m];
        int[] b = new int[m];
        for (int c = 0; c < m; c++) {
            a[c] = (int) (pairs[c] >>> 32);
            b[c] = (int) pairs[c];
        }
        pairs = null;
        int shortcuts = 0;
        for (int c = 0; c < m; c++) {
            if (ringDistance(a[c], b[c], n) > config.k() / 2) {
                shortcuts++;
            }
        }
        int components = components(n, a, b);
        return new Result(assemble(n, a, b), shortcuts, components);
    }

    /**
     * The Watts–Strogatz edges over ring positions 0..n−1 as sorted {@link McpGenerator#pairKey} values
     * (lesser position in the high 32 bits).
     */
    static long[] topology(Config config) {
        Graph<Integer, DefaultEdge> g = new SimpleGraph<>(SupplierUtil.createIntegerSupplier(),
                SupplierUtil.DEFAULT_EDGE_SUPPLIER, false);
        Random rnd = new Random(NamedStreams.seedOf(config.seed(), "rewiring"));
        new WattsStrogatzGraphGenerator<Integer, DefaultEdge>(config.nodes(), config.k(), config.p(), false, rnd)
                .generateGraph(g);
        long[] pairs = new long[g.edgeSet().size()];
        int i = 0;
        for (DefaultEdge e : g.edgeSet()) {
            pairs[i++] = McpGenerator.pairKey(g.getEdgeSource(e), g.getEdgeTarget(e));
        }
        Arrays.sort(pairs);
        return pairs;
    }

    /** Steps around the ring between positions x and y the short way. */
    static int ringDistance(int x, int y, int n) {
        int d = Math.abs(x - y);
        return Math.min(d, n - d);
    }

    private static int components(int n, int[] a, int[] b) {
        int[] parent = new int[n];
        for (int v = 0; v < n; v++) {
            parent[v] = v;
        }
        int count = n;
        for (int c = 0; c < a.length; c++) {
            int ra = find(parent, a[c]);
            int rb = find(parent, b[c]);
            if (ra != rb) {
                parent[Math.max(ra, rb)] = Math.min(ra, rb);
                count--;
            }
        }
        return count;
    }

    private static int find(int[] parent, int v) {
        while (parent[v] != v) {
            parent[v] = parent[parent[v]];
            v = parent[v];
        }
        return v;
    }

    private ChannelGraph assemble(int n, int[] a, int[] b) {
        int m = a.length;
        long work = (long) n + m;
        progress.update("policies", 0, work);
        ChannelGraphBuilder builder = new ChannelGraphBuilder();
        SplittableRandom idRnd = NamedStreams.stream(config.seed(), "node-ids");
        byte[] id = new byte[NodeIds.LENGTH];
        for (int v = 0; v < n; v++) {
            GeneratedParts.addRandomNode(builder, idRnd, id);
            builder.setNodeAnnouncement(v, GeneratedParts.alias(v), List.of());
            if ((v & (PROGRESS_STEP - 1)) == 0) {
                progress.update("policies", v, work);
            }
        }
        for (int c = 0; c < m; c++) {
            int ch = builder.addChannel(GeneratedParts.scid(c), a[c], b[c], config.capacitySat());
            GeneratedParts.setMcpPolicy(builder, ch, a[c]);
            GeneratedParts.setMcpPolicy(builder, ch, b[c]);
            if ((c & (PROGRESS_STEP - 1)) == 0) {
                progress.update("policies", n + (long) c, work);
            }
        }
        progress.update("policies", work, work);
        progress.update("build", 0, 1);
        ChannelGraph g = builder.build();
        progress.update("build", 1, 1);
        return g;
    }
}
