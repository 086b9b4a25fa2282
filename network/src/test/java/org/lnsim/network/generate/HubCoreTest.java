package org.lnsim.network.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.ChannelGraphBuilder;
import org.lnsim.network.NodeIds;
import org.lnsim.network.io.NetworkFormats;
import org.lnsim.network.testing.TestData;

/** The rich club of the fitted topology: {@link McpFit#topPeers()}, fitted and generated (issue 22). */
class HubCoreTest {
    private static final McpFit FIT = McpDefaults.load();

    /**
     * 203 nodes, so ceil(203 / 100) = 3 top nodes: A, B, C. A–B two parallel channels, B–C one, A–C none; then 100
     * leaves on A, 60 on B, 38 on C; X with a channel to A and one to its own leaf L (degrees A 103, B 63, C 39,
     * X 2; leaves and L 1).
     */
    private static ChannelGraph club() {
        ChannelGraphBuilder b = new ChannelGraphBuilder();
        int a = b.addNode(NodeIds.fromIndex(0));
        int bb = b.addNode(NodeIds.fromIndex(1));
        int c = b.addNode(NodeIds.fromIndex(2));
        long scid = 1;
        b.addChannel(scid++, a, bb, 100_000);
        b.addChannel(scid++, bb, a, 100_000);
        b.addChannel(scid++, bb, c, 100_000);
        int[] hubs = {a, bb, c};
        int[] leaves = {100, 60, 38};
        int id = 3;
        for (int h = 0; h < 3; h++) {
            for (int i = 0; i < leaves[h]; i++) {
                int leaf = b.addNode(NodeIds.fromIndex(id++));
                b.addChannel(scid++, hubs[h], leaf, 100_000);
            }
        }
        int x = b.addNode(NodeIds.fromIndex(id++));
        int l = b.addNode(NodeIds.fromIndex(id));
        b.addChannel(scid++, x, a, 100_000);
        b.addChannel(scid, x, l, 100_000);
        return b.build();
    }

    @Test
    void topPeersCountDistinctTopNeighboursOnAHandWorkedGraph() {
        ChannelGraph g = club();
        assertEquals(203, g.nodeCount());
        // top 3 by degree: A 103, B 63, C 39; A's top peers {B} (two channels, one peer) = 1; B's {A, C} = 2;
        // C's {B} = 1. Leaves are no top node, so their channels do not count.
        assertArrayEquals(new int[] {103, 63, 39}, McpFitter.topDegrees(degrees(g)));
        assertArrayEquals(new int[] {1, 2, 1}, McpFitter.topPeers(g));
        // outside the top: degree 1 (class 0) the 198 leaves (all to a top node) and L (to X): 198 / 199; degree 2
        // (class 1, 2-4 channels) X, one of its two ends to A: 1/2; classes 5-19, 20-99 and 100+ have no such node
        // and carry the class below's 1/2
        double[] share = McpFitter.topShareByClass(g);
        assertEquals(198.0 / 199, share[0], 1e-11);
        assertArrayEquals(new double[] {0.5, 0.5, 0.5, 0.5}, java.util.Arrays.copyOfRange(share, 1, 5), 0);
    }

    @Test
    void hubQuotasAreTheScaledClassShareOfTheTarget() {
        // one hub (node 0, quota 0); shares 1.0 for degree 1 and 0.5 for 2-4. Targets 4, 1, 2: demand
        // 0.5·4 + 1·1 + 0.5·2 = 4; supply 4 gives f = 1: quotas 2, 1, 1, all whole, so no draw is made
        double[] shares = {1.0, 0.5, 0.5, 0.5, 0.5};
        assertArrayEquals(new int[] {0, 2, 1, 1}, McpGenerator.hubQuotas(shares, 1, new int[] {9, 4, 1, 2}, 4,
                new java.util.SplittableRandom(1)));
        // supply 6: f = 1.5, so min(1, 0.75)·4 = 3, min(1, 1.5)·1 = 1, min(1, 0.75)·2 = 1.5 -> 1 or 2
        int[] q = McpGenerator.hubQuotas(shares, 1, new int[] {9, 4, 1, 2}, 6, new java.util.SplittableRandom(1));
        assertEquals(3, q[1]);
        assertEquals(1, q[2]);
        assertTrue(q[3] == 1 || q[3] == 2);
        // target 3 at 0.5, supply = demand: x = 1.5, 2 half of the time: over 10,000 such nodes the mean is
        // 1.5 ± 0.02 (the binomial s.d. of the mean is 0.5/100 = 0.005; the bound is 4 s.d.)
        int[] t = new int[10_001];
        java.util.Arrays.fill(t, 3);
        q = McpGenerator.hubQuotas(shares, 1, t, 15_000, new java.util.SplittableRandom(7));
        double mean = java.util.Arrays.stream(q, 1, q.length).average().orElseThrow();
        int[] all = q;
        assertTrue(java.util.stream.IntStream.range(1, all.length).allMatch(v -> all[v] == 1 || all[v] == 2));
        assertEquals(1.5, mean, 0.02);
    }

    private static int[] degrees(ChannelGraph g) {
        int[] d = new int[g.nodeCount()];
        for (int v = 0; v < d.length; v++) {
            d[v] = g.degree(v);
        }
        return d;
    }

    @Test
    void pinnedHubsAreTheTopOnePercentOfTheExpectedNodes() {
        // the 2019-05-14 fit: 4,275 nodes, 37,497 channels, K = 43. At its size ceil(42.75) = 43; at 10,000
        // channels ceil(4,275 · 10,000 / 3,749,700) = ceil(11.40) = 12; at 1,000 ceil(1.14) = 2; at 1M min(43,
        // ceil(1,140.1)) = 43
        assertEquals(43, McpGenerator.pinnedHubs(43, 4_275, 37_497, 37_497));
        assertEquals(12, McpGenerator.pinnedHubs(43, 4_275, 37_497, 10_000));
        assertEquals(2, McpGenerator.pinnedHubs(43, 4_275, 37_497, 1_000));
        assertEquals(43, McpGenerator.pinnedHubs(43, 4_275, 37_497, 1_000_000));
        // at 10,000 channels the 12 largest generated degrees are the fit's 12 largest scaled by 10,000 / 37,497
        // (1,370 -> 365.4 -> 365; the 12th, 589 -> 157.1 -> 157), and the 13th is drawn below the 12th
        ChannelGraph g = new McpGenerator(FIT, McpGenerator.Config.of(10_000, 1), GenerationProgress.NONE).generate()
                .graph();
        int[] deg = degrees(g);
        java.util.Arrays.sort(deg);
        int[] top = FIT.topDegrees();
        for (int i = 0; i < 12; i++) {
            assertEquals(Math.rint(top[i] * 10_000.0 / 37_497), deg[deg.length - 1 - i], "rank " + i);
        }
        assertTrue(deg[deg.length - 13] <= deg[deg.length - 12]);
        assertEquals(157, deg[deg.length - 12]);
    }

    @Test
    void coreQuotasKeepTheShareOfTheOtherHubs() {
        // all K = 3 pinned: p itself, capped by the target: (2, 1, 1) with targets (5, 1, 1)
        assertArrayEquals(new int[] {2, 1, 1}, McpGenerator.corePeers(new int[] {2, 1, 1}, 3, new int[] {5, 1, 1, 1}));
        // the target binds: hub 0 with target 1 gets 1
        assertArrayEquals(new int[] {1, 1, 1}, McpGenerator.corePeers(new int[] {2, 1, 1}, 3, new int[] {1, 1, 1}));
        // K = 5, 3 pinned: p·(3 − 1)/(5 − 1) = p/2: (4, 3, 1) -> rint(2) = 2, rint(1.5) = 2 (half to even),
        // rint(0.5) = 0
        assertArrayEquals(new int[] {2, 2, 0}, McpGenerator.corePeers(new int[] {4, 3, 1, 0, 0}, 3,
                new int[] {9, 9, 9, 1}));
    }

    @Test
    void theFittedGeneratorReproducesTheRichClub() {
        // 2019-05-14's size (scale 1, all 43 hubs pinned, nodes 0..42): the embedded fit's hubs link to 1,494
        // other-hub ends (7% of their distinct peers); the core copies the snapshot's 747 links among them
        // (top_links), and MCP's uniform draw adds a few more: bound ±10%. Without the core (the fit with top_peers
        // and top_links dropped) seed 1 gives 2% of the hubs' ends, far below.
        int[] want = FIT.topPeers();
        long wantSum = 0;
        for (int p : want) {
            wantSum += p;
        }
        assertEquals(1_494, wantSum);
        ChannelGraph g = new McpGenerator(FIT, McpGenerator.Config.of(37_497, 1), GenerationProgress.NONE).generate()
                .graph();
        long got = hubEnds(g, want.length);
        assertEquals(wantSum, got, 0.1 * wantSum, "hub-to-hub ends " + got);
        McpFit old = FitFiles.without(FIT, "top_peers", "top_share_by_class", "class_homes_below_top", "top_links",
                "body_degrees");
        assertNull(old.topPeers());
        ChannelGraph before = new McpGenerator(old, McpGenerator.Config.of(37_497, 1), GenerationProgress.NONE)
                .generate().graph();
        assertTrue(hubEnds(before, want.length) < 0.5 * wantSum, "without the core " + hubEnds(before, want.length));
        // the quotas: by class, the share of the non-hub nodes' channel ends that go to one of the 43 hubs
        double[] fitShare = FIT.topShareByClass();
        double[] now = shares(g, want.length);
        double[] without = shares(before, want.length);
        // Seed 1: classes 1, 2-4, 5-19 at 0.55, 0.73, 0.63 (without the quotas 0.79, 1.0, 0.95; the fit's 0.54,
        // 0.53, 0.54), 20-99 at 0.43 (without 0.37, the fit's 0.42). The small classes stay above the fit: the
        // hubs' ends left after the core and the quotas go to nodes drawn uniformly, most of them small, because a
        // node with 100 or more channels has a quota (24% of, say, 300) that 43 hubs cannot meet without parallel
        // channels, which the generator does not make. (With the degrees below the hubs drawn from the law instead
        // of body_degrees, there were 85-97 such nodes instead of about 52, and the small classes stood at 0.85,
        // 0.81, 0.69.)
        for (int k = 0; k < 3; k++) {
            assertTrue(now[k] < without[k] - 0.1, "class " + k + ": " + now[k] + " without " + without[k]);
        }
        assertEquals(fitShare[3], now[3], 0.06, "class 3");
        assertTrue(Math.abs(now[3] - fitShare[3]) < Math.abs(without[3] - fitShare[3]), "class 3 without");
    }

    /** By degree class, the share of the non-hub nodes' channel ends whose peer is a hub ({@link #hubs}). */
    private static double[] shares(ChannelGraph g, int k) {
        long[][] counts = McpFitter.endsToTopByClass(g, hubs(g, k));
        double[] out = new double[counts[0].length];
        for (int c = 0; c < out.length; c++) {
            out[c] = counts[0][c] == 0 ? 0 : (double) counts[1][c] / counts[0][c];
        }
        return out;
    }

    /** Ends of channels between two of the k nodes with the most channels (ties: lower index first). */
    private static long hubEnds(ChannelGraph g, int k) {
        boolean[] hub = hubs(g, k);
        long n = 0;
        for (int c = 0; c < g.channelCount(); c++) {
            if (hub[g.node1(c)] && hub[g.node2(c)]) {
                n += 2;
            }
        }
        return n;
    }

    /** The k nodes with the most channels (the graph orders nodes by id, not by generation order). */
    private static boolean[] hubs(ChannelGraph g, int k) {
        Integer[] idx = new Integer[g.nodeCount()];
        for (int v = 0; v < idx.length; v++) {
            idx[v] = v;
        }
        java.util.Arrays.sort(idx, (x, y) -> g.degree(y) != g.degree(x) ? g.degree(y) - g.degree(x) : x - y);
        boolean[] hub = new boolean[idx.length];
        for (int i = 0; i < k; i++) {
            hub[idx[i]] = true;
        }
        return hub;
    }


    @Test
    void classHomesBelowTopLeaveTheHubsOut() {
        // the hand-worked graph has no policies, so no node has a home: five empty tables
        assertEquals(java.util.Collections.nCopies(5, java.util.List.of()), McpFitter.classHomesBelowTop(club()));
        // 2019-05-14: the class of 100+ channels counts 94 live nodes, 25 of them with (0, 250 ppm, CLTV 30), all 25
        // hubs (top 43); below the top the class keeps 94 - 42 live hubs = 52 nodes (one hub is offline) and none
        // with that home
        McpFit.PolicyEntry operator = new McpFit.PolicyEntry(0, 250, 30, 0, McpFit.HTLC_MAX_NONE, 25);
        java.util.List<McpFit.PolicyEntry> all = FIT.nodePolicies().classes().get(4).homes();
        assertTrue(all.contains(operator), all.toString());
        java.util.List<McpFit.PolicyEntry> below = FIT.classHomesBelowTop().get(4);
        assertEquals(all.stream().mapToLong(McpFit.PolicyEntry::count).sum()
                - FIT.topHomes().stream().mapToLong(McpFit.PolicyEntry::count).sum(),
                below.stream().mapToLong(McpFit.PolicyEntry::count).sum());
        assertTrue(below.stream().noneMatch(p -> McpGenerator.samePolicy(p, operator)), below.toString());
        // generated at the snapshot's size, the non-hub nodes with 100 or more channels draw from that table: none
        // of them has the operator's home as its most common policy (seed 1; it drew it for ~27% of them before)
        ChannelGraph g = new McpGenerator(FIT, McpGenerator.Config.of(37_497, 1), GenerationProgress.NONE).generate()
                .graph();
        boolean[] hub = hubs(g, FIT.topDegrees().length);
        int big = 0;
        int withOperator = 0;
        for (int v = 0; v < g.nodeCount(); v++) {
            if (!hub[v] && g.degree(v) >= 100) {
                big++;
                NodePolicies.Key h = NodePolicies.homeOf(g, v);
                if (h != null && h.base() == 0 && h.ppm() == 250 && h.cltv() == 30) {
                    withOperator++;
                }
            }
        }
        assertTrue(big > 20, "non-hub nodes with >= 100 channels: " + big);
        assertEquals(0, withOperator);
    }

    @Test
    void badClassHomesBelowTopNameTheirKey() throws IOException {
        String j = FitFiles.json(FIT);
        String head = "\"class_homes_below_top\" : {\n    \"1\" : [\n    [1000, 1, 144, 0, \"none\", 155],";
        assertTrue(j.contains(head), "class_homes_below_top as written");
        FitFiles.assertBad(j.replace(head, head.replace("[1000, 1, 144,", "[1000, -1, 144,")), "class_homes_below_top.1[0]");
        FitFiles.assertBad(j.replace(head, head.replace("\"1\" :", "\"3\" :")), "class_homes_below_top");
    }

    @Test
    void otherDirectionsDeviateAsTheirHomesDo() throws IOException {
        // the fitted topology draws a non-hub node's direction to a non-hub peer of another home off its own home
        // with that home's share of deviating other directions (siblings.other_by_home), no longer its degree
        // class's share. The hubs' directions to non-hub peers come from their rank's tables (top_rank_policies),
        // so the shares are compared over non-hub sources, in the snapshot and generated at its size (seed 1).
        // Homes (1000 msat, 1 ppm, CLTV 144), (0, 1 ppm, 144), (1000, 1 ppm, 40): the snapshot's non-hub nodes
        // deviate on 9.2%, 13.8%, 16.2% of those directions (4,285, 600, 538), generated 10.2%, 14.8%, 12.2% (5,175,
        // 878, 540); bound: 3 s.d. of the difference of the two binomial shares (1.8, 5.5, 6.6 points)
        ChannelGraph snap = NetworkFormats.load(TestData.snapshot("clightning-listchannels-2019-05-14.json.gz"))
                .graph();
        ChannelGraph gen = new McpGenerator(FIT, McpGenerator.Config.of(37_497, 1), GenerationProgress.NONE)
                .generate().graph();
        int hubs = FIT.topDegrees().length;
        java.util.Map<NodePolicies.Key, long[]> want = otherDeviationByHome(snap, hubs);
        java.util.Map<NodePolicies.Key, long[]> got = otherDeviationByHome(gen, hubs);
        // the three homes with the most such directions in the snapshot among those the fit has a table for (a
        // home whose other directions never deviate has none, and its nodes take their class's share)
        java.util.Set<NodePolicies.Key> listed = new java.util.HashSet<>();
        for (NodePolicies.HomeSiblings h : FIT.siblings().otherByHome()) {
            McpFit.PolicyEntry p = h.home();
            listed.add(new NodePolicies.Key(p.feeBaseMsat(), p.feePpm(), p.cltvDelta(), p.htlcMinMsat(),
                    McpFit.HTLC_MAX_NONE));
        }
        List<NodePolicies.Key> homes = want.entrySet().stream().filter(en -> listed.contains(en.getKey()))
                .sorted((x, y) -> Long.compare(y.getValue()[0], x.getValue()[0])).limit(3)
                .map(java.util.Map.Entry::getKey).toList();
        for (NodePolicies.Key k : homes) {
            long[] w = want.get(k);
            long[] g = got.get(k);
            assertTrue(g != null && g[0] >= 300, k + ": too few generated directions");
            double p = (double) (w[1] + g[1]) / (w[0] + g[0]);
            double sd = Math.sqrt(p * (1 - p) * (1.0 / w[0] + 1.0 / g[0]));
            assertEquals((double) w[1] / w[0], (double) g[1] / g[0], 3 * sd, k.toString());
        }
    }

    /**
     * Per home, over nodes outside the {@code hubs} largest with two or more usable directions: {@code [other
     * directions, deviating ones]}, other meaning usable, to a live peer of another home outside the largest.
     */
    private static java.util.Map<NodePolicies.Key, long[]> otherDeviationByHome(ChannelGraph g, int hubs) {
        int n = g.nodeCount();
        Integer[] order = HubGraphs.byDegree(g);
        boolean[] top = new boolean[n];
        for (int i = 0; i < hubs; i++) {
            top[order[i]] = true;
        }
        NodePolicies.Key[] home = new NodePolicies.Key[n];
        for (int v = 0; v < n; v++) {
            home[v] = NodePolicies.homeOf(g, v);
        }
        java.util.Map<NodePolicies.Key, long[]> out = new java.util.HashMap<>();
        for (int v = 0; v < n; v++) {
            if (top[v] || home[v] == null) {
                continue;
            }
            int usable = 0;
            for (int s = g.outStart(v); s < g.outEnd(v); s++) {
                usable += g.isUsable(g.outDirection(s)) ? 1 : 0;
            }
            if (usable < 2) {
                continue;
            }
            for (int s = g.outStart(v); s < g.outEnd(v); s++) {
                int e = g.outDirection(s);
                int peer = g.outPeer(s);
                if (!g.isUsable(e) || top[peer] || home[peer] == null || home[peer].equals(home[v])) {
                    continue;
                }
                long[] c = out.computeIfAbsent(home[v], x -> new long[2]);
                c[0]++;
                if (!NodePolicies.Key.of(g, e).equals(home[v])) {
                    c[1]++;
                }
            }
        }
        return out;
    }

    @Test
    void badTopPeersNameTheirKey() throws IOException {
        String j = FitFiles.json(FIT);
        int[] p = FIT.topPeers();
        String list = "\"top_peers\" : [ " + java.util.Arrays.stream(p).mapToObj(Integer::toString)
                .collect(java.util.stream.Collectors.joining(", ")) + " ]";
        assertTrue(j.contains(list), "top_peers as written");
        // more than the other 42 hubs
        FitFiles.assertBad(j.replace(list, list.replace("[ " + p[0] + ",", "[ 43,")), "top_peers[0]");
        // negative
        FitFiles.assertBad(j.replace(list, list.replace("[ " + p[0] + ",", "[ -1,")), "top_peers[0]");
        // not an integer
        FitFiles.assertBad(j.replace(list, list.replace("[ " + p[0] + ",", "[ 1.5,")), "top_peers[0]");
        // one short of top_degrees
        FitFiles.assertBad(j.replace(list, list.replace("[ " + p[0] + ",", "[")), "top_peers");
        // a share above 1
        String shares = "\"top_share_by_class\" : [ ";
        assertTrue(j.contains(shares));
        FitFiles.assertBad(j.replace(shares, shares + "1.5, "), "top_share_by_class");
        FitFiles.assertBad(j.replaceFirst("(\"top_share_by_class\" : \\[ )[^,]*", "$1-0.1"), "top_share_by_class[0]");
    }
}
