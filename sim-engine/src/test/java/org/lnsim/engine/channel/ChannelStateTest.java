package org.lnsim.engine.channel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.ChannelGraphBuilder;
import org.lnsim.network.NodeIds;
import org.lnsim.network.ShortChannelId;

class ChannelStateTest {
    /** One channel A–B of 100,000 sat = 100,000,000 msat. */
    private static ChannelGraph oneChannel() {
        ChannelGraphBuilder b = new ChannelGraphBuilder();
        int a = b.addNode(NodeIds.fromIndex(1));
        int c = b.addNode(NodeIds.fromIndex(2));
        b.addChannel(ShortChannelId.of(1, 0, 0), a, c, 100_000);
        return b.build();
    }

    /**
     * Half split: 50,000,000 msat each side; reserve 1% = 1,000,000 msat. A offers 30,000,000: A keeps 20,000,000,
     * 30,000,000 in flight. Settle: B has 80,000,000. A offers 19,000,001: 999,999 left &lt; reserve → refused;
     * 19,000,000 leaves exactly the reserve → allowed; failing it restores 20,000,000.
     */
    @Test
    void offerSettleFailMoveFundsAsWorkedByHand() {
        ChannelState s = new ChannelState(oneChannel(), BalanceSplit.HALF, new SplittableRandom(1));
        assertEquals(50_000_000, s.balance(0));
        assertEquals(50_000_000, s.balance(1));
        assertEquals(1_000_000, s.reserveMsat(0));
        s.offer(0, 30_000_000);
        assertEquals(20_000_000, s.balance(0));
        assertEquals(30_000_000, s.inFlight(0));
        s.checkAll();
        s.settle(0, 30_000_000);
        assertEquals(80_000_000, s.balance(1));
        assertEquals(0, s.inFlight(0));
        assertFalse(s.canOffer(0, 19_000_001));
        assertTrue(s.canOffer(0, 19_000_000));
        assertEquals(19_000_000, s.spendableMsat(0));
        s.offer(0, 19_000_000);
        s.fail(0, 19_000_000);
        assertEquals(20_000_000, s.balance(0));
        s.checkAll();
        assertEquals(0, s.totalInFlightCount());
    }

    /**
     * Stated balances (issue 22): node_1 holds 12,345,678 of 100,000,000 msat, node_2 the other 87,654,322; with a 1%
     * reserve (1,000,000 msat) they can spend 11,345,678 and 86,654,322. A share outside [0, capacity] is refused.
     */
    @Test
    void statedBalancesAreTheStartingState() {
        ChannelState s = new ChannelState(oneChannel(), c -> 12_345_678L, 0.01, 483);
        assertEquals(12_345_678, s.balance(0));
        assertEquals(87_654_322, s.balance(1));
        assertEquals(11_345_678, s.spendableMsat(0));
        assertEquals(86_654_322, s.spendableMsat(1));
        s.checkAll();
        assertThrows(IllegalArgumentException.class, () -> new ChannelState(oneChannel(), c -> 100_000_001L, 0.01,
                483));
        assertThrows(IllegalArgumentException.class, () -> new ChannelState(oneChannel(), c -> -1L, 0.01, 483));
    }

    @Test
    void slotLimitRefusesTheExtraHtlc() {
        ChannelState s = new ChannelState(oneChannel(), BalanceSplit.HALF, new SplittableRandom(1), 0.0, 3);
        for (int i = 0; i < 3; i++) {
            s.offer(1, 1_000);
        }
        assertFalse(s.canOffer(1, 1_000));
        assertEquals(0, s.spendableMsat(1));
        assertThrows(IllegalStateException.class, () -> s.offer(1, 1_000));
        s.settle(1, 1_000);
        assertTrue(s.canOffer(1, 1_000));
        s.checkAll();
    }

    @Test
    void resolvingAnHtlcThatIsNotThereIsAnError() {
        ChannelState s = new ChannelState(oneChannel(), BalanceSplit.HALF, new SplittableRandom(1));
        assertThrows(IllegalStateException.class, () -> s.settle(0, 1));
        s.offer(0, 10);
        assertThrows(IllegalStateException.class, () -> s.fail(0, 11));
    }

    /** Every split conserves each capacity exactly; uniform and funder depend only on the balances stream's seed. */
    @Test
    void splitsConserveCapacityAndAreDeterministic() {
        ChannelGraph g = oneChannel();
        for (BalanceSplit split : BalanceSplit.values()) {
            ChannelState x = new ChannelState(g, split, new SplittableRandom(9));
            ChannelState y = new ChannelState(g, split, new SplittableRandom(9));
            x.checkAll();
            assertEquals(x.balance(0), y.balance(0), split.label());
            assertEquals(g.capacityMsat(0), x.balance(0) + x.balance(1));
        }
        assertEquals(BalanceSplit.FUNDER, BalanceSplit.parse("funder"));
        assertThrows(IllegalArgumentException.class, () -> BalanceSplit.parse("even"));
    }

    /** A small random graph: n nodes, a spanning path plus random (parallel) channels. */
    private static ChannelGraph randomGraph(SplittableRandom r, int n, int m) {
        ChannelGraphBuilder b = new ChannelGraphBuilder();
        for (int i = 0; i < n; i++) {
            b.addNode(NodeIds.fromIndex(i + 1));
        }
        for (int c = 0; c < m; c++) {
            int u = c < n - 1 ? c + 1 : r.nextInt(n);
            int v = c < n - 1 ? r.nextInt(c + 1) : (u + 1 + r.nextInt(n - 1)) % n;
            b.addChannel(ShortChannelId.of(c + 1, 0, 0), u, v, 10_000 + r.nextInt(1_000_000));
        }
        return b.build();
    }

    /**
     * A slot-ordered copy taken at change count k, updated only at the slots of the journal's changes since k, equals
     * a fresh copy after random offers, settles and fails, at every step; the initial split is not a change.
     */
    @Test
    void journalBringsAnOldCopyUpToDate() {
        SplittableRandom r = new SplittableRandom(7);
        ChannelGraph g = randomGraph(r, 12, 40);
        ChannelState s = new ChannelState(g, BalanceSplit.UNIFORM, new SplittableRandom(2), 0.01, 3);
        assertEquals(0, s.spendableChangeCount());
        int[] slotOf = new int[2 * g.channelCount()];
        for (int v = 0; v < g.nodeCount(); v++) {
            for (int slot = g.outStart(v); slot < g.outEnd(v); slot++) {
                slotOf[g.outDirection(slot)] = slot;
            }
        }
        long[] copy = new long[4 * g.channelCount()];
        long[] fresh = new long[copy.length];
        s.copySpendableBySlot(copy);
        long mark = 0;
        java.util.ArrayDeque<long[]> inFlight = new java.util.ArrayDeque<>();
        int changes = 0;
        for (int step = 0; step < 2_000; step++) {
            if (!inFlight.isEmpty() && r.nextInt(3) == 0) {
                long[] h = inFlight.poll();
                if (r.nextBoolean()) {
                    s.settle((int) h[0], h[1]);
                } else {
                    s.fail((int) h[0], h[1]);
                }
            } else {
                int e = r.nextInt(2 * g.channelCount());
                long amount = 1 + r.nextInt(200_000_000);
                if (s.canOffer(e, amount)) {
                    s.offer(e, amount);
                    inFlight.add(new long[] {e, amount});
                }
            }
            if (r.nextInt(4) == 0) {   // bring the copy up to date only now and then: several changes at once
                for (long i = mark; i < s.spendableChangeCount(); i++) {
                    int e = s.spendableChangeAt(i);
                    copy[2 * slotOf[e]] = s.spendableAtSlotMsat(slotOf[e], true);
                    copy[2 * slotOf[e ^ 1] + 1] = s.spendableAtSlotMsat(slotOf[e ^ 1], false);
                    changes++;
                }
                mark = s.spendableChangeCount();
                s.copySpendableBySlot(fresh);
                assertArrayEquals(fresh, copy, "step " + step);
            }
        }
        assertTrue(changes > 500, "changes seen: " + changes);
        assertThrows(IndexOutOfBoundsException.class, () -> s.spendableChangeAt(s.spendableChangeCount()));
    }

    /** Past twice {@code JOURNAL_KEEP} changes the older half is forgotten, the latest ones are still told. */
    @Test
    void journalForgetsOnlyOldChanges() {
        ChannelState s = new ChannelState(oneChannel(), BalanceSplit.HALF, new SplittableRandom(1), 0.0, 483);
        for (int i = 0; i < ChannelState.JOURNAL_KEEP + 10; i++) {
            s.offer(0, 1);   // direction 0 changes every time
            s.fail(0, 1);    // and back
        }
        long count = s.spendableChangeCount();
        assertEquals(2L * (ChannelState.JOURNAL_KEEP + 10), count);
        long oldest = s.oldestSpendableChange();
        assertTrue(oldest > 0 && count - oldest >= ChannelState.JOURNAL_KEEP, "oldest " + oldest);
        assertEquals(0, s.spendableChangeAt(count - 1));
        assertThrows(IndexOutOfBoundsException.class, () -> s.spendableChangeAt(oldest - 1));
    }
}
