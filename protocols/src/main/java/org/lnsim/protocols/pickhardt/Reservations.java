package org.lnsim.protocols.pickhardt;

import java.util.HashMap;
import java.util.Map;

/**
 * What one sender's parts in flight hold on each remote direction: xpay reserves every hop's amount before sending an
 * attempt and unreserves it when the attempt ends ({@code askrene-reserve}, {@code askrene-unreserve}, {@code
 * plugins/xpay/xpay.c} v25.09), and askrene lowers both liquidity bounds by what is reserved ({@code get_constraints},
 * {@code reserve_sub}, {@code plugins/askrene/askrene.c} and {@code reserve.c} v25.09), so a re-plan, or another
 * payment of the same sender, does not count on liquidity its own parts use. askrene keeps one table per node, as
 * here (one per sender). The sender's own channels are not reserved: their bounds are the balance the engine
 * reports, which already leaves out the HTLCs in flight.
 *
 * <p>Transient: empty when no part is in flight, so not counted as routing state.
 */
final class Reservations {
    private final Map<Integer, Long> held = new HashMap<>();

    void add(int e, long msat) {
        held.merge(e, msat, Long::sum);
    }

    void remove(int e, long msat) {
        Long now = held.get(e);
        if (now == null) {
            return;
        }
        long left = now - msat;
        if (left <= 0) {
            held.remove(e);
        } else {
            held.put(e, left);
        }
    }

    /** What is reserved on e (0 if nothing). */
    long of(int e) {
        if (held.isEmpty()) {
            return 0;
        }
        Long r = held.get(e);
        return r == null ? 0 : r;
    }

    boolean isEmpty() {
        return held.isEmpty();
    }
}
