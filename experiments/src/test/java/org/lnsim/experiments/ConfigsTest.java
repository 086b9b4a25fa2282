package org.lnsim.experiments;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21, defect 6: an error in a {@code --set} value was blamed on the configuration file ("quickstart
 * (embedded): workload.payments: …"); it now names the {@code --set KEY=VALUE} that gave the key.
 */
class ConfigsTest {
    @TempDir
    Path dir;

    private static String error(String config, String... overrides) {
        return assertThrows(ConfigException.class, () -> Configs.load(config, List.of(overrides))).getMessage();
    }

    private static void startsWith(String message, String prefix) {
        assertTrue(message.startsWith(prefix), "'" + message + "' should start with '" + prefix + "'");
    }

    @Test
    void aBadValueIsBlamedOnItsSet() {
        startsWith(error(null, "seed=3", "workload.payments=-5"),
                "--set workload.payments=-5: workload.payments: -5 is out of range");
        startsWith(error(null, "workload.paymentz=5"), "--set workload.paymentz=5: workload.paymentz: unknown key");
        startsWith(error(null, "protocols=[sourc]"), "--set protocols=[sourc]: protocols.0.name: 'sourc' is not");
    }

    /** A section set whole is blamed for the key inside it; of two sets of one key, the later (the one used). */
    @Test
    void theSetThatGaveTheKeyIsNamed() {
        startsWith(error(null, "workload={payments: -5}"), "--set workload={payments: -5}: workload.payments: ");
        startsWith(error(null, "workload.payments=-7", "workload.payments=-5"), "--set workload.payments=-5: ");
    }

    @Test
    void aBadValueInTheFileIsStillTheFiles() throws Exception {
        Path f = dir.resolve("c.yaml");
        Files.writeString(f, "workload:\n  payments: -5\n");
        startsWith(error(f.toString(), "seed=3"), f + ": workload.payments: -5 is out of range");
    }

    /** A conflict between a --set and the file's keys names both. */
    @Test
    void aConflictWithTheFileNamesBoth() {
        startsWith(error(null, "network.file=x.json"), "--set network.file=x.json with quickstart (embedded): "
                + "network: give either 'file' or 'generate'");
    }

    /** A megabyte value is cut in the --set it is named by, as in the message (under 1,000 characters in all). */
    @Test
    void aLongValueIsCut() {
        String m = error(null, "workload.payments=" + "9".repeat(1_000_000));
        startsWith(m, "--set workload.payments=999");
        assertTrue(m.length() < 1_000 && m.contains("characters left out"), m.length() + ": " + m);
    }

    /**
     * Found by ConfigFuzzTest: a key path with an empty name ("." or "a..b") escaped as an
     * ArrayIndexOutOfBoundsException (exit 1 with a stack trace), and a trailing dot set the section itself.
     */
    @Test
    void aKeyPathWithAnEmptyNameIsRefused() {
        for (String set : new String[] {".=[]", "workload..payments=5", "workload.=5", ".seed=1"}) {
            startsWith(error(null, set), "--set: " + set.substring(0, set.indexOf('=')) + ": not a key path");
        }
    }

    /**
     * Found by ConfigFuzzTest: the resolved tree of a network read from a file (as manifest.json keeps it, with the
     * generate section at its defaults) did not resolve again ("give either 'file' or 'generate'"); it does now, also
     * read back from JSON text, whose numbers are ints where resolution made longs. A generate section that changes
     * anything beside a file is still refused.
     */
    @Test
    void aFileNetworksResolvedTreeResolvesToItself() throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode once = ConfigSchema.resolve(
                Configs.yaml().readTree("network: {file: x.json}"), "t.yaml").config();
        org.junit.jupiter.api.Assertions.assertEquals(once, ConfigSchema.resolve(once, "manifest.json").config());
        com.fasterxml.jackson.databind.JsonNode read = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(once.toString());
        org.junit.jupiter.api.Assertions.assertEquals(once, ConfigSchema.resolve(read, "manifest.json").config());
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigSchema.resolve(Configs.yaml()
                .readTree("network: {file: x.json, generate: {channels: 2000}}"), "t.yaml"));
        assertTrue(e.getMessage().contains("give either 'file' or 'generate'"), e.getMessage());
    }
}
