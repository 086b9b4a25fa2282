package org.lnsim.results.run;

import java.util.List;
import org.lnsim.engine.htlc.HtlcRelay;
import org.lnsim.engine.payment.ColumnDoc;
import org.lnsim.engine.payment.PaymentEngine;
import org.lnsim.engine.payment.PaymentOutcome;
import org.lnsim.engine.payment.ProtocolReport;
import org.lnsim.engine.payment.RoutingProtocol;
import org.lnsim.network.ChannelGraph;

/**
 * Turns one protocol's finished simulation into its {@link ProtocolRun}: the outcomes as they are, and per node with
 * channels (node-index order) the counters the engine kept — routing state ({@link ProtocolReport#stateBytes}),
 * control traffic ({@link PaymentEngine}), payment messages ({@link HtlcRelay}), set-up traffic both ways and the
 * protocol's own state figures ({@link ProtocolReport#stateValues}), all read from the protocol's one
 * {@link RoutingProtocol#report()}.
 *
 * <p>Call it once, after {@link PaymentEngine#finish()}: the protocol's state figures are read then, and counters
 * read earlier would miss charges made at the end of the run (e.g. churn). It only reads the engine, so the experiment
 * wiring decides when a run is over and the results own what is kept of it. Nodes without channels are left out of
 * every per-node array (they route nothing and hold nothing); the arrays are one long per node with channels and
 * figure, so a 1M-channel run keeps a few MB here.
 */
public final class RunCollector {
    private RunCollector() {
    }

    /**
     * @param protocolName display name for the files, e.g. {@code source+cl}
     * @param outcomes     every payment's outcome, in any order
     */
    public static ProtocolRun collect(String protocolName, ChannelGraph graph, RoutingProtocol protocol,
                                      PaymentEngine engine, HtlcRelay relay, List<PaymentOutcome> outcomes) {
        return collect(protocolName, graph, protocol, engine, relay, outcomes, null);
    }

    /** As above, with the channels that closed and opened during the run (null: none could). */
    public static ProtocolRun collect(String protocolName, ChannelGraph graph, RoutingProtocol protocol,
                                      PaymentEngine engine, HtlcRelay relay, List<PaymentOutcome> outcomes,
                                      ProtocolRun.NetworkChanges changes) {
        int withChannels = 0;
        for (int n = 0; n < graph.nodeCount(); n++) {
            withChannels += graph.degree(n) > 0 ? 1 : 0;
        }
        int[] nodes = new int[withChannels];
        long[] stateBytes = new long[withChannels];
        long[] controlMessages = new long[withChannels];
        long[] controlBytes = new long[withChannels];
        long[] paymentMessages = new long[withChannels];
        long[] paymentBytes = new long[withChannels];
        long[] setupSent = new long[withChannels];
        long[] setupSentBytes = new long[withChannels];
        long[] setupReceived = new long[withChannels];
        ProtocolReport report = protocol.report();
        List<String> stateColumns = ColumnDoc.names(report.stateColumns());
        long[][] stateValues = new long[stateColumns.size()][withChannels];
        long[] values = new long[stateColumns.size()];
        int k = 0;
        for (int n = 0; n < graph.nodeCount(); n++) {
            if (graph.degree(n) == 0) {
                continue;
            }
            nodes[k] = n;
            stateBytes[k] = report.stateBytes(n);
            controlMessages[k] = engine.nodeControlMessages(n);
            controlBytes[k] = engine.nodeControlBytes(n);
            paymentMessages[k] = relay.nodePaymentMessages(n);
            paymentBytes[k] = relay.nodePaymentBytes(n);
            setupSent[k] = engine.nodeSetupMessagesSent(n);
            setupSentBytes[k] = engine.nodeSetupBytesSent(n);
            setupReceived[k] = engine.nodeSetupBytesReceived(n);
            report.stateValues(n, values);
            for (int c = 0; c < values.length; c++) {
                stateValues[c][k] = values[c];
            }
            k++;
        }
        ProtocolRun.NodeSetup setup = new ProtocolRun.NodeSetup(setupSent, setupSentBytes, setupReceived,
                stateColumns, stateValues);
        ProtocolRun.NodeTotals totals = new ProtocolRun.NodeTotals(nodes, stateBytes, controlMessages, controlBytes,
                paymentMessages, paymentBytes, setup);
        return new ProtocolRun(protocolName, outcomes, stateBytes, engine.setupMessages(), engine.setupBytes(),
                totals, ColumnDoc.names(report.paymentColumns()), report.paymentColumns(), changes);
    }
}
