package org.lnsim.experiments;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.lnsim.network.io.AtomicOutput;
import org.lnsim.results.run.NodeIdsCsv;
import org.lnsim.results.run.NodeStateCsv;
import org.lnsim.results.run.NodesCsv;
import org.lnsim.results.run.PaymentsCsv;
import org.lnsim.results.run.RunSummary;
import tech.tablesaw.api.Table;

/**
 * Writes a run's files into its output folder, each atomically: {@code payments.csv}, {@code nodes.csv} (per-node
 * state and messages), {@code node_state.csv} and {@code node_state_summary.csv} (per-node routing state and set-up
 * traffic, with percentiles), {@code node_ids.csv} (who each node index is: id, channels, capacity, alias),
 * {@code summary.csv},
 * {@code summary.md}, {@code manifest.json} (the resolved configuration, seed and network — everything needed to
 * rerun it) and {@code timings.csv}. Every file but {@code timings.csv} is a pure function of (config, seed), so two
 * runs can be compared with {@code cmp}.
 */
public final class RunOutputs {
    public static final String PAYMENTS = "payments.csv";
    public static final String SUMMARY_CSV = "summary.csv";
    public static final String SUMMARY_MD = "summary.md";
    public static final String MANIFEST = "manifest.json";
    public static final String TIMINGS = "timings.csv";
    public static final String NODES = "nodes.csv";
    public static final String NODE_STATE = "node_state.csv";
    public static final String NODE_STATE_SUMMARY = "node_state_summary.csv";
    public static final String NODE_IDS = "node_ids.csv";

    private RunOutputs() {
    }

    /** Writes all files; returns the summary as Markdown (for printing). */
    public static String write(Path dir, ExperimentSettings settings, String configSource, String version,
                               ExperimentRunner.Result result) throws IOException {
        Files.createDirectories(dir);
        Table summary = RunSummary.table(result.runs(), result.bound());
        String md = "# " + configSource + "\n\n" + result.network() + ": " + result.graph().nodeCount() + " nodes, "
                + result.graph().channelCount() + " channels; " + result.payments() + " payments; seed "
                + settings.seed() + "\n\n" + RunSummary.markdown(summary);
        writeUtf8(dir.resolve(PAYMENTS), w -> PaymentsCsv.write(w, result.runs(), result.graph()));
        writeUtf8(dir.resolve(NODES), w -> NodesCsv.write(w, result.runs()));
        writeUtf8(dir.resolve(NODE_STATE), w -> NodeStateCsv.write(w, result.runs()));
        writeUtf8(dir.resolve(NODE_STATE_SUMMARY), w -> NodeStateCsv.writeSummary(w, result.runs()));
        writeUtf8(dir.resolve(NODE_IDS), w -> NodeIdsCsv.write(w, result.graph()));
        writeText(dir.resolve(SUMMARY_CSV), RunSummary.csv(summary));
        writeText(dir.resolve(SUMMARY_MD), md);
        ObjectMapper json = new ObjectMapper();
        ObjectNode manifest = json.createObjectNode();
        manifest.put("lnsim", version);
        manifest.put("config_source", configSource);
        manifest.put("seed", settings.seed());
        ObjectNode net = manifest.putObject("network");
        net.put("name", result.network());
        net.put("nodes", result.graph().nodeCount());
        net.put("channels", result.graph().channelCount());
        manifest.put("payments", result.payments());
        manifest.set("config", settings.config());
        DefaultPrettyPrinter pp = new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
        writeText(dir.resolve(MANIFEST), json.writer(pp).writeValueAsString(manifest) + "\n");
        StringBuilder t = new StringBuilder("phase,wall_ms\n");
        for (Map.Entry<String, Double> e : result.timings().entrySet()) {
            t.append(e.getKey()).append(',').append(String.format(Locale.ROOT, "%.1f", e.getValue())).append('\n');
        }
        writeText(dir.resolve(TIMINGS), t.toString());
        return md;
    }

    private static void writeText(Path file, String text) throws IOException {
        writeUtf8(file, w -> w.write(text));
    }

    /** Body of a text file written through a UTF-8 writer. */
    @FunctionalInterface
    private interface TextBody {
        void writeTo(Writer w) throws IOException;
    }

    /** Writes a UTF-8 text file atomically. */
    private static void writeUtf8(Path file, TextBody body) throws IOException {
        AtomicOutput.write(file, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            body.writeTo(w);
            w.flush();
        });
    }
}
