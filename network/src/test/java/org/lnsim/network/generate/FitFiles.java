package org.lnsim.network.generate;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.lnsim.network.io.NetworkFormatException;

/** The fit file's JSON in the generator's tests: written, read back, with fields removed, and refused. */
final class FitFiles {
    private FitFiles() {
    }

    /** {@code fit} as its file's JSON text. */
    static String json(McpFit fit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        fit.write(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** A fit read from JSON text, as from a file named fit.json. */
    static McpFit read(String json) throws IOException {
        return McpFit.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), Path.of("fit.json"));
    }

    /** {@code fit} as a file written before its fields {@code keys} existed (each must be there to remove). */
    static McpFit without(McpFit fit, String... keys) {
        try {
            ObjectMapper m = new ObjectMapper();
            ObjectNode root = (ObjectNode) m.readTree(json(fit));
            for (String key : keys) {
                assertTrue(root.has(key), key);
                root.remove(key);
            }
            return read(m.writeValueAsString(root));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reading {@code json} fails with a message naming {@code key}. */
    static void assertBad(String json, String key) {
        NetworkFormatException e = assertThrows(NetworkFormatException.class, () -> read(json));
        assertTrue(e.getMessage().contains(key), e.getMessage());
    }
}
