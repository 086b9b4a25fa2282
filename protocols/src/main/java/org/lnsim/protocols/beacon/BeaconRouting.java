package org.lnsim.protocols.beacon;

import java.util.List;
import java.util.function.Supplier;
import org.lnsim.engine.payment.BulkCharges;
import org.lnsim.engine.payment.ColumnDoc;
import org.lnsim.engine.payment.Knowledge;
import org.lnsim.engine.payment.PaymentContext;
import org.lnsim.engine.payment.PaymentRequest;
import org.lnsim.engine.payment.PaymentSession;
import org.lnsim.engine.payment.ProtocolContext;
import org.lnsim.engine.payment.ProtocolReport;
import org.lnsim.engine.payment.ProtocolSeeds;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.gossip.GossipSizes;
import org.lnsim.protocols.routing.HybridRouter;
import org.lnsim.protocols.routing.RouteRequest;
import org.lnsim.protocols.source.PayLoopProtocol;
import org.lnsim.protocols.source.PayPolicy;
import org.lnsim.protocols.source.PeerCharges;

/**
 * {@code beacon}: Flare-style partial-knowledge source routing (Prihodko et al. 2016, lightning-facts §5). A node
 * keeps the channels within hop radius r plus paths to its beacons, the nodes XOR-closest to its own id
 * ({@link Neighbourhoods} fixes the definitions); a sender routes with the same hybrid router, cost function and pay
 * loop as {@code source}, but only over the union of its own table, the receiver's (sent with the payment request)
 * and those it asks for ({@link BeaconAttempts}).
 *
 * <h2>Costs, and where lnsim departs from the paper</h2>
 * <ul>
 *   <li>Set-up is the prototype's, replayed at time 0 under the run's latency model ({@link BeaconDiscovery}):
 *       each node receives its neighbourhood from a peer (one message of its BOLT 7 bytes), then sends a
 *       {@code beacon_req} to every node of its table and follows every suggestion of a closer node until a
 *       candidate accepts, one onion message per hop each way; the answers from its beacons bring the beacon paths'
 *       channel records. Per node: {@code setup_requests}, {@code setup_us} (its last answer) and
 *       {@code beacons_found}. Every hop of a request or answer is charged to the node that sends it, the nodes
 *       relaying the onions included (they were charged nothing before issue 18, which under-counted hubs).
 *       Departures (complete tables when requests start, no maintenance ticks) are listed in
 *       {@link BeaconDiscovery}.</li>
 *   <li>The beacons a node routes with are the true XOR-closest within {@code max-beacon-distance}
 *       ({@link Neighbourhoods}), not only those its requests reached: the prototype's suggestions stop at a
 *       candidate that knows no closer node within its own radius, which at r = 1 is often not one of the closest
 *       ({@code beacons_found} counts how many were reached). Routing results are therefore an upper bound for the
 *       prototype's beacon quality; set-up costs are the prototype's.</li>
 *   <li>Balances and fees are dynamic data the paper gathers per payment; lnsim's sender sees only the tables'
 *       capacities and policies, like {@code source}, so the two differ only in what the sender knows.</li>
 *   <li>With churn ({@code update_rate_per_channel_per_day}, or nodes going on and off), a channel_update reaches
 *       exactly the nodes whose table holds the channel; charged at the end of the run, as for {@code source}.</li>
 *   <li>Tables are static: they are computed from the public graph at set-up; node on/off churn does not change
 *       them (stale knowledge is part of what is measured).</li>
 * </ul>
 */
public final class BeaconRouting extends PayLoopProtocol {
    /** Per node with channels, in {@link #STATE_COLUMN_DOCS} order. */
    public static final List<ColumnDoc> STATE_COLUMN_DOCS = List.of(
            new ColumnDoc("table_channels", "count", "channels in the node's radius-r table"),
            new ColumnDoc("beacons", "count", "beacons the node routes with (the true XOR-closest within "
                    + "max_beacon_distance)"),
            new ColumnDoc("setup_us", "µs", "simulated time from the start of set-up to the node's last beacon "
                    + "answer (the replayed acquisition, BeaconDiscovery)"),
            new ColumnDoc("setup_requests", "count", "beacon requests the node sent end to end during set-up"),
            new ColumnDoc("beacons_found", "count", "how many of its true XOR-closest beacons those requests "
                    + "reached"));
    /** Per payment, counted by {@link BeaconAttempts}. */
    public static final List<ColumnDoc> PAYMENT_COLUMN_DOCS = List.of(
            new ColumnDoc("table_requests", "count", "routing tables the sender asked for, XOR-closest to the "
                    + "receiver first, when it found no route in what it held"));

    public static final String NAME = "beacon";
    private static final double US_PER_DAY = 86_400e6;

    /** How a sender picks among candidate routes. */
    public enum Ranking {
        /** The hybrid router's cheapest route (as {@code source}). */
        COST,
        /**
         * Flare's ranking: up to {@link BeaconAttempts#CANDIDATES} routes with disjoint interiors, the one with the
         * highest product of (capacity − amount) / capacity over its hops (balances assumed uniform in [0, capacity]).
         */
        PROBABILITY;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * @param radius                  table radius r in hops, ≥ 1 (prototype default 2)
     * @param beacons                 beacons per node, ≥ 0 (prototype default 5)
     * @param maxBeaconDistance       hops within which beacons are sought (prototype MAX_BEACON_DISTANCE 100)
     * @param maxTableRequests        table requests per payment when no route is found (default 3)
     * @param ranking                 candidate ranking
     * @param updatesPerChannelPerDay channel_update churn, ≥ 0
     */
    public record Options(int radius, int beacons, int maxBeaconDistance, int maxTableRequests, Ranking ranking,
                          double updatesPerChannelPerDay) {
        public static final Options DEFAULT = new Options(2, 5, 100, 3, Ranking.COST, 0);

        public Options {
            if (radius < 1 || beacons < 0 || maxBeaconDistance < 1 || maxTableRequests < 0 || ranking == null
                    || !(updatesPerChannelPerDay >= 0)) {
                throw new IllegalArgumentException("invalid beacon options");
            }
        }
    }

    private final ChannelGraph graph;
    private final Options options;
    private final BeaconTables tables;
    private final long[] setupUs;
    private final long[] setupRequests;
    private final int[] beaconsFound;
    private int threads = 1;
    private final int[] known;
    private int mark;

    /**
     * @param paths the network's beacon paths for at least {@code options.beacons()} beacons within
     *              {@code options.maxBeaconDistance()} hops, shareable between variants of one run
     *              (one computation serves every variant with at most that many beacons), or null to compute
     *              its own
     */
    public BeaconRouting(HybridRouter router, PayPolicy pay, Options options, BeaconPaths paths) {
        super(router, pay, NAME);
        this.graph = router.graph();
        this.options = options;
        if (paths != null && (paths.graph() != graph || paths.beacons() < options.beacons()
                || paths.maxBeaconDistance() != options.maxBeaconDistance())) {
            throw new IllegalArgumentException("beacon paths computed for another graph or setting");
        }
        this.tables = new BeaconTables(options.radius(), options.beacons(), paths != null ? paths
                : new BeaconPaths(graph, options.beacons(), options.maxBeaconDistance()));
        this.setupUs = new long[graph.nodeCount()];
        this.setupRequests = new long[graph.nodeCount()];
        this.beaconsFound = new int[graph.nodeCount()];
        this.known = new int[graph.channelCount()];
    }

    /** With beacon paths of its own. */
    public BeaconRouting(HybridRouter router, PayPolicy pay, Options options) {
        this(router, pay, options, null);
    }

    public Options options() {
        return options;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Knowledge knowledge() {
        return Knowledge.PUBLIC_GRAPH;
    }

    /** Computes every node's beacons and table size on {@code threads} threads (public graph only). */
    @Override
    public void prepare(List<PaymentRequest> payments, int threads, ProtocolSeeds seeds) {
        this.threads = Math.max(1, threads);
        tables.computeAll(this.threads);
    }

    /**
     * Set-up: each node receives its neighbourhood from its first peer (one message of the table's BOLT 7 bytes),
     * then acquires its beacons as the prototype does, replayed by {@link BeaconDiscovery}: every beacon_req and
     * answer, suggestions followed, one onion message per hop. The answers that reach its beacons bring the channel
     * records of the paths beyond its neighbourhood (charged once, from the path's first hop).
     */
    @Override
    public void setup(ProtocolContext ctx) {
        int n = graph.nodeCount();
        long[] delayUs = new long[2 * graph.channelCount()];
        for (int e = 0; e < delayUs.length; e++) {
            delayUs[e] = ctx.controlDelayUs(e);
        }
        BeaconDiscovery replay = tables.discovery(delayUs, threads);
        long[] reqMessages = new long[n];
        long[] reqSent = new long[n];
        long[] reqReceived = new long[n];
        long[] ackMessages = new long[n];
        long[] ackSent = new long[n];
        long[] ackReceived = new long[n];
        for (int v = 0; v < n; v++) {
            if (graph.degree(v) == 0) {
                continue;
            }
            int peer = graph.outPeer(graph.outStart(v));
            long hood = tables.neighbourhoodBytes(v);
            ctx.chargeControl(peer, v, BeaconMessages.NEIGHBOUR_TABLE, 1, hood);
            int[] p = tables.beaconPaths(v);
            long pathBytes = tables.tableBytes(v) - hood;
            if (pathBytes > 0) {
                ctx.chargeControl(graph.target(p[2]), v, BeaconMessages.BEACON_ACK, 0, pathBytes);
            }
            // per hop one onion message, sent by the hop's near end: v sends its requests' first hops and receives
            // their answers' last; as a destination it receives requests and sends answers; as a relay it forwards
            // both ways
            long own = replay.requests(v);
            long addressed = replay.addressed(v);
            long relayed = replay.relayed(v);
            reqMessages[v] = own + relayed;
            reqSent[v] = reqMessages[v] * BeaconMessages.ONION_REQUEST;
            reqReceived[v] = (addressed + relayed) * BeaconMessages.ONION_REQUEST;
            ackMessages[v] = addressed + relayed;
            ackSent[v] = ackMessages[v] * BeaconMessages.ONION_REQUEST;
            ackReceived[v] = (own + relayed) * BeaconMessages.ONION_REQUEST;
            setupUs[v] = replay.doneUs(v);
            setupRequests[v] = replay.requests(v);
            beaconsFound[v] = replay.beaconsFound(v, tables.beaconCount(v));
        }
        BulkCharges bulk = ctx.view(BulkCharges.class);
        bulk.chargeControlPerNode(BeaconMessages.BEACON_REQUEST, reqMessages, reqSent, reqReceived);
        bulk.chargeControlPerNode(BeaconMessages.BEACON_ACK, ackMessages, ackSent, ackReceived);
    }

    /**
     * Gossip caused during the run, charged at its end: an update reaches exactly the nodes whose table holds its
     * channel — channel_update churn at the configured rate (expected count: rate × duration per channel) or the
     * run's policy updates ({@code policy_updates}, their mean count per channel), and node
     * churn, where each toggle of a node makes its peers announce their directions (one update per channel, exact
     * counts from the run's churn). The latter walks every table once (minutes at r = 3 on 1M channels), only
     * when some node toggled.
     */
    @Override
    public void finish(ProtocolContext ctx) {
        double perChannel = options.updatesPerChannelPerDay() * (ctx.now() / US_PER_DAY);
        org.lnsim.engine.policy.PolicyBeliefs policies = ctx.view(org.lnsim.engine.policy.PolicyBeliefs.class);
        if (policies.active() && graph.channelCount() > 0) {
            // the run's real policy updates (issue 22), drawn uniformly over the directions: each table holds its
            // channels' expected share of them
            perChannel += (double) policies.truth().runChannelUpdates(ctx.now()) / graph.channelCount();
        }
        long[] toggles = new long[graph.nodeCount()];
        boolean churn = false;
        for (int u = 0; u < toggles.length; u++) {
            toggles[u] = ctx.nodeToggles(u);
            churn |= toggles[u] > 0;
        }
        if (perChannel == 0 && !churn) {
            return;
        }
        for (int v = 0; v < graph.nodeCount(); v++) {
            if (graph.degree(v) > 0) {
                long updates = Math.round(perChannel * tables.tableChannels(v))
                        + (churn ? tables.tableWeight(v, toggles) : 0);
                if (updates > 0) {
                    PeerCharges.fromPeers(ctx, graph, v, BeaconMessages.CHANNEL_UPDATE, updates,
                            updates * (long) GossipSizes.CHANNEL_UPDATE);
                }
            }
        }
    }

    @Override
    public ProtocolReport report() {
        return new ProtocolReport() {
            /** The table's records plus the beacons' 33-byte ids. */
            @Override
            public long stateBytes(int node) {
                return graph.degree(node) == 0 ? 0 : tables.tableBytes(node) + 33L * tables.beaconCount(node);
            }

            @Override
            public List<ColumnDoc> stateColumns() {
                return STATE_COLUMN_DOCS;
            }

            @Override
            public void stateValues(int node, long[] out) {
                out[0] = tables.tableChannels(node);
                out[1] = tables.beaconCount(node);
                out[2] = setupUs[node];
                out[3] = setupRequests[node];
                out[4] = beaconsFound[node];
            }

            @Override
            public List<ColumnDoc> paymentColumns() {
                return PAYMENT_COLUMN_DOCS;
            }
        };
    }

    @Override
    public PaymentSession open(PaymentContext ctx) {
        HeldTables held = new HeldTables(ctx.payment().sender(), ctx.payment().receiver());
        return new BeaconAttempts(ctx, partRoutes(ctx, held), pay(), held, this);
    }

    /** A sender knows the public graph's capacities and policies (of its tables) and its own balances only. */
    @Override
    protected RouteRequest.LocalBalances liquidity(PaymentContext ctx) {
        return null;
    }

    /**
     * A beacon sender's policies are what the holders of the tables it holds know (issue 22): its own table is fed by
     * the gossip within its radius, the receiver's (sent with the payment request) by the receiver's, and each table
     * it fetched on the way by that beacon's; each holds the channels nearest to its holder, so for a channel of a
     * table the nearer node's lag is the one that counts, and a search pools what all of them know. (A fetched table
     * is credited with what its beacon knows at the search, not at the fetch: within a payment's seconds, a few
     * updates' difference.) Beacon's searches always run over the tables a payment holds ({@link HeldTables}).
     */
    @Override
    protected java.util.function.Supplier<int[]> observers(PaymentContext ctx,
                                                           Supplier<RouteRequest.KnownChannels> known) {
        return ((HeldTables) known)::holders;
    }

    /**
     * For a splitter composed with beacon (called once per payment): the sender's and the receiver's tables, the
     * receiver's charged as it arrives with the payment request. Table requests are beacon's own pay loop's; split
     * payments route within these two tables.
     */
    @Override
    protected Supplier<RouteRequest.KnownChannels> knownChannels(PaymentContext ctx) {
        int receiver = ctx.payment().receiver();
        ctx.chargeControl(receiver, ctx.payment().sender(), BeaconMessages.RECEIVER_TABLE, 1,
                tables.tableBytes(receiver));
        return new HeldTables(ctx.payment().sender(), receiver);
    }

    BeaconTables tables() {
        return tables;
    }

    /**
     * The tables one payment's sender holds (its own, the receiver's, those it asked for). Each search marks their
     * union afresh in the protocol's shared channel array — one int per channel for all payments, valid until the
     * next search — since payments interleave but searches never do (the simulation's single thread).
     */
    final class HeldTables implements Supplier<RouteRequest.KnownChannels> {
        private int[] nodes;
        private int count;
        private int lastMark;

        HeldTables(int sender, int receiver) {
            nodes = new int[] {sender, receiver, 0, 0};
            count = sender == receiver ? 1 : 2;
        }

        void add(int node) {
            if (count == nodes.length) {
                nodes = java.util.Arrays.copyOf(nodes, 2 * count);
            }
            nodes[count++] = node;
        }

        boolean holds(int node) {
            for (int i = 0; i < count; i++) {
                if (nodes[i] == node) {
                    return true;
                }
            }
            return false;
        }

        int count() {
            return count;
        }

        int node(int i) {
            return nodes[i];
        }

        /** The nodes whose tables are held: the sender, the receiver, the beacons asked so far. */
        int[] holders() {
            return java.util.Arrays.copyOf(nodes, count);
        }

        /** Marks the union and returns it as a view; the view is valid until the next search of any payment. */
        @Override
        public RouteRequest.KnownChannels get() {
            if (mark == Integer.MAX_VALUE) {
                java.util.Arrays.fill(known, 0);
                mark = 0;
            }
            int m = ++mark;
            for (int i = 0; i < count; i++) {
                tables.markTable(nodes[i], known, m);
            }
            lastMark = m;
            return c -> known[c] == m;
        }

        int[] knownArray() {
            return known;
        }

        int lastMark() {
            return lastMark;
        }
    }
}
