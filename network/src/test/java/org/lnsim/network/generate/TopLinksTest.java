package org.lnsim.network.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.ChannelGraphBuilder;
import org.lnsim.network.ChannelPolicy;
import org.lnsim.network.NodeIds;

/** The channels among the hubs, {@link McpFit#topLinks()}: fitted and copied by the generator (issue 22). */
class TopLinksTest {
    private static final McpFit FIT = McpDefaults.load();
    private static final long NONE = ChannelPolicy.NO_HTLC_MAXIMUM;

    /**
     * A (4 channels) and B (3) are the top 2 of 102 nodes with channels (ceil(102 / 100) = 2): two parallel
     * channels A-B, then one leaf each on A twice and on B once; 48 pairs of one-channel nodes make up the count.
     * The first A-B channel: A→B disabled, B→A (5, 50, 40, 1); the second: (9, 9, 9, 1) both ways.
     */
    private static ChannelGraph graph() {
        ChannelGraphBuilder b = new ChannelGraphBuilder();
        int id = 0;
        int a = b.addNode(NodeIds.fromIndex(id++));
        int hb = b.addNode(NodeIds.fromIndex(id++));
        long scid = 1;
        int first = b.addChannel(scid++, a, hb, 100_000);
        b.setPolicy(first, a, 5, 50, 40, 1, NONE, true);
        b.setPolicy(first, hb, 5, 50, 40, 1, NONE, false);
        int second = b.addChannel(scid++, a, hb, 100_000);
        b.setPolicy(second, a, 9, 9, 9, 1, NONE, false);
        b.setPolicy(second, hb, 9, 9, 9, 1, NONE, false);
        int[] owners = {a, a, hb};
        for (int owner : owners) {
            HubGraphs.channel(b, scid++, owner, b.addNode(NodeIds.fromIndex(id++)), 1000, 1, 40);
        }
        HubGraphs.pairs(b, id, scid, 48);
        return b.build();
    }

    @Test
    void linksKeepTheFirstChannelOfEachPairOfTopNodes() {
        // nodes with channels: 2 + 3 + 96 = 101, ceil(101 / 100) = 2: A (rank 0, 4 channels) and B (rank 1, 3).
        // One link, the first A-B channel in A's order: A→B disabled (null), B→A (5, 50, 40, 1); the parallel
        // channel is not a second link
        List<McpFit.TopLink> links = McpFitter.topLinks(graph());
        assertEquals(List.of(new McpFit.TopLink(0, 1, null,
                new McpFit.PolicyEntry(5, 50, 40, 1, McpFit.HTLC_MAX_NONE, 1))), links);
    }

    @Test
    void theGeneratorCopiesTheLinksAmongItsHubsWithTheirPolicies() {
        // 2019-05-14's fit at its own size, seed 1, all 43 hubs pinned. The built graph orders nodes by id, so a hub
        // is found by its degree (the snapshot's degree of its rank, unique among the hubs for most ranks): every
        // link between two such ranks is a channel between the two nodes, and each direction carries the link's
        // policy, or is disabled when the link's is null
        ChannelGraph g = new McpGenerator(FIT, McpGenerator.Config.of(37_497, 1), GenerationProgress.NONE).generate()
                .graph();
        int[] nodeOf = HubGraphs.nodesOfRanks(g, FIT.topDegrees());
        List<McpFit.TopLink> links = FIT.topLinks();
        assertNotNull(links);
        int checked = 0;
        for (McpFit.TopLink l : links) {
            int u = nodeOf[l.low()];
            int w = nodeOf[l.high()];
            if (u < 0 || w < 0) {
                continue;
            }
            int e = -1;
            for (int s = g.outStart(u); s < g.outEnd(u); s++) {
                if (g.outPeer(s) == w) {
                    e = g.outDirection(s);
                }
            }
            assertTrue(e >= 0, "ranks " + l.low() + " and " + l.high() + " are linked");
            assertDirection(g, e, l.lowToHigh());
            assertDirection(g, e ^ 1, l.highToLow());
            checked++;
        }
        assertTrue(checked > 300, "links checked: " + checked + " of " + links.size());
    }

    private static void assertDirection(ChannelGraph g, int e, McpFit.PolicyEntry p) {
        if (p == null) {
            assertTrue(!g.isUsable(e), "a null policy is a disabled direction");
            return;
        }
        if (!g.isUsable(e)) {
            return; // an offline hub (no rank home) disables all its directions
        }
        assertEquals(List.of(p.feeBaseMsat(), p.feePpm(), (long) p.cltvDelta(), p.htlcMinMsat()),
                List.of(g.feeBaseMsat(e), g.feeProportionalMillionths(e), (long) g.cltvExpiryDelta(e),
                        g.htlcMinimumMsat(e)));
    }

    @Test
    void withoutTheLinksTheCoreIsDrawnAsBefore() {
        // the key absent (and body_degrees, which came after it): hub i is wired to top_peers[i] random other
        // hubs, so some snapshot link is missing
        McpFit old = FitFiles.without(FIT, "top_links", "body_degrees");
        assertNull(old.topLinks());
        ChannelGraph g = new McpGenerator(old, McpGenerator.Config.of(37_497, 1), GenerationProgress.NONE).generate()
                .graph();
        List<McpFit.TopLink> again = McpFitter.topLinks(g);
        java.util.Set<List<Integer>> got = new java.util.HashSet<>();
        for (McpFit.TopLink l : again) {
            got.add(List.of(l.low(), l.high()));
        }
        long missing = FIT.topLinks().stream().filter(l -> !got.contains(List.of(l.low(), l.high()))).count();
        assertTrue(missing > 100, "snapshot links missing without top_links: " + missing);
    }

    @Test
    void badLinksNameTheirKey() throws IOException {
        String j = FitFiles.json(FIT);
        McpFit.TopLink l = FIT.topLinks().get(0);
        String start = "\"top_links\" : [\n    [" + l.low() + ", " + l.high() + ", ";
        assertTrue(j.contains(start), "top_links as written");
        // ranks out of order, out of range, negative
        FitFiles.assertBad(j.replace(start, "\"top_links\" : [\n    [" + l.high() + ", " + l.low() + ", "),
                "top_links[0]");
        FitFiles.assertBad(j.replace(start, "\"top_links\" : [\n    [" + l.low() + ", 99, "), "top_links[0]");
        FitFiles.assertBad(j.replace(start, "\"top_links\" : [\n    [-1, " + l.high() + ", "), "top_links[0]");
        // a policy that is not four integers
        FitFiles.assertBad(j.replace(start, start + "[1, 2], null], [" + l.low() + ", " + l.high() + ", "),
                "top_links[0][2]");
        // the first link twice
        String row = j.substring(j.indexOf(start) + "\"top_links\" : [\n    ".length(),
                j.indexOf("],\n", j.indexOf(start)) + 1);
        FitFiles.assertBad(j.replace(start, "\"top_links\" : [\n    " + row + ",\n    [" + l.low() + ", " + l.high()
                + ", "), "top_links[1]");
        // the fit reads back equal
        assertEquals(FIT, FitFiles.read(j));
    }
}
