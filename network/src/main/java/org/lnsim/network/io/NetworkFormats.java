package org.lnsim.network.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The registry of network formats and the one entry point commands use: {@link #load(Path)} takes any supported
 * file or folder and detects the format from its content. Adding a format is one class implementing
 * {@link NetworkReader} (and/or {@link NetworkWriter}) plus one line in the lists below.
 */
public final class NetworkFormats {
    private static final List<NetworkReader> READERS = List.of(
            new NativeNetworkFormat(),
            new ClnListChannelsFormat(),
            // before lnd: ln-graph-viz nodes also carry a pub_key, which is all the lnd probe looks for in nodes
            new LnGraphVizFormat(),
            new LndDescribeGraphFormat(),
            new ClothCsvFormat());

    private static final List<NetworkWriter> WRITERS = List.of(
            new NativeNetworkFormat(),
            new LndDescribeGraphFormat(),
            new ClothCsvFormat());

    private NetworkFormats() {
    }

    public static List<NetworkReader> readers() {
        return READERS;
    }

    public static List<NetworkWriter> writers() {
        return WRITERS;
    }

    /**
     * Loads a network from a file or folder in any supported format.
     *
     * @throws NetworkFormatException if the path does not exist, no format recognises it, or it is malformed
     */
    public static LoadedNetwork load(Path path) throws IOException {
        return load(path, ReadProgress.NONE);
    }

    /** {@link #load(Path)}, reporting bytes read to {@code progress} (for a progress bar on big files). */
    public static LoadedNetwork load(Path path, ReadProgress progress) throws IOException {
        if (!Files.exists(path)) {
            throw new NetworkFormatException(path, null, "no such file or folder", new NoSuchFileException(path.toString()));
        }
        byte[] head = Inputs.head(path);
        for (NetworkReader r : READERS) {
            if (r.probe(path, head)) {
                return r.read(path, progress);
            }
        }
        throw new NetworkFormatException(path, null, "format not recognised; supported: "
                + READERS.stream().map(NetworkReader::name).collect(Collectors.joining(", ")));
    }

    /** The writer with this name. */
    public static NetworkWriter writer(String name) {
        for (NetworkWriter w : WRITERS) {
            if (w.name().equals(name)) {
                return w;
            }
        }
        throw new IllegalArgumentException("unknown output format '" + name + "'; choose one of: "
                + WRITERS.stream().map(NetworkWriter::name).collect(Collectors.joining(", ")));
    }
}
