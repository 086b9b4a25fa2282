package org.lnsim.network.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.ChannelGraphBuilder;
import org.lnsim.network.ChannelPolicy;
import org.lnsim.network.NodeIds;

/** The hubs' outward policies by peer class, {@link McpFit#topRankPolicies()}: fitted and generated (issue 22). */
class TopRankPoliciesTest {
    private static final McpFit FIT = McpDefaults.load();
    private static final long NONE = ChannelPolicy.NO_HTLC_MAXIMUM;

    /**
     * Top nodes A and B, and 101 others with channels, so ceil(103 / 100) = 2 top nodes. A has 6 channels: B, three
     * one-channel peers and the mid nodes M0 and M1. B has 5: A and M0..M3. Each Mi also has its own one-channel
     * peer, so M0 and M1 have 3 channels and M2 and M3 have 2 (class 2-4). 45 pairs of nodes with one channel
     * between them make up the count (90 nodes of class 1).
     */
    private static ChannelGraph graph() {
        ChannelGraphBuilder b = new ChannelGraphBuilder();
        int id = 0;
        int a = b.addNode(NodeIds.fromIndex(id++));
        int hb = b.addNode(NodeIds.fromIndex(id++));
        long scid = 1;
        int ab = b.addChannel(scid++, a, hb, 100_000);
        b.setPolicy(ab, a, 7, 7, 40, 1, NONE, false); // towards a top peer: not counted
        b.setPolicy(ab, hb, 7, 7, 40, 1, NONE, false);
        // A's three one-channel peers: A charges P=(1000, 1, 40) to two, Q=(0, 500, 40) to one; each leaf's own
        // direction usable too
        for (int i = 0; i < 3; i++) {
            int leaf = b.addNode(NodeIds.fromIndex(id++));
            int ch = b.addChannel(scid++, a, leaf, 100_000);
            if (i < 2) {
                b.setPolicy(ch, a, 1000, 1, 40, 1, NONE, false);
            } else {
                b.setPolicy(ch, a, 0, 500, 40, 1, NONE, false);
            }
            b.setPolicy(ch, leaf, 1000, 1, 40, 1, NONE, false);
        }
        int[] mid = new int[4];
        for (int i = 0; i < 4; i++) {
            mid[i] = b.addNode(NodeIds.fromIndex(id++));
            int toB = b.addChannel(scid++, hb, mid[i], 100_000);
            b.setPolicy(toB, hb, 1000, 1, 40, 1, NONE, i == 3); // B to M3 disabled: not counted
            b.setPolicy(toB, mid[i], 1000, 1, 40, 1, NONE, false);
            HubGraphs.channel(b, scid++, mid[i], b.addNode(NodeIds.fromIndex(id++)), 1000, 1, 40);
        }
        for (int i = 0; i < 2; i++) {
            int ch = b.addChannel(scid++, a, mid[i], 100_000);
            b.setPolicy(ch, a, 5000, 2000, 144, 1, NONE, false); // R, A's dear policy towards the mid nodes
            b.setPolicy(ch, mid[i], 1000, 1, 40, 1, NONE, false);
        }
        HubGraphs.pairs(b, id, scid, 45);
        return b.build();
    }

    @Test
    void tablesCountEachHubsUsableDirectionsToNonTopPeersByThePeersClass() {
        ChannelGraph g = graph();
        // nodes with channels: 2 + 3 + 4·2 + 90 = 103, so ceil(103 / 100) = 2 top nodes: A (6 channels), B (5)
        List<List<List<McpFit.PolicyEntry>>> t = McpFitter.topRankPolicies(g);
        assertEquals(2, t.size());
        // A: class 1 (its 3 leaves): P twice, Q once, P first (most frequent); class 2-4 (M0 and M1 have 3
        // channels): R twice; the channel to B is to a top peer and not counted; classes 5+ empty
        List<List<McpFit.PolicyEntry>> a = t.get(0);
        assertEquals(List.of(new McpFit.PolicyEntry(1000, 1, 40, 1, McpFit.HTLC_MAX_NONE, 2),
                new McpFit.PolicyEntry(0, 500, 40, 1, McpFit.HTLC_MAX_NONE, 1)), a.get(0));
        assertEquals(List.of(new McpFit.PolicyEntry(5000, 2000, 144, 1, McpFit.HTLC_MAX_NONE, 2)), a.get(1));
        assertTrue(a.get(2).isEmpty() && a.get(3).isEmpty() && a.get(4).isEmpty());
        // B: M0..M3 are class 2-4 (M0, M1: 3 channels; M2, M3: 2); B to M3 is disabled: 3 directions of
        // (1000, 1, 40); nothing else
        List<List<McpFit.PolicyEntry>> bb = t.get(1);
        assertTrue(bb.get(0).isEmpty());
        assertEquals(List.of(new McpFit.PolicyEntry(1000, 1, 40, 1, McpFit.HTLC_MAX_NONE, 3)), bb.get(1));
    }

    @Test
    void generatedHubsChargeTheirRanksPoliciesByPeerClass() {
        // 2019-05-14's fit at its own size, seed 1: every direction of a generated hub to a non-hub peer carries a
        // policy of its rank's table for the peer's class (or of the rank's tables together when that class's is
        // empty), and the largest hub's most frequent policy towards class 2-4 and 5-19 peers has its table's share
        // within 8 points (binomial s.d. under 3 points at its 100+ directions per class)
        ChannelGraph g = new McpGenerator(FIT, McpGenerator.Config.of(37_497, 1), GenerationProgress.NONE).generate()
                .graph();
        List<List<List<McpFit.PolicyEntry>>> want = FIT.topRankPolicies();
        assertNotNull(want);
        int hubs = FIT.topDegrees().length; // all 43 pinned at the snapshot's size
        // the built graph orders nodes by id, so hub i is found by its degree: the snapshot's degree of rank i,
        // checked for the ranks whose degree no other hub has (ties cannot be told apart)
        int n = g.nodeCount();
        Integer[] order = HubGraphs.byDegree(g);
        boolean[] isHub = new boolean[n];
        for (int i = 0; i < hubs; i++) {
            isHub[order[i]] = true;
        }
        int[] rankOf = new int[n];
        java.util.Arrays.fill(rankOf, -1);
        int[] nodeOf = HubGraphs.nodesOfRanks(g, FIT.topDegrees());
        for (int i = 0; i < nodeOf.length; i++) {
            if (nodeOf[i] >= 0) {
                rankOf[nodeOf[i]] = i;
            }
        }
        long checked = 0;
        int ranks = 0;
        Map<Integer, Map<List<Long>, int[]>> top0 = new HashMap<>();
        for (int v = 0; v < n; v++) {
            int r = rankOf[v];
            if (r < 0) {
                continue;
            }
            ranks++;
            for (int s = g.outStart(v); s < g.outEnd(v); s++) {
                int e = g.outDirection(s);
                int peer = g.outPeer(s);
                if (isHub[peer] || !g.isUsable(e)) {
                    continue;
                }
                int k = NodePolicies.classOf(g.degree(peer));
                List<McpFit.PolicyEntry> table = want.get(r).get(k);
                if (table.isEmpty()) {
                    table = new ArrayList<>();
                    for (List<McpFit.PolicyEntry> t : want.get(r)) {
                        table.addAll(t);
                    }
                }
                Set<List<Long>> allowed = new HashSet<>();
                for (McpFit.PolicyEntry p : table) {
                    allowed.add(key(p.feeBaseMsat(), p.feePpm(), p.cltvDelta(), p.htlcMinMsat()));
                }
                List<Long> got = key(g.feeBaseMsat(e), g.feeProportionalMillionths(e), g.cltvExpiryDelta(e),
                        g.htlcMinimumMsat(e));
                assertTrue(allowed.contains(got), "hub " + r + " to a class-" + k + " peer charges " + got);
                checked++;
                if (r == 0) {
                    top0.computeIfAbsent(k, x -> new HashMap<>()).computeIfAbsent(got, x -> new int[1])[0]++;
                }
            }
        }
        assertTrue(ranks >= 20 && checked > 3_000, "ranks " + ranks + ", hub directions checked: " + checked);
        for (int k = 1; k <= 2; k++) {
            List<McpFit.PolicyEntry> t = want.get(0).get(k);
            long total = t.stream().mapToLong(McpFit.PolicyEntry::count).sum();
            McpFit.PolicyEntry first = t.get(0);
            Map<List<Long>, int[]> seen = top0.get(k);
            int seenCount = seen.values().stream().mapToInt(c -> c[0]).sum();
            int[] hit = seen.get(key(first.feeBaseMsat(), first.feePpm(), first.cltvDelta(), first.htlcMinMsat()));
            double share = hit == null ? 0 : (double) hit[0] / seenCount;
            assertTrue(seenCount >= 100, "class " + k + " directions of the largest hub: " + seenCount);
            assertEquals((double) first.count() / total, share, 0.08, "class " + k + " share of " + first);
        }
    }

    @Test
    void aFitWithoutTheTablesDrawsTheHubsDirectionsByHome() {
        // the key absent (a fit written before it): the largest hub's directions to non-hub peers are drawn by home
        // as before, and some of them carry a policy its rank's table for the peer's class does not have (with the
        // key none does, the test above)
        McpFit old = FitFiles.without(FIT, "top_rank_policies");
        assertNull(old.topRankPolicies());
        ChannelGraph g = new McpGenerator(old, McpGenerator.Config.of(37_497, 1), GenerationProgress.NONE).generate()
                .graph();
        int largest = 0;
        for (int v = 1; v < g.nodeCount(); v++) {
            largest = g.degree(v) > g.degree(largest) ? v : largest;
        }
        assertEquals(FIT.topDegrees()[0], g.degree(largest), "the largest hub keeps the snapshot's degree");
        int[] deg = FIT.topDegrees();
        int minHub = deg[deg.length - 1];
        long outside = 0;
        for (int s = g.outStart(largest); s < g.outEnd(largest); s++) {
            int e = g.outDirection(s);
            int peer = g.outPeer(s);
            if (!g.isUsable(e) || g.degree(peer) >= minHub) {
                continue; // hub peers (and non-hubs as large as the smallest hub, which cannot be told apart)
            }
            Set<List<Long>> allowed = new HashSet<>();
            for (McpFit.PolicyEntry p : FIT.topRankPolicies().get(0).get(NodePolicies.classOf(g.degree(peer)))) {
                allowed.add(key(p.feeBaseMsat(), p.feePpm(), p.cltvDelta(), p.htlcMinMsat()));
            }
            if (!allowed.contains(key(g.feeBaseMsat(e), g.feeProportionalMillionths(e), g.cltvExpiryDelta(e),
                    g.htlcMinimumMsat(e)))) {
                outside++;
            }
        }
        assertTrue(outside > 0, "without the tables some direction leaves the rank's class table");
    }

    @Test
    void badTablesNameTheirKey() throws IOException {
        String j = FitFiles.json(FIT);
        String start = "\"top_rank_policies\" : [ {";
        assertTrue(j.contains(start), "top_rank_policies as written");
        // a class key missing in the first entry: "1" renamed
        FitFiles.assertBad(j.replace(start + "\n    \"1\"", start + "\n    \"3\""), "top_rank_policies[0]");
        // a row with a negative count in the first table
        int at = j.indexOf(start);
        int row = j.indexOf('[', j.indexOf("\"1\"", at));
        int end = j.indexOf(']', j.indexOf('[', row + 1));
        String firstRow = j.substring(j.indexOf('[', row + 1), end + 1);
        String badRow = firstRow.substring(0, firstRow.lastIndexOf(',')) + ", -1]";
        FitFiles.assertBad(j.substring(0, row + 1) + j.substring(row + 1).replaceFirst(
                java.util.regex.Pattern.quote(firstRow), badRow), "top_rank_policies[0].1[0]");
        // the fit reads back equal
        assertEquals(FIT, FitFiles.read(j));
    }

    private static List<Long> key(long base, long ppm, long cltv, long hmin) {
        return List.of(base, ppm, cltv, hmin);
    }
}
