package org.lnsim.results.sweep;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.lnsim.network.io.NetworkFormatException;
import org.lnsim.results.run.RunColumns;
import org.lnsim.results.run.RunOutputs;
import org.lnsim.results.run.RunSummary;
import org.lnsim.results.tables.CsvTable;

/**
 * What the sweep tables need of one unit's run folder, read by column name and checked: its {@code summary.csv} rows
 * (values as written and parsed), per protocol the success counts {@code payments.csv} gives (for the pooled Wilson
 * intervals) and the paired differences against {@code source}. The payments themselves are not kept, so a sweep of
 * many large runs holds one unit's payments at a time.
 */
final class UnitData {
    static final String PROTOCOL = RunColumns.Summary.PROTOCOL_NAME.csvName();
    static final String PAYMENTS = RunColumns.Summary.PAYMENTS.csvName();
    static final String SUCCESS_RATE = RunColumns.Summary.SUCCESS_RATE.csvName();
    private static final String ID = RunColumns.Payment.ID.csvName();
    private static final String IS_SUCCESS = RunColumns.Payment.IS_SUCCESS.csvName();
    private static final String AMOUNT = RunColumns.Payment.AMOUNT.csvName();

    /** Successes in trials, pooled into a Wilson interval. */
    record Count(long successes, long trials) {
    }

    /**
     * The paired differences d = success of the protocol − success of {@code source} over the m payments both saw:
     * their sum and the sum of their squares (d is −1, 0 or 1, so both are exact).
     */
    record Paired(long m, long sum, long sumSquares) {
        /** Their mean: the difference of the two success rates; NaN when there is no payment. */
        double mean() {
            return m == 0 ? Double.NaN : (double) sum / m;
        }
    }

    /**
     * One {@code summary.csv} row.
     *
     * @param text   metric to value as written (non-empty values only)
     * @param value  the same, parsed
     * @param counts for {@code success_rate} and each amount bucket with a value: its pooled count, when known
     * @param paired against {@code source}, when the unit has it and this is another protocol's row; else null
     */
    record Row(String protocol, Map<String, String> text, Map<String, Double> value, Map<String, Count> counts,
               Paired paired) {
    }

    final SweepUnit unit;
    /** The summary's metric columns (all but {@code protocol}), in file order. */
    final List<String> metrics;
    final List<Row> rows;

    private UnitData(SweepUnit unit, List<String> metrics, List<Row> rows) {
        this.unit = unit;
        this.metrics = metrics;
        this.rows = rows;
    }

    /** Per protocol of {@code payments.csv}: payment id to success, and the counts overall and by amount bucket. */
    private static final class Payments {
        final Map<String, Boolean> success = new LinkedHashMap<>();
        long ok;
        final Map<String, long[]> buckets = new HashMap<>(); // bucket column -> {successes, payments}
    }

    static UnitData read(SweepUnit unit) throws IOException {
        Path summaryFile = unit.dir().resolve(RunOutputs.SUMMARY_CSV);
        CsvTable summary = CsvTable.read(summaryFile);
        summary.column(PROTOCOL);
        List<String> metrics = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String c : summary.header()) {
            if (!seen.add(c)) {
                throw new NetworkFormatException(summaryFile, "line 1", "column '" + c + "' appears twice");
            }
            if (SweepTables.sweepColumn(c).isPresent()) {
                throw new NetworkFormatException(summaryFile, "line 1", "column '" + c + "' is the sweep's own");
            }
            if (!c.equals(PROTOCOL)) {
                metrics.add(c);
            }
        }
        if (summary.rowCount() == 0) {
            throw new NetworkFormatException(summaryFile, null, "no protocol rows");
        }
        Path paymentsFile = unit.dir().resolve(RunOutputs.PAYMENTS);
        Map<String, Payments> payments = readPayments(paymentsFile);
        Payments source = payments.get(SweepTables.SOURCE);
        boolean hasSource = false;
        Set<String> protocols = new HashSet<>();
        for (int r = 0; r < summary.rowCount(); r++) {
            String p = summary.get(r, PROTOCOL);
            if (!protocols.add(p)) {
                throw new NetworkFormatException(summaryFile, line(r), "protocol '" + p + "' has a second row");
            }
            hasSource |= p.equals(SweepTables.SOURCE);
        }
        for (String p : payments.keySet()) {
            if (!protocols.contains(p)) {
                throw new NetworkFormatException(paymentsFile, null, "protocol '" + p + "' has payments but no row "
                        + "in " + summaryFile.getFileName());
            }
        }
        List<Row> rows = new ArrayList<>();
        for (int r = 0; r < summary.rowCount(); r++) {
            String p = summary.get(r, PROTOCOL);
            Map<String, String> text = new LinkedHashMap<>();
            Map<String, Double> value = new HashMap<>();
            for (String m : metrics) {
                String s = summary.get(r, m);
                if (s.isEmpty()) {
                    continue;
                }
                double v;
                try {
                    v = Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    v = Double.NaN;
                }
                if (!Double.isFinite(v) || !s.equals(s.strip())) {
                    throw new NetworkFormatException(summaryFile, line(r) + " (protocol " + p + ")", "column '" + m
                            + "' is not a number: '" + s + "'");
                }
                text.put(m, s);
                value.put(m, v);
            }
            boolean bound = p.equals(RunSummary.BOUND_ROW);
            Payments own = payments.get(p);
            if (!bound && value.containsKey(PAYMENTS)) {
                long n = own == null ? 0 : own.success.size();
                if (value.get(PAYMENTS) != n) {
                    throw new NetworkFormatException(summaryFile, line(r) + " (protocol " + p + ")", "payments "
                            + text.get(PAYMENTS) + ", but " + paymentsFile.getFileName() + " has " + n
                            + " payments of it");
                }
            }
            Map<String, Count> counts = bound ? boundCounts(text, value, payments) : counts(text, own);
            Paired paired = null;
            if (hasSource && !bound && !p.equals(SweepTables.SOURCE)) {
                paired = paired(p, own, source, paymentsFile);
            }
            rows.add(new Row(p, text, value, counts, paired));
        }
        Path nodesFile = unit.dir().resolve(RunOutputs.NODES);
        if (java.nio.file.Files.isRegularFile(nodesFile)) {
            Map<String, long[]> busiest = busiest(nodesFile);
            metrics.add(SweepTables.BUSIEST_HTLC);
            metrics.add(SweepTables.BUSIEST_CONTROL);
            for (Row row : rows) {
                long[] b = busiest.get(row.protocol());
                if (b != null && !row.protocol().equals(RunSummary.BOUND_ROW)) {
                    row.text().put(SweepTables.BUSIEST_HTLC, Long.toString(b[0]));
                    row.value().put(SweepTables.BUSIEST_HTLC, (double) b[0]);
                    row.text().put(SweepTables.BUSIEST_CONTROL, Long.toString(b[1]));
                    row.value().put(SweepTables.BUSIEST_CONTROL, (double) b[1]);
                }
            }
        }
        return new UnitData(unit, List.copyOf(metrics), rows);
    }

    /**
     * Per protocol of {@code nodes.csv}: the most payment messages and the most control messages any one node sent
     * (the busiest node's load; its two maxima may be different nodes).
     */
    private static Map<String, long[]> busiest(Path nodesFile) throws IOException {
        CsvTable nodes = CsvTable.read(nodesFile);
        String protocol = RunColumns.Node.PROTOCOL_NAME.csvName();
        String htlc = RunColumns.Node.PAYMENT_MESSAGES.csvName();
        String control = RunColumns.Node.CONTROL_MESSAGES.csvName();
        Map<String, long[]> max = new LinkedHashMap<>();
        for (int r = 0; r < nodes.rowCount(); r++) {
            long[] m = max.computeIfAbsent(nodes.get(r, protocol), k -> new long[2]);
            try {
                m[0] = Math.max(m[0], Long.parseLong(nodes.get(r, htlc)));
                m[1] = Math.max(m[1], Long.parseLong(nodes.get(r, control)));
            } catch (NumberFormatException e) {
                throw new NetworkFormatException(nodesFile, line(r), "a message count is not a whole number");
            }
        }
        return max;
    }

    private static String line(int row) {
        return "line " + (row + 2);
    }

    /** A protocol's counts, recounted from {@code payments.csv} (exact, unlike payments × a rounded rate). */
    private static Map<String, Count> counts(Map<String, String> text, Payments own) {
        Map<String, Count> out = new HashMap<>();
        if (own == null) {
            return out;
        }
        if (text.containsKey(SUCCESS_RATE)) {
            out.put(SUCCESS_RATE, new Count(own.ok, own.success.size()));
        }
        for (String b : RunSummary.bucketColumns()) {
            long[] c = own.buckets.get(b);
            if (text.containsKey(b) && c != null) {
                out.put(b, new Count(c[0], c[1]));
            }
        }
        return out;
    }

    /**
     * The max-flow bound row's counts: no file says which payments were feasible, so the successes are recovered
     * from the printed rate over the payments ({@code payments} for the whole; for a bucket, its payments in
     * {@code payments.csv}, the same workload every protocol saw), and left unknown when the rate does not identify
     * them.
     */
    private static Map<String, Count> boundCounts(Map<String, String> text, Map<String, Double> value,
                                                  Map<String, Payments> payments) {
        Map<String, Count> out = new HashMap<>();
        Double n = value.get(PAYMENTS);
        if (text.containsKey(SUCCESS_RATE) && n != null && n == Math.rint(n) && n >= 1) {
            OptionalLong k = SweepStats.countFromRate(text.get(SUCCESS_RATE), n.longValue());
            k.ifPresent(x -> out.put(SUCCESS_RATE, new Count(x, n.longValue())));
        }
        Payments any = payments.isEmpty() ? null : payments.values().iterator().next();
        for (String b : RunSummary.bucketColumns()) {
            long[] c = any == null ? null : any.buckets.get(b);
            if (text.containsKey(b) && c != null) {
                SweepStats.countFromRate(text.get(b), c[1]).ifPresent(x -> out.put(b, new Count(x, c[1])));
            }
        }
        return out;
    }

    /** {@code protocol} against {@code source}, payment by payment; both must hold the same payment ids. */
    private static Paired paired(String protocol, Payments own, Payments source, Path file)
            throws NetworkFormatException {
        Map<String, Boolean> a = own == null ? Map.of() : own.success;
        Map<String, Boolean> s = source == null ? Map.of() : source.success;
        if (a.size() != s.size()) {
            throw new NetworkFormatException(file, null, "protocol '" + protocol + "' has " + a.size()
                    + " payments, " + SweepTables.SOURCE + " " + s.size() + ": they cannot be paired");
        }
        long sum = 0;
        long squares = 0;
        for (Map.Entry<String, Boolean> e : a.entrySet()) {
            Boolean base = s.get(e.getKey());
            if (base == null) {
                throw new NetworkFormatException(file, null, "payment id " + e.getKey() + " of protocol '"
                        + protocol + "' is not among " + SweepTables.SOURCE + "'s: they cannot be paired");
            }
            int d = (e.getValue() ? 1 : 0) - (base ? 1 : 0);
            sum += d;
            squares += (long) d * d;
        }
        return new Paired(a.size(), sum, squares);
    }

    private static Map<String, Payments> readPayments(Path file) throws IOException {
        CsvTable t = CsvTable.read(file);
        for (String c : List.of(ID, PROTOCOL, IS_SUCCESS, AMOUNT)) {
            t.column(c); // a missing column is an error naming the file and the columns there are
        }
        Map<String, Payments> out = new LinkedHashMap<>();
        for (int r = 0; r < t.rowCount(); r++) {
            String id = t.get(r, ID);
            String protocol = t.get(r, PROTOCOL);
            String success = t.get(r, IS_SUCCESS);
            String amount = t.get(r, AMOUNT);
            boolean ok;
            if (success.equals("1")) {
                ok = true;
            } else if (success.equals("0")) {
                ok = false;
            } else {
                throw new NetworkFormatException(file, line(r), "column '" + IS_SUCCESS + "' is not 0 or 1: '"
                        + success + "'");
            }
            long msat;
            try {
                msat = Long.parseLong(amount);
            } catch (NumberFormatException e) {
                msat = -1;
            }
            if (msat < 0) {
                throw new NetworkFormatException(file, line(r), "column '" + AMOUNT + "' is not an amount in msat: '"
                        + amount + "'");
            }
            Payments p = out.computeIfAbsent(protocol, x -> new Payments());
            if (p.success.put(id, ok) != null) {
                throw new NetworkFormatException(file, line(r), "payment id " + id + " of protocol '" + protocol
                        + "' appears twice");
            }
            long[] c = p.buckets.computeIfAbsent(RunSummary.bucketColumn(msat), x -> new long[2]);
            c[1]++;
            if (ok) {
                p.ok++;
                c[0]++;
            }
        }
        return out;
    }
}
