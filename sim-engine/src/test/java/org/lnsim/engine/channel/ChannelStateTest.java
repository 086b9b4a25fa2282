package org.lnsim.engine.channel;

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
}
