package org.lnsim.network.io;

import org.lnsim.network.ChannelGraph;

/** A graph together with the report of how it was read. */
public record LoadedNetwork(ChannelGraph graph, LoadReport report) {
}
