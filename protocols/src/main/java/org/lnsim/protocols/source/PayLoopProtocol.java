package org.lnsim.protocols.source;

import java.util.ArrayList;
import java.util.List;
import org.lnsim.engine.payment.PaymentContext;
import org.lnsim.engine.policy.PolicyBeliefs;
import org.lnsim.engine.payment.ProtocolSeeds;
import org.lnsim.engine.payment.TimingsSink;
import org.lnsim.protocols.multipart.PartRoutes;
import org.lnsim.protocols.multipart.SplittableProtocol;
import org.lnsim.protocols.routing.HybridRouter;
import org.lnsim.protocols.routing.RouteRequest;
import org.lnsim.protocols.multipart.SplitSettings;
import org.lnsim.protocols.settings.Key;
import org.lnsim.protocols.settings.ProtocolSettings;
import org.lnsim.protocols.settings.SharedWork;
import org.lnsim.random.NamedStreams;

/**
 * What every protocol built on c-lightning's pay loop over the hybrid router shares: the router (one per network,
 * shareable between protocols since it is immutable and thread-safe), the {@link PayPolicy}, a fee-fuzz seed per
 * payment derived from the engine's {@link ProtocolSeeds} (stream {@code protocol.<name>.fuzz}) and the payment id,
 * the route search for any part ({@link HybridPartRoutes}), whose time in the router goes to the run's
 * {@link TimingsSink}. A subclass says what the router may know about liquidity beyond the sender's
 * own channels, and everything else a protocol declares.
 */
public abstract class PayLoopProtocol implements SplittableProtocol {
    /**
     * The network's hybrid router as work the protocols of a run share: its compact copy of the graph costs about
     * 90 MB and a second at 1M channels, and it is immutable and thread-safe.
     */
    public static final SharedWork<HybridRouter> ROUTER = new SharedWork<>() {
        @Override
        public Object key() {
            return HybridRouter.class;
        }

        @Override
        public SharedWork<HybridRouter> merge(SharedWork<HybridRouter> other) {
            return this;
        }

        @Override
        public HybridRouter compute(org.lnsim.network.ChannelGraph graph) {
            return new HybridRouter(graph);
        }
    };

    /**
     * The configuration keys every pay-loop protocol starts with — the pay policy's, the splitter's, the label — then
     * {@code own}: one list, so that source, oracle and beacon declare their shared keys alike.
     */
    public static List<Key<?>> keys(List<Key<?>> own) {
        List<Key<?>> all = new ArrayList<>(PayPolicy.KEYS);
        all.addAll(SplitSettings.KEYS);
        all.add(ProtocolSettings.LABEL);
        all.addAll(own);
        return List.copyOf(all);
    }

    final HybridRouter router;
    final PayPolicy pay;
    /**
     * This run's own copy of the router, made when the run's policies change: it searches on what each sender
     * believes ({@link HybridRouter#believe}), which the shared router cannot.
     */
    private HybridRouter runRouter;
    private final String fuzzStream;

    /**
     * @param router the network's router
     * @param name   the protocol's name, which keeps its fuzz seeds apart from other protocols' (the base name: a
     *               splitting variant draws the same fuzz as its base)
     */
    protected PayLoopProtocol(HybridRouter router, PayPolicy pay, String name) {
        this.router = router;
        this.pay = pay;
        this.fuzzStream = name + ".fuzz";
    }

    /**
     * The fee-fuzz seed of a payment: a pure function of the run's seed and the payment, so routes can be computed
     * ahead of the run.
     */
    final long fuzzSeed(ProtocolSeeds seeds, long paymentId) {
        return NamedStreams.mix64(seeds.seedOf(fuzzStream) ^ NamedStreams.mix64(paymentId));
    }

    /** What the router may assume every direction can carry for this payment, or null for capacities only. */
    protected abstract RouteRequest.LocalBalances liquidity(PaymentContext ctx);

    /**
     * The channels the sender may route over for this payment, asked before every search (so a scheme can hand out
     * a view of tables that grow while the payment runs), or null for the whole public graph. Default: null.
     */
    protected java.util.function.Supplier<RouteRequest.KnownChannels> knownChannels(PaymentContext ctx) {
        return null;
    }

    @Override
    public final PartRoutes partRoutes(PaymentContext ctx) {
        return partRoutes(ctx, knownChannels(ctx));
    }

    /** The pay loop's route search for this payment over the channels {@code known} supplies (null: all). */
    protected final PartRoutes partRoutes(PaymentContext ctx,
                                          java.util.function.Supplier<RouteRequest.KnownChannels> known) {
        return hybridPartRoutes(ctx, known);
    }

    final HybridPartRoutes hybridPartRoutes(PaymentContext ctx,
                                            java.util.function.Supplier<RouteRequest.KnownChannels> known) {
        PolicyBeliefs beliefs = ctx.view(PolicyBeliefs.class);
        HybridRouter searching = router;
        if (beliefs.active()) {
            if (runRouter == null) {
                runRouter = router.privateCopy();
            }
            searching = runRouter;
        }
        return new HybridPartRoutes(ctx, searching, pay, liquidity(ctx), known,
                fuzzSeed(ctx.seeds(), ctx.payment().id()), ctx.view(TimingsSink.class),
                beliefs.active() ? beliefs : null, observers(ctx, known));
    }

    /**
     * Whose knowledge the searches use, asked before each search: {@link #observers(PaymentContext)}, unless the
     * channels a sender holds come with what their holders know ({@code beacon}'s tables).
     */
    protected java.util.function.Supplier<int[]> observers(PaymentContext ctx,
                                                           java.util.function.Supplier<RouteRequest.KnownChannels>
                                                                   known) {
        int[] fixed = observers(ctx);
        return () -> fixed;
    }

    /**
     * Whose knowledge of changing policies this payment's searches use (issue 22), pooled: the sender's — what
     * gossip has brought it and what failures told it — and whoever else told it with the payment; none for the
     * true current policies. Default: the sender alone.
     */
    protected int[] observers(PaymentContext ctx) {
        return new int[] {ctx.payment().sender()};
    }

    /** Whether the run's policies change (then routes computed ahead on the announced policies are not used). */
    static boolean policiesChange(org.lnsim.engine.payment.ProtocolContext ctx) {
        return ctx.view(PolicyBeliefs.class).active();
    }

    /** The network's router. */
    protected final HybridRouter router() {
        return router;
    }

    /** The pay policy (fee budget, riskfactor, fuzz, limits). */
    protected final PayPolicy pay() {
        return pay;
    }

    @Override
    public final long feeBudgetMsat(long amountMsat) {
        return pay.feeBudgetMsat(amountMsat);
    }

}
