package org.lnsim.protocols.ldk;

import org.lnsim.engine.payment.Knowledge;
import org.lnsim.engine.payment.PaymentContext;
import org.lnsim.engine.payment.PaymentSession;
import org.lnsim.engine.payment.ProtocolReport;
import org.lnsim.engine.payment.RoutingProtocol;
import org.lnsim.network.ChannelGraph;
import org.lnsim.protocols.routing.EdgeRecords;
import org.lnsim.protocols.routing.PerSender;

/**
 * {@code ldk}: rust-lightning v0.2.5's source routing. Each sender keeps its own {@code ProbabilisticScorer}
 * ({@link LdkScorer}), learnt from the outcomes of its own paths as LDK's background processor feeds them back
 * ({@code update_scorer}: {@code payment_path_failed} with the failing channel, {@code probe_successful} for a
 * recipient's permanent refusal, {@code payment_path_successful}); routes come from LDK's {@code find_route}
 * ({@link LdkRouter}), several paths per payment when one cannot carry it (basic MPP, the default, up to
 * {@code max_path_count} = 10); failed paths are re-routed with the updated scorer while the retry strategy allows
 * ({@link LdkSession}).
 *
 * <p>Knowledge: the public graph (gossip) and the sender's own channels' balances and in-flight HTLCs; its routing
 * state is the scorer's table plus its in-flight map, in bytes per sender — the gossip store every node keeps is
 * not counted, so the column shows what learning adds.
 */
public final class LdkRouting implements RoutingProtocol {
    public static final String NAME = "ldk";

    private final ChannelGraph graph;
    private final LdkSettings settings;
    private final EdgeRecords edges;
    private LdkRouter router;
    /** The run's changing policies (issue 22), or null when they do not change; granted at set-up. */
    private org.lnsim.engine.policy.PolicyBeliefs beliefs;
    /** With changing policies, the router's own copy of the in-edges, set to each sender's gossip per search. */
    private EdgeRecords believedEdges;
    private final PerSender<Sender> senders;

    /** One sender's state: its scorer and its HTLCs in flight per direction ({@code InFlightHtlcs}). */
    static final class Sender {
        final LdkScorer scorer;
        final DirAmounts inflight = new DirAmounts();
        int pendingPaths;

        Sender(LdkSettings s) {
            scorer = new LdkScorer(s);
        }

        long bytes() {
            return scorer.bytes() + inflight.bytes();
        }
    }

    public LdkRouting(ChannelGraph graph, LdkSettings settings) {
        this(graph, new EdgeRecords(graph), settings);
    }

    /** @param edges the run's {@link EdgeRecords#SHARED} copy of the in-edges */
    public LdkRouting(ChannelGraph graph, EdgeRecords edges, LdkSettings settings) {
        this.graph = graph;
        this.settings = settings;
        this.edges = edges;
        this.router = new LdkRouter(graph, edges, settings);
        this.senders = new PerSender<>(graph.nodeCount(), () -> new Sender(settings), Sender::bytes);
    }

    /**
     * LDK's {@code find_route} for a sender whose scorer is empty, its own channels at full capacity (no balances
     * are known outside a run): what {@code lnsim bench route --algorithm ldk} times, MPP path collection included.
     * The route returned is the first path (the whole amount when one path carries it). Each {@code get()} gives a
     * search for one thread over one shared copy of the in-edges.
     */
    public static java.util.function.Supplier<org.lnsim.protocols.routing.PathFinder> pathFinders(ChannelGraph graph,
                                                                                             LdkSettings settings) {
        EdgeRecords edges = new EdgeRecords(graph);
        return () -> {
            LdkRouter router = new LdkRouter(graph, edges, settings);
            return (source, target, amountMsat) -> {
                LdkRouter.Found f = router.find(source, target, amountMsat);
                if (!f.found()) {
                    return org.lnsim.protocols.routing.Route.none(amountMsat,
                            org.lnsim.protocols.routing.Algorithm.LDK, f.failure());
                }
                LdkRouter.Path p = f.paths().get(0);
                java.util.List<org.lnsim.protocols.routing.RouteHop> hops = new java.util.ArrayList<>(p.hops());
                for (int i = 0; i < p.hops(); i++) {
                    int e = p.directions()[i];
                    int c = ChannelGraph.channelOf(e);
                    hops.add(new org.lnsim.protocols.routing.RouteHop(c, graph.scid(c), e & 1, p.amountsMsat()[i],
                            p.cltvs()[i]));
                }
                return new org.lnsim.protocols.routing.Route(hops, p.deliverMsat(), p.feeMsat() + p.penaltyMsat(),
                        org.lnsim.protocols.routing.Algorithm.LDK, null);
            };
        };
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Knowledge knowledge() {
        return Knowledge.PUBLIC_GRAPH;
    }

    /** Scorer and in-flight bytes of each sender (0 for a node that never sent). */
    @Override
    public ProtocolReport report() {
        return senders.report();
    }

    @Override
    public PaymentSession open(PaymentContext ctx) {
        return new LdkSession(ctx, this);
    }

    /**
     * With changing policies (issue 22) the router searches on a private copy of the in-edges, set before each
     * search to what the sender has heard by gossip ({@link #believe}). Not to what failures told it: LDK v0.2.5
     * does not apply the channel_update a {@code fee_insufficient} or {@code incorrect_cltv_expiry} failure carries
     * ({@code onion_utils.rs} {@code process_onion_failure} makes it a non-permanent {@code ChannelFailure}, which
     * {@code gossip.rs} {@code handle_network_update} ignores); it blames the erring node's channel instead, in the
     * scorer and in the payment's {@code previously_failed_channels} ({@link LdkSession}).
     */
    @Override
    public void setup(org.lnsim.engine.payment.ProtocolContext ctx) {
        org.lnsim.engine.policy.PolicyBeliefs b = ctx.view(org.lnsim.engine.policy.PolicyBeliefs.class);
        if (b.active()) {
            beliefs = b;
            believedEdges = edges.privateCopy();
            router = new LdkRouter(graph, believedEdges, settings);
        }
    }

    /** Sets the router's policies to what {@code sender} has heard by gossip now; nothing on a static network. */
    void believe(int sender, long nowUs) {
        if (beliefs != null) {
            believedEdges.believeByGossip(beliefs, sender, nowUs);
        }
    }

    LdkSettings settings() {
        return settings;
    }

    LdkRouter router() {
        return router;
    }

    ChannelGraph graph() {
        return graph;
    }

    /** The sender's state, or null if it never sent. */
    Sender senderOrNull(int node) {
        return senders.orNull(node);
    }

    /** The sender's state, created on first use. */
    Sender sender(int node) {
        return senders.get(node);
    }
}
