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
        return build(recipe, root, work, threads, version, lnsim, null);
    }

    /**
     * As {@link #build(Recipe, Path, Path, int, String, Lnsim)}, but with {@code fromSweep} (not null) the recipe's
     * one experiment part is not run: its units are read from that finished sweep folder — e.g. one run on a cluster
     * ({@code lnsim sweep --shard}, then {@code lnsim merge}) — after checking that it holds exactly the units the part
     * expands to (every unit's settings hash) and that all of them are done. The tables and figures are then written
     * by this code from those units, so the result is the table {@code lnsim reproduce NAME} would build from a run of
     * the same settings. The units' code may differ from this one (each unit's manifest names its own); the outputs a
     * unit writes are a function of its settings as long as the simulation did not change between the two.
     */
    public static String build(Recipe recipe, Path root, Path work, int threads, String version, Lnsim lnsim,
                               Path fromSweep) throws IOException, ConfigException {
        if (fromSweep != null && recipe.parts().stream().filter(p -> p instanceof Recipe.Experiment).count() != 1) {
            throw new ConfigException(recipe.file().toString(), "parts", "--from-sweep needs a recipe with exactly "
                    + "one experiment part");
        }
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
                        workPrefix, threads, version, fromSweep));
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
                                     int threads, String version, Path fromSweep)
            throws IOException, ConfigException {
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
        if (fromSweep != null) {
            useSweep(recipe, plan, fromSweep, dir);
            if (aggregate || e.figures() != null) {
                new org.lnsim.experiments.sweep.SweepTablesStep().write(dir, plan, plan.units());
            }
        } else {
            SweepRunner.run(plan, dir, new SweepRunner.Options(threads, false, false, version),
                    SweepRunner.Listener.NONE, aggregate || e.figures() != null
                            ? new org.lnsim.experiments.sweep.SweepTablesStep() : (d, p, u) -> {
                            });
        }
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

    /**
     * Links {@code dir/units} to a finished sweep's units (and writes the plan's cells.csv beside, which the plots
     * read) after checking that they are exactly the plan's, all done,
     * each with the settings hash the plan gives it.
     */
    private static void useSweep(Recipe recipe, SweepPlan plan, Path sweep, Path dir)
            throws IOException, ConfigException {
        Path json = sweep.resolve(SweepFolder.SWEEP_JSON);
        if (!Files.isRegularFile(json)) {
            throw new ConfigException(sweep.toString(), null, "is not a sweep folder (no " + SweepFolder.SWEEP_JSON
                    + ")");
        }
        if (!SweepRunner.samePlan(plan, SweepFolder.read(json))) {
            throw new ConfigException(json.toString(), "units", "are not the units of " + recipe.file() + "'s "
                    + "experiment (other settings, seeds or axes)");
        }
        List<String> missing = new ArrayList<>();
        for (SweepPlan.Unit u : plan.units()) {
            Path folder = sweep.resolve(SweepFolder.UNITS).resolve(u.id());
            if (!Files.isDirectory(folder)) {
                missing.add(u.id());
                continue;
            }
            String why = SweepRunner.settingsChanged(u, folder);
            if (why != null) {
                throw new ConfigException(folder.toString(), null, "unit " + u.id() + " ran with other " + why);
            }
        }
        if (!missing.isEmpty()) {
            throw new ConfigException(sweep.toString(), null, missing.size() + " unit(s) are not done: "
                    + String.join(" ", missing));
        }
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(SweepFolder.CELLS), SweepRunner.cellsCsv(plan));
        Files.createSymbolicLink(dir.resolve(SweepFolder.UNITS), sweep.resolve(SweepFolder.UNITS).toAbsolutePath());
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
