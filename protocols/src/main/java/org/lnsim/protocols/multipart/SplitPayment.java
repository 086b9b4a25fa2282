package org.lnsim.protocols.multipart;

import org.lnsim.engine.htlc.AttemptResult;
import org.lnsim.engine.htlc.HtlcPath;
import org.lnsim.engine.payment.PaymentContext;
import org.lnsim.engine.payment.PaymentRequest;
import org.lnsim.engine.payment.PaymentSession;
import org.lnsim.network.ChannelGraph;
import org.lnsim.protocols.routing.Route;

/**
 * One payment sent as parts under a {@link Splitter}'s rules; every part is routed by the base protocol's
 * {@link PartRoutes} and shares the payment's exclusions (a channel that failed one part is avoided by all).
 *
 * <h2>c-lightning ({@code cl}, {@code cl-presplit}, {@code cl-adaptive}; lightning-facts §7.3)</h2>
 * Presplit cuts the amount into parts of about 10,000 sat before anything is sent ({@link Splitter#presplitParts});
 * the HTLC budget is the sender's free HTLC slots on its usable channels minus the presplit parts. A part that fails
 * is retried whole around the failure, as long as a route within its fee budget is found; a part for which none is
 * found is, with the adaptive splitter and while it is above 100 sat and the budget lasts, split 45–55% into two
 * parts, each routed anew (one budget unit per split) — c-lightning's adaptive splitter acts on a part that failed
 * for good, after its retry modifier gave up — and otherwise ends the payment. Each part's fee budget is the
 * payment's, in proportion to its amount (as c-lightning divides {@code fee_budget} on a split).
 *
 * <h2>lnd ({@code lnd-halving}; §7.4)</h2>
 * Route the whole amount not yet in flight; on "no route" halve the shard and try again, down to 10,000 sat; at most
 * {@code maxParts} parts in flight; a part that fails returns its amount to the remainder, which is routed again
 * around the failure. With nothing in flight and no shard routable, the payment ends.
 *
 * <p>Failures at the receiver (e.g. {@code mpp_timeout}) end the payment in both families. A part refused over a
 * policy the sender did not know yet, with the node's channel_update, leaves its direction usable once per payment
 * ({@link Exclusions#failed}), as the single-path loop does.
 */
final class SplitPayment implements PaymentSession {
    private final PaymentContext ctx;
    private final PartRoutes routes;
    private final Splitter splitter;
    private final int maxParts;
    private final long feeBudgetMsat;
    private final Exclusions excluded = new Exclusions();
    private int partsInFlight;
    private int htlcBudget;
    private long remainingMsat; // lnd: not yet in flight or delivered
    private boolean ended;

    SplitPayment(PaymentContext ctx, PartRoutes routes, Splitter splitter, int maxParts, long feeBudgetMsat) {
        if (splitter == Splitter.NONE) {
            throw new IllegalArgumentException("a split payment needs a splitter");
        }
        this.ctx = ctx;
        this.routes = routes;
        this.splitter = splitter;
        this.maxParts = maxParts;
        this.feeBudgetMsat = feeBudgetMsat;
    }

    @Override
    public void start() {
        PaymentRequest p = ctx.payment();
        if (splitter.halving()) {
            remainingMsat = p.amountMsat();
            dispatchLnd();
            return;
        }
        int slots = freeLocalSlots();
        long[] parts = splitter.presplit() ? Splitter.presplitParts(p.amountMsat(), slots, ctx.random())
                : new long[] {p.amountMsat()};
        htlcBudget = Math.max(0, slots - parts.length);
        for (long part : parts) {
            if (ended) {
                return;
            }
            routeCl(part);
        }
    }

    @Override
    public void onAttemptResult(AttemptResult r) {
        routes.onResult(r);
        partsInFlight--;
        if (r.succeeded() || ended) {
            return;
        }
        if (r.failingHop() == r.path().hops()) {
            end("receiver refused: " + r.failure().label());
            return;
        }
        excluded.failed(r); // a policy failure's direction gets its second chance (issue 22)
        long part = r.path().deliverMsat();
        if (splitter.halving()) {
            remainingMsat += part;
            dispatchLnd();
        } else {
            routeCl(part);
        }
    }

    /** The part that completed the payment: only the base protocol's learning is left to do. */
    @Override
    public void onDelivered(AttemptResult r) {
        routes.onResult(r);
    }

    // ------------------------------------------------------------------ c-lightning

    /** Routes a c-lightning part; one that finds no route is split (adaptive) or ends the payment. */
    private void routeCl(long part) {
        Route route = routes.find(part, budgetFor(part), excluded);
        if (route.found()) {
            send(route, part);
        } else if (splittable(part)) {
            split(part);
        } else {
            end("no route for a part of " + part + " msat: " + route.failure());
        }
    }

    private boolean splittable(long part) {
        return splitter.adaptive() && part > Splitter.CL_ADAPTIVE_LOWER_LIMIT_MSAT && htlcBudget > 0;
    }

    private void split(long part) {
        htlcBudget--;
        for (long half : Splitter.adaptiveSplit(part, ctx.random())) {
            if (ended) {
                return;
            }
            routeCl(half);
        }
    }

    // ------------------------------------------------------------------ lnd

    /** Sends shards of the remainder until it is all in flight, the part cap is reached, or no shard routes. */
    private void dispatchLnd() {
        long shard = remainingMsat;
        while (!ended && remainingMsat > 0 && partsInFlight < maxParts) {
            long amount = Math.min(shard, remainingMsat);
            Route route = routes.find(amount, budgetFor(amount), excluded);
            if (route.found()) {
                if (!send(route, amount)) {
                    return;
                }
                remainingMsat -= amount;
                continue;
            }
            long half = shard / 2;
            if (half < Splitter.LND_MIN_SHARD_MSAT) {
                if (partsInFlight == 0) {
                    end("no route for a shard of " + amount + " msat: " + route.failure());
                }
                return;
            }
            shard = half;
        }
    }

    // ------------------------------------------------------------------ common

    private long budgetFor(long part) {
        return (long) ((double) feeBudgetMsat * part / ctx.payment().amountMsat());
    }

    private boolean send(Route route, long part) {
        HtlcPath path = routes.path(route, part);
        if (!ctx.send(path)) {
            end("the engine refused another attempt");
            return false;
        }
        partsInFlight++;
        return true;
    }

    private void end(String reason) {
        if (!ended) {
            ended = true;
            ctx.giveUp(reason);
        }
    }

    /** Free HTLC slots on the sender's usable channels: c-lightning's basis for the part cap and HTLC budget. */
    private int freeLocalSlots() {
        ChannelGraph g = ctx.graph();
        int s = ctx.payment().sender();
        int slots = 0;
        for (int slot = g.outStart(s); slot < g.outEnd(s); slot++) {
            int e = g.outDirection(slot);
            if (g.isUsable(e)) {
                slots += ctx.ownFreeHtlcSlots(s, e);
            }
        }
        return slots;
    }
}
