package org.lnsim.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChannelGraphBuilderTest {

    /**
     * Three nodes added out of id order: ids 03.., 02..01, 02..02. After build, nodes are numbered by id:
     * 0 = 02..01 (builder 1), 1 = 02..02 (builder 2), 2 = 03.. (builder 0).
     * Channel 700x1x0 is added as (03.. → 02..01): after orientation node1 = 0 (lesser id) and the policy set from
     * builder node 0 (03..) must land in direction 1.
     */
    @Test
    void build_ordersNodesById_andOrientsDirectionZeroFromLesserId() {
        ChannelGraphBuilder b = new ChannelGraphBuilder();
        byte[] big = NodeIds.parse("03" + "ff".repeat(32));
        int n0 = b.addNode(big);
        int n1 = b.addNode(NodeIds.fromIndex(1));
        int n2 = b.addNode(NodeIds.fromIndex(2));
        assertEquals(n0, b.addNode(big.clone()), "get-or-create returns the existing index");
        b.setNodeAnnouncement(n1, "one", List.of(new NodeAddress(AddressType.IPV4, "127.0.0.1", 9735)));
        int c = b.addChannel(ShortChannelId.of(700, 1, 0), n0, n1, 500_000);
        b.setPolicy(c, n0, new ChannelPolicy(1000, 1, 144, 1000, ChannelPolicy.NO_HTLC_MAXIMUM, false));
        b.setPolicy(c, n1, new ChannelPolicy(0, 100, 40, 1, 400_000_000, true));
        int c2 = b.addChannel(ShortChannelId.of(600, 5, 1), n1, n2, 20_000);
        b.setPolicy(c2, n2, new ChannelPolicy(2, 3, 4, 5, 6, false));

        ChannelGraph g = b.build();
        assertEquals(3, g.nodeCount());
        assertEquals(2, g.channelCount());
        assertEquals(NodeIds.hex(NodeIds.fromIndex(1)), g.nodeIdHex(0));
        assertEquals(NodeIds.hex(big), g.nodeIdHex(2));
        assertEquals(2, g.indexOfNode(big));
        assertEquals("one", g.alias(0));
        assertTrue(g.isAnnounced(0));
        assertFalse(g.isAnnounced(1));
        // channels by scid: 600x5x1 first
        assertEquals("600x5x1", ShortChannelId.format(g.scid(0)));
        assertEquals(1, g.indexOfChannel(ShortChannelId.of(700, 1, 0)));
        assertEquals(0, g.node1(1));
        assertEquals(2, g.node2(1));
        int fromLesser = ChannelGraph.direction(1, 0);
        int fromBig = ChannelGraph.direction(1, 1);
        assertEquals(0, g.source(fromLesser));
        assertEquals(2, g.source(fromBig));
        assertEquals(1000, g.feeBaseMsat(fromBig));
        assertEquals(144, g.cltvExpiryDelta(fromBig));
        assertFalse(g.hasHtlcMaximum(fromBig));
        assertTrue(g.isDisabled(fromLesser));
        assertEquals(400_000_000, g.htlcMaximumMsat(fromLesser));
        // channel 0 (600x5x1) between nodes 0 and 1: only the direction from node 1 (builder n2) is known
        assertFalse(g.hasPolicy(ChannelGraph.direction(0, 0)));
        assertNull(g.policy(ChannelGraph.direction(0, 0)));
        assertEquals(new ChannelPolicy(2, 3, 4, 5, 6, false), g.policy(ChannelGraph.direction(0, 1)));
        // adjacency: node 0 has two channels
        assertEquals(2, g.degree(0));
        assertEquals(1, g.degree(1));
        for (int s = g.outStart(0); s < g.outEnd(0); s++) {
            assertEquals(0, g.source(g.outDirection(s)));
            assertEquals(g.outPeer(s), g.target(g.outDirection(s)));
        }
    }

    @Test
    void build_rejectsDuplicateScidAndSelfLoop() {
        ChannelGraphBuilder b = new ChannelGraphBuilder();
        int a = b.addNode(NodeIds.fromIndex(1));
        int c = b.addNode(NodeIds.fromIndex(2));
        assertThrows(IllegalArgumentException.class, () -> b.addChannel(1, a, a, 10));
        assertThrows(IllegalArgumentException.class, () -> b.addChannel(1, a, c, -1));
        b.addChannel(5, a, c, 10);
        b.addChannel(5, c, a, 10);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
        assertTrue(e.getMessage().contains("0x0x5"), e.getMessage());
    }

    @Test
    void nativeFormat_roundTripsEveryField() throws IOException {
        ChannelGraphBuilder b = new ChannelGraphBuilder();
        int a = b.addNode(NodeIds.fromIndex(7));
        int c = b.addNode(NodeIds.fromIndex(3));
        int d = b.addNode(NodeIds.fromIndex(9));
        b.setNodeAnnouncement(a, "älias", List.of(new NodeAddress(AddressType.TORV3, "x.onion", 9735),
                new NodeAddress(AddressType.DNS, "node.example", 9736)));
        b.setNodeAnnouncement(c, null, List.of());
        int ch = b.addChannel(ShortChannelId.of(1, 2, 3), a, c, 16_777_215);
        b.setPolicy(ch, a, new ChannelPolicy(ChannelPolicy.MAX_U32, 4_000_000_000L, 65535, 7, 8, false));
        b.addChannel(ShortChannelId.of(1, 2, 4), a, d, 1);
        ChannelGraph g = b.build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        NativeFormat.write(g, out);
        ChannelGraph back = NativeFormat.read(new ByteArrayInputStream(out.toByteArray()));
        GraphAssertions.assertSameGraph(g, back);
        byte[] truncated = java.util.Arrays.copyOf(out.toByteArray(), out.size() - 3);
        IOException e = assertThrows(IOException.class, () -> NativeFormat.read(new ByteArrayInputStream(truncated)));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        assertArrayEquals(NodeIds.fromIndex(3), back.nodeId(0));

        // Issue 21, defect 8: every single flipped byte after the header is caught (by a structural check or the
        // checksum), never loaded; a flipped capacity byte is structurally valid, so it is the checksum's catch.
        byte[] file = out.toByteArray();
        for (int pos = NativeFormat.MAGIC.length + 4; pos < file.length; pos++) {
            byte[] bad = file.clone();
            bad[pos] ^= 0x10;
            int at = pos;
            assertThrows(NativeFormat.InvalidNativeFileException.class,
                    () -> NativeFormat.read(new ByteArrayInputStream(bad)), "flipped byte " + at);
        }
        // the first channel's capacity, 16,777,215 sat, as its 8 big-endian bytes in the capacity array
        byte[] capacity = java.nio.ByteBuffer.allocate(8).putLong(16_777_215L).array();
        int capAt = indexOf(file, capacity);
        byte[] flipped = file.clone();
        flipped[capAt + 5] ^= 0x01;
        IOException sum = assertThrows(IOException.class, () -> NativeFormat.read(new ByteArrayInputStream(flipped)));
        assertTrue(sum.getMessage().contains("checksum mismatch"), sum.getMessage());
        // junk after the checksum
        byte[] longer = java.util.Arrays.copyOf(file, file.length + 1);
        IOException junk = assertThrows(IOException.class, () -> NativeFormat.read(new ByteArrayInputStream(longer)));
        assertTrue(junk.getMessage().contains("trailing bytes after the checksum"), junk.getMessage());
        // a version 1 file (the same layout without the two checksums) is still read
        int countsEnd = NativeFormat.MAGIC.length + 4 + 8;
        ByteArrayOutputStream v1out = new ByteArrayOutputStream();
        v1out.write(file, 0, countsEnd);
        v1out.write(file, countsEnd + 4, file.length - 4 - (countsEnd + 4));
        byte[] v1 = v1out.toByteArray();
        v1[NativeFormat.MAGIC.length + 3] = 1;
        GraphAssertions.assertSameGraph(g, NativeFormat.read(new ByteArrayInputStream(v1)));
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (hay[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
