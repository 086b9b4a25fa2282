package org.lnsim.experiments.reproduce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.lnsim.experiments.ConfigException;
import org.lnsim.experiments.ConfigSchema;
import org.lnsim.experiments.Configs;
import org.lnsim.experiments.sweep.SweepFolder;
import org.lnsim.experiments.sweep.SweepPlan;
import org.lnsim.experiments.sweep.SweepRunner;
import org.lnsim.results.tables.ComparisonTables;

/**
 * Builds a committed table from its {@link Recipe}: runs its commands and experiments in a temporary work folder
 * and returns the Markdown. Experiments run as sweeps over their {@code each} axis ({@link SweepRunner}), so the runs
 * of one part share their network and set-up.
 */
public final class Reproducer {
    /** lnsim's command line, in process: {@code org.lnsim.cli.Main.run} (this package cannot see the CLI). */
    @FunctionalInterface
    public interface Lnsim {
        int run(String[] args, PrintWriter out, PrintWriter err);
    }

    private Reproducer() {
    }

    /**
     * @param root    the repository root: experiment files and command paths are relative to it
     * @param work    an empty temporary folder ({@code {work}} in the recipe)
     * @param threads runs at once within a part
     * @param version lnsim's version line (for the runs' manifests)
     */
    public static String build(Recipe recipe, Path root, Path work, int threads, String version, Lnsim lnsim)
            throws IOException, ConfigException {
        String workPrefix = work.toAbsolutePath() + "/";
        for (List<String> cmd : recipe.prepare()) {
            run(recipe, cmd, workPrefix, root, lnsim);
        }
        StringBuilder md = new StringBuilder();
        md.append("# ").append(recipe.title()).append("\n\n");
        md.append("Regenerate: `./lnsim reproduce ").append(recipe.name()).append("` (recipe `results/tables/")
                .append(recipe.name()).append(".yaml`; about ").append(minutes(recipe.minutes()))
                .append(" on a 2-core machine); `--check` compares the rebuilt table with this one.\n");
        int index = 0;
        for (Recipe.Part part : recipe.parts()) {
            md.append('\n');
            if (part instanceof Recipe.Text t) {
                md.append(t.markdown().strip()).append('\n');
            } else if (part instanceof Recipe.Command c) {
                String out = run(recipe, c.args(), workPrefix, root, lnsim).replace(workPrefix, "");
                Pattern drop = c.drop() == null ? null : Pattern.compile(c.drop());
                md.append("```\n");
                for (String line : out.split("\n", -1)) {
                    if (drop == null || !drop.matcher(line).find()) {
                        md.append(line).append('\n');
                    }
                }
                while (md.toString().endsWith("\n\n")) {
                    md.setLength(md.length() - 1);
                }
                md.append("```\n");
            } else {
                md.append(experiment(recipe, (Recipe.Experiment) part, root, work.resolve("part-" + index),
                        workPrefix, threads, version));
            }
            index++;
        }
        return md.toString();
    }

    private static String minutes(double m) {
        return m < 1 ? "a minute" : m == Math.rint(m) ? (long) m + " min" : m + " min";
    }

    private static String run(Recipe recipe, List<String> cmd, String workPrefix, Path root, Lnsim lnsim)
            throws IOException {
        String[] args = cmd.stream().map(w -> w.replace("{work}/", workPrefix)).toArray(String[]::new);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code;
        try (PrintWriter o = new PrintWriter(out); PrintWriter e = new PrintWriter(err)) {
            code = lnsim.run(args, o, e);
        }
        if (code != 0) {
            throw new IOException(recipe.file() + ": 'lnsim " + String.join(" ", cmd) + "' exited " + code + ": "
                    + err.toString().strip());
        }
        return out.toString();
    }

    private static String experiment(Recipe recipe, Recipe.Experiment e, Path root, Path dir, String workPrefix,
                                     int threads, String version) throws IOException, ConfigException {
        Path file = root.resolve(e.file());
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(recipe.file().toString(), "experiment", "no such file: " + file);
        }
        Configs.Tree loaded = Configs.tree(file.toString(), List.of());
        ObjectNode tree = loaded.tree();
        for (Map.Entry<String, JsonNode> s : e.set().entrySet()) {
            JsonNode v = s.getValue();
            if (v.isTextual()) {
                v = JsonNodeFactory.instance.textNode(v.textValue().replace("{work}/", workPrefix));
            }
            ConfigSchema.set(tree, s.getKey(), v.deepCopy(), recipe.file() + " set");
        }
        if (e.eachKey() != null) {
            ObjectNode sweep = tree.putObject("sweep");
            sweep.putArray(e.eachKey()).addAll(e.eachValues());
        }
        if (e.eachKey() != null && loaded.tree().has("sweep")) {
            throw new ConfigException(recipe.file().toString(), "each", e.file() + " has its own sweep: section");
        }
        SweepPlan plan = SweepPlan.of(new Configs.Tree(tree, loaded.source(), loaded.baseDir()), Long.MAX_VALUE);
        boolean aggregate = e.table().equals("aggregate");
        SweepRunner.run(plan, dir, new SweepRunner.Options(threads, false, false, version), SweepRunner.Listener.NONE,
                aggregate || e.figures() != null ? new org.lnsim.experiments.sweep.SweepTablesStep() : (d, p, u) -> {
                });
        if (e.figures() != null) {
            copyFigures(dir.resolve(SweepFolder.FIGURES), root.resolve("results/figures").resolve(e.figures()));
        }
        if (aggregate) {
            return AggregateTable.render(dir, plan, e.metrics(), e.heading());
        }
        StringBuilder md = new StringBuilder();
        Map<String, Path> rates = new LinkedHashMap<>();
        List<SweepPlan.Unit> units = new ArrayList<>(plan.units());
        for (int i = 0; i < units.size(); i++) {
            SweepPlan.Unit u = units.get(i);
            Path run = dir.resolve(SweepFolder.UNITS).resolve(u.id());
            String value = e.eachKey() == null ? "" : u.cell().valueTexts().get(e.eachKey());
            if (e.table().equals("ant-rates")) {
                rates.put(value, run);
                continue;
            }
            if (e.heading() != null) {
                md.append(i == 0 ? "" : "\n").append(e.heading().replace("{value}", value)).append("\n\n");
            }
            md.append(render(e.table(), run));
        }
        if (e.table().equals("ant-rates")) {
            if (e.heading() != null) {
                md.append(e.heading()).append("\n\n");
            }
            md.append(ComparisonTables.antRates(rates));
        }
        return md.toString();
    }

    private static String render(String table, Path run) throws IOException {
        return switch (table) {
            case "ant" -> ComparisonTables.ant(run);
            case "beacon" -> ComparisonTables.beacon(run);
            case "flare" -> ComparisonTables.flare(run);
            case "summary" -> dropLines(Files.readString(run.resolve("summary.md")), 2);
            case "summary-body" -> mainTable(dropLines(Files.readString(run.resolve("summary.md")), 4));
            default -> throw new IllegalArgumentException(table);
        };
    }

    /** Replaces {@code target} (a folder of committed figures) with the sweep's figures. */
    private static void copyFigures(Path from, Path target) throws IOException {
        if (!Files.isDirectory(from)) {
            throw new IOException("the sweep drew no figures (" + from + "): give its file a plots: section");
        }
        org.lnsim.network.io.AtomicFolder.deleteTree(target);
        Files.createDirectories(target);
        try (java.util.stream.Stream<Path> s = Files.list(from)) {
            for (Path f : s.sorted().toList()) {
                Files.copy(f, target.resolve(f.getFileName()));
            }
        }
    }

    /** summary.md's main table alone: up to its next section (the amount buckets, the glossary). */
    private static String mainTable(String body) {
        int next = body.indexOf("\n## ");
        return next < 0 ? body : body.substring(0, next + 1).stripTrailing() + "\n";
    }

    /** The text without its first {@code n} lines (summary.md: heading, blank, network line, blank). */
    private static String dropLines(String text, int n) {
        int at = 0;
        for (int i = 0; i < n && at >= 0; i++) {
            at = text.indexOf('\n', at) + 1;
        }
        return text.substring(Math.max(0, at));
    }
}
