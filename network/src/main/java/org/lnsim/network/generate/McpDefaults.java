package org.lnsim.network.generate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The embedded default fit: {@value #RESOURCE}, fitted from the shipped snapshot
 * {@code clightning-listchannels-2019-05-14.json.gz} with its sibling {@code clightning-listnodes-2019-05-14.json.gz}
 * (the snapshot MCP itself was built from, lightning-facts §1.2 item 8), so that {@code lnsim generate} works
 * without a snapshot at hand.
 *
 * <p>Regenerate it from the repository root (the command is also the file's {@code generated_by} field):
 * <pre>
 *   ./lnsim fit data/snapshots/clightning-listchannels-2019-05-14.json.gz --out network/src/main/resources/org/lnsim/network/generate/mcp-fit-2019-05-14.json
 * </pre>
 */
public final class McpDefaults {
    /** Class-path location of the default fit. */
    public static final String RESOURCE = "/org/lnsim/network/generate/mcp-fit-2019-05-14.json";

    private McpDefaults() {
    }

    /**
     * A fit from a file: a fit JSON written by {@code lnsim fit} (recognised by its {@code "format"} field), or any
     * network snapshot, which is loaded and fitted now.
     *
     * @throws org.lnsim.network.io.NetworkFormatException if the file is neither, or malformed
     * @throws IllegalArgumentException if the snapshot cannot be fitted (e.g. too few nodes)
     */
    public static McpFit fromFile(Path path) throws IOException {
        byte[] head = org.lnsim.network.io.Inputs.head(path);
        if (org.lnsim.network.io.Inputs.headText(head).startsWith("{")
                && new String(head, java.nio.charset.StandardCharsets.UTF_8).contains("\"" + McpFit.FORMAT + "\"")) {
            try (InputStream in = org.lnsim.network.io.Inputs.open(path)) {
                return McpFit.read(in, path);
            }
        }
        org.lnsim.network.io.LoadedNetwork loaded = org.lnsim.network.io.NetworkFormats.load(path);
        Path name = path.getFileName();
        return McpFitter.fit(loaded.graph(), name == null ? path.toString() : name.toString(),
                "lnsim fit " + path + " (on the fly)");
    }

    /**
     * Loads the embedded fit.
     *
     * @throws UncheckedIOException if the resource is missing from the build (a packaging bug, not user input)
     */
    public static McpFit load() {
        try (InputStream in = McpDefaults.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("resource " + RESOURCE + " is missing from the class path");
            }
            return McpFit.read(in, Path.of(RESOURCE.substring(1)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the embedded MCP fit", e);
        }
    }
}
