package org.lnsim.protocols.ant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lnsim.protocols.ant.SeedWaveTest.A;
import static org.lnsim.protocols.ant.SeedWaveTest.B;
import static org.lnsim.protocols.ant.SeedWaveTest.SIX;
import static org.lnsim.protocols.ant.SeedWaveTest.dir;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lnsim.engine.htlc.FailureCode;
import org.lnsim.engine.htlc.LatencyModel;
import org.lnsim.engine.payment.PaymentEngine;
import org.lnsim.engine.payment.PaymentOutcome;
import org.lnsim.engine.payment.PaymentRequest;
import org.lnsim.engine.testing.EngineRun;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.ChannelGraphBuilder;
import org.lnsim.network.NodeIds;
import org.lnsim.network.ShortChannelId;

class AntRoutingTest {
    /** HTLC offers and resolutions 100 ms per hop; control messages the six-node graph's per-channel delays. */
    record SixLatency() implements LatencyModel {
        @Override
        public long offerUs(int e) {
            return 100_000;
        }

        @Override
        public long resolveUs(int e) {
            return 100_000;
        }

        @Override
        public long offlineUs(int e) {
            return 3_000_000;
        }

        @Override
        public long controlUs(int e) {
            return SIX[e >>> 1][2] * 1000L;
        }
    }

    record Run(List<PaymentOutcome> outcomes, PaymentEngine engine, long endUs) {
    }

    static Run run(ChannelGraph g, AntRouting ant, PaymentRequest... payments) {
        EngineRun.Result r = EngineRun.of(g, ant).latency(new SixLatency()).run(payments);
        return new Run(r.outcomes(), r.engine(), r.endUs());
    }

    private static long column(PaymentOutcome o, String name) {
        return o.columns()[AntRouting.PAYMENT_COLUMNS.indexOf(name)];
    }

    /**
     * The six-node flood of {@link SeedWaveTest#handWorkedSixNodeFlood}, through the engine. A decides at 50 ms for
     * M2 (A→1→3→4→B); the confirmation goes out over delays 10 + 10 + 20 + 10 = 50 ms and B's comes back in 50: the
     * HTLCs start at 150 ms (the discovery time) and take 4 offers + 4 fulfils of 100 ms: the payment ends at 950 ms.
     * Fee, backwards from B: 4→B 1,000 on 1,000,000; 3→4 200; 1→3 500: 1,700 msat. Traffic: 12 seeds × 94 B,
     * 15 matched seeds × 86 B, 4 + 4 confirmations × 84 B. Node 1 sent 2 seeds and 4 matched seeds (one for each
     * match, all pass through it to A) and 2 confirmations; node 4 holds both seeds: 2 entries × 58 B.
     */
    @Test
    void handWorkedPaymentThroughTheEngine() {
        ChannelGraph g = SeedWaveTest.six();
        AntRouting ant = new AntRouting(g, AntSettings.DEFAULT);
        Run r = run(g, ant, new PaymentRequest(1, A, B, 1_000_000, 0));
        PaymentOutcome o = r.outcomes().get(0);
        assertTrue(o.success(), o.reason());
        assertEquals(950_000, o.latencyUs());
        assertEquals(150_000, o.discoveryUs());
        assertEquals(1_700, o.feeMsat());
        assertArrayEquals(new int[] {dir(g, A, 1), dir(g, 1, 3), dir(g, 3, 4), dir(g, 4, B)}, o.route());
        assertEquals(1, column(o, "rounds"));
        assertEquals(12, column(o, "seed_messages"));
        assertEquals(15, column(o, "match_messages"));
        assertEquals(8, column(o, "confirm_messages"));
        assertEquals(4, column(o, "matches"));
        assertEquals(35_000, column(o, "first_match_us"));
        assertEquals(50_000, column(o, "chosen_match_us"));
        assertEquals(0, column(o, "late_repeat_nodes"));
        Map<String, long[]> byType = r.engine().controlByType();
        assertArrayEquals(new long[] {12, 12 * 94}, byType.get(AntMessages.SEED_TYPE));
        assertArrayEquals(new long[] {15, 15 * 86}, byType.get(AntMessages.MATCH_TYPE));
        assertArrayEquals(new long[] {8, 8 * 84}, byType.get(AntMessages.CONFIRM_TYPE));
        assertEquals(2 + 4 + 2, r.engine().nodeControlMessages(1));   // seeds, matched seeds, confirmations
        long[] values = new long[ant.report().stateColumns().size()];
        ant.report().stateValues(1, values);
        assertArrayEquals(new long[] {1, 1, 2, 4, 0}, values);
        ant.report().stateValues(4, values);
        assertArrayEquals(new long[] {2, 3, 2, 4, 0}, values);   // M0's, M2's towards B and M1's both ways
        assertEquals(2 * AntMessages.ENTRY_BYTES, ant.report().stateBytes(4));
    }

    /**
     * Channel 1–3 of 2,042 sat: node 1 holds 1,021,000 msat minus a 20,420 reserve, 1,000,580 spendable. Seed 0
     * checks the amount (1,000,000) and passes, but the HTLC on 1→3 carries 1,001,200 with the fees after it: node 1
     * fails it (temporary_channel_failure) and A learns at 150 + 100 + 100 = 350 ms. Each round floods the same
     * balances and finds the same path: rounds start at 0, 350 and 700 ms and the third failure, at 1,050 ms, ends the
     * payment. The mempool holds 3 rounds at node 4 (6 entries) at its peak; the engine's last event is the
     * payment's deadline (60 s), by when all are wiped.
     */
    @Test
    void failedHtlcsStartNewRoundsUpToTheLimit() {
        ChannelGraphBuilder b = new ChannelGraphBuilder();
        for (int i = 0; i < 6; i++) {
            b.addNode(NodeIds.fromIndex(i + 1));
        }
        for (int c = 0; c < SIX.length; c++) {
            int u = SIX[c][0];
            int v = SIX[c][1];
            b.addChannel(ShortChannelId.of(c + 1, 0, 0), u, v, u == 1 && v == 3 ? 2_042 : 1_000_000);
            ChannelGraph six = SeedWaveTest.six();
            b.setPolicy(c, u, six.policy(dir(six, u, v)));
            b.setPolicy(c, v, six.policy(dir(six, v, u)));
        }
        ChannelGraph g = b.build();
        AntRouting ant = new AntRouting(g, AntSettings.DEFAULT);
        Run r = run(g, ant, new PaymentRequest(1, A, B, 1_000_000, 0));
        PaymentOutcome o = r.outcomes().get(0);
        assertFalse(o.success());
        assertEquals(3, o.attempts());
        assertEquals(3, column(o, "rounds"));
        assertEquals(FailureCode.TEMPORARY_CHANNEL_FAILURE, o.failure());
        assertEquals(1, o.failureHop());
        assertEquals("rounds exhausted: " + FailureCode.TEMPORARY_CHANNEL_FAILURE.label(), o.reason());
        assertEquals(1_050_000, o.latencyUs());
        assertEquals(3 * 150_000, o.discoveryUs());
        assertEquals(3 * 12, column(o, "seed_messages"));
        long[] values = new long[ant.report().stateColumns().size()];
        ant.report().stateValues(4, values);
        assertEquals(6, values[0]);
        assertEquals(60_000_000, r.endUs());
        assertEquals(0, ant.liveEntries(4));
        assertEquals(6 * AntMessages.ENTRY_BYTES, ant.report().stateBytes(4));   // the peak stays
    }

    /**
     * Mempool entries of rounds started at 0, 350 and 700 ms (2 at node 4 and 1 at node 1 each) are gone exactly
     * {@code wipe-after} (3 s) after each round's start.
     */
    @Test
    void mempoolEntriesAreGoneAfterWipeAfter() {
        SeedWave w = new SeedWave(SeedWaveTest.six());
        w.run(A, B, 1_000_000, 5_000, 20, 3_000_000, SeedWaveTest.sixLinks(-1));
        Mempools pools = new Mempools(6, 3_000_000);
        pools.add(0, w);
        pools.add(350_000, w);
        pools.add(700_000, w);
        assertEquals(6, pools.live(4));
        assertEquals(3, pools.live(1));
        pools.expireUntil(2_999_999);
        assertEquals(6, pools.live(4));
        pools.expireUntil(3_000_000);
        assertEquals(4, pools.live(4));
        pools.expireUntil(3_699_999);
        assertEquals(2, pools.live(4));
        pools.expireUntil(3_700_000);
        for (int v = 0; v < 6; v++) {
            assertEquals(0, pools.live(v));
        }
        assertEquals(6, pools.peak(4));
        pools.add(10_000_000, w);           // a later round starts from an empty mempool
        assertEquals(2, pools.live(4));
        assertEquals(6, pools.peak(4));
    }

    /**
     * {@code ant.selective} with k = 1 on the six-node graph: A and B still send to all their peers; every other node
     * sends to its single best eligible peer, with no history yet the first in adjacency order (capacities are equal).
     * <pre>
     *  0  A: → 1 @10, → 2 @30          B: → 3 @40, → 4 @10
     * 10  1 (seed 0): → 2 @15 (not 3)  4 (seed 1): → 2 @20 (not 3)
     * 15  2 (seed 0): → A @45 (not 4)  20  2 gets seed 1: match M0, A→1→2→4→B, 3,000, at A at 35
     * 40  3 gets seed 1 from B: → 1 @50, accumulator 2,000 (3's fee on 3→B)
     * 50  1 gets seed 1, holds seed 0: match M1, A→1→3→B, 0 + 500 + 2,000 = 2,500, at A at 60
     * </pre>
     * Seeds: A 2 + B 2 + 1, 4, 2, 3 one each = 8 (12 with flooding). A holds 2 matches after the 1-s window opened at
     * 35 ms, so decides at 1,035 ms for M1; confirmations 60 ms each way; 3 hops of HTLCs, 600 ms: the payment ends
     * at 1,755 ms with fee 2,500. Then the channels A–1, 1–3 and 3–B have one completed payment in both ends'
     * history: node 1 holds 2 history entries (12 bytes each) beside its 2 mempool entries.
     */
    @Test
    void selectiveForwardingSendsToTheBestPeerAndLearnsFromCompletedPayments() {
        ChannelGraph g = SeedWaveTest.six();
        AntRouting ant = new AntRouting(g, AntSettings.DEFAULT.withFanout(1));
        PaymentOutcome o = run(g, ant, new PaymentRequest(1, A, B, 1_000_000, 0)).outcomes().get(0);
        assertTrue(o.success(), o.reason());
        assertEquals(8, column(o, "seed_messages"));
        assertEquals(2, column(o, "matches"));
        assertEquals(1_035_000, column(o, "chosen_match_us"));
        assertEquals(1_155_000, o.discoveryUs());
        assertEquals(1_755_000, o.latencyUs());
        assertEquals(2_500, o.feeMsat());
        assertArrayEquals(new int[] {dir(g, A, 1), dir(g, 1, 3), dir(g, 3, B)}, o.route());
        long[] values = new long[ant.report().stateColumns().size()];
        int[] historyChannels = {1, 2, 0, 2, 0, 1};   // A, 1, 2, 3, 4, B
        for (int n = 0; n < 6; n++) {
            ant.report().stateValues(n, values);
            assertEquals(historyChannels[n], values[4], "node " + n);
        }
        ant.report().stateValues(1, values);
        assertEquals(2, values[0]);
        assertEquals(2 * AntMessages.ENTRY_BYTES + 2 * AntRouting.HISTORY_ENTRY_BYTES, ant.report().stateBytes(1));
    }

    /** No path can carry 2,000,000 sat: no matched seed; A waits the wipe time and gives up. */
    @Test
    void noMatchGivesUpAfterTheWipeTime() {
        ChannelGraph g = SeedWaveTest.six();
        AntRouting ant = new AntRouting(g, AntSettings.DEFAULT);
        PaymentOutcome o = run(g, ant, new PaymentRequest(1, A, B, 2_000_000_000_000L, 0)).outcomes().get(0);
        assertFalse(o.success());
        assertEquals(0, o.attempts());
        assertEquals("no match", o.reason());
        assertEquals(3_000_000, o.latencyUs());
        assertEquals(3_000_000, o.discoveryUs());
        assertEquals(0, column(o, "seed_messages"));
    }

    /** The same payments twice give the same outcomes, columns and per-node figures (R draws included). */
    @Test
    void deterministic() {
        ChannelGraph g = SeedWaveTest.six();
        PaymentRequest[] ps = new PaymentRequest[20];
        for (int i = 0; i < ps.length; i++) {
            int from = i % 6;
            int to = (from + 1 + i % 5) % 6;
            ps[i] = new PaymentRequest(i, from, to, 100_000 + 7_919L * i, 20_000L * i);
        }
        AntRouting a1 = new AntRouting(g, AntSettings.DEFAULT.withFanout(1));
        AntRouting a2 = new AntRouting(g, AntSettings.DEFAULT.withFanout(1));
        List<PaymentOutcome> x = run(g, a1, ps).outcomes();
        List<PaymentOutcome> y = run(g, a2, ps).outcomes();
        assertEquals(x.toString().replaceAll("\\[I@[0-9a-f]+|\\[J@[0-9a-f]+", ""),
                y.toString().replaceAll("\\[I@[0-9a-f]+|\\[J@[0-9a-f]+", ""));
        for (int i = 0; i < x.size(); i++) {
            assertArrayEquals(x.get(i).columns(), y.get(i).columns());
            assertArrayEquals(x.get(i).route(), y.get(i).route());
        }
        long[] v1 = new long[5];
        long[] v2 = new long[5];
        for (int n = 0; n < 6; n++) {
            a1.report().stateValues(n, v1);
            a2.report().stateValues(n, v2);
            assertArrayEquals(v1, v2);
            assertEquals(a1.report().stateBytes(n), a2.report().stateBytes(n));
        }
        assertTrue(x.stream().filter(PaymentOutcome::success).count() > 10);
        assertEquals(AntRouting.SELECTIVE, a1.name());
    }
}
