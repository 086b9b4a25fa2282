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
import org.lnsim.experiments.sweep.SlurmScripts;
import org.lnsim.experiments.sweep.SweepFolder;
import org.lnsim.experiments.sweep.SweepMerge;
import org.lnsim.experiments.sweep.SweepPlan;
import org.lnsim.experiments.sweep.SweepRunner;
import org.lnsim.experiments.sweep.SweepShard;
import org.lnsim.experiments.sweep.SweepTablesStep;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lnsim sweep CONFIG}: runs every cell × replication of an experiment file's sweep, resumably. */
@Command(name = "sweep", mixinStandardHelpOptions = true, versionProvider = LnsimCommand.Version.class,
        description = {"Runs an experiment file's sweep: every cell of its 'sweep:' axes (a grid, or zipped keys) × "
                + "its 'replications', each an ordinary run, then the tables over all of them.",
                "Writes DIR/cells.csv, results.csv (one row per cell × replication × protocol), aggregate.csv and "
                        + "aggregate.md (mean, sd, n and 95%% intervals per cell × protocol × metric), figures/ when "
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

    @Option(names = "--shard", paramLabel = "I/N", description = "Run only the I-th (from 0) of N balanced shares of "
            + "the units (by expected cost) and write no tables: for job arrays and several machines on one shared "
            + "folder; shards may run at once. Then lnsim merge DIR.")
    String shard;

    @Option(names = "--only-missing", description = "Run only the units DIR does not hold yet (DIR must hold this "
            + "sweep: the command lnsim merge prints for missing units).")
    boolean onlyMissing;

    @Option(names = "--emit-slurm", description = "Write DIR/slurm/array.sbatch (a job array of --shard tasks), "
            + "merge.sbatch, submit.sh and shares.csv (which task runs which units), print the commands to submit "
            + "them; run nothing.")
    boolean emitSlurm;

    @Option(names = "--tasks", paramLabel = "N", description = "With --emit-slurm: array tasks, each a balanced share "
            + "of the units (default: the units, at most " + SlurmScripts.DEFAULT_MAX_TASKS + ").")
    Integer tasks;

    @Option(names = "--cpus-per-task", paramLabel = "C", defaultValue = "1", description = "With --emit-slurm: cores "
            + "per task, also its --threads (default: ${DEFAULT-VALUE}).")
    int cpusPerTask;

    @Option(names = "--mem", paramLabel = "M", defaultValue = "8G", description = "With --emit-slurm: memory per "
            + "task as Slurm takes it; the JVM heap is M less max(512M, M/8) (default: ${DEFAULT-VALUE}).")
    String mem;

    @Option(names = "--time", paramLabel = "T", description = "With --emit-slurm: time limit per task (Slurm "
            + "format; default: the partition's).")
    String time;

    @Option(names = "--partition", paramLabel = "P", description = "With --emit-slurm: partition (default: the "
            + "cluster's).")
    String partition;

    @Option(names = "--max-running", paramLabel = "K", description = "With --emit-slurm: at most K tasks at once "
            + "(--array=...%%K; default: all).")
    Integer maxRunning;

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
        if (!emitSlurm && (tasks != null || time != null || partition != null || maxRunning != null)) {
            throw new ExitCodes.BadInputException("--tasks, --time, --partition and --max-running go with "
                    + "--emit-slurm");
        }
        SweepShard share = null;
        if (shard != null) {
            try {
                share = SweepShard.parse(shard);
            } catch (IllegalArgumentException e) {
                throw new ExitCodes.BadInputException(e.getMessage());
            }
        }
        if (emitSlurm) {
            return emit(plan, dir);
        }
        String version = new LnsimCommand.Version().getVersion()[0];
        if (onlyMissing) {
            checkSameSweep(plan, dir, version);
        }
        long t0 = System.nanoTime();
        int ran;
        try (Line line = new Line(!quiet && System.console() != null ? System.err : null)) {
            SweepRunner.run(plan, dir, new SweepRunner.Options(threads, force, checkInvariants, version, share,
                    overrides), line, new SweepTablesStep());
            ran = line.ran();
        } catch (ConfigException e) {
            throw new ExitCodes.BadInputException(e.getMessage());
        }
        PrintWriter err = spec.commandLine().getErr();
        if (share == null) {
            err.printf("lnsim sweep: %s, %d units (%d run now) in %.1f s -> %s%n", plan.source(),
                    plan.units().size(), ran, (System.nanoTime() - t0) / 1e9, dir);
        } else {
            List<String> ids = share.units(plan).stream().map(SweepPlan.Unit::id).toList();
            err.printf("lnsim sweep: %s, shard %s: %d of %d units (%d run now: %s) in %.1f s -> %s; when every shard "
                            + "is done: lnsim merge %s%n", plan.source(), share, ids.size(), plan.units().size(),
                    ran, ids.isEmpty() ? "none" : String.join(" ", ids), (System.nanoTime() - t0) / 1e9, dir,
                    SweepMerge.quote(dir.toString()));
        }
        return ExitCodes.OK;
    }

    /** --only-missing: DIR must hold a sweep of this very plan (same units, seeds and settings). */
    private static void checkSameSweep(SweepPlan plan, Path dir, String version) throws java.io.IOException {
        Path json = dir.resolve(SweepFolder.SWEEP_JSON);
        if (!java.nio.file.Files.isRegularFile(json)) {
            throw new ExitCodes.BadInputException(dir + ": holds no sweep (no " + SweepFolder.SWEEP_JSON + "); "
                    + "--only-missing completes a sweep folder, run without it to start one");
        }
        boolean same;
        try {
            same = SweepRunner.samePlan(plan, SweepFolder.read(json));
        } catch (java.io.IOException e) {
            throw new ExitCodes.BadInputException(json + ": cannot be read: " + e.getMessage());
        }
        if (!same) {
            throw new ExitCodes.BadInputException(dir + ": holds another sweep (its units' settings differ from "
                    + plan.source() + " with these --set); give the same file and --set as the sweep, or another "
                    + "--out");
        }
    }

    /** --emit-slurm: writes DIR/slurm/ (nothing else) and prints the files and the commands to submit. */
    private int emit(SweepPlan plan, Path dir) throws java.io.IOException {
        int units = plan.units().size();
        int n = tasks != null ? tasks : Math.min(units, SlurmScripts.DEFAULT_MAX_TASKS);
        PrintWriter o = spec.commandLine().getOut();
        if (n > units) {
            o.printf("lnsim sweep: --tasks %d is more than the %d units; emitting %d tasks%n", n, units, units);
            n = units;
        }
        Path cwd = Path.of("").toAbsolutePath();
        String javaBin = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> cp = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            cp.add(Path.of(entry).toAbsolutePath().normalize().toString());
        }
        SlurmScripts scripts;
        try {
            scripts = new SlurmScripts(n, cpusPerTask, mem, time, partition, maxRunning == null ? n : maxRunning,
                    cwd, javaBin, String.join(java.io.File.pathSeparator, cp), config, dir.toString(),
                    dir.toAbsolutePath().normalize(), overrides, "lnsim-" + RunCommand.configName(config));
        } catch (IllegalArgumentException e) {
            throw new ExitCodes.BadInputException(e.getMessage());
        }
        java.util.Map<String, String> files = new java.util.LinkedHashMap<>(scripts.files());
        files.put("shares.csv", SweepShard.sharesCsv(plan, n));
        Path slurm = SweepFolder.emitSlurm(dir, files);
        int[] per = new int[n];
        for (int s : SweepShard.assign(plan, n)) {
            per[s]++;
        }
        o.printf("lnsim sweep: %s, %d units in %d array tasks (%d to %d units each), %s and %d cpu(s) per task "
                        + "(heap %d MiB); wrote:%n", plan.source(), units, n,
                java.util.Arrays.stream(per).min().orElse(0), java.util.Arrays.stream(per).max().orElse(0), mem,
                cpusPerTask, SlurmScripts.heapMiB(mem));
        for (String f : files.keySet()) {
            o.println("  " + slurm.resolve(f));
        }
        o.println("submit the array, then the merge to run when every task has succeeded:");
        scripts.submitCommands().forEach(c -> o.println("  " + c));
        o.println("(or: bash " + SweepMerge.quote(slurm.resolve("submit.sh").toString()) + ")");
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

        /** Units run by this process (not those done earlier). */
        synchronized int ran() {
            return done - skipped;
        }

        private void draw() {
            if (err == null) {
                return;
            }
            int ran = ran();
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
