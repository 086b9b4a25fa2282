package org.lnsim.results.tables;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.lnsim.network.io.NetworkFormatException;
import org.lnsim.results.run.RunColumns;
import org.lnsim.results.run.RunOutputs;
import org.lnsim.results.run.RunSummary;

/**
 * Does learning across payments pay off? The success of a sender's n-th payment as n grows (issue 20), per protocol,
 * read from {@code payments.csv}: a run folder's, or every unit's of a sweep folder (one table per cell, its
 * replications pooled).
 *
 * <p>A payment's n counts the payments its sender made before it, in arrival order (ids follow arrival), within one
 * run, plus one. Columns bin n in powers of two: 1, 2, 3–4, 5–8, 9–16, … Every protocol of a run replays the same
 * payments, so a column holds the same payments for every protocol; its n is in the header. Each cell is the success
 * share with its 95% Wilson interval; <em>gain</em> is the last column minus the first with its 95% Newcombe
 * interval ({@link RunSummary#newcombe}). A second table gives the attempts per payment in the same columns (mean ±
 * 1.96 standard errors): a router that learns may deliver the same payments with fewer attempts.
 *
 * <p>The gain is confounded with time: a sender's later payments also meet channels drained by everyone's earlier
 * ones. A protocol that learns nothing across payments ({@code source}, whose exclusions last one payment) measures
 * that drift, so a learning router pays off by as much as its gain exceeds {@code source}'s. Workloads with few
 * senders ({@code workload.endpoints.senders}) give the columns beyond n = 1 their payments.
 */
public final class LearningCurve {
    private LearningCurve() {
    }

    /** Column of the n-th payment (n ≥ 1): 0 for n = 1, then b for n in (2^(b−1), 2^b]. */
    static int bin(int n) {
        return n == 1 ? 0 : 64 - Long.numberOfLeadingZeros(n - 1);
    }

    /** The label of column b: "1", "2", "3–4", "5–8", … */
    static String label(int b) {
        if (b <= 1) {
            return Integer.toString(b + 1);
        }
        return ((1 << (b - 1)) + 1) + "–" + (1 << b);
    }

    /**
     * The tables of {@code dir}: a run folder (its {@code payments.csv}) or a sweep folder (its
     * {@code units/<cell>-r<k>/payments.csv}).
     */
    public static String markdown(Path dir) throws IOException {
        Map<String, List<Path>> groups = new TreeMap<>();
        if (Files.isRegularFile(dir.resolve(RunOutputs.PAYMENTS))) {
            groups.put("", List.of(dir.resolve(RunOutputs.PAYMENTS)));
        } else if (Files.isDirectory(dir.resolve("units"))) {
            try (Stream<Path> s = Files.list(dir.resolve("units"))) {
                for (Path u : s.filter(p -> p.getFileName().toString().matches("c\\d+-r\\d+")).sorted().toList()) {
                    groups.computeIfAbsent(u.getFileName().toString().replaceFirst("-r\\d+$", ""),
                            k -> new ArrayList<>()).add(u.resolve(RunOutputs.PAYMENTS));
                }
            }
        }
        if (groups.isEmpty()) {
            throw new NetworkFormatException(dir, null, "neither a run folder (payments.csv) nor a sweep folder "
                    + "(units/<cell>-r<k>/payments.csv)");
        }
        StringBuilder sb = new StringBuilder("Success of a sender's n-th payment (arrival order), by n; 95% Wilson "
                + "intervals. Gain = last column − first, with its 95% Newcombe interval; later payments also meet "
                + "channels drained by earlier ones, so a router learns by as much as its gain exceeds source's.\n");
        for (var g : groups.entrySet()) {
            Map<String, long[][]> counts = new LinkedHashMap<>(); // protocol -> bin -> {ok, n, Σ attempts, Σ a²}
            for (Path f : g.getValue()) {
                count(CsvTable.read(f), counts);
            }
            sb.append('\n');
            if (!g.getKey().isEmpty()) {
                sb.append("Cell ").append(g.getKey()).append(" (").append(g.getValue().size())
                        .append(" replication").append(g.getValue().size() == 1 ? "" : "s").append(" pooled)\n\n");
            }
            table(sb, counts, false);
            sb.append('\n');
            table(sb, counts, true);
        }
        return sb.toString();
    }

    /** Adds one run's payments to {@code counts}, numbering each sender's payments per protocol from 1. */
    static void count(CsvTable t, Map<String, long[][]> counts) throws NetworkFormatException {
        String id = RunColumns.Payment.ID.csvName();
        String sender = RunColumns.Payment.SENDER_ID.csvName();
        String protocol = RunColumns.Payment.PROTOCOL_NAME.csvName();
        String ok = RunColumns.Payment.IS_SUCCESS.csvName();
        String attempts = RunColumns.Payment.ATTEMPTS.csvName();
        Map<String, List<long[]>> rows = new LinkedHashMap<>(); // protocol -> {id, sender, success, attempts}
        for (int r = 0; r < t.rowCount(); r++) {
            rows.computeIfAbsent(t.get(r, protocol), k -> new ArrayList<>()).add(new long[] {
                    (long) t.number(r, id), (long) t.number(r, sender), t.number(r, ok) == 1 ? 1 : 0,
                    (long) t.number(r, attempts)});
        }
        for (var p : rows.entrySet()) {
            List<long[]> list = p.getValue();
            list.sort((a, b) -> Long.compare(a[0], b[0]));
            Map<Long, Integer> made = new HashMap<>();
            long[][] c = counts.computeIfAbsent(p.getKey(), k -> new long[32][4]);
            for (long[] row : list) {
                int n = made.merge(row[1], 1, Integer::sum);
                long[] cell = c[bin(n)];
                cell[0] += row[2];
                cell[1]++;
                cell[2] += row[3];
                cell[3] += row[3] * row[3];
            }
        }
    }

    /** The success table, or with {@code attempts} the attempts table, of one run or cell. */
    private static void table(StringBuilder sb, Map<String, long[][]> counts, boolean attempts) {
        int last = -1;
        long[] n = new long[32];
        for (long[][] c : counts.values()) {
            for (int b = 0; b < 32; b++) {
                if (c[b][1] > 0) {
                    last = Math.max(last, b);
                    n[b] = Math.max(n[b], c[b][1]);
                }
            }
        }
        sb.append(attempts ? "| attempts |" : "| success |");
        for (int b = 0; b <= last; b++) {
            sb.append(" n = ").append(label(b)).append(" (").append(n[b]).append(") |");
        }
        sb.append(attempts ? "\n|---|" : " gain [95%] |\n|---|");
        sb.append("---:|".repeat(last + 1)).append(attempts ? "\n" : "---|\n");
        for (var p : counts.entrySet()) {
            long[][] c = p.getValue();
            sb.append("| ").append(p.getKey()).append(" |");
            for (int b = 0; b <= last; b++) {
                if (c[b][1] == 0) {
                    sb.append(" |");
                    continue;
                }
                if (attempts) {
                    double mean = (double) c[b][2] / c[b][1];
                    if (c[b][1] < 2) {
                        sb.append(String.format(Locale.ROOT, " %.2f |", mean));
                        continue;
                    }
                    double var = (c[b][3] - c[b][1] * mean * mean) / (c[b][1] - 1);
                    sb.append(String.format(Locale.ROOT, " %.2f ± %.2f |", mean,
                            RunSummary.Z95 * Math.sqrt(Math.max(0, var) / c[b][1])));
                    continue;
                }
                double[] w = RunSummary.wilson(c[b][0], c[b][1]);
                sb.append(String.format(Locale.ROOT, " %.3f [%.3f, %.3f] |", (double) c[b][0] / c[b][1], w[0],
                        w[1]));
            }
            if (attempts) {
                sb.append('\n');
                continue;
            }
            if (last > 0 && c[0][1] > 0 && c[last][1] > 0) {
                double[] d = RunSummary.newcombe(c[0][0], c[0][1], c[last][0], c[last][1]);
                sb.append(String.format(Locale.ROOT, " %+.3f [%+.3f, %+.3f] |\n", d[0], d[1], d[2]));
            } else {
                sb.append(" |\n");
            }
        }
    }
}
