package org.lnsim.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code lnsim bench BENCHMARK}: the parent of lnsim's benchmarks. Each benchmark is a subcommand, so new ones are
 * added by listing them here: {@code route}, {@code load}, {@code flood}, {@code mcf}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = LnsimCommand.Version.class,
        description = "Benchmarks (timings are measured after a JIT warm-up that is excluded from the figures).",
        subcommands = {BenchRouteCommand.class, BenchLoadCommand.class, BenchFloodCommand.class, BenchMcfCommand.class}, synopsisSubcommandLabel = "BENCHMARK")
final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a benchmark is required: route, load, flood or mcf");
    }
}
