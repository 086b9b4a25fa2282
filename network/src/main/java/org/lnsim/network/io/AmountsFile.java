package org.lnsim.network.io;

import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.ZipException;
import org.lnsim.network.ChannelGraph;

/**
 * Reads the amounts of an empirical amount distribution ({@code workload.amount.file}): one amount in sat per line,
 * a decimal with up to 3 places kept exactly (0.001 sat is 1 msat; further places round half-even), blank lines and
 * lines starting with {@code #} skipped; gzip read transparently. Every amount must come to at least 1 msat and at
 * most the 21M BTC supply ({@link ChannelGraph#MAX_MSAT}), and the file must hold at least one.
 *
 * <p>Moved here from the experiment runner so that, like every file lnsim reads, it is parsed in this package with the
 * readers' error form (file, line, what is wrong), and fuzzed like them. Bounds are compared before any scaling: a
 * line such as {@code 1e99999999} used to make {@link BigDecimal#setScale} build a hundred-million-digit number, and
 * the run hung (found writing the fuzz test, issue 21).
 */
public final class AmountsFile {
    /** The supply in sat, the largest amount a line may give. */
    private static final BigDecimal MAX_SAT = BigDecimal.valueOf(ChannelGraph.MAX_CAPACITY_SAT);
    /** Half a msat: smaller amounts round to 0 msat. */
    private static final BigDecimal HALF_MSAT_IN_SAT = new BigDecimal("0.0005");

    /** Longest line read as a number: the supply with 3 decimals is 20 characters; room for zeros and exponents. */
    static final int MAX_LENGTH = 64;

    private AmountsFile() {
    }

    /** Every amount of {@code file} in msat, in file order; the first bad line stops the read with its number. */
    public static long[] read(Path file) throws IOException {
        long[] out = new long[64];
        int count = 0;
        int n = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Inputs.open(file),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                n++;
                String s = line.trim();
                if (s.isEmpty() || s.startsWith("#")) {
                    continue;
                }
                long msat = msat(s);
                if (msat < 0) {
                    throw new NetworkFormatException(file, "line " + n, "not an amount in sat from 0.001 to the 21M "
                            + "BTC supply (" + ChannelGraph.MAX_CAPACITY_SAT + "): '" + s + "'");
                }
                if (count == out.length) {
                    out = java.util.Arrays.copyOf(out, 2 * count);
                }
                out[count++] = msat;
            }
        } catch (ZipException | EOFException e) {
            throw new NetworkFormatException(file, "line " + (n + 1), "truncated or corrupt gzip data: "
                    + e.getMessage(), e);
        }
        if (count == 0) {
            throw new NetworkFormatException(file, null, "no amounts in the file");
        }
        return java.util.Arrays.copyOf(out, count);
    }

    /** {@code s} sat in msat, or −1 when it is not a number, rounds below 1 msat or is above the supply. */
    static long msat(String s) {
        if (s.length() > MAX_LENGTH) {
            return -1; // no amount needs it, and a megabyte of digits would be slow to scale
        }
        BigDecimal sat;
        try {
            sat = new BigDecimal(s);
        } catch (NumberFormatException e) {
            return -1;
        }
        // compareTo looks at the exponents first, so these are cheap however large or small the number
        if (sat.compareTo(HALF_MSAT_IN_SAT) <= 0 || sat.compareTo(MAX_SAT) > 0) {
            return -1;
        }
        return sat.movePointRight(3).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
    }
}
