package org.lnsim.protocols.ant;

import java.util.List;
import org.lnsim.engine.payment.ColumnDoc;
import org.lnsim.engine.payment.FloodView;
import org.lnsim.engine.payment.Knowledge;
import org.lnsim.engine.payment.PaymentContext;
import org.lnsim.engine.payment.PaymentRequest;
import org.lnsim.engine.payment.PaymentSession;
import org.lnsim.engine.payment.ProtocolContext;
import org.lnsim.engine.payment.ProtocolReport;
import org.lnsim.engine.payment.ProtocolSeeds;
import org.lnsim.engine.payment.RoutingProtocol;
import org.lnsim.engine.payment.TimingsSink;
import org.lnsim.engine.policy.PolicyBeliefs;
import org.lnsim.network.ChannelGraph;

/**
 * {@code ant} and {@code ant.selective}: ant routing (lightning-facts §6). No set-up and no routing table: each
 * payment floods the conjugate seeds ({@link SeedWave}), the payer picks a match ({@link MatchChoice}), confirms it
 * along the path, and sends the HTLCs ({@link AntSession}).
 *
 * <h2>Traffic and state</h2>
 * Seeds ({@value AntMessages#SEED_BYTES} B), matched seeds ({@value AntMessages#MATCH_BYTES} B) and confirmations
 * ({@value AntMessages#CONFIRM_BYTES} B) are charged to the payment and to each sending node through
 * {@link ProtocolContext#chargeControl} (one call per node and type per round; the receiver is not named since a
 * node floods to many peers — received seeds are this protocol's {@code seeds_received} column instead). A node's
 * state is its mempool at its peak ({@link Mempools}) times {@value AntMessages#ENTRY_BYTES} bytes per entry; the
 * selective variant adds its history, 12 bytes (short channel id 8 + count 4) per channel with a completed payment.
 *
 * <h2>Selective forwarding (the papers' "self-improvement"; the ranking is lnsim's choice)</h2>
 * With {@code k} set, a forwarding node other than the payer and payee sends a seed to its k best eligible peers by
 * the number of completed payments that crossed the channel (both ends count it; see {@link #history} for when a
 * payment counts), then by capacity. The payer and
 * payee still send to all their peers: they are the ones who want the payment to go through.
 *
 * <h2>Threads</h2>
 * With {@code threads} ≥ 2 ({@link #prepare}), plain {@code ant} under a latency model with fixed control delays floods
 * payments ahead on {@code threads − 1} workers ({@link FloodAhead}); the results are the same as with one thread.
 * The path-finding time it adds to the run's {@link TimingsSink} is then the simulation thread's time in floods, waits
 * for workers included.
 */
public final class AntRouting implements RoutingProtocol {
    public static final String NAME = "ant";
    public static final String SELECTIVE = "ant.selective";
    /** History entry per channel of the selective variant: short channel id 8 + count 4 (lnsim's choice). */
    public static final int HISTORY_ENTRY_BYTES = 12;

    /**
     * Per payment, over all its rounds (the order is the index {@link AntSession} counts into): rounds; seed,
     * matched-seed and confirmation messages; matches; the first and the chosen match's time; late repeats (where the
     * wave and a real flood part, see {@link SeedWave}).
     */
    public static final List<ColumnDoc> PAYMENT_COLUMN_DOCS = List.of(
            new ColumnDoc("rounds", "count", "flood rounds the payment ran (a fresh R each, while the HTLCs fail)"),
            new ColumnDoc("seed_messages", "count", "seed messages sent by every node, both seeds, all rounds"),
            new ColumnDoc("match_messages", "count", "matched-seed messages sent towards the payer, all rounds"),
            new ColumnDoc("confirm_messages", "count", "confirmation messages along the chosen paths, both ways"),
            new ColumnDoc("matches", "count", "matched seeds sent towards the payer (within the hop limit and "
                    + "max fee)"),
            new ColumnDoc("first_match_us", "µs", "from the payment's arrival to the first matched seed at the payer, "
                    + "in the first round with a match; 0 without one"),
            new ColumnDoc("chosen_match_us", "µs", "from the payment's arrival to the payer's choice of a match, in "
                    + "the first round with a match; 0 without one"),
            new ColumnDoc("late_repeat_nodes", "count", "mempool entries whose seed came back after the wipe time"));
    static final List<String> PAYMENT_COLUMNS = ColumnDoc.names(PAYMENT_COLUMN_DOCS);
    /** Per node with channels, in {@link #STATE_COLUMN_DOCS} order. */
    public static final List<ColumnDoc> STATE_COLUMN_DOCS = List.of(
            new ColumnDoc("peak_mempool_entries", "count", "most entries the node's mempool held at once"),
            new ColumnDoc("seeds_received", "count", "seed messages the node received over the run, both seeds"),
            new ColumnDoc("seeds_sent", "count", "seed messages the node sent over the run"),
            new ColumnDoc("matched_seeds_sent", "count", "matched-seed messages the node sent or forwarded"),
            new ColumnDoc("history_channels", "count", "ant.selective: the node's channels with a completed payment "
                    + "in its history (12 bytes each in state_bytes); 0 for plain ant"));
    static final int ROUNDS = 0;
    static final int SEED_MESSAGES = 1;
    static final int MATCH_MESSAGES = 2;
    static final int CONFIRM_MESSAGES = 3;
    static final int MATCHES = 4;
    static final int FIRST_MATCH_US = 5;
    static final int CHOSEN_MATCH_US = 6;
    static final int LATE_REPEAT_NODES = 7;

    private final ChannelGraph graph;
    private final AntSettings settings;
    private final SeedWave wave;
    private final Mempools mempools;
    private final long[] seedsReceived;
    private final long[] seedsSent;
    private final long[] matchedSent;
    private final long[] history;
    /** The run's timings sink, granted once at set-up. */
    private TimingsSink timings = TimingsSink.NONE;
    /** Set at {@link #setup}: the run's engine. */
    private SeedWave.Links links;
    /** The engine's slot-ordered balances, granted once at set-up. */
    private FloodView slots;
    private List<PaymentRequest> payments;
    private int threads = 1;
    private FloodAhead ahead;
    /** The run's policies, which may change (issue 22); granted at set-up. */
    private PolicyBeliefs policies;

    public AntRouting(ChannelGraph graph, AntSettings settings) {
        this.graph = graph;
        this.settings = settings;
        this.wave = new SeedWave(graph);
        this.mempools = new Mempools(graph.nodeCount(), settings.wipeAfterUs());
        this.seedsReceived = new long[graph.nodeCount()];
        this.seedsSent = new long[graph.nodeCount()];
        this.matchedSent = new long[graph.nodeCount()];
        this.history = settings.selective() ? new long[graph.channelCount()] : null;
    }

    @Override
    public String name() {
        return settings.selective() ? SELECTIVE : NAME;
    }

    /** Only the nodes' own channels are read, by adjacency slot through the engine's {@link FloodView}. */
    @Override
    public Knowledge knowledge() {
        return Knowledge.PUBLIC_GRAPH;
    }

    AntSettings settings() {
        return settings;
    }

    ChannelGraph graph() {
        return graph;
    }

    /** The run's true current policies, which the nodes of a path know of their own channels. */
    org.lnsim.engine.policy.PolicyUpdates policies() {
        return policies.truth();
    }

    /**
     * The engine as the wave sees it, for the whole run: each node's own channels by adjacency slot ({@code slots},
     * which does not depend on the payment, so one instance serves every round) and the latency model.
     */
    private static SeedWave.Links links(ProtocolContext ctx, FloodView slots) {
        boolean fixed = slots.controlDelaysFixed();
        return new SeedWave.Links() {
            @Override
            public long outSpendableMsat(int v, int slot) {
                return slots.channelSpendableAtSlotMsat(v, slot, true);   // 0 when the HTLC slots are full
            }

            @Override
            public long inSpendableMsat(int v, int slot) {
                return slots.channelSpendableAtSlotMsat(v, slot, false);
            }

            @Override
            public long delayUs(int e) {
                return ctx.controlDelayUs(e);
            }

            @Override
            public boolean delaysFixed() {
                return fixed;
            }
        };
    }

    /** Keeps the workload for {@link FloodAhead}, which floods on a second thread when {@code threads} ≥ 2. */
    @Override
    public void prepare(List<PaymentRequest> payments, int threads, ProtocolSeeds seeds) {
        this.payments = payments;
        this.threads = threads;
    }

    @Override
    public void setup(ProtocolContext ctx) {
        slots = ctx.view(FloodView.class);
        timings = ctx.view(TimingsSink.class);
        links = links(ctx, slots);
        policies = ctx.view(PolicyBeliefs.class);
        if (links.delaysFixed()) {
            wave.fixDelays(links);
            // a flood computed ahead would read the policies of before the updates it could not see yet
            if (!settings.selective() && threads >= 2 && payments != null && !policies.active()) {
                ahead = new FloodAhead(wave, payments, links, settings, threads - 1);
            }
        }
    }

    /** Wipes the mempool entries that have expired by the end of the run; stops {@link FloodAhead}. */
    @Override
    public void finish(ProtocolContext ctx) {
        mempools.expireUntil(ctx.now());
        if (ahead != null) {
            ahead.close();
        }
    }

    /**
     * First rounds flooded ahead and used, flooded ahead but flooded again (balances changed), and used after
     * patching their message counts (part of the first); 0 without.
     */
    long[] floodsAhead() {
        return ahead == null ? new long[3] : new long[] {ahead.used(), ahead.redone(), ahead.patched()};
    }

    @Override
    public ProtocolReport report() {
        return new ProtocolReport() {
            @Override
            public long stateBytes(int node) {
                return (long) mempools.peak(node) * AntMessages.ENTRY_BYTES
                        + (long) historyChannels(node) * HISTORY_ENTRY_BYTES;
            }

            @Override
            public List<ColumnDoc> stateColumns() {
                return STATE_COLUMN_DOCS;
            }

            @Override
            public void stateValues(int node, long[] out) {
                out[0] = mempools.peak(node);
                out[1] = seedsReceived[node];
                out[2] = seedsSent[node];
                out[3] = matchedSent[node];
                out[4] = historyChannels(node);
            }

            @Override
            public List<ColumnDoc> paymentColumns() {
                return PAYMENT_COLUMN_DOCS;
            }
        };
    }

    private int historyChannels(int node) {
        if (history == null) {
            return 0;
        }
        int n = 0;
        for (int s = graph.outStart(node); s < graph.outEnd(node); s++) {
            if (history[graph.outDirection(s) >>> 1] > 0) {
                n++;
            }
        }
        return n;
    }

    @Override
    public PaymentSession open(PaymentContext ctx) {
        return new AntSession(this, ctx);
    }

    /**
     * Floods one round of {@code ctx}'s payment now, with the balances the engine has now, and charges its seeds and
     * matched seeds. The wave's results stay readable until the next round of any payment. A first round may come
     * from {@link FloodAhead}, identical to flooding here.
     */
    SeedWave flood(PaymentContext ctx, boolean firstRound) {
        long t0 = System.nanoTime();
        if (links == null) {
            throw new IllegalStateException(name() + ": the engine's setup() must run before payments");
        }
        SeedWave w = firstRound && ahead != null ? ahead.take(ctx.payment(), slots) : null;
        if (w == null) {
            w = wave;
            if (policies.active()) {
                policies.truth().advanceTo(ctx.now());
                w.syncPolicies(policies.truth());
            }
            long amount = ctx.payment().amountMsat();
            w.run(ctx.payment().sender(), ctx.payment().receiver(), amount, settings.maxFeeMsat(amount),
                    settings.maxHops(), settings.wipeAfterUs(), links, settings.fanout(), history);
        }
        if (w.choice() == null) {
            w.choice(MatchChoice.choose(w, settings.collectWindowUs(), settings.maxMatches()));
        }
        timings.addPathFinding(System.nanoTime() - t0);
        mempools.add(ctx.now(), w);
        for (int i = 0; i < w.nodesReached(); i++) {
            int v = w.reachedNode(i);
            long sent = w.reachedNodeSent(i);
            if (sent > 0) {
                ctx.chargeControl(v, -1, AntMessages.SEED_TYPE, sent, sent * AntMessages.SEED_BYTES);
                seedsSent[v] += sent;
            }
            seedsReceived[v] += w.reachedNodeReceived(i);
        }
        for (int i = 0; i < w.matchSenders(); i++) {
            int v = w.matchSender(i);
            int matched = w.matchesSent(v);
            ctx.chargeControl(v, -1, AntMessages.MATCH_TYPE, matched, (long) matched * AntMessages.MATCH_BYTES);
            matchedSent[v] += matched;
        }
        return w;
    }

    /**
     * Adds {@code delta} to the history of every channel on a path (selective variant). A payment counts from the
     * moment its HTLCs are sent and is taken back if they fail: the engine tells a session about failed attempts but
     * not about the one that completes its payment, so at the end of the run the history holds exactly the completed
     * payments, and during it also those in flight.
     */
    void history(int[] directions, int delta) {
        if (history != null) {
            for (int e : directions) {
                history[e >>> 1] += delta;
            }
        }
    }

    /** Entries node {@code v} holds now (after the last round's expiry pass). */
    int liveEntries(int v) {
        return mempools.live(v);
    }

    void expireUntil(long nowUs) {
        mempools.expireUntil(nowUs);
    }
}
