package org.lnsim.protocols.ant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.ChannelGraphBuilder;
import org.lnsim.network.ChannelPolicy;
import org.lnsim.network.NodeIds;
import org.lnsim.network.ShortChannelId;

class SeedWaveTest {
    static final int A = 0;
    static final int B = 5;
    static final long AMOUNT = 1_000_000;
    /** Channels in scid order: endpoints and control delay in ms. */
    static final int[][] SIX = {{A, 1, 10}, {A, 2, 30}, {1, 2, 5}, {1, 3, 10}, {2, 4, 10}, {3, 4, 20}, {3, B, 40},
            {4, B, 10}};

    /**
     * The hand-worked graph. Every direction charges base 1,000 msat, 0 ppm, except 1→3: 500, 3→4: 200, 3→B: 2,000.
     * Capacities 1,000,000 sat; channel c's delay is SIX[c][2] ms both ways.
     */
    static ChannelGraph six() {
        ChannelGraphBuilder b = new ChannelGraphBuilder();
        for (int i = 0; i < 6; i++) {
            b.addNode(NodeIds.fromIndex(i + 1));
        }
        for (int c = 0; c < SIX.length; c++) {
            int u = SIX[c][0];
            int v = SIX[c][1];
            b.addChannel(ShortChannelId.of(c + 1, 0, 0), u, v, 1_000_000);
            b.setPolicy(c, u, policy(feeOf(u, v)));
            b.setPolicy(c, v, policy(feeOf(v, u)));
        }
        return b.build();
    }

    private static long feeOf(int from, int to) {
        if (from == 1 && to == 3) {
            return 500;
        }
        if (from == 3 && to == 4) {
            return 200;
        }
        return from == 3 && to == B ? 2000 : 1000;
    }

    static ChannelPolicy policy(long base) {
        return new ChannelPolicy(base, 0, 14, 0, ChannelPolicy.NO_HTLC_MAXIMUM, false);
    }

    /** The direction from u to v (the first channel between them). */
    static int dir(ChannelGraph g, int u, int v) {
        for (int s = g.outStart(u); s < g.outEnd(u); s++) {
            if (g.outPeer(s) == v) {
                return g.outDirection(s);
            }
        }
        throw new IllegalArgumentException("no channel " + u + "-" + v);
    }

    /** The six-node graph's delays; every channel can carry the amount except direction {@code blocked}. */
    static SeedWave.Links sixLinks(int blocked) {
        ChannelGraph g = six();
        return new SeedWave.Links() {
            @Override
            public long outSpendableMsat(int v, int slot) {
                return g.outDirection(slot) == blocked ? 0 : Long.MAX_VALUE;
            }

            @Override
            public long inSpendableMsat(int v, int slot) {
                return (g.outDirection(slot) ^ 1) == blocked ? 0 : Long.MAX_VALUE;
            }

            @Override
            public long delayUs(int e) {
                return SIX[e >>> 1][2] * 1000L;
            }
        };
    }

    /**
     * Worked by hand (times in ms; A's sends get seq 2, 3, B's 4, 5, then in settling order):
     * <pre>
     *  0  A(seed 0): → 1 @10, → 2 @30          B(seed 1): → 3 @40, → 4 @10
     * 10  1 gets 0: → 2 @15 (beats 30), → 3 @20
     * 10  4 gets 1 (seq 5): → 2 @20, → 3 @30 (beats 40)
     * 15  2 gets 0: → A @45 (repeat), → 4 @25
     * 20  3 gets 0 (seq 7, before 2's seed 1, seq 8): → 4 @40 (loses to 25), → B @60
     * 20  2 gets 1, holds 0: match M0     25  4 gets 0: match M1     30  3 gets 1: match M2     60  B gets 0: match M3
     * </pre>
     * Seed messages: 0: A 2 + 1 2 + 2 2 + 3 2 = 8; 1: B 2 + 4 2 = 4. Matches (fee = acc0 + own fee + acc1; return to A
     * along seed 0's pointers; matched-seed messages = hops back to A + hops back to B):
     * <pre>
     * M0 @2  A→1→2→4→B  1000 + 1000 + 1000 = 3000   at A 20 + 5 + 10 = 35     2 + 2 messages
     * M1 @4  A→1→2→4→B  2000 + 1000 + 0    = 3000   at A 25 + 10 + 5 + 10 = 50 3 + 1
     * M2 @3  A→1→3→4→B  500 + 200 + 1000   = 1700   at A 30 + 10 + 10 = 50     2 + 2
     * M3 @B  A→1→3→B    2500 + 0 + 0        = 2500   at A 60 + 40 + 10 + 10 = 120 3 + 0
     * </pre>
     * 15 matched-seed messages. A collects M0 (35), M1 (50), M2 (50, after M1 by match order): 3 = max matches at
     * 50 ms, and picks the cheapest, M2, although M0 came first.
     */
    @Test
    void handWorkedSixNodeFlood() {
        ChannelGraph g = six();
        SeedWave w = new SeedWave(g);
        w.run(A, B, AMOUNT, 5_000, 20, 3_000_000, sixLinks(-1));
        assertEquals(8, w.seedMessages(0));
        assertEquals(4, w.seedMessages(1));
        assertEquals(10_000, w.arrivalUs(1, 0));
        assertEquals(15_000, w.arrivalUs(2, 0));
        assertEquals(20_000, w.arrivalUs(3, 0));
        assertEquals(25_000, w.arrivalUs(4, 0));
        assertEquals(60_000, w.arrivalUs(B, 0));
        assertEquals(10_000, w.arrivalUs(4, 1));
        assertEquals(20_000, w.arrivalUs(2, 1));
        assertEquals(30_000, w.arrivalUs(3, 1));
        assertFalse(w.reached(1, 1));
        assertFalse(w.reached(A, 1));
        assertEquals(dir(g, 1, 2), w.predDirection(2, 0));
        assertEquals(4, w.matchCount());
        int[] nodes = {2, 4, 3, B};
        long[] fees = {3000, 3000, 1700, 2500};
        long[] atA = {35_000, 50_000, 50_000, 120_000};
        for (int m = 0; m < 4; m++) {
            assertEquals(nodes[m], w.matchNode(m));
            assertEquals(fees[m], w.matchFeeMsat(m));
            assertEquals(atA[m], w.matchAtPayerUs(m));
            assertTrue(w.matchReported(m));
        }
        assertEquals(15, w.matchMessages());
        int[] viaFour = {dir(g, A, 1), dir(g, 1, 3), dir(g, 3, 4), dir(g, 4, B)};
        assertArrayEquals(viaFour, w.path(2));
        assertArrayEquals(new int[] {dir(g, A, 1), dir(g, 1, 2), dir(g, 2, 4), dir(g, 4, B)}, w.path(0));
        MatchChoice c = MatchChoice.choose(w, 1_000_000, 3);
        assertEquals(2, c.match());
        assertEquals(50_000, c.decideUs());
        assertEquals(35_000, c.firstUs());
        assertEquals(3, c.held());
        // two matches at most: M0 and M1 (equal fees, M0 arrived first) at 50 ms
        assertEquals(new MatchChoice(0, 50_000, 35_000, 2), MatchChoice.choose(w, 1_000_000, 2));
        // a 10 ms window holds M0 only; A decides when the window closes
        assertEquals(new MatchChoice(0, 45_000, 35_000, 1), MatchChoice.choose(w, 10_000, 3));
        // mempool entries: every node holds seed 0 (6), seed 1 reached B, 4, 2, 3 (4)
        assertEquals(10, w.entries());
        assertEquals(0, w.lateRepeatNodes());
        // wiped after 20 ms, A's seed 0 is gone when its repeat comes back from 2 at 45 ms; every other repeat
        // follows its first arrival within 15 ms
        w.run(A, B, AMOUNT, 5_000, 20, 20_000, sixLinks(-1));
        assertEquals(1, w.lateRepeatNodes());
    }

    /**
     * Local knowledge: node 3 knows it cannot send the payment to 4 (direction 3→4 blocked). So 4 does not forward
     * seed 1 to 3 (the HTLC would cross 3→4) and 3 does not forward seed 0 to 4; seed 1 reaches 3 straight from B at
     * 40 ms, and no discovered path uses 3→4.
     */
    @Test
    void aChannelThatCannotCarryThePaymentIsNeverOnAPath() {
        ChannelGraph g = six();
        int blocked = dir(g, 3, 4);
        SeedWave w = new SeedWave(g);
        w.run(A, B, AMOUNT, 5_000, 20, 3_000_000, sixLinks(blocked));
        assertEquals(dir(g, B, 3), w.predDirection(3, 1));
        assertEquals(40_000, w.arrivalUs(3, 1));
        for (int m = 0; m < w.matchCount(); m++) {
            for (int e : w.path(m)) {
                assertTrue(e != blocked, "match " + m + " uses the blocked direction");
            }
        }
        // M2 is now at 3 at 40 ms with path A→1→3→B, fee 500 + 2,000 = 2,500, at A at 60 ms; A holds M0 (35), M1
        // (50) and M2 and picks M2
        assertEquals(3, w.matchNode(2));
        assertEquals(2500, w.matchFeeMsat(2));
        assertEquals(60_000, w.matchAtPayerUs(2));
        assertEquals(new MatchChoice(2, 60_000, 35_000, 3), MatchChoice.choose(w, 1_000_000, 3));
    }

    /**
     * Hop limit 2: seed 0 stops at 2 and 3 (hops 2), seed 1 at 2 and 3 too; the matches at 2 and 3 have 4 hops, over
     * the limit, so none is reported; 4 and B never see seed 0. Messages: seed 0 A 2 + 1 2; seed 1 B 2 + 4 2.
     */
    @Test
    void hopLimitCutsTheFlood() {
        SeedWave w = new SeedWave(six());
        w.run(A, B, AMOUNT, 5_000, 2, 3_000_000, sixLinks(-1));
        assertEquals(4, w.seedMessages(0));
        assertEquals(4, w.seedMessages(1));
        assertFalse(w.reached(4, 0));
        assertFalse(w.reached(B, 0));
        assertEquals(2, w.matchCount());
        assertFalse(w.matchReported(0));
        assertFalse(w.matchReported(1));
        assertEquals(MatchChoice.NONE, MatchChoice.choose(w, 1_000_000, 3));
        assertEquals(0, w.matchMessages());
    }

    /**
     * Max fee 1,000 msat: 2 holds seed 0 with 1,000 already (1's fee) and cannot add its own, so sends nothing; 3
     * forwards seed 0 to 4 (500 + 200) but not to B (500 + 2,000). Matches: at 2 (3,000), 3 (500 + 200 + 1,000) and
     * 4 (700 + 1,000): all over the max, none reported; B never sees seed 0.
     */
    @Test
    void feeBudgetCutsTheFlood() {
        ChannelGraph g = six();
        SeedWave w = new SeedWave(g);
        w.run(A, B, AMOUNT, 1_000, 20, 3_000_000, sixLinks(-1));
        assertEquals(2, w.seedsSent(1));   // 1 sends seed 0 to 2 and 3 (and no seed 1)
        assertEquals(0, w.seedsSent(2));
        assertFalse(w.reached(B, 0));
        assertEquals(700, w.feeAccumulatorMsat(4, 0));
        assertEquals(3, w.matchCount());
        long[] fees = {3000, 1700, 1700};
        for (int m = 0; m < 3; m++) {
            assertEquals(fees[m], w.matchFeeMsat(m));
            assertFalse(w.matchReported(m));
        }
    }

    /**
     * A payee with no channel (here the highest node id, whose adjacency range is empty at the very end of the
     * adjacency arrays) under fixed delays: seed 1 stays there, seed 0 floods the six-node graph, every node
     * forwarding to its other peers (A 2, then 1, 2, 3 and 4 two each, B one: 11 messages), and nothing matches.
     */
    @Test
    void aPayeeWithoutChannelsFloodsNothing() {
        ChannelGraphBuilder b = new ChannelGraphBuilder();
        for (int i = 0; i < 7; i++) {
            b.addNode(NodeIds.fromIndex(i + 1));
        }
        for (int c = 0; c < SIX.length; c++) {
            b.addChannel(ShortChannelId.of(c + 1, 0, 0), SIX[c][0], SIX[c][1], 1_000_000);
            b.setPolicy(c, SIX[c][0], policy(1000));
            b.setPolicy(c, SIX[c][1], policy(1000));
        }
        ChannelGraph g = b.build();
        SeedWave.Links fixed = new SeedWave.Links() {
            @Override
            public long outSpendableMsat(int v, int slot) {
                return Long.MAX_VALUE;
            }

            @Override
            public long inSpendableMsat(int v, int slot) {
                return Long.MAX_VALUE;
            }

            @Override
            public long delayUs(int e) {
                return SIX[e >>> 1][2] * 1000L;
            }

            @Override
            public boolean delaysFixed() {
                return true;
            }
        };
        SeedWave w = new SeedWave(g);
        w.run(A, 6, AMOUNT, 1_000_000, 20, 3_000_000, fixed);
        assertEquals(11, w.seedMessages(0));
        assertEquals(0, w.seedMessages(1));
        assertTrue(w.reached(6, 1));
        assertTrue(w.reached(B, 0));
        assertEquals(0, w.matchCount());
    }
}
