package org.lnsim.network.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.NodeIds;

class LnGraphVizFormatTest {
    @TempDir
    Path dir;

    private static String node(String id, int k, String alias) {
        return "{\"id\": \"" + id + "\", \"alias\": \"" + alias + "\", \"Node_Type\": \"x\", \"Total_Channels\": 9.0, "
                + "\"pub_key\": \"" + NodeIds.hex(NodeIds.fromIndex(k)) + "\"}";
    }

    private static String edge(String src, String dst, long cap) {
        return "{\"id\": \"" + src + "-" + dst + "\", \"source\": \"" + src + "\", \"target\": \"" + dst
                + "\", \"Channel_Size_Tier\": \"Highway\", \"capacity\": " + cap + "}";
    }

    /**
     * Nodes a(1) b(2) c(3) d(4, on no edge); edges a-b 5,000,000, b-c 7,000,000, then a-b repeated identically →
     * 2 channels with scids 0 and 1 in file order, duplicate_edge_merged 1, nodes_without_channels 1 (d),
     * directions_without_policy 4; it is detected as ln-graph-viz although its nodes have a pub_key (lnd's key).
     */
    @Test
    void handMadeGraph() throws IOException {
        Path f = dir.resolve("g.json");
        Files.writeString(f, "{\"nodes\": [" + node("11", 1, "a") + ", " + node("22", 2, "b") + ", "
                + node("33", 3, "c") + ", " + node("44", 4, "d") + "],\n\"edges\": [\n" + edge("11", "22", 5_000_000)
                + ",\n" + edge("22", "33", 7_000_000) + ",\n" + edge("11", "22", 5_000_000) + "\n]}");
        LoadedNetwork ln = NetworkFormats.load(f);
        assertEquals(LnGraphVizFormat.NAME, ln.report().format());
        ChannelGraph g = ln.graph();
        assertEquals(3, g.nodeCount());
        assertEquals(2, g.channelCount());
        assertEquals(0, g.scid(0));
        assertEquals(7_000_000, g.capacitySat(g.indexOfChannel(1)));
        assertEquals("b", g.alias(g.indexOfNode(NodeIds.fromIndex(2))));
        assertTrue(g.isAnnounced(0));
        assertFalse(g.hasPolicy(0));
        assertEquals(1, ln.report().get("duplicate_edge_merged"));
        assertEquals(1, ln.report().get("nodes_without_channels"));
        assertEquals(4, ln.report().get("directions_without_policy"));
        assertEquals(3, ln.report().get("edges_read"));
    }

    @Test
    void unknownNodeAndConflictingDuplicate() throws IOException {
        Path f = dir.resolve("u.json");
        Files.writeString(f, "{\"nodes\": [" + node("11", 1, "a") + "],\n\"edges\": [\n" + edge("11", "99", 5) + "\n]}");
        NetworkFormatException e = assertThrows(NetworkFormatException.class, () -> NetworkFormats.load(f));
        assertTrue(e.getMessage().contains("u.json") && e.getMessage().contains("record 0 (edges[0]) at line 3")
                && e.getMessage().contains("unknown node '99'"), e.getMessage());
        Path d = dir.resolve("d.json");
        Files.writeString(d, "{\"nodes\": [" + node("11", 1, "a") + ", " + node("22", 2, "b") + "],\n\"edges\": [\n"
                + edge("11", "22", 5) + ",\n" + edge("11", "22", 6) + "\n]}");
        e = assertThrows(NetworkFormatException.class, () -> NetworkFormats.load(d));
        assertTrue(e.getMessage().contains("record 1 (edges[1])") && e.getMessage().contains("other data"),
                e.getMessage());
    }
}
