package org.lnsim.results.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.ChannelGraphBuilder;
import org.lnsim.network.NodeIds;

class NodeIdsCsvTest {
    @Test
    void rowsInIndexOrder_withChannelsCapacityAndQuotedAliases() throws Exception {
        ChannelGraphBuilder b = new ChannelGraphBuilder();
        int a = b.addNode(NodeIds.fromIndex(1));
        int c = b.addNode(NodeIds.fromIndex(2));
        int d = b.addNode(NodeIds.fromIndex(3));
        b.addNode(NodeIds.fromIndex(4));   // no channel
        b.addChannel(1, a, c, 100_000);
        b.addChannel(2, a, d, 250_000);
        b.addChannel(3, a, c, 5_000);      // parallel to the first
        b.setNodeAnnouncement(a, "hub, \"big\"", List.of());
        b.setNodeAnnouncement(c, "plain", List.of());
        ChannelGraph g = b.build();
        StringWriter w = new StringWriter();
        NodeIdsCsv.write(w, g);
        String[] lines = w.toString().split("\n");
        assertEquals(NodeIdsCsv.HEADER, lines[0]);
        assertEquals(1 + g.nodeCount(), lines.length);
        for (int v = 0; v < g.nodeCount(); v++) {
            String[] f = lines[1 + v].split(",", 5);
            assertEquals(Integer.toString(v), f[0]);
            assertEquals(g.nodeIdHex(v), f[1]);
            assertEquals(66, f[1].length());
            assertEquals(Integer.toString(g.degree(v)), f[2]);
            // capacity: the hub has 100,000 + 250,000 + 5,000 = 355,000 sat; c has 105,000; d 250,000; the last 0
            long expected = g.alias(v) == null ? (g.degree(v) == 1 ? 250_000 : 0)
                    : g.alias(v).equals("plain") ? 105_000 : 355_000;
            assertEquals(Long.toString(expected), f[3], lines[1 + v]);
            String alias = g.alias(v);
            assertEquals(alias == null ? "" : alias.equals("plain") ? "plain" : "\"hub, \"\"big\"\"\"", f[4]);
        }
    }
}
