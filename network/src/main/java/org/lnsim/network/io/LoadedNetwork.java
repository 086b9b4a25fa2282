package org.lnsim.network.io;

import org.lnsim.network.ChannelGraph;

/**
 * A graph together with the report of how it was read and, when the file states them, its initial balances.
 *
 * @param balances the file's balances ({@link FileBalances}), or null when the format carries none (public gossip)
 *                 or the file did not give one for every channel
 */
public record LoadedNetwork(ChannelGraph graph, LoadReport report, FileBalances balances) {
    /** A network read from a file without balances. */
    public LoadedNetwork(ChannelGraph graph, LoadReport report) {
        this(graph, report, null);
    }

    /** Whether the file stated initial balances. */
    public boolean hasBalances() {
        return balances != null;
    }
}
