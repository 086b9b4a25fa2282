package org.lnsim.results.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lnsim.network.io.NetworkFormatException;

class LearningCurveTest {
    /** n = 1 → column 0, 2 → 1, 3–4 → 2, 5–8 → 3, 9–16 → 4. */
    @Test
    void binsDoubleInWidth() {
        int[] n = {1, 2, 3, 4, 5, 8, 9, 16, 17};
        int[] b = {0, 1, 2, 2, 3, 3, 4, 4, 5};
        for (int i = 0; i < n.length; i++) {
            assertEquals(b[i], LearningCurve.bin(n[i]), "n = " + n[i]);
        }
        assertEquals("1", LearningCurve.label(0));
        assertEquals("2", LearningCurve.label(1));
        assertEquals("3–4", LearningCurve.label(2));
        assertEquals("9–16", LearningCurve.label(4));
    }

    /**
     * Two senders, 7 and 9, each paying four times, rows written out of id order (and protocol blocks as a run
     * writes them). lnd: sender 7's payments 0, 2, 4, 6 fail, succeed, succeed, succeed; sender 9's 1, 3, 5, 7 fail,
     * fail, succeed, succeed. n = 1: payments 0, 1, both failed: 0/2. n = 2: payments 2 (ok), 3 (failed): 1/2.
     * n = 3–4: payments 4, 5, 6, 7, all ok: 4/4. Gain 1.000 − 0.000 = +1.000. source fails everything but payment
     * 6 (n = 4 of sender 7): 0/2, 0/2, 1/4, gain +0.250.
     */
    @Test
    void numbersEachSendersPaymentsInArrivalOrder(@TempDir Path dir) throws IOException {
        String rows = "protocol,id,sender_id,is_success,attempts\n"
                + "lnd,1,9,0,3\nlnd,0,7,0,5\nlnd,2,7,1,2\nlnd,3,9,0,1\nlnd,5,9,1,1\nlnd,4,7,1,1\nlnd,6,7,1,1\n"
                + "lnd,7,9,1,1\n"
                + "source,0,7,0,1\nsource,1,9,0,1\nsource,2,7,0,1\nsource,3,9,0,1\nsource,4,7,0,1\n"
                + "source,5,9,0,1\nsource,6,7,1,1\nsource,7,9,0,1\n";
        Files.writeString(dir.resolve("payments.csv"), rows);
        String md = LearningCurve.markdown(dir);
        assertTrue(md.contains("| success | n = 1 (2) | n = 2 (2) | n = 3–4 (4) | gain [95%] |"), md);
        assertTrue(md.contains("| lnd | 0.000 ["), md);
        // attempts of lnd: n = 1 took 5 and 3 (mean 4, s² = 2, half-width 1.96 × √(2/2) = 1.96); n = 2 took 2 and
        // 1 (1.5, s² = 0.5, 1.96 × 0.5 = 0.98); n = 3–4 one each (1.00 ± 0.00)
        assertTrue(md.contains("| attempts | n = 1 (2) | n = 2 (2) | n = 3–4 (4) |"), md);
        assertTrue(md.contains("| lnd | 4.00 ± 1.96 | 1.50 ± 0.98 | 1.00 ± 0.00 |"), md);
        String lnd = md.lines().filter(l -> l.startsWith("| lnd |")).findFirst().orElseThrow();
        assertTrue(lnd.contains("| 0.500 [") && lnd.contains("| 1.000 [") && lnd.contains("| +1.000 ["), lnd);
        String source = md.lines().filter(l -> l.startsWith("| source |")).findFirst().orElseThrow();
        assertTrue(source.contains("| 0.250 [") && source.contains("| +0.250 ["), source);
        assertThrows(NetworkFormatException.class, () -> LearningCurve.markdown(dir.resolve("nothing")));
    }

    /** A sweep's cells get a table each, their replications pooled (each replication numbering its own senders). */
    @Test
    void poolsASweepsReplicationsPerCell(@TempDir Path dir) throws IOException {
        for (String u : new String[] {"c00-r0", "c00-r1"}) {
            Files.createDirectories(dir.resolve("units/" + u));
            Files.writeString(dir.resolve("units/" + u + "/payments.csv"),
                    "protocol,id,sender_id,is_success,attempts\nsource,0,3,0,1\nsource,1,3,1,1\n");
        }
        String md = LearningCurve.markdown(dir);
        assertTrue(md.contains("Cell c00 (2 replications pooled)"), md);
        // each replication: n = 1 failed, n = 2 succeeded; pooled 0/2 and 2/2
        assertTrue(md.contains("| success | n = 1 (2) | n = 2 (2) | gain [95%] |"), md);
        assertTrue(md.contains("| source | 0.000 [") && md.contains("| 1.000 [") && md.contains("| +1.000 ["), md);
    }
}
