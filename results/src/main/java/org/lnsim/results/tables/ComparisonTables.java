package org.lnsim.results.tables;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lnsim.network.io.NetworkFormatException;
import org.lnsim.results.run.RunOutputs;

/**
 * The Markdown comparison tables of {@code results/tables/} built from run output folders ({@link RunOutputs}), each
 * file read by column name ({@link CsvTable}). One row per protocol of the run, in the summary's order; cells copied
 * from a file keep the file's text (its fixed decimals), computed cells are rounded like C's {@code printf} (the
 * exact binary value, ties to even: {@link #fixed}), so the tables the shell scripts made with awk regenerate
 * byte for byte.
 *
 * <p>"messages / payment" and "bytes / payment" are {@code summary.csv}'s {@code messages_per_payment} and
 * {@code bytes_per_payment}: per-payment traffic only, set-up excluded (since issue 18; tables made before it held
 * set-up divided by the payments there); set-up is shown per node.
 *
 * <p>Per-node figures come from {@code node_state_summary.csv} (nearest-rank p50 / p99 / max over nodes with
 * channels); a figure a protocol does not report leaves its cells empty.
 */
public final class ComparisonTables {
    private ComparisonTables() {
    }

    /** node_state_summary.csv as protocol → figure → its row's cells by column name. */
    private record NodeFigures(Map<String, Map<String, Map<String, String>>> byProtocol) {
        static NodeFigures read(Path dir) throws IOException {
            CsvTable t = CsvTable.read(dir.resolve(RunOutputs.NODE_STATE_SUMMARY));
            Map<String, Map<String, Map<String, String>>> m = new HashMap<>();
            for (int r = 0; r < t.rowCount(); r++) {
                Map<String, String> cells = new HashMap<>();
                for (String c : List.of("nodes", "p50", "p90", "p99", "max")) {
                    cells.put(c, t.get(r, c));
                }
                m.computeIfAbsent(t.get(r, "protocol"), k -> new HashMap<>()).put(t.get(r, "figure"), cells);
            }
            return new NodeFigures(m);
        }

        /** The cell, or null when the protocol does not report the figure. */
        String get(String protocol, String figure, String column) {
            Map<String, String> cells = byProtocol.getOrDefault(protocol, Map.of()).get(figure);
            return cells == null ? null : cells.get(column);
        }

        /** The cell, or empty. */
        String cell(String protocol, String figure, String column) {
            String s = get(protocol, figure, column);
            return s == null ? "" : s;
        }
    }

    /**
     * Ant routing against the baseline (recipe {@code results/tables/ant-2019-05-14.yaml}): success, fees, discovery, messages and
     * bytes per payment, per-node state, seeds received per payment at a node (p50, p99), the busiest node (most seeds
     * received, first in node order on ties; named from {@code node_ids.csv}) with its seeds per payment, its seed
     * messages per second at 1, 10 and 100 payments/s (seeds per payment × rate: flooding cost is linear in the rate)
     * and the payment rates at which it passes 1,000 and 10,000 seeds/s. Columns about seeds are empty for protocols
     * that do not flood.
     */
    public static String ant(Path dir) throws IOException {
        CsvTable summary = CsvTable.read(dir.resolve(RunOutputs.SUMMARY_CSV));
        NodeFigures figures = NodeFigures.read(dir);
        CsvTable nodes = CsvTable.read(dir.resolve(RunOutputs.NODE_STATE));
        CsvTable ids = CsvTable.read(dir.resolve(RunOutputs.NODE_IDS));
        Map<String, String> hub = new HashMap<>();
        if (nodes.has("seeds_received")) {
            Map<String, Double> top = new HashMap<>();
            for (int r = 0; r < nodes.rowCount(); r++) {
                String seeds = nodes.get(r, "seeds_received");
                if (seeds.isEmpty()) {
                    continue;
                }
                String q = nodes.get(r, "protocol");
                double v = nodes.number(r, "seeds_received");
                if (!top.containsKey(q) || v > top.get(q)) {
                    top.put(q, v);
                    hub.put(q, nodes.get(r, "node"));
                }
            }
        }
        Map<String, Integer> idRow = new HashMap<>();
        for (int r = 0; r < ids.rowCount(); r++) {
            idRow.put(ids.get(r, "node"), r);
        }
        StringBuilder sb = new StringBuilder();
        sb.append("| protocol | success | fee ppm p50 | discovery ms p50 | discovery ms p99 | messages / payment | "
                + "bytes / payment | state p50 B | state p99 B | state max B | seeds / payment at a node p50 | p99 | "
                + "busiest node | its seeds / payment | seeds/s at 1 pay/s | at 10 | at 100 | pay/s for 1k seeds/s "
                + "| for 10k |\n");
        sb.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (int r = 0; r < summary.rowCount(); r++) {
            String p = summary.get(r, "protocol");
            double payments = summary.number(r, "payments");
            String most = figures.get(p, "seeds_received", "max");
            double b = most == null ? 0 : number(most) / payments;
            boolean has = most != null && b > 0;
            String node = hub.get(p);
            row(sb, p, summary.get(r, "success_rate"), summary.get(r, "fee_ppm_p50"),
                    summary.getOr(r, "discovery_ms_p50", "0.0"), summary.getOr(r, "discovery_ms_p99", "0.0"),
                    summary.get(r, "messages_per_payment"), summary.get(r, "bytes_per_payment"),
                    figures.cell(p, "state_bytes", "p50"), figures.cell(p, "state_bytes", "p99"),
                    figures.cell(p, "state_bytes", "max"),
                    has ? fixed(number(figures.cell(p, "seeds_received", "p50")) / payments, 2) : "",
                    has ? fixed(number(figures.cell(p, "seeds_received", "p99")) / payments, 1) : "",
                    has ? nodeName(node, ids, idRow) : "", has ? fixed(b, 1) : "", has ? fixed(b, 0) : "",
                    has ? fixed(10 * b, 0) : "", has ? fixed(100 * b, 0) : "", has ? fixed(1000 / b, 2) : "",
                    has ? fixed(10000 / b, 1) : "");
        }
        return sb.toString();
    }

    /**
     * Ant's per-node mempools and seed load against the payment rate (the same recipes): one row per run of the same
     * workload at another rate, in the order given — success, peak mempool entries and state bytes per node with
     * channels (p50, p99, max), and the busiest node's seeds per second over the payments' arrival span (its seeds
     * received ÷ (payments ÷ rate)). Each run is expected to hold one protocol; with several, the last row counts.
     *
     * @param runs payments per second as written in the table → the run's output folder
     */
    public static String antRates(Map<String, Path> runs) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("| payments/s | success | peak mempool entries p50 | p99 | max | state p50 B | p99 | max | busiest "
                + "node seeds/s |\n");
        sb.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<String, Path> run : runs.entrySet()) {
            CsvTable summary = CsvTable.read(run.getValue().resolve(RunOutputs.SUMMARY_CSV));
            if (summary.rowCount() == 0) {
                throw new NetworkFormatException(summary.file(), null, "no protocol rows");
            }
            int last = summary.rowCount() - 1;
            String p = summary.get(last, "protocol");
            NodeFigures figures = NodeFigures.read(run.getValue());
            String busiest = figures.get(p, "seeds_received", "max");
            if (busiest == null) {
                throw new NetworkFormatException(run.getValue().resolve(RunOutputs.NODE_STATE_SUMMARY), null,
                        "no seeds_received figure for " + p + " (not an ant run?)");
            }
            double rate = Double.parseDouble(run.getKey());
            row(sb, run.getKey(), summary.get(last, "success_rate"),
                    figures.cell(p, "peak_mempool_entries", "p50"), figures.cell(p, "peak_mempool_entries", "p99"),
                    figures.cell(p, "peak_mempool_entries", "max"), figures.cell(p, "state_bytes", "p50"),
                    figures.cell(p, "state_bytes", "p99"), figures.cell(p, "state_bytes", "max"),
                    fixed(number(busiest) / (summary.number(last, "payments") / rate), 0));
        }
        return sb.toString();
    }

    /**
     * Beacon routing against the baseline (recipe {@code results/tables/beacon-2019-05-14.yaml}): success, fees, discovery, table
     * requests, messages and bytes per payment, per-node state and its p50 as a share of full gossip (the
     * {@code source} row's state p50: every source node holds the whole gossip; 0 without a source row), then set-up
     * per node: messages sent and bytes received (p50, p99) and, for beacon, the simulated set-up time in ms, the
     * beacon requests sent (p50, p99) and the beacons they found (p50).
     */
    public static String beacon(Path dir) throws IOException {
        CsvTable summary = CsvTable.read(dir.resolve(RunOutputs.SUMMARY_CSV));
        NodeFigures figures = NodeFigures.read(dir);
        double gossip = 0;
        for (int r = 0; r < summary.rowCount(); r++) {
            if (summary.get(r, "protocol").equals("source")) {
                gossip = number(figures.cell("source", "state_bytes", "p50"));
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append("| protocol | success | fee ppm p50 | discovery ms p50 | discovery ms p99 | table requests / payment "
                + "| messages / payment | bytes / payment | state p50 B | state p99 B | state max B | state p50 % of "
                + "gossip | set-up msgs sent p50 | p99 | set-up B received p50 | p99 | set-up ms p50 | p99 | beacon "
                + "requests p50 | p99 | beacons found p50 |\n");
        sb.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:"
                + "|---:|\n");
        for (int r = 0; r < summary.rowCount(); r++) {
            String p = summary.get(r, "protocol");
            String setupUs50 = figures.get(p, "setup_us", "p50");
            String setupUs99 = figures.get(p, "setup_us", "p99");
            row(sb, p, summary.get(r, "success_rate"), summary.get(r, "fee_ppm_p50"),
                    summary.getOr(r, "discovery_ms_p50", "0.0"), summary.getOr(r, "discovery_ms_p99", "0.0"),
                    summary.getOr(r, "table_requests_mean", ""), summary.get(r, "messages_per_payment"),
                    summary.get(r, "bytes_per_payment"), figures.cell(p, "state_bytes", "p50"),
                    figures.cell(p, "state_bytes", "p99"), figures.cell(p, "state_bytes", "max"),
                    fixed(gossip > 0 ? 100 * number(figures.cell(p, "state_bytes", "p50")) / gossip : 0, 4),
                    figures.cell(p, "setup_messages_sent", "p50"), figures.cell(p, "setup_messages_sent", "p99"),
                    figures.cell(p, "setup_bytes_received", "p50"), figures.cell(p, "setup_bytes_received", "p99"),
                    setupUs50 == null ? "" : fixed(number(setupUs50) / 1000, 1),
                    setupUs99 == null ? "" : fixed(number(setupUs99) / 1000, 1),
                    figures.cell(p, "setup_requests", "p50"), figures.cell(p, "setup_requests", "p99"),
                    figures.cell(p, "beacons_found", "p50"));
        }
        return sb.toString();
    }

    /**
     * ACINQ's 2016 Flare test beside lnsim (recipe {@code results/tables/beacon-flare-2016.yaml}): per protocol the route-found share (payments
     * that sent at least one HTLC: {@code attempts > 0} in {@code payments.csv}), the success rate, discovery time
     * p50 / p99 and table requests per payment (empty for protocols without them).
     */
    public static String flare(Path dir) throws IOException {
        CsvTable payments = CsvTable.read(dir.resolve(RunOutputs.PAYMENTS));
        CsvTable summary = CsvTable.read(dir.resolve(RunOutputs.SUMMARY_CSV));
        Map<String, long[]> foundOfAll = new LinkedHashMap<>();
        for (int r = 0; r < payments.rowCount(); r++) {
            long[] c = foundOfAll.computeIfAbsent(payments.get(r, "protocol"), k -> new long[2]);
            c[1]++;
            if (payments.number(r, "attempts") > 0) {
                c[0]++;
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append("| protocol | route found | success | discovery ms p50 | discovery ms p99 | table requests / payment "
                + "|\n");
        sb.append("|---|---:|---:|---:|---:|---:|\n");
        for (int r = 0; r < summary.rowCount(); r++) {
            String p = summary.get(r, "protocol");
            long[] c = foundOfAll.get(p);
            if (c == null) {
                throw new NetworkFormatException(payments.file(), null, "no payments of protocol " + p
                        + ", which " + summary.file() + " lists");
            }
            row(sb, p, fixed((double) c[0] / c[1], 3), summary.get(r, "success_rate"),
                    summary.getOr(r, "discovery_ms_p50", "0.0"), summary.getOr(r, "discovery_ms_p99", "0.0"),
                    summary.getOr(r, "table_requests_mean", ""));
        }
        return sb.toString();
    }

    /** The busiest node as "index (first 16 hex digits of its id…, alias, N channels)"; the alias without | or ". */
    private static String nodeName(String node, CsvTable ids, Map<String, Integer> idRow)
            throws NetworkFormatException {
        Integer r = idRow.get(node);
        if (r == null) {
            throw new NetworkFormatException(ids.file(), null, "no node " + node);
        }
        String id = ids.get(r, "node_id");
        String alias = ids.get(r, "alias").replace("\"", "").replace("|", "");
        return node + " (" + id.substring(0, Math.min(16, id.length())) + "…" + (alias.isEmpty() ? "" : ", " + alias)
                + ", " + ids.get(r, "channels") + " channels)";
    }

    private static void row(StringBuilder sb, String... cells) {
        sb.append('|');
        for (String c : cells) {
            sb.append(' ').append(c).append(" |");
        }
        sb.append('\n');
    }

    /** An empty cell counts 0, as in the tables' definitions (a figure no node has). */
    private static double number(String s) {
        return s == null || s.isEmpty() ? 0 : Double.parseDouble(s);
    }

    /**
     * {@code x} with {@code decimals} places, rounded as C's {@code printf("%.*f")} rounds: the exact binary value
     * of the double, ties to even (Java's {@code String.format} rounds the shortest decimal instead, half up, which
     * differs on values such as 0.125 or 1.005).
     */
    static String fixed(double x, int decimals) {
        return new BigDecimal(x).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
    }
}
