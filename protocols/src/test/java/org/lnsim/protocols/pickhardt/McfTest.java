package org.lnsim.protocols.pickhardt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.ChannelGraphBuilder;
import org.lnsim.network.ChannelPolicy;

/** askrene's probability, linearisation and min-cost flow, worked by hand on small networks. */
class McfTest {
    /**
     * P(x) = (b − x) / (b − a) on [a, b): [0, 1000) at 300: 700 / 1000 = 0.7; [200, 1000) at 600: 400 / 800 = 0.5;
     * below a certain (1), at or above b impossible (0). askrene's slopes of −log P between the pivots 0, 0.5, 0.8,
     * 0.95: ln(1 / 0.5) / 0.5 = 1.386294, ln(0.5 / 0.2) / 0.3 = 3.054302, ln(0.2 / 0.05) / 0.15 = 9.241962.
     */
    @Test
    void probabilityAndTheSlopesOfItsLogarithm() {
        assertEquals(0.7, Mcf.probability(0, 1000, 300), 1e-12);
        assertEquals(0.5, Mcf.probability(200, 1000, 600), 1e-12);
        assertEquals(1.0, Mcf.probability(200, 1000, 100), 0);
        assertEquals(0.0, Mcf.probability(200, 1000, 1000), 0);
        assertEquals(1.386294, Mcf.COST_FRACTION[1], 1e-6);
        assertEquals(3.054302, Mcf.COST_FRACTION[2], 1e-6);
        assertEquals(9.241962, Mcf.COST_FRACTION[3], 1e-6);
        assertEquals(0.5, Mcf.CAP_FRACTION[1], 1e-12);
        assertEquals(0.3, Mcf.CAP_FRACTION[2], 1e-12);
        assertEquals(0.15, Mcf.CAP_FRACTION[3], 1e-12);
    }

    /**
     * X→Y, 2,000,000 sat, base 1,000 msat, 1,000 ppm, delta 40, liquidity known in [200,000,000, 600,000,000] msat.
     * For 500,000,000 msat: accuracy 500,000 msat, a = 400, b = 1 + 1200 = 1201 units, b − a = 801; at most
     * min(capacity / acc = 4000, 1000 units) = 1000 go into the arcs: arc 0 = 400 certain units (cost 0), arc 1 =
     * ⌊0.5 × 801⌋ = 400 at 1.386294 × 1000 × 1000 / 801 = 1730.70, arc 2 = min(⌊0.3 × 801⌋ = 240, 200 left) = 200
     * at 3.054302 × 10⁶ / 801 = 3813.11, arc 3 empty. Fee cost: 1,000 ppm + 1,000 msat × (10⁷ / 5 × 10⁸ = 0.02) +
     * 40 × 10⁻⁶ = 1020.00004, truncated to 1020.
     *
     * <p>With nothing known, for 100,000,000 msat: acc 100,000, a = 0, b = 1 + 20,000 = 20,001: arc 0 empty, arc 1
     * = min(10,000, 1000) = 1000 units at 1.386294 × 10⁶ / 20,001 = 69.31.
     */
    @Test
    void aChannelIsLinearisedOnAskrenesArcs() {
        ChannelGraphBuilder b = Nets.nodes(2);
        Nets.channel(b, 1, 0, 1, 2_000_000, Nets.policy(1000, 1000, 40), Nets.policy(0, 0, 40));
        ChannelGraph g = b.build();
        int xy = Nets.dir(g, 0, 1);
        Liquidity l = new Liquidity(3_600_000_000L);
        l.unconstrained(xy, 200_000_000, 0);
        l.constrained(xy, 600_000_001, 0);
        Mcf m = new Mcf(g, Mcf.UNITS);
        double[][] arcs = m.linearise(xy, 500_000_000, Nets.beliefs(g, 5, 0, l, 0));
        assertNotNull(arcs);
        assertArrayEquals(new double[] {400, 400, 200, 0}, arcs[0]);
        assertEquals(0, arcs[1][0]);
        assertEquals(1730.70, arcs[1][1], 0.01);
        assertEquals(3813.11, arcs[1][2], 0.01);
        assertEquals(500_000, arcs[2][0]);
        assertEquals(1020, arcs[2][1]);

        double[][] fresh = m.linearise(xy, 100_000_000, Nets.beliefs(g, 5, 0, null, 0));
        assertArrayEquals(new double[] {0, 1000, 0, 0}, fresh[0]);
        assertEquals(69.31, fresh[1][1], 0.01);
    }

    /**
     * S→A→R and S→B→R; S's own channels hold 1,000,000,000 msat; A–R 1,000,000 sat, B–R 500,000 sat; 1 ppm on every
     * direction (so every arc's fee cost is 1 and the probability decides). 600,000,000 msat: accuracy 600,000,
     * 1000 units. A→R: b = 1 + 1666 = 1667, arc 1 = 833 units at 1.386294 × 10⁶ / 1667 = 831.6, arc 2 = 167 at
     * 3.054302 × 10⁶ / 1667 = 1832.2. B→R: b = 1 + 833 = 834, arc 1 = 417 units at 1.386294 × 10⁶ / 834 = 1662.2.
     * Cheapest first: A's 833 units (831.6), then B's (1662.2 < A's next 1832.2) for the other 167. So the optimum
     * splits 833 × 600,000 = 499,800,000 msat via A and 167 × 600,000 = 100,200,000 via B.
     */
    @Test
    void theOptimalFlowSplitsOverTwoPaths() {
        ChannelGraphBuilder b = Nets.nodes(4); // S = 0, A = 1, B = 2, R = 3
        ChannelPolicy ppm1 = Nets.policy(0, 1, 0);
        Nets.channel(b, 1, 0, 1, 4_000_000, ppm1, ppm1);
        Nets.channel(b, 2, 0, 2, 4_000_000, ppm1, ppm1);
        Nets.channel(b, 3, 1, 3, 1_000_000, ppm1, ppm1);
        Nets.channel(b, 4, 2, 3, 500_000, ppm1, ppm1);
        ChannelGraph g = b.build();
        Planner p = new Planner(g, Mcf.UNITS, Planner.SINGLE_PATH_THRESHOLD_MSAT);
        Planner.Plan plan = p.plan(0, 3, 600_000_000, 10_000_000, 18, 2016, 100, 20, 1,
                Nets.beliefs(g, 0, 1_000_000_000, null, 0));
        assertTrue(plan.found(), plan.failure());
        List<Flow> flows = plan.flows();
        assertEquals(2, flows.size());
        assertArrayEquals(new int[] {Nets.dir(g, 0, 1), Nets.dir(g, 1, 3)}, flows.get(0).dirs);
        assertEquals(499_800_000, flows.get(0).deliverMsat);
        assertArrayEquals(new int[] {Nets.dir(g, 0, 2), Nets.dir(g, 2, 3)}, flows.get(1).dirs);
        assertEquals(100_200_000, flows.get(1).deliverMsat);
        // the fee of a part: B→R charges 1 ppm of 100,200,000 = 100 msat; S pays nothing on its own channel
        assertEquals(100, flows.get(1).feeMsat(Policies.announced(g)));
    }

    /**
     * S→A→R and S→B→R with A–R and B–R both 1,000,000 sat, after S learnt that A→R could not carry 600,000,000
     * msat (so at most 599,999,999): A→R's b falls to 1 + 999 = 1000 units, arcs 500 at 1.386294 × 10⁶ / 1000 =
     * 1386.3, 300 at 3054.3, 150 at 9242.0. B→R, untouched: 833 units at 831.6, 167 at 1832.2. Cheapest first: B's
     * 833, then A's first arc (1386.3 < B's 1832.2) for the other 167 units: 100,200,000 msat via A, far below the
     * failed amount, 499,800,000 via B.
     */
    @Test
    void theReplanAfterAFailureAvoidsTheFailedCapacity() {
        ChannelGraphBuilder b = Nets.nodes(4);
        ChannelPolicy ppm1 = Nets.policy(0, 1, 0);
        Nets.channel(b, 1, 0, 1, 4_000_000, ppm1, ppm1);
        Nets.channel(b, 2, 0, 2, 4_000_000, ppm1, ppm1);
        Nets.channel(b, 3, 1, 3, 1_000_000, ppm1, ppm1);
        Nets.channel(b, 4, 2, 3, 1_000_000, ppm1, ppm1);
        ChannelGraph g = b.build();
        int ar = Nets.dir(g, 1, 3);
        Liquidity l = new Liquidity(3_600_000_000L);
        l.constrained(ar, 600_000_000, 0);
        Planner p = new Planner(g, Mcf.UNITS, Planner.SINGLE_PATH_THRESHOLD_MSAT);
        Planner.Plan plan = p.plan(0, 3, 600_000_000, 10_000_000, 18, 2016, 100, 20, 1,
                Nets.beliefs(g, 0, 1_000_000_000, l, 0));
        assertTrue(plan.found(), plan.failure());
        long viaA = 0;
        long total = 0;
        for (Flow f : plan.flows()) {
            total += f.deliverMsat;
            if (f.dirs[f.hops() - 1] == ar) {
                viaA += f.deliverMsat;
            }
        }
        assertEquals(600_000_000, total);
        assertEquals(100_200_000, viaA);
    }

    /** A receiver nobody can reach, and an amount above every channel into it: no flow, "no route". */
    @Test
    void noFeasibleFlowIsNoRoute() {
        ChannelGraphBuilder b = Nets.nodes(3);
        Nets.channel(b, 1, 0, 1, 100_000, Nets.policy(0, 1, 0), Nets.policy(0, 1, 0));
        Nets.channel(b, 2, 1, 2, 100_000, Nets.policy(0, 1, 0), Nets.policy(0, 1, 0));
        ChannelGraph g = b.build();
        Planner p = new Planner(g, Mcf.UNITS, Planner.SINGLE_PATH_THRESHOLD_MSAT);
        Planner.Plan plan = p.plan(0, 2, 200_000_000, 10_000_000, 18, 2016, 100, 20, 1,
                Nets.beliefs(g, 0, 100_000_000, null, 0));
        assertFalse(plan.found());
        assertTrue(plan.failure().startsWith("no route"), plan.failure());
    }
}
