package org.lnsim.engine.testing;

import org.lnsim.network.ChannelGraph;
import org.lnsim.network.ChannelGraphBuilder;
import org.lnsim.network.ChannelPolicy;
import org.lnsim.network.NodeIds;
import org.lnsim.network.ShortChannelId;

/** Small hand-worked networks the engine's tests share. */
public final class EngineNets {
    /** Direction A→B of {@link #line()}: channel 0 (1x0x0), node_1 = A. */
    public static final int A_TO_B = 0;
    /** Direction B→C of {@link #line()}: channel 1 (2x0x0), node_1 = B. */
    public static final int B_TO_C = 2;

    private EngineNets() {
    }

    /**
     * A(1) –[1x0x0, 200,000 sat]– B(2) –[2x0x0, 100,000 sat]– C(3), nodes 0, 1, 2 in that order.
     * A↔B: base 5, 1 ppm, delta 14 both ways; B↔C: base 1000 msat, 100 ppm, delta 40, htlc_min 1000 msat both ways.
     */
    public static ChannelGraph line() {
        ChannelGraphBuilder b = new ChannelGraphBuilder();
        int a = b.addNode(NodeIds.fromIndex(1));
        int bb = b.addNode(NodeIds.fromIndex(2));
        int c = b.addNode(NodeIds.fromIndex(3));
        int ab = b.addChannel(ShortChannelId.of(1, 0, 0), a, bb, 200_000);
        b.setPolicy(ab, a, new ChannelPolicy(5, 1, 14, 0, ChannelPolicy.NO_HTLC_MAXIMUM, false));
        b.setPolicy(ab, bb, new ChannelPolicy(5, 1, 14, 0, ChannelPolicy.NO_HTLC_MAXIMUM, false));
        int bc = b.addChannel(ShortChannelId.of(2, 0, 0), bb, c, 100_000);
        b.setPolicy(bc, bb, new ChannelPolicy(1000, 100, 40, 1000, ChannelPolicy.NO_HTLC_MAXIMUM, false));
        b.setPolicy(bc, c, new ChannelPolicy(1000, 100, 40, 1000, ChannelPolicy.NO_HTLC_MAXIMUM, false));
        return b.build();
    }
}
