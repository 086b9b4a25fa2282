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
            excluded.add(worst(route, true, pay.worstChannel()));
            return false;
        }
        if (route.hops().get(0).cltv() > pay.maxDelay()) {
            excluded.add(worst(route, false, pay.worstChannel()));
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
     * The direction the pay loop excludes from a route over its fee budget ({@code fee}) or its delay limit, by the
     * choice {@code mode} of c-lightning's {@code find_worst_channel} ({@code plugins/pay.c}). Each hop i carries a
     * value v(i), its amount in msat ({@code fee}) or its CLTV; hop i ≥ 1's node charges v(i−1) − v(i) on direction i.
     * <ul>
     *   <li>{@link PayPolicy.WorstChannel#INTENT}: direction i with the largest v(i−1) − v(i), the first on ties (the
     *       last hop's for a one-hop route): the pay plugin's intent, "exclude the most fee-charging channel"
     *       (lightning-facts §2.5), lnsim's default.</li>
     *   <li>{@link PayPolicy.WorstChannel#V0_7_1}: v0.7.1 (tag v0.7.1, commit 43d5492) as coded. It starts with
     *       {@code prev} = the final value (the last hop's) and keeps the hop whose {@code v(i) − prev} is the largest
     *       in unsigned 64-bit arithmetic, {@code prev} then v(i). Hop 0 gives the total fee; every later hop's value is
     *       below the one before, so v(i) − v(i−1) wraps to 2⁶⁴ minus its fee, and the hop kept is the later hop with
     *       the <em>smallest</em> positive fee, the first on ties (hop 0, the sender's own channel, if no later hop
     *       charges). Emulated here with Java's wrapping {@code long} subtraction and {@link Long#compareUnsigned}.</li>
     *   <li>{@link PayPolicy.WorstChannel#V0_7_3}: c737fa6 (2019-09-14, first in v0.7.3) as coded: the largest
     *       v(i−1) − v(i), the first on ties, but the hop kept is i − 1, the channel <em>into</em> the node that
     *       charges most. Its C code has no answer for a one-hop route (it would dereference NULL); lnsim then
     *       excludes that hop.</li>
     * </ul>
     */
    static int worst(Route route, boolean fee, PayPolicy.WorstChannel mode) {
        int n = route.hopCount();
        if (mode == PayPolicy.WorstChannel.V0_7_1) {
            int kept = -1;
            long keptValue = 0;
            long prev = value(route, n - 1, fee);
            for (int i = 0; i < n; i++) {
                long v = value(route, i, fee);
                long d = v - prev; // u64 in C: wraps when v < prev
                if (kept < 0 || Long.compareUnsigned(d, keptValue) > 0) {
                    kept = i;
                    keptValue = d;
                }
                prev = v;
            }
            return route.hops().get(kept).directionIndex();
        }
        // the intent and v0.7.3 find the same hop i >= 1, the largest v(i-1) - v(i), the first on ties; a drop is never
        // negative on a route, so v0.7.3's unsigned comparison and this signed one agree. v0.7.3 then keeps hop i - 1.
        int most = 0; // a one-hop route: its only hop
        long mostDrop = -1;
        for (int i = 1; i < n; i++) {
            long d = value(route, i - 1, fee) - value(route, i, fee);
            if (d > mostDrop) {
                most = i;
                mostDrop = d;
            }
        }
        int kept = mode == PayPolicy.WorstChannel.V0_7_3 && most > 0 ? most - 1 : most;
        return route.hops().get(kept).directionIndex();
    }

    /** Hop i's amount in msat ({@code fee}) or its CLTV. */
    private static long value(Route route, int i, boolean fee) {
        return fee ? route.hops().get(i).amountMsat() : route.hops().get(i).cltv();
    }
}
