package org.lnsim.results.run;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * {@code nodes.csv}: for every protocol and every node with channels, its routing state and the messages it sent —
 * control messages of the protocol (set-up and payments) and payment messages (update_add_htlc, update_fulfill_htlc,
 * update_fail_htlc) — so overhead can be studied per node (hubs versus leaves). Node = node index (node-id order).
 */
public final class NodesCsv {
    /** The columns ({@link RunColumns.Node}, with units and definitions); rows follow their order. */
    public static final String HEADER = RunColumns.header(RunColumns.Node.class);

    private NodesCsv() {
    }

    /** Writes the rows of every run that has per-node totals, in run order then node order. */
    public static void write(Writer out, List<ProtocolRun> runs) throws IOException {
        out.write(HEADER);
        out.write('\n');
        StringBuilder row = new StringBuilder(96);
        for (ProtocolRun run : runs) {
            ProtocolRun.NodeTotals t = run.nodes();
            if (t == null) {
                continue;
            }
            for (int i = 0; i < t.node().length; i++) {
                row.setLength(0);
                row.append(run.protocol()).append(',').append(t.node()[i]).append(',').append(t.stateBytes()[i])
                        .append(',').append(t.controlMessages()[i]).append(',').append(t.controlBytes()[i])
                        .append(',').append(t.paymentMessages()[i]).append(',').append(t.paymentBytes()[i])
                        .append('\n');
                out.append(row);
            }
        }
    }
}
