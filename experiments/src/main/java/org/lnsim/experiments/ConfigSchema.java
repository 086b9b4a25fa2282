package org.lnsim.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.lnsim.network.generate.WattsStrogatzGenerator;
import org.lnsim.protocols.settings.Key;
import org.lnsim.protocols.settings.Key.Kind;
import org.lnsim.protocols.settings.ProtocolSpec;
import org.lnsim.protocols.settings.Values;
import org.lnsim.results.run.RunAnalysis;

/**
 * The schema of an experiment configuration and its resolution into typed settings. Every key is a {@link Key}
 * declared once, next to the settings record that reads it ({@link ExperimentSettings}, {@link NetworkSettings},
 * {@link EngineSettings}, {@link WorkloadSettings}, and each protocol's record in {@code protocols}, registered in
 * {@link ProtocolRegistry}); this class arranges them into sections, checks a user's tree against them (kinds,
 * bounds, choices, unknown keys), fills in the defaults, and hands each record its section's {@link Values}.
 * {@link #reference()} renders the documented reference file from the same keys.
 */
public final class ConfigSchema {
    /** A mapping of keys and sub-sections. */
    public record Section(String name, String doc, List<Key<?>> keys, List<Section> sections) {
        public Section {
            keys = List.copyOf(keys);
            sections = List.copyOf(sections);
        }

        Key<?> key(String n) {
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

    /** Top-level keys of a sweep file ({@code lnsim sweep}), refused by a single run. */
    public static final List<String> SWEEP_KEYS = List.of("sweep", "replications", "plots");

    /** The top level (everything but {@code protocols}, which {@link ProtocolRegistry} describes). */
    public static final Section ROOT = new Section("", "lnsim experiment configuration",
            List.of(ExperimentSettings.SEED, ReplicationSettings.INDEX), List.of(NetworkSettings.SECTION, EngineSettings.Balances.SECTION,
            EngineSettings.Latency.SECTION, EngineSettings.Churn.SECTION, WorkloadSettings.SECTION,
            ExperimentSettings.ANALYSIS, EngineSettings.Rules.SECTION, EngineSettings.Policies.SECTION));

    private ConfigSchema() {
    }

    /**
     * Checks {@code user} against the schema, fills in every default and returns the typed settings; the resolved
     * tree they keep ({@link ExperimentSettings#config()}) resolves to the same settings again.
     *
     * @param source name of the file or option the tree came from, for messages
     * @throws ConfigException naming the source, the key and what is wrong (with the valid choices or range)
     */
    public static ExperimentSettings resolve(JsonNode user, String source) throws ConfigException {
        JsonNode tree = user == null || user.isNull() || user.isMissingNode() ? JsonNodeFactory.instance.objectNode() : user;
        if (!tree.isObject()) {
            throw new ConfigException(source, "", "expected a mapping of keys at the top level");
        }
        for (String sweepKey : SWEEP_KEYS) {
            if (tree.has(sweepKey)) {
                throw new ConfigException(source, sweepKey, "belongs to a sweep: run this file with 'lnsim sweep' "
                        + "(a single run takes 'replication' and 'vary' instead)");
            }
        }
        ObjectNode copy = ((ObjectNode) tree).deepCopy();
        JsonNode protocols = copy.remove("protocols");
        JsonNode vary = copy.remove(ReplicationSettings.VARY);
        ObjectNode out = resolveSection(copy, ROOT, "", source, List.of("protocols", ReplicationSettings.VARY));
        out.set(ReplicationSettings.VARY, ReplicationSettings.resolveVary(vary, source));
        String network = NetworkSettings.SECTION.name();
        String generate = NetworkSettings.GENERATE.name();
        JsonNode userGenerate = tree.path(network).path(generate);
        if (out.get(network).hasNonNull(NetworkSettings.FILE.name()) && !userGenerate.isMissingNode()
                && !userGenerate.isNull() && !restatesDefaults(userGenerate, source)) {
            throw new ConfigException(source, network, "give either 'file' or 'generate', not both");
        }
        resolveModel((ObjectNode) out.get(network).get(generate), userGenerate, source);
        if (out.get(network).hasNonNull(NetworkSettings.FILE.name())
                && ReplicationSettings.vary(out.get(ReplicationSettings.VARY)).contains(
                ReplicationSettings.Vary.NETWORK)) {
            throw new ConfigException(source, ReplicationSettings.VARY, "'network' re-draws a generated network, but "
                    + "this network is read from a file");
        }
        List<ProtocolRegistry.Entry> entries = ProtocolRegistry.resolve(protocols, source);
        ArrayNode list = out.putArray("protocols");
        entries.forEach(e -> list.add(e.config()));
        return settings(out, entries, source);
    }

    /**
     * Whether a {@code network.generate} section given beside {@code network.file} only restates the defaults, as the
     * resolved tree of a file network does (manifest.json keeps it whole): it is then no second network, and that tree
     * resolves to itself again (the fuzz test found it refused with "give either 'file' or 'generate'"). Numbers
     * compare by value, as a tree read back from JSON holds ints where resolution made longs.
     */
    private static boolean restatesDefaults(JsonNode userGenerate, String source) throws ConfigException {
        ObjectNode dflt = resolveSection(JsonNodeFactory.instance.objectNode(), NetworkSettings.GENERATE,
                "network.generate", source, List.of());
        resolveModel(dflt, com.fasterxml.jackson.databind.node.MissingNode.getInstance(), source);
        return userGenerate.equals((a, b) -> a.isNumber() && b.isNumber()
                ? a.decimalValue().compareTo(b.decimalValue()) : a.equals(b) ? 0 : 1, dflt);
    }

    /** The typed settings of a resolved tree: each record reads its section's values by key. */
    private static ExperimentSettings settings(ObjectNode c, List<ProtocolRegistry.Entry> protocols, String source)
            throws ConfigException {
        Values root = values(ROOT, c, "");
        long seed = root.get(ExperimentSettings.SEED);
        ReplicationSettings replication = new ReplicationSettings(root.get(ReplicationSettings.INDEX),
                ReplicationSettings.vary(c.get(ReplicationSettings.VARY)));
        JsonNode network = c.get(NetworkSettings.SECTION.name());
        JsonNode workload = c.get(WorkloadSettings.SECTION.name());
        return new ExperimentSettings(seed, replication,
                NetworkSettings.from(values(NetworkSettings.SECTION, network, "network"),
                        child(network, NetworkSettings.GENERATE, "network"), seed, replication, source),
                EngineSettings.from(child(c, EngineSettings.Balances.SECTION, ""),
                        child(c, EngineSettings.Latency.SECTION, ""), child(c, EngineSettings.Churn.SECTION, ""),
                        child(c, EngineSettings.Rules.SECTION, ""), child(c, EngineSettings.Policies.SECTION, "")),
                WorkloadSettings.from(values(WorkloadSettings.SECTION, workload, "workload"),
                        child(workload, WorkloadSettings.AMOUNT, "workload"),
                        child(workload, WorkloadSettings.ENDPOINTS, "workload"), source),
                child(c, ExperimentSettings.ANALYSIS, "").get(ExperimentSettings.FEASIBILITY_BOUND),
                new RunAnalysis(child(c, ExperimentSettings.ANALYSIS, "").get(ExperimentSettings.WINDOW_PAYMENTS),
                        child(c, ExperimentSettings.ANALYSIS, "").get(ExperimentSettings.WARMUP_PAYMENTS)),
                protocols, c);
    }

    private static Values child(JsonNode parent, Section s, String parentPath) {
        return values(s, parent.get(s.name()), join(parentPath, s.name()));
    }

    /** The values of a resolved section's keys, typed by kind; read by key. */
    static Values values(Section s, JsonNode resolved, String path) {
        Map<Key<?>, Object> m = new HashMap<>();
        for (Key<?> k : s.keys()) {
            m.put(k, typed(k, resolved.get(k.name())));
        }
        return new SectionValues(path, Collections.unmodifiableMap(m));
    }

    /** A resolved section's values by key; asking for a key the section does not hold is a programming error. */
    private record SectionValues(String path, Map<Key<?>, Object> values) implements Values {
        @Override
        public <T> T get(Key<T> key) {
            if (!values.containsKey(key)) {
                throw new IllegalArgumentException("'" + key.name() + "' is not a key of "
                        + (path.isEmpty() ? "the top level" : "'" + path + "'"));
            }
            @SuppressWarnings("unchecked")
            T v = (T) values.get(key);
            return v;
        }
    }

    private static Object typed(Key<?> k, JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        return switch (k.kind()) {
            case INT -> v.intValue();
            case LONG -> v.longValue();
            case DOUBLE -> v.doubleValue();
            case BOOL -> v.booleanValue();
            case STRING, CHOICE -> v.textValue();
        };
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
        String model = gen.get(NetworkSettings.MODEL.name()).textValue();
        boolean ws = model.equals(NetworkSettings.MODEL_WS);
        String other = ws ? NetworkSettings.MODEL_MCP : NetworkSettings.MODEL_WS;
        for (Key<?> key : ws ? NetworkSettings.MCP_KEYS : NetworkSettings.WS_KEYS) {
            if (user.hasNonNull(key.name())) {
                throw new ConfigException(source, "network.generate." + key.name(), "applies only to model " + other
                        + ", not to model " + model + " (leave it out, or clear it with --set network.generate."
                        + key.name() + "=)");
            }
            gen.putNull(key.name());
        }
        if (!ws) {
            return;
        }
        String nodes = NetworkSettings.NODES.name();
        String k = NetworkSettings.K.name();
        if (gen.get(nodes).isNull()) {
            throw new ConfigException(source, "network.generate." + nodes, "required when model is "
                    + NetworkSettings.MODEL_WS);
        }
        if (gen.get(k).isNull()) {
            gen.put(k, (long) WattsStrogatzGenerator.DEFAULT_K);
        }
        if (gen.get(NetworkSettings.P.name()).isNull()) {
            gen.put(NetworkSettings.P.name(), WattsStrogatzGenerator.DEFAULT_P);
        }
        if (gen.get(NetworkSettings.CAPACITY_SAT.name()).isNull()) {
            gen.put(NetworkSettings.CAPACITY_SAT.name(), WattsStrogatzGenerator.DEFAULT_CAPACITY_SAT);
        }
        long n = gen.get(nodes).longValue();
        long degree = gen.get(k).longValue();
        if (degree % 2 != 0) {
            throw new ConfigException(source, "network.generate.k", "the mean degree must be even, got " + degree);
        }
        if (n < degree + 1) {
            throw new ConfigException(source, "network.generate.nodes", "must be at least k + 1 = " + (degree + 1)
                    + ", got " + n);
        }
        if (n * degree / 2 > WattsStrogatzGenerator.MAX_CHANNELS) {
            throw new ConfigException(source, "network.generate.nodes", "nodes × k / 2 = " + n * degree / 2
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
        for (Key<?> k : schema.keys()) {
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

    private static JsonNode value(Key<?> k, JsonNode v, String path, String source) throws ConfigException {
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

    private static String range(Key<?> k) {
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
        sb.append("# ").append(ReplicationSettings.VARY_DOC).append('\n');
        sb.append(ReplicationSettings.VARY).append(": [");
        sb.append(String.join(", ", ReplicationSettings.DEFAULT_VARY.stream().map(ReplicationSettings.Vary::key)
                .toList())).append("]\n");
        sb.append("\n# lnsim sweep only (a single run refuses them; see README, Sweeps):\n");
        sb.append("# sweep:          axes over any key: {KEY: [v1, v2], ...} is a grid; a list [{K1: [..], K2: [..]}, ...] "
                + "zips the keys of each entry and crosses the entries; NAME.key sets a protocol's key\n");
        sb.append("# replications:   runs per cell (default 1), replication r on the seed of stream 'replication.r'\n");
        sb.append("# plots:          figures drawn from the sweep's aggregate.csv (lnsim plot --help)\n");
        sb.append("\n# The protocols to compare, each with its own keys (defaults shown). Default: source and oracle.\n");
        sb.append("protocols:\n");
        for (ProtocolSpec<?> spec : ProtocolRegistry.specs()) {
            sb.append("  # ").append(spec.doc()).append('\n');
            sb.append("  - name: ").append(spec.name()).append('\n');
            for (Key<?> k : spec.keys()) {
                renderKey(sb, k, 4);
            }
        }
        return sb.toString();
    }

    private static void renderSection(StringBuilder sb, Section s, int indent) {
        for (Key<?> k : s.keys()) {
            renderKey(sb, k, indent);
        }
        for (Section sub : s.sections()) {
            sb.append(" ".repeat(indent)).append("# ").append(sub.doc()).append('\n');
            sb.append(" ".repeat(indent)).append(sub.name()).append(":\n");
            renderSection(sb, sub, indent + 2);
        }
    }

    private static void renderKey(StringBuilder sb, Key<?> k, int indent) {
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
            YamlChecks.check(text, "--set", path);
            JsonNode value;
            try {
                value = text.isBlank() ? JsonNodeFactory.instance.nullNode() : yaml.readTree(text);
            } catch (java.io.IOException e) {
                throw new ConfigException("--set", path, "cannot parse value '" + text + "'");
            }
            set(tree, path, value, "--set");
        }
    }

    /**
     * Sets the key at a dotted {@code path} (list items by index) to {@code value}, making missing sections on the
     * way: what {@code --set} and sweep axes do to a configuration tree before it is resolved.
     *
     * @param source what the path came from, for messages ({@code --set}, a sweep axis)
     */
    public static void set(ObjectNode tree, String path, JsonNode value, String source) throws ConfigException {
        String[] parts = path.split("\\.", -1);
        for (String part : parts) {
            if (part.isEmpty()) {
                // "." or "a..b" split into no or empty names (an ArrayIndexOutOfBoundsException, found by fuzzing)
                throw new ConfigException(source, path, "not a key path: names joined by single dots are expected");
            }
        }
        JsonNode node = tree;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode next = child(node, parts[i], source);
            if (next == null || next.isNull()) {
                if (!node.isObject()) {
                    throw new ConfigException(source, path, "'" + parts[i] + "' is not an index of a list");
                }
                next = ((ObjectNode) node).putObject(parts[i]);
            }
            if (!next.isContainerNode()) {
                throw new ConfigException(source, path, "'" + parts[i] + "' is not a section");
            }
            node = next;
        }
        String last = parts[parts.length - 1];
        if (node.isObject()) {
            ((ObjectNode) node).set(last, value);
        } else {
            int idx = index(last, path, source);
            ArrayNode arr = (ArrayNode) node;
            if (idx >= arr.size()) {
                throw new ConfigException(source, path, "list has only " + arr.size() + " entries");
            }
            arr.set(idx, value);
        }
    }

    private static JsonNode child(JsonNode node, String part, String source) throws ConfigException {
        if (node.isArray()) {
            int idx = index(part, part, source);
            return idx < node.size() ? node.get(idx) : null;
        }
        return node.get(part);
    }

    private static int index(String part, String path, String source) throws ConfigException {
        try {
            return Integer.parseInt(part);
        } catch (NumberFormatException e) {
            throw new ConfigException(source, path, "'" + part + "' is not a list index");
        }
    }
}
