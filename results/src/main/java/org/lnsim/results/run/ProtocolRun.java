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
 */
public record ProtocolRun(String protocol, List<PaymentOutcome> outcomes, long[] stateBytes, long setupMessages,
                          long setupBytes) {
    public ProtocolRun {
        outcomes = outcomes.stream().sorted(Comparator.comparingLong(o -> o.payment().id())).toList();
        stateBytes = stateBytes.clone();
    }
}
