package org.lnsim.experiments;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The heap estimate a run is checked against before its payments are drawn (issue 21, defect 11). */
class MemoryEstimateTest {
    private static ExperimentSettings settings(String... overrides) throws Exception {
        return Configs.load(null, List.of(overrides)).settings();
    }

    /**
     * The quickstart (2 protocols) with 1,000 payments on 10,000 channels, 1 thread: 1,000 × (52 + 2 × 132) =
     * 316,000 bytes of payment records + 10,000 × 97 × 1 = 970,000 bytes of channel state = 1,286,000 bytes.
     */
    @Test
    void theEstimateIsPaymentRecordsPlusChannelState() throws Exception {
        MemoryEstimate m = MemoryEstimate.of(settings("workload.payments=1000"), 1000, 10_000, 1);
        assertEquals(1_286_000, m.bytes());
        assertDoesNotThrow(() -> m.check(1_286_000));
        assertThrows(ConfigException.class, () -> m.check(1_285_999));
        // two threads simulate both protocols at once: one more channel state, 970,000 bytes
        assertEquals(2_256_000, MemoryEstimate.of(settings(), 1000, 10_000, 2).bytes());
        // more threads than protocols add nothing
        assertEquals(2_256_000, MemoryEstimate.of(settings(), 1000, 10_000, 8).bytes());
    }

    /**
     * The run, 100,000,000 payments, against an injected 512 MiB heap: 100,000,000 × 316 + 10,000 × 97 =
     * 31,600,970,000 bytes = 29.4 GiB; 1.5 × that is 44.1 GiB, so -Xmx45g is suggested. Nothing is allocated.
     */
    @Test
    void aRunAboveTheHeapIsRefusedWithTheEstimateAndTheHeapToGive() throws Exception {
        ExperimentSettings s = settings("workload.payments=100000000");
        MemoryEstimate m = MemoryEstimate.of(s, MemoryEstimate.drawnPayments(s.workload()), 10_000, 1);
        assertEquals(31_600_970_000L, m.bytes());
        ConfigException e = assertThrows(ConfigException.class, () -> m.check(512L << 20));
        String msg = e.getMessage();
        assertTrue(msg.startsWith("workload.payments: 100,000,000 payments × 2 protocols on 10,000 channels need at "
                + "least 29.4 GiB of heap"), msg);
        assertTrue(msg.contains("more than the 512 MiB this JVM may use") && msg.contains("-Xmx45g"), msg);
    }

    /**
     * A duration that cuts the stream counts half the expected arrivals: 10/s for 100 s is 1,000 expected, 500
     * counted; without a duration, workload.payments; a trace counts 0 until it is read.
     */
    @Test
    void drawnPaymentsAreALowerBound() throws Exception {
        assertEquals(500, MemoryEstimate.drawnPayments(settings("workload.duration_s=100").workload()));
        assertEquals(5000, MemoryEstimate.drawnPayments(settings().workload()));
        assertEquals(0, MemoryEstimate.drawnPayments(settings("workload.trace=t.csv").workload()));
        assertEquals("workload.trace", MemoryEstimate.of(settings("workload.trace=t.csv"), 9, 9, 1).key());
    }

    /**
     * The README's largest runs are never refused under the heaps it gives them: ant on the 1M-channel network,
     * 10,000 payments, -Xmx1g: 10,000 × (52 + 132) + 1,000,000 × 97 = 98,840,000 bytes (94 MiB) against 1 GiB.
     */
    @Test
    void documentedRunsFit() throws Exception {
        MemoryEstimate ant = MemoryEstimate.of(settings("protocols=[ant]", "workload.payments=10000"), 10_000,
                1_000_000, 2);
        assertEquals(98_840_000, ant.bytes());
        assertDoesNotThrow(() -> ant.check(1L << 30));
    }
}
