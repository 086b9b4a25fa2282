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

    /** Whether the format carries initial balances ({@link #write(ChannelGraph, FileBalances, Path)} writes them). */
    default boolean writesBalances() {
        return false;
    }

    /**
     * Writes {@code graph} with its initial balances ({@code balances}, null when it has none) where the format
     * carries them; formats that carry none ignore them (see {@link #writesBalances()}).
     */
    default void write(ChannelGraph graph, FileBalances balances, Path target) throws IOException {
        write(graph, target);
    }
}
