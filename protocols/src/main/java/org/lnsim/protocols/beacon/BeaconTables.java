package org.lnsim.protocols.beacon;

import org.lnsim.network.ChannelGraph;

/**
 * Every node's Flare table for one (radius, beacons) setting ({@link Neighbourhoods} defines it): its size in
 * channels and bytes, and the beacons it keeps ({@link BeaconPaths}, possibly shared with other settings). Tables
 * themselves are never stored — a search marks them when needed ({@link #markTable}).
 *
 * <p>{@link #computeAll} adds each node's beacon paths beyond its neighbourhood to the neighbourhood's size, which
 * {@link BeaconPaths#neighbourhoods} computes once per radius for every setting of the run: a breadth-first search
 * to depth r − 1 per node, cheap for r ≤ 2; at r = 3 on a hub-heavy graph each reaches a large part of the graph
 * (about 10 ms per node at 1M channels). The result does not depend on the thread count.
 */
final class BeaconTables {
    private final ChannelGraph graph;
    private final int radius;
    private final int beacons;
    private final BeaconPaths paths;
    private final int[] prefix;
    private final long[] tableChannels;
    private final long[] tableBytes;
    private final long[] hoodBytes;
    private final Neighbourhoods scratch;
    private volatile boolean computed;

    /**
     * @param paths every node's beacon paths, for at least {@code beacons} beacons
     */
    BeaconTables(int radius, int beacons, BeaconPaths paths) {
        if (radius < 1 || beacons < 0 || beacons > paths.beacons()) {
            throw new IllegalArgumentException("need radius >= 1 and 0 <= beacons <= " + paths.beacons());
        }
        this.graph = paths.graph();
        this.radius = radius;
        this.beacons = beacons;
        this.paths = paths;
        int n = graph.nodeCount();
        prefix = new int[n];
        tableChannels = new long[n];
        tableBytes = new long[n];
        hoodBytes = new long[n];
        scratch = new Neighbourhoods(graph, paths.topology());
    }

    /** With beacon paths of its own. */
    BeaconTables(ChannelGraph graph, int radius, int beacons, int maxBeaconDistance) {
        this(radius, beacons, new BeaconPaths(graph, beacons, maxBeaconDistance));
    }

    ChannelGraph graph() {
        return graph;
    }

    /** Computes the beacon paths if needed, then every node's table size, on {@code threads} threads (once). */
    synchronized void computeAll(int threads) {
        if (computed) {
            return;
        }
        paths.computeAll(threads);
        long[][] hood = paths.neighbourhoods(radius, threads);
        for (int v = 0; v < graph.nodeCount(); v++) {
            if (graph.degree(v) == 0) {
                continue;
            }
            int len = paths.prefixLength(v, beacons);
            long[] extra = scratch.pathsBeyond(radius, paths.of(v), len);
            prefix[v] = len;
            tableChannels[v] = hood[0][v] + extra[0];
            tableBytes[v] = hood[1][v] + extra[1];
            hoodBytes[v] = hood[1][v];
        }
        computed = true;
    }

    /** The set-up replay for this radius ({@link BeaconPaths#discovery}), shared with settings of the same radius. */
    BeaconDiscovery discovery(long[] delayUs, int threads) {
        return paths.discovery(radius, delayUs, threads);
    }

    private void requireComputed() {
        if (!computed) {
            computeAll(1);
        }
    }

    /**
     * Node v's beacon paths as kept under this setting: {@code [b, len, dir…]*}, closest beacon first (see
     * {@link Neighbourhoods#beaconPaths}); a copy.
     */
    int[] beaconPaths(int v) {
        requireComputed();
        return java.util.Arrays.copyOf(paths.of(v), prefix[v]);
    }

    /** Number of beacons node v keeps. */
    int beaconCount(int v) {
        requireComputed();
        int[] p = paths.of(v);
        int count = 0;
        for (int at = 0; at < prefix[v]; at += 2 + p[at + 1]) {
            count++;
        }
        return count;
    }

    /** Calls {@code each} with every beacon node v keeps, closest first. */
    void forEachBeacon(int v, java.util.function.IntConsumer each) {
        requireComputed();
        int[] p = paths.of(v);
        for (int at = 0; at < prefix[v]; at += 2 + p[at + 1]) {
            each.accept(p[at]);
        }
    }

    long tableChannels(int v) {
        requireComputed();
        return tableChannels[v];
    }

    long tableBytes(int v) {
        requireComputed();
        return tableBytes[v];
    }

    /** Bytes of node v's radius-r neighbourhood alone (no beacon paths): what its peers send it. */
    long neighbourhoodBytes(int v) {
        requireComputed();
        return hoodBytes[v];
    }

    /** Marks node v's table (neighbourhood and beacon paths) in {@code known} with {@code mark}; sim thread only. */
    void markTable(int v, int[] known, int mark) {
        requireComputed();
        scratch.markTable(v, radius, paths.of(v), prefix[v], known, mark);
    }

    /** {@link Neighbourhoods#tableWeight} of node v's table; sim thread only. */
    long tableWeight(int v, long[] nodeWeight) {
        requireComputed();
        return scratch.tableWeight(v, radius, paths.of(v), prefix[v], nodeWeight);
    }

    /** A fewest-hop path over the channels marked {@code mark}, or null; sim thread only. */
    int[] knownPath(int from, int to, int[] known, int mark) {
        return scratch.knownPath(from, to, known, mark);
    }

    /** Negative, zero or positive as a is XOR-closer to target than b, as close, or farther. */
    int closestCompare(int target, int a, int b) {
        return scratch.xor().compareDistance(target, a, b);
    }

    /** Up to k nodes XOR-closest to {@code target} among {@code eligible}; sim thread only. */
    int closest(int target, int k, java.util.function.IntPredicate eligible, int[] out) {
        return scratch.closest(target, k, eligible, out);
    }
}
