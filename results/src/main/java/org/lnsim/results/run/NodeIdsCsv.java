package org.lnsim.results.run;

import java.io.IOException;
import java.io.Writer;
import org.lnsim.network.ChannelGraph;
import org.lnsim.results.CsvField;

/**
 * {@code node_ids.csv}: who each node index is, so that the per-node files ({@code nodes.csv},
 * {@code node_state.csv}, {@code payments.csv}), which name nodes by index (node-id order), can name hubs. One row
 * per node of the network, in index order: {@code node,node_id,channels,capacity_sat,alias} — the 33-byte id in hex,
 * the node's channel count and total capacity, and its announced alias (empty when none is known, as in CLN
 * {@code listchannels} without a {@code listnodes} file, and for generated networks). The alias is last and quoted
 * by RFC 4180 when it holds a comma, a quote or a line break, so the first four columns split on commas.
 */
public final class NodeIdsCsv {
    /** The columns ({@link RunColumns.NodeId}, with units and definitions); rows follow their order. */
    public static final String HEADER = RunColumns.header(RunColumns.NodeId.class);

    private NodeIdsCsv() {
    }

    public static void write(Writer out, ChannelGraph g) throws IOException {
        out.write(HEADER);
        out.write('\n');
        StringBuilder row = new StringBuilder(128);
        for (int v = 0; v < g.nodeCount(); v++) {
            long capacity = 0;
            for (int slot = g.outStart(v); slot < g.outEnd(v); slot++) {
                capacity += g.capacitySat(g.outDirection(slot) >>> 1);
            }
            row.setLength(0);
            row.append(v).append(',').append(g.nodeIdHex(v)).append(',').append(g.degree(v)).append(',')
                    .append(capacity).append(',');
            String alias = g.alias(v);
            if (alias != null) {
                row.append(CsvField.of(alias));
            }
            row.append('\n');
            out.append(row);
        }
    }
}
