package org.lnsim.protocols.lnd;

import org.lnsim.engine.htlc.AttemptResult;
import org.lnsim.engine.payment.PaymentContext;
import org.lnsim.engine.payment.PaymentRequest;
import org.lnsim.engine.payment.PaymentSession;

/**
 * lnd's payment loop for one single-path payment (lnd v0.18.5-beta {@code routing/payment_lifecycle.go} with one
 * shard): find a route with the sender's current mission control, send it, apply the outcome to mission control
 * ({@link Outcomes}) and, unless the outcome is final, search again — until no route is left ("no route"), the
 * outcome is final, or the engine stops the payment (the 60 s deadline, lnd's {@code paymentTimeout} in
 * {@code cmd/commands/cmd_payments.go} v0.18.5-beta, and the attempt cap). Nothing is excluded per payment: a
 * failed pair is avoided because its probability dropped, as in lnd. The search and the learning are
 * {@link LndPartRoutes}', which lnd's splitter uses too.
 */
final class LndSession implements PaymentSession {
    private final PaymentContext ctx;
    private final LndPartRoutes routes;
    private final LndSettings settings;

    LndSession(PaymentContext ctx, LndRouting protocol) {
        this.ctx = ctx;
        this.settings = protocol.settings();
        this.routes = new LndPartRoutes(ctx, protocol);
    }

    @Override
    public void start() {
        attempt();
    }

    /** The attempt that completed the payment: every pair of its route a success of the amount it carried. */
    @Override
    public void onDelivered(AttemptResult r) {
        routes.learn(r, ctx.now());
    }

    @Override
    public void onAttemptResult(AttemptResult r) {
        boolean fin = routes.learn(r, ctx.now());
        if (r.succeeded()) {
            return;
        }
        if (fin) {
            ctx.giveUp("final failure: " + r.failure().label());
            return;
        }
        attempt();
    }

    private void attempt() {
        PaymentRequest p = ctx.payment();
        LndRouter.Found route = routes.search(p.amountMsat(), settings.feeLimitMsat(p.amountMsat()));
        if (!route.found()) {
            ctx.giveUp("no route: " + route.failure());
            return;
        }
        if (!ctx.send(routes.path(route, p.amountMsat()))) {
            ctx.giveUp("the engine refused another attempt");
        }
    }
}
