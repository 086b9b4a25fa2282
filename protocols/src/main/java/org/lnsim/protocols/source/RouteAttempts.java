package org.lnsim.protocols.source;

import java.util.Arrays;
import org.lnsim.engine.htlc.AttemptResult;
import org.lnsim.engine.htlc.HtlcPath;
import org.lnsim.engine.payment.PaymentContext;
import org.lnsim.engine.payment.PaymentRequest;
import org.lnsim.engine.payment.PaymentSession;
import org.lnsim.protocols.routing.HybridRouter;
import org.lnsim.protocols.routing.Route;
import org.lnsim.protocols.routing.RouteHop;
import org.lnsim.protocols.routing.RouteRequest;

/**
 * c-lightning's pay loop (v0.7.1, lightning-facts §2.5) for one payment: ask the router for the cheapest route
 * avoiding everything excluded so far; if its fee is over budget exclude the channel charging the most and ask
 * again; if its total delay is over {@code maxDelay} exclude the channel adding the most delay; send it; on a routing
 * failure exclude the failing channel direction and start over, until the router finds nothing, the receiver itself
 * refuses, or the engine stops the payment (60 s, attempt cap). Not modelled: the shadow route (it only pads CLTV
 * for privacy) and route hints.
 *
 * <p>The router is given the sender's own channel balances (every node knows its own channels) and, for an oracle,
 * every direction's true liquidity. The fuzz seed is a function of the payment (see the protocols), so a payment's
 * first route can be computed ahead of the run ({@link #firstRoute}) and used when it is still exact.
 *
 * <h2>Routes computed ahead</h2>
 * A first route computed on the public graph alone, without the sender's balances, is exactly the route the full
 * search would return when the sender's first channel can carry it: the balance check only removes candidates of
 * the sender's own label, and the cheapest candidate (first in relaxation order among equals) is still there. So at
 * send time such a route is used if its first hop can carry its amount, and otherwise the search runs in full; a
 * precomputed "no route" stays "no route" (the full search has fewer edges). The outcome never depends on whether
 * routes were computed ahead, or on how many threads did it.
 */
class RouteAttempts implements PaymentSession {
    private final PaymentContext ctx;
    private final HybridRouter router;
    private final PayPolicy pay;
    private final RouteRequest.LocalBalances liquidity;
    private final long fuzzSeed;
    private final long[] pathNanos;
    private Route ahead;
    private int[] excluded = new int[8];
    private int excludedCount;

    /**
     * @param liquidity what the router may assume every direction can carry, or null for the public graph
     *                  (capacity only)
     * @param fuzzSeed  this payment's fee-fuzz seed
     * @param ahead     the first route computed ahead on the public graph ({@link #firstRoute}), or null
     * @param pathNanos a one-element accumulator of wall-clock time spent in the router (for timings only)
     */
    RouteAttempts(PaymentContext ctx, HybridRouter router, PayPolicy pay, RouteRequest.LocalBalances liquidity,
                  long fuzzSeed, Route ahead, long[] pathNanos) {
        if (ahead != null && liquidity != null) {
            throw new IllegalArgumentException("routes computed ahead need the public graph only");
        }
        this.pathNanos = pathNanos;
        this.ctx = ctx;
        this.router = router;
        this.pay = pay;
        this.liquidity = liquidity;
        this.fuzzSeed = fuzzSeed;
        this.ahead = ahead;
    }

    /** The request of a payment's searches, before exclusions and balances. */
    static RouteRequest baseRequest(PaymentRequest p, PayPolicy pay, long fuzzSeed) {
        return RouteRequest.of(p.sender(), p.receiver(), p.amountMsat())
                .withRiskfactor(pay.riskfactor())
                .withFuzz(pay.fuzz(), fuzzSeed)
                .withMaxHops(pay.maxHops())
                .withFinalCltv(pay.finalCltv());
    }

    /** The first route of a payment on the public graph alone: what {@link #attempt} can use when still exact. */
    static Route firstRoute(HybridRouter router, PaymentRequest p, PayPolicy pay, long fuzzSeed) {
        return router.find(baseRequest(p, pay, fuzzSeed));
    }

    @Override
    public void start() {
        attempt();
    }

    @Override
    public void onAttemptResult(AttemptResult r) {
        if (r.succeeded()) {
            return;
        }
        if (r.failingHop() == r.path().hops()) {
            ctx.giveUp("receiver refused: " + r.failure().label());
            return;
        }
        exclude(r.failingDirection());
        attempt();
    }

    private void attempt() {
        PaymentRequest p = ctx.payment();
        long budget = pay.feeBudgetMsat(p.amountMsat());
        while (true) {
            Route route = ahead == null ? null : stillExact(ahead);
            ahead = null;
            if (route == null) {
                RouteRequest req = baseRequest(p, pay, fuzzSeed)
                        .withExcludedDirections(Arrays.copyOf(excluded, excludedCount))
                        .withLocalBalances(this::ownSpendable);
                if (liquidity != null) {
                    req = req.withLiquidity(liquidity);
                }
                long t0 = System.nanoTime();
                route = router.find(req);
                pathNanos[0] += System.nanoTime() - t0;
            }
            if (!route.found()) {
                ctx.giveUp("no route: " + route.failure());
                return;
            }
            if (route.feeMsat() > budget) {
                exclude(mostCharging(route));
                continue;
            }
            if (route.hops().get(0).cltv() > pay.maxDelay()) {
                exclude(mostDelaying(route));
                continue;
            }
            if (!ctx.send(toPath(route, p, pay.finalCltv()))) {
                ctx.giveUp("the engine refused another attempt");
            }
            return;
        }
    }

    /** The route computed ahead if the sender's first channel can carry it now, or null (search in full). */
    private Route stillExact(Route r) {
        if (!r.found()) {
            return r;
        }
        RouteHop first = r.hops().get(0);
        return ownSpendable(first.directionIndex()) >= first.amountMsat() ? r : null;
    }

    private long ownSpendable(int e) {
        return ctx.ownSpendableMsat(ctx.payment().sender(), e);
    }

    private void exclude(int direction) {
        if (excludedCount == excluded.length) {
            excluded = Arrays.copyOf(excluded, 2 * excludedCount);
        }
        excluded[excludedCount++] = direction;
    }

    /** The direction whose forwarding node charges the largest fee (hop i ≥ 1 is charged for by its source). */
    static int mostCharging(Route route) {
        int best = route.hops().get(route.hopCount() - 1).directionIndex();
        long bestFee = -1;
        for (int i = 1; i < route.hopCount(); i++) {
            long fee = route.hops().get(i - 1).amountMsat() - route.hops().get(i).amountMsat();
            if (fee > bestFee) {
                bestFee = fee;
                best = route.hops().get(i).directionIndex();
            }
        }
        return best;
    }

    /** The direction adding the largest CLTV delta (hop i ≥ 1's delta is the CLTV difference it asks for). */
    static int mostDelaying(Route route) {
        int best = route.hops().get(route.hopCount() - 1).directionIndex();
        int bestDelta = -1;
        for (int i = 1; i < route.hopCount(); i++) {
            int delta = route.hops().get(i - 1).cltv() - route.hops().get(i).cltv();
            if (delta > bestDelta) {
                bestDelta = delta;
                best = route.hops().get(i).directionIndex();
            }
        }
        return best;
    }

    /** The router's getroute-style hops as the engine's attempt path. */
    static HtlcPath toPath(Route route, PaymentRequest p, int finalCltv) {
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
        return new HtlcPath(dirs, amounts, cltvs, p.id(), p.amountMsat(), p.amountMsat(), finalCltv);
    }
}
