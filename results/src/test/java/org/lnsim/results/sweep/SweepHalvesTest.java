package org.lnsim.results.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lnsim.network.io.NetworkFormatException;

class SweepHalvesTest {
    /**
     * Newcombe (1998), example (a): 56/70 against 48/80, difference 0.2000; his method 10 (hybrid score) gives
     * [0.0524, 0.3339].
     */
    @Test
    void newcombesWorkedExample() {
        double[] d = SweepHalves.difference(48, 80, 56, 70);
        assertEquals(0.2, d[0], 1e-12);
        assertEquals(0.0524, d[1], 5e-5);
        assertEquals(0.3339, d[2], 5e-5);
    }

    private static void unit(Path dir, String protocol, int... success) throws IOException {
        List<String> lines = new ArrayList<>(List.of("protocol,id,is_success"));
        for (int i = 0; i < success.length; i++) {
            lines.add(protocol + "," + i + "," + success[i]);
        }
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("payments.csv"), String.join("\n", lines) + "\n");
    }

    /**
     * Two replications of 4 payments: r0 succeeds 1,1 | 0,0 and r1 1,1 | 1,0, so the first halves pool 4 of 4 and
     * the second 1 of 4: difference −0.75, whose interval excludes 0 (marked); cell c01 is even (1 of 2 each).
     */
    @Test
    void poolsHalvesOverReplicationsAndMarksMovement(@TempDir Path dir) throws IOException {
        unit(dir.resolve("units/c00-r0"), "source", 1, 1, 0, 0);
        unit(dir.resolve("units/c00-r1"), "source", 1, 1, 1, 0);
        unit(dir.resolve("units/c01-r0"), "source", 1, 0, 0, 1);
        String md = SweepHalves.markdown(dir);
        assertTrue(md.contains("| c00 | source | 1.000 | 4 | 0.250 | 4 | -0.750 ["), md);
        assertTrue(md.lines().filter(l -> l.startsWith("| c00")).findFirst().orElseThrow().endsWith(" ** |"), md);
        assertTrue(md.contains("| c01 | source | 0.500 | 2 | 0.500 | 2 | +0.000 ["), md);
        assertTrue(!md.lines().filter(l -> l.startsWith("| c01")).findFirst().orElseThrow().contains("**"), md);
        assertThrows(NetworkFormatException.class, () -> SweepHalves.markdown(dir.resolve("units")));
    }
}
