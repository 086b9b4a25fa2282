package org.lnsim.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.lnsim.experiments.ConfigException;
import org.lnsim.experiments.ConfigSchema;
import org.lnsim.experiments.Configs;
import org.lnsim.experiments.ExperimentRunner;
import org.lnsim.network.io.AtomicFolder;
import org.lnsim.results.run.RunOutputs;
import org.lnsim.results.run.SummaryWarmup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lnsim run [CONFIG]}: runs an experiment and writes its results. */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = LnsimCommand.Version.class,
        description = {"Runs an experiment: one network, one workload, several protocols side by side.",
                "CONFIG is a YAML file or the name of an embedded configuration (quickstart, mcp); without it the "
                        + "quickstart runs. Every key and its default: experiments/configs/reference.yaml "
                        + "(or --print-reference).",
                "Writes payments.csv, nodes.csv, node_state.csv, node_state_summary.csv, summary.csv, summary.md, "
                        + "manifest.json and timings.csv to --out; all but timings.csv are identical for the same config and seed."})
final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "CONFIG", description = "Experiment YAML file or embedded "
            + "configuration name (default: quickstart).")
    String config;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: out/<config name>). Written "
            + "whole or not at all; a folder holding files lnsim did not write is refused, one holding an earlier "
            + "run only with --force (the default folder is replaced).")
    Path out;

    @Option(names = "--force", description = "Replace an earlier run's files in --out.")
    boolean force;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a configuration key, e.g. "
            + "--set workload.payments=1000 or --set protocols.0.fuzz=0.1 (repeatable).")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--check-invariants", description = "Check funds conservation on every changed channel after "
            + "every event, and that every HTLC and payment resolved (slower).")
    boolean checkInvariants;

    @Option(names = "--threads", defaultValue = "1", paramLabel = "T", description = "Protocols simulated at once, "
            + "and threads each may use (source's routes ahead, beacon's tables, ant's floods ahead); results do not "
            + "depend on it (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Option(names = "--print-reference", description = "Print every configuration key with its default and exit.")
    boolean printReference;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (printReference) {
            spec.commandLine().getOut().print(ConfigSchema.reference());
            return ExitCodes.OK;
        }
        threads = Threads.cap(threads, spec.qualifiedName(), spec.commandLine().getErr());
        Configs.Loaded loaded;
        try {
            loaded = Configs.load(config, overrides);
        } catch (ConfigException e) {
            throw new ExitCodes.BadInputException(e.getMessage());
        }
        Path dir = out != null ? out : Path.of("out", configName(config));
        long t0 = System.nanoTime();
        SummaryWarmup warmup = SummaryWarmup.start(); // overlaps tablesaw's class-path scan with the network load
        // the output folder is checked, and its temporary sibling made, before any work (issue 21, defects 3 and 7)
        String md;
        try (AtomicFolder folder = AtomicFolder.open(dir, RunOutputs::isRunFile, force || out == null,
                "give --force to replace it")) {
            ExperimentRunner.Result result;
            try (Progress progress = Progress.forTerminal(quiet)) {
                ExperimentRunner.Progress sync = (stage, done, total) -> {
                    synchronized (progress) {
                        progress.update(stage, done, total);
                    }
                };
                result = ExperimentRunner.run(loaded.settings(), loaded.baseDir(), checkInvariants, threads, sync);
            } catch (ConfigException e) {
                throw new ExitCodes.BadInputException(e.getMessage());
            }
            String version = new LnsimCommand.Version().getVersion()[0];
            warmup.await();
            md = result.write(folder.dir(), loaded.settings(), loaded.source(), version);
            folder.commit();
        }
        spec.commandLine().getOut().print(md);
        spec.commandLine().getErr().printf("lnsim run: %s in %.1f s -> %s%n", loaded.source(),
                (System.nanoTime() - t0) / 1e9, dir);
        return ExitCodes.OK;
    }

    /** The file name of a configuration without .yaml/.yml, or the embedded name: default output folder names. */
    static String configName(String config) {
        if (config == null) {
            return Configs.DEFAULT;
        }
        Path name = Path.of(config).getFileName();
        String s = name == null ? config : name.toString();
        return s.endsWith(".yaml") ? s.substring(0, s.length() - 5) : s.endsWith(".yml") ? s.substring(0, s.length() - 4) : s;
    }
}
