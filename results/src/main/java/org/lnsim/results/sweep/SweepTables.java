package org.lnsim.results.sweep;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lnsim.engine.payment.ColumnDoc;
import org.lnsim.network.io.AtomicOutput;
import org.lnsim.results.CsvField;
import org.lnsim.results.run.RunColumns;
import org.lnsim.results.run.RunSummary;

/**
 * The sweep-level tables, written from the units' run folders: {@value #RESULTS_CSV} (every summary row of every
 * unit, long form), {@value #AGGREGATE_CSV} (per cell, protocol and metric: mean, sd and 95% intervals) and
 * {@value #AGGREGATE_MD} (the same, readable, with a glossary). Each unit's {@code summary.csv} and
 * {@code payments.csv} are read by column name ({@link org.lnsim.results.tables.CsvTable}).
 *
 * <p>The statistics, per cell × protocol × metric over the n replications with a value:
 * <ul>
 *   <li>{@code mean}; {@code sd}, the sample standard deviation (n − 1); {@code ci95_low/high}, the Student t
 *       interval mean ± t(0.975, n − 1)·sd/√n (commons-math3 {@code TDistribution}) — replications as independent
 *       draws of the cell; sd and the interval are empty when n &lt; 2;</li>
 *   <li>{@code wilson_low/high}, only for {@code success_rate} and the amount buckets ({@code success_*_sat}): the
 *       95% Wilson score interval of the successes pooled over the n replications' payments (z =
 *       {@value SweepStats#Z95}), counted from {@code payments.csv} ({@code is_success}, and {@code amount} in msat
 *       for the buckets, whose bounds are {@link RunSummary#bucketColumn}'s); for the {@value RunSummary#BOUND_ROW}
 *       row, whose per-payment feasibility no file holds, the successes are recovered from the printed rate and the
 *       interval is left empty when the rate does not identify them (4 decimals do up to about 10,000 payments);</li>
 *   <li>{@value #SUCCESS_DIFF}, for every protocol but {@value #SOURCE} and the bound row of a unit that has
 *       {@value #SOURCE}: the success rate of the protocol minus that of {@value #SOURCE} over the same payments,
 *       paired by {@code id} (every scheme of a run sees the same payments); a metric like the others in
 *       {@value #AGGREGATE_CSV}, where it alone has {@code paired_low/high}: mean(d) ± t(0.975, m − 1)·sd(d)/√m over
 *       the m per-payment differences d ∈ {−1, 0, 1} pooled across the replications, which treats payments as
 *       independent (they share their replication's network and balances, so it is narrower than the interval
 *       over replications); empty when m &lt; 2;</li>
 *   <li>{@value #BUSIEST_HTLC} and {@value #BUSIEST_CONTROL}, when the unit has {@code nodes.csv}: the busiest
 *       node's load, the most HTLC (resp. control) messages one node sent in the run, per protocol (issue 18: the
 *       headline reports it; a scheme that funnels payments through few hubs shows it here, not in the means).</li>
 * </ul>
 * Computed numbers are printed with {@value SweepStats#DIGITS} significant digits, ties to even, from the exact
 * binary value, without exponent or trailing zeros ({@code 0.9}, {@code 0.248414}, {@code 3250000}); values copied
 * from {@code summary.csv} into {@value #RESULTS_CSV} keep their text. The mean of {@value #SUCCESS_DIFF} is taken
 * over the unrounded per-replication differences.
 *
 * <p>Errors: a unit folder that is wrong — a missing or unreadable {@code summary.csv} or {@code payments.csv}, a
 * missing column, a metric that is not a finite number, {@code is_success} other than 0/1, a protocol whose
 * {@code payments} disagrees with its rows in {@code payments.csv}, payments that cannot be paired with
 * {@value #SOURCE}'s — is a {@link org.lnsim.network.io.NetworkFormatException} (an {@link IOException}; exit 2 at the
 * CLI) naming the file and the line, row or column. Arguments that do not fit together (a unit of an unknown cell,
 * a replication given twice, a cell whose axes are not the axis keys, an axis key that is also a column name) are an
 * {@link IllegalArgumentException}. Every unit is read before anything is written, and each file is written to a
 * temporary sibling and renamed into place ({@link AtomicOutput}), so a failure leaves no half-written table.
 */
public final class SweepTables {
    public static final String RESULTS_CSV = "results.csv";
    public static final String AGGREGATE_CSV = "aggregate.csv";
    public static final String AGGREGATE_MD = "aggregate.md";
    /** The paired-comparison metric. */
    public static final String SUCCESS_DIFF = "success_diff_vs_source";
    /** The sweep's own metric from nodes.csv: the most HTLC messages one node sent in the run. */
    public static final String BUSIEST_HTLC = "busiest_node_htlc_messages";
    /** The sweep's own metric from nodes.csv: the most control messages one node sent in the run. */
    public static final String BUSIEST_CONTROL = "busiest_node_control_messages";
    /** Display name of the protocol every other is compared with. */
    public static final String SOURCE = "source";

    private static final String CELL = "cell";
    private static final String REPLICATION = "replication";
    private static final String SEED = "seed";
    private static final String METRIC = "metric";
    private static final List<String> STAT_COLUMNS = List.of("n", "mean", "sd", "ci95_low", "ci95_high",
            "wilson_low", "wilson_high", "paired_low", "paired_high");

    private SweepTables() {
    }

    /**
     * As {@link #write(Path, List, List, List, List)} without the protocols' column declarations: the glossary then
     * says "(not documented)" for the protocols' own {@code <column>_mean} columns.
     */
    public static void write(Path outDir, List<String> axisKeys, List<SweepCell> cells, List<SweepUnit> units)
            throws IOException {
        write(outDir, axisKeys, cells, units, List.of());
    }

    /**
     * Reads every unit's files and writes {@value #RESULTS_CSV}, {@value #AGGREGATE_CSV} and {@value #AGGREGATE_MD}
     * into {@code outDir} (created if missing), each to a temporary name then renamed. The output is a pure function
     * of the arguments and the units' files: the same inputs give byte-identical tables.
     *
     * @param axisKeys        the sweep's axes, in order; every cell's axes have exactly these keys in this order
     * @param cells           the cells, in table order
     * @param units           the units, cell then replication order (they are put in that order if they are not)
     * @param protocolColumns the protocols' own columns (as for {@code COLUMNS.md}), for the glossary
     * @throws org.lnsim.network.io.NetworkFormatException a unit's files are wrong (named with the line or column)
     * @throws IllegalArgumentException                    the arguments do not fit together
     */
    public static void write(Path outDir, List<String> axisKeys, List<SweepCell> cells, List<SweepUnit> units,
                             List<RunColumns.ProtocolColumns> protocolColumns) throws IOException {
        Map<String, Integer> cellIndex = checkArguments(axisKeys, cells, units);
        List<SweepUnit> ordered = new ArrayList<>(units);
        ordered.sort((a, b) -> a.cell().equals(b.cell()) ? Integer.compare(a.replication(), b.replication())
                : Integer.compare(cellIndex.get(a.cell()), cellIndex.get(b.cell())));
        List<UnitData> data = new ArrayList<>();
        LinkedHashSet<String> union = new LinkedHashSet<>();
        for (SweepUnit u : ordered) {
            UnitData d = UnitData.read(u);
            data.add(d);
            union.addAll(d.metrics);
        }
        for (String k : axisKeys) {
            if (union.contains(k)) {
                throw new IllegalArgumentException("axis key '" + k + "' is also a summary column");
            }
        }
        List<String> metrics = new ArrayList<>(union);
        metrics.add(SUCCESS_DIFF);
        Map<String, List<UnitData>> byCell = new HashMap<>();
        for (UnitData d : data) {
            byCell.computeIfAbsent(d.unit.cell(), c -> new ArrayList<>()).add(d);
        }
        // a run's own interval bounds (the buckets' Wilson columns) are not quantities to average over replications:
        // the sweep gives its own intervals for the rates they belong to
        List<String> averaged = metrics.stream().filter(m -> !m.endsWith("_wilson_low") && !m.endsWith("_wilson_high"))
                .toList();
        List<Aggregate> aggregates = new ArrayList<>();
        for (SweepCell c : cells) {
            aggregates.addAll(aggregate(c, byCell.getOrDefault(c.id(), List.of()), averaged));
        }
        String results = resultsCsv(axisKeys, cells, cellIndex, data, metrics);
        String aggregateCsv = aggregateCsv(axisKeys, cells, cellIndex, aggregates);
        String md = markdown(outDir, axisKeys, cells, byCell, aggregates, averaged, protocolColumns);
        writeText(outDir.resolve(RESULTS_CSV), results);
        writeText(outDir.resolve(AGGREGATE_CSV), aggregateCsv);
        writeText(outDir.resolve(AGGREGATE_MD), md);
    }

    /**
     * A computed number as the sweep tables print it (exact binary value rounded half to even, no exponent, no
     * trailing zeros, NaN empty), with {@code digits} significant digits: for tables built from aggregate.csv.
     */
    public static String significant(double x, int digits) {
        return SweepStats.format(x, digits);
    }

    /**
     * The definition of a metric the sweep adds to the summary's ({@value #SUCCESS_DIFF} and the busiest node's
     * load from nodes.csv), or empty for any other name.
     */
    public static java.util.Optional<ColumnDoc> sweepColumn(String name) {
        return java.util.Optional.ofNullable(switch (name) {
            case SUCCESS_DIFF -> new ColumnDoc(SUCCESS_DIFF, "share", "success rate of the protocol minus that of `"
                    + SOURCE + "` in the same unit, over the same payments paired by id (every scheme of a run sees "
                    + "the same payments); empty for `" + SOURCE + "`, the " + RunSummary.BOUND_ROW + " row and units "
                    + "without `" + SOURCE + "`");
            case BUSIEST_HTLC -> new ColumnDoc(BUSIEST_HTLC, "count", "the busiest node's HTLC load: the most "
                    + "update_add_htlc, update_fulfill_htlc and update_fail_htlc messages one node sent over the run "
                    + "(nodes.csv payment_messages, max over nodes)");
            case BUSIEST_CONTROL -> new ColumnDoc(BUSIEST_CONTROL, "count", "the most control messages of the "
                    + "protocol one node sent over the run, set-up and payments (nodes.csv control_messages, max over "
                    + "nodes; may be another node than the HTLC maximum)");
            default -> null;
        });
    }

    /** The cells' positions by id, after checking that cells, axes and units fit together. */
    private static Map<String, Integer> checkArguments(List<String> axisKeys, List<SweepCell> cells,
                                                       List<SweepUnit> units) {
        Set<String> reserved = Set.of(CELL, REPLICATION, SEED, UnitData.PROTOCOL, METRIC, SUCCESS_DIFF, BUSIEST_HTLC,
                BUSIEST_CONTROL);
        Set<String> keys = new HashSet<>();
        for (String k : axisKeys) {
            if (!keys.add(k) || reserved.contains(k) || STAT_COLUMNS.contains(k)) {
                throw new IllegalArgumentException("axis key '" + k + "' is given twice or is a column name of the "
                        + "sweep tables");
            }
        }
        Map<String, Integer> index = new LinkedHashMap<>();
        for (SweepCell c : cells) {
            if (index.putIfAbsent(c.id(), index.size()) != null) {
                throw new IllegalArgumentException("cell '" + c.id() + "' is given twice");
            }
            if (!List.copyOf(c.axes().keySet()).equals(axisKeys)) {
                throw new IllegalArgumentException("cell '" + c.id() + "' has axes " + c.axes().keySet()
                        + ", the sweep's are " + axisKeys);
            }
        }
        Set<String> seen = new HashSet<>();
        for (SweepUnit u : units) {
            if (!index.containsKey(u.cell())) {
                throw new IllegalArgumentException("unit " + u.dir() + " is of cell '" + u.cell()
                        + "', which is not among the cells " + index.keySet());
            }
            if (!seen.add(u.cell() + "\n" + u.replication())) {
                throw new IllegalArgumentException("cell '" + u.cell() + "' replication " + u.replication()
                        + " is given twice");
            }
        }
        return index;
    }

    /** One row of {@value #AGGREGATE_CSV}; NaN where a statistic is empty. */
    record Aggregate(String cell, String protocol, String metric, int n, double mean, double sd, double low,
                     double high, double wilsonLow, double wilsonHigh, double pairedLow, double pairedHigh) {
        /** The t interval's half-width; NaN when n &lt; 2. */
        double halfWidth() {
            return high - mean;
        }
    }

    private static boolean wilsonMetric(String metric) {
        return metric.equals(UnitData.SUCCESS_RATE) || RunSummary.bucketColumns().contains(metric);
    }

    /** A cell's rows: protocols in order of first appearance in its units, metrics in column order. */
    private static List<Aggregate> aggregate(SweepCell cell, List<UnitData> units, List<String> metrics) {
        LinkedHashSet<String> protocols = new LinkedHashSet<>();
        List<Map<String, UnitData.Row>> rows = new ArrayList<>();
        for (UnitData u : units) {
            Map<String, UnitData.Row> byProtocol = new HashMap<>();
            for (UnitData.Row r : u.rows) {
                protocols.add(r.protocol());
                byProtocol.put(r.protocol(), r);
            }
            rows.add(byProtocol);
        }
        List<Aggregate> out = new ArrayList<>();
        for (String p : protocols) {
            for (String metric : metrics) {
                boolean diff = metric.equals(SUCCESS_DIFF);
                boolean wilson = wilsonMetric(metric);
                List<Double> values = new ArrayList<>();
                long successes = 0;
                long trials = 0;
                boolean counted = true;
                long m = 0;
                long sum = 0;
                long squares = 0;
                for (Map<String, UnitData.Row> byProtocol : rows) {
                    UnitData.Row r = byProtocol.get(p);
                    if (r == null) {
                        continue;
                    }
                    Double v = diff ? (r.paired() == null || r.paired().m() == 0 ? null : r.paired().mean())
                            : r.value().get(metric);
                    if (v == null) {
                        continue;
                    }
                    values.add(v);
                    if (wilson) {
                        UnitData.Count c = r.counts().get(metric);
                        if (c == null) {
                            counted = false;
                        } else {
                            successes += c.successes();
                            trials += c.trials();
                        }
                    }
                    if (diff) {
                        m += r.paired().m();
                        sum += r.paired().sum();
                        squares += r.paired().sumSquares();
                    }
                }
                if (values.isEmpty()) {
                    continue;
                }
                int n = values.size();
                double total = 0;
                for (double v : values) {
                    total += v;
                }
                double mean = total / n;
                double sd = Double.NaN;
                double half = Double.NaN;
                if (n >= 2) {
                    double squared = 0;
                    for (double v : values) {
                        squared += (v - mean) * (v - mean);
                    }
                    sd = Math.sqrt(squared / (n - 1));
                    half = SweepStats.t975(n - 1) * sd / Math.sqrt(n);
                }
                double[] w = {Double.NaN, Double.NaN};
                if (wilson && counted && trials >= 1) {
                    w = SweepStats.wilson(successes, trials);
                }
                double[] paired = {Double.NaN, Double.NaN};
                if (diff && m >= 2) {
                    double pm = (double) sum / m;
                    double variance = Math.max(0, (double) (m * squares - sum * sum) / ((double) m * (m - 1)));
                    double ph = SweepStats.t975(m - 1) * Math.sqrt(variance) / Math.sqrt(m);
                    paired = new double[] {pm - ph, pm + ph};
                }
                out.add(new Aggregate(cell.id(), p, metric, n, mean, sd, mean - half, mean + half, w[0], w[1],
                        paired[0], paired[1]));
            }
        }
        return out;
    }

    private static void cellColumns(StringBuilder sb, SweepCell c) {
        sb.append(CsvField.of(c.id()));
        for (String v : c.axes().values()) {
            sb.append(',').append(CsvField.of(v));
        }
    }

    private static void header(StringBuilder sb, List<String> axisKeys) {
        sb.append(CELL);
        for (String k : axisKeys) {
            sb.append(',').append(CsvField.of(k));
        }
    }

    private static String resultsCsv(List<String> axisKeys, List<SweepCell> cells, Map<String, Integer> cellIndex,
                                     List<UnitData> data, List<String> metrics) {
        StringBuilder sb = new StringBuilder();
        header(sb, axisKeys);
        sb.append(',').append(REPLICATION).append(',').append(SEED).append(',').append(UnitData.PROTOCOL);
        for (String m : metrics) {
            sb.append(',').append(CsvField.of(m));
        }
        sb.append('\n');
        for (UnitData d : data) {
            SweepCell c = cells.get(cellIndex.get(d.unit.cell()));
            for (UnitData.Row r : d.rows) {
                cellColumns(sb, c);
                sb.append(',').append(d.unit.replication()).append(',').append(d.unit.seed()).append(',')
                        .append(CsvField.of(r.protocol()));
                for (String m : metrics) {
                    sb.append(',');
                    if (m.equals(SUCCESS_DIFF)) {
                        sb.append(r.paired() == null ? "" : SweepStats.format(r.paired().mean()));
                    } else {
                        sb.append(CsvField.of(r.text().getOrDefault(m, "")));
                    }
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    private static String aggregateCsv(List<String> axisKeys, List<SweepCell> cells, Map<String, Integer> cellIndex,
                                       List<Aggregate> aggregates) {
        StringBuilder sb = new StringBuilder();
        header(sb, axisKeys);
        sb.append(',').append(UnitData.PROTOCOL).append(',').append(METRIC);
        for (String s : STAT_COLUMNS) {
            sb.append(',').append(s);
        }
        sb.append('\n');
        for (Aggregate a : aggregates) {
            cellColumns(sb, cells.get(cellIndex.get(a.cell())));
            sb.append(',').append(CsvField.of(a.protocol())).append(',').append(CsvField.of(a.metric())).append(',')
                    .append(a.n());
            for (double v : new double[] {a.mean(), a.sd(), a.low(), a.high(), a.wilsonLow(), a.wilsonHigh(),
                    a.pairedLow(), a.pairedHigh()}) {
                sb.append(',').append(SweepStats.format(v));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String markdown(Path outDir, List<String> axisKeys, List<SweepCell> cells,
                                   Map<String, List<UnitData>> byCell, List<Aggregate> aggregates,
                                   List<String> metrics, List<RunColumns.ProtocolColumns> protocolColumns) {
        String z = SweepStats.Z95_TEXT;
        StringBuilder sb = new StringBuilder();
        sb.append("# Sweep aggregates\n\n")
                .append("This sweep folder holds:\n\n")
                .append("- `").append(RESULTS_CSV).append("`: one row per cell × replication × protocol: the cell, ")
                .append("its axis values, the replication, its seed, the protocol, every column of that unit's ")
                .append("`summary.csv` as written (empty where the unit has no such column), then `")
                .append(SUCCESS_DIFF).append("`;\n")
                .append("- `").append(AGGREGATE_CSV).append("`: one row per cell × protocol × metric with a value: ")
                .append("`n`, `mean`, `sd` and the intervals below (a run's own interval bounds, the buckets' ")
                .append("`_wilson_low`/`_wilson_high`, are in results.csv only: they are not averaged);\n")
                .append("- `").append(AGGREGATE_MD).append("`: this file, the same figures per cell;\n")
                .append("- the units' run folders, one ordinary run (`summary.csv`, `payments.csv`, `manifest.json`, ")
                .append("…) per cell × replication, named under each cell below.\n\n")
                .append("Axes: ").append(axisKeys.isEmpty() ? "none" : "`" + String.join("`, `", axisKeys) + "`")
                .append("; ").append(cells.size()).append(cells.size() == 1 ? " cell, " : " cells, ")
                .append(byCell.values().stream().mapToInt(List::size).sum()).append(" units.\n\n")
                .append("Every interval is a 95% one:\n\n")
                .append("- **mean ± half-width**: Student t over the replications, mean ± t(0.975, n − 1)·sd/√n with ")
                .append("the sample sd (n − 1), the replications taken as independent draws of the cell; the mean ")
                .append("alone when n = 1;\n")
                .append("- **Wilson [low, high]** (`").append(UnitData.SUCCESS_RATE).append("` here; in ")
                .append(AGGREGATE_CSV).append(" also the `success_*_sat` buckets): the Wilson score ")
                .append("interval of the successes pooled over the replications' payments (z = ").append(z)
                .append("), payments taken as independent trials;\n")
                .append("- **paired [low, high]** (`").append(SUCCESS_DIFF).append("`): mean(d) ± t(0.975, m − 1)")
                .append("·sd(d)/√m over the m per-payment differences d ∈ {−1, 0, 1} (the protocol's success minus ")
                .append("`source`'s on the same payment) pooled across the replications; it treats payments as ")
                .append("independent, though they share their replication's network and balances.\n\n")
                .append("Numbers: ").append(SweepStats.DIGITS).append(" significant digits, ties to even, no ")
                .append("exponent. \"(n = k)\" after a value: only k of the cell's replications have one.\n");
        Map<String, List<Aggregate>> perCell = new HashMap<>();
        for (Aggregate a : aggregates) {
            perCell.computeIfAbsent(a.cell(), c -> new ArrayList<>()).add(a);
        }
        LinkedHashSet<String> shown = new LinkedHashSet<>();
        for (SweepCell c : cells) {
            List<UnitData> units = byCell.getOrDefault(c.id(), List.of());
            sb.append("\n## ").append(c.id());
            List<String> axes = new ArrayList<>();
            c.axes().forEach((k, v) -> axes.add(k + " = " + v));
            if (!axes.isEmpty()) {
                sb.append(" — ").append(String.join(", ", axes));
            }
            sb.append("\n\nn = ").append(units.size()).append(units.size() == 1 ? " replication" : " replications");
            List<String> named = new ArrayList<>();
            for (UnitData u : units) {
                named.add("r" + u.unit.replication() + " seed " + u.unit.seed() + " (`"
                        + relative(outDir, u.unit.dir()) + "`)");
            }
            sb.append(named.isEmpty() ? "." : ": " + String.join(", ", named) + ".").append('\n');
            List<Aggregate> rows = perCell.getOrDefault(c.id(), List.of());
            if (rows.isEmpty()) {
                continue;
            }
            List<String> protocols = new ArrayList<>(new LinkedHashSet<>(rows.stream().map(Aggregate::protocol)
                    .toList()));
            Map<String, Map<String, Aggregate>> byMetric = new HashMap<>();
            for (Aggregate a : rows) {
                byMetric.computeIfAbsent(a.metric(), k -> new HashMap<>()).put(a.protocol(), a);
            }
            sb.append("\n| metric |");
            protocols.forEach(p -> sb.append(' ').append(cell(p)).append(" |"));
            sb.append("\n|---|");
            protocols.forEach(p -> sb.append("---:|"));
            sb.append('\n');
            for (String metric : metrics) {
                Map<String, Aggregate> m = byMetric.get(metric);
                if (m == null) {
                    continue;
                }
                shown.add(metric);
                sb.append("| ").append(cell(metric)).append(" |");
                for (String p : protocols) {
                    Aggregate a = m.get(p);
                    sb.append(' ').append(a == null ? "" : meanText(a, units.size())).append(" |");
                }
                sb.append('\n');
                if (metric.equals(UnitData.SUCCESS_RATE) || metric.equals(SUCCESS_DIFF)) {
                    boolean diff = metric.equals(SUCCESS_DIFF);
                    sb.append("| ").append(cell(metric)).append(diff ? " paired" : " Wilson").append(" |");
                    for (String p : protocols) {
                        Aggregate a = m.get(p);
                        double lo = a == null ? Double.NaN : diff ? a.pairedLow() : a.wilsonLow();
                        double hi = a == null ? Double.NaN : diff ? a.pairedHigh() : a.wilsonHigh();
                        sb.append(' ').append(Double.isNaN(lo) ? "" : "[" + SweepStats.format(lo) + ", "
                                + SweepStats.format(hi) + "]").append(" |");
                    }
                    sb.append('\n');
                }
            }
        }
        glossary(sb, axisKeys, shown, protocolColumns);
        return sb.toString();
    }

    /** "mean ± half-width", "mean" when n = 1, with "(n = k)" when not every replication of the cell has a value. */
    private static String meanText(Aggregate a, int replications) {
        String s = SweepStats.format(a.mean());
        if (a.n() >= 2) {
            s += " ± " + SweepStats.format(a.halfWidth());
        }
        return a.n() < replications ? s + " (n = " + a.n() + ")" : s;
    }

    private static void glossary(StringBuilder sb, List<String> axisKeys, Set<String> shown,
                                 List<RunColumns.ProtocolColumns> protocolColumns) {
        sb.append("\n## Glossary\n\n")
                .append("Metrics as `summary.csv` defines them (`results/COLUMNS.md`), then the sweep's own ")
                .append("columns.\n\n| column | unit | definition |\n|---|---|---|\n");
        for (String metric : shown) {
            if (sweepColumn(metric).isPresent()) {
                continue;
            }
            ColumnDoc d = RunColumns.summaryColumn(metric, protocolColumns).orElse(null);
            glossaryRow(sb, metric, d == null ? "—" : d.unit(), d == null ? "(not documented)" : d.definition());
        }
        for (String own : List.of(SUCCESS_DIFF, BUSIEST_HTLC, BUSIEST_CONTROL)) {
            if (own.equals(SUCCESS_DIFF) || shown.contains(own)) {
                ColumnDoc d = sweepColumn(own).orElseThrow();
                glossaryRow(sb, own, d.unit(), d.definition());
            }
        }
        glossaryRow(sb, CELL, "—", "the cell's id: one point of the sweep's axes");
        for (String k : axisKeys) {
            glossaryRow(sb, k, "—", "the cell's value of this axis, as configured");
        }
        glossaryRow(sb, REPLICATION, "index", "the unit's replication within its cell, from 0");
        glossaryRow(sb, SEED, "—", "the seed the unit ran with");
        glossaryRow(sb, UnitData.PROTOCOL, "—", RunColumns.summaryColumn(UnitData.PROTOCOL, List.of())
                .map(ColumnDoc::definition).orElse("(not documented)") + "; or the " + RunSummary.BOUND_ROW
                + " row");
        glossaryRow(sb, METRIC, "—", "the summary column (or `" + SUCCESS_DIFF + "`) a row of " + AGGREGATE_CSV
                + " is about");
        glossaryRow(sb, "n", "count", "replications of the cell in which the protocol has a value of the metric");
        glossaryRow(sb, "mean", "as metric", "mean of those n values");
        glossaryRow(sb, "sd", "as metric", "their sample standard deviation (divisor n − 1); empty when n < 2");
        glossaryRow(sb, "ci95_low", "as metric", "mean − t(0.975, n − 1)·sd/√n: the 95% Student t interval over the "
                + "replications; empty when n < 2");
        glossaryRow(sb, "ci95_high", "as metric", "mean + t(0.975, n − 1)·sd/√n");
        glossaryRow(sb, "wilson_low", "share", "only for success_rate and the success_*_sat buckets: lower end of the "
                + "95% Wilson score interval (z = " + SweepStats.Z95_TEXT + ") of the successes "
                + "pooled over the n replications' payments (recounted from payments.csv; for the "
                + RunSummary.BOUND_ROW + " row recovered from the printed rate, empty when it does not identify them)");
        glossaryRow(sb, "wilson_high", "share", "its upper end");
        glossaryRow(sb, "paired_low", "share", "only for " + SUCCESS_DIFF + ": mean(d) − t(0.975, m − 1)·sd(d)/√m over "
                + "the m per-payment differences d ∈ {−1, 0, 1} pooled across the replications, treating payments as "
                + "independent; empty when m < 2");
        glossaryRow(sb, "paired_high", "share", "mean(d) + t(0.975, m − 1)·sd(d)/√m");
    }

    private static void glossaryRow(StringBuilder sb, String column, String unit, String definition) {
        sb.append("| `").append(column).append("` | ").append(cell(unit)).append(" | ").append(cell(definition))
                .append(" |\n");
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }

    /** A unit's folder relative to the sweep folder, '/'-separated, so the table does not depend on where it is. */
    private static String relative(Path outDir, Path dir) {
        Path p;
        try {
            p = outDir.toAbsolutePath().normalize().relativize(dir.toAbsolutePath().normalize());
        } catch (IllegalArgumentException e) {
            p = dir;
        }
        return p.toString().replace(p.getFileSystem().getSeparator(), "/");
    }

    private static void writeText(Path file, String text) throws IOException {
        AtomicOutput.write(file, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            w.write(text);
            w.flush();
        });
    }
}
