package org.lnsim.protocols.ant;

import org.lnsim.engine.htlc.AttemptResult;
import org.lnsim.engine.htlc.HtlcPath;
import org.lnsim.engine.payment.PaymentContext;
import org.lnsim.engine.payment.PaymentSession;
import org.lnsim.network.ChannelGraph;

/**
 * One payment under ant routing, round by round (papers: lightning-facts §6; timing choices are lnsim's):
 * <ol>
 *   <li>draw a fresh R from the protocol's random stream and flood both seeds now ({@link AntRouting#flood});</li>
 *   <li>no matched seed reaches the payer: it cannot tell, so it waits until the seeds are wiped
 *       ({@code wipe-after}) and gives up ("no match"); a new round would flood the same balances again;</li>
 *   <li>otherwise it decides as {@link MatchChoice} says, sends a confirmation along the chosen path to the payee and
 *       waits for the payee's confirmation back (one message per hop each way), then sends the HTLCs on that path:
 *       discovery time = decision + confirmation round trip;</li>
 *   <li>if the HTLCs fail below the payee, a new round starts (fresh R) while rounds remain and the deadline has not
 *       passed; a payee's refusal ends the payment.</li>
 * </ol>
 * The HTLC path is built from the matched path with BOLT 7 fee arithmetic backwards from the payee (each hop's amount
 * is the next hop's plus the next hop's fee on it; CLTVs from the payee's final CLTV plus each next hop's delta), as a
 * source route. In the papers the HTLC follows the reverse pointers hop by hop; the amounts and delays are the same.
 *
 * <p>With churn, the flood does not know which nodes are offline (the engine's contexts do not tell a protocol), so
 * seeds pass through offline nodes; the HTLC then fails with {@code unknown_next_peer} and the next round, on the
 * same balances, usually finds the same path: churn costs ant routing rounds here that a real flood would not spend.
 */
final class AntSession implements PaymentSession {
    private final AntRouting protocol;
    private final PaymentContext ctx;
    private final long[] r = new long[4];
    private int rounds;
    private boolean matchSeen;
    private int[] pathSent;

    AntSession(AntRouting protocol, PaymentContext ctx) {
        this.protocol = protocol;
        this.ctx = ctx;
    }

    @Override
    public void start() {
        round();
    }

    @Override
    public void onAttemptResult(AttemptResult result) {
        if (result.succeeded()) {
            return;
        }
        protocol.history(pathSent, -1);   // the payment did not complete over this path after all
        if (result.failingHop() == result.path().hops()) {
            ctx.giveUp("receiver refused: " + result.failure().label());
        } else if (rounds < protocol.settings().maxRounds() && ctx.now() < ctx.deadlineUs()) {
            round();
        } else {
            ctx.giveUp("rounds exhausted: " + result.failure().label());
        }
    }

    private void round() {
        rounds++;
        ctx.addToColumn(AntRouting.ROUNDS, 1);
        for (int i = 0; i < r.length; i++) {
            r[i] = ctx.random().nextLong();   // R, 32 bytes; it names the seeds and changes nothing else in lnsim
        }
        AntSettings s = protocol.settings();
        SeedWave w = protocol.flood(ctx, rounds == 1);
        ctx.addToColumn(AntRouting.SEED_MESSAGES, w.seedMessages(0) + w.seedMessages(1));
        ctx.addToColumn(AntRouting.MATCH_MESSAGES, w.matchMessages());
        ctx.addToColumn(AntRouting.LATE_REPEAT_NODES, w.lateRepeatNodes());
        int reported = 0;
        for (int m = 0; m < w.matchCount(); m++) {
            if (w.matchReported(m)) {
                reported++;
            }
        }
        ctx.addToColumn(AntRouting.MATCHES, reported);
        MatchChoice choice = w.choice();   // MatchChoice.choose, made where the wave ran (AntRouting.flood)
        if (choice.match() < 0) {
            long wait = s.wipeAfterUs();
            ctx.schedule(wait, () -> {
                ctx.addDiscoveryUs(wait);
                ctx.giveUp("no match");
            });
            return;
        }
        long roundStart = ctx.now() - ctx.payment().arrivalUs();
        if (!matchSeen) {
            matchSeen = true;
            ctx.addToColumn(AntRouting.FIRST_MATCH_US, roundStart + choice.firstUs());
            ctx.addToColumn(AntRouting.CHOSEN_MATCH_US, roundStart + choice.decideUs());
        }
        int[] dirs = w.path(choice.match());
        ChannelGraph g = protocol.graph();
        long confirmUs = 0;
        for (int e : dirs) {
            confirmUs += ctx.controlDelayUs(e) + ctx.controlDelayUs(e ^ 1);
            ctx.chargeControl(g.source(e), -1, AntMessages.CONFIRM_TYPE, 1, AntMessages.CONFIRM_BYTES);
            ctx.chargeControl(g.target(e), -1, AntMessages.CONFIRM_TYPE, 1, AntMessages.CONFIRM_BYTES);
        }
        ctx.addToColumn(AntRouting.CONFIRM_MESSAGES, 2L * dirs.length);
        HtlcPath path = htlcPath(g, dirs);
        long ready = choice.decideUs() + confirmUs;
        ctx.schedule(ready, () -> {
            ctx.addDiscoveryUs(ready);
            pathSent = dirs;
            if (ctx.send(path)) {
                protocol.history(dirs, 1);
            } else {
                ctx.giveUp("the engine refused another attempt");
            }
        });
    }

    private HtlcPath htlcPath(ChannelGraph g, int[] dirs) {
        int n = dirs.length;
        long[] amounts = new long[n];
        int[] cltvs = new int[n];
        int finalCltv = protocol.settings().finalCltv();
        amounts[n - 1] = ctx.payment().amountMsat();
        cltvs[n - 1] = finalCltv;
        // each node on the path states its own fee and delta as they are now (issue 22: policies may change)
        org.lnsim.engine.policy.PolicyUpdates now = protocol.policies();
        now.advanceTo(ctx.now());
        for (int i = n - 2; i >= 0; i--) {
            amounts[i] = amounts[i + 1] + now.feeMsat(dirs[i + 1], amounts[i + 1]);
            cltvs[i] = cltvs[i + 1] + now.cltvExpiryDelta(dirs[i + 1]);
        }
        long amount = ctx.payment().amountMsat();
        return new HtlcPath(dirs, amounts, cltvs, ctx.payment().id(), amount, amount, finalCltv);
    }
}
