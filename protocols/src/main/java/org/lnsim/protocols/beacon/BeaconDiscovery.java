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
 *   <li>Costs are counted per end-to-end request: its hops (one onion message each, as in {@link BeaconMessages})
 *       are charged to the node that sent it and received by its destination, and its answer's hops to the
 *       destination and the requester; the nodes relaying the onions are not charged for them (on a 1M-channel
 *       network there are billions of these hops).</li>
 * </ul>
 *
 * <h2>How it is computed</h2>
 * Every request needs "the node XOR-closest to v within r hops of the candidate x", keyed by the first 8 bytes of
 * the XOR distance with whole ids only on a tie, with the path x→w walked back for its delays.
 * <ul>
 *   <li>r = 1: on demand per candidate, from its adjacency sorted by id prefix: a descent over bit-partitioned
 *       ranges instead of a scan, so a hub answers in about log² degree steps. A requester costs its table search
 *       and a few descents per request.</li>
 *   <li>r ≥ 2: a requester's table and chains reach most of a large graph, so the answer is computed for every x at
 *       once. Each requester ranks every node by XOR distance from it ({@link XorOrder}, a walk of the id trie);
 *       then r rounds of "least rank among my own and my peers' previous level" give, per level k, the closest node
 *       within k hops of every x. The hops to it are the first level where it appears, and the path to it is walked
 *       down the levels when needed. {@link #LANES} requesters share each pass over the adjacency array, their
 *       ranks for one node filling one cache line. Cost: about 2N + r·2E steps per requester, plus its table search
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
    private final long[] idHi;
    private final XorSpace xor;
    private final XorOrder order;
    /** Each node's adjacency sorted by peer prefix: the prefixes, and the slots they belong to ({@link #sortPeers}). */
    private final long[] sortedKey;
    private final int[] sortedSlot;

    /** Per node: requests sent, their hops, answered requests' hops as destination, last answer time, beacons found. */
    private final long[] requests;
    private final long[] requestHops;
    private final long[] answeredHops;
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
        int n = g.nodeCount();
        idHi = new long[n];
        for (int v = 0; v < n; v++) {
            long h = 0;
            for (int i = 0; i < Long.BYTES; i++) {
                h = h << 8 | g.nodeIdByte(v, i);
            }
            idHi[v] = h;
        }
        sortedKey = new long[2 * g.channelCount()];
        sortedSlot = new int[2 * g.channelCount()];
        sortPeers(g, idHi, sortedKey, sortedSlot);
        requests = new long[n];
        requestHops = new long[n];
        answeredHops = new long[n];
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
            r.roundsFor(first, Math.min(n, first + LANES));
            for (int v = first; v < Math.min(n, first + LANES); v++) {
                if (g.degree(v) > 0) {
                    r.replay(v, v - first, beacons.apply(v));
                }
            }
        });
        for (Requester r : workers) {
            for (int x = 0; x < answeredHops.length; x++) {
                answeredHops[x] += r.answered[x];
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
     * Each node's adjacency sorted by (peer's 8-byte id prefix as unsigned, slot): the radius-1 "XOR-closest peer"
     * becomes a descent over bit-partitioned ranges instead of a scan of every peer.
     */
    private static void sortPeers(ChannelGraph g, long[] idHi, long[] key, int[] slotOf) {
        int n = g.nodeCount();
        int maxDegree = 1;
        for (int x = 0; x < n; x++) {
            maxDegree = Math.max(maxDegree, g.degree(x));
        }
        int[] tmp = new int[maxDegree];
        for (int x = 0; x < n; x++) {
            int start = g.outStart(x);
            int end = g.outEnd(x);
            for (int slot = start; slot < end; slot++) {
                slotOf[slot] = slot;
            }
            mergeSort(g, idHi, slotOf, tmp, start, end);
            for (int i = start; i < end; i++) {
                key[i] = idHi[g.outPeer(slotOf[i])];
            }
        }
    }

    /** Stable merge sort of {@code slots[lo, hi)} by their peers' 8-byte prefixes (unsigned); slots start ascending. */
    private static void mergeSort(ChannelGraph g, long[] idHi, int[] slots, int[] tmp, int lo, int hi) {
        if (hi - lo < 2) {
            return;
        }
        int mid = (lo + hi) >>> 1;
        mergeSort(g, idHi, slots, tmp, lo, mid);
        mergeSort(g, idHi, slots, tmp, mid, hi);
        if (Long.compareUnsigned(idHi[g.outPeer(slots[mid - 1])], idHi[g.outPeer(slots[mid])]) <= 0) {
            return;
        }
        int i = lo;
        int j = mid;
        int k = 0;
        while (i < mid && j < hi) {
            tmp[k++] = Long.compareUnsigned(idHi[g.outPeer(slots[j])], idHi[g.outPeer(slots[i])]) < 0
                    ? slots[j++] : slots[i++];
        }
        while (i < mid) {
            tmp[k++] = slots[i++];
        }
        while (j < hi) {
            tmp[k++] = slots[j++];
        }
        System.arraycopy(tmp, 0, slots, lo, k);
    }

    /**
     * One worker's scratch: a requester's table search, and "the node XOR-closest to v within r hops of x" for the x
     * its chains ask about. At r = 1 that is computed on demand per x (its sorted adjacency, {@link #closestPeer});
     * at r ≥ 2 a request reaches most of a million-channel graph, so it is computed for every x at once by r rounds
     * of "best of my own and my peers' previous best", for {@link #LANES} requesters together.
     */
    private final class Requester {
        private final int[] stamp;
        private final int[] depth;
        private final long[] fwdUs;
        private final long[] backUs;
        private final int[] queue;
        private final int[] answeredStamp;
        private final long[] answered;
        // r = 1: per x, whether known for this requester, its best (node << 8 | hops, −1: none) and the slot (−1: x)
        private final int[] known;
        private final int[] best1;
        private final int[] via1;
        // r ≥ 2, entry x · LANES + lane of level k: the XOR rank (from the lane's requester, who is excluded) of the
        // node closest to it within k hops of x, Integer.MAX_VALUE for none; per lane, the nodes by rank
        private final int[][] level;
        private final int[][] byRank;
        private final int[] listScratch;
        // r ≥ 2, per level k ≥ 1 (index k − 1) and node y: the walk to y's best within k hops for this requester, out
        // and back, when walkStamp[k − 1][y] == s
        private final int[][] walkStamp;
        private final long[][] walkFwd;
        private final long[][] walkBack;
        // r ≥ 2: the peers of node markedNode have peerMark == markCount
        private final int[] peerMark;
        private int markCount;
        private int markedNode = -1;
        private long pathFwd;
        private long pathBack;
        private int s;
        private int requester;
        private int lane;
        private long hv;

        Requester() {
            int n = g.nodeCount();
            stamp = new int[n];
            depth = new int[n];
            fwdUs = new long[n];
            backUs = new long[n];
            queue = new int[n];
            answeredStamp = new int[n];
            answered = new long[n];
            boolean lanes = radius > 1;
            known = new int[lanes ? 0 : n];
            best1 = new int[lanes ? 0 : n];
            via1 = new int[lanes ? 0 : n];
            level = new int[lanes ? radius + 1 : 0][lanes ? n * LANES : 0];
            byRank = new int[lanes ? LANES : 0][n];
            listScratch = new int[lanes ? n : 0];
            walkStamp = new int[lanes ? radius : 0][n];
            walkFwd = new long[walkStamp.length][n];
            walkBack = new long[walkStamp.length][n];
            peerMark = new int[lanes ? n : 0];
        }

        /** v's requests and their chains; at r ≥ 2 its bests are lane {@code lane} of the last {@link #roundsFor}. */
        void replay(int v, int lane, int[] beaconPaths) {
            requester = v;
            this.lane = lane;
            hv = idHi[v];
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
                while (true) {
                    reqs++;
                    hops += h;
                    answered[x] += h;
                    answeredStamp[x] = s;
                    int bx = radius == 1 ? bestWithinOne(x) : bestWithinRadius(x);
                    int w = bx >> 8;
                    int dw = bx & 0xFF;
                    if (w == x || h + dw > maxBeaconDistance) {
                        break; // x accepts
                    }
                    if (stamp[w] == s) {
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
                done = Math.max(done, t);
            }
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

        /** Breadth-first search of v's table (radius r), with each node's path delays from and back to v. */
        private int table(int v) {
            stamp[v] = s;
            depth[v] = 0;
            fwdUs[v] = 0;
            backUs[v] = 0;
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
            int slot = closestPeer(x);
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

        /**
         * r ≥ 2: for requesters {@code first..end-1} (one lane each), the XOR rank of the node closest to each within
         * k hops of every x, k = 0..r, the requester excluded: level 0 is x's own rank (none for the requester), level
         * k the least of x's own and its peers' level k − 1. Ranks come from {@link XorOrder}, so the least rank is
         * the closest node by whole ids, with no tie to break. Unused lanes hold no best anywhere.
         */
        void roundsFor(int first, int end) {
            int n = g.nodeCount();
            int[] own = level[0];
            for (int j = 0; j < LANES; j++) {
                int v = first + j;
                if (v < end) {
                    int[] ranked = byRank[j];
                    order.list(v, ranked, listScratch);
                    for (int rank = 0; rank < n; rank++) {
                        own[ranked[rank] * LANES + j] = rank;
                    }
                    own[v * LANES + j] = Integer.MAX_VALUE;
                } else {
                    for (int x = 0; x < n; x++) {
                        own[x * LANES + j] = Integer.MAX_VALUE;
                    }
                }
            }
            for (int k = 1; k <= radius; k++) {
                int[] prev = level[k - 1];
                int[] cur = level[k];
                for (int x = 0; x < n; x++) {
                    int base = x * LANES;
                    System.arraycopy(prev, base, cur, base, LANES);
                    for (int slot = g.outStart(x), slotEnd = g.outEnd(x); slot < slotEnd; slot++) {
                        int pBase = g.outPeer(slot) * LANES;
                        for (int j = 0; j < LANES; j++) {
                            cur[base + j] = Math.min(cur[base + j], prev[pBase + j]);
                        }
                    }
                }
            }
        }

        /**
         * r ≥ 2: the node XOR-closest to the requester within r hops of x, as node << 8 | hops (−1: none); its hops
         * are the first level at which it is x's best.
         */
        private int bestWithinRadius(int x) {
            int at = x * LANES + lane;
            int rank = level[radius][at];
            if (rank == Integer.MAX_VALUE) {
                return -1;
            }
            int hops = 0;
            while (level[hops][at] != rank) {
                hops++;
            }
            return byRank[lane][rank] << 8 | hops;
        }

        /**
         * Delays of the path from x to its best node within r hops, out and back ({@link #pathFwd},
         * {@link #pathBack}): down the levels, staying where the best was already known one level lower, else
         * through x's first slot (adjacency order) whose peer knew it there, which is the breadth-first tree path
         * from x. Hubs' adjacencies are long and many chains pass them: the last hop is found by a binary search of
         * the sorted adjacency, and every step is remembered for the requester.
         */
        private void walkToBest(int x) {
            if (radius == 1) {
                int e = g.outDirection(via1[x]);
                pathFwd = delayUs[e];
                pathBack = delayUs[e ^ 1];
            } else {
                walk(x, radius);
            }
        }

        /** {@link #walkToBest} from y to its best within k hops, k ≥ 0, remembered per (y, k) for the requester. */
        private void walk(int y, int k) {
            if (k == 0) {
                pathFwd = 0;
                pathBack = 0;
                return;
            }
            int[] stamps = walkStamp[k - 1];
            if (stamps[y] == s) {
                pathFwd = walkFwd[k - 1][y];
                pathBack = walkBack[k - 1][y];
                return;
            }
            int rank = level[k][y * LANES + lane];
            int[] lower = level[k - 1];
            if (lower[y * LANES + lane] == rank) {
                walk(y, k - 1);
            } else {
                // a peer p holds the best at level k − 1 exactly when the best lies within k − 1 hops of p (it is
                // the closest over all within k of y, a superset): at k = 1 that is the best node itself, at k = 2
                // its peers, marked once per best node, so that y's adjacency is read in order without touching the
                // peers' levels (a cache miss each on a hub)
                int w = byRank[lane][rank];
                int slot;
                if (k == 1) {
                    slot = slotTo(y, w);
                } else if (k == 2) {
                    markPeers(w);
                    slot = g.outStart(y);
                    while (peerMark[g.outPeer(slot)] != markCount) {
                        slot++;
                    }
                } else {
                    slot = g.outStart(y);
                    while (lower[g.outPeer(slot) * LANES + lane] != rank) {
                        slot++;
                    }
                }
                walk(g.outPeer(slot), k - 1);
                int e = g.outDirection(slot);
                pathFwd += delayUs[e];
                pathBack += delayUs[e ^ 1];
            }
            stamps[y] = s;
            walkFwd[k - 1][y] = pathFwd;
            walkBack[k - 1][y] = pathBack;
        }

        /** Marks w's peers with a new {@link #markCount}, unless w's are the peers marked last. */
        private void markPeers(int w) {
            if (markedNode == w) {
                return;
            }
            markCount++;
            for (int q = g.outStart(w), end = g.outEnd(w); q < end; q++) {
                peerMark[g.outPeer(q)] = markCount;
            }
            markedNode = w;
        }

        /**
         * The lowest slot of y whose peer is w (−1: not a peer): a binary search of y's adjacency sorted by peer
         * prefix, then the run of that prefix, whose slots ascend.
         */
        private int slotTo(int y, int w) {
            long target = idHi[w];
            int lo = g.outStart(y);
            int hi = g.outEnd(y);
            while (lo < hi) {
                int m = (lo + hi) >>> 1;
                if (Long.compareUnsigned(sortedKey[m], target) < 0) {
                    lo = m + 1;
                } else {
                    hi = m;
                }
            }
            for (int end = g.outEnd(y); lo < end && sortedKey[lo] == target; lo++) {
                if (g.outPeer(sortedSlot[lo]) == w) {
                    return sortedSlot[lo];
                }
            }
            return -1;
        }

        /**
         * The slot of x's peer XOR-closest to v, v excluded (−1: none): a descent over x's sorted adjacency, each
         * step keeping the part of the range that agrees with v on the highest bit where the range's keys differ;
         * among peers sharing the winning 8-byte prefix, whole ids decide and the lowest slot of the winner stands.
         */
        private int closestPeer(int x) {
            int lo = g.outStart(x);
            int hi = g.outEnd(x);
            if (lo == hi) {
                return -1;
            }
            int run = closestRun(lo, hi);
            int runEnd = runEnd(run, hi);
            int slot = bestOfRun(run, runEnd);
            if (slot >= 0) {
                return slot;
            }
            // the run was v alone: the best of what lies either side of it
            int left = run > lo ? bestOf(lo, run) : -1;
            int right = runEnd < hi ? bestOf(runEnd, hi) : -1;
            if (left < 0 || right < 0) {
                return Math.max(left, right);
            }
            return xor.compareDistance(requester, g.outPeer(right), g.outPeer(left)) < 0 ? right : left;
        }

        /** The best slot of the sorted range [lo, hi), non-empty (−1: only v there). */
        private int bestOf(int lo, int hi) {
            int run = closestRun(lo, hi);
            return bestOfRun(run, runEnd(run, hi));
        }

        /** First index of the sorted range [lo, hi) whose key is XOR-closest to v's (the run of equal keys starts there). */
        private int closestRun(int lo, int hi) {
            while (true) {
                long diff = sortedKey[lo] ^ sortedKey[hi - 1];
                if (diff == 0) {
                    return lo;
                }
                long bit = Long.highestOneBit(diff);
                int a = lo;
                int b = hi - 1; // sortedKey[a] has the bit clear, sortedKey[b] set: find the first set
                while (b - a > 1) {
                    int m = (a + b) >>> 1;
                    if ((sortedKey[m] & bit) == 0) {
                        a = m;
                    } else {
                        b = m;
                    }
                }
                if ((hv & bit) == 0) {
                    hi = b;
                } else {
                    lo = b;
                }
            }
        }

        private int runEnd(int run, int hi) {
            int end = run + 1;
            while (end < hi && sortedKey[end] == sortedKey[run]) {
                end++;
            }
            return end;
        }

        /** Among sorted entries with one key, the lowest slot of the peer XOR-closest to v, v excluded (−1: none). */
        private int bestOfRun(int from, int to) {
            int slot = -1;
            for (int i = from; i < to; i++) {
                int p = g.outPeer(sortedSlot[i]);
                if (p == requester) {
                    continue;
                }
                if (slot < 0 || xor.compareDistance(requester, p, g.outPeer(slot)) < 0
                        || p == g.outPeer(slot) && sortedSlot[i] < slot) {
                    slot = sortedSlot[i];
                }
            }
            return slot;
        }
    }
}
