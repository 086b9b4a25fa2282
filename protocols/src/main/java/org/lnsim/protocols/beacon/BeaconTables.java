package org.lnsim.protocols.beacon;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.lnsim.network.ChannelGraph;

/**
 * Every node's Flare state over the public graph ({@link Neighbourhoods} defines it): its beacons with their paths,
 * and its table's size in channels and bytes. Tables themselves are never stored — a search marks them when needed
 * ({@link #markTable}) — only their sizes and the beacon paths (a few dozen ints per node).
 *
 * <p>{@link #computeAll} visits each node once: one breadth-first search to the beacon distance (the beacons and
 * their paths) and one to depth r − 1 (the table's size). That is O(N·(N + E)) for the first, about 6 minutes of CPU
 * on the 1M-channel network, spread over the given threads; the result does not depend on the thread count, since
 * each node's figures are a pure function of the graph.
 */
final class BeaconTables {
    private final ChannelGraph graph;
    private final int radius;
    private final int beacons;
    private final int maxBeaconDistance;
    private final int[] channelBytes;
    private final int[] nodeBytes;
    private final int[][] paths;
    private final long[] tableChannels;
    private final long[] tableBytes;
    private final long[] hoodBytes;
    private final Neighbourhoods scratch;
    private boolean computed;

    BeaconTables(ChannelGraph graph, int radius, int beacons, int maxBeaconDistance) {
        if (radius < 1 || beacons < 0 || maxBeaconDistance < 1) {
            throw new IllegalArgumentException("need radius >= 1, beacons >= 0, max beacon distance >= 1");
        }
        this.graph = graph;
        this.radius = radius;
        this.beacons = beacons;
        this.maxBeaconDistance = maxBeaconDistance;
        int n = graph.nodeCount();
        channelBytes = new int[graph.channelCount()];
        for (int c = 0; c < channelBytes.length; c++) {
            channelBytes[c] = Neighbourhoods.channelRecordBytes(graph, c);
        }
        nodeBytes = new int[n];
        for (int v = 0; v < n; v++) {
            nodeBytes[v] = Neighbourhoods.nodeRecordBytes(graph, v);
        }
        paths = new int[n][];
        tableChannels = new long[n];
        tableBytes = new long[n];
        hoodBytes = new long[n];
        scratch = new Neighbourhoods(graph);
    }

    ChannelGraph graph() {
        return graph;
    }

    int radius() {
        return radius;
    }

    /** Computes every node's beacons and table size on {@code threads} threads (idempotent). */
    synchronized void computeAll(int threads) {
        if (computed) {
            return;
        }
        int n = graph.nodeCount();
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            Neighbourhoods nb = new Neighbourhoods(graph);
            for (int v = next.getAndIncrement(); v < n; v = next.getAndIncrement()) {
                if (graph.degree(v) == 0) {
                    paths[v] = new int[0];
                    continue;
                }
                int[] p = nb.beaconPaths(v, beacons, maxBeaconDistance);
                long[] size = nb.tableSize(v, radius, p, channelBytes, nodeBytes);
                paths[v] = p;
                tableChannels[v] = size[0];
                tableBytes[v] = size[1];
                hoodBytes[v] = size[2];
            }
        };
        if (threads <= 1) {
            worker.run();
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "beacon-tables");
                t.setDaemon(true);
                return t;
            });
            try {
                Future<?>[] fs = new Future<?>[threads];
                for (int i = 0; i < threads; i++) {
                    fs[i] = pool.submit(worker);
                }
                for (Future<?> f : fs) {
                    f.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while computing beacon tables", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("beacon table computation failed", e.getCause());
            } finally {
                pool.shutdownNow();
            }
        }
        computed = true;
    }

    private void requireComputed() {
        if (!computed) {
            computeAll(1);
        }
    }

    /** Node v's beacon paths: {@code [b, len, dir…]*}, closest beacon first (see {@link Neighbourhoods#beaconPaths}). */
    int[] beaconPaths(int v) {
        requireComputed();
        return paths[v];
    }

    /** Number of beacons node v holds. */
    int beaconCount(int v) {
        int[] p = beaconPaths(v);
        int count = 0;
        for (int at = 0; at < p.length; at += 2 + p[at + 1]) {
            count++;
        }
        return count;
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
        scratch.markTable(v, radius, beaconPaths(v), known, mark);
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
