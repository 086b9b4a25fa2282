package org.lnsim.protocols.cloth;

import org.lnsim.engine.payment.Knowledge;
import org.lnsim.engine.payment.PaymentContext;
import org.lnsim.engine.payment.PaymentSession;
import org.lnsim.engine.payment.ProtocolContext;
import org.lnsim.engine.payment.ProtocolReport;
import org.lnsim.engine.payment.RoutingProtocol;
import org.lnsim.network.ChannelGraph;
import org.lnsim.protocols.routing.PerSender;

/**
 * {@code cloth}: CLoTH's source routing (marcono/cloth commit e0e4043): its router ({@link ClothRouter}), each
 * sender's memory of its payments ({@link ClothMemory}) and its pay loop with the two-part split
 * ({@link ClothSession}).
 *
 * <p>Knowledge: the public graph and the sender's own channels' balances, as {@code source}. At set-up (time 0)
 * every node's own balances are noted once, so that each payment's first route can be the one CLoTH computes
 * before the run on the initial balances ({@code run_dijkstra_threads}, {@code src/cloth.c}); that needs nothing a
 * node does not know. Routing state: the memory's pairs, {@link ClothMemory#BYTES_PER_PAIR} bytes each, per sender.
 */
public final class ClothRouting implements RoutingProtocol {
    public static final String NAME = "cloth";

    private final ChannelGraph graph;
    private final ClothSettings settings;
    private final ClothRouter router;
    private final PerSender<ClothMemory> memories;
    private long[] initialMsat;

    public ClothRouting(ChannelGraph graph, ClothSettings settings) {
        this.graph = graph;
        this.settings = settings;
        this.router = new ClothRouter(graph);
        this.memories = new PerSender<>(graph.nodeCount(), () -> new ClothMemory(settings.halfLifeS()),
                ClothMemory::bytes);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Knowledge knowledge() {
        return Knowledge.PUBLIC_GRAPH;
    }

    /** Notes every direction's spendable balance at time 0, each node its own (for the first routes). */
    @Override
    public void setup(ProtocolContext ctx) {
        if (!settings.initialFirstRoutes()) {
            return;
        }
        int directions = 2 * graph.channelCount();
        initialMsat = new long[directions];
        for (int e = 0; e < directions; e++) {
            initialMsat[e] = ctx.ownSpendableMsat(graph.source(e), e);
        }
    }

    @Override
    public ProtocolReport report() {
        return memories.report();
    }

    @Override
    public PaymentSession open(PaymentContext ctx) {
        return new ClothSession(ctx, this);
    }

    ClothSettings settings() {
        return settings;
    }

    ClothRouter router() {
        return router;
    }

    ChannelGraph graph() {
        return graph;
    }

    /** Direction {@code e}'s spendable balance at time 0, or -1 when first routes use the arrival's balances. */
    long initialMsat(int e) {
        return initialMsat == null ? -1 : initialMsat[e];
    }

    boolean hasInitialBalances() {
        return initialMsat != null;
    }

    /** The sender's memory, or null if it has learnt nothing. */
    ClothMemory memoryOrNull(int sender) {
        return memories.orNull(sender);
    }

    /** The sender's memory, created empty on first use. */
    ClothMemory memory(int sender) {
        return memories.get(sender);
    }
}
