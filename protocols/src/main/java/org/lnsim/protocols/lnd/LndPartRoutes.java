package org.lnsim.protocols.lnd;

import java.util.ArrayList;
import java.util.List;
import org.lnsim.engine.htlc.AttemptResult;
import org.lnsim.engine.htlc.HtlcPath;
import org.lnsim.engine.payment.PaymentContext;
import org.lnsim.engine.payment.PaymentRequest;
import org.lnsim.engine.payment.TimingsSink;
import org.lnsim.network.ChannelGraph;
import org.lnsim.protocols.multipart.Exclusions;
import org.lnsim.protocols.multipart.PartRoutes;
import org.lnsim.protocols.routing.Algorithm;
import org.lnsim.protocols.routing.Route;
import org.lnsim.protocols.routing.RouteHop;

/**
 * lnd's route search for one payment or any shard of it, and what its mission control learns from each attempt: the
 * one place where {@link LndSession} (a single path) and lnd's splitter ({@code lnd+lnd-halving}, through
 * {@link org.lnsim.protocols.multipart.SplitPayment}) meet the sender's {@link PairHistory}.
 *
 * <p>Exclusions are ignored: lnd keeps no per-payment list of failed channels. A shard that failed is re-routed with
 * the sender's updated mission control, which avoids the failed pair through its lowered probability (lnd
 * v0.18.5-beta {@code routing/payment_lifecycle.go}: every shard asks {@code RequestRoute} of the same payment
 * session, whose only memory of failures is mission control).
 */
final class LndPartRoutes implements PartRoutes {
    private final PaymentContext ctx;
    private final LndRouting protocol;
    private final TimingsSink timings;

    LndPartRoutes(PaymentContext ctx, LndRouting protocol) {
        this.ctx = ctx;
        this.protocol = protocol;
        this.timings = ctx.view(TimingsSink.class);
    }

    /** lnd's path finding for {@code amountMsat} with the sender's mission control as it stands now. */
    LndRouter.Found search(long amountMsat, long feeLimitMsat) {
        PaymentRequest p = ctx.payment();
        LndSettings s = protocol.settings();
        LndRouter.Probabilities probs = LndRouter.Probabilities.of(s.estimator(),
                protocol.historyOrNull(p.sender()), ctx.now());
        int sender = p.sender();
        LndRouter.Bandwidth bw = (e, amt) -> ctx.ownSpendableMsat(sender, e) >= amt
                && ctx.ownFreeHtlcSlots(sender, e) > 0;
        LndRouter.Query q = new LndRouter.Query(sender, p.receiver(), amountMsat, feeLimitMsat, s.finalCltv(),
                s.cltvLimit(), s.maxHops(), LndRouter.attemptCostMsat(amountMsat, s.attemptCostMsat(),
                s.attemptCostPpm()), s.minProbability(), probs, bw);
        long t0 = System.nanoTime();
        protocol.believe(sender, ctx.now());
        LndRouter.Found found = protocol.router().find(q);
        timings.addPathFinding(System.nanoTime() - t0);
        return found;
    }

    /** The attempt that delivers {@code deliverMsat} over {@code route} as (a part of) this payment. */
    HtlcPath path(LndRouter.Found route, long deliverMsat) {
        PaymentRequest p = ctx.payment();
        return new HtlcPath(route.directions(), route.amountsMsat(), route.cltvs(), p.id(), deliverMsat,
                p.amountMsat(), protocol.settings().finalCltv());
    }

    /**
     * Applies an attempt's outcome to the sender's mission control (a success: every pair a success of what it
     * carried; a failure: {@link Outcomes#applyFailure}).
     *
     * @return true if lnd would fail the whole payment now (a final failure reason)
     */
    boolean learn(AttemptResult r, long nowUs) {
        HtlcPath path = r.path();
        ChannelGraph g = protocol.graph();
        int n = path.hops();
        int[] nodes = new int[n + 1];
        nodes[0] = g.source(path.direction(0));
        for (int i = 0; i < n; i++) {
            nodes[i + 1] = g.target(path.direction(i));
        }
        long[] amounts = path.amountsMsat();
        PairHistory h = protocol.history(ctx.payment().sender());
        if (r.succeeded()) {
            Outcomes.successRange(h, nodes, amounts, 0, n - 1, nowUs);
            return false;
        }
        int k = r.failingHop();
        if (r.policyUpdate() >= 0 && k >= 1 && k < n && isPolicyFailure(r.failure())
                && protocol.secondChance(nodes[0], nodes[k], nodes[k + 1], nowUs)) {
            return false; // the channel_update is applied (the engine did); no penalty this time
        }
        return Outcomes.applyFailure(h, nodes, amounts, k, r.failure(), nowUs,
                protocol.settings().minFailureRelaxUs());
    }

    /** The failures for which lnd records a policy failure ({@code result_interpretation.go}). */
    private static boolean isPolicyFailure(org.lnsim.engine.htlc.FailureCode code) {
        return switch (code) {
            case AMOUNT_BELOW_MINIMUM, FEE_INSUFFICIENT, INCORRECT_CLTV_EXPIRY, CHANNEL_DISABLED -> true;
            default -> false;
        };
    }

    // ------------------------------------------------------------------ PartRoutes, for lnd's splitter

    /** lnd's search for a shard; {@code excluded} is not read (see the class comment). */
    @Override
    public Route find(long amountMsat, long feeBudgetMsat, Exclusions excluded) {
        return route(protocol.graph(), search(amountMsat, feeBudgetMsat), amountMsat);
    }

    /** {@code f} as a {@link Route} delivering {@code amountMsat}; its cost is lnd's distance at the sender. */
    static Route route(ChannelGraph g, LndRouter.Found f, long amountMsat) {
        if (!f.found()) {
            return Route.none(amountMsat, Algorithm.LND, f.failure());
        }
        List<RouteHop> hops = new ArrayList<>(f.hops());
        for (int i = 0; i < f.hops(); i++) {
            int e = f.directions()[i];
            int c = ChannelGraph.channelOf(e);
            hops.add(new RouteHop(c, g.scid(c), e & 1, f.amountsMsat()[i], f.cltvs()[i]));
        }
        return new Route(hops, amountMsat, f.distance(), Algorithm.LND, null);
    }

    @Override
    public HtlcPath path(Route route, long deliverMsat) {
        return PartRoutes.htlcPath(route, ctx.payment(), deliverMsat, protocol.settings().finalCltv());
    }

    /** Every shard's outcome, the completing one included, goes to mission control as it reaches the sender. */
    @Override
    public void onResult(AttemptResult r) {
        learn(r, ctx.now());
    }
}
