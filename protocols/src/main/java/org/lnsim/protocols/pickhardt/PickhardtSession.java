package org.lnsim.protocols.pickhardt;

import java.util.HashSet;
import java.util.Set;
import org.lnsim.engine.htlc.AttemptResult;
import org.lnsim.engine.htlc.FailureCode;
import org.lnsim.engine.htlc.HtlcPath;
import org.lnsim.engine.payment.PaymentContext;
import org.lnsim.engine.payment.PaymentRequest;
import org.lnsim.engine.payment.PaymentSession;
import org.lnsim.network.ChannelGraph;

/**
 * The pay loop of one payment, as Core Lightning v25.09's xpay and renepay run it over askrene: plan what is not in
 * flight with the sender's current knowledge ({@link Planner}), send the plan's parts at once as one basic-MPP
 * payment, learn from each part's outcome, and plan again what failed — until the payment completes, the receiver
 * refuses it, no flow is left ("no route"), or the engine stops it (deadline: xpay's {@code retry_for} 60 s, the
 * engine's; attempt cap).
 *
 * <h2>Learning (xpay's failure handling, {@code plugins/xpay/xpay.c} v25.09)</h2>
 * <ul>
 *   <li>A part failed at hop i with {@code temporary_channel_failure}: the hops before i forwarded their amounts
 *       ({@link Liquidity#unconstrained}), hop i could not ({@link Liquidity#constrained}).</li>
 *   <li>Any other failure at a forwarding node: the hops before i as above, hop i disabled for this payment ("weird
 *       error … disabling it for this payment").</li>
 *   <li>A failure at the receiver ends the payment.</li>
 *   <li>A part that succeeded: every hop forwarded its amount (renepay's {@code chan_extra_can_send}; askrene's
 *       {@code INFORM_SUCCEEDED} learns nothing in v25.09).</li>
 * </ul>
 * The sender's own channels are never learnt: it reads their balance, as askrene's {@code auto.localchans} layer.
 * Each part's remote hops are reserved while it is in flight ({@link Reservations}): the sender's later plans count
 * them as used.
 *
 * <h2>Rounds</h2>
 * After a failure the sender waits {@link PickhardtSettings#collectWindowUs()} for more results before planning
 * again (renepay's {@code COLLECTOR_TIME_WINDOW_MSEC}), so the failures of one round are learnt together; parts held
 * at the receiver stay in flight and are not planned again. The fee budget of a re-plan is the payment's less the
 * fees of the parts in flight; its part cap the payment's less the parts in flight (xpay passes {@code maxparts −
 * count_pending} to askrene). A plan that finds nothing while parts are in flight waits for their outcome.
 */
final class PickhardtSession implements PaymentSession {
    private final PaymentContext ctx;
    private final PickhardtRouting protocol;
    private final Set<Integer> disabled = new HashSet<>();
    private int partsInFlight;
    private long inFlightDeliverMsat;
    private long inFlightFeeMsat;
    private boolean replanScheduled;
    private boolean ended;
    private String lastFailure;

    PickhardtSession(PaymentContext ctx, PickhardtRouting protocol) {
        this.ctx = ctx;
        this.protocol = protocol;
    }

    @Override
    public void start() {
        plan();
    }

    @Override
    public void onDelivered(AttemptResult r) {
        ended = true;
        unreserve(r.path());
        learnSuccess(r.path());
    }

    @Override
    public void onAttemptResult(AttemptResult r) {
        HtlcPath p = r.path();
        partsInFlight--;
        inFlightDeliverMsat -= p.deliverMsat();
        inFlightFeeMsat -= p.sentMsat() - p.deliverMsat();
        unreserve(p);
        if (r.succeeded()) {
            learnSuccess(p);
            return;
        }
        if (ended) {
            return;
        }
        int index = r.failingHop();
        if (index >= p.hops()) {
            end("receiver refused: " + r.failure().label());
            return;
        }
        learnFailure(p, index, r.failure());
        if (replanScheduled) {
            return;
        }
        long window = protocol.settings().collectWindowUs();
        if (window == 0) {
            plan();
        } else {
            replanScheduled = true;
            ctx.schedule(window, () -> {
                replanScheduled = false;
                plan();
            });
        }
    }

    private void learnSuccess(HtlcPath p) {
        int sender = ctx.payment().sender();
        ChannelGraph g = ctx.graph();
        Liquidity l = protocol.knowledge(sender);
        for (int i = 0; i < p.hops(); i++) {
            if (g.source(p.direction(i)) != sender) {
                l.unconstrained(p.direction(i), p.amountMsat(i), ctx.now());
            }
        }
    }

    private void learnFailure(HtlcPath p, int index, FailureCode failure) {
        int sender = ctx.payment().sender();
        ChannelGraph g = ctx.graph();
        Liquidity l = protocol.knowledge(sender);
        long now = ctx.now();
        for (int i = 0; i < index; i++) {
            if (g.source(p.direction(i)) != sender) {
                l.unconstrained(p.direction(i), p.amountMsat(i), now);
            }
        }
        int e = p.direction(index);
        if (g.source(e) == sender) {
            return;
        }
        if (failure == FailureCode.TEMPORARY_CHANNEL_FAILURE) {
            // askrene's INFORM_CONSTRAINED: "minimal assumption is that reserve was all used then there we were one
            // msat short" (askrene.c v25.09): the bound counts what the sender's other parts hold on e
            l.constrained(e, p.amountMsat(index) + protocol.reservations(sender).of(e), now);
        } else {
            disabled.add(e);
        }
    }

    /** xpay's {@code askrene-reserve} of a part's remote hops ({@link Reservations}). */
    private void reserve(HtlcPath p) {
        int sender = ctx.payment().sender();
        Reservations r = protocol.reservations(sender);
        for (int i = 0; i < p.hops(); i++) {
            if (ctx.graph().source(p.direction(i)) != sender) {
                r.add(p.direction(i), p.amountMsat(i));
            }
        }
    }

    /** xpay's {@code askrene-unreserve} when the part has ended. */
    private void unreserve(HtlcPath p) {
        int sender = ctx.payment().sender();
        Reservations r = protocol.reservations(sender);
        for (int i = 0; i < p.hops(); i++) {
            if (ctx.graph().source(p.direction(i)) != sender) {
                r.remove(p.direction(i), p.amountMsat(i));
            }
        }
    }

    /** Plans what is not in flight and sends it. */
    private void plan() {
        if (ended) {
            return;
        }
        PaymentRequest p = ctx.payment();
        PickhardtSettings s = protocol.settings();
        long remaining = p.amountMsat() - inFlightDeliverMsat;
        int slots = s.maxParts() - partsInFlight;
        if (remaining <= 0 || slots <= 0) {
            return; // wait for the parts in flight
        }
        long budget = Math.max(0, s.maxFeeMsat(p.amountMsat()) - inFlightFeeMsat);
        protocol.believe(p.sender(), ctx.now());
        Planner.Plan plan = protocol.planner().plan(p.sender(), p.receiver(), remaining, budget, s.finalCltv(),
                s.maxDelay(), slots, s.maxHops(), s.muStart(), bounds());
        if (!plan.found()) {
            lastFailure = plan.failure();
            if (partsInFlight == 0) {
                end(lastFailure);
            }
            return;
        }
        Policies prices = protocol.planner().mcf(); // what the sender believes (issue 22)
        for (Flow f : plan.flows()) {
            HtlcPath path = new HtlcPath(f.dirs, f.amounts(prices), f.cltvs(prices, s.finalCltv()), p.id(),
                    f.deliverMsat, p.amountMsat(), s.finalCltv());
            if (!ctx.send(path)) {
                end("the engine refused another attempt");
                return;
            }
            partsInFlight++;
            reserve(path);
            inFlightDeliverMsat += path.deliverMsat();
            inFlightFeeMsat += path.sentMsat() - path.deliverMsat();
        }
    }

    /** What this sender believes now: its learnt bounds, its own balances, this payment's disabled channels. */
    private Bounds bounds() {
        ChannelGraph g = ctx.graph();
        int sender = ctx.payment().sender();
        Liquidity l = protocol.knowledgeOrNull(sender);
        Reservations held = protocol.reservations(sender);
        long now = ctx.now();
        return new Bounds() {
            @Override
            public boolean usable(int e, int from) {
                if (!g.isUsable(e) || (!disabled.isEmpty() && disabled.contains(e))) {
                    return false;
                }
                return from != sender || ctx.ownFreeHtlcSlots(sender, e) > 0;
            }

            @Override
            public long minMsat(int e, int from) {
                if (from == sender) {
                    return ctx.ownSpendableMsat(sender, e);
                }
                long min = l == null ? 0 : l.minMsat(e, now);
                return held.isEmpty() ? min : Math.max(0, min - held.of(e));
            }

            @Override
            public long maxMsat(int e, int from, long capacityMsat) {
                if (from == sender) {
                    return ctx.ownSpendableMsat(sender, e);
                }
                long max = l == null ? capacityMsat : l.maxMsat(e, now, capacityMsat);
                return held.isEmpty() ? max : Math.max(0, max - held.of(e));
            }
        };
    }

    private void end(String reason) {
        if (!ended) {
            ended = true;
            ctx.giveUp(reason);
        }
    }
}
