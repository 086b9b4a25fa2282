package org.lnsim.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Field-by-field equality of two graphs, with a message naming the first difference. */
public final class GraphAssertions {
    private GraphAssertions() {
    }

    public static void assertSameGraph(ChannelGraph expected, ChannelGraph actual) {
        assertSameGraph(expected, actual, true);
    }

    /**
     * @param withAnnouncements also compare aliases and addresses (formats such as CLoTH CSV carry none)
     */
    public static void assertSameGraph(ChannelGraph expected, ChannelGraph actual, boolean withAnnouncements) {
        assertEquals(expected.nodeCount(), actual.nodeCount(), "node count");
        assertEquals(expected.channelCount(), actual.channelCount(), "channel count");
        for (int n = 0; n < expected.nodeCount(); n++) {
            assertEquals(expected.nodeIdHex(n), actual.nodeIdHex(n), "node id of node " + n);
            if (withAnnouncements) {
                assertEquals(expected.alias(n), actual.alias(n), "alias of node " + n);
                assertEquals(expected.isAnnounced(n), actual.isAnnounced(n), "announced flag of node " + n);
                assertEquals(expected.addresses(n), actual.addresses(n), "addresses of node " + n);
            }
        }
        for (int c = 0; c < expected.channelCount(); c++) {
            String at = "channel " + ShortChannelId.format(expected.scid(c));
            assertEquals(expected.scid(c), actual.scid(c), at + " scid");
            assertEquals(expected.node1(c), actual.node1(c), at + " node1");
            assertEquals(expected.node2(c), actual.node2(c), at + " node2");
            assertEquals(expected.capacitySat(c), actual.capacitySat(c), at + " capacity");
            for (int d = 0; d < 2; d++) {
                int e = ChannelGraph.direction(c, d);
                assertEquals(expected.policy(e), actual.policy(e), at + " direction " + d + " policy");
            }
        }
    }
}
