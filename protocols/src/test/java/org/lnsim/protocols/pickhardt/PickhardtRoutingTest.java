package org.lnsim.protocols.pickhardt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.lnsim.engine.payment.PaymentOutcome;
import org.lnsim.engine.payment.PaymentRequest;
import org.lnsim.engine.testing.EngineRun;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.ChannelGraphBuilder;

/** {@code pickhardt}'s learning: the bounds a sender keeps, and its pay loop on the engine. */
class PickhardtRoutingTest {
    /**
     * xpay's constraints: a hop that forwarded 50,000,000 raises the lower bound to it, a failure at 80,000,000
     * lowers the upper bound to 79,999,999; a weaker constraint learnt later does not loosen a tighter one; after
     * 3,600 s (xpay's {@code askrene-age} cutoff) a bound is forgotten: [0, capacity] again.
     */
    @Test
    void boundsRiseOnSuccessFallOnFailureAndAgeOut() {
        Liquidity l = new Liquidity(3_600_000_000L);
        assertEquals(0, l.minMsat(7, 0));
        assertEquals(1_000_000_000, l.maxMsat(7, 0, 1_000_000_000));
        l.unconstrained(7, 50_000_000, 0);
        l.constrained(7, 80_000_000, 0);
        assertEquals(50_000_000, l.minMsat(7, 1));
        assertEquals(79_999_999, l.maxMsat(7, 1, 1_000_000_000));
        l.unconstrained(7, 40_000_000, 10);
        l.constrained(7, 90_000_000, 10);
        assertEquals(50_000_000, l.minMsat(7, 20));
        assertEquals(79_999_999, l.maxMsat(7, 20, 1_000_000_000));
        assertEquals(50_000_000, l.minMsat(7, 3_600_000_000L));
        assertEquals(0, l.minMsat(7, 3_600_000_001L));
        assertEquals(1_000_000_000, l.maxMsat(7, 3_600_000_001L, 1_000_000_000));
        assertEquals(0, l.minMsat(8, 0)); // never observed
        assertEquals(1, l.size());
        assertEquals(8 * 36, l.bytes()); // 8 slots × (4 + 4 × 8) bytes
    }

    /**
     * S→X→A→R and S→X→B→R: S–X 2,000,000 sat, X–A, X–B, B–R 1,000,000 sat, A–R 100,000 sat (half each way: A can
     * send 50,000,000 − 1 % reserve = 49,000,000 msat); A→R charges nothing, B→R 1,000 ppm; μ starts at 100 (fees
     * only), so S prefers A. 60,000,000 msat:
     * <ol>
     *   <li>all via A (A→R believed [0, 100,000,000]): fails at A. X→A forwarded 60,000,000 (its lower bound),
     *       A→R at most 59,999,999.</li>
     *   <li>60,000,000 in units of 60,000: A→R b = 1 + ⌊59,999,999 / 60,000⌋ = 1000 units, arcs ⌊0.5 × 1000⌋ +
     *       ⌊0.3 × 1000⌋ + ⌊(0.95 − 0.8) × 1000⌋ = 500 + 300 + 149 = 949 units (0.95 − 0.8 is 0.14999… in doubles,
     *       in askrene's C as here) = 56,940,000 via A (fails: bound 56,939,999), 51 units = 3,060,000 via B
     *       (held at the receiver).</li>
     *   <li>56,940,000 left in units of 56,940: 949 × 56,940 = 54,036,060 via A (fails), 2,903,940 via B.</li>
     *   <li>54,036,060 left in units of ⌈54,036.06⌉ = 54,037: 949 × 54,037 = 51,281,113 via A, 51 × 54,037 =
     *       2,755,887 via B, 940 msat too much: ⌊940 × 0.949⌋ = 892 from A, ⌊940 × 0.051⌋ = 47 from B, the last
     *       1 from the largest: A 51,280,220 (fails: bound 51,280,219), B 2,755,840.</li>
     *   <li>51,280,220 left: A's part 48,664,928 ≤ 49,000,000 succeeds, and the payment completes.</li>
     * </ol>
     * 1 + 4 × 2 = 9 attempts. S's knowledge after: A→R in [48,664,928, 51,280,219] (its successful part and its
     * last failure); X→A at least 60,000,000; its own channel S→X not stored. The held parts via B were reserved
     * while in flight (B→R believed 3,060,000 less, which moves nothing here: μ = 100 weighs fees only) and are
     * released when the payment completes.
     */
    @Test
    void aSenderLearnsFromEachPartAndReplansWhatFailed() {
        ChannelGraphBuilder b = Nets.nodes(5); // S = 0, X = 1, A = 2, R = 3, B = 4
        Nets.channel(b, 1, 0, 1, 2_000_000, Nets.policy(0, 0, 14), Nets.policy(0, 0, 14));
        Nets.channel(b, 2, 1, 2, 1_000_000, Nets.policy(0, 0, 14), Nets.policy(0, 0, 14));
        Nets.channel(b, 3, 2, 3, 100_000, Nets.policy(0, 0, 14), Nets.policy(0, 0, 14));
        Nets.channel(b, 4, 1, 4, 1_000_000, Nets.policy(0, 0, 14), Nets.policy(0, 0, 14));
        Nets.channel(b, 5, 4, 3, 1_000_000, Nets.policy(0, 1000, 14), Nets.policy(0, 0, 14));
        ChannelGraph g = b.build();
        PickhardtSettings d = PickhardtSettings.DEFAULT;
        PickhardtSettings s = new PickhardtSettings(100, d.units(), d.singlePathThresholdMsat(), d.maxParts(),
                d.maxFeePercent(), d.maxFeeMinMsat(), d.maxDelay(), d.finalCltv(), d.maxHops(),
                d.constraintMaxAgeUs(), d.collectWindowUs());
        PickhardtRouting p = new PickhardtRouting(g, s);
        PaymentOutcome o = EngineRun.of(g, p).run(new PaymentRequest(1, 0, 3, 60_000_000, 0)).outcome();
        assertTrue(o.success(), o.reason());
        assertEquals(9, o.attempts());
        Liquidity l = p.knowledgeOrNull(0);
        int ar = Nets.dir(g, 2, 3);
        long end = o.endUs();
        assertEquals(51_280_219, l.maxMsat(ar, end, g.capacityMsat(ChannelGraph.channelOf(ar))));
        assertEquals(48_664_928, l.minMsat(ar, end));
        assertEquals(60_000_000, l.minMsat(Nets.dir(g, 1, 2), end));
        assertEquals(0, l.minMsat(Nets.dir(g, 0, 1), end));
        assertTrue(p.reservations(0).isEmpty()); // every part has ended: nothing reserved any more
        assertTrue(p.report().stateBytes(0) > 0);
        assertEquals(0, p.report().stateBytes(2));
    }
}
