package org.lnsim.experiments;

import java.util.List;
import org.lnsim.experiments.ConfigSchema.Section;
import org.lnsim.network.generate.McpGenerator;
import org.lnsim.network.generate.WattsStrogatzGenerator;
import org.lnsim.protocols.settings.Key;
import org.lnsim.protocols.settings.Values;

/**
 * Where a run's network comes from ({@code network}): a file, the Million Channels generator, or a Watts-Strogatz
 * small world. Relative paths are kept as written; the runner resolves them against the configuration's folder.
 */
public sealed interface NetworkSettings {
    /** A network file or folder in any supported format. */
    record FromFile(String file) implements NetworkSettings {
        @Override
        public String describe() {
            return java.nio.file.Path.of(file).getFileName().toString();
        }
    }

    /** How the network is obtained, as manifests and summaries name it: the file name, or the generator's settings. */
    String describe();

    /**
     * The Million Channels generator (lightning-facts §1.3).
     *
     * @param fit  {@code embedded}, a fit JSON, or a snapshot to fit (a path)
     * @param seed the generator's seed: {@code network.generate.seed}, else the master seed; a replication that
     *             varies the network draws it afresh ({@link ReplicationSettings#networkSeed})
     */
    record Mcp(long channels, int maxChannels, McpGenerator.PolicyMode policies, McpGenerator.TopologyMode topology,
               String fit, long seed)
            implements NetworkSettings {
        @Override
        public String describe() {
            return "mcp(" + channels + " channels, seed " + seed + ")";
        }
    }

    /** Flare's simulator network (lightning-facts §5); the seed is as {@link Mcp}'s. */
    record WattsStrogatz(WattsStrogatzGenerator.Config config) implements NetworkSettings {
        @Override
        public String describe() {
            return "watts-strogatz(" + config.nodes() + " nodes, k " + config.k() + ", p " + config.p() + ", seed "
                    + config.seed() + ")";
        }
    }

    /** {@code network.generate.model}: the Million Channels generator (the default). */
    String MODEL_MCP = "mcp";
    /** {@code network.generate.model}: the Watts-Strogatz small world of Flare's simulator. */
    String MODEL_WS = "watts-strogatz";

    Key<String> FILE = Key.str("file", null, "a network file or folder in any supported format (lnsim, lnd "
            + "describegraph, CLN listchannels, CLoTH CSV); when set, 'generate' must be left out");
    Key<String> MODEL = Key.choice("model", MODEL_MCP, List.of(MODEL_MCP, MODEL_WS), "network model");
    Key<Long> SEED = Key.lng("seed", null, Long.MIN_VALUE, Long.MAX_VALUE, "generator seed (default: the master "
            + "seed)");
    Key<Long> CHANNELS = Key.lng("channels", 10_000L, 1_000, 10_000_000, "mcp only: target channel count");
    Key<Integer> MAX_CHANNELS = Key.integer("max_channels", 10_000, 1, Integer.MAX_VALUE, "mcp only: cap on any "
            + "node's channel count (MCP --maxChannels)");
    Key<String> POLICIES = Key.choice("policies", "node", List.of("node", "direction", "mcp"), "mcp only: direction "
            + "policies: per node from the fit's node_policies (a home policy per node, deviating directions, "
            + "offline nodes and disabled directions by degree class), each direction independently from the fit's policy table (the "
            + "default before issue 22), or MCP's uniform update");
    Key<String> TOPOLOGY = Key.choice("topology", "fitted", List.of("fitted", "mcp"), "mcp only: where the largest "
            + "degrees come from: the largest of the fit's top_degrees (as many as 1% of the nodes expected at "
            + "this size, at most the snapshot's top 1%), scaled by channels / snapshot channels, wired among "
            + "themselves and to the nodes that ask for hub peers (the fit's top_peers and top_share_by_class), with "
            + "the rest drawn from the degree law below them, or every degree from the law up to max_channels (the "
            + "default before issue 22)");
    Key<String> FIT = Key.str("fit", "embedded", "mcp only: 'embedded' (the 2019-05-14 fit shipped in the jar), a "
            + "fit JSON from 'lnsim fit', or a snapshot to fit");
    Key<Long> NODES = Key.lng("nodes", null, 3, WattsStrogatzGenerator.MAX_CHANNELS, "watts-strogatz only, "
            + "required: ring size n, at least k + 1, n × k / 2 at most " + WattsStrogatzGenerator.MAX_CHANNELS
            + " channels");
    Key<Long> K = Key.lng("k", null, 2, WattsStrogatzGenerator.MAX_CHANNELS, "watts-strogatz only: mean degree, "
            + "even (default: " + WattsStrogatzGenerator.DEFAULT_K + ", Flare's)");
    Key<Double> P = Key.dbl("p", null, 0, 1, "watts-strogatz only: rewiring probability (default: "
            + WattsStrogatzGenerator.DEFAULT_P + ", Flare's)");
    Key<Long> CAPACITY_SAT = Key.lng("capacity_sat", null, 1, WattsStrogatzGenerator.MAX_CAPACITY_SAT,
            "watts-strogatz only: capacity of every channel, both directions with MCP's uniform update (default: "
                    + WattsStrogatzGenerator.DEFAULT_CAPACITY_SAT + ", the 2019-05-14 median, lightning-facts §1.6)");
    /** {@code network.generate} keys only the MCP model reads. */
    List<Key<?>> MCP_KEYS = List.of(CHANNELS, MAX_CHANNELS, POLICIES, TOPOLOGY, FIT);
    /** {@code network.generate} keys only the Watts-Strogatz model reads. */
    List<Key<?>> WS_KEYS = List.of(NODES, K, P, CAPACITY_SAT);

    Section GENERATE = new Section("generate", "the generator: the Million Channels model (lightning-facts §1.3) or "
            + "a Watts-Strogatz small world (Flare's simulator, lightning-facts §5); keys of the other model must be "
            + "left out", List.of(MODEL, SEED, CHANNELS, MAX_CHANNELS, POLICIES, TOPOLOGY, FIT, NODES, K, P, CAPACITY_SAT),
            List.of());
    Section SECTION = new Section("network", "the network every protocol runs on: generated, or read from 'file'",
            List.of(FILE), List.of(GENERATE));

    /**
     * The settings of a resolved {@code network} section and its {@code generate} section, whose model-dependent
     * keys {@link ConfigSchema} has checked and filled in.
     */
    static NetworkSettings from(Values network, Values generate, long masterSeed, ReplicationSettings replication,
                                String source) throws ConfigException {
        if (network.get(FILE) != null) {
            return new FromFile(network.get(FILE));
        }
        Long own = generate.get(SEED);
        long seed = replication.networkSeed(own == null ? masterSeed : own);
        if (generate.get(MODEL).equals(MODEL_WS)) {
            try {
                return new WattsStrogatz(new WattsStrogatzGenerator.Config(generate.get(NODES).intValue(),
                        generate.get(K).intValue(), generate.get(P), generate.get(CAPACITY_SAT), seed));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(source, "network.generate", e.getMessage());
            }
        }
        McpGenerator.PolicyMode policies = switch (generate.get(POLICIES)) {
            case "mcp" -> McpGenerator.PolicyMode.MCP;
            case "direction" -> McpGenerator.PolicyMode.DIRECTION;
            default -> McpGenerator.PolicyMode.NODE;
        };
        McpGenerator.TopologyMode topology = generate.get(TOPOLOGY).equals("mcp") ? McpGenerator.TopologyMode.MCP
                : McpGenerator.TopologyMode.FITTED;
        return new Mcp(generate.get(CHANNELS), generate.get(MAX_CHANNELS), policies, topology, generate.get(FIT),
                seed);
    }
}
