package org.lnsim.protocols.cloth;

import org.lnsim.engine.payment.Knowledge;
import org.lnsim.engine.payment.PaymentContext;
import org.lnsim.engine.payment.PaymentSession;
import org.lnsim.engine.payment.ProtocolContext;
import org.lnsim.engine.payment.ProtocolReport;
import org.lnsim.engine.payment.RoutingProtocol;
import org.lnsim.network.ChannelGraph;
import org.lnsim.protocols.routing.EdgeRecords;
import org.lnsim.protocols.routing.PerSender;

/**
 * {@code cloth}: CLoTH's source routing (marcono/cloth commit e0e4043): its router ({@link ClothRouter}), each
 * sender's memory of its payments ({@link ClothMemory}) and its pay loop with the two-part split
 * ({@link ClothSession}).
 *
 * <p>Knowledge: the public graph and the sender's own channels' balances, as {@code source}. At set-up (time 0)
 * every node's own balances are noted once, so that each payment's first route can be the one CLoTH computes
 * before the run on the initial balances ({@code run_dijkstra_threads}, {@code src/cloth.c}); that needs nothing a
 * node does not know. Like CLoTH's, those first routes are computed on the run's threads beside the simulation
 * ({@link org.lnsim.protocols.routing.ComputedAhead}), each a pure function of its payment, so the outputs do not
 * depend on the threads. Routing state: the memory's pairs, {@link ClothMemory#BYTES_PER_PAIR} bytes each, per sender.
 */
public final class ClothRouting implements RoutingProtocol {
    public static final String NAME = "cloth";

    private final ChannelGraph graph;
    private final ClothSettings settings;
    private final EdgeRecords edges;
    private final ClothRouter router;
    private final PerSender<ClothMemory> memories;
    private long[] initialMsat;
    /** The workload and the threads {@link #prepare} was given, for the first routes computed ahead. */
    private java.util.List<org.lnsim.engine.payment.PaymentRequest> workload;
    private int threads;
    private org.lnsim.protocols.routing.ComputedAhead<ClothRouter.Path> ahead;

    /** CLoTH's routing over its own copy of the graph's in-edges (tests; runs share {@link EdgeRecords#SHARED}). */
    public ClothRouting(ChannelGraph graph, ClothSettings settings) {
        this(graph, new EdgeRecords(graph), settings);
    }

    /** @param edges the run's {@link EdgeRecords#SHARED} copy of the in-edges */
    public ClothRouting(ChannelGraph graph, EdgeRecords edges, ClothSettings settings) {
        this.graph = graph;
        this.settings = settings;
        this.edges = edges;
        this.router = new ClothRouter(graph, edges, true);
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

    @Override
    public void prepare(java.util.List<org.lnsim.engine.payment.PaymentRequest> payments, int threads,
                        org.lnsim.engine.payment.ProtocolSeeds seeds) {
        this.workload = java.util.List.copyOf(payments);
        this.threads = threads;
    }

    /**
     * Notes every direction's spendable balance at time 0, each node its own (for the first routes), and starts
     * computing the prepared workload's first routes on them in the background.
     */
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
        if (workload != null && !workload.isEmpty()) {
            java.util.List<org.lnsim.engine.payment.PaymentRequest> list = workload;
            ThreadLocal<ClothRouter> routers = ThreadLocal.withInitial(() -> new ClothRouter(graph, edges, true));
            ahead = new org.lnsim.protocols.routing.ComputedAhead<>(list, threads, i -> {
                org.lnsim.engine.payment.PaymentRequest p = list.get(i);
                return routers.get().find(p.sender(), p.receiver(), p.amountMsat(), initialView(p.sender()));
            });
        }
    }

    /** Stops the first-route workers and books their time as preparation. */
    @Override
    public void finish(ProtocolContext ctx) {
        if (ahead != null) {
            ahead.close();
            ctx.view(org.lnsim.engine.payment.TimingsSink.class).addPreparation(ahead.workerNanos());
            ahead = null;
        }
    }

    /**
     * Payment {@code p}'s first route: the one found on the initial balances with an empty memory (computed ahead
     * when the workload was prepared).
     */
    ClothRouter.Path firstRoute(org.lnsim.engine.payment.PaymentRequest p) {
        ClothRouter.Path r = ahead == null ? null : ahead.take(p.id());
        return r != null ? r : router.find(p.sender(), p.receiver(), p.amountMsat(), initialView(p.sender()));
    }

    /** A sender's view at time 0: its initial balances, an empty memory. */
    private ClothRouter.SenderView initialView(int sender) {
        return emptyMemory(sender, e -> initialMsat[e]);
    }

    /**
     * A sender that has learnt nothing: {@code balances} on its own directions, 0.95 on its own hops and the
     * a-priori 0.6 on every other ({@code get_probability} with no results), so no other hop is above 0.6.
     */
    private static ClothRouter.SenderView emptyMemory(int sender, java.util.function.IntToLongFunction balances) {
        return ClothRouter.SenderView.of(sender, balances, null, 0);
    }

    /**
     * CLoTH's search for a sender with an empty memory, its own channels able to carry their whole capacity (no
     * balances are known outside a run): what {@code lnsim bench route --algorithm cloth} times. The route's hops
     * carry the amounts and CLTVs CLoTH sends ({@code send_payment}: each forwarding node's fee on what it forwards,
     * the receiver's {@link ClothRouter#FINAL_TIMELOCK}); its cost is CLoTH's distance. Each {@code get()} gives a
     * search for one thread.
     */
    public static java.util.function.Supplier<org.lnsim.protocols.routing.PathFinder> pathFinders(ChannelGraph graph) {
        EdgeRecords edges = new EdgeRecords(graph);
        return () -> {
            ClothRouter router = new ClothRouter(graph, edges, true);
            return (source, target, amountMsat) -> {
                ClothRouter.Path p = router.find(source, target, amountMsat,
                        emptyMemory(source, e -> graph.capacityMsat(ChannelGraph.channelOf(e))));
                if (!p.found()) {
                    return org.lnsim.protocols.routing.Route.none(amountMsat,
                            org.lnsim.protocols.routing.Algorithm.CLOTH, p.failure());
                }
                int[] dirs = p.directions();
                int n = dirs.length;
                org.lnsim.protocols.routing.RouteHop[] hops = new org.lnsim.protocols.routing.RouteHop[n];
                long amount = amountMsat;
                int cltv = ClothRouter.FINAL_TIMELOCK;
                for (int i = n - 1; i >= 0; i--) {
                    int c = ChannelGraph.channelOf(dirs[i]);
                    hops[i] = new org.lnsim.protocols.routing.RouteHop(c, graph.scid(c), dirs[i] & 1, amount, cltv);
                    amount += ClothRouter.fee(graph, dirs[i], amount);
                    cltv += graph.cltvExpiryDelta(dirs[i]);
                }
                return new org.lnsim.protocols.routing.Route(java.util.List.of(hops), amountMsat, p.distance(),
                        org.lnsim.protocols.routing.Algorithm.CLOTH, null);
            };
        };
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
