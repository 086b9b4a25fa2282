package org.lnsim.results.run;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.io.AtomicOutput;
import tech.tablesaw.api.Table;

/**
 * Writes a run's files into a folder, each atomically (a reader never sees half a file). The CLI writes them into an
 * {@link org.lnsim.network.io.AtomicFolder}'s temporary folder and renames it into place once complete, so an output
 * folder holds one whole run. The files: {@value #PAYMENTS}, {@value #NODES} (per-node state and messages),
 * {@value #NODE_STATE} and {@value #NODE_STATE_SUMMARY} (per-node routing state and set-up traffic, with
 * percentiles), {@value #NODE_IDS} (who each node index is: id, channels, capacity, alias), {@value #WINDOWS}
 * (success, attempts and fees per window of payments, {@link RunWindows}), {@value #SUMMARY_CSV},
 * {@value #SUMMARY_MD}, {@value #MANIFEST} ({@link RunManifest}: the resolved configuration, seed and network —
 * everything needed to rerun it) and {@value #TIMINGS}. Every file but {@value #TIMINGS} is a pure function of
 * (config, seed), so two runs can be compared with {@code cmp}. Their columns: {@link RunColumns}.
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
    public static final String WINDOWS = "windows.csv";

    /** Every file a run writes: what an existing output folder may hold for a run to replace it. */
    public static final java.util.Set<String> FILES = java.util.Set.of(PAYMENTS, SUMMARY_CSV, SUMMARY_MD, MANIFEST,
            TIMINGS, NODES, NODE_STATE, NODE_STATE_SUMMARY, NODE_IDS, WINDOWS);

    private RunOutputs() {
    }

    /** Whether {@code name} (an entry of an output folder) is one of a run's files, so an earlier run's. */
    public static boolean isRunFile(String name) {
        return FILES.contains(name);
    }

    /** {@link #write(Path, RunManifest, ChannelGraph, List, List, Map, RunAnalysis)} with the default analysis. */
    public static String write(Path dir, RunManifest manifest, ChannelGraph graph, List<ProtocolRun> runs,
                               List<RunSummary.Bound> bound, Map<String, Double> timings) throws IOException {
        return write(dir, manifest, graph, runs, bound, timings, RunAnalysis.DEFAULT);
    }

    /**
     * Writes all files; returns the summary as Markdown (for printing).
     *
     * @param runs     one per protocol, in configuration order
     * @param bound    per payment in workload order, whether some flow over the initial balances could deliver it;
     *                 null for none
     * @param timings  wall-clock milliseconds by phase, in execution order (for {@value #TIMINGS} only)
     * @param analysis the windows of {@value #WINDOWS} and the warm-up the summary leaves out
     */
    public static String write(Path dir, RunManifest manifest, ChannelGraph graph, List<ProtocolRun> runs,
                               List<RunSummary.Bound> bound, Map<String, Double> timings, RunAnalysis analysis)
            throws IOException {
        Files.createDirectories(dir);
        int warmup = analysis.warmupPayments();
        Table summary = RunSummary.table(RunSummary.afterWarmup(runs, warmup), bound == null ? null
                : bound.subList(Math.min(warmup, bound.size()), bound.size()));
        String md = manifest.summaryHeading() + (warmup == 0 ? "" : "Warm-up: the first " + warmup
                + " payments of the workload are left out of this summary (analysis.warmup_payments); "
                + WINDOWS + " shows every window.\n\n") + RunSummary.markdownReport(summary, protocolColumns(runs));
        writeUtf8(dir.resolve(PAYMENTS), w -> PaymentsCsv.write(w, runs, graph));
        writeUtf8(dir.resolve(NODES), w -> NodesCsv.write(w, runs));
        writeUtf8(dir.resolve(NODE_STATE), w -> NodeStateCsv.write(w, runs));
        writeUtf8(dir.resolve(NODE_STATE_SUMMARY), w -> NodeStateCsv.writeSummary(w, runs));
        writeUtf8(dir.resolve(NODE_IDS), w -> NodeIdsCsv.write(w, graph));
        writeUtf8(dir.resolve(WINDOWS), w -> RunWindows.write(w, runs, analysis));
        writeText(dir.resolve(SUMMARY_CSV), RunSummary.csv(summary));
        writeText(dir.resolve(SUMMARY_MD), md);
        writeText(dir.resolve(MANIFEST), manifest.json());
        StringBuilder t = new StringBuilder("phase,wall_ms\n");
        for (Map.Entry<String, Double> e : timings.entrySet()) {
            t.append(e.getKey()).append(',').append(String.format(Locale.ROOT, "%.1f", e.getValue())).append('\n');
        }
        writeText(dir.resolve(TIMINGS), t.toString());
        return md;
    }

    /** The runs' own payment columns, documented, each once in order of first appearance. */
    private static List<org.lnsim.engine.payment.ColumnDoc> protocolColumns(List<ProtocolRun> runs) {
        java.util.LinkedHashMap<String, org.lnsim.engine.payment.ColumnDoc> docs = new java.util.LinkedHashMap<>();
        runs.forEach(r -> r.paymentColumnDocs().forEach(d -> docs.putIfAbsent(d.name(), d)));
        return List.copyOf(docs.values());
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
