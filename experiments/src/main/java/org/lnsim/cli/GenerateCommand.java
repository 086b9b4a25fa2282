package org.lnsim.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.lnsim.network.generate.McpDefaults;
import org.lnsim.network.generate.McpFit;
import org.lnsim.network.generate.McpGenerator;
import org.lnsim.network.generate.WattsStrogatzGenerator;
import org.lnsim.network.io.NetworkWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lnsim generate --channels N ...}: the Million Channels Project generator ({@link McpGenerator},
 * lightning-facts §1.3), the default model. Without {@code --fit} it uses the embedded fit of the 2019-05-14 snapshot
 * ({@link McpDefaults}). {@code --model watts-strogatz --nodes N [--k K] [--p P] [--capacity-sat C]} builds the
 * small-world network of the Flare prototype's simulator instead ({@link WattsStrogatzGenerator}, lightning-facts
 * §5). Options of the other model are refused rather than ignored, so a command line says what it builds.
 */
@Command(name = "generate", mixinStandardHelpOptions = true, versionProvider = LnsimCommand.Version.class,
        description = {"Generates a Lightning Network with the Million Channels Project algorithm "
                + "(power-law degrees, random configuration-model edges, power-law node capacities split by rank), "
                + "or with --model watts-strogatz a Watts-Strogatz small-world network (Flare's simulator: "
                + "k 4, p 0.2).",
                "Prints a one-line summary on stderr; the output is written atomically."})
final class GenerateCommand implements Callable<Integer> {
    /** Options that only the MCP model reads. */
    private static final List<String> MCP_OPTIONS = List.of("--channels", "--fit", "--max-channels", "--max-funding",
            "--policies", "--degree-fit", "--topology");
    /** Options that only the Watts-Strogatz model reads. */
    private static final List<String> WS_OPTIONS = List.of("--nodes", "--k", "--p", "--capacity-sat");

    @Option(names = "--model", defaultValue = "mcp", paramLabel = "mcp|watts-strogatz", description = "Network "
            + "model: 'mcp' (Million Channels Project, default) or 'watts-strogatz' (small world, Flare's simulator).")
    String model;

    @Option(names = "--channels", paramLabel = "N", description = "mcp (required): target channel count, "
            + McpGenerator.MIN_CHANNELS + " to " + McpGenerator.MAX_CHANNELS + " (the result has slightly fewer, "
            + "as MCP's stop rule).")
    Long channels;

    @Option(names = "--nodes", paramLabel = "N", description = "watts-strogatz (required): ring size, at least k + 1, "
            + "with N x k / 2 at most " + WattsStrogatzGenerator.MAX_CHANNELS + " channels.")
    Integer nodes;

    @Option(names = "--k", paramLabel = "K", description = "watts-strogatz: mean degree, even, at least 2 (default: "
            + WattsStrogatzGenerator.DEFAULT_K + ", Flare's).")
    Integer k;

    @Option(names = "--p", paramLabel = "P", description = "watts-strogatz: rewiring probability, 0 to 1 (default: "
            + WattsStrogatzGenerator.DEFAULT_P + ", Flare's).")
    Double p;

    @Option(names = "--capacity-sat", paramLabel = "SAT", description = "watts-strogatz: capacity of every channel "
            + "(default: " + WattsStrogatzGenerator.DEFAULT_CAPACITY_SAT + ", the 2019-05-14 snapshot's median). "
            + "Both directions get MCP's uniform policy.")
    Long capacitySat;

    @Option(names = "--fit", paramLabel = "SNAPSHOT_OR_FIT_JSON", description = "mcp: a fit written by 'lnsim fit', "
            + "or a network snapshot to fit now (default: the embedded fit of the 2019-05-14 snapshot).")
    Path fitPath;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of all random streams (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--max-channels", defaultValue = "10000", paramLabel = "M|default", description = "mcp: cap on "
            + "any node's channel count (default: ${DEFAULT-VALUE}, MCP's). 'default' = snapshot max degree x "
            + "channels / snapshot nodes, MCP's --maxChannels default.")
    String maxChannels;

    @Option(names = "--max-funding", defaultValue = "100000000", paramLabel = "SAT|default", description = "mcp: "
            + "upper bound of a node's capacity draw in sat (default: ${DEFAULT-VALUE} = 1 BTC, MCP's). 'default' = "
            + "the snapshot's largest node capacity, MCP's --maxFunding default. Not used under --topology fitted "
            + "with a fit that has capacity_by_class: each channel's capacity is then drawn from the snapshot's.")
    String maxFunding;

    @Option(names = "--policies", defaultValue = "node", paramLabel = "node|direction|mcp", description = "mcp: "
            + "direction policies: 'node' (default) draws per node from the fit's node_policies (a home policy per "
            + "node, deviating directions, offline nodes and disabled directions by degree class); 'direction' draws every "
            + "direction independently from the fit's policy table (the default before issue 22); 'mcp' gives every "
            + "direction MCP's update (base 1000 msat, 1000 ppm, cltv 10, htlc_min 10000 msat).")
    String policies;

    @Option(names = "--topology", defaultValue = "fitted", paramLabel = "fitted|mcp", description = "mcp: where "
            + "the largest degrees come from: 'fitted' (default) pins the largest of the fit's top_degrees (as many "
            + "as 1%% of the nodes expected at this size, at most the snapshot's top 1%%), scaled by channels / "
            + "snapshot channels, wires them among themselves and to the nodes that ask for hub peers (the fit's "
            + "top_peers and top_share_by_class) and draws the rest from the degree law below them; 'mcp' draws "
            + "every degree from the law up to --max-channels (the default before issue 22).")
    String topology;

    @Option(names = "--degree-fit", defaultValue = "mle", paramLabel = "mle|lsq", description = "mcp: degree law: "
            + "'mle' (maximum likelihood, default) or 'lsq' (MCP's least squares on the PMF; on 2019-05-14 its heavy "
            + "tail gives far fewer, larger nodes).")
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
        String m = model.toLowerCase(Locale.ROOT);
        switch (m) {
            case "mcp" -> {
                refuse(WS_OPTIONS, "watts-strogatz");
                if (channels == null) {
                    throw bad("--channels is required with --model mcp (the default)");
                }
                return mcp();
            }
            case "watts-strogatz" -> {
                refuse(MCP_OPTIONS, "mcp");
                if (nodes == null) {
                    throw bad("--nodes is required with --model watts-strogatz");
                }
                return wattsStrogatz();
            }
            default -> throw bad("--model must be 'mcp' or 'watts-strogatz', got '" + model + "'");
        }
    }

    /** Fails if any of {@code options} was given: they belong to {@code otherModel}. */
    private void refuse(List<String> options, String otherModel) {
        List<String> given = new ArrayList<>();
        for (String o : options) {
            if (spec.commandLine().getParseResult().hasMatchedOption(o)) {
                given.add(o);
            }
        }
        if (!given.isEmpty()) {
            throw bad(String.join(", ", given) + (given.size() == 1 ? " applies" : " apply") + " only to --model "
                    + otherModel + ", not to --model " + model.toLowerCase(Locale.ROOT));
        }
    }

    private int wattsStrogatz() throws IOException {
        int kk = k == null ? WattsStrogatzGenerator.DEFAULT_K : k;
        double pp = p == null ? WattsStrogatzGenerator.DEFAULT_P : p;
        long cap = capacitySat == null ? WattsStrogatzGenerator.DEFAULT_CAPACITY_SAT : capacitySat;
        WattsStrogatzGenerator.Config config;
        try {
            config = new WattsStrogatzGenerator.Config(nodes, kk, pp, cap, seed);
        } catch (IllegalArgumentException e) {
            throw bad("--model watts-strogatz: " + e.getMessage());
        }
        long start = System.nanoTime();
        WattsStrogatzGenerator.Result result;
        try (Progress progress = Progress.forTerminal(quiet)) {
            result = new WattsStrogatzGenerator(config, progress::update).generate();
            progress.update("write", 0, 1);
            writer.write(result.graph(), out);
            progress.update("write", 1, 1);
        }
        double secs = (System.nanoTime() - start) / 1e9;
        spec.commandLine().getErr().printf(Locale.ROOT, "generated %,d nodes, %,d channels (watts-strogatz, k %d, "
                        + "p %s, %,d shortcuts, capacity %d sat; seed %d) in %.1f s -> %s (%s)%n",
                result.graph().nodeCount(), result.graph().channelCount(), kk, pp, result.shortcuts(), cap, seed,
                secs, out, writer.name());
        if (result.components() > 1) {
            spec.commandLine().getErr().printf(Locale.ROOT, "note: the network is not connected: %,d components "
                    + "(rewiring cut the ring apart; a smaller --p or larger --k makes this rarer)%n",
                    result.components());
        }
        return ExitCodes.OK;
    }

    private int mcp() throws IOException {
        McpGenerator.PolicyMode mode = switch (policies.toLowerCase(Locale.ROOT)) {
            case "mcp" -> McpGenerator.PolicyMode.MCP;
            case "direction" -> McpGenerator.PolicyMode.DIRECTION;
            case "node" -> McpGenerator.PolicyMode.NODE;
            default -> throw bad("--policies must be 'node', 'direction' or 'mcp', got '" + policies + "'");
        };
        McpGenerator.DegreeFit degrees = switch (degreeFit.toLowerCase(Locale.ROOT)) {
            case "mle" -> McpGenerator.DegreeFit.MLE;
            case "lsq" -> McpGenerator.DegreeFit.LSQ;
            default -> throw bad("--degree-fit must be 'mle' or 'lsq', got '" + degreeFit + "'");
        };
        McpGenerator.TopologyMode topo = switch (topology.toLowerCase(Locale.ROOT)) {
            case "fitted" -> McpGenerator.TopologyMode.FITTED;
            case "mcp" -> McpGenerator.TopologyMode.MCP;
            default -> throw bad("--topology must be 'fitted' or 'mcp', got '" + topology + "'");
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
            config = new McpGenerator.Config(channels, seed, maxCh, maxFund, mode, degrees, topo);
        } catch (IllegalArgumentException e) {
            throw new ExitCodes.BadInputException(e.getMessage());
        }
        McpGenerator generator;
        try {
            generator = new McpGenerator(fit, config, null);
        } catch (IllegalArgumentException e) {
            String option = mode == McpGenerator.PolicyMode.NODE && fit.nodePolicies() == null ? "--policies node"
                    : "--topology fitted";
            throw new ExitCodes.BadInputException(option + ": " + (fitPath == null ? "embedded fit" : fitPath)
                    + ": " + e.getMessage());
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
                        + "max channels %d, fit %s, degrees %s, topology %s) in %.1f s -> %s (%s)%n", r.nodes(),
                r.channels(), r.requestedChannels(), seed, maxCh, fit.source(), degreeFit.toLowerCase(Locale.ROOT),
                topology.toLowerCase(Locale.ROOT), secs, out, writer.name());
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
