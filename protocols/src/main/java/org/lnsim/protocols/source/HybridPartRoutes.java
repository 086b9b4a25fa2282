package org.lnsim.protocols.source;

import org.lnsim.engine.htlc.HtlcPath;
import org.lnsim.engine.payment.PaymentContext;
import org.lnsim.engine.payment.PaymentRequest;
import org.lnsim.engine.payment.TimingsSink;
import org.lnsim.engine.policy.PolicyBeliefs;
import org.lnsim.protocols.multipart.Exclusions;
import org.lnsim.protocols.multipart.PartRoutes;
import org.lnsim.protocols.routing.HybridRouter;
import org.lnsim.protocols.routing.Route;
import org.lnsim.protocols.routing.RouteHop;
import org.lnsim.protocols.routing.RouteRequest;

/**
 * The route search of c-lightning's pay loop (lightning-facts §2.5) for a payment or any part of it: the hybrid
 * router with the sender's own balances (and, for the oracle, every channel's true liquidity), then pruning — a
 * route over the fee budget excludes the channel charging the most, one over {@code maxDelay} the channel adding the
 * most delay — and searching again, until a route passes or none is left.
 */
final class HybridPartRoutes implements PartRoutes {
    private final PaymentContext ctx;
    private final HybridRouter router;
    private final PayPolicy pay;
    private final RouteRequest.LocalBalances liquidity;
    private final java.util.function.Supplier<RouteRequest.KnownChannels> known;
    private final long fuzzSeed;
    private final TimingsSink timings;
    private final PolicyBeliefs beliefs;
    private final java.util.function.Supplier<int[]> observers;

    /**
     * @param liquidity every direction's true liquidity (oracle), or null for the public graph
     * @param known     asked before each search for the channels the sender may use (routing tables), or null for
     *                  the whole public graph
     * @param fuzzSeed  the payment's fee-fuzz seed
     * @param timings   where the wall-clock time in the router goes (timings only)
     * @param beliefs   the run's changing policies, or null when they do not change; then {@code router} must be a
     *                  private copy, set to {@code observer}'s beliefs before every search
     * @param observers whose beliefs, pooled (none: the true policies), asked before each search
     */
    HybridPartRoutes(PaymentContext ctx, HybridRouter router, PayPolicy pay, RouteRequest.LocalBalances liquidity,
                     java.util.function.Supplier<RouteRequest.KnownChannels> known, long fuzzSeed,
                     TimingsSink timings, PolicyBeliefs beliefs, java.util.function.Supplier<int[]> observers) {
        this.beliefs = beliefs;
        this.observers = observers;
        this.ctx = ctx;
        this.router = router;
        this.pay = pay;
        this.liquidity = liquidity;
        this.known = known;
        this.fuzzSeed = fuzzSeed;
        this.timings = timings;
    }

    /** The request of a payment's searches for {@code amountMsat}, before exclusions and balances. */
    static RouteRequest baseRequest(PaymentRequest p, long amountMsat, PayPolicy pay, long fuzzSeed) {
        return RouteRequest.of(p.sender(), p.receiver(), amountMsat)
                .withRiskfactor(pay.riskfactor())
                .withFuzz(pay.fuzz(), fuzzSeed)
                .withMaxHops(pay.maxHops())
                .withFinalCltv(pay.finalCltv());
    }

    @Override
    public Route find(long amountMsat, long feeBudgetMsat, Exclusions excluded) {
        long t0 = System.nanoTime();
        RouteRequest req = request(amountMsat, excluded);
        Route route = router.find(req);
        timings.addPathFinding(System.nanoTime() - t0);
        if (!route.found() || prune(route, feeBudgetMsat, excluded)) {
            return route;
        }
        // Pruning: every further search differs from the last by the one direction just excluded, at this same
        // instant (balances, beliefs and known channels unchanged), so one search that repairs its labels answers
        // them all — the same routes as a search from scratch each time, at a fraction of the cost when the loop
        // runs long (HybridRouter.ExclusionSearch).
        HybridRouter.ExclusionSearch search = router.exclusionSearch(req);
        while (true) {
            t0 = System.nanoTime();
            search.exclude(excluded.last());
            route = search.route();
            timings.addPathFinding(System.nanoTime() - t0);
            if (!route.found() || prune(route, feeBudgetMsat, excluded)) {
                return route;
            }
        }
    }

    /** The search request for {@code amountMsat} with this payment's exclusions, balances and knowledge now. */
    private RouteRequest request(long amountMsat, Exclusions excluded) {
        RouteRequest req = baseRequest(ctx.payment(), amountMsat, pay, fuzzSeed)
                .withExcludedDirections(excluded.toArray())
                .withLocalBalances(this::ownSpendable);
        if (liquidity != null) {
            req = req.withLiquidity(liquidity);
        }
        if (known != null) {
            req = req.withKnownChannels(known.get());
        }
        if (beliefs != null) {
            router.believe(beliefs, observers.get(), ctx.now());
        }
        return req;
    }

    /**
     * The pay loop's checks of a found route: true if it passes; otherwise excludes the channel to blame (fee first,
     * then delay) and returns false.
     */
    boolean prune(Route route, long feeBudgetMsat, Exclusions excluded) {
        if (route.feeMsat() > feeBudgetMsat) {
            excluded.add(mostCharging(route));
            return false;
        }
        if (route.hops().get(0).cltv() > pay.maxDelay()) {
            excluded.add(mostDelaying(route));
            return false;
        }
        return true;
    }

    long ownSpendable(int e) {
        return ctx.ownSpendableMsat(ctx.payment().sender(), e);
    }

    @Override
    public HtlcPath path(Route route, long deliverMsat) {
        return PartRoutes.htlcPath(route, ctx.payment(), deliverMsat, pay.finalCltv());
    }

    /**
     * The direction whose forwarding node charges the largest fee (hop i ≥ 1 is charged for by its source): the
     * pay plugin's intent, "exclude the most fee-charging channel" (lightning-facts §2.5).
     *
     * <p>Not its 2019 code, read literally: v0.7.1's {@code find_worst_channel} (commit 43d5492, {@code plugins/pay.c})
     * walks the route from the first hop with {@code prev = final amount} and keeps the hop whose {@code val − prev}
     * is largest, in unsigned 64-bit arithmetic. The first hop gives the total fee; every later hop's amount is below
     * the previous one's, so {@code val − prev} wraps to 2⁶⁴ minus that hop's fee, and the winner is the later hop
     * with the <em>smallest</em> positive fee (the sender's own first channel if no later hop charges). The same holds
     * for the delay. c737fa6 (2019-09-14, in v0.7.3) fixed the sign and then excludes the channel into the node that
     * charges most, not the one it charges on. lnsim excludes the direction that sets the largest fee.
     */
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
}
