package org.lnsim.protocols.source;

import java.util.List;
import org.lnsim.engine.payment.Knowledge;
import org.lnsim.engine.payment.PaymentContext;
import org.lnsim.engine.payment.PaymentRequest;
import org.lnsim.engine.payment.PaymentSession;
import org.lnsim.engine.payment.ProtocolContext;
import org.lnsim.engine.payment.ProtocolReport;
import org.lnsim.engine.payment.ProtocolSeeds;
import org.lnsim.engine.payment.TimingsSink;
import org.lnsim.engine.policy.PolicyBeliefs;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.gossip.GossipSizes;
import org.lnsim.protocols.routing.HybridRouter;
import org.lnsim.protocols.routing.Route;
import org.lnsim.protocols.routing.RouteRequest;

/**
 * {@code source}: full-gossip source routing, lnsim's baseline. Every node holds the whole public graph (BOLT 7),
 * so its routing state is the network's real gossip size ({@link GossipSizes}, {@code gossip_bytes_raw}), and
 * joining costs one full sync of that gossip per node, charged at set-up. With a channel_update churn rate, or
 * with node churn (each toggle makes the node's peers announce their directions disabled or enabled), each update
 * (130 bytes, lightning-facts §4.1) reaches every node; that traffic is charged at the end of the run. Payments use c-lightning's pay loop over the hybrid router ({@link RouteAttempts}), with a fee-fuzz seed
 * per payment derived from (the engine's seeds, payment id). Since the public graph is all a sender knows besides its own channels,
 * {@link #prepare} has background threads compute every payment's first route while the run goes on, and the pay
 * loop uses it when it is still exact (see {@link RouteAttempts}): the same results, faster on a multi-core machine.
 */
public final class SourceRouting extends PayLoopProtocol {
    public static final String NAME = "source";
    private static final double US_PER_DAY = 86_400e6;

    private final ChannelGraph graph;
    private final double updatesPerChannelPerDay;
    /** The gossip store a node syncs at set-up: the channels open at the start (dormant ones open later). */
    private GossipSizes.Totals gossip;
    private org.lnsim.protocols.routing.ComputedAhead<Route> ahead;

    /**
     * @param updatesPerChannelPerDay channel_update churn, ≥ 0 (0: a static graph, as in the Million Channels runs)
     * @param router                  the network's router (shared with other protocols of the run)
     */
    public SourceRouting(HybridRouter router, PayPolicy pay, double updatesPerChannelPerDay) {
        super(router, pay, NAME);
        if (!(updatesPerChannelPerDay >= 0)) {
            throw new IllegalArgumentException("update rate must be >= 0");
        }
        this.graph = router.graph();
        this.updatesPerChannelPerDay = updatesPerChannelPerDay;
        this.gossip = GossipSizes.of(graph);
    }

    /** With a router of its own. */
    public SourceRouting(ChannelGraph graph, PayPolicy pay, double updatesPerChannelPerDay) {
        this(new HybridRouter(graph), pay, updatesPerChannelPerDay);
    }

    /**
     * Starts computing every payment's first route on the public graph on {@code threads} background threads, in
     * arrival order, while the run goes on ({@link org.lnsim.protocols.routing.ComputedAhead}).
     */
    @Override
    public void prepare(List<PaymentRequest> payments, int threads, ProtocolSeeds seeds) {
        if (ahead != null) {
            ahead.close();
        }
        List<PaymentRequest> list = List.copyOf(payments);
        ahead = new org.lnsim.protocols.routing.ComputedAhead<>(list, threads, i -> {
            PaymentRequest p = list.get(i);
            return RouteAttempts.firstRoute(router, p, pay, fuzzSeed(seeds, p.id()));
        });
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Knowledge knowledge() {
        return Knowledge.PUBLIC_GRAPH;
    }

    /**
     * Each node with channels receives the whole gossip once (its initial sync), sent by its peers: each channel's
     * peer sends an even share ({@link PeerCharges}), so a node's set-up figures are its own sync received and its
     * share of its peers' syncs sent. (Until issue 18 the whole sync was charged to the peer in the receiver's first
     * adjacency slot, which made the sent figures a matter of adjacency order.)
     */
    @Override
    public void setup(ProtocolContext ctx) {
        if (ahead != null && policiesChange(ctx)) {
            // routes computed on the announced policies are never used when they change (open): stop computing them
            ahead.close();
            ahead = null;
        }
        int firstDormant = ctx.view(PolicyBeliefs.class).truth().firstDormant();
        if (firstDormant < graph.channelCount()) {
            gossip = GossipSizes.of(graph, firstDormant);
        }
        long messages = gossip.channelAnnouncements() + gossip.channelUpdates() + gossip.nodeAnnouncements();
        for (int n = 0; n < graph.nodeCount(); n++) {
            if (graph.degree(n) > 0) {
                PeerCharges.fromPeers(ctx, graph, n, "gossip_sync", messages, gossip.rawBytes());
            }
        }
    }

    /**
     * Gossip caused during the run, charged at its end: channel_update churn at the configured rate or the run's
     * policy updates ({@code policy_updates}; a channel that opens adds its channel_announcement), and the
     * channel_updates of node churn — each time a node goes offline or comes back, each of its peers announces its
     * direction disabled or enabled again (one update per channel; BOLT 7). Every update reaches every node with
     * channels, from its peers ({@link PeerCharges}).
     */
    @Override
    public void finish(ProtocolContext ctx) {
        if (ahead != null) {
            ahead.close();
            // the route-ahead workers' time, summed over workers (they ran beside the simulation)
            ctx.view(TimingsSink.class).addPreparation(ahead.workerNanos());
        }
        long updates = Math.round(updatesPerChannelPerDay * graph.channelCount() * (ctx.now() / US_PER_DAY));
        PolicyBeliefs policies = ctx.view(PolicyBeliefs.class);
        if (policies.active()) {
            updates += policies.truth().runChannelUpdates(ctx.now()); // the run's real policy updates (issue 22)
        }
        for (int u = 0; u < graph.nodeCount(); u++) {
            updates += ctx.nodeToggles(u) * graph.degree(u);
        }
        long opened = policies.active() ? policies.truth().runChannelOpens(ctx.now()) : 0;
        if (opened > 0) { // each new channel's announcement reaches every node (its updates are counted above)
            for (int n = 0; n < graph.nodeCount(); n++) {
                if (graph.degree(n) > 0) {
                    PeerCharges.fromPeers(ctx, graph, n, "channel_announcement", opened,
                            opened * GossipSizes.CHANNEL_ANNOUNCEMENT);
                }
            }
        }
        if (updates == 0) {
            return;
        }
        for (int n = 0; n < graph.nodeCount(); n++) {
            if (graph.degree(n) > 0) {
                PeerCharges.fromPeers(ctx, graph, n, "channel_update", updates,
                        updates * (long) GossipSizes.CHANNEL_UPDATE);
            }
        }
    }

    /** Every node with channels keeps the whole gossip store. */
    @Override
    public ProtocolReport report() {
        return node -> graph.degree(node) > 0 ? gossip.rawBytes() : 0;
    }

    @Override
    public PaymentSession open(PaymentContext ctx) {
        long id = ctx.payment().id();
        // null when policies change (setup stopped it): a route computed on the announced policies is not what the
        // sender believes now
        Route first = ahead == null ? null : ahead.take(id);
        return new RouteAttempts(ctx, hybridPartRoutes(ctx, null), pay, first);
    }

    /** A sender knows the public graph and its own channels only. */
    @Override
    protected RouteRequest.LocalBalances liquidity(PaymentContext ctx) {
        return null;
    }
}
