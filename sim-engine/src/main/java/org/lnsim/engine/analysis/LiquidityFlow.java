package org.lnsim.engine.analysis;

import java.util.Arrays;
import org.lnsim.network.ChannelGraph;

/**
 * Maximum flow of money between two nodes over channel liquidity: the feasibility bound of multi-part payments
 * (lightning-facts §7.5: a payment can be delivered by some set of paths iff the min cut between sender and receiver,
 * over what each direction can carry, is at least its amount).
 *
 * <p>A channel is two directions with their own liquidity; sending f along e leaves e able to carry f less and lets
 * e ^ 1 carry f more — the channel's own residual graph, so no extra reverse edges are needed. Dinic's algorithm
 * (BFS levels, blocking flows with current-arc pointers) on the graph's CSR adjacency, stopping as soon as the
 * requested amount is reached; the residuals changed by a query are undone afterwards, so one instance answers many
 * queries at a cost that depends on the part of the graph a query touches, not on its size. Not thread-safe.
 */
public final class LiquidityFlow {
    private final ChannelGraph graph;
    private final long[] residual;
    private final int[] level;
    private final int[] nextSlot;
    private final int[] queue;
    private int[] touched = new int[1024];
    private long[] saved = new long[1024];
    private int touchedCount;
    private final boolean[] isTouched;

    /**
     * @param graph     the network
     * @param liquidity what each direction {@code e} can carry now (msat, ≥ 0), indexed like the graph's directions
     */
    public LiquidityFlow(ChannelGraph graph, long[] liquidity) {
        if (liquidity.length != 2 * graph.channelCount()) {
            throw new IllegalArgumentException("need one liquidity per direction");
        }
        this.graph = graph;
        this.residual = liquidity.clone();
        int n = graph.nodeCount();
        this.level = new int[n];
        this.nextSlot = new int[n];
        this.queue = new int[n];
        this.isTouched = new boolean[residual.length];
    }

    /**
     * The largest amount (msat) that can flow from {@code source} to {@code target}, capped at {@code limitMsat}:
     * the payment of {@code limitMsat} is feasible iff the result equals it.
     */
    public long maxFlow(int source, int target, long limitMsat) {
        if (source == target) {
            throw new IllegalArgumentException("source and target are the same node");
        }
        long flow = 0;
        try {
            while (flow < limitMsat && levels(source, target)) {
                for (int v = 0; v < nextSlot.length; v++) {
                    nextSlot[v] = graph.outStart(v);
                }
                long pushed;
                while (flow < limitMsat && (pushed = push(source, target, limitMsat - flow)) > 0) {
                    flow += pushed;
                }
            }
            return flow;
        } finally {
            undo();
        }
    }

    /** BFS over directions with liquidity left; true if the target is reached. */
    private boolean levels(int source, int target) {
        Arrays.fill(level, -1);
        int head = 0;
        int tail = 0;
        queue[tail++] = source;
        level[source] = 0;
        while (head < tail) {
            int u = queue[head++];
            for (int slot = graph.outStart(u); slot < graph.outEnd(u); slot++) {
                int v = graph.outPeer(slot);
                if (level[v] < 0 && residual[graph.outDirection(slot)] > 0) {
                    level[v] = level[u] + 1;
                    queue[tail++] = v;
                }
            }
        }
        return level[target] >= 0;
    }

    /** One augmenting path in the level graph (depth-first, current-arc pointers); returns what it carried. */
    private long push(int u, int target, long limit) {
        if (u == target) {
            return limit;
        }
        for (; nextSlot[u] < graph.outEnd(u); nextSlot[u]++) {
            int slot = nextSlot[u];
            int v = graph.outPeer(slot);
            int e = graph.outDirection(slot);
            if (level[v] != level[u] + 1 || residual[e] <= 0) {
                continue;
            }
            long got = push(v, target, Math.min(limit, residual[e]));
            if (got > 0) {
                save(e);
                save(e ^ 1);
                residual[e] -= got;
                residual[e ^ 1] += got;
                return got;
            }
        }
        return 0;
    }

    private void save(int e) {
        if (isTouched[e]) {
            return;
        }
        isTouched[e] = true;
        if (touchedCount == touched.length) {
            touched = Arrays.copyOf(touched, 2 * touchedCount);
            saved = Arrays.copyOf(saved, 2 * touchedCount);
        }
        touched[touchedCount] = e;
        saved[touchedCount++] = residual[e];
    }

    private void undo() {
        for (int i = 0; i < touchedCount; i++) {
            residual[touched[i]] = saved[i];
            isTouched[touched[i]] = false;
        }
        touchedCount = 0;
    }
}
