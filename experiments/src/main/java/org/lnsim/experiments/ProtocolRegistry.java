package org.lnsim.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lnsim.engine.payment.RoutingProtocol;
import org.lnsim.experiments.ConfigSchema.Key;
import org.lnsim.experiments.ConfigSchema.Section;
import org.lnsim.network.ChannelGraph;
import org.lnsim.protocols.ant.AntRouting;
import org.lnsim.protocols.ant.AntSettings;
import org.lnsim.protocols.multipart.SplittableProtocol;
import org.lnsim.protocols.routing.HybridRouter;
import org.lnsim.protocols.multipart.Splitter;
import org.lnsim.protocols.multipart.SplittingProtocol;
import org.lnsim.protocols.source.OracleRouting;
import org.lnsim.protocols.source.PayPolicy;
import org.lnsim.protocols.source.SourceRouting;

/**
 * The protocols an experiment can name, each with its configuration keys and a factory. Adding a scheme to lnsim
 * means one entry here (its keys and how to build it) besides the protocol's own classes; the engine is untouched.
 */
public final class ProtocolRegistry {
    /** Builds a protocol for one run from its resolved configuration entry. */
    @FunctionalInterface
    interface Factory {
        RoutingProtocol create(Run run, JsonNode entry);
    }

    /**
     * What the protocols of one run share: the network, the master seed, and one hybrid router built on first use —
     * its compact copy of the graph costs about 90 MB and a second at 1M channels, and it is immutable and thread-safe,
     * so protocols simulated side by side use the same one.
     */
    public static final class Run {
        private final ChannelGraph graph;
        private final long seed;
        private HybridRouter router;

        public Run(ChannelGraph graph, long seed) {
            this.graph = graph;
            this.seed = seed;
        }

        synchronized HybridRouter router() {
            if (router == null) {
                router = new HybridRouter(graph);
            }
            return router;
        }
    }

    private record Entry(Section schema, Factory factory) {
    }

    private static final List<Key> PAY_KEYS = List.of(
            Key.dbl("riskfactor", 10.0, 0, 1e9, "getroute riskfactor, annual % cost of locked funds (pay plugin 10)"),
            Key.dbl("fuzz", 0.05, 0, 0.99, "fee fuzz fraction for route selection (getroute 0.05)"),
            Key.integer("max_hops", 20, 1, 1000, "route hop limit (ROUTING_MAX_HOPS 20; 27 with the TLV onion)"),
            Key.dbl("max_fee_percent", 0.5, 0, 100, "fee budget in % of the amount (pay plugin 0.5)"),
            Key.lng("exempt_fee_msat", 5_000L, 0, Long.MAX_VALUE, "fees below this pass the % check (5,000 msat)"),
            Key.integer("max_delay", 2016, 1, 65_535, "largest total CLTV accepted (max-locktime-blocks 2016)"),
            Key.integer("final_cltv", 9, 0, 65_535, "CLTV the receiver asks for (getroute default 9)"),
            Key.choice("split", Splitter.NONE.label(), Splitter.labels(), "multi-part splitting: none; c-lightning's "
                    + "presplit, adaptive splitter, or both (cl, its default pay); lnd's halving. The protocol is then "
                    + "named base+split, e.g. source+cl"),
            Key.integer("max_parts", Splitter.LND_DEFAULT_MAX_PARTS, 1, 483, "lnd-halving: parts in flight at most "
                    + "(lnd DefaultMaxParts 16)"));

    private static final List<Key> ANT_KEYS = List.of(
            Key.integer("max_hops", 20, 1, 255, "seeds go no further from their origin, and matched paths are no "
                    + "longer (the onion's 20 hops)"),
            Key.integer("collect_window_ms", 1_000, 0, 600_000, "the payer collects matched seeds this long after "
                    + "the first"),
            Key.integer("max_matches", 3, 1, 1_000_000, "... or until it holds this many"),
            Key.integer("max_rounds", 3, 1, 1_000, "flood rounds (fresh R each) while the HTLCs fail"),
            Key.dbl("wipe_after_s", 3.0, 0.001, 3_600, "mempool entries are wiped this long after they are stored "
                    + "(papers: a few seconds, e.g. 2-5 s)"),
            Key.dbl("max_fee_percent", 0.5, 0, 100, "the seeds' max fee in % of the amount (source's budget, 0.5)"),
            Key.lng("exempt_fee_msat", 5_000L, 0, Long.MAX_VALUE, "... but at least this (5,000 msat)"),
            Key.integer("final_cltv", 9, 0, 65_535, "CLTV the receiver asks for (getroute default 9)"));

    private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();

    static {
        List<Key> sourceKeys = new java.util.ArrayList<>(PAY_KEYS);
        sourceKeys.add(Key.dbl("update_rate_per_channel_per_day", 0.0, 0, 1e6,
                "channel_update churn whose gossip every node receives"));
        ENTRIES.put(SourceRouting.NAME, new Entry(new Section(SourceRouting.NAME,
                "full-gossip source routing: c-lightning's hybrid router and pay loop (the baseline)", sourceKeys,
                List.of()), (run, e) -> split(new SourceRouting(run.router(), pay(e),
                e.get("update_rate_per_channel_per_day").doubleValue(), run.seed), e)));
        ENTRIES.put(OracleRouting.NAME, new Entry(new Section(OracleRouting.NAME,
                "the same router on true channel balances: the upper bound", PAY_KEYS, List.of()),
                (run, e) -> split(new OracleRouting(run.router(), pay(e), run.seed), e)));
        ENTRIES.put(AntRouting.NAME, new Entry(new Section(AntRouting.NAME,
                "ant routing: payer and payee flood conjugate seeds, the path appears where they meet (no map)",
                ANT_KEYS, List.of()), (run, e) -> new AntRouting(run.graph, ant(e))));
        List<Key> selectiveKeys = new java.util.ArrayList<>(ANT_KEYS);
        selectiveKeys.add(Key.integer("k", 4, 1, 1_000_000, "a forwarding node sends a seed to its k best peers "
                + "by completed payments, then capacity"));
        ENTRIES.put(AntRouting.SELECTIVE, new Entry(new Section(AntRouting.SELECTIVE,
                "ant routing with selective forwarding (the papers' self-improvement)", selectiveKeys, List.of()),
                (run, e) -> new AntRouting(run.graph, ant(e).withFanout(e.get("k").intValue()))));
    }

    private static AntSettings ant(JsonNode e) {
        return new AntSettings(e.get("max_hops").intValue(), e.get("collect_window_ms").longValue() * 1_000,
                e.get("max_matches").intValue(), e.get("max_rounds").intValue(),
                Math.round(e.get("wipe_after_s").doubleValue() * 1e6), e.get("max_fee_percent").doubleValue(),
                e.get("exempt_fee_msat").longValue(), e.get("final_cltv").intValue(), Integer.MAX_VALUE);
    }

    private ProtocolRegistry() {
    }

    private static PayPolicy pay(JsonNode e) {
        return new PayPolicy(e.get("riskfactor").doubleValue(), e.get("fuzz").doubleValue(), e.get("max_hops").intValue(),
                e.get("max_fee_percent").doubleValue(), e.get("exempt_fee_msat").longValue(),
                e.get("max_delay").intValue(), e.get("final_cltv").intValue());
    }

    /** The base protocol, or the base with the entry's splitter. */
    private static RoutingProtocol split(SplittableProtocol base, JsonNode e) {
        Splitter s = Splitter.parse(e.get("split").textValue());
        return s == Splitter.NONE ? base : new SplittingProtocol(base, s, e.get("max_parts").intValue());
    }

    /** The name a resolved entry runs under: the protocol's, plus {@code +splitter} when it splits. */
    static String displayName(JsonNode entry) {
        JsonNode split = entry.get("split");
        String name = entry.get("name").textValue();
        return split == null || split.textValue().equals(Splitter.NONE.label()) ? name : name + "+" + split.textValue();
    }

    /** Protocol name → its key schema, in registration order. */
    public static Map<String, Section> schemas() {
        Map<String, Section> m = new LinkedHashMap<>();
        ENTRIES.forEach((k, v) -> m.put(k, v.schema()));
        return m;
    }

    /** Resolves the {@code protocols} list (default: source and oracle), each entry against its protocol's keys. */
    static ArrayNode resolve(JsonNode list, String source) throws ConfigException {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        if (list == null || list.isNull()) {
            for (String name : List.of(SourceRouting.NAME, OracleRouting.NAME)) {
                out.add(resolveEntry(JsonNodeFactory.instance.objectNode().put("name", name), "protocols", source));
            }
            return out;
        }
        if (!list.isArray() || list.isEmpty()) {
            throw new ConfigException(source, "protocols", "expected a non-empty list of protocols");
        }
        java.util.Set<String> names = new java.util.HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = list.get(i);
            if (item.isTextual()) {
                item = JsonNodeFactory.instance.objectNode().put("name", item.textValue());
            }
            ObjectNode resolved = resolveEntry(item, "protocols." + i, source);
            if (!names.add(displayName(resolved))) {
                throw new ConfigException(source, "protocols." + i, "protocol '" + displayName(resolved)
                        + "' is listed twice");
            }
            out.add(resolved);
        }
        return out;
    }

    private static ObjectNode resolveEntry(JsonNode item, String path, String source) throws ConfigException {
        if (!item.isObject() || !item.path("name").isTextual()) {
            throw new ConfigException(source, path, "each protocol needs a 'name' (one of "
                    + String.join(", ", ENTRIES.keySet()) + ")");
        }
        String name = item.get("name").textValue();
        Entry e = ENTRIES.get(name);
        if (e == null) {
            throw new ConfigException(source, path + ".name", "'" + name + "' is not one of "
                    + String.join(", ", ENTRIES.keySet()));
        }
        ObjectNode rest = ((ObjectNode) item).deepCopy();
        rest.remove("name");
        ObjectNode out = JsonNodeFactory.instance.objectNode().put("name", name);
        out.setAll(ConfigSchema.resolveSection(rest, e.schema(), path, source, List.of()));
        return out;
    }

    /** Builds the protocol a resolved entry describes, for this run. */
    static RoutingProtocol create(Run run, JsonNode entry) {
        return ENTRIES.get(entry.get("name").textValue()).factory().create(run, entry);
    }
}
