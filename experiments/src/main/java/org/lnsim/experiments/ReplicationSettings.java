package org.lnsim.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.lnsim.engine.RandomStreams;
import org.lnsim.protocols.settings.Key;
import org.lnsim.random.NamedStreams;

/**
 * Which replication of an experiment a run is, and what replications change.
 *
 * <p>Replication 0 is the experiment itself: every stream derives from the master {@code seed}, exactly as a run
 * without these keys. Replication r ≥ 1 has its own seed, {@code NamedStreams.seedOf(seed, "replication.r")} (the
 * named stream {@code replication.r} of the master seed, {@link NamedStreams}), and draws from it only the streams of
 * the parts named in {@code vary}; every other part keeps the master seed's draws. So
 * {@code vary: [workload]} replays the same balances, latencies and churn under fresh payments, and the default
 * (everything but the network) gives independent runs on one network. {@code network} re-draws a generated network
 * from the replication's seed ({@code network.generate.seed}, or the master seed, fed through the same stream), and
 * is refused for a network read from a file.
 *
 * <p>{@code lnsim sweep} sets {@code replication} for each of its {@code replications}; {@code lnsim run --set
 * replication=3} reruns one of them alone, byte for byte.
 *
 * @param index the replication, 0 for the experiment itself
 * @param vary  the parts a replication ≥ 1 draws afresh
 */
public record ReplicationSettings(int index, Set<Vary> vary) {
    /** What a replication may draw afresh; each part names the random streams it owns. */
    public enum Vary {
        /** the payments: stream {@code workload} */
        WORKLOAD,
        /** the initial channel balances: stream {@code balances} */
        BALANCES,
        /** per-channel latencies: stream {@code latency} */
        LATENCY,
        /** the living network: node availability and policy updates, streams {@code churn}, {@code policy_updates}
         *  and {@code gossip} */
        CHURN,
        /** the protocols' own draws (ant's random seeds, fuzz…): streams {@code protocol.*} */
        PROTOCOLS,
        /** a generated network: the generator's seed */
        NETWORK;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** The part that owns the engine stream called {@code stream}. */
        static Vary ofStream(String stream) {
            return switch (stream) {
                case "workload" -> WORKLOAD;
                case "balances" -> BALANCES;
                case "latency" -> LATENCY;
                case "churn", "policy_updates", "gossip" -> CHURN;
                default -> {
                    if (stream.startsWith("protocol.")) {
                        yield PROTOCOLS;
                    }
                    // a new stream must be given a part, or replications would silently leave it unvaried
                    throw new IllegalStateException("random stream '" + stream + "' belongs to no part of 'vary' ("
                            + "ReplicationSettings.Vary.ofStream)");
                }
            };
        }
    }

    public static final Key<Integer> INDEX = Key.integer("replication", 0, 0, 1_000_000, "which replication of the "
            + "experiment this run is: 0 is the experiment on the master seed; r >= 1 draws the parts named in 'vary' "
            + "from the seed of the named stream 'replication.r' of the master seed (lnsim sweep sets it for each of "
            + "its 'replications')");
    /** The top-level list of parts a replication varies (a list, so resolved by {@link #resolveVary}). */
    public static final String VARY = "vary";
    /** Everything but the network: independent runs on one network, which is what sharing a network needs. */
    public static final Set<Vary> DEFAULT_VARY = EnumSet.of(Vary.WORKLOAD, Vary.BALANCES, Vary.LATENCY, Vary.CHURN,
            Vary.PROTOCOLS);
    static final String VARY_DOC = "what a replication >= 1 draws afresh, any of: workload, balances, latency, churn, "
            + "protocols, network (the generator's seed; generated networks only); the rest keep the master seed's "
            + "draws";

    public ReplicationSettings {
        vary = vary.isEmpty() ? EnumSet.noneOf(Vary.class) : EnumSet.copyOf(vary);
    }

    /** The replication's seed: the master seed for replication 0, else the stream {@code replication.r} of it. */
    public static long seed(long masterSeed, int index) {
        return index == 0 ? masterSeed : NamedStreams.seedOf(masterSeed, "replication." + index);
    }

    /** The run's random streams: varied parts from the replication's seed, the rest from the master seed. */
    public RandomStreams streams(long masterSeed) {
        if (index == 0) {
            return new RandomStreams(masterSeed);
        }
        return new RandomStreams(masterSeed, seed(masterSeed, index), name -> vary.contains(Vary.ofStream(name)));
    }

    /** A generated network's seed in this replication. */
    long networkSeed(long baseSeed) {
        return vary.contains(Vary.NETWORK) ? seed(baseSeed, index) : baseSeed;
    }

    /** The resolved {@code vary} list: the user's (checked, in canonical order) or the default. */
    static ArrayNode resolveVary(JsonNode user, String source) throws ConfigException {
        Set<Vary> parts;
        if (user == null || user.isNull()) {
            parts = DEFAULT_VARY;
        } else if (!user.isArray()) {
            throw new ConfigException(source, VARY, "expected a list of parts (" + choices() + "), found "
                    + ConfigSchema.describe(user));
        } else {
            parts = EnumSet.noneOf(Vary.class);
            for (JsonNode v : user) {
                Vary part = v.isTextual() ? parse(v.textValue()) : null;
                if (part == null) {
                    throw new ConfigException(source, VARY, ConfigSchema.describe(v) + " is not a part; the parts: "
                            + choices());
                }
                if (!parts.add(part)) {
                    throw new ConfigException(source, VARY, "'" + part.key() + "' is listed twice");
                }
            }
        }
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        parts.forEach(p -> out.add(p.key()));
        return out;
    }

    static Set<Vary> vary(JsonNode resolved) {
        Set<Vary> parts = EnumSet.noneOf(Vary.class);
        resolved.forEach(v -> parts.add(parse(v.textValue())));
        return parts;
    }

    private static Vary parse(String s) {
        return Arrays.stream(Vary.values()).filter(v -> v.key().equals(s)).findFirst().orElse(null);
    }

    static String choices() {
        List<String> all = new ArrayList<>();
        for (Vary v : Vary.values()) {
            all.add(v.key());
        }
        return String.join(", ", all);
    }
}
