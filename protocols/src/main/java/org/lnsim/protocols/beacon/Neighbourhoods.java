package org.lnsim.protocols.beacon;

import org.lnsim.network.ChannelGraph;
import org.lnsim.network.gossip.GossipSizes;

/**
 * The graph searches behind Flare's routing tables (lightning-facts §5), computed on demand over the public graph
 * with reusable scratch arrays: nothing per node is materialised, since at 1M channels a hub's radius-2
 * neighbourhood alone holds a large part of the graph.
 *
 * <h2>Definitions (lnsim's reading of the paper, fixed here once)</h2>
 * <ul>
 *   <li><b>Neighbourhood of radius r</b> of node x: every channel on some path of at most r hops from x, i.e. every
 *       channel with an endpoint at hop distance ≤ r − 1 from x (r = 1: x's own channels; r = 2: also its peers'
 *       channels). Hop distances ignore direction, policies and balances: the table is topology plus both
 *       directions' policies, whatever their state.</li>
 *   <li><b>Beacons</b> of x: the {@code beacons} nodes XOR-closest to x ({@link XorSpace}) among the nodes within
 *       {@code maxBeaconDistance} hops of x. The prototype seeks them by iterated {@code beacon_req} / suggestion
 *       rounds; lnsim keeps the true k closest, what those rounds aim at. {@link BeaconDiscovery} replays the rounds
 *       for their cost and counts how many of these they actually reach (a candidate that knows no closer node
 *       within its own radius accepts, closest or not).</li>
 *   <li><b>Beacon path</b>: a fewest-hop path from x to the beacon; among those, the one with the smallest sum of
 *       fees at {@link #REFERENCE_AMOUNT_MSAT} in the direction of travel (a direction without a policy counts as
 *       {@link #NO_POLICY_FEE}); remaining ties go to the first found in adjacency order. Its channels are
 *       whitelisted in x's table.</li>
 *   <li><b>Table bytes</b>: each channel at its BOLT 7 size (channel_announcement + one channel_update per direction
 *       with a policy, as {@link GossipSizes} counts {@code gossip_bytes_raw}) plus the node_announcement of every
 *       announced endpoint, so a table compares directly with full gossip.</li>
 * </ul>
 *
 * <p>One instance is one thread's scratch; it is not thread-safe. Memory: five int/long arrays per node and one int
 * per channel.
 */
final class Neighbourhoods {
    /** Amount at which beacon-path fees are compared: 1,000 sat, a typical small payment. */
    static final long REFERENCE_AMOUNT_MSAT = 1_000_000;
    /** Fee counted for a direction without a channel_update (it cannot forward, but can carry messages). */
    static final long NO_POLICY_FEE = 1L << 32;

    private final ChannelGraph g;
    private final Topology topology;
    private final XorSpace xor;
    private final int[] nodeStamp;
    private final int[] depth;
    private final int[] parentDir;
    private final int[] position;
    private final long[] cost;
    private final int[] queue;
    private final int[] channelStamp;
    private final int[] endpointStamp;
    private int stamp;
    private int countStamp;

    Neighbourhoods(ChannelGraph g, Topology topology) {
        this.g = g;
        this.topology = topology;
        this.xor = new XorSpace(g);
        int n = g.nodeCount();
        nodeStamp = new int[n];
        depth = new int[n];
        parentDir = new int[n];
        position = new int[n];
        cost = new long[n];
        queue = new int[n];
        channelStamp = new int[g.channelCount()];
        endpointStamp = new int[n];
    }

    /** Bytes of channel c's records in a table: its announcement and one update per direction with a policy. */
    static int channelRecordBytes(ChannelGraph g, int c) {
        int bytes = GossipSizes.CHANNEL_ANNOUNCEMENT;
        for (int d = 0; d < 2; d++) {
            int e = ChannelGraph.direction(c, d);
            if (g.hasPolicy(e)) {
                bytes += GossipSizes.channelUpdate(g.hasHtlcMaximum(e));
            }
        }
        return bytes;
    }

    /** Bytes of node n's node_announcement, 0 if it has none. */
    static int nodeRecordBytes(ChannelGraph g, int n) {
        return g.isAnnounced(n) ? GossipSizes.nodeAnnouncement(g.addresses(n)) : 0;
    }

    /**
     * Breadth-first search from x up to {@code maxDepth} hops, recording for each reached node its depth, the cost
     * of its cheapest fewest-hop path and the direction into it on that path (see the class comment): a node's
     * parent is the first in queue order among its cheapest, scanning each node's channels in channel order. Layers
     * are complete before the next is expanded, so a node's cost is final when its layer starts expanding.
     *
     * @return the number of nodes reached (x included); they are {@code queue[0..count)} in BFS order
     */
    private int search(int x, int maxDepth) {
        int s = start(x);
        int head = 0;
        int tail = 1;
        while (head < tail) {
            int u = queue[head++];
            if (depth[u] < maxDepth) {
                tail = expand(u, s, tail);
            }
        }
        return tail;
    }

    private int start(int x) {
        int s = ++stamp;
        nodeStamp[x] = s;
        depth[x] = 0;
        cost[x] = 0;
        parentDir[x] = -1;
        position[x] = 0;
        queue[0] = x;
        return s;
    }

    /** Relaxes u's channels into the next layer; returns the new queue tail. */
    private int expand(int u, int s, int tail) {
        final long[] slotFee = topology.slotFee;
        int du = depth[u];
        for (int slot = g.outStart(u), end = g.outEnd(u); slot < end; slot++) {
            int v = g.outPeer(slot);
            long c = cost[u] + slotFee[slot];
            if (nodeStamp[v] != s) {
                nodeStamp[v] = s;
                depth[v] = du + 1;
                cost[v] = c;
                parentDir[v] = g.outDirection(slot);
                queue[tail++] = v;
            } else if (depth[v] == du + 1 && c < cost[v]) {
                cost[v] = c;
                parentDir[v] = g.outDirection(slot);
            }
        }
        return tail;
    }

    /**
     * The paths from x to {@code targets[0..count)}, all in x's component, exactly as {@link #search} would give
     * them, without expanding the layer that reaches the farthest target — the largest one, most of the graph on a
     * hub-heavy network. Before layer j is expanded its costs are final, so a target not yet reached whose own
     * channels touch layer j lies at depth j + 1 with its parent the cheapest such neighbour (first in queue order,
     * then in channel order — the order {@link #search} would meet them in). 20–100× fewer channels scanned at 1M
     * channels.
     *
     * @return for each target its depth (index i) and the direction into it (index count + i)
     */
    private int[] searchTargets(int x, int[] targets, int count, int maxDepth) {
        int s = start(x);
        int[] out = new int[2 * count];
        int unresolved = count;
        java.util.Arrays.fill(out, 0, count, -1);
        int layerStart = 0;
        int layerEnd = 1;
        int tail = 1;
        for (int j = 0; ; j++) {
            for (int i = 0; i < count; i++) {
                if (out[i] >= 0) {
                    continue;
                }
                int b = targets[i];
                if (nodeStamp[b] == s) { // reached by the expansion of layer j - 1: final
                    out[i] = depth[b];
                    out[count + i] = parentDir[b];
                    unresolved--;
                } else if (j < maxDepth) {
                    int best = -1;
                    long bestCost = Long.MAX_VALUE;
                    int bestPos = Integer.MAX_VALUE;
                    for (int slot = g.outStart(b), end = g.outEnd(b); slot < end; slot++) {
                        int w = g.outPeer(slot);
                        if (nodeStamp[w] != s || depth[w] != j) {
                            continue;
                        }
                        int e = g.outDirection(slot) ^ 1; // w -> b
                        long c = cost[w] + (g.hasPolicy(e) ? g.feeMsat(e, REFERENCE_AMOUNT_MSAT) : NO_POLICY_FEE);
                        int p = position[w];
                        if (c < bestCost || (c == bestCost && p < bestPos)) {
                            best = e;
                            bestCost = c;
                            bestPos = p;
                        }
                    }
                    if (best >= 0) {
                        out[i] = j + 1;
                        out[count + i] = best;
                        unresolved--;
                    }
                }
            }
            if (unresolved == 0 || j >= maxDepth || layerStart == layerEnd) {
                break;
            }
            for (int head = layerStart; head < layerEnd; head++) {
                int u = queue[head];
                int before = tail;
                tail = expand(u, s, tail);
                for (int q = before; q < tail; q++) {
                    position[queue[q]] = q;
                }
            }
            layerStart = layerEnd;
            layerEnd = tail;
        }
        return out;
    }

    /**
     * Node x's beacons and the paths to them.
     *
     * @return {@code [b_1, len_1, dir…, b_2, len_2, dir…]}: each beacon, its path length and the directions from x
     *         to it, closest beacon first; fewer than {@code beacons} when fewer nodes are eligible
     */
    int[] beaconPaths(int x, int beacons, int maxBeaconDistance) {
        int[] closest = new int[beacons];
        int found;
        int[] depthAndParent;
        int comp = topology.component[x];
        if (beacons == 0) {
            return new int[0];
        } else if (topology.diameterBound[comp] <= maxBeaconDistance) {
            // every node of x's component is within the distance: pick the beacons first, then search only until
            // their paths are final
            found = xor.closest(x, beacons, y -> topology.component[y] == comp, closest);
            depthAndParent = searchTargets(x, closest, found, maxBeaconDistance);
        } else {
            search(x, maxBeaconDistance);
            int s = stamp;
            found = xor.closest(x, beacons, y -> nodeStamp[y] == s, closest);
            depthAndParent = new int[2 * found];
            for (int i = 0; i < found; i++) {
                depthAndParent[i] = depth[closest[i]];
                depthAndParent[found + i] = parentDir[closest[i]];
            }
        }
        int size = 0;
        for (int i = 0; i < found; i++) {
            size += 2 + depthAndParent[i];
        }
        int[] out = new int[size];
        int at = 0;
        for (int i = 0; i < found; i++) {
            int len = depthAndParent[i];
            out[at] = closest[i];
            out[at + 1] = len;
            int e = depthAndParent[found + i]; // the direction into the beacon
            for (int k = len - 1; k >= 0; k--) {
                out[at + 2 + k] = e;
                e = k > 0 ? parentDir[g.source(e)] : -1;
            }
            at += 2 + len;
        }
        return out;
    }

    /**
     * Marks in {@code known} (with value {@code mark}) every channel of x's radius-r neighbourhood and of its beacon
     * paths ({@code paths[0..pathsLength)}, encoded as {@link #beaconPaths} returns them).
     */
    void markTable(int x, int radius, int[] paths, int pathsLength, int[] known, int mark) {
        int reached = search(x, radius - 1);
        for (int i = 0; i < reached; i++) {
            int u = queue[i];
            for (int slot = g.outStart(u), end = g.outEnd(u); slot < end; slot++) {
                known[ChannelGraph.channelOf(g.outDirection(slot))] = mark;
            }
        }
        for (int at = 0; at < pathsLength; at += 2 + paths[at + 1]) {
            for (int k = 0; k < paths[at + 1]; k++) {
                known[ChannelGraph.channelOf(paths[at + 2 + k])] = mark;
            }
        }
    }

    /**
     * Size of x's radius-r neighbourhood without materialising it: its channels and their BOLT 7 bytes, each
     * endpoint's announcement counted once.
     *
     * <p>The channels are those with an endpoint in B, the nodes within r − 1 hops (the search marks them). A channel
     * with one endpoint in B is counted from that endpoint; one with both from the endpoint its even direction leaves,
     * so each counts once without a per-channel mark. Every read is either sequential (the slot-ordered adjacency and
     * record sizes) or into the per-node marks, which stay in cache: at r = 3 on a 1M-channel network, B of a
     * well-connected node holds most nodes and this loop reads most of the graph, once per node.
     *
     * @return {@code {channels, bytes}}
     */
    long[] neighbourhoodSize(int x, int radius) {
        int reached = search(x, radius - 1);
        int inB = stamp;
        int s = ++countStamp;
        long channels = 0;
        long bytes = 0;
        for (int i = 0; i < reached; i++) {
            int u = queue[i];
            int start = g.outStart(u);
            int end = g.outEnd(u);
            if (start < end) {
                bytes += topology.nodeBytes[u];
            }
            for (int slot = start; slot < end; slot++) {
                int w = g.outPeer(slot);
                if (nodeStamp[w] == inB) {
                    if ((g.outDirection(slot) & 1) != 0) {
                        continue;   // counted from w
                    }
                } else if (endpointStamp[w] != s) {
                    endpointStamp[w] = s;
                    bytes += topology.nodeBytes[w];
                }
                channels++;
                bytes += topology.slotChannelBytes[slot];
            }
        }
        return new long[] {channels, bytes};
    }

    /**
     * What x's beacon paths {@code paths[0..pathsLength)} add to its radius-r neighbourhood. A beacon path is a
     * fewest-hop path, so its i-th node lies exactly i hops from x: hop i (from node i to node i + 1) is in the
     * neighbourhood iff i ≤ r − 1, and node i is an endpoint of a neighbourhood channel iff i ≤ r. So the paths add
     * their hops from index r on and their nodes from index r + 1 on, each once (paths share prefixes).
     *
     * @return {@code {channels, bytes}} added
     */
    long[] pathsBeyond(int radius, int[] paths, int pathsLength) {
        int s = ++countStamp;
        long channels = 0;
        long bytes = 0;
        for (int at = 0; at < pathsLength; at += 2 + paths[at + 1]) {
            for (int k = radius; k < paths[at + 1]; k++) {
                int e = paths[at + 2 + k];
                int c = ChannelGraph.channelOf(e);
                if (channelStamp[c] != s) {
                    channelStamp[c] = s;
                    channels++;
                    bytes += topology.channelBytes[c] + endpointBytes(g.target(e), s);
                }
            }
        }
        return new long[] {channels, bytes};
    }

    /**
     * The sum over the channels of x's table (radius-r neighbourhood and the beacon paths in
     * {@code paths[0..pathsLength)}) of both endpoints' {@code nodeWeight}, each channel once: e.g. how many
     * channel_updates node churn sends about the channels x holds.
     */
    long tableWeight(int x, int radius, int[] paths, int pathsLength, long[] nodeWeight) {
        // the neighbourhood's channels once each, by their endpoints' marks (as neighbourhoodSize), then the paths'
        // hops beyond it (as pathsBeyond)
        int reached = search(x, radius - 1);
        int inB = stamp;
        long sum = 0;
        for (int i = 0; i < reached; i++) {
            int u = queue[i];
            for (int slot = g.outStart(u), end = g.outEnd(u); slot < end; slot++) {
                int w = g.outPeer(slot);
                if (nodeStamp[w] != inB || (g.outDirection(slot) & 1) == 0) {
                    sum += nodeWeight[u] + nodeWeight[w];
                }
            }
        }
        int s = ++countStamp;
        for (int at = 0; at < pathsLength; at += 2 + paths[at + 1]) {
            for (int k = radius; k < paths[at + 1]; k++) {
                int e = paths[at + 2 + k];
                int c = ChannelGraph.channelOf(e);
                if (channelStamp[c] != s) {
                    channelStamp[c] = s;
                    sum += nodeWeight[g.source(e)] + nodeWeight[g.target(e)];
                }
            }
        }
        return sum;
    }

    /** A node's announcement bytes the first time it is counted under stamp s, else 0. */
    private long endpointBytes(int n, int s) {
        if (endpointStamp[n] == s) {
            return 0;
        }
        endpointStamp[n] = s;
        return topology.nodeBytes[n];
    }

    /**
     * A fewest-hop path from {@code from} to {@code to} over channels marked {@code mark} in {@code known} (any
     * direction with or without policy: control messages need only the connection), for the latency of a table
     * request.
     *
     * @return the directions from {@code from} to {@code to}, or null if {@code to} is not reachable over them
     */
    int[] knownPath(int from, int to, int[] known, int mark) {
        int s = ++stamp;
        nodeStamp[from] = s;
        depth[from] = 0;
        parentDir[from] = -1;
        queue[0] = from;
        int head = 0;
        int tail = 1;
        while (head < tail && nodeStamp[to] != s) {
            int u = queue[head++];
            for (int slot = g.outStart(u), end = g.outEnd(u); slot < end; slot++) {
                int v = g.outPeer(slot);
                if (nodeStamp[v] != s && known[ChannelGraph.channelOf(g.outDirection(slot))] == mark) {
                    nodeStamp[v] = s;
                    depth[v] = depth[u] + 1;
                    parentDir[v] = g.outDirection(slot);
                    queue[tail++] = v;
                }
            }
        }
        if (nodeStamp[to] != s) {
            return null;
        }
        int[] path = new int[depth[to]];
        for (int v = to, k = path.length - 1; v != from; k--) {
            int e = parentDir[v];
            path[k] = e;
            v = g.source(e);
        }
        return path;
    }

    /** Nodes XOR-closest to {@code target} among those {@code eligible} (see {@link XorSpace#closest}). */
    int closest(int target, int k, java.util.function.IntPredicate eligible, int[] out) {
        return xor.closest(target, k, eligible, out);
    }

    XorSpace xor() {
        return xor;
    }
}
