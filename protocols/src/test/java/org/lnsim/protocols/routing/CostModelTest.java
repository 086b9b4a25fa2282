package org.lnsim.protocols.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.ChannelGraphBuilder;
import org.lnsim.network.ChannelPolicy;
import org.lnsim.network.NodeIds;

class CostModelTest {
    /**
     * Direction 0 of a 1,000,000 sat channel with base 2000, 1000 ppm, CLTV delta 20, HTLC range [5,000, 10^8]; at
     * A = 1,000,000 msat and riskfactor 10:
     * <pre>
     * fee = 2000 + ⌊1,000,000 · 1000 / 10^6⌋ = 3000
     * w   = 3000 + 1 + ⌊1,003,000 · 20 · 10 / 5,259,600⌋ = 3001 + ⌊38.14⌋ = 3039
     * </pre>
     */
    @Test
    void flatEdgeWeight_handWorked_andUnusableCases() {
        ChannelGraphBuilder b = new ChannelGraphBuilder();
        int x = b.addNode(NodeIds.fromIndex(1));
        int y = b.addNode(NodeIds.fromIndex(2));
        int c = b.addChannel(1, x, y, 1_000_000);
        b.setPolicy(c, x, new ChannelPolicy(2000, 1000, 20, 5_000, 100_000_000, false));
        ChannelGraph g = b.build();
        double rf = CostModel.perBlockFactor(10);
        assertEquals(3039, CostModel.flatEdgeWeight(g, 0, 1_000_000, rf));
        assertEquals(CostModel.NO_EDGE, CostModel.flatEdgeWeight(g, 1, 1_000_000, rf), "no policy");
        assertEquals(CostModel.NO_EDGE, CostModel.flatEdgeWeight(g, 0, 4_999, rf), "below htlc_minimum");
        assertEquals(CostModel.NO_EDGE, CostModel.flatEdgeWeight(g, 0, 100_000_001, rf), "above htlc_maximum");
        // riskfactor 0: w = fee + 1 = 2000 + ⌊5000 · 1000 / 10^6⌋ + 1 = 2006
        assertEquals(2006, CostModel.flatEdgeWeight(g, 0, 5_000, 0));

        ChannelGraphBuilder d = new ChannelGraphBuilder();
        int p = d.addNode(NodeIds.fromIndex(1));
        int q = d.addNode(NodeIds.fromIndex(2));
        int small = d.addChannel(1, p, q, 1_000);
        d.setPolicy(small, p, new ChannelPolicy(0, 0, 6, 0, ChannelPolicy.NO_HTLC_MAXIMUM, false));
        d.setPolicy(small, q, new ChannelPolicy(0, 0, 6, 0, ChannelPolicy.NO_HTLC_MAXIMUM, true));
        ChannelGraph h = d.build();
        assertEquals(1, CostModel.flatEdgeWeight(h, 0, 1_000_000, 0), "exactly the capacity: fee 0 + bias 1");
        assertEquals(CostModel.NO_EDGE, CostModel.flatEdgeWeight(h, 0, 1_000_001, 0), "above the capacity");
        assertEquals(CostModel.NO_EDGE, CostModel.flatEdgeWeight(h, 1, 1_000, 0), "disabled");
    }
}
