package org.lnsim.network.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lnsim.network.ChannelGraph;

/** The amount-file reader: sat per line to msat, bounded, with the file and line named on a bad one. */
class AmountsFileTest {
    @TempDir
    Path dir;

    private Path write(String content) throws IOException {
        Path f = dir.resolve("amounts.txt");
        Files.writeString(f, content);
        return f;
    }

    /**
     * 1000 sat = 1,000,000 msat; 250.5 = 250,500; 0.001 = 1 (exact, not 0.999…); 0.0015 = 1.5 → 2 (half-even);
     * 0.0025 = 2.5 → 2; 1e5 = 100,000,000; the supply itself = 2.1 × 10^18 msat. Comments and blanks skipped.
     */
    @Test
    void amountsAreSatToMsat() throws IOException {
        assertArrayEquals(new long[] {1_000_000, 250_500, 1, 2, 2, 100_000_000, ChannelGraph.MAX_MSAT},
                AmountsFile.read(write("# sat\n1000\n250.5\n\n0.001\n0.0015\n0.0025\n1e5\n2100000000000000\n")));
    }

    /**
     * Refused with the file and line: a line that rounds to 0 msat (0.0005 sat = 0.5 msat, half-even to 0), a
     * negative, one sat above the supply, and a number whose exponent made the reader build a hundred-million-digit
     * number (it hung; now refused by comparing before scaling, as is its tiny counterpart).
     */
    @Test
    void amountsOutsideOneMsatToTheSupplyAreRefused() throws IOException {
        for (String bad : new String[] {"0.0005", "-3", "2100000000000001", "1e99999999", "1e-99999999", "12x",
            "1".repeat(100)}) {
            NetworkFormatException e = assertThrows(NetworkFormatException.class,
                    () -> AmountsFile.read(write("1000\n" + bad + "\n")), bad);
            assertTrue(e.getMessage().contains("amounts.txt, line 2"), e.getMessage());
            assertTrue(e.getMessage().length() < 1_000, e.getMessage());
        }
        NetworkFormatException e = assertThrows(NetworkFormatException.class,
                () -> AmountsFile.read(write("# nothing\n\n")));
        assertTrue(e.getMessage().contains("no amounts in the file"), e.getMessage());
    }

    @Test
    void theSmallestAmountIsOneMsat() {
        assertEquals(1, AmountsFile.msat("0.0006"));
        assertEquals(-1, AmountsFile.msat("0.0005"));
    }
}
