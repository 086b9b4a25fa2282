package org.lnsim.protocols.beacon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.ChannelGraphBuilder;
import org.lnsim.network.ChannelPolicy;
import org.lnsim.network.NodeIds;
import org.lnsim.network.ShortChannelId;

class BeaconTablesTest {
    /** A node id 02 b 00…00: ids ordered (and XOR distances read) by the second byte alone. */
    static byte[] id(int b) {
        byte[] id = new byte[NodeIds.LENGTH];
        id[0] = 2;
        id[1] = (byte) b;
        return id;
    }

    static final ChannelPolicy DEFAULT = new ChannelPolicy(1000, 1, 40, 0, ChannelPolicy.NO_HTLC_MAXIMUM, false);
    static final ChannelPolicy DEAR = new ChannelPolicy(5000, 1, 40, 0, ChannelPolicy.NO_HTLC_MAXIMUM, false);

    /**
     * Seven nodes, second id bytes 00, 01, 03, 10, 40, 41, 80 (so node i is the i-th in id order), and channels
     * c0 0–3, c1 3–4, c2 3–1, c3 4–5, c4 1–2, c5 5–6, c6 2–6: a ring 3–4–5–6–2–1–3 with node 0 a leaf on 3. Every
     * direction charges 1000 msat + 1 ppm except 2→1 (5000 msat + 1 ppm).
     */
    static ChannelGraph sevenNodes() {
        ChannelGraphBuilder b = new ChannelGraphBuilder();
        int[] n = new int[7];
        int[] bytes = {0x00, 0x01, 0x03, 0x10, 0x40, 0x41, 0x80};
        for (int i = 0; i < 7; i++) {
            n[i] = b.addNode(id(bytes[i]));
        }
        int[][] ends = {{0, 3}, {3, 4}, {3, 1}, {4, 5}, {1, 2}, {5, 6}, {2, 6}};
        for (int c = 0; c < ends.length; c++) {
            int ch = b.addChannel(ShortChannelId.of(100 + c, 0, 0), n[ends[c][0]], n[ends[c][1]], 1_000_000);
            b.setPolicy(ch, n[ends[c][0]], DEFAULT);
            b.setPolicy(ch, n[ends[c][1]], c == 4 ? DEAR : DEFAULT); // c4 = 1–2: node 2 charges 5000 msat
        }
        return b.build();
    }

    private static int[] channels(int[] known, int mark) {
        List<Integer> out = new ArrayList<>();
        for (int c = 0; c < known.length; c++) {
            if (known[c] == mark) {
                out.add(c);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Node 0 (byte 00): XOR distances 01 (node 1), 03 (node 2), 10, 40, 41, 80; with 2 beacons: nodes 1 and 2.
     * Paths: 0→3→1 (c0, c2) and 0→3→1→2 (c0, c2, c4). Radius 1: c0 only; radius 2: endpoints at distance ≤ 1 are
     * {0, 3}: c0, c1, c2; radius 3: endpoints within 2 are {0, 3, 4, 1}: c0–c4.
     * Tables: r = 1: {c0} ∪ {c0, c2, c4} = 3 channels; r = 2: {c0, c1, c2, c4} = 4; r = 3: c0–c4 = 5.
     *
     * <p>Node 6 (byte 80): distances to nodes 0..5 are 80, 81, 83, 90, C0, C1; beacons 0 and 1. Two 4-hop paths to
     * 0: 6→5→4→3→0 costs 4 × 1001 msat at the 1,000-sat reference, 6→2→1→3→0 costs 1001 + 5001 + 1001 + 1001, so
     * the first (c5, c3, c1, c0); to 1: 6→2→1 (c6, c4). Radius 2: endpoints {6, 5, 2}: c3, c4, c5, c6; with the
     * paths: all but c2 = 6 channels.
     *
     * <p>Bytes: every channel 432 + 2 × 130 = 692 (both directions have policies, no htlc_maximum); the nodes are
     * not announced, so no node_announcement: node 6's r = 2 table is 6 × 692 = 4,152 bytes, its neighbourhood
     * alone 4 × 692 = 2,768.
     */
    @Test
    void sevenNodeTablesAsWorkedByHand() {
        ChannelGraph g = sevenNodes();
        for (int v = 0; v < 7; v++) {
            assertFalse(g.isAnnounced(v));
            assertEquals(v, g.indexOfNode(id(new int[] {0x00, 0x01, 0x03, 0x10, 0x40, 0x41, 0x80}[v])));
        }
        assertEquals(5001, g.feeMsat(dir(g, 2, 1), 1_000_000));
        assertEquals(1001, g.feeMsat(dir(g, 1, 2), 1_000_000));
        for (int r = 1; r <= 3; r++) {
            BeaconTables t = new BeaconTables(g, r, 2, 100);
            assertArrayEquals(new int[] {1, 2, dir(g, 0, 3), dir(g, 3, 1), 2, 3, dir(g, 0, 3), dir(g, 3, 1),
                    dir(g, 1, 2)}, t.beaconPaths(0));
            assertEquals(2 + r, t.tableChannels(0), "radius " + r);
            assertEquals(2, t.beaconCount(0));
        }
        BeaconTables t2 = new BeaconTables(g, 2, 2, 100);
        assertArrayEquals(new int[] {0, 4, dir(g, 6, 5), dir(g, 5, 4), dir(g, 4, 3), dir(g, 3, 0),
                1, 2, dir(g, 6, 2), dir(g, 2, 1)}, t2.beaconPaths(6));
        assertEquals(6, t2.tableChannels(6));
        assertEquals(6 * 692, t2.tableBytes(6));
        assertEquals(4 * 692, t2.neighbourhoodBytes(6));
        int[] known = new int[g.channelCount()];
        t2.markTable(6, known, 7);
        assertArrayEquals(new int[] {0, 1, 3, 4, 5, 6}, channels(known, 7));
        t2.markTable(0, known, 8);
        assertArrayEquals(new int[] {0, 1, 2, 4}, channels(known, 8));
        // a beacon distance of 3 hops leaves node 6 only nodes within 3: 5, 2, 4, 1, 3 — closest 1 (81) and 2 (83)
        BeaconTables near = new BeaconTables(g, 2, 2, 3);
        assertArrayEquals(new int[] {1, 2, dir(g, 6, 2), dir(g, 2, 1), 2, 1, dir(g, 6, 2)}, near.beaconPaths(6));
    }

    /** The direction of the channel between a and b that leaves a. */
    static int dir(ChannelGraph g, int a, int b) {
        for (int s = g.outStart(a); s < g.outEnd(a); s++) {
            if (g.outPeer(s) == b) {
                return g.outDirection(s);
            }
        }
        throw new AssertionError("no channel " + a + "-" + b);
    }

    /** A random graph with random 33-byte ids: n nodes, m channels between random distinct pairs. */
    static ChannelGraph randomGraph(long seed, int n, int m) {
        SplittableRandom rnd = new SplittableRandom(seed);
        ChannelGraphBuilder b = new ChannelGraphBuilder();
        TreeSet<String> seen = new TreeSet<>();
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            byte[] id = new byte[NodeIds.LENGTH];
            do {
                for (int k = 0; k < id.length; k++) {
                    id[k] = (byte) rnd.nextInt(256);
                }
                id[0] = 2;
            } while (!seen.add(NodeIds.hex(id)));
            idx[i] = b.addNode(id);
        }
        for (int c = 0; c < m; c++) {
            int a = rnd.nextInt(n);
            int z = rnd.nextInt(n - 1);
            if (z >= a) {
                z++;
            }
            int ch = b.addChannel(ShortChannelId.of(1 + c, 0, 0), idx[a], idx[z], 100_000 + rnd.nextInt(5_000_000));
            b.setPolicy(ch, idx[a], new ChannelPolicy(rnd.nextInt(2000), rnd.nextInt(500), 40, 0,
                    ChannelPolicy.NO_HTLC_MAXIMUM, false));
            if (rnd.nextInt(10) > 0) {
                b.setPolicy(ch, idx[z], new ChannelPolicy(rnd.nextInt(2000), rnd.nextInt(500), 40, 0,
                        ChannelPolicy.NO_HTLC_MAXIMUM, false));
            }
        }
        return b.build();
    }

    /** XOR distance of two nodes' ids as an unsigned number (shared with {@code BeaconDiscoveryTest}). */
    static BigInteger xor(ChannelGraph g, int a, int b) {
        byte[] x = g.nodeId(a);
        byte[] y = g.nodeId(b);
        byte[] z = new byte[x.length];
        for (int i = 0; i < x.length; i++) {
            z[i] = (byte) (x[i] ^ y[i]);
        }
        return new BigInteger(1, z);
    }

    /** The walk over id order finds exactly the k XOR-closest eligible nodes, checked against BigInteger XOR. */
    @Test
    void closestNodesEqualBruteForceXor() {
        for (long seed = 1; seed <= 5; seed++) {
            ChannelGraph g = randomGraph(seed, 300, 600);
            XorSpace xs = new XorSpace(g);
            SplittableRandom rnd = new SplittableRandom(seed * 31);
            boolean[] eligible = new boolean[g.nodeCount()];
            for (int v = 0; v < eligible.length; v++) {
                eligible[v] = rnd.nextInt(4) > 0;
            }
            for (int x = 0; x < g.nodeCount(); x += 7) {
                for (int k : new int[] {1, 2, 5, 10}) {
                    int[] out = new int[k];
                    int found = xs.closest(x, k, v -> eligible[v], out);
                    final int fx = x;
                    List<Integer> all = new ArrayList<>();
                    for (int v = 0; v < g.nodeCount(); v++) {
                        if (v != x && eligible[v]) {
                            all.add(v);
                        }
                    }
                    all.sort(Comparator.comparing(v -> xor(g, fx, v)));
                    int[] want = all.subList(0, Math.min(k, all.size())).stream().mapToInt(Integer::intValue)
                            .toArray();
                    assertArrayEquals(want, java.util.Arrays.copyOf(out, found), "x " + x + " k " + k);
                }
            }
        }
    }

    /**
     * The streaming size (channels, bytes) equals the size of the marked table counted channel by channel, for
     * every node of seeded random graphs and radii 1–3; the bytes add each channel's records and each endpoint's
     * announcement once.
     */
    @Test
    void streamingSizesEqualMaterialisedTables() {
        for (long seed = 1; seed <= 3; seed++) {
            ChannelGraph g = randomGraph(seed, 120, 260);
            for (int r = 1; r <= 3; r++) {
                BeaconTables t = new BeaconTables(g, r, 3, 100);
                t.computeAll(2);
                int[] known = new int[g.channelCount()];
                for (int v = 0; v < g.nodeCount(); v++) {
                    t.markTable(v, known, v + 1);
                    long channels = 0;
                    long bytes = 0;
                    boolean[] node = new boolean[g.nodeCount()];
                    for (int c = 0; c < known.length; c++) {
                        if (known[c] == v + 1) {
                            channels++;
                            bytes += Neighbourhoods.channelRecordBytes(g, c);
                            for (int end : new int[] {g.node1(c), g.node2(c)}) {
                                if (!node[end]) {
                                    node[end] = true;
                                    bytes += Neighbourhoods.nodeRecordBytes(g, end);
                                }
                            }
                        }
                    }
                    assertEquals(channels, t.tableChannels(v), "node " + v + " radius " + r);
                    assertEquals(bytes, t.tableBytes(v), "node " + v + " radius " + r);
                }
            }
        }
    }

    /**
     * The early-stopping search (beacons picked by component, search stopped once their paths are final) gives the
     * same beacons and paths as a search of the whole graph, on seeded random graphs with several components.
     */
    @Test
    void earlyStopEqualsFullSearch() {
        for (long seed = 1; seed <= 4; seed++) {
            ChannelGraph g = randomGraph(seed, 250, 300);
            Topology early = new Topology(g);
            Topology full = new Topology(g);
            java.util.Arrays.fill(full.diameterBound, Integer.MAX_VALUE); // forces the whole-graph search
            assertTrue(early.diameterBound.length > 1, "several components");
            Neighbourhoods a = new Neighbourhoods(g, early);
            Neighbourhoods b = new Neighbourhoods(g, full);
            for (int v = 0; v < g.nodeCount(); v++) {
                for (int k : new int[] {1, 5, 10}) {
                    assertArrayEquals(b.beaconPaths(v, k, 1000), a.beaconPaths(v, k, 1000), "node " + v + " k " + k);
                }
            }
        }
    }

    /**
     * A table's weight (node churn's channel_updates about the channels it holds) equals the sum, over the marked
     * table's channels, of both endpoints' weights, for every node of seeded random graphs and radii 1–3.
     */
    @Test
    void tableWeightEqualsTheMarkedTablesSum() {
        ChannelGraph g = randomGraph(5, 120, 300);
        long[] weight = new long[g.nodeCount()];
        SplittableRandom rnd = new SplittableRandom(8);
        for (int v = 0; v < weight.length; v++) {
            weight[v] = rnd.nextInt(4);
        }
        for (int r = 1; r <= 3; r++) {
            BeaconTables t = new BeaconTables(g, r, 3, 100);
            int[] known = new int[g.channelCount()];
            for (int v = 0; v < g.nodeCount(); v++) {
                t.markTable(v, known, v + 1 + 1000 * r);
                long want = 0;
                for (int c = 0; c < known.length; c++) {
                    if (known[c] == v + 1 + 1000 * r) {
                        want += weight[g.node1(c)] + weight[g.node2(c)];
                    }
                }
                assertEquals(want, t.tableWeight(v, weight), "node " + v + " radius " + r);
            }
        }
    }

    /** Each node's figures are a function of the graph only: one thread or two give the same tables. */
    @Test
    void tablesDoNotDependOnThreads() {
        ChannelGraph g = randomGraph(9, 200, 500);
        BeaconTables one = new BeaconTables(g, 2, 5, 100);
        BeaconTables two = new BeaconTables(g, 2, 5, 100);
        one.computeAll(1);
        two.computeAll(2);
        for (int v = 0; v < g.nodeCount(); v++) {
            assertArrayEquals(one.beaconPaths(v), two.beaconPaths(v));
            assertEquals(one.tableBytes(v), two.tableBytes(v));
        }
    }
}
