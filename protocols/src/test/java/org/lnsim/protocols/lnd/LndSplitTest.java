package org.lnsim.protocols.lnd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lnsim.protocols.testing.SmallNets.A;
import static org.lnsim.protocols.testing.SmallNets.B;
import static org.lnsim.protocols.testing.SmallNets.R;
import static org.lnsim.protocols.testing.SmallNets.S;

import org.junit.jupiter.api.Test;
import org.lnsim.engine.htlc.PaymentKind;
import org.lnsim.engine.payment.PaymentOutcome;
import org.lnsim.engine.payment.PaymentRequest;
import org.lnsim.engine.payment.RoutingProtocol;
import org.lnsim.engine.testing.EngineRun;
import org.lnsim.network.ChannelGraph;
import org.lnsim.protocols.testing.SmallNets;
import org.lnsim.protocols.multipart.SplitSettings;
import org.lnsim.protocols.multipart.Splitter;

/** {@code lnd+lnd-halving}: lnd's search routes the shards of its own splitter, and mission control learns each. */
class LndSplitTest {
    /**
     * The diamond with A–R at 1,000,000 sat: every channel holds 500,000 sat a side, 490,000 spendable over the 1%
     * reserve. 600,000 sat S→R fits no single path (S's channels hold 490,000 each): single-path lnd finds no route
     * and sends nothing.
     *
     * <p>lnd+lnd-halving: the shard of 600,000 sat finds no route, so it halves to 300,000. Via A (A→R 1 ppm: fee
     * 300,000,000 × 1 / 10⁶ = 300 msat) beats via B (1,000 + 300,000,000 × 1,000 / 10⁶ = 301,000 msat), so the first
     * shard goes S→A→R, S sending 300,000,300 msat. The second shard of 300,000 sat: S–A has 490,000,000 −
     * 300,000,300 = 189,999,700 msat left, too little, so it goes S→B→R, fee 301,000 msat. Both arrive: 2 attempts,
     * 2 parts, fee 300 + 301,000 = 301,300 msat. S's mission control then holds all four pairs as successes with the
     * amounts they carried.
     */
    @Test
    void lndsSplitterRoutesShardsWithLndsSearchAndLearnsFromEach() {
        ChannelGraph g = SmallNets.diamond(1000, 1_000_000);
        PaymentRequest pay = new PaymentRequest(1, S, R, 600_000_000, 0);

        PaymentOutcome single = EngineRun.of(g, new LndRouting(g, LndSettings.DEFAULT)).run(pay).outcomes().get(0);
        assertFalse(single.success());
        assertEquals(0, single.attempts());

        LndSettings halving = LndSettings.DEFAULT.withSplit(new SplitSettings(Splitter.parse("lnd-halving"),
                Splitter.LND_DEFAULT_MAX_PARTS, PaymentKind.MPP));
        LndRouting lnd = new LndRouting(g, halving);
        RoutingProtocol split = halving.split().apply(lnd);
        assertEquals("lnd+lnd-halving", split.name());
        PaymentOutcome o = EngineRun.of(g, split).run(pay).outcomes().get(0);
        assertTrue(o.success());
        assertEquals(2, o.attempts());
        assertEquals(2, o.parts());
        assertEquals(301_300, o.feeMsat());
        PairHistory h = lnd.historyOrNull(S);
        assertEquals(300_000_300, h.successAmt(h.slot(S, A)));
        assertEquals(300_000_000, h.successAmt(h.slot(A, R)));
        assertEquals(300_301_000, h.successAmt(h.slot(S, B)));
        assertEquals(300_000_000, h.successAmt(h.slot(B, R)));
        assertEquals(4, h.pairs());
    }
}
