package org.lnsim.network.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * One input format. Formats are detected from content: {@link #probe} sees the start of the (decompressed) file, or
 * the folder, and says whether it reads it.
 */
public interface NetworkReader {
    /** Short stable name, e.g. {@code "lnd-describegraph"}, shown in load reports and {@code --format} choices. */
    String name();

    /**
     * Whether this reader takes {@code path}.
     *
     * @param path the file or folder given by the user
     * @param head for a file, up to the first 64 KiB of its decompressed content; for a folder, empty
     */
    boolean probe(Path path, byte[] head) throws IOException;

    /**
     * Reads the network, reporting bytes read to {@code progress}.
     *
     * @throws NetworkFormatException naming file, record and problem when the input is bad
     */
    LoadedNetwork read(Path path, ReadProgress progress) throws IOException;

    /** {@link #read(Path, ReadProgress)} without progress. */
    default LoadedNetwork read(Path path) throws IOException {
        return read(path, ReadProgress.NONE);
    }
}
