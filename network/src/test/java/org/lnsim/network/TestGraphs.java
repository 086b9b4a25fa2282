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

    /**
     * A star: hub H(1) with channels to L1(2) of 600,000 sat and to L2(3), L3(4) of 200,000 sat each, both
     * directions enabled; node 5 has no channel, and node 6 only a 1,000,000-sat channel to H whose directions are
     * disabled, so it can neither pay nor be paid and is never an endpoint. Node capacities: H 2,000,000 (its channel
     * to node 6 counts), L1 600,000, L2 200,000, L3 200,000: 3,000,000 over the four endpoints.
     */
    public static ChannelGraph star() {
        ChannelGraphBuilder b = new ChannelGraphBuilder();
        int h = b.addNode(NodeIds.fromIndex(1));
        int l1 = b.addNode(NodeIds.fromIndex(2));
        int l2 = b.addNode(NodeIds.fromIndex(3));
        int l3 = b.addNode(NodeIds.fromIndex(4));
        ChannelPolicy on = new ChannelPolicy(1000, 1, 40, 0, ChannelPolicy.NO_HTLC_MAXIMUM, false);
        int[][] ends = {{h, l1}, {h, l2}, {h, l3}};
        long[] caps = {600_000, 200_000, 200_000};
        for (int i = 0; i < 3; i++) {
            int c = b.addChannel(ShortChannelId.of(i + 1, 0, 0), ends[i][0], ends[i][1], caps[i]);
            b.setPolicy(c, ends[i][0], on);
            b.setPolicy(c, ends[i][1], on);
        }
        b.addNode(NodeIds.fromIndex(5));
        int six = b.addNode(NodeIds.fromIndex(6));
        int dead = b.addChannel(ShortChannelId.of(4, 0, 0), h, six, 1_000_000);
        ChannelPolicy off = new ChannelPolicy(1000, 1, 40, 0, ChannelPolicy.NO_HTLC_MAXIMUM, true);
        b.setPolicy(dead, h, off);
        b.setPolicy(dead, six, off);
        return b.build();
    }
}
