package org.lnsim.protocols.source;

import org.lnsim.engine.payment.PaymentContext;
import org.lnsim.engine.payment.PaymentRequest;
import org.lnsim.protocols.routing.HybridRouter;
import org.lnsim.protocols.routing.Route;
import org.lnsim.protocols.routing.RouteHop;

/**
 * c-lightning's pay loop (v0.7.1, lightning-facts §2.5) for one single-path {@code source} or {@code oracle}
 * payment ({@link PayLoopAttempts}): the cheapest route within the fee budget and delay limit from
 * {@link HybridPartRoutes}, avoiding everything excluded so far, until no route is left, the receiver itself refuses,
 * or the engine stops the payment (60 s, attempt cap). Not modelled: the shadow route (it only pads CLTV for privacy)
 * and route hints.
 *
 * <h2>Routes computed ahead</h2>
 * A first route computed on the public graph alone, without the sender's balances ({@link #firstRoute}), is exactly
 * the route the full search would return when the sender's first channel can carry it: the balance check only
 * removes candidates of the sender's own label, and the cheapest candidate (first in relaxation order among equals)
 * is still there. So at send time such a route is used if its first hop can carry its amount, and otherwise the
 * search runs in full; a precomputed "no route" stays "no route" (the full search has fewer edges). The outcome never
 * depends on whether routes were computed ahead, or on how many threads did it.
 */
final class RouteAttempts extends PayLoopAttempts {
    private final HybridPartRoutes hybrid;
    private Route ahead;

    /**
     * @param routes the payment's route search
     * @param ahead  the first route computed ahead on the public graph ({@link #firstRoute}), or null
     */
    RouteAttempts(PaymentContext ctx, HybridPartRoutes routes, PayPolicy pay, Route ahead) {
        super(ctx, routes, pay);
        this.hybrid = routes;
        this.ahead = ahead;
    }

    /** The first route of a payment on the public graph alone: what {@link #attempt} can use when still exact. */
    static Route firstRoute(HybridRouter router, PaymentRequest p, PayPolicy pay, long fuzzSeed) {
        return router.find(HybridPartRoutes.baseRequest(p, p.amountMsat(), pay, fuzzSeed));
    }

    @Override
    public void start() {
        attempt();
    }

    /** The route computed ahead while it is still exact and passes the pruning, else the search in full. */
    @Override
    protected Route search(long budget) {
        Route route = ahead == null ? null : stillExact(ahead);
        ahead = null;
        if (route == null || (route.found() && !hybrid.prune(route, budget, excluded))) {
            route = super.search(budget);
        }
        return route;
    }

    /** The route computed ahead if the sender's first channel can carry it now, or null (search in full). */
    private Route stillExact(Route r) {
        if (!r.found()) {
            return r;
        }
        RouteHop first = r.hops().get(0);
        return hybrid.ownSpendable(first.directionIndex()) >= first.amountMsat() ? r : null;
    }
}
