package org.lnsim.network.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.apache.commons.math3.fitting.WeightedObservedPoint;
import org.junit.jupiter.api.Test;

/** Hand-worked cases for the generator's and fitter's building blocks. */
class McpSamplingTest {
    private static DoubleSupplier sequence(double... u) {
        int[] i = {0};
        return () -> u[i[0]++];
    }

    @Test
    void inverseTransformByHand() {
        // a=2, b=1, c=1: F(x) = c(x+b)^(1-a)/(1-a) = -1/(x+1); F(0) = -1, F(9) = -0.1.
        // u=0.5: r = -1 + 0.5*0.9 = -0.55; x = (r(1-a)/c)^(1/(1-a)) - b = 0.55^-1 - 1 = 0.81818...
        PowerLaw law = new PowerLaw(2, 1, 1);
        assertEquals(-1.0, law.integral(0), 1e-15);
        assertEquals(-0.1, law.integral(9), 1e-15);
        assertEquals(1 / 0.55 - 1, law.sampleAt(0.5, law.integral(0), law.integral(9)), 1e-12);
        assertEquals(0.0, law.sampleAt(0.0, law.integral(0), law.integral(9)), 1e-12);
        assertEquals(9.0, law.inverseIntegral(law.integral(9)), 1e-12);
        assertEquals(0.25 * Math.pow(4, -2), new PowerLaw(2, 1, 0.25).density(3), 1e-15);
    }

    @Test
    void degreeSamplingStopRuleByHand() {
        // Same law over (0, 9]; x = 1/(1 - 0.9u) - 1, rounded half to even:
        //   u=0.9  -> r=-0.19   -> x=4.263 -> 4
        //   u=0    -> x=0       -> rejected
        //   u=0.5  -> x=0.818   -> 1
        //   u=0.95 -> r=-0.145  -> x=5.897 -> 6   (sum 4+1+6 = 11)
        //   u=0.99 -> r=-0.109  -> x=8.174 -> 8   11 + 8 = 19 >= 2*8 = 16: stop, 8 not added
        int[] degrees = McpGenerator.sampleDegrees(new PowerLaw(2, 1, 1), 9, 16,
                sequence(0.9, 0.0, 0.5, 0.95, 0.99), GenerationProgress.NONE);
        assertArrayEquals(new int[] {4, 1, 6}, degrees);
    }

    @Test
    void roundingIsHalfToEvenLikePython() {
        // x = 1/(1-0.9u) - 1 = 2.5 exactly needs 1-0.9u = 1/3.5; Python's round(2.5) = 2, Math.rint(2.5) = 2.0
        assertEquals(2.0, Math.rint(2.5));
        assertEquals(4.0, Math.rint(3.5));
    }

    @Test
    void rankShareCapacitiesByHand() {
        // Nodes A=0 (deg 3), B=1 (deg 2), C=2 (deg 1), D=3 (deg 2); channels c0=A-B, c1=A-C, c2=A-D, c3=D-B.
        // Channel order per node (step 4 result, given): A [c2 c0 c1], B [c3 c0], C [c1], D [c3 c2].
        // Ascending degree, ties by index: C, B, D, A. Allocations A=1000, B=400, C=100, D=300 sat.
        int[] off = {0, 3, 5, 6, 8};
        int[] adj = {2, 0, 1, 3, 0, 1, 3, 2};
        int[] byChans = {2, 1, 3, 0};
        double[] alloc = {1000, 400, 100, 300};
        // shares [0.5, 0.3]: rank 0: C sets c1 = 0.5*100 = 50; B sets c3 = 0.5*400 = 200; D's c3 is set;
        //   A sets c2 = 0.5*1000 = 500. rank 1: B sets c0 = 0.3*400 = 120; D's c2 and A's c0 are set.
        //   rank 2: A's c1 is set.
        long[] cap = McpGenerator.channelCapacities(off, adj, byChans, alloc, new double[] {0.5, 0.3}, 4);
        assertArrayEquals(new long[] {120, 50, 500, 200}, cap);
        // shares [0.5] only: rank 1 falls back to allocation / degree, so B sets c0 = 400 / 2 = 200.
        cap = McpGenerator.channelCapacities(off, adj, byChans, alloc, new double[] {0.5}, 4);
        assertArrayEquals(new long[] {200, 50, 500, 200}, cap);
    }

    @Test
    void channelOrderPutsVisitedRicherPeersFirst() {
        // Star: hub 0 with peers 1, 2, 3 (degree 1 each); ascending degree order 1, 2, 3, 0, so the hub is visited
        // first and sees no visited peer (all count 0): its order stays creation order [c0 c1 c2]; round(3/4) = 1
        // swap among the first 1 position changes nothing. Each leaf sees the hub (visited) first: trivially.
        int[] a = {0, 0, 0};
        int[] b = {1, 2, 3};
        int[] off = {0, 3, 4, 5, 6};
        int[] adj = {0, 1, 2, 0, 1, 2};
        McpGenerator.orderChannels(off, adj, a, b, new int[] {1, 2, 3, 0}, new SplittableRandom(1));
        assertArrayEquals(new int[] {0, 1, 2, 0, 1, 2}, adj);
        // Path 1 - 0 - 2 with node 2 visited before node 0 (order: 1, 0, 2): when 0 is visited, peer 2 is visited
        // (unallocated = its capacity) and peer 1 is not (0), so 0's channels become [c1 (0-2), c0 (0-1)].
        int[] a2 = {0, 0};
        int[] b2 = {1, 2};
        int[] off2 = {0, 2, 3, 4};
        int[] adj2 = {0, 1, 0, 1};
        McpGenerator.orderChannels(off2, adj2, a2, b2, new int[] {1, 0, 2}, new SplittableRandom(1));
        // round(2/4) = round(0.5) = 0 swaps (half to even)
        assertArrayEquals(new int[] {1, 0, 0, 1}, adj2);
    }

    @Test
    void capacityBinsAndWindowByHand() {
        // Totals 0.4M (bin rint(0.4)=0), 2.5M (rint(2.5)=2, half to even), 3.5M (rint(3.5)=4), 101M (101),
        // 150M (150): 151 bins, 151-99 = 52 windows w = 0..51 summing bins w..w+99:
        //   w=0: {0,2,4} 3; w=1: {2,4} 2; w=2: {2,4,101} 3; w=3,4: {4,101} 2; w=5..50: {101} 1; w=51: {101,150} 2.
        //   Total 3+2+3+2+2+46+2 = 60.
        long[] totals = {400_000, 2_500_000, 3_500_000, 101_000_000, 150_000_000, 0};
        List<WeightedObservedPoint> pts = McpFitter.capacityWindows(totals);
        assertEquals(52, pts.size());
        double[] expected = new double[52];
        expected[0] = 3;
        expected[1] = 2;
        expected[2] = 3;
        expected[3] = 2;
        expected[4] = 2;
        for (int w = 5; w <= 50; w++) {
            expected[w] = 1;
        }
        expected[51] = 2;
        for (int w = 0; w < 52; w++) {
            assertEquals(w, pts.get(w).getX(), 0);
            assertEquals(expected[w] / 60, pts.get(w).getY(), 1e-15, "window " + w);
        }
    }

    @Test
    void pickByCumulativeCounts() {
        // counts 3, 1, 6 -> cumulative 3, 4, 10: r in [0,3) -> 0, r = 3 -> 1, r in [4,10) -> 2
        long[] cum = {3, 4, 10};
        assertEquals(0, McpGenerator.pick(cum, 0));
        assertEquals(0, McpGenerator.pick(cum, 2));
        assertEquals(1, McpGenerator.pick(cum, 3));
        assertEquals(2, McpGenerator.pick(cum, 4));
        assertEquals(2, McpGenerator.pick(cum, 9));
    }

    @Test
    void longHashSetAgainstJavaSet() {
        LongHashSet set = new LongHashSet(4);
        java.util.Set<Long> oracle = new java.util.HashSet<>();
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 20_000; i++) {
            long k = 1 + r.nextInt(5_000);
            assertEquals(oracle.add(k), set.add(k));
        }
        assertEquals(oracle.size(), set.size());
        for (long k = 1; k <= 6_000; k++) {
            assertEquals(oracle.contains(k), set.contains(k));
        }
        assertFalse(set.contains(-1));
        assertTrue(set.contains(oracle.iterator().next()));
    }
}
