package org.lnsim.protocols.beacon;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.lnsim.network.ChannelGraph;

/**
 * A replay of the 2016 prototype's beacon acquisition (ACINQ's {@code FlareRouter}; lightning-facts §5), giving what
 * it costs each node: the {@code beacon_req} onions it sends and answers, their hops, and when its last answer
 * arrives. {@link BeaconRouting#setup} charges these figures; the beacons a node keeps are still the true XOR-closest
 * ({@link Neighbourhoods}), and {@link #beaconsFound} says how many of them the replay's requests reached.
 *
 * <h2>The prototype's rules, as replayed</h2>
 * <ul>
 *   <li>When node v receives its table ({@code neighbor_hello}), it sends a {@code beacon_req} to <b>every node newly
 *       discovered</b>: every node of its radius-r table, over a fewest-hop path inside the table.</li>
 *   <li>A candidate c answers over the reverse route. It looks in its own table (the nodes within r hops of c) for
 *       the node XOR-closest to v other than v and c; if that node w is strictly closer to v than c is, and the two
 *       routes' hops (c to v, c to w) total at most {@code max-beacon-distance}, the answer suggests w and carries a
 *       route c→w; otherwise c accepts.</li>
 *   <li>v sends a new request to every suggested node, over its table if the node is in it, else over the route it
 *       came with (its route to c, then c→w), each time it is suggested (the prototype does not remember whom it
 *       asked); the suggested node answers by the same rule, until a node accepts.</li>
 * </ul>
 *
 * <h2>What lnsim leaves out or reads its own way</h2>
 * <ul>
 *   <li>Tables are complete when requests start: the prototype's tables grow by batched {@code neighbor_update}s
 *       (1 s / 3 s timers), and a request answered against a half-built table may be suggested elsewhere.</li>
 *   <li>A candidate looks only at its radius-r neighbourhood, not at the paths to its own beacons that it also keeps
 *       (they would make its suggestions slightly better, never more numerous).</li>
 *   <li>The 20-second {@code tick_beacons} (5 requests to random known nodes) is maintenance, not set-up: not
 *       replayed.</li>
 *   <li>Requests of one node leave together when its table arrives; a suggested request leaves when the answer that
 *       suggested it arrives. Each hop takes the run's control delay of its direction (one delay per direction for
 *       the whole set-up).</li>
 *   <li>Costs are counted per hop, each hop one onion message (as in {@link BeaconMessages}) sent by the node at
 *       its near end: a request of h hops is sent by its requester ({@link #requests}), forwarded by each of the
 *       h − 1 nodes on its route ({@link #relayed}) and received by its destination ({@link #addressed}); its
 *       answer goes back the same way. (Until issue 18 all h hops were charged to the requester and the
 *       destination, and the relays, hubs above all, were charged nothing.) The relays are counted without
 *       walking each request's route: per requester, the requests whose route leaves its table at a node are
 *       summed up the breadth-first tree once, and the few hops of a chain beyond the table are walked once per
 *       chain with their multiplicities.</li>
 * </ul>
 *
 * <h2>How it is computed</h2>
 * Every request needs "the node XOR-closest to v within r hops of the candidate x", keyed by the first 8 bytes of
 * the XOR distance with whole ids only on a tie, with the path x→w walked back for its delays.
 * <ul>
 *   <li>r = 1: on demand per candidate, from its adjacency sorted by id prefix ({@link SortedPeers}): a descent
 *       over bit-partitioned ranges instead of a scan, so a hub answers in about log² degree steps. A requester
 *       costs its table search and a few descents per request.</li>
 *   <li>r ≥ 2: a requester's table and chains reach most of a large graph, so the answer is computed for every x at
 *       once. Each requester ranks every node by XOR distance from it ({@link XorOrder}, a walk of the id trie);
 *       then r rounds of "least rank among my own and my peers' previous level" give, per level k, the closest node
 *       within k hops of every x. The hops to it are the first level where it appears, and the path to it is walked
 *       down the levels when needed ({@link LaneBests}). {@link #LANES} requesters share each pass over the
 *       adjacency array, their ranks for one node filling one cache line. Cost: about 2N + r·2E steps per requester, plus its table search
 *       and chain walks.</li>
 * </ul>
 * Results depend only on the graph, r, the delays and the distance limit, not on the thread count (each requester
 * writes only its own entries; answers received are summed per worker and added at the end). Scratch per worker: at
 * r ≥ 2 about 4(r + 2)·{@link #LANES} bytes per node.
 */
final class BeaconDiscovery {
    /** Beacons whose answer is tracked per node (a bit each). */
    static final int MAX_TRACKED_BEACONS = 64;
    /**
     * Requesters whose best-within-r rounds (r ≥ 2) run together: each adjacency slot read serves all of them, their
     * 4-byte ranks for one node filling one 64-byte cache line.
     */
    static final int LANES = 16;

    private final ChannelGraph g;
    private final int radius;
    private final int maxBeaconDistance;
    private final long[] delayUs;
    private final XorSpace xor;
    private final XorOrder order;
    private final SortedPeers peers;

    /**
     * Per node: requests sent, their hops, answered requests' hops as destination, requests addressed to it, request
     * hops it forwarded for others, last answer time, beacons found.
     */
    private final long[] requests;
    private final long[] requestHops;
    private final long[] answeredHops;
    private final long[] addressed;
    private final long[] relayed;
    private final long[] doneUs;
    private final long[] beaconsFound;

    /**
     * @param delayUs control delay of each direction (µs), read for every hop
     */
    BeaconDiscovery(ChannelGraph g, int radius, int maxBeaconDistance, long[] delayUs) {
        if (radius < 1 || radius > 100 || maxBeaconDistance < 1 || delayUs.length != 2 * g.channelCount()) {
            throw new IllegalArgumentException("invalid beacon discovery setting");
        }
        this.g = g;
        this.radius = radius;
        this.maxBeaconDistance = maxBeaconDistance;
        this.delayUs = delayUs;
        this.xor = new XorSpace(g);
        this.order = radius > 1 ? new XorOrder(g) : null;
        this.peers = new SortedPeers(g, xor);
        int n = g.nodeCount();
        requests = new long[n];
        requestHops = new long[n];
        answeredHops = new long[n];
        addressed = new long[n];
        relayed = new long[n];
        doneUs = new long[n];
        beaconsFound = new long[n];
    }

    /**
     * Replays every node's acquisition. A node's table arrives from its first peer in adjacency order, one hop
     * ({@link #tableArrivalUs}); its requests leave then.
     *
     * @param beacons each node's beacon paths ({@code [b, len, dir…]*}, closest first), for {@link #beaconsFound}
     */
    void run(int threads, IntFunction<int[]> beacons) {
        int n = g.nodeCount();
        int groups = radius == 1 ? n : (n + LANES - 1) / LANES;
        List<Requester> workers = new ArrayList<>();
        NodeWorkers.forEachNode(groups, threads, "beacon-discovery", () -> {
            Requester r = new Requester();
            synchronized (workers) {
                workers.add(r);
            }
            return r;
        }, (r, group) -> {
            if (radius == 1) {
                if (g.degree(group) > 0) {
                    r.replay(group, 0, beacons.apply(group));
                }
                return;
            }
            int first = group * LANES;
            r.lanes.roundsFor(first, Math.min(n, first + LANES));
            for (int v = first; v < Math.min(n, first + LANES); v++) {
                if (g.degree(v) > 0) {
                    r.replay(v, v - first, beacons.apply(v));
                }
            }
        });
        for (Requester r : workers) {
            for (int x = 0; x < answeredHops.length; x++) {
                answeredHops[x] += r.answered[x];
                addressed[x] += r.addressedCount[x];
                relayed[x] += r.relayedCount[x];
            }
        }
    }

    /** When v's table arrives: one hop from its first peer in adjacency order, the peer that sends it. */
    long tableArrivalUs(int v) {
        return delayUs[g.outDirection(g.outStart(v)) ^ 1];
    }

    /** Whether this replay ran under exactly these per-direction delays. */
    boolean hasDelays(long[] delays) {
        return java.util.Arrays.equals(delayUs, delays);
    }

    /** beacon_reqs node v sent (end to end, suggestions included). */
    long requests(int v) {
        return requests[v];
    }

    /** Hops of v's requests: onion messages sent on v's behalf, and as many answer hops back to v. */
    long requestHops(int v) {
        return requestHops[v];
    }

    /** Hops of the requests addressed to v: as many answer hops sent by v. */
    long answeredHops(int v) {
        return answeredHops[v];
    }

    /** Requests addressed to v (end to end): as many answers it sent, each one onion message on its first hop. */
    long addressed(int v) {
        return addressed[v];
    }

    /**
     * Requests v forwarded for others: hops where v is neither the requester nor the destination; each is one onion
     * forwarded out and one answer forwarded back. Summed over nodes it is the request hops minus the requests.
     */
    long relayed(int v) {
        return relayed[v];
    }

    /** When v's last answer arrived (µs from the run's start). */
    long doneUs(int v) {
        return doneUs[v];
    }

    /** How many of v's {@code k} closest beacons answered one of its requests (k ≤ {@link #MAX_TRACKED_BEACONS}). */
    int beaconsFound(int v, int k) {
        if (k > MAX_TRACKED_BEACONS) {
            throw new IllegalArgumentException("beacons found are tracked for the first 64 beacons only");
        }
        return Long.bitCount(k == MAX_TRACKED_BEACONS ? beaconsFound[v] : beaconsFound[v] & ((1L << k) - 1));
    }

    /**
     * One worker's scratch: a requester's table search, its chains of requests, and the answers its worker's
     * requests received. "The node XOR-closest to v within r hops of x" comes at r = 1 from x's sorted adjacency
     * ({@link SortedPeers#closestPeer}, remembered per x for the requester), at r ≥ 2 from the worker's
     * {@link LaneBests}.
     */
    private final class Requester {
        private final int[] stamp;
        private final int[] depth;
        private final long[] fwdUs;
        private final long[] backUs;
        private final int[] queue;
        private final int[] answeredStamp;
        private final long[] answered;
        private final long[] addressedCount;
        private final long[] relayedCount;
        // the table's breadth-first tree: parent of each table node; per table node, requests whose route's tree part
        // goes to it (through it or beyond it) and those that end there; the chain's segments beyond the table
        private final int[] parent;
        private final long[] pass;
        private final long[] endAt;
        private int[] segNodes = new int[16];
        private int[] segEnds = new int[4];
        private int segCount;
        private int segNodeCount;
        // r = 1: per x, whether known for this requester, its best (node << 8 | hops, −1: none) and the slot (−1: x)
        private final int[] known;
        private final int[] best1;
        private final int[] via1;
        /** r ≥ 2: the bests of this worker's lanes, null at r = 1. */
        final LaneBests lanes;
        private long pathFwd;
        private long pathBack;
        private int s;
        private int requester;

        Requester() {
            int n = g.nodeCount();
            stamp = new int[n];
            depth = new int[n];
            fwdUs = new long[n];
            backUs = new long[n];
            queue = new int[n];
            answeredStamp = new int[n];
            answered = new long[n];
            addressedCount = new long[n];
            relayedCount = new long[n];
            parent = new int[n];
            pass = new long[n];
            endAt = new long[n];
            boolean one = radius == 1;
            known = new int[one ? n : 0];
            best1 = new int[one ? n : 0];
            via1 = new int[one ? n : 0];
            lanes = one ? null : new LaneBests(g, radius, order, peers, delayUs);
        }

        /** v's requests and their chains; at r ≥ 2 its bests are lane {@code lane} of the last {@code roundsFor}. */
        void replay(int v, int lane, int[] beaconPaths) {
            requester = v;
            if (lanes != null) {
                lanes.select(lane);
            }
            s++;
            long startUs = tableArrivalUs(v);
            int tableNodes = table(v);
            long reqs = 0;
            long hops = 0;
            long done = startUs;
            for (int i = 1; i < tableNodes; i++) {
                int x = queue[i];
                int h = depth[x];
                long f = fwdUs[x];
                long b = backUs[x];
                long t = startUs + f + b;
                // the route: the tree path to anchor, then segCount segments beyond the table
                int anchor = x;
                segCount = 0;
                segNodeCount = 0;
                while (true) {
                    reqs++;
                    hops += h;
                    answered[x] += h;
                    addressedCount[x]++;
                    answeredStamp[x] = s;
                    int bx = lanes == null ? bestWithinOne(x) : lanes.best(x);
                    int w = bx >> 8;
                    int dw = bx & 0xFF;
                    if (w == x || h + dw > maxBeaconDistance) {
                        break; // x accepts
                    }
                    if (stamp[w] == s) {
                        closeRoute(anchor);
                        anchor = w;
                        segCount = 0;
                        segNodeCount = 0;
                        h = depth[w];
                        f = fwdUs[w];
                        b = backUs[w];
                    } else {
                        h += dw;
                        walkToBest(x);
                        f += pathFwd;
                        b += pathBack;
                    }
                    t += f + b;
                    x = w;
                }
                closeRoute(anchor);
                done = Math.max(done, t);
            }
            relaysOnTree(tableNodes);
            requests[v] = reqs;
            requestHops[v] = hops;
            doneUs[v] = done;
            long found = 0;
            for (int at = 0, i = 0; at < beaconPaths.length && i < MAX_TRACKED_BEACONS; at += 2 + beaconPaths[at + 1], i++) {
                if (answeredStamp[beaconPaths[at]] == s) {
                    found |= 1L << i;
                }
            }
            beaconsFound[v] = found;
        }

        /**
         * The requests of one route, the tree path to {@code anchor} then {@link #segCount} segments beyond the table
         * (request 0 ends at the anchor, request j after segment j): each passes the tree path to the anchor; the
         * anchor and segment j's inner nodes forward the requests that go beyond them, segment j's end those after
         * it.
         */
        private void closeRoute(int anchor) {
            int k = segCount;
            pass[anchor] += 1 + k;
            endAt[anchor]++;
            int from = 0;
            for (int j = 1; j <= k; j++) {
                int end = segEnds[j - 1];
                for (int at = from; at < end - 1; at++) {
                    relayedCount[segNodes[at]] += k - j + 1;
                }
                relayedCount[segNodes[end - 1]] += k - j;
                from = end;
            }
        }

        /**
         * Sums the requests that went through each table node on their tree part, from the leaves of the
         * breadth-first tree up: a node forwards every request whose tree part goes to a node below it, and those to
         * itself that go on beyond the table.
         */
        private void relaysOnTree(int tableNodes) {
            for (int i = tableNodes - 1; i >= 1; i--) {
                int u = queue[i];
                relayedCount[u] += pass[u] - endAt[u];
                pass[parent[u]] += pass[u];
            }
        }

        /** Appends the nodes of the last {@link #walkToBest} after its start, the best last, as one segment. */
        private void recordSegment(int x) {
            int need = segNodeCount + radius + 1;
            if (need > segNodes.length) {
                segNodes = java.util.Arrays.copyOf(segNodes, Math.max(need, 2 * segNodes.length));
            }
            if (lanes == null) {
                segNodes[segNodeCount++] = g.outPeer(via1[x]);
            } else {
                segNodeCount += lanes.pathNodes(x, segNodes, segNodeCount);
            }
            if (segCount == segEnds.length) {
                segEnds = java.util.Arrays.copyOf(segEnds, 2 * segCount);
            }
            segEnds[segCount++] = segNodeCount;
        }

        /** Breadth-first search of v's table (radius r), with each node's path delays from and back to v. */
        private int table(int v) {
            stamp[v] = s;
            depth[v] = 0;
            fwdUs[v] = 0;
            backUs[v] = 0;
            parent[v] = v;
            pass[v] = 0;
            endAt[v] = 0;
            queue[0] = v;
            int head = 0;
            int tail = 1;
            while (head < tail) {
                int u = queue[head++];
                if (depth[u] == radius) {
                    continue;
                }
                for (int slot = g.outStart(u), end = g.outEnd(u); slot < end; slot++) {
                    int p = g.outPeer(slot);
                    if (stamp[p] != s) {
                        int e = g.outDirection(slot);
                        stamp[p] = s;
                        depth[p] = depth[u] + 1;
                        fwdUs[p] = fwdUs[u] + delayUs[e];
                        backUs[p] = backUs[u] + delayUs[e ^ 1];
                        parent[p] = u;
                        pass[p] = 0;
                        endAt[p] = 0;
                        queue[tail++] = p;
                    }
                }
            }
            return tail;
        }

        /**
         * r = 1: the node XOR-closest to v among x and its peers, v excluded, as node << 8 | hops (x itself wins
         * over a farther peer; a peer over several channels is reached through its lowest slot, as a scan in
         * adjacency order would take it).
         */
        private int bestWithinOne(int x) {
            if (known[x] == s) {
                return best1[x];
            }
            int bb = x == requester ? -1 : x << 8;
            int from = -1;
            int slot = peers.closestPeer(x, requester);
            if (slot >= 0) {
                int p = g.outPeer(slot);
                if (bb < 0 || xor.compareDistance(requester, p, x) < 0) {
                    bb = p << 8 | 1;
                    from = slot;
                }
            }
            known[x] = s;
            best1[x] = bb;
            via1[x] = from;
            return bb;
        }

        /** Delays of the path from x to its best node within r hops, out and back ({@link #pathFwd}, {@code pathBack}). */
        private void walkToBest(int x) {
            if (lanes == null) {
                int e = g.outDirection(via1[x]);
                pathFwd = delayUs[e];
                pathBack = delayUs[e ^ 1];
            } else {
                lanes.walk(x);
                pathFwd = lanes.pathFwd;
                pathBack = lanes.pathBack;
            }
            recordSegment(x);
        }
    }
}
