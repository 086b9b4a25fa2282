package org.lnsim.protocols.source;

import org.lnsim.engine.payment.Knowledge;
import org.lnsim.engine.payment.PaymentContext;
import org.lnsim.engine.payment.PaymentSession;
import org.lnsim.protocols.multipart.SplittableProtocol;
import org.lnsim.network.ChannelGraph;
import org.lnsim.protocols.routing.HybridRouter;
import org.lnsim.random.NamedStreams;

/**
 * {@code oracle}: the hybrid router and pay loop of {@link SourceRouting}, but told every channel's true current
 * spendable balance, so it only picks routes that can carry the payment at the moment it sends. Failures remain
 * possible (balances change while the HTLCs travel, HTLC slots fill up), so it bounds what a routing scheme with
 * perfect knowledge achieves on the same workload; it keeps and sends no routing state (an idealisation: such
 * knowledge has no real protocol behind it, like CLoTH-Gossip's IDEAL mode, peer-simulators §1).
 */
public final class OracleRouting implements SplittableProtocol {
    public static final String NAME = "oracle";

    private final HybridRouter router;
    private final PayPolicy pay;
    private final long[] pathNanos = new long[1];

    private final long fuzzSeedBase;

    /** @param seed the run's master seed (fee-fuzz seeds derive from it, per payment) */
    public OracleRouting(ChannelGraph graph, PayPolicy pay, long seed) {
        this.router = new HybridRouter(graph);
        this.pay = pay;
        this.fuzzSeedBase = NamedStreams.seedOf(seed, "protocol." + NAME + ".fuzz");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Knowledge knowledge() {
        return Knowledge.TRUE_BALANCES;
    }

    @Override
    public long stateBytes(int node) {
        return 0;
    }

    @Override
    public long pathFindingNanos() {
        return pathNanos[0];
    }

    @Override
    public PaymentSession open(PaymentContext ctx) {
        return new RouteAttempts(ctx, partRoutes(ctx), pay, null);
    }

    @Override
    public HybridPartRoutes partRoutes(PaymentContext ctx) {
        return new HybridPartRoutes(ctx, router, pay, ctx::trueSpendableMsat,
                SourceRouting.fuzzSeed(fuzzSeedBase, ctx.payment().id()), pathNanos);
    }

    @Override
    public long feeBudgetMsat(long amountMsat) {
        return pay.feeBudgetMsat(amountMsat);
    }
}
