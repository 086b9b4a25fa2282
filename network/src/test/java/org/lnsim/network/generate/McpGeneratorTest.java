package org.lnsim.network.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jgrapht.Graph;
import org.jgrapht.alg.connectivity.ConnectivityInspector;
import org.jgrapht.graph.Pseudograph;
import org.junit.jupiter.api.Test;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.ChannelPolicy;
import org.lnsim.network.NativeFormat;
import org.lnsim.network.stats.NetworkStatistics;

class McpGeneratorTest {
    private static final McpFit FIT = McpDefaults.load();

    private static McpGenerator.Result generate(long channels, long seed, int cap, McpGenerator.PolicyMode mode,
                                                McpGenerator.DegreeFit degrees) {
        return new McpGenerator(FIT, new McpGenerator.Config(channels, seed, cap,
                McpGenerator.DEFAULT_MAX_FUNDING_SAT, mode, degrees, McpGenerator.TopologyMode.MCP), GenerationProgress.NONE)
                .generate();
    }

    private static byte[] nativeBytes(ChannelGraph g) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        NativeFormat.write(g, out);
        return out.toByteArray();
    }

    /** JGraphT as an independent oracle: a pseudograph keeps self-loops and parallel edges, so it hides nothing. */
    private static Graph<Integer, Integer> oracle(ChannelGraph g) {
        Graph<Integer, Integer> j = new Pseudograph<>(Integer.class);
        for (int v = 0; v < g.nodeCount(); v++) {
            j.addVertex(v);
        }
        for (int c = 0; c < g.channelCount(); c++) {
            j.addEdge(g.node1(c), g.node2(c), c);
        }
        return j;
    }

    private static void assertInvariants(ChannelGraph g, int cap) {
        Graph<Integer, Integer> j = oracle(g);
        assertTrue(new ConnectivityInspector<>(j).isConnected(), "connected");
        Set<Long> pairs = new HashSet<>();
        for (Integer e : j.edgeSet()) {
            int s = j.getEdgeSource(e);
            int t = j.getEdgeTarget(e);
            assertNotEquals(s, t, "self-loop at channel " + e);
            assertTrue(pairs.add(((long) Math.min(s, t) << 32) | Math.max(s, t)), "duplicate pair at channel " + e);
        }
        for (int v = 0; v < g.nodeCount(); v++) {
            assertEquals(j.degreeOf(v), g.degree(v), "degree of node " + v);
            assertTrue(g.degree(v) >= 1 && g.degree(v) <= cap, "degree " + g.degree(v) + " of node " + v);
        }
        for (int c = 0; c < g.channelCount(); c++) {
            assertTrue(g.capacitySat(c) >= 1, "capacity of channel " + c);
        }
    }

    @Test
    void invariantsWithABindingCap() {
        // cap 60: the MLE law (a=2.15, b=4.38) puts ~5% of its mass above 60 channels ((64.9/4.9)^-1.15), so the
        // cap binds
        McpGenerator.Result r = generate(20_000, 3, 60, McpGenerator.PolicyMode.DIRECTION, McpGenerator.DegreeFit.MLE);
        ChannelGraph g = r.graph();
        assertInvariants(g, 60);
        assertEquals(60, java.util.stream.IntStream.range(0, g.nodeCount()).map(g::degree).max().orElseThrow());
        assertEquals(r.report().channels(), g.channelCount());
        assertEquals(r.report().nodes(), g.nodeCount());
        assertTrue(g.channelCount() <= 20_000 && g.channelCount() > 19_000, "channels " + g.channelCount());
    }

    @Test
    void invariantsWithTheLeastSquaresLaw() {
        // the heavy-tailed LSQ law at a small size: targets far above the node count cannot be met, yet the
        // result must stay a valid simple connected graph
        McpGenerator.Result r = generate(5_000, 4, McpGenerator.DEFAULT_MAX_CHANNELS, McpGenerator.PolicyMode.MCP,
                McpGenerator.DegreeFit.LSQ);
        assertInvariants(r.graph(), McpGenerator.DEFAULT_MAX_CHANNELS);
        assertTrue(r.report().gaveUp() > 0, "some hub must have run out of peers");
    }

    @Test
    void deterministicPerSeedAndDifferentAcrossSeeds() throws IOException {
        byte[] a = nativeBytes(generate(8_000, 5, 10_000, McpGenerator.PolicyMode.DIRECTION,
                McpGenerator.DegreeFit.MLE).graph());
        byte[] b = nativeBytes(generate(8_000, 5, 10_000, McpGenerator.PolicyMode.DIRECTION,
                McpGenerator.DegreeFit.MLE).graph());
        byte[] c = nativeBytes(generate(8_000, 6, 10_000, McpGenerator.PolicyMode.DIRECTION,
                McpGenerator.DegreeFit.MLE).graph());
        assertArrayEquals(a, b);
        assertFalse(java.util.Arrays.equals(a, c));
    }

    @Test
    void mcpPoliciesAreUniform() {
        ChannelGraph g = generate(5_000, 7, 10_000, McpGenerator.PolicyMode.MCP, McpGenerator.DegreeFit.MLE).graph();
        ChannelPolicy mcp = new ChannelPolicy(1_000, 1_000, 10, 10_000, ChannelPolicy.NO_HTLC_MAXIMUM, false);
        for (int e = 0; e < 2 * g.channelCount(); e++) {
            assertEquals(mcp, g.policy(e), "direction " + e);
        }
    }

    @Test
    void scidsCountTwentyFundingTransactionsPerBlock() {
        ChannelGraph g = generate(5_000, 8, 10_000, McpGenerator.PolicyMode.MCP, McpGenerator.DegreeFit.MLE).graph();
        // channel k (creation order = scid order) is block 1 + k/20, tx 1 + k%20, output 0
        for (int c = 0; c < g.channelCount(); c++) {
            assertEquals(org.lnsim.network.ShortChannelId.of(1 + c / 20, 1 + c % 20, 0), g.scid(c));
        }
    }

    @Test
    void snapshotPoliciesAndAddressesFollowTheFit() {
        ChannelGraph g = generate(20_000, 9, 10_000, McpGenerator.PolicyMode.DIRECTION,
                McpGenerator.DegreeFit.MLE).graph();
        // the most frequent fitted policy (1000 msat, 1 ppm, cltv 144) holds 21,652 / 54,994 = 39.4% of the
        // snapshot's usable directions; 40,000 directions estimate that share to ±0.25% (one s.e.), so ±2%
        McpFit.PolicyEntry top = FIT.policies().get(0);
        long total = FIT.policies().stream().mapToLong(McpFit.PolicyEntry::count).sum();
        int hits = 0;
        for (int e = 0; e < 2 * g.channelCount(); e++) {
            ChannelPolicy p = g.policy(e);
            if (p.feeBaseMsat() == top.feeBaseMsat() && p.feeProportionalMillionths() == top.feePpm()
                    && p.cltvExpiryDelta() == top.cltvDelta() && p.htlcMinimumMsat() == top.htlcMinMsat()) {
                hits++;
            }
        }
        assertEquals((double) top.count() / total, (double) hits / (2 * g.channelCount()), 0.02);
        // ipv4-only nodes: 2,807 / 4,275 = 65.7% in the fit; ~2,300 nodes give one s.e. of ~1%, so ±5%
        long ipv4 = FIT.addresses().stream().filter(a -> a.kind().equals("ipv4")).mapToLong(McpFit.AddressEntry::count)
                .sum();
        int ipv4Nodes = 0;
        for (int v = 0; v < g.nodeCount(); v++) {
            if (McpFitter.addressKind(g, v).equals("ipv4")) {
                ipv4Nodes++;
            }
        }
        assertEquals((double) ipv4 / FIT.snapshotNodes(), (double) ipv4Nodes / g.nodeCount(), 0.05);
    }

    @Test
    void atTheSnapshotsSizeTheStatisticsLandNearTheSnapshot() {
        // 37,497 channels with the snapshot's own max degree as cap; snapshot (lightning-facts §1.6): 4,275 nodes,
        // degree-1 share 0.216, mean degree 17.5. The MLE law has mean 17.0 at cap 1,370 and degree-1 share 0.193,
        // so the expected node count is ~4,400; seeds 1..5 gave 3,966..4,592 nodes (the few largest hubs decide the
        // mean degree) and degree-1 shares 0.191..0.197, hence ±10% and ±0.04 bounds.
        ChannelGraph g = generate(37_497, 1, 1_370, McpGenerator.PolicyMode.DIRECTION,
                McpGenerator.DegreeFit.MLE).graph();
        Map<String, Object> s = NetworkStatistics.compute(g);
        assertEquals(4_275, ((Long) s.get("nodes_with_channels")).doubleValue(), 430);
        assertEquals(0.216, (Double) s.get("frac_deg_1"), 0.04);
        assertEquals(17.5, (Double) s.get("mean_degree"), 1.75);
        assertEquals(1_000.0, (Double) s.get("median_fee_base_msat"), 0);
        assertEquals(144.0, (Double) s.get("median_cltv_delta"), 0);
    }

    @Test
    void fittedDegreesPinTheScaledTopThenDrawBelowTheSmallest() {
        // top {10, 6, 5}, scale 0.5: rint(5) = 5, rint(3) = 3, rint(2.5) = 2 (half to even); sum 10 < 14.
        // Body over (0, 2] of (x+1)^-2: F(x) = -(x+1)^-1, F(0) = -1, F(2) = -1/3; u = 0.999 gives
        // r = -1 + 0.999 * 2/3 = -0.334, x = 1/0.334 - 1 = 1.994 -> 2. Endpoints left 14 - 10 = 4: the first 2 is
        // kept (0 + 2 < 4), the second stops the draw (2 + 2 >= 4), so the body is {2}.
        PowerLaw law = new PowerLaw(2, 1, 1);
        int[] d = McpGenerator.fittedDegrees(new int[] {10, 6, 5}, 0.5, law, null, 100, 14, () -> 0.999,
                GenerationProgress.NONE);
        assertArrayEquals(new int[] {5, 3, 2, 2}, d);
        // the cap binds: maxChannels 4 -> min(4, 5) = 4, then 3, 2
        d = McpGenerator.fittedDegrees(new int[] {10, 6, 5}, 0.5, law, null, 4, 14, () -> 0.999, GenerationProgress.NONE);
        assertArrayEquals(new int[] {4, 3, 2, 2, 2}, d);
        // MCP's stop rule on the pinned ones: 5 + 3 = 8 >= 8 endpoints, so only {5} is pinned and the body is drawn
        // over (0, 5] for the 3 endpoints left: u = 0.999 gives x = 1/(1 - 0.999 * 5/6) - 1 = 4.96 -> 5 >= 3, none
        d = McpGenerator.fittedDegrees(new int[] {10, 6, 5}, 0.5, law, null, 100, 8, () -> 0.999, GenerationProgress.NONE);
        assertArrayEquals(new int[] {5}, d);
    }

    @Test
    void theFittedTopologyReproducesTheSnapshotsHubsAtItsSize() {
        // 37,497 channels = the snapshot's, so scale 1: the 43 pinned degrees are the snapshot's own top 1%
        // (1,370 .. 350). Each hub is wired before any node below it and keeps exactly its target (a full node
        // leaves the pool), so the generated top 43 equal the fit's. Without the fit (topology MCP, cap 10,000)
        // seed 1 gives a hub of 3,579 channels among 3,580 nodes. Node count: the body below 350 comes from the
        // likelihood law, whose mean there runs above the snapshot's, so seeds 1..5 gave 3,535..3,949 nodes
        // against the snapshot's 4,275: within -20%.
        ChannelGraph g = new McpGenerator(FIT, McpGenerator.Config.of(37_497, 1), GenerationProgress.NONE).generate()
                .graph();
        int[] deg = new int[g.nodeCount()];
        for (int v = 0; v < g.nodeCount(); v++) {
            deg[v] = g.degree(v);
        }
        java.util.Arrays.sort(deg);
        int[] top = FIT.topDegrees();
        for (int i = 0; i < top.length; i++) {
            assertEquals(top[i], deg[deg.length - 1 - i], "rank " + i);
        }
        assertTrue(g.nodeCount() >= 0.8 * 4_275 && g.nodeCount() <= 1.1 * 4_275, "nodes " + g.nodeCount());
        // the largest hub reaches 1,370 / 3,813 = 36% of the nodes, not all
        assertTrue(deg[deg.length - 1] < 0.5 * g.nodeCount());
    }

    @Test
    void theMcpTopologyWithNodePoliciesStillGivesTheNetworksOfBefore() throws Exception {
        // SHA-256 of 'lnsim generate --channels 2000 --seed 1' (embedded fit, node policies, max channels 10,000,
        // MLE degrees) built at f57860f, the default before fitted topologies: now '--topology mcp'
        McpGenerator.Config c = new McpGenerator.Config(2_000, 1, McpGenerator.DEFAULT_MAX_CHANNELS,
                McpGenerator.DEFAULT_MAX_FUNDING_SAT, McpGenerator.PolicyMode.NODE, McpGenerator.DegreeFit.MLE,
                McpGenerator.TopologyMode.MCP);
        byte[] sha = java.security.MessageDigest.getInstance("SHA-256").digest(nativeBytes(
                new McpGenerator(FIT, c, GenerationProgress.NONE).generate().graph()));
        assertEquals("55c87bb062952ade1f5d573c51a5e4a66d6200f85b340a46c31b70629a704222",
                java.util.HexFormat.of().formatHex(sha));
    }

    @Test
    void progressStagesComeInOrderAndFinish() {
        List<String> stages = new ArrayList<>();
        List<long[]> last = new ArrayList<>();
        new McpGenerator(FIT, McpGenerator.Config.of(3_000, 1), (stage, done, total) -> {
            if (stages.isEmpty() || !stages.get(stages.size() - 1).equals(stage)) {
                stages.add(stage);
                last.add(new long[2]);
            }
            assertTrue(done >= 0 && done <= total, stage + " " + done + "/" + total);
            last.get(last.size() - 1)[0] = done;
            last.get(last.size() - 1)[1] = total;
        }).generate();
        assertEquals(List.of("degrees", "edges", "capacities", "policies", "build"), stages);
        for (long[] dt : last) {
            assertEquals(dt[1], dt[0]);
        }
    }

    @Test
    void badConfigurationsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> McpGenerator.Config.of(999, 1));
        assertThrows(IllegalArgumentException.class, () -> McpGenerator.Config.of(10_000_001, 1));
        assertThrows(IllegalArgumentException.class, () -> new McpGenerator.Config(5_000, 1, 0,
                McpGenerator.DEFAULT_MAX_FUNDING_SAT, McpGenerator.PolicyMode.MCP, McpGenerator.DegreeFit.MLE,
                McpGenerator.TopologyMode.MCP));
        // MCP's --maxChannels default: 1,370 x 1,000,000 / 4,275 = 320,467.8 -> 320,467
        assertEquals(320_467, McpGenerator.defaultMaxChannels(FIT, 1_000_000));
    }
}
