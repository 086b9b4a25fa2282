package org.lnsim.protocols.source;

import org.lnsim.engine.payment.Knowledge;
import org.lnsim.engine.payment.PaymentContext;
import org.lnsim.engine.payment.PaymentSession;
import org.lnsim.engine.payment.ProtocolContext;
import org.lnsim.engine.payment.RoutingProtocol;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.gossip.GossipSizes;
import org.lnsim.protocols.routing.HybridRouter;

/**
 * {@code source}: full-gossip source routing, lnsim's baseline. Every node holds the whole public graph (BOLT 7),
 * so its routing state is the network's real gossip size ({@link GossipSizes}, {@code gossip_bytes_raw}), and
 * joining costs one full sync of that gossip per node, charged at set-up. With a channel_update churn rate, each
 * update (130 bytes, lightning-facts §4.1) reaches every node; that traffic is charged at the end of the run for its
 * duration. Payments use c-lightning's pay loop over the hybrid router ({@link RouteAttempts}).
 */
public final class SourceRouting implements RoutingProtocol {
    public static final String NAME = "source";
    private static final double US_PER_DAY = 86_400e6;

    private final ChannelGraph graph;
    private final HybridRouter router;
    private final PayPolicy pay;
    private final long[] pathNanos = new long[1];
    private final double updatesPerChannelPerDay;
    private final GossipSizes.Totals gossip;

    /**
     * @param updatesPerChannelPerDay channel_update churn, ≥ 0 (0: a static graph, as in the Million Channels runs)
     */
    public SourceRouting(ChannelGraph graph, PayPolicy pay, double updatesPerChannelPerDay) {
        if (!(updatesPerChannelPerDay >= 0)) {
            throw new IllegalArgumentException("update rate must be >= 0");
        }
        this.graph = graph;
        this.router = new HybridRouter(graph);
        this.pay = pay;
        this.updatesPerChannelPerDay = updatesPerChannelPerDay;
        this.gossip = GossipSizes.of(graph);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Knowledge knowledge() {
        return Knowledge.PUBLIC_GRAPH;
    }

    /** Each node with channels receives the whole gossip once (its initial sync), sent by a peer. */
    @Override
    public void setup(ProtocolContext ctx) {
        long messages = gossip.channelAnnouncements() + gossip.channelUpdates() + gossip.nodeAnnouncements();
        for (int n = 0; n < graph.nodeCount(); n++) {
            if (graph.degree(n) > 0) {
                ctx.chargeControl(n, "gossip_sync", messages, gossip.rawBytes());
            }
        }
    }

    /** channel_update churn over the run: every update reaches every node with channels. */
    @Override
    public void finish(ProtocolContext ctx) {
        if (updatesPerChannelPerDay == 0) {
            return;
        }
        long updates = Math.round(updatesPerChannelPerDay * graph.channelCount() * (ctx.now() / US_PER_DAY));
        for (int n = 0; n < graph.nodeCount(); n++) {
            if (graph.degree(n) > 0) {
                ctx.chargeControl(n, "channel_update", updates, updates * (long) GossipSizes.CHANNEL_UPDATE);
            }
        }
    }

    @Override
    public long stateBytes(int node) {
        return graph.degree(node) > 0 ? gossip.rawBytes() : 0;
    }

    @Override
    public long pathFindingNanos() {
        return pathNanos[0];
    }

    @Override
    public PaymentSession open(PaymentContext ctx) {
        return new RouteAttempts(ctx, router, pay, null, pathNanos);
    }
}
