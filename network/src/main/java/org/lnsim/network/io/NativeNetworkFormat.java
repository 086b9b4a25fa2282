package org.lnsim.network.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.NativeFormat;

/** Reader and writer for lnsim's binary {@code .lnsim} format ({@link NativeFormat}). */
public final class NativeNetworkFormat implements NetworkReader, NetworkWriter {
    public static final String NAME = "lnsim";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean probe(Path path, byte[] head) {
        return head.length >= NativeFormat.MAGIC.length
                && Arrays.equals(head, 0, NativeFormat.MAGIC.length, NativeFormat.MAGIC, 0, NativeFormat.MAGIC.length);
    }

    @Override
    public LoadedNetwork read(Path path, ReadProgress progress) throws IOException {
        LoadReport report = new LoadReport(NAME);
        report.file("network", path);
        try (InputStream in = Inputs.open(path, progress)) {
            return new LoadedNetwork(NativeFormat.read(in), report);
        } catch (NativeFormat.InvalidNativeFileException e) {
            throw new NetworkFormatException(path, null, e.getMessage(), e);
        } catch (java.util.zip.ZipException e) {
            // a gzipped native file with a bad CRC or bytes after its last member (issue 21, defect 11)
            throw new NetworkFormatException(path, null, "corrupt gzip data: " + e.getMessage(), e);
        }
    }

    @Override
    public void write(ChannelGraph graph, Path target) throws IOException {
        AtomicOutput.write(target, out -> NativeFormat.write(graph, out));
    }
}
