package org.lnsim.protocols.multipart;

import org.lnsim.engine.htlc.HtlcPath;
import org.lnsim.protocols.routing.Route;

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
}
