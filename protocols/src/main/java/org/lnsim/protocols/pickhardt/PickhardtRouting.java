package org.lnsim.protocols.pickhardt;

import org.lnsim.engine.payment.Knowledge;
import org.lnsim.engine.payment.PaymentContext;
import org.lnsim.engine.payment.PaymentSession;
import org.lnsim.engine.payment.ProtocolReport;
import org.lnsim.engine.payment.RoutingProtocol;
import org.lnsim.network.ChannelGraph;
import org.lnsim.protocols.routing.PerSender;

/**
 * {@code pickhardt}: probabilistic min-cost-flow payments as Core Lightning v25.09 makes them — askrene's planner
 * ({@link Planner}, {@link Mcf}, {@link Refine}: Pickhardt &amp; Richter, arXiv 2107.05322) over each sender's own
 * learnt liquidity bounds ({@link Liquidity}, askrene's layers as xpay feeds and ages them), and a pay loop that
 * sends a plan's parts as one basic-MPP payment, learns from each part's outcome and re-plans what is left
 * ({@link PickhardtSession}).
 *
 * <p>Knowledge: the public graph (gossip) and the sender's own channels' balances, as {@code source}; its routing
 * state is the learnt bounds, in bytes per sender ({@link Liquidity#bytes()}) — the gossip store every node keeps is
 * not counted, so the column shows what learning adds. One planner serves all senders of a run (the engine calls
 * protocols from one thread): its per-direction table and flows take 36 bytes per direction, its median scratch up
 * to 16 bytes per arc, its search arrays about 30 bytes per node — about 110 MB at a million channels, once per run.
 */
public final class PickhardtRouting implements RoutingProtocol {
    public static final String NAME = "pickhardt";

    private final ChannelGraph graph;
    private final PickhardtSettings settings;
    private final Planner planner;
    private final PerSender<Liquidity> knowledge;
    private final PerSender<Reservations> reserved;
    /** The run's changing policies (issue 22), or null when they do not change; granted at set-up. */
    private org.lnsim.engine.policy.PolicyBeliefs beliefs;
    /** With changing policies, the planner's table set to each sender's gossip before each plan. */
    private org.lnsim.protocols.routing.BelievedPolicies believed;

    public PickhardtRouting(ChannelGraph graph, PickhardtSettings settings) {
        this.graph = graph;
        this.settings = settings;
        this.planner = new Planner(graph, settings.units(), settings.singlePathThresholdMsat());
        this.knowledge = new PerSender<>(graph.nodeCount(), () -> new Liquidity(settings.constraintMaxAgeUs()),
                Liquidity::bytes);
        this.reserved = new PerSender<>(graph.nodeCount(), Reservations::new, r -> 0);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Knowledge knowledge() {
        return Knowledge.PUBLIC_GRAPH;
    }

    /** The learnt bounds' bytes of each sender (0 for a node that never sent). */
    @Override
    public ProtocolReport report() {
        return knowledge.report();
    }

    @Override
    public PaymentSession open(PaymentContext ctx) {
        return new PickhardtSession(ctx, this);
    }

    /**
     * With changing policies (issue 22) the planner prices its plans with what the sender has heard by gossip,
     * written into its table before each plan ({@link #believe}). Not with what failures told it: xpay (Core
     * Lightning v25.09 {@code plugins/xpay/xpay.c}) answers {@code fee_insufficient} and
     * {@code incorrect_cltv_expiry} by disabling the channel for the payment ({@code askrene-update-channel}) and
     * does not add the channel_update to its gossip (the older {@code pay} plugin did, {@code libplugin-pay.c}).
     */
    @Override
    public void setup(org.lnsim.engine.payment.ProtocolContext ctx) {
        org.lnsim.engine.policy.PolicyBeliefs b = ctx.view(org.lnsim.engine.policy.PolicyBeliefs.class);
        if (b.active()) {
            beliefs = b;
            believed = new org.lnsim.protocols.routing.BelievedPolicies(graph, planner.mcf());
        }
    }

    /** Sets the planner's prices to what {@code sender} has heard by gossip now; nothing on a static network. */
    void believe(int sender, long nowUs) {
        if (believed != null) {
            believed.believe(beliefs, new int[] {sender}, nowUs, false);
        }
    }

    PickhardtSettings settings() {
        return settings;
    }

    Planner planner() {
        return planner;
    }

    ChannelGraph graph() {
        return graph;
    }

    /** The sender's knowledge, or null if it has learnt nothing. */
    Liquidity knowledgeOrNull(int sender) {
        return knowledge.orNull(sender);
    }

    /** What the sender's parts in flight hold, created empty on first use. */
    Reservations reservations(int sender) {
        return reserved.get(sender);
    }

    /** The sender's knowledge, created empty on first use. */
    Liquidity knowledge(int sender) {
        return knowledge.get(sender);
    }
}
