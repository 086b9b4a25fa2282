package org.lnsim.protocols.multipart;

import org.lnsim.engine.htlc.AttemptResult;
import org.lnsim.engine.htlc.HtlcPath;
import org.lnsim.engine.payment.PaymentRequest;
import org.lnsim.protocols.routing.Route;
import org.lnsim.protocols.routing.RouteHop;

/**
 * A base protocol's route search for one payment, for any part of it: what a splitter needs and all it needs.
 */
public interface PartRoutes {
    /**
     * The route the base protocol would use to deliver {@code amountMsat} within {@code feeBudgetMsat}, avoiding
     * {@code excluded} — to which the search may add channels it prunes (over budget, over delay) — or a route that is
     * not {@link Route#found() found}, with the reason.
     */
    Route find(long amountMsat, long feeBudgetMsat, Exclusions excluded);

    /** The attempt path of a found route that delivers {@code deliverMsat} as a part of the payment. */
    HtlcPath path(Route route, long deliverMsat);

    /**
     * A part's outcome, as the sender learns it: every failed or succeeded part, the one that completed the payment
     * included. A base protocol that learns across payments (lnd's mission control) records it here; the splitter's
     * own reaction (exclusions, re-routing) is separate. Default: nothing.
     */
    default void onResult(AttemptResult result) {
    }

    /** The attempt that sends {@code route}'s hops as the part {@code deliverMsat} of payment {@code p}. */
    static HtlcPath htlcPath(Route route, PaymentRequest p, long deliverMsat, int finalCltv) {
        int n = route.hopCount();
        int[] dirs = new int[n];
        long[] amounts = new long[n];
        int[] cltvs = new int[n];
        for (int i = 0; i < n; i++) {
            RouteHop h = route.hops().get(i);
            dirs[i] = h.directionIndex();
            amounts[i] = h.amountMsat();
            cltvs[i] = h.cltv();
        }
        return new HtlcPath(dirs, amounts, cltvs, p.id(), deliverMsat, p.amountMsat(), finalCltv);
    }
}
