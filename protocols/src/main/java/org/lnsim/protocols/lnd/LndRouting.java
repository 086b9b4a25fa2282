package org.lnsim.protocols.lnd;

import org.lnsim.engine.payment.Knowledge;
import org.lnsim.engine.payment.PaymentContext;
import org.lnsim.engine.payment.PaymentSession;
import org.lnsim.engine.payment.ProtocolReport;
import org.lnsim.engine.policy.PolicyBeliefs;
import org.lnsim.network.ChannelGraph;
import org.lnsim.protocols.multipart.PartRoutes;
import org.lnsim.protocols.multipart.SplittableProtocol;
import org.lnsim.protocols.routing.PathFinder;
import org.lnsim.protocols.routing.EdgeRecords;
import org.lnsim.protocols.routing.PerSender;

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
 * When the sender learns it, as lnd records a success on settle: the engine hands a session every failed attempt
 * ({@code onAttemptResult}) and the attempt that completed the payment ({@code onDelivered}). Until issue 20's second
 * session the engine did not report the latter, and an attempt never reported failed was taken as settled at its
 * sender's next route search, so a payment starting while an earlier one was in flight saw it as a success early.
 */
public final class LndRouting implements SplittableProtocol {
    public static final String NAME = "lnd";
    /** The same router and pay loop with lnd's bimodal estimator ({@link Bimodal}). */
    public static final String BIMODAL = "lnd.bimodal";

    private final ChannelGraph graph;
    private final LndSettings settings;
    private LndRouter router;
    private final EdgeRecords edges;
    private final PerSender<PairHistory> histories;
    /** The run's changing policies (issue 22), or null when they do not change; granted at set-up. */
    private PolicyBeliefs beliefs;
    /** With changing policies, the router's own copy of the in-edges, set to each sender's beliefs per search. */
    private EdgeRecords believedEdges;
    /** Per sender, when each directed node pair last had lnd's second chance (µs), for policy failures. */
    private final java.util.Map<Long, Long> secondChances = new java.util.HashMap<>();

    /** lnd's routing over its own copy of the graph's in-edges (tests; runs share {@link EdgeRecords#SHARED}). */
    public LndRouting(ChannelGraph graph, LndSettings settings) {
        this(graph, new EdgeRecords(graph), settings);
    }

    /** @param edges the run's {@link EdgeRecords#SHARED} copy of the in-edges */
    public LndRouting(ChannelGraph graph, EdgeRecords edges, LndSettings settings) {
        this.graph = graph;
        this.settings = settings;
        this.router = new LndRouter(graph, edges);
        this.edges = edges;
        this.histories = new PerSender<>(graph.nodeCount(), PairHistory::new, PairHistory::bytes);
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
        return histories.report();
    }

    /**
     * With changing policies (issue 22) the router searches on a private copy of the in-edges, set to the sender's
     * beliefs before each search ({@link #believe}).
     */
    @Override
    public void setup(org.lnsim.engine.payment.ProtocolContext ctx) {
        PolicyBeliefs b = ctx.view(PolicyBeliefs.class);
        if (b.active()) {
            beliefs = b;
            believedEdges = edges.privateCopy();
            router = new LndRouter(graph, believedEdges);
        }
    }

    /** Sets the router's policies to what {@code sender} believes now; nothing when policies do not change. */
    void believe(int sender, long nowUs) {
        if (beliefs != null) {
            believedEdges.believe(beliefs, new int[] {sender}, nowUs);
        }
    }

    /**
     * lnd's second chance for a node that refused an HTLC over a policy and sent its channel_update (lnd v0.18.5
     * {@code routing/missioncontrol.go}: {@code requestSecondChance}, {@code minSecondChanceInterval} 1 min; the
     * pair is the erring node and its next node, as {@code result_interpretation.go} sets {@code policyFailure} for
     * amount_below_minimum, fee_insufficient, incorrect_cltv_expiry and channel_disabled): granted, and recorded,
     * unless the same pair had one less than a minute ago. A granted failure is not reported to mission control.
     */
    boolean secondChance(int sender, int from, int to, long nowUs) {
        long key = ((long) sender * graph.nodeCount() + from) * graph.nodeCount() + to;
        Long last = secondChances.get(key);
        if (last != null && nowUs - last <= MIN_SECOND_CHANCE_INTERVAL_US) {
            return false;
        }
        secondChances.put(key, nowUs);
        return true;
    }

    /** lnd's {@code minSecondChanceInterval}, 1 min (v0.18.5 {@code routing/missioncontrol.go}). */
    static final long MIN_SECOND_CHANCE_INTERVAL_US = 60_000_000L;

    @Override
    public PaymentSession open(PaymentContext ctx) {
        return new LndSession(ctx, this);
    }

    /** lnd's search for the shards of a split payment ({@code lnd+lnd-halving}), learning from every shard. */
    @Override
    public PartRoutes partRoutes(PaymentContext ctx) {
        return new LndPartRoutes(ctx, this);
    }

    /** lnd's default fee limit ({@link LndSettings#feeLimitMsat}), which a splitter shares among shards. */
    @Override
    public long feeBudgetMsat(long amountMsat) {
        return settings.feeLimitMsat(amountMsat);
    }

    /**
     * lnd's search for a sender with an empty mission control at time 0, every channel of its own able to carry the
     * amount (no balances are known outside a run): what {@code lnsim bench route --algorithm lnd} times. Each
     * {@code get()} gives a search for one thread (its own scratch arrays) over one shared copy of the in-edges.
     */
    public static java.util.function.Supplier<PathFinder> pathFinders(ChannelGraph graph, LndSettings settings) {
        EdgeRecords edges = new EdgeRecords(graph);
        return () -> pathFinder(graph, new LndRouter(graph, edges), settings);
    }

    private static PathFinder pathFinder(ChannelGraph graph, LndRouter router, LndSettings settings) {
        LndRouter.Probabilities probs = LndRouter.Probabilities.of(settings.estimator(), null, 0);
        LndRouter.Bandwidth any = (e, amt) -> true;
        return (source, target, amountMsat) -> LndPartRoutes.route(graph, router.find(new LndRouter.Query(source,
                target, amountMsat, settings.feeLimitMsat(amountMsat), settings.finalCltv(), settings.cltvLimit(),
                settings.maxHops(), LndRouter.attemptCostMsat(amountMsat, settings.attemptCostMsat(),
                settings.attemptCostPpm()), settings.minProbability(), probs, any)), amountMsat);
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
        return histories.orNull(sender);
    }

    /** The sender's mission control, created empty on first use. */
    PairHistory history(int sender) {
        return histories.get(sender);
    }
}
