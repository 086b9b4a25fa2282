package org.lnsim.protocols.lnd;

import java.util.ArrayList;
import java.util.List;
import org.lnsim.engine.payment.Knowledge;
import org.lnsim.engine.payment.PaymentContext;
import org.lnsim.engine.payment.PaymentSession;
import org.lnsim.engine.payment.ProtocolReport;
import org.lnsim.network.ChannelGraph;

/**
 * {@code lnd} and {@code lnd.bimodal}: lnd v0.18.5-beta's source routing. Each sender keeps its own mission control
 * ({@link PairHistory}), learnt from the outcomes of its own attempts ({@link Outcomes}, lnd's
 * {@code result_interpretation.go}) and read by the probability estimator: the apriori one ({@link Apriori},
 * {@code lnd}) or the bimodal one ({@link Bimodal}, {@code lnd.bimodal}); routes come from lnd's path finding
 * ({@link LndRouter}); payments retry with the updated knowledge ({@link LndSession}) until no route is left, the
 * receiver refuses, or the engine
 * stops them (deadline, attempt cap).
 *
 * <p>Knowledge: the public graph (gossip) and the sender's own channels' balances, as {@code source}; its routing
 * state is what mission control holds, in bytes per sender ({@link PairHistory#bytes()}) — the gossip store every
 * node also keeps is not counted here, so the column shows what learning adds.
 *
 * <h2>When a success is learnt</h2>
 * The engine hands a session every failed attempt, but not the attempt that completes the payment. lnd records a
 * success when the HTLC is settled; here an attempt never reported failed is taken as settled when its sender next
 * searches a route for another payment ({@link #settlePending}). A payment of the same sender that starts while an
 * earlier one's attempt is still in flight therefore sees it as a success; should it then fail, the failure is
 * applied as lnd would (it lowers the success amount), but the pairs after the failing hop keep the assumed success.
 */
public final class LndRouting implements org.lnsim.engine.payment.RoutingProtocol {
    public static final String NAME = "lnd";
    /** The same router and pay loop with lnd's bimodal estimator ({@link Bimodal}). */
    public static final String BIMODAL = "lnd.bimodal";

    private final ChannelGraph graph;
    private final LndSettings settings;
    private final LndRouter router;
    private final PairHistory[] histories;
    private final List<List<Pending>> pending;

    public LndRouting(ChannelGraph graph, LndSettings settings) {
        this.graph = graph;
        this.settings = settings;
        this.router = new LndRouter(graph);
        this.histories = new PairHistory[graph.nodeCount()];
        this.pending = new ArrayList<>(java.util.Collections.nCopies(graph.nodeCount(), (List<Pending>) null));
    }

    /** An attempt sent and not yet reported failed. */
    record Pending(LndSession owner, int[] nodes, long[] amountsMsat) {
    }

    @Override
    public String name() {
        return settings.estimator() instanceof Bimodal ? BIMODAL : NAME;
    }

    @Override
    public Knowledge knowledge() {
        return Knowledge.PUBLIC_GRAPH;
    }

    /** Mission control's bytes of each sender (0 for a node that never sent). */
    @Override
    public ProtocolReport report() {
        return node -> histories[node] == null ? 0 : histories[node].bytes();
    }

    /** The attempts still pending at the end completed their payments: learnt as successes now. */
    @Override
    public void finish(org.lnsim.engine.payment.ProtocolContext ctx) {
        for (int sender = 0; sender < histories.length; sender++) {
            settlePending(sender, null, ctx.now());
        }
    }

    @Override
    public PaymentSession open(PaymentContext ctx) {
        return new LndSession(ctx, this);
    }

    LndSettings settings() {
        return settings;
    }

    LndRouter router() {
        return router;
    }

    ChannelGraph graph() {
        return graph;
    }

    /** The sender's mission control, or null if it has observed nothing. */
    PairHistory historyOrNull(int sender) {
        return histories[sender];
    }

    /** The sender's mission control, created empty on first use. */
    PairHistory history(int sender) {
        PairHistory h = histories[sender];
        if (h == null) {
            h = new PairHistory();
            histories[sender] = h;
        }
        return h;
    }

    void addPending(int sender, Pending p) {
        List<Pending> l = pending.get(sender);
        if (l == null) {
            l = new ArrayList<>(2);
            pending.set(sender, l);
        }
        l.add(p);
    }

    /** Removes {@code owner}'s pending attempt (its result arrived); false if there was none. */
    boolean removePending(int sender, LndSession owner) {
        List<Pending> l = pending.get(sender);
        if (l == null) {
            return false;
        }
        for (int i = 0; i < l.size(); i++) {
            if (l.get(i).owner() == owner) {
                l.remove(i);
                return true;
            }
        }
        return false;
    }

    /**
     * Takes every pending attempt of {@code sender} not sent by {@code asker} as settled at {@code now}: each of its
     * pairs a success of the amount it carried (lnd's {@code processSuccess}).
     */
    void settlePending(int sender, LndSession asker, long now) {
        List<Pending> l = pending.get(sender);
        if (l == null || l.isEmpty()) {
            return;
        }
        for (int i = 0; i < l.size(); ) {
            Pending p = l.get(i);
            if (p.owner() != asker) {
                Outcomes.successRange(history(sender), p.nodes(), p.amountsMsat(), 0, p.amountsMsat().length - 1,
                        now);
                l.remove(i);
            } else {
                i++;
            }
        }
    }
}
