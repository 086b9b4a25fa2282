package org.lnsim.network.io;

import java.io.IOException;
import java.nio.file.Path;
import org.lnsim.network.ChannelGraph;

/**
 * One output format. Implementations write through {@link AtomicOutput} so that a failed export leaves no partial
 * file (or folder) behind.
 */
public interface NetworkWriter {
    String name();

    void write(ChannelGraph graph, Path target) throws IOException;
}
