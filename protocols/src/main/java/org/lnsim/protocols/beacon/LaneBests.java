package org.lnsim.protocols.beacon;

import org.lnsim.network.ChannelGraph;

/**
 * One replay worker's "node XOR-closest to the requester within k hops of x", for every x and k = 0..r at once, at
 * radius r ≥ 2 ({@link BeaconDiscovery} "How it is computed"): a request there reaches most of a large graph, so
 * instead of a search per x, {@link BeaconDiscovery#LANES} requesters ("lanes") share r rounds of "least XOR rank
 * among my own and my peers' previous level" over the adjacency array ({@link #roundsFor}), their 4-byte ranks for
 * one node filling one cache line. A best's hops are the first level where it appears ({@link #best}); the path to
 * it is walked down the levels on demand and remembered for the requester ({@link #walk}).
 *
 * <p>Memory: about 4(r + 2)·{@code LANES} bytes per node for the levels and ranks, plus 20 r bytes per node for
 * the remembered walks.
 */
final class LaneBests {
    private static final int LANES = BeaconDiscovery.LANES;
    private final ChannelGraph g;
    private final int radius;
    private final XorOrder order;
    private final SortedPeers peers;
    private final long[] delayUs;
    // entry x · LANES + lane of level k: the XOR rank (from the lane's requester, who is excluded) of the node
    // closest to it within k hops of x, Integer.MAX_VALUE for none; per lane, the nodes by rank
    private final int[][] level;
    private final int[][] byRank;
    private final int[] listScratch;
    // per level k ≥ 1 (index k − 1) and node y: the walk to y's best within k hops for this requester, out and back,
    // when walkStamp[k − 1][y] == stamp
    private final int[][] walkStamp;
    private final long[][] walkFwd;
    private final long[][] walkBack;
    // the next node of that walk: y itself where the best was already within k − 1 hops of y, else the peer taken
    private final int[][] walkNext;
    // the peers of node markedNode have peerMark == markCount
    private final int[] peerMark;
    private int markCount;
    private int markedNode = -1;
    private int lane;
    private int stamp;
    /** The delays of the last {@link #walk}, out and back. */
    long pathFwd;
    long pathBack;

    LaneBests(ChannelGraph g, int radius, XorOrder order, SortedPeers peers, long[] delayUs) {
        this.g = g;
        this.radius = radius;
        this.order = order;
        this.peers = peers;
        this.delayUs = delayUs;
        int n = g.nodeCount();
        level = new int[radius + 1][n * LANES];
        byRank = new int[LANES][n];
        listScratch = new int[n];
        walkStamp = new int[radius][n];
        walkFwd = new long[radius][n];
        walkBack = new long[radius][n];
        walkNext = new int[radius][n];
        peerMark = new int[n];
    }

    /**
     * For requesters {@code first..end-1} (one lane each), the XOR rank of the node closest to each within k hops of
     * every x, k = 0..r, the requester excluded: level 0 is x's own rank (none for the requester), level k the least
     * of x's own and its peers' level k − 1. Ranks come from {@link XorOrder}, so the least rank is the closest node
     * by whole ids, with no tie to break. Unused lanes hold no best anywhere.
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

    /** The requester of lane {@code lane} of the last {@link #roundsFor} replays next: walks remembered are its. */
    void select(int lane) {
        this.lane = lane;
        stamp++;
    }

    /**
     * The node XOR-closest to the selected requester within r hops of x, as node << 8 | hops (−1: none); its hops
     * are the first level at which it is x's best.
     */
    int best(int x) {
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
     * Delays of the path from x to its {@link #best}, out and back ({@link #pathFwd}, {@link #pathBack}): down the
     * levels, staying where the best was already known one level lower, else through x's first slot (adjacency order)
     * whose peer knew it there, which is the breadth-first tree path from x. Hubs' adjacencies are long and many
     * chains pass them: the last hop is found by a binary search of the sorted adjacency, and every step is
     * remembered for the requester.
     */
    void walk(int x) {
        walk(x, radius);
    }

    /** {@link #walk} from y to its best within k hops, k ≥ 0, remembered per (y, k) for the requester. */
    private void walk(int y, int k) {
        if (k == 0) {
            pathFwd = 0;
            pathBack = 0;
            return;
        }
        int[] stamps = walkStamp[k - 1];
        if (stamps[y] == stamp) {
            pathFwd = walkFwd[k - 1][y];
            pathBack = walkBack[k - 1][y];
            return;
        }
        int rank = level[k][y * LANES + lane];
        int[] lower = level[k - 1];
        int next = y;
        if (lower[y * LANES + lane] == rank) {
            walk(y, k - 1);
        } else {
            // a peer p holds the best at level k − 1 exactly when the best lies within k − 1 hops of p (it is the
            // closest over all within k of y, a superset): at k = 1 that is the best node itself, at k = 2 its peers,
            // marked once per best node, so that y's adjacency is read in order without touching the peers' levels
            // (a cache miss each on a hub)
            int w = byRank[lane][rank];
            int slot;
            if (k == 1) {
                slot = peers.slotTo(y, w);
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
            next = g.outPeer(slot);
            walk(next, k - 1);
            int e = g.outDirection(slot);
            pathFwd += delayUs[e];
            pathBack += delayUs[e ^ 1];
        }
        stamps[y] = stamp;
        walkFwd[k - 1][y] = pathFwd;
        walkBack[k - 1][y] = pathBack;
        walkNext[k - 1][y] = next;
    }

    /**
     * The nodes of the path {@link #walk} took from x to its best, after x, the best last, written from
     * {@code out[at]}; returns how many (its hops, at most r). Call after {@code walk(x)}, for the same requester.
     */
    int pathNodes(int x, int[] out, int at) {
        int count = 0;
        int y = x;
        for (int k = radius; k >= 1; k--) {
            int next = walkNext[k - 1][y];
            if (next != y) {
                out[at + count++] = next;
                y = next;
            }
        }
        return count;
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
}
