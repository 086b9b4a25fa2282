package org.lnsim.results.run;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import org.lnsim.network.ChannelGraph;

/**
 * {@code manifest.json}: everything needed to rerun a run and to know what it ran on — the lnsim version, where the
 * configuration came from, the seed, the network (name, nodes, channels), where the initial balances came from, the
 * payment count and the whole resolved
 * configuration (every key, defaults filled in). Keys in this fixed order, two-space indentation, a final newline, so
 * two runs of the same configuration give the same bytes (only {@code config_source} names the file as it was given).
 *
 * @param version      lnsim's version line
 * @param configSource the configuration as given (file path or embedded name)
 * @param seed         the master seed
 * @param network      how the network was obtained (file name, or generator parameters)
 * @param nodes        its node count
 * @param channels     its channel count
 * @param payments     the workload's size
 * @param balances     where the initial balances came from: {@code file} (the ones the network file states) or the
 *                     label of the drawn split ({@code uniform}, {@code half}, {@code funder}); {@code balances.split}
 *                     in the configuration may say {@code auto}, this says what it resolved to
 * @param config       the resolved configuration
 * @param invariantsChecked whether funds conservation was checked after every event ({@code --check-invariants});
 *                     the thread count is deliberately not recorded: outputs are byte-identical whatever it is
 */
public record RunManifest(String version, String configSource, long seed, String network, int nodes, int channels,
                          int payments, String balances, JsonNode config, boolean invariantsChecked) {
    /** What {@code balances} says when the run started from the network file's balances. */
    public static final String FILE_BALANCES = "file";

    /** The manifest of a run on {@code graph}. */
    public static RunManifest of(String version, String configSource, long seed, String network, ChannelGraph graph,
                                 int payments, String balances, JsonNode config, boolean invariantsChecked) {
        return new RunManifest(version, configSource, seed, network, graph.nodeCount(), graph.channelCount(),
                payments, balances, config, invariantsChecked);
    }

    /** The file's text. */
    public String json() {
        ObjectMapper json = new ObjectMapper();
        ObjectNode manifest = json.createObjectNode();
        manifest.put("lnsim", version);
        manifest.put("config_source", configSource);
        manifest.put("seed", seed);
        ObjectNode net = manifest.putObject("network");
        net.put("name", network);
        net.put("nodes", nodes);
        net.put("channels", channels);
        manifest.put("initial_balances", balances);
        manifest.put("payments", payments);
        manifest.put("invariants_checked", invariantsChecked);
        manifest.set("config", config);
        DefaultPrettyPrinter pp = new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
        try {
            return json.writer(pp).writeValueAsString(manifest) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("rendering manifest.json failed", e);
        }
    }

    /**
     * The heading of {@code summary.md}: the configuration, the network's size, the payments and the seed, and
     * {@code ; initial balances from the file} when the run started from the balances the network file states (a
     * drawn split, the usual case, is not named there, so summaries of runs on gossip snapshots and generated
     * networks read as before; manifest.json always names the source).
     */
    String summaryHeading() {
        return "# " + configSource + "\n\n" + network + ": " + nodes + " nodes, " + channels + " channels; " + payments
                + " payments; seed " + seed + (FILE_BALANCES.equals(balances) ? "; initial balances from the file" : "")
                + "\n\n";
    }
}
