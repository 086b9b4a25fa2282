package org.lnsim.network.io;

import org.lnsim.network.ChannelGraph;

/**
 * The initial balances a network file states, beside the {@link ChannelGraph} read from it: node_1's share of each
 * channel in msat, indexed like the graph's channels (node_2 holds the rest of the capacity). Only formats that carry
 * balances produce one (CLoTH's {@code edges_ln.csv} {@code balance} column, {@link ClothCsvFormat}); public gossip
 * carries none, so the other readers give none ({@link LoadedNetwork#balances()} is null).
 *
 * <p>Why not in the graph: the network model's contract is that the graph knows nothing about balances (they belong
 * to a run, which may start from these or redraw them: config key {@code balances.split}). One {@code long} per
 * channel (8 MB at a million channels), allocated only when a file carries balances.
 *
 * <p>Invariant, checked at construction: {@code 0 ≤ node1Msat(c) ≤ graph.capacityMsat(c)} for every channel of the
 * graph it was made for. Immutable (the array is never handed out).
 */
public final class FileBalances {
    private final long[] node1Msat;

    private FileBalances(long[] node1Msat) {
        this.node1Msat = node1Msat;
    }

    /**
     * The balances of {@code graph} with node_1 holding {@code node1Msat[c]} of channel {@code c} (copied).
     *
     * @throws IllegalArgumentException when the length is not the channel count or a share is outside
     *                                  [0, capacity]
     */
    public static FileBalances of(ChannelGraph graph, long[] node1Msat) {
        return adopt(graph, node1Msat.clone());
    }

    /** {@link #of} without the copy, for readers that built the array themselves. */
    static FileBalances adopt(ChannelGraph graph, long[] node1Msat) {
        if (node1Msat.length != graph.channelCount()) {
            throw new IllegalArgumentException(node1Msat.length + " balances for " + graph.channelCount()
                    + " channels");
        }
        for (int c = 0; c < node1Msat.length; c++) {
            if (node1Msat[c] < 0 || node1Msat[c] > graph.capacityMsat(c)) {
                throw new IllegalArgumentException("channel " + c + ": node_1's balance " + node1Msat[c]
                        + " msat is outside [0, " + graph.capacityMsat(c) + "]");
            }
        }
        return new FileBalances(node1Msat);
    }

    /** Channels covered: the graph's channel count. */
    public int channelCount() {
        return node1Msat.length;
    }

    /** Node_1's initial balance on channel {@code c}, msat (direction {@code 2c} can spend it). */
    public long node1Msat(int c) {
        return node1Msat[c];
    }

    /** The initial balance of direction {@code e} (what {@code graph.source(e)} holds), msat. */
    public long balanceMsat(ChannelGraph graph, int e) {
        int c = ChannelGraph.channelOf(e);
        return (e & 1) == 0 ? node1Msat[c] : graph.capacityMsat(c) - node1Msat[c];
    }
}
