package org.lnsim.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lnsim.engine.htlc.PaymentKind;
import org.lnsim.engine.payment.RoutingProtocol;
import org.lnsim.experiments.ConfigSchema.Key;
import org.lnsim.experiments.ConfigSchema.Section;
import org.lnsim.network.ChannelGraph;
import org.lnsim.protocols.beacon.BeaconPaths;
import org.lnsim.protocols.beacon.BeaconRouting;
import org.lnsim.protocols.ant.AntRouting;
import org.lnsim.protocols.ant.AntSettings;
import org.lnsim.protocols.multipart.SplittableProtocol;
import org.lnsim.protocols.routing.HybridRouter;
import org.lnsim.protocols.multipart.Splitter;
import org.lnsim.protocols.multipart.SplittingProtocol;
import org.lnsim.protocols.source.OracleRouting;
import org.lnsim.protocols.source.PayPolicy;
import org.lnsim.protocols.source.SourceRouting;
import org.lnsim.results.run.RunColumns;

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
        private final Map<Integer, Integer> mostBeacons = new java.util.HashMap<>();
        private final Map<Integer, BeaconPaths> beaconPaths = new java.util.HashMap<>();
        private HybridRouter router;

        /**
         * @param entries the run's resolved protocol entries, so that work they can share (beacon paths) is done
         *                once, for the most demanding of them
         */
        public Run(ChannelGraph graph, long seed, List<JsonNode> entries) {
            this.graph = graph;
            this.seed = seed;
            for (JsonNode e : entries) {
                if (e.get("name").textValue().equals(BeaconRouting.NAME)) {
                    mostBeacons.merge(e.get("max_beacon_distance").intValue(), e.get("beacons").intValue(),
                            Math::max);
                }
            }
        }

        synchronized HybridRouter router() {
            if (router == null) {
                router = new HybridRouter(graph);
            }
            return router;
        }

        /**
         * Every node's beacon paths within {@code maxDistance} hops, for as many beacons as the run's most demanding
         * beacon entry with that distance keeps: one breadth-first search per node (minutes at 1M channels) shared by
         * every variant.
         */
        synchronized BeaconPaths beaconPaths(int maxDistance, int beacons) {
            int most = Math.max(beacons, mostBeacons.getOrDefault(maxDistance, beacons));
            BeaconPaths p = beaconPaths.get(maxDistance);
            if (p == null || p.beacons() < beacons) {
                p = new BeaconPaths(graph, most, maxDistance);
                beaconPaths.put(maxDistance, p);
            }
            return p;
        }
    }

    private record Entry(Section schema, Factory factory) {
    }

    /** Every protocol's: names a variant in the results, so several of one protocol can run side by side. */
    private static final Key LABEL = Key.str("label", null, "name in the results instead of the protocol's (and "
            + "its +split), to compare variants of one protocol side by side");

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
                    + "(lnd DefaultMaxParts 16)"),
            Key.choice("payment_kind", PaymentKind.MPP.label(), List.of("mpp", "amp"), "with a splitter: how parts are "
                    + "bound — mpp (BOLT basic MPP: one payment hash, the receiver could settle parts early) or amp "
                    + "(atomic multi-path, lnd's TLV 14: nothing can be settled before every share arrives); an amp "
                    + "protocol is named base+split+amp"),
            LABEL);

    private static final List<Key> ANT_KEYS = List.of(LABEL,
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
        List<Key> beaconKeys = new java.util.ArrayList<>(PAY_KEYS);
        BeaconRouting.Options d = BeaconRouting.Options.DEFAULT;
        beaconKeys.addAll(List.of(
                Key.integer("radius", d.radius(), 1, 100, "table radius r in hops: every channel on a path of at "
                        + "most r hops from the node (Flare prototype 2)"),
                Key.integer("beacons", d.beacons(), 0, 1_000, "beacons per node: the nodes XOR-closest to its id "
                        + "(Flare prototype 5)"),
                Key.integer("max_beacon_distance", d.maxBeaconDistance(), 1, 1_000_000, "hops within which "
                        + "beacons are sought (Flare MAX_BEACON_DISTANCE 100)"),
                Key.integer("max_table_requests", d.maxTableRequests(), 0, 1_000, "tables a sender may ask for "
                        + "when it finds no route, XOR-closest to the receiver first"),
                Key.choice("candidate_ranking", d.ranking().label(), List.of("cost", "probability"), "cost: the "
                        + "hybrid router's cheapest route; probability: Flare's, the most likely of 3 candidates "
                        + "(product of (capacity - amount) / capacity)"),
                Key.dbl("update_rate_per_channel_per_day", 0.0, 0, 1e6, "channel_update churn; an update reaches "
                        + "the nodes whose table holds the channel")));
        ENTRIES.put(BeaconRouting.NAME, new Entry(new Section(BeaconRouting.NAME,
                "Flare beacon routing: tables of radius r plus paths to XOR-closest beacons; the source router over "
                        + "the sender's and receiver's tables", beaconKeys, List.of()),
                (run, e) -> split(new BeaconRouting(run.router(), pay(e), new BeaconRouting.Options(
                        e.get("radius").intValue(), e.get("beacons").intValue(),
                        e.get("max_beacon_distance").intValue(), e.get("max_table_requests").intValue(),
                        BeaconRouting.Ranking.valueOf(e.get("candidate_ranking").textValue()
                                .toUpperCase(java.util.Locale.ROOT)),
                        e.get("update_rate_per_channel_per_day").doubleValue()), run.seed,
                        run.beaconPaths(e.get("max_beacon_distance").intValue(), e.get("beacons").intValue())), e)));
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

    /**
     * The protocols' own result columns, declared by each protocol with unit and definition, for
     * {@code results/COLUMNS.md} ({@link RunColumns#markdown}); a test checks that every column a run of every
     * registered protocol writes is listed here.
     */
    public static List<RunColumns.ProtocolColumns> resultColumns() {
        return List.of(
                new RunColumns.ProtocolColumns(BeaconRouting.NAME, BeaconRouting.PAYMENT_COLUMN_DOCS,
                        BeaconRouting.STATE_COLUMN_DOCS),
                new RunColumns.ProtocolColumns(AntRouting.NAME + ", " + AntRouting.SELECTIVE,
                        AntRouting.PAYMENT_COLUMN_DOCS, AntRouting.STATE_COLUMN_DOCS));
    }

    private static PayPolicy pay(JsonNode e) {
        return new PayPolicy(e.get("riskfactor").doubleValue(), e.get("fuzz").doubleValue(), e.get("max_hops").intValue(),
                e.get("max_fee_percent").doubleValue(), e.get("exempt_fee_msat").longValue(),
                e.get("max_delay").intValue(), e.get("final_cltv").intValue());
    }

    /** The base protocol, or the base with the entry's splitter. */
    private static RoutingProtocol split(SplittableProtocol base, JsonNode e) {
        Splitter s = Splitter.parse(e.get("split").textValue());
        PaymentKind kind = PaymentKind.valueOf(e.get("payment_kind").textValue().toUpperCase(java.util.Locale.ROOT));
        return s == Splitter.NONE ? base : new SplittingProtocol(base, s, e.get("max_parts").intValue(), kind);
    }

    /**
     * The name a resolved entry runs under: its {@code label} when given, else the protocol's, plus {@code +splitter}
     * when it splits.
     */
    static String displayName(JsonNode entry) {
        JsonNode label = entry.get("label");
        if (label != null && label.isTextual()) {
            return label.textValue();
        }
        JsonNode split = entry.get("split");
        String name = entry.get("name").textValue();
        if (split == null || split.textValue().equals(Splitter.NONE.label())) {
            return name;
        }
        JsonNode kind = entry.get("payment_kind");
        return name + "+" + split.textValue()
                + (kind != null && kind.textValue().equals(PaymentKind.AMP.label()) ? "+amp" : "");
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
