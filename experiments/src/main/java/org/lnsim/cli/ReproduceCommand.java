package org.lnsim.cli;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.lnsim.experiments.ConfigException;
import org.lnsim.network.io.AtomicFolder;
import org.lnsim.network.io.AtomicOutput;
import org.lnsim.experiments.reproduce.Recipe;
import org.lnsim.experiments.reproduce.Reproducer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lnsim reproduce}: rebuilds the committed results tables from their recipes. */
@Command(name = "reproduce", mixinStandardHelpOptions = true, versionProvider = LnsimCommand.Version.class,
        description = {"Rebuilds committed results tables: results/tables/NAME.md from its recipe "
                + "results/tables/NAME.yaml (the experiment files it runs, how each run is shown, the commands it "
                + "quotes). Run from the repository root.",
                "--list names the tables with their expected run time; --check rebuilds without writing and exits "
                        + "1 with a unified diff when a table differs from the committed one."})
final class ReproduceCommand implements Callable<Integer> {
    @Parameters(paramLabel = "NAME", arity = "0..*", description = "Tables to rebuild (see --list).")
    List<String> names = new ArrayList<>();

    @Option(names = "--list", description = "Name every table with its expected run time and title.")
    boolean list;

    @Option(names = "--all", description = "Every table (hours: see --list).")
    boolean all;

    @Option(names = "--check", description = "Compare with the committed table instead of writing it; exit 1 "
            + "with a diff when they differ.")
    boolean check;

    @Option(names = "--threads", defaultValue = "2", paramLabel = "T", description = "Runs at once within a part "
            + "(default: ${DEFAULT-VALUE}); tables do not depend on it.")
    int threads;

    @Option(names = "--tables", defaultValue = "results/tables", paramLabel = "DIR", description = "Where the "
            + "recipes and tables are (default: ${DEFAULT-VALUE}); paths in recipes are relative to the folder "
            + "two levels above it (the repository root).")
    Path tables;

    @Option(names = "--from-sweep", paramLabel = "DIR", description = "Build the one named table from this finished "
            + "sweep folder (e.g. run on a cluster with --shard and lnsim merge) instead of running its experiment: "
            + "DIR must hold exactly the units the recipe's experiment expands to, all done.")
    Path fromSweep;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(tables)) {
            throw new ExitCodes.BadInputException("no recipes folder " + tables + " (run from the repository root, "
                    + "or give --tables)");
        }
        List<Recipe> recipes = new ArrayList<>();
        try (Stream<Path> s = Files.list(tables)) {
            for (Path p : s.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList()) {
                try {
                    recipes.add(Recipe.read(p));
                } catch (ConfigException e) {
                    throw new ExitCodes.BadInputException(e.getMessage());
                }
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (list) {
            double total = 0;
            for (Recipe r : recipes) {
                boolean committed = Files.isRegularFile(tables.resolve(r.name() + ".md"));
                out.printf(Locale.ROOT, "%-36s %7.1f min  %s%s%n", r.name(), r.minutes(), r.title(),
                        committed ? "" : "  (not committed yet)");
                total += r.minutes();
            }
            out.printf(Locale.ROOT, "%d tables, about %.0f min in all on a 2-core machine%n", recipes.size(), total);
            return ExitCodes.OK;
        }
        List<Recipe> chosen = new ArrayList<>();
        if (all) {
            chosen.addAll(recipes);
        }
        for (String n : names) {
            Recipe r = recipes.stream().filter(x -> x.name().equals(n)).findFirst().orElseThrow(() ->
                    new ExitCodes.BadInputException("no table '" + n + "'; the tables: "
                            + String.join(", ", recipes.stream().map(Recipe::name).toList())));
            chosen.add(r);
        }
        if (chosen.isEmpty()) {
            throw new ExitCodes.BadInputException("name a table (or --all); --list shows them");
        }
        if (fromSweep != null && chosen.size() != 1) {
            throw new ExitCodes.BadInputException("--from-sweep builds one table: name exactly one");
        }
        threads = Threads.cap(threads, spec.qualifiedName(), spec.commandLine().getErr());
        Path root = tables.toAbsolutePath().normalize().getParent().getParent();
        String version = new LnsimCommand.Version().getVersion()[0];
        int differing = 0;
        for (Recipe r : chosen) {
            long t0 = System.nanoTime();
            Path work = Files.createTempDirectory("lnsim-reproduce-");
            String md;
            try {
                md = Reproducer.build(r, root, work, threads, version, Main::run, fromSweep);
            } catch (ConfigException e) {
                throw new ExitCodes.BadInputException(e.getMessage());
            } finally {
                AtomicFolder.deleteTree(work);
            }
            Path target = tables.resolve(r.name() + ".md");
            double minutes = (System.nanoTime() - t0) / 6e10;
            if (check) {
                String committed = Files.isRegularFile(target) ? Files.readString(target) : "";
                if (committed.equals(md)) {
                    spec.commandLine().getErr().printf(Locale.ROOT, "%s: identical (%.1f min)%n", r.name(), minutes);
                } else {
                    differing++;
                    List<String> a = committed.lines().toList();
                    List<String> b = md.lines().toList();
                    String path = tables.resolve(r.name() + ".md").toString();
                    UnifiedDiffUtils.generateUnifiedDiff(path + " (committed)", path + " (rebuilt)", a,
                            DiffUtils.diff(a, b), 2).forEach(out::println);
                    spec.commandLine().getErr().printf(Locale.ROOT, "%s: DIFFERS (%.1f min)%n", r.name(), minutes);
                }
            } else {
                String text = md;
                AtomicOutput.write(target, stream -> stream.write(text.getBytes(StandardCharsets.UTF_8)));
                spec.commandLine().getErr().printf(Locale.ROOT, "%s: written to %s (%.1f min)%n", r.name(), target,
                        minutes);
            }
        }
        out.flush();
        return differing == 0 ? ExitCodes.OK : ExitCodes.FAILURE;
    }
}
