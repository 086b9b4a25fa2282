package org.lnsim.protocols.source;

import org.lnsim.engine.htlc.AttemptResult;
import org.lnsim.engine.payment.PaymentContext;
import org.lnsim.engine.payment.PaymentRequest;
import org.lnsim.engine.payment.PaymentSession;
import org.lnsim.protocols.multipart.Exclusions;
import org.lnsim.protocols.multipart.PartRoutes;
import org.lnsim.protocols.routing.Route;

/**
 * The retry body of c-lightning's pay loop (v0.7.1, lightning-facts §2.5) for one single-path payment, the one
 * implementation of it: search the cheapest route within the fee budget that avoids every channel direction excluded
 * so far; send it; on a routing failure exclude the failing direction and search again; a refusal by the receiver
 * ends the payment, and so does a search that finds nothing unless the protocol goes to learn more
 * ({@link #noRoute}). The engine ends the payment at its deadline or attempt cap. Protocols say only what differs:
 * {@code source} and {@code oracle} ({@link RouteAttempts}) may use a first route computed ahead, {@code beacon}
 * ranks candidates by probability, asks for tables when no route is found and stops at the deadline itself, since
 * it waits for answers in simulated time.
 */
public abstract class PayLoopAttempts implements PaymentSession {
    protected final PaymentContext ctx;
    protected final PartRoutes routes;
    protected final PayPolicy pay;
    /** The channel directions that failed an attempt of this payment. */
    protected final Exclusions excluded = new Exclusions();
    protected PayLoopAttempts(PaymentContext ctx, PartRoutes routes, PayPolicy pay) {
        this.ctx = ctx;
        this.routes = routes;
        this.pay = pay;
    }

    @Override
    public final void onAttemptResult(AttemptResult r) {
        if (r.succeeded()) {
            return;
        }
        if (r.failingHop() == r.path().hops()) {
            ctx.giveUp("receiver refused: " + r.failure().label());
            return;
        }
        excluded.failed(r); // a policy failure's direction gets its second chance (Exclusions#failed)
        attempt();
    }

    /** One search and, if it finds a route, one attempt along it; otherwise {@link #noRoute} or the end. */
    protected final void attempt() {
        if (stopsBeforeSearch()) {
            return;
        }
        PaymentRequest p = ctx.payment();
        long budget = pay.feeBudgetMsat(p.amountMsat());
        Route route = search(budget);
        if (route.found()) {
            if (!ctx.send(routes.path(route, p.amountMsat()))) {
                ctx.giveUp("the engine refused another attempt");
            }
            return;
        }
        if (!noRoute()) {
            ctx.giveUp("no route: " + route.failure());
        }
    }

    /** Called before each search: gives up and returns true if the payment must end now. Default: never. */
    protected boolean stopsBeforeSearch() {
        return false;
    }

    /** This attempt's route. Default: the cheapest within {@code budget} avoiding the exclusions. */
    protected Route search(long budget) {
        return routes.find(ctx.payment().amountMsat(), budget, excluded);
    }

    /**
     * The search found nothing: returns true if the protocol went to learn more (and will call {@link #attempt}
     * again), false to give up. Default: give up.
     */
    protected boolean noRoute() {
        return false;
    }
}
