package org.lnsim.network;

import java.util.List;

/** Small hand-made graphs shared by tests. */
public final class TestGraphs {
    private TestGraphs() {
    }

    /**
     * Four nodes A(1) B(2) C(3) D(4) (ids {@link NodeIds#fromIndex}), channels:
     * <pre>
     *   1x0x0 A–B 100,000 sat  both directions known: A→B (1000, 1, 144, hmin 1000, no max), B→A (0, 100, 40, 1, max 99,000,000)
     *   2x0x0 A–B  50,000 sat  parallel; A→B known (1000, 1, 144, 1000, none), B→A unknown
     *   3x0x0 B–C 200,000 sat  B→C known but disabled (5, 5, 14, 0, none), C→B (2000, 10, 144, 0, none)
     *   4x0x0 C–D  10,000 sat  no policy known either way
     * </pre>
     * A is announced with one IPv4 address, B announced without addresses, C and D not announced.
     */
    public static ChannelGraph fourNodes() {
        ChannelGraphBuilder b = new ChannelGraphBuilder();
        int a = b.addNode(NodeIds.fromIndex(1));
        int bb = b.addNode(NodeIds.fromIndex(2));
        int c = b.addNode(NodeIds.fromIndex(3));
        int d = b.addNode(NodeIds.fromIndex(4));
        b.setNodeAnnouncement(a, "A", List.of(new NodeAddress(AddressType.IPV4, "127.0.0.1", 9735)));
        b.setNodeAnnouncement(bb, "B", List.of());
        int ab = b.addChannel(ShortChannelId.of(1, 0, 0), a, bb, 100_000);
        b.setPolicy(ab, a, new ChannelPolicy(1000, 1, 144, 1000, ChannelPolicy.NO_HTLC_MAXIMUM, false));
        b.setPolicy(ab, bb, new ChannelPolicy(0, 100, 40, 1, 99_000_000, false));
        int ab2 = b.addChannel(ShortChannelId.of(2, 0, 0), a, bb, 50_000);
        b.setPolicy(ab2, a, new ChannelPolicy(1000, 1, 144, 1000, ChannelPolicy.NO_HTLC_MAXIMUM, false));
        int bc = b.addChannel(ShortChannelId.of(3, 0, 0), bb, c, 200_000);
        b.setPolicy(bc, bb, new ChannelPolicy(5, 5, 14, 0, ChannelPolicy.NO_HTLC_MAXIMUM, true));
        b.setPolicy(bc, c, new ChannelPolicy(2000, 10, 144, 0, ChannelPolicy.NO_HTLC_MAXIMUM, false));
        b.addChannel(ShortChannelId.of(4, 0, 0), c, d, 10_000);
        return b.build();
    }
}
