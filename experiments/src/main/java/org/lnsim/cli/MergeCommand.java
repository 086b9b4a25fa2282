package org.lnsim.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.lnsim.experiments.ConfigException;
import org.lnsim.experiments.sweep.SweepMerge;
import org.lnsim.experiments.sweep.SweepTablesStep;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lnsim merge DIR}: the tables of a sweep whose units were run by shards ({@link SweepMerge}). */
@Command(name = "merge", mixinStandardHelpOptions = true, versionProvider = LnsimCommand.Version.class,
        description = {"Builds a sweep folder's results.csv, aggregate.csv, aggregate.md and figures from its done "
                + "units, after lnsim sweep --shard I/N tasks (e.g. a Slurm job array) ran them: byte-identical to a "
                + "single-process lnsim sweep of the same file.",
                "Exit 1 when units are missing (listed, with the command that runs only them) unless --partial; exit "
                        + "2 when the folder is not a sweep, or holds units of other settings or another lnsim."})
final class MergeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "The sweep folder (lnsim sweep --out).")
    Path dir;

    @Option(names = "--partial", description = "Write the tables from the units that are done even when some are "
            + "missing (each cell's n says how many it holds).")
    boolean partial;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        String version = new LnsimCommand.Version().getVersion()[0];
        SweepMerge.Outcome outcome;
        try {
            outcome = SweepMerge.merge(dir, version, partial, new SweepTablesStep());
        } catch (ConfigException e) {
            throw new ExitCodes.BadInputException(e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        int done = outcome.units() - outcome.missing().size();
        if (!outcome.missing().isEmpty()) {
            PrintWriter err = spec.commandLine().getErr();
            err.printf("lnsim merge: %s: %d of %d units missing: %s%n", dir, outcome.missing().size(),
                    outcome.units(), String.join(" ", outcome.missing()));
            String from = SweepMerge.workingDir(dir);
            err.println("run only them with" + (from == null ? "" : " (from " + from + ", where the sweep ran)")
                    + ":");
            err.println("  " + outcome.rerun());
            if (!outcome.written()) {
                err.println("(nothing written; --partial writes the tables from the " + done + " done units)");
                return ExitCodes.FAILURE;
            }
        }
        out.printf("lnsim merge: %s: tables from %d of %d units -> %s%n", dir, done, outcome.units(),
                dir.resolve(org.lnsim.results.sweep.SweepTables.AGGREGATE_MD));
        return ExitCodes.OK;
    }
}
