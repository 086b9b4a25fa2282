package org.lnsim.results.run;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.lnsim.network.stats.NetworkStatistics;

/**
 * {@code node_state.csv} and {@code node_state_summary.csv}: what each node must hold and what it cost to build, per
 * protocol — the figures that say how much smaller a partial-knowledge scheme's state is than full gossip.
 *
 * <p>{@code node_state.csv} has one row per protocol and node with channels: {@code state_bytes} (the protocol's
 * {@code stateBytes}), the set-up traffic the node sent ({@code setup_messages_sent}, {@code setup_bytes_sent}) and
 * received ({@code setup_bytes_received}), then the union, in order of first appearance, of the protocols' own
 * state figures (e.g. {@code table_channels}, {@code beacons}); a figure a protocol does not report is empty.
 *
 * <p>{@code node_state_summary.csv} has one row per protocol and figure with its nearest-rank p50, p90, p99 and max
 * over the nodes with channels (kept in a file of its own so the per-node file stays one row per node).
 */
public final class NodeStateCsv {
    /** The per-node figures every protocol has ({@link RunColumns.NodeState}), rows follow their order. */
    static final List<String> FIXED = RunColumns.NodeState.figures();
    /** {@link RunColumns.NodeStateSummary}. */
    public static final String SUMMARY_HEADER = RunColumns.header(RunColumns.NodeStateSummary.class);

    private NodeStateCsv() {
    }

    /** The header of {@code node_state.csv} for these runs. */
    public static String header(List<ProtocolRun> runs) {
        List<String> cols = new ArrayList<>(List.of(RunColumns.header(RunColumns.NodeState.class)));
        cols.addAll(extraColumns(runs));
        return String.join(",", cols);
    }

    public static void write(Writer out, List<ProtocolRun> runs) throws IOException {
        List<String> extra = extraColumns(runs);
        out.write(header(runs));
        out.write('\n');
        StringBuilder row = new StringBuilder(128);
        for (ProtocolRun run : runs) {
            ProtocolRun.NodeTotals t = run.nodes();
            if (t == null || t.setup() == null) {
                continue;
            }
            ProtocolRun.NodeSetup s = t.setup();
            int[] at = new int[extra.size()];
            for (int c = 0; c < at.length; c++) {
                at[c] = s.columns().indexOf(extra.get(c));
            }
            for (int k = 0; k < t.node().length; k++) {
                row.setLength(0);
                row.append(run.protocol()).append(',').append(t.node()[k]).append(',').append(t.stateBytes()[k])
                        .append(',').append(s.messagesSent()[k]).append(',').append(s.bytesSent()[k]).append(',')
                        .append(s.bytesReceived()[k]);
                for (int c : at) {
                    row.append(',');
                    if (c >= 0) {
                        row.append(s.values()[c][k]);
                    }
                }
                row.append('\n');
                out.append(row);
            }
        }
    }

    /** One row per protocol and figure: nodes, p50, p90, p99, max (nearest rank). */
    public static void writeSummary(Writer out, List<ProtocolRun> runs) throws IOException {
        out.write(SUMMARY_HEADER);
        out.write('\n');
        for (ProtocolRun run : runs) {
            ProtocolRun.NodeTotals t = run.nodes();
            if (t == null || t.setup() == null) {
                continue;
            }
            ProtocolRun.NodeSetup s = t.setup();
            List<String> names = new ArrayList<>(FIXED);
            List<long[]> values = new ArrayList<>(List.of(t.stateBytes(), s.messagesSent(), s.bytesSent(),
                    s.bytesReceived()));
            names.addAll(s.columns());
            values.addAll(Arrays.asList(s.values()));
            for (int i = 0; i < names.size(); i++) {
                long[] v = values.get(i).clone();
                Arrays.sort(v);
                out.append(run.protocol()).append(',').append(names.get(i)).append(',')
                        .append(String.valueOf(v.length));
                for (int q : new int[] {50, 90, 99}) {
                    out.append(',').append(v.length == 0 ? "" : String.valueOf(v[NetworkStatistics.nearestRankIndex(
                            v.length, q)]));
                }
                out.append(',').append(v.length == 0 ? "" : String.valueOf(v[v.length - 1])).append('\n');
            }
        }
    }

    private static List<String> extraColumns(List<ProtocolRun> runs) {
        Set<String> cols = new LinkedHashSet<>();
        for (ProtocolRun run : runs) {
            if (run.nodes() != null && run.nodes().setup() != null) {
                cols.addAll(run.nodes().setup().columns());
            }
        }
        return List.copyOf(cols);
    }
}
