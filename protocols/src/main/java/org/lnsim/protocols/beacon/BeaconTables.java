package org.lnsim.protocols.beacon;

import org.lnsim.network.ChannelGraph;

/**
 * Every node's Flare table for one (radius, beacons) setting ({@link Neighbourhoods} defines it): its size in
 * channels and bytes, and the beacons it keeps ({@link BeaconPaths}, possibly shared with other settings). Tables
 * themselves are never stored — a search marks them when needed ({@link #markTable}).
 *
 * <p>{@link #computeAll} visits each node once with a breadth-first search to depth r − 1: cheap for r ≤ 2; for
 * r = 3 on a hub-heavy graph each search reaches most channels (the cost is then about N·E). The result does not
 * depend on the thread count.
 */
final class BeaconTables {
    private final ChannelGraph graph;
    private final int radius;
    private final int beacons;
    private final BeaconPaths paths;
    private final int[] channelBytes;
    private final int[] nodeBytes;
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
        channelBytes = new int[graph.channelCount()];
        for (int c = 0; c < channelBytes.length; c++) {
            channelBytes[c] = Neighbourhoods.channelRecordBytes(graph, c);
        }
        nodeBytes = new int[n];
        for (int v = 0; v < n; v++) {
            nodeBytes[v] = Neighbourhoods.nodeRecordBytes(graph, v);
        }
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
        NodeWorkers.forEachNode(graph.nodeCount(), threads, "beacon-tables",
                () -> new Neighbourhoods(graph, paths.topology()), (nb, v) -> {
                    if (graph.degree(v) == 0) {
                        return;
                    }
                    int len = paths.prefixLength(v, beacons);
                    long[] size = nb.tableSize(v, radius, paths.of(v), len, channelBytes, nodeBytes);
                    prefix[v] = len;
                    tableChannels[v] = size[0];
                    tableBytes[v] = size[1];
                    hoodBytes[v] = size[2];
                });
        computed = true;
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
