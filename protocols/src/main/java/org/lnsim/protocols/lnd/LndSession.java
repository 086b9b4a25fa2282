package org.lnsim.protocols.lnd;

import org.lnsim.engine.htlc.AttemptResult;
import org.lnsim.engine.htlc.HtlcPath;
import org.lnsim.engine.payment.PaymentContext;
import org.lnsim.engine.payment.PaymentRequest;
import org.lnsim.engine.payment.PaymentSession;
import org.lnsim.network.ChannelGraph;

/**
 * lnd's payment loop for one single-path payment (lnd v0.18.5-beta {@code routing/payment_lifecycle.go} with one
 * shard): find a route with the sender's current mission control, send it, apply the outcome to mission control
 * ({@link Outcomes}) and, unless the outcome is final, search again — until no route is left ("no route"), the
 * outcome is final, or the engine stops the payment (the 60 s deadline, lnd's {@code paymentTimeout} in
 * {@code cmd/commands/cmd_payments.go} v0.18.5-beta, and the attempt cap). Nothing is excluded per payment: a
 * failed pair is avoided because its probability dropped, as in lnd.
 */
final class LndSession implements PaymentSession {
    private final PaymentContext ctx;
    private final LndRouting protocol;
    private int[] sentNodes;
    private long[] sentAmounts;

    LndSession(PaymentContext ctx, LndRouting protocol) {
        this.ctx = ctx;
        this.protocol = protocol;
    }

    @Override
    public void start() {
        attempt();
    }

    /** The attempt that completed the payment: every pair of its route a success of the amount it carried. */
    @Override
    public void onDelivered(AttemptResult r) {
        Outcomes.successRange(protocol.history(ctx.payment().sender()), sentNodes, sentAmounts, 0,
                sentAmounts.length - 1, ctx.now());
    }

    @Override
    public void onAttemptResult(AttemptResult r) {
        int sender = ctx.payment().sender();
        PairHistory h = protocol.history(sender);
        if (r.succeeded()) {
            Outcomes.successRange(h, sentNodes, sentAmounts, 0, sentAmounts.length - 1, ctx.now());
            return;
        }
        boolean fin = Outcomes.applyFailure(h, sentNodes, sentAmounts, r.failingHop(), r.failure(), ctx.now(),
                protocol.settings().minFailureRelaxUs());
        if (fin) {
            ctx.giveUp("final failure: " + r.failure().label());
            return;
        }
        attempt();
    }

    private void attempt() {
        PaymentRequest p = ctx.payment();
        LndSettings s = protocol.settings();
        long now = ctx.now();
        PairHistory h = protocol.historyOrNull(p.sender());
        Estimator a = s.estimator();
        LndRouter.Probabilities probs = new LndRouter.Probabilities() {
            @Override
            public double pair(int from, int to, long amtMsat, long capacityMsat) {
                return a.pair(h, now, from, to, amtMsat, capacityMsat);
            }

            @Override
            public double local(int from, int to) {
                return a.local(h, now, from, to);
            }
        };
        int sender = p.sender();
        LndRouter.Bandwidth bw = (e, amt) -> ctx.ownSpendableMsat(sender, e) >= amt
                && ctx.ownFreeHtlcSlots(sender, e) > 0;
        LndRouter.Query q = new LndRouter.Query(sender, p.receiver(), p.amountMsat(),
                s.feeLimitMsat(p.amountMsat()), s.finalCltv(), s.cltvLimit(), s.maxHops(),
                LndRouter.attemptCostMsat(p.amountMsat(), s.attemptCostMsat(), s.attemptCostPpm()),
                s.minProbability(), probs, bw);
        LndRouter.Found route = protocol.router().find(q);
        if (!route.found()) {
            ctx.giveUp("no route: " + route.failure());
            return;
        }
        ChannelGraph g = protocol.graph();
        int n = route.hops();
        sentNodes = new int[n + 1];
        sentNodes[0] = sender;
        for (int i = 0; i < n; i++) {
            sentNodes[i + 1] = g.target(route.directions()[i]);
        }
        sentAmounts = route.amountsMsat();
        HtlcPath path = new HtlcPath(route.directions(), route.amountsMsat(), route.cltvs(), p.id(), p.amountMsat(),
                p.amountMsat(), s.finalCltv());
        if (!ctx.send(path)) {
            ctx.giveUp("the engine refused another attempt");
            return;
        }
    }
}
