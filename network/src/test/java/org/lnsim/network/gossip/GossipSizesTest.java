package org.lnsim.network.gossip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lnsim.network.AddressType;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.ChannelGraphBuilder;
import org.lnsim.network.NodeAddress;
import org.lnsim.network.NodeIds;
import org.lnsim.network.TestGraphs;

class GossipSizesTest {

    @Test
    void encodedMessages_haveTheBolt7Sizes() {
        ChannelGraph g = TestGraphs.fourNodes();
        assertEquals(432, GossipEncoder.channelAnnouncement(g, 0).length);
        // 1x0x0 direction 0 (A→B) has no htlc_maximum_msat, direction 1 (B→A) has one
        assertEquals(130, GossipEncoder.channelUpdate(g, ChannelGraph.direction(0, 0), 0).length);
        assertEquals(138, GossipEncoder.channelUpdate(g, ChannelGraph.direction(0, 1), 0).length);
        // A: one IPv4 address -> 142 + 7 = 149 (the MCP msglenN); B: no addresses -> 142
        assertEquals(149, GossipEncoder.nodeAnnouncement(g, 0, 0).length);
        assertEquals(142, GossipEncoder.nodeAnnouncement(g, 1, 0).length);
        assertEquals(10, GossipEncoder.storeChannelAmount(1).length);
        assertEquals(12 + 130, GossipEncoder.storeRecord(new byte[130], 0).length);
    }

    @Test
    void addressDescriptorSizes_matchEncoder() {
        ChannelGraphBuilder b = new ChannelGraphBuilder();
        int x = b.addNode(NodeIds.fromIndex(1));
        int y = b.addNode(NodeIds.fromIndex(2));
        b.addChannel(1, x, y, 1);
        List<NodeAddress> all = List.of(new NodeAddress(AddressType.IPV4, "1.2.3.4", 1),
                new NodeAddress(AddressType.IPV6, "::1", 2), new NodeAddress(AddressType.TORV2, "a.onion", 3),
                new NodeAddress(AddressType.TORV3, "b.onion", 4), new NodeAddress(AddressType.DNS, "lnd.example", 5));
        b.setNodeAnnouncement(x, "x", all);
        ChannelGraph g = b.build();
        // 142 + 7 + 19 + 13 + 38 + (1 + 1 + 11 + 2) = 234
        assertEquals(234, GossipSizes.nodeAnnouncement(all));
        assertEquals(234, GossipEncoder.nodeAnnouncement(g, g.indexOfNode(NodeIds.fromIndex(1)), 0).length);
    }

    /**
     * Hand count for {@link TestGraphs#fourNodes()}: 4 channel_announcements (4 × 432 = 1728); known directions
     * 1x0x0 both (130 + 138), 2x0x0 one (130), 3x0x0 both, one disabled (130 + 130), 4x0x0 none → 5 updates, 658 B;
     * node announcements A 149 + B 142 = 291. Raw = 1728 + 658 + 291 = 2677.
     * Store = 1 + raw + 12 × (4 + 5 + 2) + 4 × (12 + 10) = 1 + 2677 + 132 + 88 = 2898.
     */
    @Test
    void totals_matchHandCountAndEncodedStore() throws IOException {
        ChannelGraph g = TestGraphs.fourNodes();
        GossipSizes.Totals t = GossipSizes.of(g);
        assertEquals(4, t.channelAnnouncements());
        assertEquals(5, t.channelUpdates());
        assertEquals(2, t.nodeAnnouncements());
        assertEquals(2677, t.rawBytes());
        assertEquals(2898, t.storeBytes());
        // MCP framing: 2 bytes before each of the 4 + 5 + 2 = 11 messages
        assertEquals(11, t.messages());
        assertEquals(2677 + 22, t.mcpFileBytes());
        ByteArrayOutputStream store = new ByteArrayOutputStream();
        GossipEncoder.writeStore(g, store, 1_557_000_000);
        assertEquals(t.storeBytes(), store.size());
    }
}
