package org.lnsim.network.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.jgrapht.Graph;
import org.jgrapht.generate.WattsStrogatzGraphGenerator;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.SimpleGraph;
import org.jgrapht.util.SupplierUtil;
import org.junit.jupiter.api.Test;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.ChannelPolicy;
import org.lnsim.network.NativeFormat;
import org.lnsim.network.ShortChannelId;
import org.lnsim.random.NamedStreams;

class WattsStrogatzGeneratorTest {
    private static WattsStrogatzGenerator.Result generate(int n, int k, double p, long seed) {
        return new WattsStrogatzGenerator(new WattsStrogatzGenerator.Config(n, k, p,
                WattsStrogatzGenerator.DEFAULT_CAPACITY_SAT, seed), GenerationProgress.NONE).generate();
    }

    private static byte[] nativeBytes(ChannelGraph g) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        NativeFormat.write(g, out);
        return out.toByteArray();
    }

    /** Ring position of every graph node, read back from its alias (MCP's zero-padded index). */
    private static int[] ringPositions(ChannelGraph g) {
        int[] pos = new int[g.nodeCount()];
        boolean[] seen = new boolean[g.nodeCount()];
        for (int v = 0; v < g.nodeCount(); v++) {
            assertEquals(32, g.alias(v).length(), "alias of node " + v);
            pos[v] = Integer.parseInt(g.alias(v));
            assertFalse(seen[pos[v]], "ring position " + pos[v] + " twice");
            seen[pos[v]] = true;
            assertTrue(g.isAnnounced(v) && g.addresses(v).isEmpty(), "announced without address: node " + v);
        }
        return pos;
    }

    /** The channels as "lesser ring position-greater ring position" keys. */
    private static Set<Long> ringPairs(ChannelGraph g) {
        int[] pos = ringPositions(g);
        Set<Long> pairs = new HashSet<>();
        for (int c = 0; c < g.channelCount(); c++) {
            int x = pos[g.node1(c)];
            int y = pos[g.node2(c)];
            assertNotEquals(x, y, "self-loop at channel " + c);
            assertTrue(pairs.add(McpGenerator.pairKey(x, y)), "two channels between " + x + " and " + y);
        }
        return pairs;
    }

    @Test
    void pZeroIsTheRingLatticeInScidOrder() {
        // n = 7, k = 4: ring position v is joined to v±1 and v±2 (mod 7), 7 × 4 / 2 = 14 channels. Numbered by
        // ascending (lesser, greater) position pair, channel c gets scid block 1 + c/20, tx 1 + c%20, output 0.
        int[][] expected = {{0, 1}, {0, 2}, {0, 5}, {0, 6}, {1, 2}, {1, 3}, {1, 6}, {2, 3}, {2, 4}, {3, 4}, {3, 5},
                {4, 5}, {4, 6}, {5, 6}};
        WattsStrogatzGenerator.Result r = generate(7, 4, 0.0, 11);
        ChannelGraph g = r.graph();
        assertEquals(7, g.nodeCount());
        assertEquals(14, g.channelCount());
        assertEquals(0, r.shortcuts());
        assertEquals(1, r.components());
        int[] pos = ringPositions(g);
        for (int c = 0; c < expected.length; c++) {
            int ch = g.indexOfChannel(ShortChannelId.of(1, 1 + c, 0));
            assertTrue(ch >= 0, "no channel " + c);
            int x = Math.min(pos[g.node1(ch)], pos[g.node2(ch)]);
            int y = Math.max(pos[g.node1(ch)], pos[g.node2(ch)]);
            assertArrayEquals(expected[c], new int[] {x, y}, "channel " + c);
        }
        // neighbours of positions 0 and 3 by hand: {6, 5, 1, 2} and {2, 1, 4, 5}
        assertEquals(Set.of(1, 2, 5, 6), neighbours(g, pos, 0));
        assertEquals(Set.of(1, 2, 4, 5), neighbours(g, pos, 3));
        for (int v = 0; v < g.nodeCount(); v++) {
            assertEquals(4, g.degree(v), "degree of node " + v);
        }
    }

    @Test
    void pZeroAtFlareScaleGivesDegreeKEverywhere() {
        // 2,500 nodes, k = 6: every position v has exactly {v±1, v±2, v±3 mod n}; 2,500 × 6 / 2 = 7,500 channels
        WattsStrogatzGenerator.Result r = generate(2_500, 6, 0.0, 3);
        ChannelGraph g = r.graph();
        assertEquals(7_500, g.channelCount());
        int[] pos = ringPositions(g);
        for (int v = 0; v < g.nodeCount(); v++) {
            int q = pos[v];
            Set<Integer> want = new TreeSet<>();
            for (int j = 1; j <= 3; j++) {
                want.add((q + j) % 2_500);
                want.add((q - j + 2_500) % 2_500);
            }
            assertEquals(want, neighbours(g, pos, q), "neighbours of ring position " + q);
        }
        assertEquals(0, r.shortcuts());
    }

    private static Set<Integer> neighbours(ChannelGraph g, int[] pos, int ringPosition) {
        int v = 0;
        while (pos[v] != ringPosition) {
            v++;
        }
        Set<Integer> out = new TreeSet<>();
        for (int s = g.outStart(v); s < g.outEnd(v); s++) {
            out.add(pos[g.outPeer(s)]);
        }
        return out;
    }

    @Test
    void kPlusOneNodesIsTheCompleteGraphWhateverP() {
        // n = k + 1 = 5: the lattice is K5 (10 = 5 × 4 / 2 channels) and every rewiring target is the node itself
        // or already a neighbour, so JGraphT keeps every edge even at p = 1
        for (double p : new double[] {0.0, 1.0}) {
            WattsStrogatzGenerator.Result r = generate(5, 4, p, 9);
            assertEquals(10, ringPairs(r.graph()).size(), "p " + p);
        }
        // even n = 6, k = 4 is the largest k JGraphT accepts there: all pairs but the 3 opposite ones, 15 - 3 = 12
        Set<Long> pairs = ringPairs(generate(6, 4, 0.0, 9).graph());
        assertEquals(12, pairs.size());
        assertFalse(pairs.contains(McpGenerator.pairKey(0, 3)) || pairs.contains(McpGenerator.pairKey(1, 4))
                || pairs.contains(McpGenerator.pairKey(2, 5)));
    }

    @Test
    void flareSettingKeepsNkOverTwoSimpleChannelsAndMatchesJGraphT() {
        // Flare: n = 2,500, k = 4, p = 0.2 -> 5,000 channels. JGraphT rewires one-for-one (remove, then add a pair
        // that is neither a loop nor present), so the count never changes; the ring pairs must be exactly the
        // edges JGraphT draws from the same seed.
        long seed = 2016;
        WattsStrogatzGenerator.Result r = new WattsStrogatzGenerator(
                WattsStrogatzGenerator.Config.flare(2_500, seed), GenerationProgress.NONE).generate();
        ChannelGraph g = r.graph();
        assertEquals(2_500, g.nodeCount());
        assertEquals(5_000, g.channelCount());
        Set<Long> pairs = ringPairs(g);
        Graph<Integer, DefaultEdge> oracle = new SimpleGraph<>(SupplierUtil.createIntegerSupplier(),
                SupplierUtil.DEFAULT_EDGE_SUPPLIER, false);
        new WattsStrogatzGraphGenerator<Integer, DefaultEdge>(2_500, 4, 0.2, false,
                new Random(NamedStreams.seedOf(seed, "rewiring"))).generateGraph(oracle);
        Set<Long> want = new HashSet<>();
        for (DefaultEdge e : oracle.edgeSet()) {
            want.add(McpGenerator.pairKey(oracle.getEdgeSource(e), oracle.getEdgeTarget(e)));
        }
        assertEquals(want, pairs);
        // rewiring keeps the edge's first end, so every node keeps at least k/2 = 2 channels
        int sum = 0;
        for (int v = 0; v < g.nodeCount(); v++) {
            assertTrue(g.degree(v) >= 2, "degree " + g.degree(v) + " of node " + v);
            sum += g.degree(v);
        }
        assertEquals(2 * 5_000, sum);
        // shortcuts: each of the 5,000 lattice edges moves with probability 0.2 and lands more than 2 steps away
        // with probability (2,500 - 5) / 2,500, so E = 5,000 × 0.2 × 0.998 ≈ 998 (s.d. √(5,000 × 0.2 × 0.8) ≈ 28;
        // a later lap can re-take a freed lattice pair, which changes this by a handful). ±150 is over 5 s.d.
        assertTrue(Math.abs(r.shortcuts() - 998) < 150, "shortcuts " + r.shortcuts());
        long shortcuts = pairs.stream().filter(key -> WattsStrogatzGenerator.ringDistance((int) (key >>> 32),
                (int) (long) key, 2_500) > 2).count();
        assertEquals(shortcuts, r.shortcuts());
    }

    @Test
    void everyChannelHasTheConfiguredCapacityAndMcpsPolicyBothWays() {
        WattsStrogatzGenerator.Result r = new WattsStrogatzGenerator(new WattsStrogatzGenerator.Config(300, 4, 0.5,
                123_456, 1), GenerationProgress.NONE).generate();
        ChannelGraph g = r.graph();
        ChannelPolicy mcp = new ChannelPolicy(1_000, 1_000, 10, 10_000, ChannelPolicy.NO_HTLC_MAXIMUM, false);
        for (int c = 0; c < g.channelCount(); c++) {
            assertEquals(123_456, g.capacitySat(c), "capacity of channel " + c);
            assertEquals(ShortChannelId.of(1 + c / 20, 1 + c % 20, 0), g.scid(c), "scid of channel " + c);
        }
        for (int e = 0; e < 2 * g.channelCount(); e++) {
            assertEquals(mcp, g.policy(e), "direction " + e);
            assertTrue(g.isUsable(e), "direction " + e);
        }
    }

    @Test
    void deterministicPerSeedAndDifferentAcrossSeeds() throws IOException {
        byte[] a = nativeBytes(generate(2_500, 4, 0.2, 5).graph());
        byte[] b = nativeBytes(generate(2_500, 4, 0.2, 5).graph());
        byte[] c = nativeBytes(generate(2_500, 4, 0.2, 6).graph());
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c));
    }

    @Test
    void progressStagesComeInOrder() {
        StringBuilder stages = new StringBuilder();
        new WattsStrogatzGenerator(WattsStrogatzGenerator.Config.flare(100, 1), (stage, done, total) -> {
            assertTrue(done >= 0 && done <= total, stage + " " + done + "/" + total);
            if (stages.length() == 0 || !stages.toString().endsWith(stage)) {
                stages.append(stages.length() == 0 ? "" : ",").append(stage);
            }
        }).generate();
        assertEquals("edges,policies,build", stages.toString());
    }

    @Test
    void badParametersNameWhatIsWrong() {
        assertBad("k (mean degree) must be an even number", 10, 3, 0.2, 1);
        assertBad("k (mean degree) must be an even number", 10, 0, 0.2, 1);
        assertBad("nodes must be at least k + 1 = 5, got 4", 4, 4, 0.2, 1);
        // 2,000,001 × 4 / 2 = 4,000,002 channels, one pair over the ceiling (and no int overflow at 10^6 × 10^4)
        assertBad("nodes × k / 2 = 4000002 channels is more than 4000000", 2_000_001, 4, 0.2, 1);
        assertBad("nodes × k / 2 = 5000000000 channels", 1_000_000, 10_000, 0.2, 1);
        assertBad("p (rewiring probability) must be between 0 and 1, got -0.1", 10, 4, -0.1, 1);
        assertBad("p (rewiring probability) must be between 0 and 1, got 1.5", 10, 4, 1.5, 1);
        assertBad("p (rewiring probability) must be between 0 and 1, got NaN", 10, 4, Double.NaN, 1);
        assertBad("capacity must be from 1", 10, 4, 0.2, 0);
        assertBad("capacity must be from 1", 10, 4, 0.2, WattsStrogatzGenerator.MAX_CAPACITY_SAT + 1);
    }

    private static void assertBad(String message, int n, int k, double p, long capacity) {
        String m = assertThrows(IllegalArgumentException.class,
                () -> new WattsStrogatzGenerator.Config(n, k, p, capacity, 1)).getMessage();
        assertTrue(m.startsWith(message), m);
    }
}
