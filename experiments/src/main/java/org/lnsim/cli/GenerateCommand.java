package org.lnsim.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.lnsim.network.generate.McpDefaults;
import org.lnsim.network.generate.McpFit;
import org.lnsim.network.generate.McpGenerator;
import org.lnsim.network.io.Inputs;
import org.lnsim.network.io.NetworkWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lnsim generate --channels N ...}: the Million Channels Project generator ({@link McpGenerator},
 * lightning-facts §1.3). Without {@code --fit} it uses the embedded fit of the 2019-05-14 snapshot
 * ({@link McpDefaults}).
 */
@Command(name = "generate", mixinStandardHelpOptions = true, versionProvider = LnsimCommand.Version.class,
        description = {"Generates a Lightning Network with the Million Channels Project algorithm "
                + "(power-law degrees, random configuration-model edges, power-law node capacities split by rank).",
                "Prints a one-line summary on stderr; the output is written atomically."})
final class GenerateCommand implements Callable<Integer> {
    @Option(names = "--channels", required = true, paramLabel = "N", description = "Target channel count, "
            + McpGenerator.MIN_CHANNELS + " to " + McpGenerator.MAX_CHANNELS + " (the result has slightly fewer, "
            + "as MCP's stop rule).")
    long channels;

    @Option(names = "--fit", paramLabel = "SNAPSHOT_OR_FIT_JSON", description = "A fit written by 'lnsim fit', or a "
            + "network snapshot to fit now (default: the embedded fit of the 2019-05-14 snapshot).")
    Path fitPath;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of all random streams (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--max-channels", defaultValue = "10000", paramLabel = "M|default", description = "Cap on any "
            + "node's channel count (default: ${DEFAULT-VALUE}, MCP's). 'default' = snapshot max degree x channels / "
            + "snapshot nodes, MCP's --maxChannels default.")
    String maxChannels;

    @Option(names = "--max-funding", defaultValue = "100000000", paramLabel = "SAT|default", description = "Upper "
            + "bound of a node's capacity draw in sat (default: ${DEFAULT-VALUE} = 1 BTC, MCP's). 'default' = the "
            + "snapshot's largest node capacity, MCP's --maxFunding default.")
    String maxFunding;

    @Option(names = "--policies", defaultValue = "snapshot", paramLabel = "mcp|snapshot", description = "Direction "
            + "policies: 'snapshot' draws from the fit's policy table, 'mcp' gives every direction MCP's update "
            + "(base 1000 msat, 1000 ppm, cltv 10, htlc_min 10000 msat). Default: ${DEFAULT-VALUE}.")
    String policies;

    @Option(names = "--degree-fit", defaultValue = "mle", paramLabel = "mle|lsq", description = "Degree law: 'mle' "
            + "(maximum likelihood, default) or 'lsq' (MCP's least squares on the PMF; on 2019-05-14 its heavy tail "
            + "gives far fewer, larger nodes).")
    String degreeFit;

    @Option(names = "--out", required = true, description = "Output file.")
    Path out;

    @Option(names = "--to", defaultValue = "lnsim", paramLabel = "FORMAT",
            description = "Output format: ${COMPLETION-CANDIDATES} "
            + "(default: ${DEFAULT-VALUE}).", completionCandidates = ConvertCommand.WriterNames.class,
            converter = ConvertCommand.WriterConverter.class)
    NetworkWriter writer;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        McpGenerator.PolicyMode mode = switch (policies.toLowerCase(Locale.ROOT)) {
            case "mcp" -> McpGenerator.PolicyMode.MCP;
            case "snapshot" -> McpGenerator.PolicyMode.SNAPSHOT;
            default -> throw bad("--policies must be 'mcp' or 'snapshot', got '" + policies + "'");
        };
        McpGenerator.DegreeFit degrees = switch (degreeFit.toLowerCase(Locale.ROOT)) {
            case "mle" -> McpGenerator.DegreeFit.MLE;
            case "lsq" -> McpGenerator.DegreeFit.LSQ;
            default -> throw bad("--degree-fit must be 'mle' or 'lsq', got '" + degreeFit + "'");
        };
        if (channels < McpGenerator.MIN_CHANNELS || channels > McpGenerator.MAX_CHANNELS) {
            throw bad("--channels must be between " + McpGenerator.MIN_CHANNELS + " and " + McpGenerator.MAX_CHANNELS
                    + ", got " + channels);
        }
        long start = System.nanoTime();
        McpFit fit = loadFit();
        int maxCh = maxChannels.equalsIgnoreCase("default") ? McpGenerator.defaultMaxChannels(fit, channels)
                : (int) positive("--max-channels", maxChannels, Integer.MAX_VALUE);
        long maxFund = maxFunding.equalsIgnoreCase("default") ? fit.snapshotMaxNodeCapacitySat()
                : positive("--max-funding", maxFunding, Long.MAX_VALUE);
        McpGenerator.Config config;
        try {
            config = new McpGenerator.Config(channels, seed, maxCh, maxFund, mode, degrees);
        } catch (IllegalArgumentException e) {
            throw new ExitCodes.BadInputException(e.getMessage());
        }
        McpGenerator.Result result;
        try (Progress progress = Progress.forTerminal(quiet)) {
            try {
                result = new McpGenerator(fit, config, progress::update).generate();
            } catch (IllegalArgumentException e) {
                throw new ExitCodes.BadInputException("cannot generate: " + e.getMessage());
            }
            progress.update("write", 0, 1);
            writer.write(result.graph(), out);
            progress.update("write", 1, 1);
        }
        double secs = (System.nanoTime() - start) / 1e9;
        McpGenerator.GenerationReport r = result.report();
        spec.commandLine().getErr().printf(Locale.ROOT, "generated %,d nodes, %,d channels (requested %,d; seed %d, "
                        + "max channels %d, fit %s, degrees %s) in %.1f s -> %s (%s)%n", r.nodes(), r.channels(),
                r.requestedChannels(), seed, maxCh, fit.source(), degreeFit.toLowerCase(Locale.ROOT), secs, out, writer.name());
        if (r.channels() < 0.95 * r.requestedChannels()) {
            spec.commandLine().getErr().printf(Locale.ROOT, "note: %.0f%% of the requested channels: %,d nodes drew "
                            + "more channels than they could find distinct peers for (max channels %d against %,d "
                            + "nodes); a smaller --max-channels gets closer%n",
                    100.0 * r.channels() / r.requestedChannels(), r.gaveUp(), maxCh, r.sampledNodes());
        }
        return ExitCodes.OK;
    }

    private McpFit loadFit() throws IOException {
        if (fitPath == null) {
            return McpDefaults.load();
        }
        try {
            return McpDefaults.fromFile(fitPath);
        } catch (IllegalArgumentException e) {
            throw new ExitCodes.BadInputException(fitPath + ": cannot fit the MCP model: " + e.getMessage());
        }
    }

    private static long positive(String option, String value, long max) {
        try {
            long v = Long.parseLong(value.trim());
            if (v < 1 || v > max) {
                throw bad(option + " must be between 1 and " + max + ", got " + value);
            }
            return v;
        } catch (NumberFormatException e) {
            throw bad(option + " must be a positive integer or 'default', got '" + value + "'");
        }
    }

    private static ExitCodes.BadInputException bad(String message) {
        return new ExitCodes.BadInputException(message);
    }
}
