package org.lnsim.protocols.beacon;

import org.lnsim.network.ChannelGraph;

/**
 * Every node's beacons and the paths to them ({@link Neighbourhoods#beaconPaths}), closest beacon first, for up to
 * {@link #beacons()} beacons within {@link #maxBeaconDistance()} hops. The k closest are a prefix of the K closest
 * (XOR distances from one node to distinct ids are distinct), and a beacon's path does not depend on how many beacons
 * are kept, so one instance serves every {@code beacon} variant of a run with at most K beacons and the same
 * distance: the costly part — one breadth-first search per node, O(N·(N + E)), about 6 minutes of CPU at 1M
 * channels — is done once. Kept per node: an int array of a few dozen entries.
 *
 * <p>Thread-safe; the result does not depend on the thread count (each node's paths are a pure function of the
 * graph).
 */
public final class BeaconPaths {
    private final ChannelGraph graph;
    private final int beacons;
    private final int maxBeaconDistance;
    private final int[][] paths;
    private final Topology topology;
    private final java.util.Map<Integer, long[][]> hoods = new java.util.HashMap<>();
    private final java.util.Map<Integer, BeaconDiscovery> discoveries = new java.util.HashMap<>();
    private volatile boolean computed;

    /**
     * @param beacons           the most beacons any user of this instance keeps, ≥ 0
     * @param maxBeaconDistance hops within which beacons are sought, ≥ 1
     */
    public BeaconPaths(ChannelGraph graph, int beacons, int maxBeaconDistance) {
        if (beacons < 0 || maxBeaconDistance < 1) {
            throw new IllegalArgumentException("need beacons >= 0 and max beacon distance >= 1");
        }
        this.graph = graph;
        this.beacons = beacons;
        this.maxBeaconDistance = maxBeaconDistance;
        this.paths = new int[graph.nodeCount()][];
        this.topology = new Topology(graph);
    }

    Topology topology() {
        return topology;
    }

    public int beacons() {
        return beacons;
    }

    public int maxBeaconDistance() {
        return maxBeaconDistance;
    }

    ChannelGraph graph() {
        return graph;
    }

    /** Computes every node's beacon paths on {@code threads} threads, once. */
    public synchronized void computeAll(int threads) {
        if (computed) {
            return;
        }
        NodeWorkers.forEachNode(graph.nodeCount(), threads, "beacon-paths", () -> new Neighbourhoods(graph, topology),
                (nb, v) -> paths[v] = graph.degree(v) == 0 ? new int[0]
                        : nb.beaconPaths(v, beacons, maxBeaconDistance));
        computed = true;
    }

    /**
     * Every node's radius-r neighbourhood size, {@code {channels[], bytes[]}}, computed once per radius on
     * {@code threads} threads and shared by every beacon setting with that radius (at r = 3 on a hub-heavy network
     * each node's neighbourhood is a large part of the graph: minutes at 1M channels).
     */
    synchronized long[][] neighbourhoods(int radius, int threads) {
        return hoods.computeIfAbsent(radius, r -> {
            long[][] out = new long[2][graph.nodeCount()];
            NodeWorkers.forEachNode(graph.nodeCount(), threads, "beacon-neighbourhoods",
                    () -> new Neighbourhoods(graph, topology), (nb, v) -> {
                        if (graph.degree(v) > 0) {
                            long[] size = nb.neighbourhoodSize(v, r);
                            out[0][v] = size[0];
                            out[1][v] = size[1];
                        }
                    });
            return out;
        });
    }

    /**
     * The prototype's beacon acquisition replayed at radius r under the given per-direction control delays
     * ({@link BeaconDiscovery}), computed once per radius on {@code threads} threads and shared by every beacon
     * setting of the run with that radius and the same delays (minutes at 1M channels).
     */
    synchronized BeaconDiscovery discovery(int radius, long[] delayUs, int threads) {
        BeaconDiscovery d = discoveries.get(radius);
        if (d == null || !d.hasDelays(delayUs)) {
            computeAll(threads);
            d = new BeaconDiscovery(graph, radius, maxBeaconDistance, delayUs);
            d.run(threads, this::of);
            discoveries.put(radius, d);
        }
        return d;
    }

    /** Node v's paths to all its beacons: {@code [b, len, dir…]*}, closest first (computes all nodes if needed). */
    int[] of(int v) {
        if (!computed) {
            computeAll(1);
        }
        return paths[v];
    }

    /** Length of the prefix of {@link #of(int)} that holds node v's k closest beacons. */
    int prefixLength(int v, int k) {
        int[] p = of(v);
        int at = 0;
        for (int i = 0; i < k && at < p.length; i++) {
            at += 2 + p[at + 1];
        }
        return at;
    }
}
