package org.lnsim.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.lnsim.engine.payment.RoutingProtocol;
import org.lnsim.experiments.ConfigSchema.Section;
import org.lnsim.network.ChannelGraph;
import org.lnsim.protocols.ant.AntRouting;
import org.lnsim.protocols.ant.AntSettings;
import org.lnsim.protocols.beacon.BeaconRouting;
import org.lnsim.protocols.beacon.BeaconSettings;
import org.lnsim.protocols.cloth.ClothRouting;
import org.lnsim.protocols.cloth.ClothSettings;
import org.lnsim.protocols.ldk.LdkRouting;
import org.lnsim.protocols.ldk.LdkSettings;
import org.lnsim.protocols.lnd.LndRouting;
import org.lnsim.protocols.lnd.LndSettings;
import org.lnsim.protocols.pickhardt.PickhardtRouting;
import org.lnsim.protocols.pickhardt.PickhardtSettings;
import org.lnsim.protocols.routing.EdgeRecords;
import org.lnsim.protocols.settings.ProtocolSettings;
import org.lnsim.protocols.settings.ProtocolSpec;
import org.lnsim.protocols.settings.SharedWork;
import org.lnsim.protocols.settings.Values;
import org.lnsim.protocols.source.OracleRouting;
import org.lnsim.protocols.source.OracleSettings;
import org.lnsim.protocols.source.PayLoopProtocol;
import org.lnsim.protocols.source.SourceRouting;
import org.lnsim.protocols.source.SourceSettings;
import org.lnsim.results.run.RunColumns;

/**
 * The protocols an experiment can name: each protocol's {@link ProtocolSpec} (its keys, defaults and settings
 * record, declared with the protocol) and how to build it for a run from its settings. Adding a scheme to lnsim
 * means one entry here besides the protocol's own classes; the engine is untouched.
 */
public final class ProtocolRegistry {
    /** Builds a protocol for one run from its settings. */
    @FunctionalInterface
    interface Factory<S extends ProtocolSettings> {
        RoutingProtocol create(S settings, Run run);
    }

    private record Registered<S extends ProtocolSettings>(ProtocolSpec<S> spec, Factory<S> factory) {
        /** The entry of resolved values; the record's own checks throw IllegalArgumentException. */
        Entry entry(Values values, ObjectNode config) {
            S settings = spec.from(values);
            return new Entry(spec.name(), values.get(ProtocolSettings.LABEL), settings, config,
                    run -> factory.create(settings, run));
        }
    }

    private static final Map<String, Registered<?>> REGISTERED = new LinkedHashMap<>();

    static {
        register(SourceSettings.SPEC, (s, run) -> s.split().apply(new SourceRouting(run.get(PayLoopProtocol.ROUTER),
                s.pay(), s.updatesPerChannelPerDay())));
        register(OracleSettings.SPEC, (s, run) -> s.split().apply(new OracleRouting(run.get(PayLoopProtocol.ROUTER),
                s.pay())));
        register(BeaconSettings.SPEC, (s, run) -> s.split().apply(new BeaconRouting(run.get(PayLoopProtocol.ROUTER),
                s.pay(), s.options(), run.get(s.paths()))));
        register(AntSettings.SPEC, (s, run) -> new AntRouting(run.graph(), s));
        register(AntSettings.SELECTIVE_SPEC, (s, run) -> new AntRouting(run.graph(), s));
        register(LndSettings.SPEC, (s, run) -> s.split().apply(new LndRouting(run.graph(), run.get(EdgeRecords.SHARED), s)));
        register(LndSettings.BIMODAL_SPEC, (s, run) -> s.split().apply(new LndRouting(run.graph(), run.get(EdgeRecords.SHARED), s)));
        register(LdkSettings.SPEC, (s, run) -> new LdkRouting(run.graph(), run.get(EdgeRecords.SHARED), s));
        register(PickhardtSettings.SPEC, (s, run) -> new PickhardtRouting(run.graph(), s));
        register(ClothSettings.SPEC, (s, run) -> new ClothRouting(run.graph(), run.get(EdgeRecords.SHARED), s));
    }

    private static <S extends ProtocolSettings> void register(ProtocolSpec<S> spec, Factory<S> factory) {
        if (REGISTERED.put(spec.name(), new Registered<>(spec, factory)) != null) {
            throw new IllegalStateException("protocol '" + spec.name() + "' registered twice");
        }
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

    /** One resolved entry of {@code protocols}: which protocol, its label and settings, and how to build it. */
    public static final class Entry {
        private final String protocol;
        private final String label;
        private final ProtocolSettings settings;
        private final ObjectNode config;
        private final Function<Run, RoutingProtocol> build;

        private Entry(String protocol, String label, ProtocolSettings settings, ObjectNode config,
                      Function<Run, RoutingProtocol> build) {
            this.protocol = protocol;
            this.label = label;
            this.settings = settings;
            this.config = config.deepCopy();
            this.build = build;
        }

        /** The protocol's name ({@code source}, {@code ant.selective}, …). */
        public String protocol() {
            return protocol;
        }

        /** The entry's label, or null. */
        public String label() {
            return label;
        }

        public ProtocolSettings settings() {
            return settings;
        }

        /**
         * The name the entry runs under in the results: its {@code label} when given, else the protocol's plus its
         * variant ({@code +cl}, {@code +lnd-halving+amp}).
         */
        public String displayName() {
            return label != null ? label : protocol + settings.variant();
        }

        /** The resolved entry as a tree (name first, then every key), for {@code manifest.json}; a copy. */
        ObjectNode config() {
            return config.deepCopy();
        }

        /** Builds the protocol for this run. */
        RoutingProtocol create(Run run) {
            return build.apply(run);
        }
    }

    /**
     * What the protocols of one run share: the network, and work several of them need (the hybrid router, beacon
     * paths), done once per run for the most demanding entry. Each entry's settings announce their work
     * ({@link ProtocolSettings#sharedWork()}) when the run is made; results are computed on first request.
     */
    public static final class Run implements SharedWork.Pool {
        private final ChannelGraph graph;
        private final Map<Object, SharedWork<?>> announced = new HashMap<>();
        private final Map<Object, Done<?>> done = new HashMap<>();

        private record Done<T>(SharedWork<T> work, T result) {
        }

        /** @param entries the run's protocols, whose announced work is merged so it is done once */
        public Run(ChannelGraph graph, List<Entry> entries) {
            this.graph = graph;
            for (Entry e : entries) {
                for (SharedWork<?> w : e.settings().sharedWork()) {
                    announced.merge(w.key(), w, Run::merge);
                }
            }
        }

        public ChannelGraph graph() {
            return graph;
        }

        /**
         * The result of the merged work with {@code work}'s key, computed on the first request; recomputed only if
         * {@code work} asks for more than the run announced (then for the merge of both).
         */
        @Override
        public synchronized <T> T get(SharedWork<T> work) {
            @SuppressWarnings("unchecked")
            SharedWork<T> known = (SharedWork<T>) announced.get(work.key());
            SharedWork<T> need = known == null ? work : known.merge(work);
            announced.put(work.key(), need);
            @SuppressWarnings("unchecked")
            Done<T> d = (Done<T>) done.get(work.key());
            if (d == null || !d.work().equals(need)) {
                d = new Done<>(need, need.compute(graph));
                done.put(work.key(), d);
            }
            return d.result();
        }

        @SuppressWarnings("unchecked")
        private static <T> SharedWork<?> merge(SharedWork<?> a, SharedWork<?> b) {
            return ((SharedWork<T>) a).merge((SharedWork<T>) b);
        }
    }

    /** Every protocol's spec, in registration order (the reference's order). */
    public static List<ProtocolSpec<?>> specs() {
        List<ProtocolSpec<?>> all = new ArrayList<>();
        REGISTERED.values().forEach(r -> all.add(r.spec()));
        return all;
    }

    /** Resolves the {@code protocols} list (default: source and oracle), each entry against its protocol's keys. */
    static List<Entry> resolve(JsonNode list, String source) throws ConfigException {
        List<Entry> out = new ArrayList<>();
        if (list == null || list.isNull()) {
            for (String name : List.of(SourceRouting.NAME, OracleRouting.NAME)) {
                out.add(resolveEntry(JsonNodeFactory.instance.objectNode().put("name", name), "protocols", source));
            }
            return out;
        }
        if (!list.isArray() || list.isEmpty()) {
            throw new ConfigException(source, "protocols", "expected a non-empty list of protocols");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = list.get(i);
            if (item.isTextual()) {
                item = JsonNodeFactory.instance.objectNode().put("name", item.textValue());
            }
            Entry resolved = resolveEntry(item, "protocols." + i, source);
            if (!names.add(resolved.displayName())) {
                throw new ConfigException(source, "protocols." + i, "protocol '" + resolved.displayName()
                        + "' is listed twice");
            }
            out.add(resolved);
        }
        return out;
    }

    /**
     * A label names rows and columns of every CSV and Markdown table of the run: a comma, a double quote, a {@code |}
     * or a control character (a newline) would split a field or a table cell (issue 21, defect 4: {@code "a,b"} gave a
     * 28-field row in a 27-column payments.csv), so such labels are refused here rather than escaped in every writer.
     */
    private static void checkLabel(String label, String path, String source) throws ConfigException {
        if (label == null) {
            return;
        }
        if (label.isBlank() || !label.strip().equals(label)) {
            throw new ConfigException(source, path + ".label", "a label must be non-empty without leading or "
                    + "trailing spaces, got '" + label + "'");
        }
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            if (c == ',' || c == '"' || c == '|' || Character.isISOControl(c)) {
                throw new ConfigException(source, path + ".label", "a label may not contain commas, double quotes, "
                        + "'|' or control characters (it names CSV fields and table cells), got "
                        + (Character.isISOControl(c) ? "a control character (code " + (int) c + ")" : "'" + c + "'")
                        + " at position " + i);
            }
        }
    }

    private static Entry resolveEntry(JsonNode item, String path, String source) throws ConfigException {
        if (!item.isObject() || !item.path("name").isTextual()) {
            throw new ConfigException(source, path, "each protocol needs a 'name' (one of "
                    + String.join(", ", REGISTERED.keySet()) + ")");
        }
        String name = item.get("name").textValue();
        Registered<?> r = REGISTERED.get(name);
        if (r == null) {
            throw new ConfigException(source, path + ".name", "'" + name + "' is not one of "
                    + String.join(", ", REGISTERED.keySet()));
        }
        ObjectNode rest = ((ObjectNode) item).deepCopy();
        rest.remove("name");
        Section keys = new Section(name, r.spec().doc(), r.spec().keys(), List.of());
        ObjectNode out = JsonNodeFactory.instance.objectNode().put("name", name);
        out.setAll(ConfigSchema.resolveSection(rest, keys, path, source, List.of()));
        checkLabel(out.path("label").textValue(), path, source);
        try {
            return r.entry(ConfigSchema.values(keys, out, path), out);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source, path, e.getMessage());
        }
    }
}
