package org.lnsim.protocols.cloth;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.lnsim.engine.htlc.AttemptResult;
import org.lnsim.engine.htlc.FailureCode;
import org.lnsim.engine.htlc.HtlcPath;
import org.lnsim.engine.payment.PaymentContext;
import org.lnsim.engine.payment.PaymentRequest;
import org.lnsim.engine.payment.PaymentSession;
import org.lnsim.network.ChannelGraph;

/**
 * CLoTH's pay loop for one payment ({@code find_path}, {@code process_success_result}, {@code process_fail_result}
 * of {@code src/htlc.c} at marcono/cloth commit e0e4043):
 * <ol>
 *   <li>the first attempt takes the route found on the initial balances with an empty memory (CLoTH computes it
 *       for every payment before the run); a first hop that can no longer carry it fails at the sender, which
 *       learns nothing from that (lnd's {@code processPaymentOutcomeSelf}) and searches again at once;</li>
 *   <li>no first route and {@code split_on_no_path}: two halves, ⌊amount/2⌋ and the rest, each searched now (both
 *       on the same state) and sent if both are found, else the payment fails; each half is then retried on its own
 *       and may deliver while the other fails (CLoTH's shards are separate payments; the receiver settles each);</li>
 *   <li>every failure updates the sender's memory: a temporary_channel_failure (CLoTH's {@code NOBALANCE}) records
 *       successes for the hops before the failing one and a failure of the amount it carried on it; an
 *       unknown_next_peer ({@code OFFLINENODE}) a failure of 0 both ways; then a fresh search at the same time;</li>
 *   <li>a delivered attempt records a success of each hop's amount, when the sender learns it;</li>
 *   <li>a part stops when a search finds no path, or past 60 s after the arrival (CLoTH's timeout, checked before
 *       each search; the engine's {@code engine.timeout_s}, 60 s by default, refuses later attempts). There is no
 *       fee budget.</li>
 * </ol>
 */
final class ClothSession implements PaymentSession {
    private final PaymentContext ctx;
    private final ClothRouting protocol;
    private final List<Part> parts = new ArrayList<>(2);
    private final Map<HtlcPath, Part> inFlight = new IdentityHashMap<>(2);

    /** One of CLoTH's payments: the whole, or a shard. */
    private static final class Part {
        final long amountMsat;
        boolean delivered;
        String stopped;

        Part(long amountMsat) {
            this.amountMsat = amountMsat;
        }
    }

    ClothSession(PaymentContext ctx, ClothRouting protocol) {
        this.ctx = ctx;
        this.protocol = protocol;
    }

    @Override
    public void start() {
        PaymentRequest p = ctx.payment();
        ClothRouter.Path first = protocol.hasInitialBalances() ? protocol.firstRoute(p) : search(p.amountMsat());
        if (first.found()) {
            Part whole = new Part(p.amountMsat());
            parts.add(whole);
            send(whole, first.directions());
            return;
        }
        if (protocol.settings().splitOnNoPath() && p.amountMsat() >= 2) {
            long a1 = p.amountMsat() / 2;
            long a2 = p.amountMsat() - a1;
            ClothRouter.Path s1 = search(a1);
            ClothRouter.Path s2 = s1.found() ? search(a2) : s1;
            if (s1.found() && s2.found()) {
                Part one = new Part(a1);
                Part two = new Part(a2);
                parts.add(one);
                parts.add(two);
                send(one, s1.directions());
                send(two, s2.directions());
                return;
            }
            ctx.giveUp("no route: " + (s1.found() ? s2 : s1).failure() + " (two parts)");
            return;
        }
        ctx.giveUp("no route: " + first.failure());
    }

    @Override
    public void onDelivered(AttemptResult r) {
        Part part = inFlight.remove(r.path());
        learnSuccess(r.path(), r.path().hops());
        if (part != null) {
            part.delivered = true;
        }
    }

    @Override
    public void onAttemptResult(AttemptResult r) {
        Part part = inFlight.remove(r.path());
        if (part == null) {
            throw new IllegalStateException("payment " + ctx.payment().id() + ": a result for no attempt in flight");
        }
        if (r.succeeded()) {
            learnSuccess(r.path(), r.path().hops());
            part.delivered = true;
            finishIfDone();
            return;
        }
        learnFailure(r);
        retry(part);
    }

    /** {@code find_path} for a part's next attempt. */
    private void retry(Part part) {
        if (ctx.now() > ctx.deadlineUs()) {
            stop(part, "timeout");
            return;
        }
        ClothRouter.Path path = search(part.amountMsat);
        if (!path.found()) {
            stop(part, "no route: " + path.failure());
            return;
        }
        send(part, path.directions());
    }

    private void stop(Part part, String why) {
        part.stopped = why;
        finishIfDone();
    }

    /** Gives up once every part has delivered or stopped and one stopped (delivered: the engine ends it). */
    private void finishIfDone() {
        String why = null;
        for (Part q : parts) {
            if (!q.delivered && q.stopped == null) {
                return;
            }
            if (q.stopped != null && why == null) {
                why = q.stopped;
            }
        }
        if (why != null) {
            ctx.giveUp(why);
        }
    }

    /** Sends a part along {@code dirs}: amounts and CLTVs built back from the receiver (CLoTH's final 40). */
    private void send(Part part, int[] dirs) {
        PaymentRequest p = ctx.payment();
        ChannelGraph g = protocol.graph();
        int n = dirs.length;
        long[] amounts = new long[n];
        int[] cltvs = new int[n];
        amounts[n - 1] = part.amountMsat;
        cltvs[n - 1] = ClothRouter.FINAL_TIMELOCK;
        for (int i = n - 2; i >= 0; i--) {
            amounts[i] = amounts[i + 1] + ClothRouter.fee(g, dirs[i + 1], amounts[i + 1]);
            cltvs[i] = cltvs[i + 1] + g.cltvExpiryDelta(dirs[i + 1]);
        }
        HtlcPath path = new HtlcPath(dirs, amounts, cltvs, p.id(), part.amountMsat, p.amountMsat(),
                ClothRouter.FINAL_TIMELOCK);
        inFlight.put(path, part);
        if (!ctx.send(path)) { // may report a failure at the sender before it returns (then retried already)
            inFlight.remove(path);
            stop(part, "timeout");
        }
    }

    /** {@code process_success_result}: each hop carried its amount. */
    private void learnSuccess(HtlcPath path, int upTo) {
        ClothMemory m = protocol.memory(ctx.payment().sender());
        ChannelGraph g = protocol.graph();
        for (int i = 0; i < upTo; i++) {
            int e = path.direction(i);
            m.success(g.source(e), g.target(e), path.amountMsat(i), ctx.now());
        }
    }

    /** {@code process_fail_result}: nothing when the sender itself failed it. */
    private void learnFailure(AttemptResult r) {
        int h = r.failingHop();
        if (h <= 0) {
            return;
        }
        HtlcPath path = r.path();
        ChannelGraph g = protocol.graph();
        if (h >= path.hops()) {
            return; // the receiver refused: CLoTH has no such error
        }
        int e = path.direction(h);
        ClothMemory m = protocol.memory(ctx.payment().sender());
        if (r.failure() == FailureCode.UNKNOWN_NEXT_PEER) {
            m.fail(g.source(e), g.target(e), 0, ctx.now());
            m.fail(g.target(e), g.source(e), 0, ctx.now());
        } else if (r.failure() == FailureCode.TEMPORARY_CHANNEL_FAILURE) {
            learnSuccess(path, h);
            m.fail(g.source(e), g.target(e), path.amountMsat(h), ctx.now());
        }
    }

    /** The sender's view now: its spendable balances and memory. */
    private ClothRouter.Path search(long amountMsat) {
        PaymentRequest p = ctx.payment();
        int sender = p.sender();
        ClothRouter.SenderView view = ClothRouter.SenderView.of(sender, e -> ctx.ownSpendableMsat(sender, e),
                protocol.memoryOrNull(sender), ctx.now());
        return protocol.router().find(sender, p.receiver(), amountMsat, view);
    }
}
