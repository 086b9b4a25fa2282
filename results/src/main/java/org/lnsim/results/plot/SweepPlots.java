package org.lnsim.results.plot;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.lnsim.network.io.NetworkFormatException;
import org.lnsim.results.tables.CsvTable;

/**
 * The figures of a sweep folder ({@link SweepFolder}), drawn with XChart as PNG and SVG.
 *
 * <p>Why XChart (org.knowm.xchart 3.8.8): one small pure-Java jar (about 360 KB, plus VectorGraphics2D's 94 KB for
 * SVG; its PDF and GIF back ends are excluded in the build), no native libraries, renders through plain Java2D so
 * it works headless (this class sets {@code java.awt.headless=true} unless the caller set it), and writes both raster
 * (PNG, through ImageIO) and vector (SVG) output from the same chart.
 *
 * <p>Figures ({@link PlotSpec.Figure}):
 * <ul>
 *   <li>{@code success-vs-<axis>}: success_rate mean per cell against a numeric axis; error bars from
 *   {@code ci95_low/high}, or from {@code wilson_low/high} where the ci95 cells are empty (n = 1). When the sweep has
 *   other axes, each protocol gets one series per combination of their values, labelled e.g.
 *   {@code beacon radius=2} (one figure, so schemes and settings compare on one scale). Log x axis when the axis'
 *   largest value is at least 100 times its smallest (and that is positive).</li>
 *   <li>{@code fee-vs-<axis>}: fee_ppm_p50 mean, series as above, ci95 error bars where n ≥ 2.</li>
 *   <li>{@code latency-cdf-<cell>}: empirical CDF of end_time − start_time (ms) of the successful payments
 *   ({@code is_success} 1) of payments.csv, pooled over the cell's units, one series per protocol.</li>
 *   <li>{@code messages-per-node-<cell>}, {@code bytes-per-node-<cell>}: per protocol, the mean over nodes.csv rows
 *   (nodes with channels, pooled over the cell's units) of control_messages + payment_messages (resp. control_bytes
 *   + payment_bytes); bars on a log y axis. A protocol whose mean is 0 cannot be drawn on a log axis: it is left
 *   out and named in the x axis title.</li>
 *   <li>{@code state-cdf-<cell>}: empirical CDF of node_state.csv state_bytes per protocol, pooled over the units,
 *   log x axis; nodes with 0 bytes count in the shares but are not drawn (a log axis has no 0): the x axis title
 *   gives each such protocol's share at 0 (e.g. {@code oracle 100%}, whose series is then absent).</li>
 * </ul>
 * Per-cell figures without a {@code cell} are drawn for the first {@link #MAX_CELLS} cells of cells.csv. Protocols
 * appear in the order of aggregate.csv, then any others in order of appearance in the unit files. A figure with
 * nothing to draw (say no successful payment in a cell) is not written.
 *
 * <p>Error bars: XChart draws symmetric bars only. A symmetric interval (ci95 as mean ± t·sd/√n) gives its
 * half-width (high − low)/2; an asymmetric one (Wilson, or a ci95 clipped to [0, 1]) gives the longer of its two
 * sides, so the bar covers the whole interval (and a little more on the shorter side).
 *
 * <p>CDF points: one per distinct value, its y the share of values at or below it, after a first point at the
 * smallest value with the share below it (0, or on a log axis the share at 0), so the curve rises from there; beyond
 * {@link #MAX_CDF_POINTS} distinct values only the points where the share crosses a multiple of
 * 1/{@code MAX_CDF_POINTS} are kept (plus the first and last), each still exact.
 *
 * <p>Determinism and atomicity: every figure is computed (and every input error raised) before a file is written;
 * each file is written to a temporary name in the figure folder and renamed. A rerun on the same sweep folder gives
 * byte-identical PNG and SVG files (checked by a test: XChart's SVG carries no date or random id, and ImageIO's PNG
 * no time chunk). Across machines both can differ: XChart writes text into the SVG as glyph outlines, so both
 * formats depend on the fonts the JDK finds.
 */
public final class SweepPlots {
    /** Per-cell figures drawn when no cell is named. */
    public static final int MAX_CELLS = 12;
    /** Most points of one CDF series. */
    public static final int MAX_CDF_POINTS = 2000;

    private SweepPlots() {
    }

    /**
     * Draws the figures of {@code specs} (every figure that applies when empty: success and fee against the default
     * axis when the sweep has a numeric axis, and the four per-cell figures for the first {@link #MAX_CELLS} cells)
     * into {@code figDir} (created if needed) and returns the files written, in order.
     *
     * @throws PlotSpecException     an entry that does not fit the sweep (unknown cell, x not a numeric axis)
     * @throws NetworkFormatException a sweep file missing or malformed
     */
    public static List<Path> draw(Path sweepDir, List<PlotSpec> specs, Path figDir) throws IOException {
        List<FigureData> figures = figures(SweepFolder.read(sweepDir), specs);
        headless();
        Files.createDirectories(figDir);
        List<Path> written = new ArrayList<>();
        for (FigureData f : figures) {
            Chart<?, ?> chart = f.chart();
            written.add(write(figDir, f.name() + ".png", out -> BitmapEncoder.saveBitmap(chart, out,
                    BitmapEncoder.BitmapFormat.PNG)));
            written.add(write(figDir, f.name() + ".svg", out -> VectorGraphicsEncoder.saveVectorGraphic(chart, out,
                    VectorGraphicsEncoder.VectorGraphicsFormat.SVG)));
        }
        return written;
    }

    private static void headless() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private interface Encoder {
        void encode(OutputStream out) throws IOException;
    }

    private static Path write(Path dir, String name, Encoder encoder) throws IOException {
        Path target = dir.resolve(name);
        org.lnsim.network.io.AtomicOutput.write(target, encoder::encode);
        return target;
    }

    /** The figures of {@code specs} (all that apply when empty), in order, duplicates (same name) dropped. */
    public static List<FigureData> figures(SweepFolder sweep, List<PlotSpec> specs) throws IOException {
        List<PlotSpec> todo = specs.isEmpty() ? defaults(sweep) : specs;
        Map<String, FigureData> out = new LinkedHashMap<>();
        for (PlotSpec s : todo) {
            if (!s.figure().perCell()) {
                String axis = axis(sweep, s);
                FigureData f = s.figure() == PlotSpec.Figure.SUCCESS ? success(sweep, axis) : fee(sweep, axis);
                if (!f.series().isEmpty()) {
                    out.putIfAbsent(f.name(), f);
                }
                continue;
            }
            List<String> cells;
            if (s.cell() != null) {
                if (!sweep.cells().contains(s.cell())) {
                    throw new PlotSpecException(s.origin() + ": cell: '" + s.cell() + "' is not a cell of "
                            + sweep.dir().resolve("cells.csv") + " (cells: " + String.join(", ", sweep.cells()) + ")");
                }
                cells = List.of(s.cell());
            } else {
                cells = sweep.cells().subList(0, Math.min(MAX_CELLS, sweep.cells().size()));
            }
            for (String cell : cells) {
                FigureData f = switch (s.figure()) {
                    case LATENCY_CDF -> latencyCdf(sweep, cell);
                    case MESSAGES_PER_NODE -> perNode(sweep, cell, false);
                    case BYTES_PER_NODE -> perNode(sweep, cell, true);
                    case STATE_CDF -> stateCdf(sweep, cell);
                    default -> throw new IllegalStateException(s.figure().key());
                };
                if (!f.series().isEmpty()) {
                    out.putIfAbsent(f.name(), f);
                }
            }
        }
        return new ArrayList<>(out.values());
    }

    /** Every figure that applies, as {@link #draw} draws them without specs. */
    public static List<PlotSpec> defaults(SweepFolder sweep) {
        List<PlotSpec> all = new ArrayList<>();
        if (defaultAxis(sweep).isPresent()) {
            all.add(PlotSpec.of(PlotSpec.Figure.SUCCESS));
            all.add(PlotSpec.of(PlotSpec.Figure.FEE));
        }
        for (PlotSpec.Figure f : PlotSpec.Figure.values()) {
            if (f.perCell()) {
                all.add(PlotSpec.of(f));
            }
        }
        return all;
    }

    /** The first numeric axis whose name contains {@code amount}, else the first numeric axis. */
    public static Optional<String> defaultAxis(SweepFolder sweep) {
        for (String a : sweep.axes()) {
            if (a.contains("amount") && sweep.numeric(a)) {
                return Optional.of(a);
            }
        }
        return sweep.axes().stream().filter(sweep::numeric).findFirst();
    }

    private static String axis(SweepFolder sweep, PlotSpec s) {
        if (s.x() == null) {
            return defaultAxis(sweep).orElseThrow(() -> new PlotSpecException(s.origin() + ": x: the sweep has no "
                    + "numeric axis to draw " + s.figure().key() + " against (axes: " + axesText(sweep) + ")"));
        }
        if (!sweep.axes().contains(s.x())) {
            throw new PlotSpecException(s.origin() + ": x: '" + s.x() + "' is not an axis of the sweep (axes: "
                    + axesText(sweep) + ")");
        }
        if (!sweep.numeric(s.x())) {
            throw new PlotSpecException(s.origin() + ": x: axis '" + s.x() + "' is not numeric in "
                    + sweep.dir().resolve("cells.csv"));
        }
        return s.x();
    }

    private static String axesText(SweepFolder sweep) {
        return sweep.axes().isEmpty() ? "none" : String.join(", ", sweep.axes());
    }

    // ---- figures against an axis ----

    /** {@code success-vs-<axis>}: success_rate means with ci95 (else Wilson) error bars. */
    public static FigureData success(SweepFolder sweep, String axis) {
        return versus(sweep, axis, "success_rate", true, "success-vs-" + safe(axis),
                // the axis by its last part (the x axis title names it whole): a full key such as
                // workload.amount.sat made the title wider than the plot beside its legend, cut at both ends
                "Success rate by " + shortKey(axis) + " (mean of replications, 95% intervals)", "success rate (share)");
    }

    /** {@code fee-vs-<axis>}: fee_ppm_p50 means with ci95 error bars where n ≥ 2. */
    public static FigureData fee(SweepFolder sweep, String axis) {
        return versus(sweep, axis, "fee_ppm_p50", false, "fee-vs-" + safe(axis),
                "Median fee by " + shortKey(axis) + " (mean of replications, 95% CI)", "fee, median per payment (ppm)");
    }

    private static FigureData versus(SweepFolder sweep, String axis, String metric, boolean wilson, String name,
                                     String title, String yTitle) {
        List<String> others = new ArrayList<>();
        for (String a : sweep.axes()) {
            if (!a.equals(axis) && sweep.cells().stream().map(c -> sweep.value(c, a)).distinct().count() > 1) {
                others.add(a);
            }
        }
        // the combinations of the other axes' values, in order of first appearance, and their cells
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (String cell : sweep.cells()) {
            List<String> parts = new ArrayList<>();
            for (String a : others) {
                parts.add(shortKey(a) + "=" + shortValue(sweep.value(cell, a)));
            }
            groups.computeIfAbsent(String.join(", ", parts), k -> new ArrayList<>()).add(cell);
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (String cell : sweep.cells()) {
            min = Math.min(min, sweep.number(cell, axis));
            max = Math.max(max, sweep.number(cell, axis));
        }
        List<FigureData.Series> series = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (String protocol : sweep.protocols()) {
            for (Map.Entry<String, List<String>> g : groups.entrySet()) {
                List<String> cells = new ArrayList<>(g.getValue());
                cells.sort((a, b) -> Double.compare(sweep.number(a, axis), sweep.number(b, axis)));
                List<double[]> points = new ArrayList<>();
                boolean anyError = false;
                for (String cell : cells) {
                    Optional<SweepFolder.Stat> st = sweep.stat(cell, protocol, metric);
                    if (st.isEmpty() || Double.isNaN(st.get().mean())) {
                        continue;
                    }
                    SweepFolder.Stat s = st.get();
                    double err = halfWidth(s.mean(), s.ci95Low(), s.ci95High());
                    if (Double.isNaN(err) && wilson) {
                        err = halfWidth(s.mean(), s.wilsonLow(), s.wilsonHigh());
                    }
                    anyError |= !Double.isNaN(err);
                    points.add(new double[] {sweep.number(cell, axis), s.mean(), Double.isNaN(err) ? 0 : err});
                }
                if (points.isEmpty()) {
                    continue;
                }
                String label = unique(g.getKey().isEmpty() ? protocol : protocol + " " + g.getKey(), names);
                double[] x = new double[points.size()];
                double[] y = new double[points.size()];
                double[] e = new double[points.size()];
                for (int i = 0; i < x.length; i++) {
                    x[i] = points.get(i)[0];
                    y[i] = points.get(i)[1];
                    e[i] = points.get(i)[2];
                }
                series.add(new FigureData.Series(label, x, y, anyError ? e : null));
            }
        }
        boolean logX = min > 0 && max / min >= 100;
        return new FigureData(name, FigureData.Kind.LINES, title, axisTitle(axis), yTitle, logX, false,
                metric.equals("success_rate"), List.of(), series);
    }

    /**
     * The error bar half-length of [low, high] around {@code mean}: (high − low)/2 when symmetric (to 1e-9
     * relative), else the longer side; NaN when the interval is absent.
     */
    static double halfWidth(double mean, double low, double high) {
        if (Double.isNaN(low) || Double.isNaN(high)) {
            return Double.NaN;
        }
        double below = mean - low;
        double above = high - mean;
        if (Math.abs(below - above) <= 1e-9 * Math.max(1, Math.abs(mean))) {
            return (high - low) / 2;
        }
        return Math.max(below, above);
    }

    // ---- per-cell figures ----

    /** {@code latency-cdf-<cell>}: CDF of successful payments' end_time − start_time (ms) per protocol. */
    public static FigureData latencyCdf(SweepFolder sweep, String cell) throws IOException {
        Map<String, List<Double>> byProtocol = protocolMap(sweep);
        for (Path unit : sweep.units(cell)) {
            CsvTable t = CsvTable.read(unit.resolve("payments.csv"));
            for (int r = 0; r < t.rowCount(); r++) {
                if (t.number(r, "is_success") == 1) {
                    list(byProtocol, t.get(r, "protocol")).add(t.number(r, "end_time") - t.number(r, "start_time"));
                }
            }
        }
        return cdf("latency-cdf-" + safe(cell), title("Latency of successful payments", sweep, cell),
                "payment latency, end_time - start_time (ms)", "share of successful payments at or below (share)",
                false, byProtocol);
    }

    /** {@code state-cdf-<cell>}: CDF of node_state.csv state_bytes per protocol, log x. */
    public static FigureData stateCdf(SweepFolder sweep, String cell) throws IOException {
        Map<String, List<Double>> byProtocol = protocolMap(sweep);
        for (Path unit : sweep.units(cell)) {
            CsvTable t = CsvTable.read(unit.resolve("node_state.csv"));
            for (int r = 0; r < t.rowCount(); r++) {
                list(byProtocol, t.get(r, "protocol")).add(t.number(r, "state_bytes"));
            }
        }
        return cdf("state-cdf-" + safe(cell), title("Routing state per node", sweep, cell),
                "routing state per node (bytes, log scale)", "share of nodes with channels at or below (share)",
                true, byProtocol);
    }

    private static FigureData cdf(String name, String title, String xTitle, String yTitle, boolean logX,
                                  Map<String, List<Double>> byProtocol) {
        List<FigureData.Series> series = new ArrayList<>();
        List<String> zeros = new ArrayList<>();
        for (Map.Entry<String, List<Double>> e : byProtocol.entrySet()) {
            double[][] p = ecdf(e.getValue(), logX);
            if (p[0].length > 0) {
                series.add(new FigureData.Series(e.getKey(), p[0], p[1], null));
            }
            long zero = e.getValue().stream().filter(v -> v <= 0).count();
            if (logX && zero > 0) {
                zeros.add(String.format(Locale.ROOT, "%s %.0f%%", e.getKey(), 100.0 * zero / e.getValue().size()));
            }
        }
        // a log axis has no 0: say whose nodes sit there rather than let a protocol vanish unexplained
        String x = zeros.isEmpty() ? xTitle : xTitle + "; at 0, not drawn: " + String.join(", ", zeros);
        return new FigureData(name, FigureData.Kind.STEPS, title, x, yTitle, logX, false, true, List.of(), series);
    }

    /**
     * The empirical CDF of {@code values}: {x, y} starting with (smallest value drawn, share of values below it),
     * then one point per distinct value (ascending), y the share of all values at or below it; values ≤ 0 are
     * counted but not returned when {@code positiveOnly}; thinned to about {@link #MAX_CDF_POINTS} points as the
     * class says.
     */
    static double[][] ecdf(List<Double> values, boolean positiveOnly) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        int n = v.length;
        List<double[]> pts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (i + 1 < n && v[i + 1] == v[i]) {
                continue; // the last of equal values carries their cumulative share
            }
            if (positiveOnly && v[i] <= 0) {
                continue;
            }
            if (pts.isEmpty()) {
                // the rise at the first value drawn starts from the share below it (0, or the share at 0 on a log
                // axis), so a single value shows as a vertical line rather than a lone point
                int below = i;
                while (below > 0 && v[below - 1] == v[i]) {
                    below--;
                }
                pts.add(new double[] {v[i], (double) below / n});
            }
            pts.add(new double[] {v[i], (double) (i + 1) / n});
        }
        if (pts.size() > MAX_CDF_POINTS) {
            List<double[]> kept = new ArrayList<>();
            long lastBucket = -1;
            for (int i = 0; i < pts.size(); i++) {
                long bucket = (long) Math.floor(pts.get(i)[1] * MAX_CDF_POINTS);
                if (i == 0 || i == pts.size() - 1 || bucket != lastBucket) {
                    kept.add(pts.get(i));
                    lastBucket = bucket;
                }
            }
            pts = kept;
        }
        double[][] out = new double[2][pts.size()];
        for (int i = 0; i < pts.size(); i++) {
            out[0][i] = pts.get(i)[0];
            out[1][i] = pts.get(i)[1];
        }
        return out;
    }

    /**
     * {@code messages-per-node-<cell>} ({@code bytes} false) or {@code bytes-per-node-<cell>}: per protocol, the mean
     * over nodes.csv rows of the cell's units of control + payment messages (bytes), as bars on a log y axis.
     */
    public static FigureData perNode(SweepFolder sweep, String cell, boolean bytes) throws IOException {
        String control = bytes ? "control_bytes" : "control_messages";
        String payment = bytes ? "payment_bytes" : "payment_messages";
        Map<String, List<Double>> byProtocol = protocolMap(sweep);
        for (Path unit : sweep.units(cell)) {
            CsvTable t = CsvTable.read(unit.resolve("nodes.csv"));
            for (int r = 0; r < t.rowCount(); r++) {
                list(byProtocol, t.get(r, "protocol")).add(t.number(r, control) + t.number(r, payment));
            }
        }
        List<String> categories = new ArrayList<>();
        List<Double> means = new ArrayList<>();
        List<String> zeros = new ArrayList<>();
        for (Map.Entry<String, List<Double>> e : byProtocol.entrySet()) {
            if (e.getValue().isEmpty()) {
                continue;
            }
            double sum = 0;
            for (double d : e.getValue()) {
                sum += d;
            }
            double mean = sum / e.getValue().size();
            if (mean > 0) {
                categories.add(e.getKey());
                means.add(mean);
            } else {
                zeros.add(e.getKey());
            }
        }
        List<FigureData.Series> series = new ArrayList<>();
        if (!categories.isEmpty()) {
            double[] x = new double[categories.size()];
            double[] y = new double[categories.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = i;
                y[i] = means.get(i);
            }
            series.add(new FigureData.Series("mean per node", x, y, null));
        }
        String what = bytes ? "Bytes" : "Messages";
        return new FigureData((bytes ? "bytes" : "messages") + "-per-node-" + safe(cell), FigureData.Kind.BARS,
                title(what + " sent per node (mean)", sweep, cell),
                zeros.isEmpty() ? "protocol" : "protocol (0, not drawn on the log axis: " + String.join(", ", zeros)
                        + ")", (bytes ? "control + payment bytes sent per node (bytes" : "control + payment messages "
                + "sent per node (count") + ", log scale)", false, true, false, categories, series);
    }

    private static Map<String, List<Double>> protocolMap(SweepFolder sweep) {
        Map<String, List<Double>> m = new LinkedHashMap<>();
        for (String p : sweep.protocols()) {
            m.put(p, new ArrayList<>());
        }
        return m;
    }

    private static List<Double> list(Map<String, List<Double>> m, String protocol) {
        return m.computeIfAbsent(protocol, k -> new ArrayList<>());
    }

    // ---- labels ----

    private static final Set<String> UNITS = Set.of("sat", "msat", "s", "ms", "us", "ppm", "bytes", "share");

    /** {@code workload.amount.sat} → {@code workload.amount (sat)}; other keys as they are. */
    static String axisTitle(String axis) {
        int dot = axis.lastIndexOf('.');
        if (dot > 0 && UNITS.contains(axis.substring(dot + 1))) {
            return axis.substring(0, dot) + " (" + axis.substring(dot + 1) + ")";
        }
        return axis;
    }

    /** The last segment of a key that is not a unit: {@code beacon.radius} → {@code radius}. */
    static String shortKey(String axis) {
        String[] parts = axis.split("\\.");
        int i = parts.length - 1;
        if (i > 0 && UNITS.contains(parts[i])) {
            i--;
        }
        return parts[i];
    }

    private static String shortValue(String v) {
        return v.length() <= 40 ? v : v.substring(0, 39) + "…";
    }

    private static String unique(String label, Set<String> names) {
        String l = label;
        for (int k = 2; !names.add(l); k++) {
            l = label + " (" + k + ")";
        }
        return l;
    }

    /** Longest title of a per-cell figure, so that it fits the chart's width. */
    private static final int TITLE_CHARS = 90;

    /** {@code what, c03: amount=1000, radius=2}, the axis values cut to fit {@link #TITLE_CHARS}. */
    private static String title(String what, SweepFolder sweep, String cell) {
        List<String> parts = new ArrayList<>();
        for (String a : sweep.axes()) {
            parts.add(shortKey(a) + "=" + shortValue(sweep.value(cell, a)));
        }
        String t = what + ", " + cell + (parts.isEmpty() ? "" : ": " + String.join(", ", parts));
        return t.length() <= TITLE_CHARS ? t : t.substring(0, TITLE_CHARS - 1) + "…";
    }

    /** A file-name-safe form: anything but letters, digits, '.', '_' and '-' becomes '_'. */
    static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
