package org.lnsim.results.run;

import java.util.Comparator;
import java.util.List;
import org.lnsim.engine.payment.ColumnDoc;
import org.lnsim.engine.payment.PaymentOutcome;

/**
 * Everything the results need from one protocol's run.
 *
 * @param protocol      display name, e.g. {@code source} or {@code source+cl-adaptive}
 * @param outcomes      one per payment (any order; sorted by payment id here)
 * @param stateBytes    routing state of every node that has channels, bytes
 * @param setupMessages control messages charged outside payments (set-up, sync, churn)
 * @param setupBytes    their size
 * @param nodes         per-node traffic and state, or null when not collected
 * @param paymentColumns names of the protocol's own per-payment figures ({@link PaymentOutcome#columns()})
 * @param paymentColumnDocs their units and definitions, same order (for summary.md's glossary), or empty when not
 *                       known
 * @param changes       the channels that closed and opened during the run, or null when none could (issue 22)
 */
public record ProtocolRun(String protocol, List<PaymentOutcome> outcomes, long[] stateBytes, long setupMessages,
                          long setupBytes, NodeTotals nodes, List<String> paymentColumns,
                          List<ColumnDoc> paymentColumnDocs, NetworkChanges changes) {
    /**
     * Channels that closed and opened from time 0 to the end of a protocol's run ({@code policy_updates}).
     *
     * @param closes channels closed
     * @param opens  channels opened
     */
    public record NetworkChanges(int closes, int opens) {
    }

    /** On a network whose channels neither close nor open. */
    public ProtocolRun(String protocol, List<PaymentOutcome> outcomes, long[] stateBytes, long setupMessages,
                       long setupBytes, NodeTotals nodes, List<String> paymentColumns,
                       List<ColumnDoc> paymentColumnDocs) {
        this(protocol, outcomes, stateBytes, setupMessages, setupBytes, nodes, paymentColumns, paymentColumnDocs,
                null);
    }

    public ProtocolRun {
        outcomes = outcomes.stream().sorted(Comparator.comparingLong(o -> o.payment().id())).toList();
        stateBytes = stateBytes.clone();
        paymentColumns = List.copyOf(paymentColumns);
        paymentColumnDocs = List.copyOf(paymentColumnDocs);
        if (!paymentColumnDocs.isEmpty() && !ColumnDoc.names(paymentColumnDocs).equals(paymentColumns)) {
            throw new IllegalArgumentException("payment column docs " + ColumnDoc.names(paymentColumnDocs)
                    + " do not match the columns " + paymentColumns);
        }
    }

    /** Without the columns' docs. */
    public ProtocolRun(String protocol, List<PaymentOutcome> outcomes, long[] stateBytes, long setupMessages,
                       long setupBytes, NodeTotals nodes, List<String> paymentColumns) {
        this(protocol, outcomes, stateBytes, setupMessages, setupBytes, nodes, paymentColumns, List.of());
    }

    /** Without per-node totals or protocol columns. */
    public ProtocolRun(String protocol, List<PaymentOutcome> outcomes, long[] stateBytes, long setupMessages,
                       long setupBytes) {
        this(protocol, outcomes, stateBytes, setupMessages, setupBytes, null, List.of());
    }

    /** Without protocol columns. */
    public ProtocolRun(String protocol, List<PaymentOutcome> outcomes, long[] stateBytes, long setupMessages,
                       long setupBytes, NodeTotals nodes) {
        this(protocol, outcomes, stateBytes, setupMessages, setupBytes, nodes, List.of());
    }

    /**
     * What each node with channels sent and keeps, aligned arrays.
     *
     * @param node            node indices
     * @param stateBytes      routing state
     * @param controlMessages control messages sent (set-up and payments)
     * @param controlBytes    their size
     * @param paymentMessages update_add/fulfil/fail messages sent
     * @param paymentBytes    their size
     * @param setup           set-up traffic and the protocol's own state figures, or null when not collected
     */
    public record NodeTotals(int[] node, long[] stateBytes, long[] controlMessages, long[] controlBytes,
                             long[] paymentMessages, long[] paymentBytes, NodeSetup setup) {
        public NodeTotals {
            int n = node.length;
            if (stateBytes.length != n || controlMessages.length != n || controlBytes.length != n
                    || paymentMessages.length != n || paymentBytes.length != n
                    || (setup != null && setup.messagesSent().length != n)) {
                throw new IllegalArgumentException("per-node arrays must have the same length");
            }
        }

        /** Without set-up figures. */
        public NodeTotals(int[] node, long[] stateBytes, long[] controlMessages, long[] controlBytes,
                          long[] paymentMessages, long[] paymentBytes) {
            this(node, stateBytes, controlMessages, controlBytes, paymentMessages, paymentBytes, null);
        }
    }

    /**
     * Per node (aligned with {@link NodeTotals#node()}): set-up traffic both ways and the protocol's own state figures
     * ({@code ProtocolReport.stateColumns}), for {@code node_state.csv}.
     *
     * @param messagesSent  control messages sent outside payments
     * @param bytesSent     their size
     * @param bytesReceived size of the control messages received outside payments
     * @param columns       names of the protocol's state figures
     * @param values        {@code values[c][k]}: figure {@code c} of the k-th node
     */
    public record NodeSetup(long[] messagesSent, long[] bytesSent, long[] bytesReceived, List<String> columns,
                            long[][] values) {
        public NodeSetup {
            int n = messagesSent.length;
            if (bytesSent.length != n || bytesReceived.length != n || values.length != columns.size()) {
                throw new IllegalArgumentException("per-node arrays must have the same length");
            }
            for (long[] v : values) {
                if (v.length != n) {
                    throw new IllegalArgumentException("per-node arrays must have the same length");
                }
            }
            columns = List.copyOf(columns);
        }
    }
}
