package org.lnsim.engine.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lnsim.engine.payment.PaymentRequest;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.TestGraphs;
import org.lnsim.network.io.ClothPaymentsTrace;

class WorkloadGeneratorTest {
    @Test
    void sameSeedSameWorkloadOtherSeedOther() {
        ChannelGraph g = TestGraphs.star();
        AmountDistribution amounts = new AmountDistribution.LogNormal(10_000_000, 1.0);
        List<PaymentRequest> a = WorkloadGenerator.poisson(g, 5, 500, Long.MAX_VALUE, amounts,
                new EndpointChoice.Uniform(), new SplittableRandom(3));
        List<PaymentRequest> b = WorkloadGenerator.poisson(g, 5, 500, Long.MAX_VALUE, amounts,
                new EndpointChoice.Uniform(), new SplittableRandom(3));
        List<PaymentRequest> c = WorkloadGenerator.poisson(g, 5, 500, Long.MAX_VALUE, amounts,
                new EndpointChoice.Uniform(), new SplittableRandom(4));
        assertEquals(a, b);
        assertNotEquals(a, c);
        long last = 0;
        for (int i = 0; i < a.size(); i++) {
            PaymentRequest p = a.get(i);
            assertEquals(i, p.id());
            assertTrue(p.arrivalUs() >= last);
            last = p.arrivalUs();
            assertTrue(g.degree(p.sender()) > 0 && g.degree(p.receiver()) > 0 && p.sender() != p.receiver());
        }
    }

    /**
     * Three senders among the star's four payable nodes: 600 payments come from exactly three distinct nodes, each
     * sending about 200 (binomial(600, 1/3): σ ≈ 11.5, so 140–260 is over 5 σ); receivers still range over all four.
     * {@code senders = 0} draws exactly the short form's workload; more senders than payable nodes is refused.
     */
    @Test
    void aFixedSetOfSendersSendsEveryPayment() {
        ChannelGraph g = TestGraphs.star();
        AmountDistribution amounts = new AmountDistribution.Fixed(1000);
        List<PaymentRequest> w = WorkloadGenerator.poisson(g, 5, 600, Long.MAX_VALUE, amounts,
                new EndpointChoice.Uniform(), 3, new SplittableRandom(7));
        java.util.Map<Integer, Long> bySender = w.stream().collect(java.util.stream.Collectors.groupingBy(
                PaymentRequest::sender, java.util.stream.Collectors.counting()));
        assertEquals(3, bySender.size());
        bySender.values().forEach(n -> assertTrue(n > 140 && n < 260, "payments of a sender: " + n));
        assertTrue(w.stream().map(PaymentRequest::receiver).distinct().count() > 3);
        assertEquals(WorkloadGenerator.poisson(g, 5, 600, Long.MAX_VALUE, amounts, new EndpointChoice.Uniform(),
                new SplittableRandom(7)), WorkloadGenerator.poisson(g, 5, 600, Long.MAX_VALUE, amounts,
                new EndpointChoice.Uniform(), 0, new SplittableRandom(7)));
        int payable = WorkloadGenerator.endpointCount(g);
        assertThrows(IllegalArgumentException.class, () -> WorkloadGenerator.poisson(g, 5, 10, Long.MAX_VALUE,
                amounts, new EndpointChoice.Uniform(), payable + 1, new SplittableRandom(7)));
    }

    /**
     * 20,000 arrivals at rate 4/s: the mean gap is 250 ms; its standard error is 250 ms / √20,000 ≈ 1.8 ms, so the
     * sample mean lies within 10 ms (5.6 σ) unless the generator is wrong. Duration 60 s cuts the list at ~240.
     */
    @Test
    void poissonArrivalsHaveTheRequestedRate() {
        ChannelGraph g = TestGraphs.star();
        List<PaymentRequest> w = WorkloadGenerator.poisson(g, 4, 20_000, Long.MAX_VALUE,
                new AmountDistribution.Fixed(1000), new EndpointChoice.Uniform(), new SplittableRandom(1));
        double meanGapUs = (double) w.get(w.size() - 1).arrivalUs() / w.size();
        assertEquals(250_000, meanGapUs, 10_000);
        List<PaymentRequest> cut = WorkloadGenerator.poisson(g, 4, 20_000, 60_000_000,
                new AmountDistribution.Fixed(1000), new EndpointChoice.Uniform(), new SplittableRandom(1));
        assertTrue(cut.get(cut.size() - 1).arrivalUs() <= 60_000_000);
        assertEquals(240, cut.size(), 50); // Poisson(240): σ ≈ 15.5
    }

    /**
     * Capacity-weighted senders: P(H) = 2,000,000 / 3,000,000 = 0.6667, P(L1) = 0.2, P(L2) = P(L3) = 0.0667; nodes 5
     * (no channel) and 6 (only disabled directions) never. Over 40,000 draws each share is within 0.02 (σ ≤ 0.0025).
     */
    @Test
    void capacityWeightedEndpointsFollowNodeCapacity() {
        ChannelGraph g = TestGraphs.star();
        List<PaymentRequest> w = WorkloadGenerator.poisson(g, 100, 40_000, Long.MAX_VALUE,
                new AmountDistribution.Fixed(1000), new EndpointChoice.CapacityWeighted(), new SplittableRandom(2));
        int[] senders = new int[g.nodeCount()];
        for (PaymentRequest p : w) {
            senders[p.sender()]++;
        }
        double[] expected = {2.0 / 3, 0.2, 1.0 / 15, 1.0 / 15, 0.0, 0.0};
        for (int v = 0; v < 6; v++) {
            assertEquals(expected[v], senders[v] / 40_000.0, 0.02, "node " + v);
        }
    }

    /**
     * Merchants, share 0.8 to the top-1 node (H). A leaf sender's receiver draw gives H with 0.8 + 0.2 × 1/4 = 0.85,
     * itself with 0.05 (redrawn) and another leaf with 0.10, so P(H | leaf sender) = 0.85 / 0.95 = 0.8947. About
     * 15,000 of 20,000 payments have a leaf sender: σ ≈ 0.0025, tolerance 0.015. H never pays itself.
     */
    @Test
    void merchantsReceiveTheirShare() {
        ChannelGraph g = TestGraphs.star();
        List<PaymentRequest> w = WorkloadGenerator.poisson(g, 100, 20_000, Long.MAX_VALUE,
                new AmountDistribution.Fixed(1000), new EndpointChoice.Merchants(0.8, 1), new SplittableRandom(2));
        long fromLeaves = w.stream().filter(p -> p.sender() != 0).count();
        long leafToHub = w.stream().filter(p -> p.sender() != 0 && p.receiver() == 0).count();
        assertEquals(0.85 / 0.95, (double) leafToHub / fromLeaves, 0.015);
        assertTrue(w.stream().noneMatch(p -> p.sender() == p.receiver()));
    }

    @Test
    void amountsAreDrawnAsSpecified() {
        SplittableRandom rng = new SplittableRandom(1);
        assertEquals(5, new AmountDistribution.Fixed(5).draw(rng));
        AmountDistribution.Empirical e = new AmountDistribution.Empirical(new long[] {7, 9});
        for (int i = 0; i < 100; i++) {
            long a = e.draw(rng);
            assertTrue(a == 7 || a == 9);
        }
        // log-normal: the median of 10,001 draws is near the configured median (σ = 0.5 → within 3%)
        AmountDistribution.LogNormal ln = new AmountDistribution.LogNormal(1_000_000, 0.5);
        long[] d = new long[10_001];
        for (int i = 0; i < d.length; i++) {
            d[i] = ln.draw(rng);
        }
        java.util.Arrays.sort(d);
        assertEquals(1_000_000, d[5_000], 30_000);
        assertThrows(IllegalArgumentException.class, () -> new AmountDistribution.Fixed(0));
        assertThrows(IllegalArgumentException.class, () -> new AmountDistribution.Empirical(new long[0]));
    }

    /** A trace keeps its order, sender, receiver, amount and start time; payments are numbered 0..n−1. */
    @Test
    void aTraceBecomesRequestsNumberedInOrder() {
        List<PaymentRequest> w = WorkloadGenerator.fromTrace(List.of(
                new ClothPaymentsTrace.Payment(1, 2, 100_000, 0),
                new ClothPaymentsTrace.Payment(0, 3, 5_000, 1_500_000)));
        assertEquals(List.of(new PaymentRequest(0, 1, 2, 100_000, 0), new PaymentRequest(1, 0, 3, 5_000, 1_500_000)), w);
    }
}
