package org.lnsim.results.run;

import java.util.Comparator;
import java.util.List;
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
 */
public record ProtocolRun(String protocol, List<PaymentOutcome> outcomes, long[] stateBytes, long setupMessages,
                          long setupBytes, NodeTotals nodes) {
    public ProtocolRun {
        outcomes = outcomes.stream().sorted(Comparator.comparingLong(o -> o.payment().id())).toList();
        stateBytes = stateBytes.clone();
    }

    /** Without per-node totals. */
    public ProtocolRun(String protocol, List<PaymentOutcome> outcomes, long[] stateBytes, long setupMessages,
                       long setupBytes) {
        this(protocol, outcomes, stateBytes, setupMessages, setupBytes, null);
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
     */
    public record NodeTotals(int[] node, long[] stateBytes, long[] controlMessages, long[] controlBytes,
                             long[] paymentMessages, long[] paymentBytes) {
        public NodeTotals {
            int n = node.length;
            if (stateBytes.length != n || controlMessages.length != n || controlBytes.length != n
                    || paymentMessages.length != n || paymentBytes.length != n) {
                throw new IllegalArgumentException("per-node arrays must have the same length");
            }
        }
    }
}
