package org.lnsim.protocols.pickhardt;

import org.lnsim.network.ChannelGraph;
import org.lnsim.network.ChannelGraphBuilder;
import org.lnsim.network.ChannelPolicy;
import org.lnsim.network.NodeIds;
import org.lnsim.network.ShortChannelId;

/** Small networks and belief views for the pickhardt tests. */
final class Nets {
    private Nets() {
    }

    /** A builder with {@code n} nodes, numbered 0 .. n−1. */
    static ChannelGraphBuilder nodes(int n) {
        ChannelGraphBuilder b = new ChannelGraphBuilder();
        for (int i = 1; i <= n; i++) {
            b.addNode(NodeIds.fromIndex(i));
        }
        return b;
    }

    static ChannelPolicy policy(long baseMsat, long ppm, int delta) {
        return new ChannelPolicy(baseMsat, ppm, delta, 0, ChannelPolicy.NO_HTLC_MAXIMUM, false);
    }

    /** A channel x–y (block {@code block}) with a policy each way. */
    static int channel(ChannelGraphBuilder b, int block, int x, int y, long capacitySat, ChannelPolicy xy,
                       ChannelPolicy yx) {
        int c = b.addChannel(ShortChannelId.of(block, 0, 0), x, y, capacitySat);
        b.setPolicy(c, x, xy);
        b.setPolicy(c, y, yx);
        return c;
    }

    /** The direction from x to y of the first channel joining them. */
    static int dir(ChannelGraph g, int x, int y) {
        for (int slot = g.outStart(x); slot < g.outEnd(x); slot++) {
            if (g.outPeer(slot) == y) {
                return g.outDirection(slot);
            }
        }
        throw new IllegalArgumentException("no channel " + x + " -> " + y);
    }

    /**
     * A sender that learnt {@code l} (may be null): its own channels at {@code ownMsat} each way from it, every
     * other direction within [0, capacity] narrowed by {@code l}.
     */
    static Bounds beliefs(ChannelGraph g, int sender, long ownMsat, Liquidity l, long now) {
        return new Bounds() {
            @Override
            public boolean usable(int e, int from) {
                return g.isUsable(e);
            }

            @Override
            public long minMsat(int e, int from) {
                if (from == sender) {
                    return ownMsat;
                }
                return l == null ? 0 : l.minMsat(e, now);
            }

            @Override
            public long maxMsat(int e, int from, long capacityMsat) {
                if (from == sender) {
                    return ownMsat;
                }
                return l == null ? capacityMsat : l.maxMsat(e, now, capacityMsat);
            }
        };
    }
}
