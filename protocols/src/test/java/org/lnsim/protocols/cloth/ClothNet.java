package org.lnsim.protocols.cloth;

import org.lnsim.network.ChannelGraph;
import org.lnsim.network.ChannelGraphBuilder;
import org.lnsim.network.ChannelPolicy;
import org.lnsim.network.NodeIds;
import org.lnsim.network.ShortChannelId;

/**
 * The tests' network: S→A→R, two hops with a 50,000 msat fee at A, and S→B→C→R, three hops with 1 msat fees.
 * Every channel 1,000,000 sat; every policy CLTV delta 40, minimum 0; reverse directions free.
 */
final class ClothNet {
    static final int S = 0;
    static final int A = 1;
    static final int B = 2;
    static final int C = 3;
    static final int R = 4;

    private ClothNet() {
    }

    static ChannelGraph graph() {
        ChannelGraphBuilder b = new ChannelGraphBuilder();
        for (int i = 1; i <= 5; i++) {
            b.addNode(NodeIds.fromIndex(i));
        }
        ChannelPolicy free = policy(0);
        channel(b, 1, S, A, free);
        channel(b, 2, A, R, policy(50_000));
        channel(b, 3, S, B, free);
        channel(b, 4, B, C, policy(1));
        channel(b, 5, C, R, policy(1));
        return b.build();
    }

    static ChannelPolicy policy(long baseMsat) {
        return new ChannelPolicy(baseMsat, 0, 40, 0, ChannelPolicy.NO_HTLC_MAXIMUM, false);
    }

    private static void channel(ChannelGraphBuilder b, int block, int x, int y, ChannelPolicy xy) {
        int c = b.addChannel(ShortChannelId.of(block, 0, 0), x, y, 1_000_000);
        b.setPolicy(c, x, xy);
        b.setPolicy(c, y, policy(0));
    }

    /**
     * {@code run}'s balances and probabilities behind a plain {@link ClothRouter.SenderView}: the search then calls
     * the interface for every edge and bounds every hop by the interface's {@code maxOtherProbability}, with none of
     * what it does for a run's own views (probabilities read only for the nodes the memory holds, per-node bounds,
     * the bound from the sender's neighbours) — the reference the tests check those against.
     */
    static ClothRouter.SenderView plain(ClothRouter.SenderView run) {
        return new ClothRouter.SenderView() {
            @Override
            public long balanceMsat(int e) {
                return run.balanceMsat(e);
            }

            @Override
            public double probability(int from, int to, long amtMsat) {
                return run.probability(from, to, amtMsat);
            }
        };
    }
}
