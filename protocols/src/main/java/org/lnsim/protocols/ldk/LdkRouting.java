package org.lnsim.protocols.ldk;

import org.lnsim.engine.payment.Knowledge;
import org.lnsim.engine.payment.PaymentContext;
import org.lnsim.engine.payment.PaymentSession;
import org.lnsim.engine.payment.ProtocolReport;
import org.lnsim.engine.payment.RoutingProtocol;
import org.lnsim.network.ChannelGraph;

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
    private final LdkRouter router;
    private final Sender[] senders;

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
        this.graph = graph;
        this.settings = settings;
        this.router = new LdkRouter(graph, settings);
        this.senders = new Sender[graph.nodeCount()];
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
        return node -> senders[node] == null ? 0 : senders[node].bytes();
    }

    @Override
    public PaymentSession open(PaymentContext ctx) {
        return new LdkSession(ctx, this);
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
        return senders[node];
    }

    /** The sender's state, created on first use. */
    Sender sender(int node) {
        Sender s = senders[node];
        if (s == null) {
            s = new Sender(settings);
            senders[node] = s;
        }
        return s;
    }
}
