package org.lnsim.network.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.ChannelGraphBuilder;
import org.lnsim.network.ChannelPolicy;
import org.lnsim.network.NodeIds;
import org.lnsim.network.ShortChannelId;

/** Issue 22: the pool of channels that may open during a run, appended to a graph. */
class ChannelOpeningsTest {
    private static ChannelPolicy policy(long base, long ppm, int delta, long max) {
        return new ChannelPolicy(base, ppm, delta, 1_000, max, false);
    }

    /**
     * A(0)–B(1) of 100,000 sat, B–C(2) of 300,000 sat, D(3) with a channel D–C of 50,000 sat whose only usable
     * direction is C→D (D→C has no policy): A, B and C can pay and be paid, D only be paid. Each direction its own
     * policy, told apart by its base fee: A→B 1, B→A 2, B→C 3, C→B 4, C→D 5.
     */
    private static ChannelGraph net() {
        ChannelGraphBuilder b = new ChannelGraphBuilder();
        for (int i = 0; i < 4; i++) {
            b.addNode(NodeIds.fromIndex(i + 1));
        }
        int ab = b.addChannel(ShortChannelId.of(100, 1, 0), 0, 1, 100_000);
        b.setPolicy(ab, 0, policy(1, 10, 14, 90_000_000));
        b.setPolicy(ab, 1, policy(2, 20, 40, ChannelPolicy.NO_HTLC_MAXIMUM));
        int bc = b.addChannel(ShortChannelId.of(100, 2, 0), 1, 2, 300_000);
        b.setPolicy(bc, 1, policy(3, 30, 144, 500_000_000));
        b.setPolicy(bc, 2, policy(4, 40, 18, ChannelPolicy.NO_HTLC_MAXIMUM));
        int cd = b.addChannel(ShortChannelId.of(100, 3, 0), 3, 2, 50_000);
        b.setPolicy(cd, 2, policy(5, 50, 6, ChannelPolicy.NO_HTLC_MAXIMUM));
        return b.build();
    }

    @Test
    void appendedChannelsKeepEveryIndexAndFollowTheOldOnes() {
        ChannelGraph g = net();
        ChannelPolicy p = policy(7, 70, 22, ChannelPolicy.NO_HTLC_MAXIMUM);
        ChannelGraph h = g.withChannels(new long[] {ShortChannelId.of(101, 1, 0)}, new int[] {0}, new int[] {2},
                new long[] {20_000}, new ChannelPolicy[] {p, null});
        h.check();
        assertEquals(4, h.channelCount());
        for (int c = 0; c < 3; c++) {
            assertEquals(g.scid(c), h.scid(c));
            assertEquals(g.capacitySat(c), h.capacitySat(c));
            for (int d = 0; d < 2; d++) {
                assertEquals(g.policy(2 * c + d), h.policy(2 * c + d));
            }
        }
        assertEquals(0, h.node1(3));
        assertEquals(2, h.node2(3));
        assertEquals(p, h.policy(6));
        assertFalse(h.hasPolicy(7));
        assertEquals(g.degree(0) + 1, h.degree(0));
        assertEquals(g.degree(1), h.degree(1));
        // an id not above the last one, or node_1 not below node_2, is refused
        assertThrows(IllegalArgumentException.class, () -> g.withChannels(new long[] {ShortChannelId.of(100, 3, 0)},
                new int[] {0}, new int[] {2}, new long[] {1}, new ChannelPolicy[2]));
        assertThrows(IllegalArgumentException.class, () -> g.withChannels(new long[] {ShortChannelId.of(200, 0, 0)},
                new int[] {2}, new int[] {0}, new long[] {1}, new ChannelPolicy[2]));
    }

    /**
     * Every drawn channel follows the rules, checked against the hand-listed network: both ends among A, B, C (D
     * cannot pay); the capacity one of the peer's own channels (A's: 100,000; C's: 300,000 or 50,000; B's: 100,000
     * or 300,000) — so it is one of the funder's peer's, whichever end that is; each end's policy one of its own
     * usable directions' (A: base 1; B: 2 or 3; C: 4 or 5), HTLC maximum capped at the new capacity; the funder
     * holds the channel; ids above 100x3x0, one block after it.
     */
    @Test
    void drawnChannelsFollowTheirRules() {
        ChannelGraph g = net();
        ChannelOpenings o = ChannelOpenings.draw(g, 200, new SplittableRandom(5));
        ChannelGraph h = o.graph();
        h.check();
        assertEquals(3, o.firstDormant());
        assertEquals(203, h.channelCount());
        java.util.Map<Integer, java.util.Set<Long>> peerCaps = java.util.Map.of(0, java.util.Set.of(100_000L),
                1, java.util.Set.of(100_000L, 300_000L), 2, java.util.Set.of(300_000L, 50_000L));
        java.util.Map<Integer, java.util.Set<Long>> bases = java.util.Map.of(0, java.util.Set.of(1L),
                1, java.util.Set.of(2L, 3L), 2, java.util.Set.of(4L, 5L));
        int fundedByNode1 = 0;
        for (int c = 3; c < h.channelCount(); c++) {
            assertTrue(o.isDormant(c));
            int a = h.node1(c);
            int b = h.node2(c);
            assertTrue(a < b && b <= 2, "ends among A, B, C: " + a + ", " + b);
            int funder = o.funder(c);
            int peer = funder == a ? b : a;
            assertTrue(peerCaps.get(peer).contains(h.capacitySat(c)), "capacity of one of the peer's channels");
            for (int d = 0; d < 2; d++) {
                int e = ChannelGraph.direction(c, d);
                assertTrue(bases.get(h.source(e)).contains(h.feeBaseMsat(e)), "own policy of " + h.source(e));
                assertTrue(!h.hasHtlcMaximum(e) || h.htlcMaximumMsat(e) <= h.capacityMsat(c));
            }
            assertEquals(101 + (c - 3) / 1000, ShortChannelId.block(h.scid(c)));
            fundedByNode1 += funder == a ? 1 : 0;
        }
        assertTrue(fundedByNode1 > 0 && fundedByNode1 < 200, "either end funds");
        assertFalse(o.isDormant(2));
        assertThrows(IllegalArgumentException.class, () -> o.funder(2));
        // the same stream gives the same channels
        ChannelOpenings again = ChannelOpenings.draw(g, 200, new SplittableRandom(5));
        for (int c = 3; c < h.channelCount(); c++) {
            assertEquals(h.node1(c), again.graph().node1(c));
            assertEquals(h.capacitySat(c), again.graph().capacitySat(c));
            assertEquals(o.funder(c), again.funder(c));
        }
    }

    /**
     * A star, hub H and 10 leaves, every direction usable: 11 payable nodes, H with usable out-degree 10, each leaf
     * 1. The funder is uniform (H with 1/11); a leaf funder's peer is drawn by out-degree among the other 10 nodes
     * of weight 10 (H) + 9 (leaves), so H with 10/19. A new channel touches H with probability 1/11 + 10/11 × 10/19
     * = 0.5694: 1,138.8 of 2,000 (binomial s.d. 22.1; the check allows 5 of them).
     */
    @Test
    void peersAreDrawnByDegree() {
        ChannelGraphBuilder b = new ChannelGraphBuilder();
        for (int i = 0; i <= 10; i++) {
            b.addNode(NodeIds.fromIndex(i + 1));
        }
        for (int i = 1; i <= 10; i++) {
            int c = b.addChannel(ShortChannelId.of(i, 0, 0), 0, i, 1_000_000);
            b.setPolicy(c, 0, policy(1, 1, 40, ChannelPolicy.NO_HTLC_MAXIMUM));
            b.setPolicy(c, i, policy(1, 1, 40, ChannelPolicy.NO_HTLC_MAXIMUM));
        }
        ChannelGraph g = b.build();
        ChannelOpenings o = ChannelOpenings.draw(g, 2_000, new SplittableRandom(9));
        int hub = 0;
        for (int c = 10; c < o.graph().channelCount(); c++) {
            hub += o.graph().node1(c) == 0 || o.graph().node2(c) == 0 ? 1 : 0;
        }
        assertTrue(Math.abs(hub - 1_138.8) < 5 * 22.1, "channels at the hub: " + hub);
    }

    @Test
    void noOpeningsIsTheGraphItselfAndTooFewPayersAreRefused() {
        ChannelGraph g = net();
        ChannelOpenings none = ChannelOpenings.draw(g, 0, new SplittableRandom(1));
        assertSame(g, none.graph());
        assertEquals(0, none.count());
        assertArrayEquals(new boolean[0], none.funderIsNode1());
        ChannelGraphBuilder b = new ChannelGraphBuilder();
        b.addNode(NodeIds.fromIndex(1));
        b.addNode(NodeIds.fromIndex(2));
        int c = b.addChannel(ShortChannelId.of(1, 0, 0), 0, 1, 1_000);
        b.setPolicy(c, 0, policy(1, 1, 40, ChannelPolicy.NO_HTLC_MAXIMUM)); // one way only: nobody can pay and be paid
        ChannelGraph oneWay = b.build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ChannelOpenings.draw(oneWay, 1, new SplittableRandom(1)));
        assertTrue(e.getMessage().contains("has 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ChannelOpenings.draw(g, -1, new SplittableRandom(1)));
    }
}
