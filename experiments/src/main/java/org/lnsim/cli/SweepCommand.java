package org.lnsim.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.lnsim.experiments.ConfigException;
import org.lnsim.experiments.Configs;
import org.lnsim.experiments.ProtocolRegistry;
import org.lnsim.experiments.sweep.SweepPlan;
import org.lnsim.experiments.sweep.SweepRunner;
import org.lnsim.experiments.sweep.SweepTablesStep;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lnsim sweep CONFIG}: runs every cell × replication of an experiment file's sweep, resumably. */
@Command(name = "sweep", mixinStandardHelpOptions = true, versionProvider = LnsimCommand.Version.class,
        description = {"Runs an experiment file's sweep: every cell of its 'sweep:' axes (a grid, or zipped keys) × "
                + "its 'replications', each an ordinary run, then the tables over all of them.",
                "Writes DIR/cells.csv, results.csv (one row per cell × replication × protocol), aggregate.csv and "
                        + "aggregate.md (mean, sd, n and 95% intervals per cell × protocol × metric), figures/ when "
                        + "the file has 'plots:', and units/<cell>-r<k>/ with each run's files. Rerunning the same "
                        + "command resumes: done units are skipped, unfinished ones redone; all outputs but "
                        + "unit_timings.csv are byte-identical to an uninterrupted run's, whatever --threads."})
final class SweepCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CONFIG", description = "Experiment YAML file (or embedded name) with a "
            + "'sweep:' section and/or 'replications:'.")
    String config;

    @Option(names = "--out", paramLabel = "DIR", description = "Sweep folder (default: out/sweep-<config name>).")
    Path out;

    @Option(names = "--list", description = "Print the cells with their ids and resolved settings; run nothing.")
    boolean list;

    @Option(names = "--force", description = "Rerun units that ran with other settings or code, and delete units "
            + "that are not part of this sweep (refused otherwise).")
    boolean force;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a key of the file before the sweep "
            + "expands (repeatable).")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--threads", defaultValue = "1", paramLabel = "T", description = "Units run at once (a unit "
            + "alone gets them all); outputs do not depend on it (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--max-units", defaultValue = "" + SweepPlan.DEFAULT_MAX_UNITS, paramLabel = "N",
            description = "Refuse a sweep of more cells × replications than this, unless --yes (default: "
                    + "${DEFAULT-VALUE}).")
    long maxUnits;

    @Option(names = "--yes", description = "Run however many units the sweep has.")
    boolean yes;

    @Option(names = "--check-invariants", description = "As lnsim run --check-invariants (slower).")
    boolean checkInvariants;

    @Option(names = "--quiet", description = "No progress line.")
    boolean quiet;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        threads = Threads.cap(threads, spec.qualifiedName(), spec.commandLine().getErr());
        SweepPlan plan;
        try {
            plan = SweepPlan.of(Configs.tree(config, overrides), yes ? Long.MAX_VALUE : maxUnits);
        } catch (ConfigException e) {
            throw new ExitCodes.BadInputException(e.getMessage());
        }
        PrintWriter o = spec.commandLine().getOut();
        if (list) {
            o.print(listing(plan));
            return ExitCodes.OK;
        }
        Path dir = out != null ? out : Path.of("out", "sweep-" + RunCommand.configName(config));
        String version = new LnsimCommand.Version().getVersion()[0];
        long t0 = System.nanoTime();
        try (Line line = new Line(!quiet && System.console() != null ? System.err : null)) {
            SweepRunner.run(plan, dir, new SweepRunner.Options(threads, force, checkInvariants, version), line,
                    new SweepTablesStep());
        } catch (ConfigException e) {
            throw new ExitCodes.BadInputException(e.getMessage());
        }
        spec.commandLine().getErr().printf("lnsim sweep: %s, %d units in %.1f s -> %s%n", plan.source(),
                plan.units().size(), (System.nanoTime() - t0) / 1e9, dir);
        return ExitCodes.OK;
    }

    /** What --list prints: the plan's size, then per cell its axis values and the run it resolves to. */
    static String listing(SweepPlan plan) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s: %d cells × %d replications = %d units%n", plan.source(),
                plan.cells().size(), plan.replications(), plan.units().size()));
        for (SweepPlan.Cell c : plan.cells()) {
            SweepPlan.Unit first = plan.units().get(c.index() * plan.replications());
            List<String> values = new ArrayList<>();
            c.valueTexts().forEach((k, v) -> values.add(k + "=" + v));
            sb.append(c.id()).append("  ").append(values.isEmpty() ? "(no axes)" : String.join("  ", values))
                    .append('\n');
            var s = first.settings();
            List<String> protocols = s.protocols().stream().map(ProtocolRegistry.Entry::displayName).toList();
            sb.append("     network ").append(s.network().describe()).append('\n');
            sb.append("     workload ").append(s.workload().payments()).append(" payments, amounts ")
                    .append(s.config().get("workload").get("amount")).append('\n');
            sb.append("     protocols ").append(String.join(", ", protocols)).append('\n');
            List<String> sets = new ArrayList<>();
            for (var e : c.values().entrySet()) {
                for (String path : plan.paths(e.getKey())) {
                    sets.add(path + "=" + at(s.config(), path));
                }
            }
            if (!sets.isEmpty()) {
                sb.append("     resolved ").append(String.join("  ", sets)).append('\n');
            }
            List<String> seeds = new ArrayList<>();
            for (int r = 0; r < plan.replications(); r++) {
                seeds.add("r" + r + " " + plan.units().get(c.index() * plan.replications() + r).seed());
            }
            sb.append("     seeds ").append(String.join(", ", seeds)).append('\n');
        }
        return sb.toString();
    }

    /** The resolved value at a dotted path, compact. */
    private static String at(com.fasterxml.jackson.databind.JsonNode tree, String path) {
        com.fasterxml.jackson.databind.JsonNode n = tree;
        for (String part : path.split("\\.")) {
            n = n.isArray() ? n.path(Integer.parseInt(part)) : n.path(part);
        }
        return n.isValueNode() ? n.asText() : n.toString();
    }

    /**
     * The sweep's one progress line on a terminal: units done / total, the units running, ETA from the mean time of
     * the units run so far; silent when {@code err} is null.
     */
    static final class Line implements SweepRunner.Listener, AutoCloseable {
        private final PrintStream err;
        private final long t0 = System.nanoTime();
        private final List<String> running = new ArrayList<>();
        private int total;
        private int done;
        private int skipped;

        Line(PrintStream err) {
            this.err = err;
        }

        @Override
        public synchronized void planned(int total, int alreadyDone) {
            this.total = total;
            this.done = alreadyDone;
            this.skipped = alreadyDone;
            draw();
        }

        @Override
        public synchronized void started(SweepPlan.Unit unit) {
            running.add(unit.id());
            draw();
        }

        @Override
        public synchronized void finished(SweepPlan.Unit unit, double seconds) {
            running.remove(unit.id());
            done++;
            draw();
        }

        private void draw() {
            if (err == null) {
                return;
            }
            int ran = done - skipped;
            String eta = "";
            if (ran > 0) {
                double perUnit = (System.nanoTime() - t0) / 1e9 / ran;
                long s = Math.round(perUnit * (total - done));
                eta = String.format(Locale.ROOT, " · ETA %dh%02dm%02ds", s / 3600, s / 60 % 60, s % 60);
            }
            String now = running.isEmpty() ? "" : " · " + String.join(" ", running);
            err.print(String.format(Locale.ROOT, "\rsweep: %d/%d units%s%s\u001b[K", done, total, now, eta));
            err.flush();
        }

        @Override
        public synchronized void close() {
            if (err != null) {
                err.println();
            }
        }
    }
}
