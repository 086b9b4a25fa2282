package org.lnsim.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lnsim.network.generate.WattsStrogatzGenerator;

/**
 * Every configuration key of an experiment: its type, default, bounds, choices and documentation, in one place.
 * {@link #resolve} checks a user's tree against it and fills in the defaults; {@link #reference()} renders the
 * documented reference file. Protocol entries have their own key sets, registered by name in
 * {@link ProtocolRegistry}.
 */
public final class ConfigSchema {
    /** Value kinds. */
    public enum Kind { INT, LONG, DOUBLE, STRING, CHOICE, BOOL }

    /**
     * One key.
     *
     * @param name     key name within its section
     * @param kind     value kind
     * @param dflt     default (Long, Double or String), or null: the key is optional and absent by default
     * @param min      inclusive lower bound for numbers
     * @param max      inclusive upper bound for numbers
     * @param choices  the valid values of a CHOICE key
     * @param doc      one line of documentation
     */
    public record Key(String name, Kind kind, Object dflt, double min, double max, List<String> choices, String doc) {
        static Key integer(String name, long dflt, long min, long max, String doc) {
            return new Key(name, Kind.INT, dflt, min, max, List.of(), doc);
        }

        static Key lng(String name, Long dflt, long min, long max, String doc) {
            return new Key(name, Kind.LONG, dflt, min, max, List.of(), doc);
        }

        static Key dbl(String name, Double dflt, double min, double max, String doc) {
            return new Key(name, Kind.DOUBLE, dflt, min, max, List.of(), doc);
        }

        static Key str(String name, String dflt, String doc) {
            return new Key(name, Kind.STRING, dflt, 0, 0, List.of(), doc);
        }

        static Key bool(String name, boolean dflt, String doc) {
            return new Key(name, Kind.BOOL, dflt, 0, 0, List.of(), doc);
        }

        static Key choice(String name, String dflt, List<String> choices, String doc) {
            return new Key(name, Kind.CHOICE, dflt, 0, 0, choices, doc);
        }
    }

    /** A mapping of keys and sub-sections. */
    public record Section(String name, String doc, List<Key> keys, List<Section> sections) {
        Key key(String n) {
            return keys.stream().filter(k -> k.name().equals(n)).findFirst().orElse(null);
        }

        Section section(String n) {
            return sections.stream().filter(s -> s.name().equals(n)).findFirst().orElse(null);
        }

        List<String> names() {
            List<String> all = new ArrayList<>();
            keys.forEach(k -> all.add(k.name()));
            sections.forEach(s -> all.add(s.name()));
            return all;
        }
    }

    private static final double INF = Double.POSITIVE_INFINITY;

    /** {@code network.generate.model}: the Million Channels generator (the default). */
    public static final String MODEL_MCP = "mcp";
    /** {@code network.generate.model}: the Watts-Strogatz small world of Flare's simulator. */
    public static final String MODEL_WS = "watts-strogatz";
    /** {@code network.generate} keys only the MCP model reads. */
    static final List<String> MCP_KEYS = List.of("channels", "max_channels", "policies", "fit");
    /** {@code network.generate} keys only the Watts-Strogatz model reads. */
    static final List<String> WS_KEYS = List.of("nodes", "k", "p", "capacity_sat");

    /** The top level (everything but {@code protocols}, which {@link ProtocolRegistry} describes). */
    public static final Section ROOT = new Section("", "lnsim experiment configuration", List.of(
            Key.lng("seed", 1L, Long.MIN_VALUE, Long.MAX_VALUE,
                    "master seed: every random stream (network, balances, latency, churn, workload, protocols) "
                            + "derives from it")),
            List.of(
                    new Section("network", "the network every protocol runs on: generated, or read from 'file'",
                            List.of(Key.str("file", null, "a network file or folder in any supported format "
                                    + "(lnsim, lnd describegraph, CLN listchannels, CLoTH CSV); when set, 'generate' "
                                    + "must be left out")),
                            List.of(new Section("generate", "the generator: the Million Channels model "
                                    + "(lightning-facts §1.3) or a Watts-Strogatz small world (Flare's simulator, "
                                    + "lightning-facts §5); keys of the other model must be left out",
                                    List.of(Key.choice("model", MODEL_MCP, List.of(MODEL_MCP, MODEL_WS),
                                                    "network model"),
                                            Key.lng("seed", null, Long.MIN_VALUE, Long.MAX_VALUE,
                                                    "generator seed (default: the master seed)"),
                                            Key.lng("channels", 10_000L, 1_000, 10_000_000,
                                                    "mcp only: target channel count"),
                                            Key.integer("max_channels", 10_000, 1, Integer.MAX_VALUE,
                                                    "mcp only: cap on any node's channel count (MCP --maxChannels)"),
                                            Key.choice("policies", "snapshot", List.of("snapshot", "mcp"),
                                                    "mcp only: direction policies: sampled from the fitted "
                                                            + "snapshot, or MCP's uniform update"),
                                            Key.str("fit", "embedded", "mcp only: 'embedded' (the 2019-05-14 fit "
                                                    + "shipped in the jar), a fit JSON from 'lnsim fit', or a "
                                                    + "snapshot to fit"),
                                            Key.lng("nodes", null, 3, WattsStrogatzGenerator.MAX_CHANNELS,
                                                    "watts-strogatz only, required: ring size n, at least k + 1, "
                                                            + "n × k / 2 at most "
                                                            + WattsStrogatzGenerator.MAX_CHANNELS + " channels"),
                                            Key.lng("k", null, 2, WattsStrogatzGenerator.MAX_CHANNELS,
                                                    "watts-strogatz only: mean degree, even (default: "
                                                            + WattsStrogatzGenerator.DEFAULT_K + ", Flare's)"),
                                            Key.dbl("p", null, 0, 1, "watts-strogatz only: rewiring probability "
                                                    + "(default: " + WattsStrogatzGenerator.DEFAULT_P + ", Flare's)"),
                                            Key.lng("capacity_sat", null, 1, WattsStrogatzGenerator.MAX_CAPACITY_SAT,
                                                    "watts-strogatz only: capacity of every channel, both "
                                                            + "directions with MCP's uniform update (default: "
                                                            + WattsStrogatzGenerator.DEFAULT_CAPACITY_SAT
                                                            + ", the 2019-05-14 median, lightning-facts §1.6)")),
                                    List.of()))),
                    new Section("balances", "how channel capacity is split at the start of the run", List.of(
                            Key.choice("split", "uniform", List.of("uniform", "half", "funder"),
                                    "node_1's share: uniform in [0, capacity], half, or all on a random side"),
                            Key.dbl("reserve_fraction", 0.01, 0, 0.99, "channel reserve (BOLT 2), fraction of "
                                    + "capacity each side keeps"),
                            Key.integer("max_accepted_htlcs", 483, 1, 483, "HTLC slots per direction (BOLT 2)")),
                            List.of()),
                    new Section("latency", "message delays", List.of(
                            Key.choice("model", "commitment", List.of("commitment", "cloth", "fixed"),
                                    "commitment: 1.5 RTT per hop each way with a per-channel log-normal RTT; "
                                            + "cloth: 100 ms + N(0, 1 ms) per message; fixed: the fixed_* values"),
                            Key.dbl("median_rtt_ms", 100.0, 0.001, INF, "commitment: median round trip"),
                            Key.dbl("rtt_sigma", 0.5, 0, 5, "commitment: log-normal shape of the round trip"),
                            Key.dbl("batch_ms", 10.0, 0, INF, "commitment: commitment batching delay per "
                                    + "message (c-lightning 10 ms)"),
                            Key.dbl("offline_ms", 3000.0, 0, INF, "commitment and fixed: delay before an "
                                    + "offline peer is noticed"),
                            Key.dbl("fixed_offer_ms", 100.0, 0, INF, "fixed: HTLC offer per hop"),
                            Key.dbl("fixed_resolve_ms", 100.0, 0, INF, "fixed: fulfil or fail per hop"),
                            Key.dbl("fixed_control_ms", 50.0, 0, INF, "fixed: control message per hop")),
                            List.of()),
                    new Section("churn", "nodes going offline and back (exponential on/off periods)", List.of(
                            Key.dbl("offline_share", 0.0, 0, 0.99, "long-run share of time a node is offline"),
                            Key.dbl("mean_offline_s", 600.0, 0.001, INF, "mean length of an offline period")),
                            List.of()),
                    new Section("workload", "the payments; every protocol replays the same list", List.of(
                            Key.integer("payments", 5_000, 0, 100_000_000, "number of payments"),
                            Key.dbl("rate_per_s", 10.0, 1e-9, INF, "Poisson arrival rate"),
                            Key.dbl("duration_s", null, 0, INF, "no arrival after this time (default: none)"),
                            Key.str("trace", null, "a CLoTH payments.csv trace to replay instead of generating "
                                    + "(id,sender_id,receiver_id,amount msat,start_time ms)")),
                            List.of(new Section("amount", "payment amounts", List.of(
                                            Key.choice("distribution", "lognormal",
                                                    List.of("fixed", "lognormal", "empirical"), "amount distribution"),
                                            Key.dbl("sat", 10_000.0, 0.001, 21e14, "fixed: the amount"),
                                            Key.dbl("median_sat", 10_000.0, 0.001, 21e14, "lognormal: median"),
                                            Key.dbl("sigma", 1.0, 0, 10, "lognormal: shape"),
                                            Key.str("file", null, "empirical: a file with one amount in sat per "
                                                    + "line")),
                                            List.of()),
                                    new Section("endpoints", "who pays whom (nodes with channels only)", List.of(
                                            Key.choice("choice", "uniform",
                                                    List.of("uniform", "capacity-weighted", "merchants"),
                                                    "uniform; weighted by node capacity; or a share of "
                                                            + "payments to the top merchants by capacity"),
                                            Key.dbl("merchant_share", 0.5, 0, 1, "merchants: share of payments "
                                                    + "to a merchant"),
                                            Key.integer("merchants", 100, 1, Integer.MAX_VALUE,
                                                    "merchants: how many top nodes are merchants")),
                                            List.of()))),
                    new Section("analysis", "figures computed beside the protocols", List.of(
                            Key.bool("feasibility_bound", false, "add a 'max-flow bound' row: the share of payments "
                                    + "some flow over the initial balances could deliver, each on its own")),
                            List.of()),
                    new Section("engine", "payment rules the engine enforces for every protocol", List.of(
                            Key.dbl("timeout_s", 60.0, 0.001, INF, "no attempt starts later than this after "
                                    + "arrival (c-lightning retry_for, lnd, CLoTH: 60 s)"),
                            Key.integer("max_attempts", 1_000, 1, 1_000_000, "attempts (parts included) per "
                                    + "payment: a safety cap (the implementations bound a payment by time only)"),
                            Key.dbl("mpp_timeout_s", 60.0, 0.001, INF, "how long a receiver holds an "
                                    + "incomplete multi-part set (BOLT 4: at least 60 s)"),
                            Key.choice("receiver", "honest", List.of("honest", "claims_early"), "what receivers do "
                                    + "with parts of an incomplete multi-part payment: hold them (BOLT 4), or settle "
                                    + "every part they can at once — all mpp parts, no amp part (outcome 'partial')")),
                            List.of())));

    private ConfigSchema() {
    }

    /**
     * Checks {@code user} against the schema and returns the complete configuration with every default filled in.
     *
     * @param source name of the file or option the tree came from, for messages
     */
    public static ObjectNode resolve(JsonNode user, String source) throws ConfigException {
        JsonNode tree = user == null || user.isNull() || user.isMissingNode() ? JsonNodeFactory.instance.objectNode() : user;
        if (!tree.isObject()) {
            throw new ConfigException(source, "", "expected a mapping of keys at the top level");
        }
        ObjectNode copy = ((ObjectNode) tree).deepCopy();
        JsonNode protocols = copy.remove("protocols");
        ObjectNode out = resolveSection(copy, ROOT, "", source, List.of("protocols"));
        JsonNode network = out.get("network");
        JsonNode generate = tree.path("network").path("generate");
        if (network.get("file") != null && !network.get("file").isNull() && !generate.isMissingNode()
                && !generate.isNull()) {
            throw new ConfigException(source, "network", "give either 'file' or 'generate', not both");
        }
        resolveModel((ObjectNode) network.get("generate"), tree.path("network").path("generate"), source);
        out.set("protocols", ProtocolRegistry.resolve(protocols, source));
        return out;
    }

    /**
     * The model-dependent part of {@code network.generate}: refuses a key of the other model (rather than ignore
     * it), clears the other model's keys in {@code gen} so the resolved configuration shows only what is used (and
     * resolves to itself again), and for Watts-Strogatz requires {@code nodes}, fills in Flare's k and p and the
     * default capacity, and checks the bounds that involve two keys.
     *
     * @param gen  the resolved section, changed in place
     * @param user the user's section (missing node if absent)
     */
    private static void resolveModel(ObjectNode gen, JsonNode user, String source) throws ConfigException {
        String model = gen.get("model").textValue();
        boolean ws = model.equals(MODEL_WS);
        String other = ws ? MODEL_MCP : MODEL_WS;
        for (String key : ws ? MCP_KEYS : WS_KEYS) {
            if (user.hasNonNull(key)) {
                throw new ConfigException(source, "network.generate." + key, "applies only to model " + other
                        + ", not to model " + model + " (leave it out, or clear it with --set network.generate."
                        + key + "=)");
            }
            gen.putNull(key);
        }
        if (!ws) {
            return;
        }
        if (gen.get("nodes").isNull()) {
            throw new ConfigException(source, "network.generate.nodes", "required when model is " + MODEL_WS);
        }
        if (gen.get("k").isNull()) {
            gen.put("k", (long) WattsStrogatzGenerator.DEFAULT_K);
        }
        if (gen.get("p").isNull()) {
            gen.put("p", WattsStrogatzGenerator.DEFAULT_P);
        }
        if (gen.get("capacity_sat").isNull()) {
            gen.put("capacity_sat", WattsStrogatzGenerator.DEFAULT_CAPACITY_SAT);
        }
        long n = gen.get("nodes").longValue();
        long k = gen.get("k").longValue();
        if (k % 2 != 0) {
            throw new ConfigException(source, "network.generate.k", "the mean degree must be even, got " + k);
        }
        if (n < k + 1) {
            throw new ConfigException(source, "network.generate.nodes", "must be at least k + 1 = " + (k + 1)
                    + ", got " + n);
        }
        if (n * k / 2 > WattsStrogatzGenerator.MAX_CHANNELS) {
            throw new ConfigException(source, "network.generate.nodes", "nodes × k / 2 = " + n * k / 2
                    + " channels is more than " + WattsStrogatzGenerator.MAX_CHANNELS);
        }
    }

    static ObjectNode resolveSection(JsonNode user, Section schema, String path, String source, List<String> extra)
            throws ConfigException {
        if (!user.isObject()) {
            throw new ConfigException(source, path, "expected a mapping, found " + describe(user));
        }
        for (Iterator<String> it = user.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (schema.key(f) == null && schema.section(f) == null && !extra.contains(f)) {
                List<String> valid = new ArrayList<>(schema.names());
                valid.addAll(extra);
                throw new ConfigException(source, join(path, f), "unknown key; valid keys "
                        + (path.isEmpty() ? "at the top level" : "in '" + path + "'") + ": " + String.join(", ", valid));
            }
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (Key k : schema.keys()) {
            JsonNode v = user.get(k.name());
            out.set(k.name(), value(k, v, join(path, k.name()), source));
        }
        for (Section s : schema.sections()) {
            JsonNode v = user.get(s.name());
            out.set(s.name(), resolveSection(v == null || v.isNull() ? JsonNodeFactory.instance.objectNode() : v, s,
                    join(path, s.name()), source, List.of()));
        }
        return out;
    }

    private static JsonNode value(Key k, JsonNode v, String path, String source) throws ConfigException {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (v == null || v.isNull()) {
            Object d = k.dflt();
            if (d == null) {
                return f.nullNode();
            }
            if (d instanceof Long l) {
                return k.kind() == Kind.DOUBLE ? f.numberNode(l.doubleValue()) : f.numberNode(l);
            }
            if (d instanceof Integer i) {
                return f.numberNode(i.longValue());
            }
            if (d instanceof Double x) {
                return f.numberNode(x);
            }
            if (d instanceof Boolean bool) {
                return f.booleanNode(bool);
            }
            return f.textNode(d.toString());
        }
        switch (k.kind()) {
            case INT, LONG -> {
                if (!v.isIntegralNumber() || !v.canConvertToLong()) {
                    throw new ConfigException(source, path, "expected a whole number, found " + describe(v));
                }
                long x = v.longValue();
                if (x < k.min() || x > k.max()) {
                    throw new ConfigException(source, path, x + " is out of range " + range(k));
                }
                return f.numberNode(x);
            }
            case DOUBLE -> {
                if (!v.isNumber()) {
                    throw new ConfigException(source, path, "expected a number, found " + describe(v));
                }
                double x = v.doubleValue();
                if (!(x >= k.min() && x <= k.max())) {
                    throw new ConfigException(source, path, x + " is out of range " + range(k));
                }
                return f.numberNode(x);
            }
            case BOOL -> {
                if (!v.isBoolean()) {
                    throw new ConfigException(source, path, "expected true or false, found " + describe(v));
                }
                return f.booleanNode(v.booleanValue());
            }
            case STRING -> {
                if (!v.isTextual()) {
                    throw new ConfigException(source, path, "expected text, found " + describe(v));
                }
                return f.textNode(v.textValue());
            }
            default -> {
                String s = v.isTextual() ? v.textValue() : v.toString();
                if (!k.choices().contains(s)) {
                    throw new ConfigException(source, path, "'" + s + "' is not one of " + String.join(", ", k.choices()));
                }
                return f.textNode(s);
            }
        }
    }

    private static String range(Key k) {
        String lo = k.kind() == Kind.DOUBLE ? String.valueOf(k.min()) : String.valueOf((long) k.min());
        String hi = k.max() == INF ? "∞" : k.kind() == Kind.DOUBLE ? String.valueOf(k.max()) : String.valueOf((long) k.max());
        return "[" + lo + ", " + hi + "]";
    }

    static String describe(JsonNode v) {
        if (v.isTextual()) {
            return "'" + v.textValue() + "'";
        }
        if (v.isObject()) {
            return "a mapping";
        }
        if (v.isArray()) {
            return "a list";
        }
        return v.toString();
    }

    static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    /** The documented reference of every key with its default, as YAML (comments carry the documentation). */
    public static String reference() {
        StringBuilder sb = new StringBuilder();
        sb.append("# lnsim experiment configuration: every key with its default value.\n");
        sb.append("# Generated by 'lnsim run --print-reference' from ConfigSchema; do not edit by hand.\n");
        sb.append("# A config file needs only the keys it changes; --set key=value overrides any key.\n\n");
        renderSection(sb, ROOT, 0);
        sb.append("\n# The protocols to compare, each with its own keys (defaults shown). Default: source and oracle.\n");
        sb.append("protocols:\n");
        for (Map.Entry<String, Section> e : ProtocolRegistry.schemas().entrySet()) {
            sb.append("  # ").append(e.getValue().doc()).append('\n');
            sb.append("  - name: ").append(e.getKey()).append('\n');
            for (Key k : e.getValue().keys()) {
                renderKey(sb, k, 4);
            }
        }
        return sb.toString();
    }

    private static void renderSection(StringBuilder sb, Section s, int indent) {
        for (Key k : s.keys()) {
            renderKey(sb, k, indent);
        }
        for (Section sub : s.sections()) {
            sb.append(" ".repeat(indent)).append("# ").append(sub.doc()).append('\n');
            sb.append(" ".repeat(indent)).append(sub.name()).append(":\n");
            renderSection(sb, sub, indent + 2);
        }
    }

    private static void renderKey(StringBuilder sb, Key k, int indent) {
        String pad = " ".repeat(indent);
        sb.append(pad).append("# ").append(k.doc());
        if (k.kind() == Kind.CHOICE) {
            sb.append(" (").append(String.join(" | ", k.choices())).append(')');
        }
        sb.append('\n').append(pad).append(k.name()).append(": ");
        Object d = k.dflt();
        sb.append(d == null ? "null" : d instanceof Double x ? formatDouble(x) : d.toString()).append('\n');
    }

    private static String formatDouble(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? String.valueOf((long) x) + ".0" : String.valueOf(x);
    }

    /** Applies {@code key=value} overrides (dotted paths; list items by index, e.g. {@code protocols.0.fuzz}). */
    public static void applyOverrides(ObjectNode tree, List<String> overrides,
                                      com.fasterxml.jackson.databind.ObjectMapper yaml) throws ConfigException {
        for (String o : overrides) {
            int eq = o.indexOf('=');
            if (eq <= 0) {
                throw new ConfigException("--set", o, "expected key=value");
            }
            String path = o.substring(0, eq).trim();
            String text = o.substring(eq + 1);
            JsonNode value;
            try {
                value = text.isBlank() ? JsonNodeFactory.instance.nullNode() : yaml.readTree(text);
            } catch (java.io.IOException e) {
                throw new ConfigException("--set", path, "cannot parse value '" + text + "'");
            }
            String[] parts = path.split("\\.");
            JsonNode node = tree;
            for (int i = 0; i < parts.length - 1; i++) {
                JsonNode next = child(node, parts[i]);
                if (next == null || next.isNull()) {
                    if (!node.isObject()) {
                        throw new ConfigException("--set", path, "'" + parts[i] + "' is not an index of a list");
                    }
                    next = ((ObjectNode) node).putObject(parts[i]);
                }
                if (!next.isContainerNode()) {
                    throw new ConfigException("--set", path, "'" + parts[i] + "' is not a section");
                }
                node = next;
            }
            String last = parts[parts.length - 1];
            if (node.isObject()) {
                ((ObjectNode) node).set(last, value);
            } else {
                int idx = index(last, path);
                ArrayNode arr = (ArrayNode) node;
                if (idx >= arr.size()) {
                    throw new ConfigException("--set", path, "list has only " + arr.size() + " entries");
                }
                arr.set(idx, value);
            }
        }
    }

    private static JsonNode child(JsonNode node, String part) throws ConfigException {
        if (node.isArray()) {
            int idx = index(part, part);
            return idx < node.size() ? node.get(idx) : null;
        }
        return node.get(part);
    }

    private static int index(String part, String path) throws ConfigException {
        try {
            return Integer.parseInt(part);
        } catch (NumberFormatException e) {
            throw new ConfigException("--set", path, "'" + part + "' is not a list index");
        }
    }

    /** Keys of a section as a name → key map (for protocol factories). */
    static Map<String, Key> keyMap(Section s) {
        Map<String, Key> m = new LinkedHashMap<>();
        s.keys().forEach(k -> m.put(k.name(), k));
        return m;
    }
}
