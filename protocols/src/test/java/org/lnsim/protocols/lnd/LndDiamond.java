package org.lnsim.protocols.lnd;

import java.util.List;
import org.lnsim.engine.payment.PaymentOutcome;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.ChannelGraphBuilder;
import org.lnsim.network.ChannelPolicy;
import org.lnsim.network.NodeIds;
import org.lnsim.network.ShortChannelId;

/**
 * The learning tests' network: S→A→R and S→B→R, plus T–A. S–A, S–B, B–R, T–A: 1,000,000 sat; A–R: 100,000 sat unless
 * given (split half and half, so A can send 50,000 sat minus its reserve). A→R: base 0, 1 ppm, delta 40; B→R: the given base,
 * 1,000 ppm, delta 40; every other direction base 0, 0 ppm, delta 14.
 */
final class LndDiamond {
    static final int S = 0;
    static final int A = 1;
    static final int B = 2;
    static final int R = 3;
    static final int T = 4;

    private LndDiamond() {
    }

    static ChannelGraph graph(long bToRBaseMsat) {
        return graph(bToRBaseMsat, 100_000);
    }

    static ChannelGraph graph(long bToRBaseMsat, long aToRCapacitySat) {
        ChannelGraphBuilder b = new ChannelGraphBuilder();
        for (int i = 1; i <= 5; i++) {
            b.addNode(NodeIds.fromIndex(i)); // S, A, B, R, T are nodes 0..4
        }
        ChannelPolicy free = new ChannelPolicy(0, 0, 14, 0, ChannelPolicy.NO_HTLC_MAXIMUM, false);
        channel(b, 1, S, A, 1_000_000, free, free);
        channel(b, 2, A, R, aToRCapacitySat, new ChannelPolicy(0, 1, 40, 0, ChannelPolicy.NO_HTLC_MAXIMUM, false), free);
        channel(b, 3, S, B, 1_000_000, free, free);
        channel(b, 4, B, R, 1_000_000,
                new ChannelPolicy(bToRBaseMsat, 1000, 40, 0, ChannelPolicy.NO_HTLC_MAXIMUM, false), free);
        channel(b, 5, T, A, 1_000_000, free, free);
        return b.build();
    }

    private static void channel(ChannelGraphBuilder b, int block, int x, int y, long capacitySat, ChannelPolicy xy,
                                ChannelPolicy yx) {
        int c = b.addChannel(ShortChannelId.of(block, 0, 0), x, y, capacitySat);
        b.setPolicy(c, x, xy);
        b.setPolicy(c, y, yx);
    }

    /** The outcome of payment {@code id}. */
    static PaymentOutcome outcome(List<PaymentOutcome> out, long id) {
        return out.stream().filter(o -> o.payment().id() == id).findFirst().orElseThrow();
    }
}
