package org.lnsim.results.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.lnsim.network.io.NetworkFormatException;
import org.lnsim.results.run.RunColumns;
import org.lnsim.results.run.RunOutputs;
import org.lnsim.results.tables.CsvTable;

/**
 * Is a sweep's window stationary? Per cell and protocol, the success rate of the first half of every unit's payments
 * (in arrival order: payment ids follow arrival) against the second half, pooled over the cell's replications, with
 * the difference and its 95% interval (Newcombe's hybrid score interval for a difference of two independent
 * proportions, from the two halves' Wilson intervals: Newcombe 1998, Statistics in Medicine 17, method 10). A run
 * that drains liquidity shows a negative difference whose interval excludes 0 (marked); issue 18 asks the headline
 * to say whether its window is stationary. For windows of a fixed number of payments within one run, see a run's
 * {@code windows.csv}; this table serves sweeps whose runs are too short for several windows.
 */
public final class SweepHalves {
    private SweepHalves() {
    }

    /** The table over {@code sweepDir/units/<cell>-r<k>/payments.csv}, cells and protocols in name order. */
    public static String markdown(Path sweepDir) throws IOException {
        Path units = sweepDir.resolve("units");
        if (!Files.isDirectory(units)) {
            throw new NetworkFormatException(sweepDir, null, "not a sweep folder: no units/ (lnsim sweep --out DIR)");
        }
        List<Path> dirs;
        try (Stream<Path> s = Files.list(units)) {
            dirs = s.filter(p -> p.getFileName().toString().matches("c\\d+-r\\d+")).sorted().toList();
        }
        // cell -> protocol -> {first successes, first n, second successes, second n}
        Map<String, Map<String, long[]>> acc = new TreeMap<>();
        String id = RunColumns.Payment.ID.csvName();
        String protocol = RunColumns.Payment.PROTOCOL_NAME.csvName();
        String ok = RunColumns.Payment.IS_SUCCESS.csvName();
        for (Path u : dirs) {
            String cell = u.getFileName().toString().replaceFirst("-r\\d+$", "");
            CsvTable t = CsvTable.read(u.resolve(RunOutputs.PAYMENTS));
            Map<String, long[]> ids = new TreeMap<>(); // protocol -> {min id, max id}
            for (int r = 0; r < t.rowCount(); r++) {
                long i = (long) t.number(r, id);
                ids.computeIfAbsent(t.get(r, protocol), k -> new long[] {Long.MAX_VALUE, Long.MIN_VALUE});
                long[] m = ids.get(t.get(r, protocol));
                m[0] = Math.min(m[0], i);
                m[1] = Math.max(m[1], i);
            }
            for (int r = 0; r < t.rowCount(); r++) {
                String p = t.get(r, protocol);
                long[] m = ids.get(p);
                boolean second = t.number(r, id) > (m[0] + m[1]) / 2.0; // ids 0..199: 0..99 first, 100..199 second
                long[] a = acc.computeIfAbsent(cell, k -> new TreeMap<>()).computeIfAbsent(p, k -> new long[4]);
                a[second ? 2 : 0] += t.number(r, ok) == 1 ? 1 : 0;
                a[second ? 3 : 1]++;
            }
        }
        StringBuilder sb = new StringBuilder("Success of the first and the second half of each run's payments (arrival "
                + "order), pooled over the cell's replications; difference = second − first with its 95% Newcombe "
                + "interval; ** where the interval excludes 0 (not stationary).\n\n"
                + "| cell | protocol | first half | n | second half | n | difference [95%] |\n"
                + "|---|---|---:|---:|---:|---:|---|\n");
        for (var c : acc.entrySet()) {
            for (var p : c.getValue().entrySet()) {
                long[] a = p.getValue();
                if (a[1] == 0 || a[3] == 0) {
                    continue;
                }
                double[] d = difference(a[0], a[1], a[2], a[3]);
                boolean moved = d[1] > 0 || d[2] < 0;
                sb.append(String.format(Locale.ROOT, "| %s | %s | %.3f | %d | %.3f | %d | %+.3f [%+.3f, %+.3f]%s |\n",
                        c.getKey(), p.getKey(), (double) a[0] / a[1], a[1], (double) a[2] / a[3], a[3], d[0], d[1],
                        d[2], moved ? " **" : ""));
            }
        }
        return sb.toString();
    }

    /** p2 − p1 with its 95% Newcombe interval ({@link org.lnsim.results.run.RunSummary#newcombe}). */
    static double[] difference(long k1, long n1, long k2, long n2) {
        return org.lnsim.results.run.RunSummary.newcombe(k1, n1, k2, n2);
    }
}
