package org.lnsim.engine.htlc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ExponentialChurnTest {
    /**
     * Toggles agree with the state: a node is online at T iff it was at 0 with an even number of toggles in between;
     * counts never decrease; and over 2,000 nodes with mean on + off period 1 s (offline share 0.25, mean offline
     * 0.25 s) the mean count over 10 s is close to 2 × 10 / 1 = 20 (Poisson-like; the bound is loose, about 10
     * standard errors of the mean).
     */
    @Test
    void togglesMatchTheStateAndTheRate() {
        int nodes = 2_000;
        ExponentialChurn atZero = new ExponentialChurn(nodes, 0.25, 250_000, 42);
        ExponentialChurn churn = new ExponentialChurn(nodes, 0.25, 250_000, 42);
        long total = 0;
        for (int n = 0; n < nodes; n++) {
            boolean start = atZero.isOnline(n, 0);
            long half = churn.toggles(n, 5_000_000);
            long full = churn.toggles(n, 10_000_000);
            assertTrue(full >= half);
            assertEquals(start ^ (full % 2 == 1), churn.isOnline(n, 10_000_000), "node " + n);
            total += full;
        }
        double mean = total / (double) nodes;
        assertTrue(mean > 19 && mean < 21, "mean toggles " + mean);
        assertEquals(0, NodeAvailability.ALWAYS_ONLINE.toggles(3, 10_000_000));
    }

    /**
     * nextOnlineUs: the time itself for an online node; for an offline one the end of its offline period, when it is
     * online again (a twin model asked at that time), after exactly one more toggle, and never earlier than asked.
     */
    @Test
    void nextOnlineIsTheEndOfTheOfflinePeriod() {
        ExponentialChurn churn = new ExponentialChurn(200, 0.3, 1_000_000, 7);
        ExponentialChurn twin = new ExponentialChurn(200, 0.3, 1_000_000, 7);
        int offline = 0;
        for (int n = 0; n < 200; n++) {
            long t = 5_000_000;
            long next = churn.nextOnlineUs(n, t);
            if (churn.isOnline(n, t)) {
                assertEquals(t, next);
                continue;
            }
            offline++;
            assertTrue(next > t);
            assertTrue(twin.isOnline(n, next), "node " + n);
            assertEquals(churn.toggles(n, t) + 1, twin.toggles(n, next));
        }
        assertTrue(offline > 20, "offline nodes at 5 s: " + offline); // ~60 of 200 expected
        assertEquals(Long.MAX_VALUE, ((NodeAvailability) (node, time) -> node != 1).nextOnlineUs(1, 0));
    }
}
