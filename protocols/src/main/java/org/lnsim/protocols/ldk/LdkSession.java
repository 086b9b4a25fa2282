package org.lnsim.protocols.ldk;

import org.lnsim.engine.htlc.AttemptResult;
import org.lnsim.engine.htlc.FailureCode;
import org.lnsim.engine.htlc.HtlcPath;
import org.lnsim.engine.payment.PaymentContext;
import org.lnsim.engine.payment.PaymentRequest;
import org.lnsim.engine.payment.PaymentSession;
import org.lnsim.network.ChannelGraph;

/**
 * LDK's payment loop for one payment ({@code lightning/src/ln/outbound_payment.rs}, rust-lightning v0.2.5): route
 * the amount with the sender's scorer ({@code find_route}, one or several paths), send every path as a part of one
 * basic-MPP payment, and on each outcome:
 * <ul>
 *   <li>success: {@code payment_path_successful} on the scorer;</li>
 *   <li>failure at a channel: {@code payment_path_failed} at it, the channel added to the payment's
 *       {@code previously_failed_channels}, its fee budget returned, and — if the retry strategy still allows
 *       ({@code Retry::Timeout}: the payment is at most that old; {@code Retry::Attempts(n)}: fewer than n retries so
 *       far) — the failed amount routed again with the updated scorer; otherwise, or when no route is found, the
 *       payment is abandoned (it fails once its parts in flight resolve);</li>
 *   <li>failure at the recipient: permanent ({@code incorrect_or_unknown_payment_details}) —
 *       {@code probe_successful} (every hop carried it) and the payment fails; otherwise (e.g. {@code mpp_timeout})
 *       no channel is blamed and the amount is retried as above.</li>
 * </ul>
 * The fee limit is {@code max_total_routing_fee_msat} = amount / 100 + 50 sat for the whole payment, less the fees
 * of the paths in flight ({@code remaining_max_total_routing_fee_msat}). The engine also stops a payment at its
 * deadline and attempt cap.
 */
final class LdkSession implements PaymentSession {
    private final PaymentContext ctx;
    private final LdkRouting protocol;
    /** {@code previously_failed_channels}: channel index → 1 (a small table, not a bit per channel of the graph). */
    private final DirAmounts failedChannels = new DirAmounts();
    private long remainingFeeMsat;
    private long firstAttemptUs;
    private int retries;
    private boolean ended;

    LdkSession(PaymentContext ctx, LdkRouting protocol) {
        this.ctx = ctx;
        this.protocol = protocol;
    }

    @Override
    public void start() {
        firstAttemptUs = ctx.now();
        remainingFeeMsat = LdkSettings.maxTotalRoutingFeeMsat(ctx.payment().amountMsat());
        route(ctx.payment().amountMsat());
    }

    @Override
    public void onDelivered(AttemptResult r) {
        LdkRouting.Sender s = protocol.sender(ctx.payment().sender());
        release(s, r.path());
        s.scorer.pathSucceeded(r.path().directions(), capacities(r.path()), r.path().deliverMsat(), ctx.now());
    }

    @Override
    public void onAttemptResult(AttemptResult r) {
        LdkRouting.Sender s = protocol.sender(ctx.payment().sender());
        HtlcPath path = r.path();
        release(s, path);
        if (r.succeeded()) {
            s.scorer.pathSucceeded(path.directions(), capacities(path), path.deliverMsat(), ctx.now());
            return;
        }
        remainingFeeMsat += path.sentMsat() - path.deliverMsat();
        if (r.failingHop() >= path.hops()) {
            if (isPermanent(r.failure())) {
                s.scorer.pathFailed(path.directions(), capacities(path), path.deliverMsat(), -1, ctx.now());
                end("recipient rejected: " + r.failure().label());
                return;
            }
        } else {
            s.scorer.pathFailed(path.directions(), capacities(path), path.deliverMsat(), r.failingHop(), ctx.now());
            failedChannels.set(ChannelGraph.channelOf(path.direction(r.failingHop())), 1);
        }
        if (ended) {
            return;
        }
        if (!retryableNow()) {
            end("retries exhausted: " + r.failure().label());
            return;
        }
        retries++;
        route(path.deliverMsat());
    }

    /** BOLT 4's PERM bit (0x4000). */
    private static boolean isPermanent(FailureCode f) {
        return (f.wireCode() & 0x4000) != 0;
    }

    /** {@code Retry::is_retryable_now}. */
    private boolean retryableNow() {
        LdkSettings st = protocol.settings();
        if (st.retryAttempts() >= 0) {
            return st.retryAttempts() > retries;
        }
        return st.retryTimeoutUs() >= ctx.now() - firstAttemptUs;
    }

    /** Routes {@code amountMsat} of the payment and sends its paths. */
    private void route(long amountMsat) {
        PaymentRequest p = ctx.payment();
        int sender = p.sender();
        LdkRouting.Sender s = protocol.sender(sender);
        s.scorer.advance(ctx.now());
        protocol.believe(sender, ctx.now());
        LdkRouter.FirstHops first = e -> ctx.ownFreeHtlcSlots(sender, e) > 0 ? ctx.ownSpendableMsat(sender, e) : 0;
        LdkRouter.Query q = new LdkRouter.Query(sender, p.receiver(), amountMsat, Math.max(0, remainingFeeMsat),
                s.scorer, first, s.inflight, c -> !failedChannels.isEmpty() && failedChannels.get(c) != 0);
        LdkRouter.Found found = protocol.router().find(q);
        if (!found.found()) {
            end("no route: " + found.failure());
            return;
        }
        LdkSettings st = protocol.settings();
        for (LdkRouter.Path path : found.paths()) {
            HtlcPath h = new HtlcPath(path.directions(), path.amountsMsat(), path.cltvs(), p.id(),
                    path.deliverMsat(), p.amountMsat(), st.finalCltv());
            if (!ctx.send(h)) {
                end("the engine refused another attempt");
                return;
            }
            remainingFeeMsat -= path.feeMsat();
            for (int i = 0; i < path.hops(); i++) {
                s.inflight.add(path.directions()[i], path.amountsMsat()[i]);
            }
            s.pendingPaths++;
        }
    }

    /** The path's HTLCs are no longer in flight. */
    private static void release(LdkRouting.Sender s, HtlcPath path) {
        for (int i = 0; i < path.hops(); i++) {
            s.inflight.add(path.direction(i), -path.amountMsat(i));
        }
        if (--s.pendingPaths == 0) {
            s.inflight.clear();
        }
    }

    private long[] capacities(HtlcPath path) {
        ChannelGraph g = protocol.graph();
        long[] caps = new long[path.hops()];
        for (int i = 0; i < caps.length; i++) {
            caps[i] = g.capacityMsat(ChannelGraph.channelOf(path.direction(i)));
        }
        return caps;
    }

    private void end(String reason) {
        if (!ended) {
            ended = true;
            ctx.giveUp(reason);
        }
    }
}
