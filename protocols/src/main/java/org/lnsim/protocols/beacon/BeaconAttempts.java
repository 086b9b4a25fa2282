package org.lnsim.protocols.beacon;

import org.lnsim.engine.payment.PaymentContext;
import org.lnsim.engine.payment.PaymentRequest;
import org.lnsim.network.ChannelGraph;
import org.lnsim.protocols.multipart.Exclusions;
import org.lnsim.protocols.multipart.PartRoutes;
import org.lnsim.protocols.routing.Route;
import org.lnsim.protocols.routing.RouteHop;
import org.lnsim.protocols.source.PayLoopAttempts;

/**
 * One {@code beacon} payment (lightning-facts §5, "Payment route search"):
 * <ol>
 *   <li>The receiver's table comes with the payment request: one message of its bytes, no delay (it travels with
 *       the invoice, out of band).</li>
 *   <li>The sender runs the pay loop's route search ({@code source}'s router, costs and pruning) over the union of
 *       the tables it holds.</li>
 *   <li>No route: it asks the node XOR-closest to the receiver that it knows and has not asked — beacons of the
 *       tables it holds first, then any node of its union — for its table: an onion-wrapped request along a
 *       fewest-hop path over known channels, answered along the same path with the table's records, each hop an
 *       engine control message ({@link org.lnsim.engine.payment.ProtocolContext#sendControl}), so a node offline on
 *       the way drops it. The sender waits the expected round trip plus the engine's offline wait on the first hop
 *       ({@code controlTimeoutUs}); if no answer came by then it counts the request as lost (an answer arriving
 *       later is ignored) and searches again without the table. Waiting is simulated time ({@code discovery_us});
 *       then it searches again. At most {@code max-table-requests} per payment, lost ones included
 *       ({@code table_requests}).</li>
 *   <li>An HTLC that fails on the way excludes the failing channel direction and the search runs again, as
 *       {@code source} does ({@link PayLoopAttempts}, the pay loop's one retry body), within the engine's deadline;
 *       a refusal by the receiver ends the payment.</li>
 * </ol>
 */
final class BeaconAttempts extends PayLoopAttempts {
    /** Candidate routes ranked under {@link BeaconRouting.Ranking#PROBABILITY}. */
    static final int CANDIDATES = 3;
    /**
     * Nodes a request tries, closest first, before giving up when none is reachable over known channels (each costs a
     * search over the known channels; lnsim's bound, the paper gives none).
     */
    static final int MAX_TRIES_PER_REQUEST = 32;

    private final BeaconRouting.HeldTables held;
    private final BeaconRouting protocol;
    private final BeaconTables tables;
    private final ChannelGraph graph;
    private final java.util.BitSet asked = new java.util.BitSet();
    private int requests;

    BeaconAttempts(PaymentContext ctx, PartRoutes routes, org.lnsim.protocols.source.PayPolicy pay,
                   BeaconRouting.HeldTables held, BeaconRouting protocol) {
        super(ctx, routes, pay);
        this.held = held;
        this.protocol = protocol;
        this.tables = protocol.tables();
        this.graph = tables.graph();
    }

    @Override
    public void start() {
        PaymentRequest p = ctx.payment();
        ctx.chargeControl(p.receiver(), p.sender(), BeaconMessages.RECEIVER_TABLE, 1,
                tables.tableBytes(p.receiver()));
        attempt();
    }

    /** A search can come after the deadline here (the sender waited for a table): the payment ends then. */
    @Override
    protected boolean stopsBeforeSearch() {
        if (ctx.now() >= ctx.deadlineUs()) {
            ctx.giveUp("timeout");
            return true;
        }
        return false;
    }

    @Override
    protected Route search(long budget) {
        Route route = super.search(budget);
        if (route.found() && protocol.options().ranking() == BeaconRouting.Ranking.PROBABILITY) {
            route = mostProbable(route, budget);
        }
        return route;
    }

    /** No route over the tables held: ask for another table, if the payment may and some node can be reached. */
    @Override
    protected boolean noRoute() {
        return requests < protocol.options().maxTableRequests() && requestTable();
    }

    /**
     * Flare's ranking: further candidates avoid the interior channels of those found before (the sender's and
     * receiver's own channels may be shared); the highest Π (capacity − amount) / capacity wins, the first on ties.
     */
    private Route mostProbable(Route first, long budget) {
        Route best = first;
        double bestP = probability(first);
        Exclusions avoid = copy(excluded);
        Route last = first;
        for (int i = 1; i < CANDIDATES; i++) {
            for (int h = 1; h < last.hopCount() - 1; h++) {
                int e = last.hops().get(h).directionIndex();
                avoid.add(e);
            }
            Route next = routes.find(ctx.payment().amountMsat(), budget, copy(avoid));
            if (!next.found()) {
                break;
            }
            double pr = probability(next);
            if (pr > bestP) {
                best = next;
                bestP = pr;
            }
            last = next;
        }
        return best;
    }

    private double probability(Route r) {
        double p = 1;
        for (RouteHop h : r.hops()) {
            double cap = graph.capacityMsat(ChannelGraph.channelOf(h.directionIndex()));
            p *= Math.max(0, cap - h.amountMsat()) / cap;
        }
        return p;
    }

    private static Exclusions copy(Exclusions x) {
        Exclusions c = new Exclusions();
        for (int e : x.toArray()) {
            c.add(e);
        }
        return c;
    }

    /**
     * Asks the best node not yet asked for its table. Returns false if there is none the sender can reach over
     * the channels it knows.
     */
    private boolean requestTable() {
        PaymentRequest p = ctx.payment();
        held.get(); // mark the union the candidates and paths are drawn from
        int[] known = held.knownArray();
        int mark = held.lastMark();
        int target = p.receiver();
        for (int tries = 0; tries < MAX_TRIES_PER_REQUEST; tries++) {
            int candidate = bestBeacon(target);
            if (candidate < 0) {
                int[] out = new int[1];
                int found = tables.closest(target, 1, v -> v != p.sender() && !asked.get(v) && !held.holds(v)
                        && knows(v, known, mark), out);
                candidate = found == 0 ? -1 : out[0];
            }
            if (candidate < 0) {
                return false;
            }
            asked.set(candidate);
            int[] path = tables.knownPath(p.sender(), candidate, known, mark);
            if (path == null) {
                continue;
            }
            send(candidate, path);
            return true;
        }
        return false;
    }

    /** The beacon of a held table XOR-closest to target, not asked, not held, or -1. */
    private int bestBeacon(int target) {
        int[] best = {-1};
        for (int i = 0; i < held.count(); i++) {
            tables.forEachBeacon(held.node(i), b -> {
                if (b != ctx.payment().sender() && !asked.get(b) && !held.holds(b)
                        && (best[0] < 0 || tables.closestCompare(target, b, best[0]) < 0)) {
                    best[0] = b;
                }
            });
        }
        return best[0];
    }

    /** Whether node v is an endpoint of a channel marked in the union. */
    private boolean knows(int v, int[] known, int mark) {
        for (int slot = graph.outStart(v), end = graph.outEnd(v); slot < end; slot++) {
            if (known[ChannelGraph.channelOf(graph.outDirection(slot))] == mark) {
                return true;
            }
        }
        return false;
    }

    /**
     * The request along the path and the table back along it, hop by hop; the sender searches again when the answer
     * is in or when it stops waiting, whichever comes first.
     */
    private void send(int node, int[] path) {
        long waitUs = ctx.controlTimeoutUs(path[0]);
        for (int e : path) {
            waitUs += ctx.controlDelayUs(e) + ctx.controlDelayUs(e ^ 1);
        }
        requests++;
        ctx.addToColumn(0, 1);
        TableRequest request = new TableRequest(node, path, Math.toIntExact(BeaconMessages.ONION_REQUEST
                + tables.tableBytes(node)), ctx.now());
        request.forward(0);
        ctx.schedule(waitUs, () -> request.end(false));
    }

    /** One table request in flight: its hops out, the answer's hops back, and whichever of answer or wait ends it. */
    private final class TableRequest {
        private final int node;
        private final int[] path;
        private final int answerBytes;
        private final long sentAt;
        private boolean over;

        TableRequest(int node, int[] path, int answerBytes, long sentAt) {
            this.node = node;
            this.path = path;
            this.answerBytes = answerBytes;
            this.sentAt = sentAt;
        }

        /** The request reached the k-th node of the path (the sender at k = 0). */
        void forward(int k) {
            if (k == path.length) {
                back(path.length - 1);
                return;
            }
            ctx.sendControl(path[k], BeaconMessages.TABLE_REQUEST, BeaconMessages.ONION_REQUEST, () -> forward(k + 1));
        }

        /** The answer leaves the far end of hop k towards the sender. */
        void back(int k) {
            if (k < 0) {
                end(true);
                return;
            }
            ctx.sendControl(path[k] ^ 1, BeaconMessages.TABLE_RESPONSE, answerBytes, () -> back(k - 1));
        }

        /**
         * The answer reached the sender ({@code answered}) or the sender stopped waiting, whichever came first; the
         * other is ignored. Either way the sender searches again, with the table only if it came.
         */
        void end(boolean answered) {
            if (over) {
                return;
            }
            over = true;
            ctx.addDiscoveryUs(ctx.now() - sentAt);
            if (answered) {
                held.add(node);
            }
            attempt();
        }
    }
}
