package org.lnsim.network.generate;

import java.util.SplittableRandom;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.ChannelPolicy;
import org.lnsim.network.ShortChannelId;

/**
 * Channels that may open during a run (issue 22, a living network): a pool of <em>dormant</em> channels appended to a
 * graph ({@link ChannelGraph#withChannels}), which a run treats as not yet open until its open process reaches them
 * ({@code engine.policy.PolicyUpdates}). Every index of the original graph is kept, so the dormant channels are
 * {@code firstDormant() .. graph().channelCount() - 1}.
 *
 * <h2>How a new channel is drawn (a model, stated)</h2>
 * <ul>
 *   <li><b>Funder</b>: uniform among the nodes that can pay and be paid (a usable direction out and one in), the
 *       nodes a workload draws; so the payable set, and with it a drawn workload, stays that of the graph.</li>
 *   <li><b>Peer</b>: preferential attachment, as MCP's degree law grows (lightning-facts §1): the source of a
 *       uniformly drawn usable direction, i.e. in proportion to usable out-degree, redrawn until it is payable and
 *       not the funder. Parallel channels are allowed, as in the real network.</li>
 *   <li><b>Capacity</b>: the capacity of a uniformly drawn channel of the peer: MCP's law that bigger channels go to
 *       better-capitalised peers (lightning-facts §1.3, capacity by the peer's rank), resampled from the graph
 *       itself instead of re-running the generator's allocation, so it holds for snapshots too.</li>
 *   <li><b>Policies</b>: each endpoint's direction copies a uniformly drawn usable direction out of that endpoint
 *       (its own policies, as real nodes set one policy for most channels; issue 22 item 2), HTLC maximum capped at
 *       the capacity; never disabled.</li>
 *   <li><b>Balances</b>: the funder holds the whole capacity (BOLT 2 {@code open_channel} with {@code push_msat}
 *       0): {@link #funderIsNode1}.</li>
 *   <li><b>Short channel ids</b>: funded after the graph's newest channel, 1,000 per block from the block after
 *       it.</li>
 * </ul>
 * Pure function of the graph, the count and the stream: the same inputs give the same channels.
 *
 * @param graph        the original graph with the dormant channels appended (the original itself when none)
 * @param firstDormant the original graph's channel count
 */
public record ChannelOpenings(ChannelGraph graph, int firstDormant, boolean[] funderIsNode1) {
    private static final int PER_BLOCK = 1_000;

    public ChannelOpenings {
        if (funderIsNode1.length != graph.channelCount() - firstDormant) {
            throw new IllegalArgumentException(funderIsNode1.length + " funders for "
                    + (graph.channelCount() - firstDormant) + " dormant channels");
        }
    }

    /** No channel opens: the graph as it is. */
    public static ChannelOpenings none(ChannelGraph graph) {
        return new ChannelOpenings(graph, graph.channelCount(), new boolean[0]);
    }

    /** Dormant channels in the pool. */
    public int count() {
        return funderIsNode1.length;
    }

    /** Whether channel c is one of the pool's (not open at the start). */
    public boolean isDormant(int c) {
        return c >= firstDormant;
    }

    /** The node that funded dormant channel c (and holds its whole capacity when it opens). */
    public int funder(int c) {
        if (!isDormant(c)) {
            throw new IllegalArgumentException("channel " + c + " is not dormant");
        }
        return funderIsNode1[c - firstDormant] ? graph.node1(c) : graph.node2(c);
    }

    /**
     * Appends {@code count} dormant channels to {@code g}, drawn from {@code rng} as the class states.
     *
     * @throws IllegalArgumentException if count &lt; 0, or count &gt; 0 and fewer than two nodes can pay and be paid
     */
    public static ChannelOpenings draw(ChannelGraph g, int count, SplittableRandom rng) {
        if (count < 0) {
            throw new IllegalArgumentException("negative count of channel openings: " + count);
        }
        if (count == 0) {
            return none(g);
        }
        int n = g.nodeCount();
        boolean[] payable = new boolean[n];
        int[] payers = new int[n];
        int payerCount = 0;
        int[] usableOut = new int[2 * g.channelCount()];
        int usableCount = 0;
        for (int v = 0; v < n; v++) {
            boolean out = false;
            boolean in = false;
            for (int s = g.outStart(v); s < g.outEnd(v); s++) {
                int e = g.outDirection(s);
                if (g.isUsable(e)) {
                    out = true;
                    usableOut[usableCount++] = e;
                }
                in |= g.isUsable(e ^ 1);
            }
            if (out && in) {
                payable[v] = true;
                payers[payerCount++] = v;
            }
        }
        if (payerCount < 2) {
            throw new IllegalArgumentException("channel openings need two nodes that can pay and be paid; this "
                    + "network has " + payerCount);
        }
        long[] scids = new long[count];
        int[] node1 = new int[count];
        int[] node2 = new int[count];
        long[] cap = new long[count];
        ChannelPolicy[] policies = new ChannelPolicy[2 * count];
        boolean[] funderIsNode1 = new boolean[count];
        int block = g.channelCount() == 0 ? 1 : ShortChannelId.block(g.scid(g.channelCount() - 1)) + 1;
        for (int i = 0; i < count; i++) {
            int funder = payers[rng.nextInt(payerCount)];
            int peer;
            do { // a payable funder has a usable direction out, so some usable source other than it is payable
                peer = g.source(usableOut[rng.nextInt(usableCount)]);
            } while (peer == funder || !payable[peer]);
            int pick = g.outStart(peer) + rng.nextInt(g.degree(peer));
            long capacity = g.capacitySat(ChannelGraph.channelOf(g.outDirection(pick)));
            int b = block + i / PER_BLOCK;
            if (b > ShortChannelId.MAX_BLOCK) {
                throw new IllegalArgumentException("no block height left for " + count + " new channels after "
                        + ShortChannelId.format(g.scid(g.channelCount() - 1)));
            }
            scids[i] = ShortChannelId.of(b, 1 + i % PER_BLOCK, 0);
            funderIsNode1[i] = funder < peer;
            node1[i] = Math.min(funder, peer);
            node2[i] = Math.max(funder, peer);
            cap[i] = capacity;
            policies[2 * i] = ownPolicy(g, node1[i], capacity, rng);
            policies[2 * i + 1] = ownPolicy(g, node2[i], capacity, rng);
        }
        return new ChannelOpenings(g.withChannels(scids, node1, node2, cap, policies), g.channelCount(),
                funderIsNode1);
    }

    /**
     * A uniformly drawn usable direction out of v (v has one: it is payable; drawn by rejection among its channels,
     * without allocating), its maximum capped at capacity.
     */
    private static ChannelPolicy ownPolicy(ChannelGraph g, int v, long capacitySat, SplittableRandom rng) {
        int e;
        do {
            e = g.outDirection(g.outStart(v) + rng.nextInt(g.degree(v)));
        } while (!g.isUsable(e));
        long capMsat = capacitySat * 1000L;
        long max = g.hasHtlcMaximum(e) ? Math.min(g.htlcMaximumMsat(e), capMsat) : ChannelPolicy.NO_HTLC_MAXIMUM;
        return new ChannelPolicy(g.feeBaseMsat(e), g.feeProportionalMillionths(e), g.cltvExpiryDelta(e),
                g.htlcMinimumMsat(e), max, false);
    }
}
