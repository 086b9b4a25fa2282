package org.lnsim.network.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.ChannelGraphBuilder;
import org.lnsim.network.ChannelPolicy;
import org.lnsim.network.NodeIds;

/** The hubs' one-channel peers, {@link McpFit#topLeafPeers()}: fitted and generated (issue 22, 2026's fee p99). */
class LeafPeersTest {
    private static final McpFit FIT = McpDefaults.load();

    /**
     * 144 nodes, so ceil(144 / 100) = 2 top nodes: A (channels to B and 100 leaves: 101) and B (A, 40 leaves and X:
     * 42). X has a channel to B and one to its own leaf L (degree 2, so not a one-channel peer of B). Leaf i of A
     * has a policy towards A (a usable direction: live) for i &lt; 30, leaf i of B for i &lt; 10; the others none.
     */
    private static ChannelGraph hubsWithLeaves() {
        ChannelGraphBuilder b = new ChannelGraphBuilder();
        int a = b.addNode(NodeIds.fromIndex(0));
        int bb = b.addNode(NodeIds.fromIndex(1));
        long scid = 1;
        b.addChannel(scid++, a, bb, 100_000);
        int[] hubs = {a, bb};
        int[] leaves = {100, 40};
        int[] live = {30, 10};
        int id = 2;
        for (int h = 0; h < 2; h++) {
            for (int i = 0; i < leaves[h]; i++) {
                int leaf = b.addNode(NodeIds.fromIndex(id++));
                int ch = b.addChannel(scid++, hubs[h], leaf, 100_000);
                b.setPolicy(ch, hubs[h], 1000, 1, 40, 1, ChannelPolicy.NO_HTLC_MAXIMUM, false);
                if (i < live[h]) {
                    b.setPolicy(ch, leaf, 1000, 1, 40, 1, ChannelPolicy.NO_HTLC_MAXIMUM, false);
                }
            }
        }
        int x = b.addNode(NodeIds.fromIndex(id++));
        int l = b.addNode(NodeIds.fromIndex(id));
        b.addChannel(scid++, x, bb, 100_000);
        b.addChannel(scid, x, l, 100_000);
        return b.build();
    }

    @Test
    void leafPeersCountOneChannelPeersAndTheLiveOnesOnAHandWorkedGraph() {
        ChannelGraph g = hubsWithLeaves();
        assertEquals(144, g.nodeCount());
        // top 2 by degree: A 101, B 42. A: 100 one-channel peers (B has 42 channels), 30 with a usable direction;
        // B: 40 (A and X have more than one channel), 10 live
        int[][] got = McpFitter.topLeafPeers(g);
        assertEquals(2, got.length);
        assertArrayEquals(new int[] {100, 30}, got[0]);
        assertArrayEquals(new int[] {40, 10}, got[1]);
        // generated hub quotas: the same share of each hub's target, after its core; hub 0 of 101 channels with a
        // target of 50 and 5 hub peers: round(100 * 50 / 101) = round(49.5) = 50, capped at 50 - 5 = 45; hub 1:
        // round(40 * 21 / 42) = 20, room 21 - 1 = 20
        assertArrayEquals(new int[] {45, 20}, McpGenerator.leafPeers(got, new int[] {101, 42}, 2,
                new int[] {50, 21, 3, 1}, new int[] {5, 1}));
    }

    @Test
    void theGeneratorPutsTheOneChannelNodesOnTheSnapshotsHubs() {
        // 2019-05-14's fit at its own size, seed 1: the 10 largest hubs' one-channel peers within 10% of the
        // snapshot's (the hubs' targets are the snapshot's degrees, each takes its quota and no more by chance), the
        // live ones within 3 s.d. of their binomial draw, and ranks 11 and below within 15%
        int[][] want = FIT.topLeafPeers();
        assertNotNull(want);
        ChannelGraph g = new McpGenerator(FIT, McpGenerator.Config.of(37_497, 1), GenerationProgress.NONE).generate()
                .graph();
        int[][] got = McpFitter.topLeafPeers(g);
        long[] w = sums(want, 0, 10);
        long[] h = sums(got, 0, 10);
        assertEquals(w[0], h[0], 0.10 * w[0], "one-channel peers of the 10 largest hubs");
        // each one-channel peer of hub i is live with the snapshot's share l_i / p_i: the live count is a sum of
        // binomials, s.d. √Σ p_i·(l_i/p_i)·(1 − l_i/p_i) (2019-05-14: 8.5 of 102, 8%); bound 3 s.d.
        double var = 0;
        for (int i = 0; i < 10; i++) {
            double q = want[i][0] == 0 ? 0 : (double) want[i][1] / want[i][0];
            var += want[i][0] * q * (1 - q);
        }
        assertEquals(w[1], h[1], 3 * Math.sqrt(var), "live ones");
        // the generated network has fewer nodes (3,6xx against 4,275), so its top 1% is 37-39 nodes, not 43: both
        // sums run over the ranks both have
        int upTo = Math.min(got.length, want.length);
        long[] w2 = sums(want, 10, upTo);
        long[] h2 = sums(got, 10, upTo);
        assertEquals(w2[0], h2[0], 0.15 * w2[0], "one-channel peers of ranks 11 and below");
        // without the statistic (a fit written before it) the hubs take one-channel nodes by the class quota, about
        // the same share of every hub: the 10 largest hubs' count then differs by more than 10%
        McpFit old = FitFiles.without(FIT, "top_leaf_peers");
        assertNull(old.topLeafPeers());
        int[][] before = McpFitter.topLeafPeers(new McpGenerator(old, McpGenerator.Config.of(37_497, 1),
                GenerationProgress.NONE).generate().graph());
        long[] b = sums(before, 0, 10);
        assertTrue(Math.abs(b[1] - w[1]) > 0.10 * w[1] || Math.abs(b[0] - w[0]) > 0.10 * w[0],
                "before: " + b[0] + " / " + b[1] + " against " + w[0] + " / " + w[1]);
    }

    @Test
    void badLeafPeersNameTheirKey() throws IOException {
        String j = FitFiles.json(FIT);
        int[] first = FIT.topLeafPeers()[0];
        String head = "\"top_leaf_peers\" : [ [" + first[0] + ", " + first[1] + "]";
        assertTrue(j.contains(head), "top_leaf_peers as written");
        String start = "\"top_leaf_peers\" : [ ";
        // more live peers than peers
        FitFiles.assertBad(j.replace(head, start + "[" + first[0] + ", " + (first[0] + 1) + "]"), "top_leaf_peers[0]");
        // more peers than the hub's degree
        FitFiles.assertBad(j.replace(head, start + "[" + (FIT.topDegrees()[0] + 1) + ", 0]"), "top_leaf_peers[0]");
        // negative, not an integer, not a pair
        FitFiles.assertBad(j.replace(head, start + "[" + first[0] + ", -1]"), "top_leaf_peers[0]");
        FitFiles.assertBad(j.replace(head, start + "[" + first[0] + ", 0.5]"), "top_leaf_peers[0]");
        FitFiles.assertBad(j.replace(head, start + "[" + first[0] + "]"), "top_leaf_peers[0]");
        // one row short
        FitFiles.assertBad(j.replace(head + ", ", start), "top_leaf_peers");
        // the fit reads back equal
        assertEquals(FIT, FitFiles.read(j));
    }

    private static long[] sums(int[][] rows, int from, int to) {
        long[] s = new long[2];
        for (int i = from; i < to; i++) {
            s[0] += rows[i][0];
            s[1] += rows[i][1];
        }
        return s;
    }
}
