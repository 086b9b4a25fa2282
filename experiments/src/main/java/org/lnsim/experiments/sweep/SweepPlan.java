package org.lnsim.experiments.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lnsim.experiments.ConfigException;
import org.lnsim.experiments.ConfigSchema;
import org.lnsim.experiments.Configs;
import org.lnsim.experiments.ExperimentSettings;
import org.lnsim.experiments.ReplicationSettings;

/**
 * A sweep: an experiment file's {@code sweep:} axes expanded into cells, each cell's {@code replications} into units,
 * every unit resolved to the settings of an ordinary run. Nothing runs here; {@code lnsim sweep --list} prints a plan.
 *
 * <p>The {@code sweep:} section is either a mapping, each key its own axis, the cells being the product of the axes
 * (the first axis varies slowest), or a list of axes, each a mapping of one or more keys with equally long value
 * lists: keys of one entry move together (zipped), entries are crossed. A key is a configuration path as
 * {@code --set} takes it ({@code workload.amount.sat}, {@code protocols.0.radius}, {@code protocols} for the whole
 * list), or {@code NAME.key} for the key of every protocol entry whose name or label is NAME
 * ({@code beacon.radius}).
 *
 * <p>Units are numbered cell by cell, replications inside: unit {@code c03-r1} is cell 3's replication 1; its
 * settings are the file's, the cell's axis values set, and {@code replication: 1} ({@link ReplicationSettings}), so
 * {@code lnsim run FILE-without-sweep --set ... --set replication=1} reruns it alone. Immutable.
 */
public final class SweepPlan {
    /** One axis: its keys (one, or several zipped) and its rows of values, one value per key in each row. */
    public record Axis(List<String> keys, List<List<JsonNode>> rows) {
        public Axis {
            keys = List.copyOf(keys);
            rows = rows.stream().map(List::copyOf).toList();
        }
    }

    /** A point of the axes: id ({@code c03}), position, and the value each axis key takes, in axis order. */
    public record Cell(String id, int index, Map<String, JsonNode> values) {
        public Cell {
            values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }

        /** The value of each axis key as text: a scalar as written, a list or mapping as compact JSON. */
        public LinkedHashMap<String, String> valueTexts() {
            LinkedHashMap<String, String> out = new LinkedHashMap<>();
            values.forEach((k, v) -> out.put(k, text(v)));
            return out;
        }
    }

    /** A cell's replication: what one ordinary run does. */
    public record Unit(String id, Cell cell, int replication, long seed, ExperimentSettings settings) {
    }

    /** Default limit on the units of a sweep run without {@code --yes}. */
    public static final int DEFAULT_MAX_UNITS = 10_000;
    private static final String SOURCE_AXIS = "sweep";

    private final Configs.Tree file;
    private final String source;
    private final Path baseDir;
    private final List<Axis> axes;
    private final int replications;
    private final JsonNode plots;
    private final List<Cell> cells;
    private final List<Unit> units;
    private final Map<String, List<String>> paths;

    private SweepPlan(Configs.Tree file, String source, Path baseDir, List<Axis> axes, int replications,
                      JsonNode plots, List<Cell> cells, List<Unit> units, Map<String, List<String>> paths) {
        this.file = file;
        this.paths = Map.copyOf(paths);
        this.source = source;
        this.baseDir = baseDir;
        this.axes = List.copyOf(axes);
        this.replications = replications;
        this.plots = plots;
        this.cells = List.copyOf(cells);
        this.units = List.copyOf(units);
    }

    /**
     * Expands and resolves a sweep file: every unit's settings are resolved here, so a wrong axis key or value is
     * reported (naming the axis and the cell) before anything runs.
     *
     * @param maxUnits refuse more cells × replications than this (the caller's {@code --yes} lifts it)
     */
    public static SweepPlan of(Configs.Tree file, long maxUnits) throws ConfigException {
        String source = file.source();
        ObjectNode base = file.tree();
        JsonNode sweep = base.remove("sweep");
        JsonNode reps = base.remove("replications");
        JsonNode plots = base.remove("plots");
        if (base.has(ReplicationSettings.INDEX.name())) {
            throw new ConfigException(source, ReplicationSettings.INDEX.name(), "is set by lnsim sweep for each unit; "
                    + "give 'replications: N' instead");
        }
        int replications = 1;
        if (reps != null && !reps.isNull()) {
            if (!reps.isIntegralNumber() || reps.longValue() < 1 || reps.longValue() > 100_000) {
                throw new ConfigException(source, "replications", "expected a whole number in [1, 100000], found "
                        + reps);
            }
            replications = reps.intValue();
        }
        List<Axis> axes = axes(sweep, base, source);
        List<String> axisKeys = new ArrayList<>();
        axes.forEach(a -> axisKeys.addAll(a.keys()));
        if (plots != null && !plots.isNull()) {
            try {
                org.lnsim.results.plot.PlotSpec.parse(plots, source, axisKeys);
            } catch (org.lnsim.results.plot.PlotSpecException e) {
                String m = e.getMessage();
                throw new ConfigException(source, null, m.startsWith(source + ": ") ? m.substring(source.length() + 2)
                        : m);
            }
        }
        long cellCount = 1;
        for (Axis a : axes) {
            cellCount *= a.rows().size();
            if (cellCount * replications > maxUnits) {
                throw new ConfigException(source, SOURCE_AXIS, "more than " + maxUnits + " units (cells × "
                        + "replications); give --yes to run them, or --max-units to raise the limit");
            }
        }
        Map<String, List<String>> paths = new LinkedHashMap<>();
        for (String k : axisKeys) {
            paths.put(k, paths(k, base, source));
        }
        int width = Math.max(2, String.valueOf(cellCount - 1).length());
        List<Cell> cells = new ArrayList<>();
        List<Unit> units = new ArrayList<>();
        for (int c = 0; c < cellCount; c++) {
            LinkedHashMap<String, JsonNode> values = new LinkedHashMap<>();
            int rest = c;
            int[] pick = new int[axes.size()];
            for (int a = axes.size() - 1; a >= 0; a--) {
                pick[a] = rest % axes.get(a).rows().size();
                rest /= axes.get(a).rows().size();
            }
            for (int a = 0; a < axes.size(); a++) {
                Axis axis = axes.get(a);
                for (int k = 0; k < axis.keys().size(); k++) {
                    values.put(axis.keys().get(k), axis.rows().get(pick[a]).get(k));
                }
            }
            String id = "c" + "0".repeat(width - String.valueOf(c).length()) + c;
            Cell cell = new Cell(id, c, values);
            cells.add(cell);
            ObjectNode tree = base.deepCopy();
            for (Map.Entry<String, JsonNode> e : values.entrySet()) {
                for (String path : paths.get(e.getKey())) {
                    ConfigSchema.set(tree, path, e.getValue().deepCopy(), axisSource(e.getKey(), e.getValue(), id));
                }
            }
            for (int r = 0; r < replications; r++) {
                tree.put(ReplicationSettings.INDEX.name(), r);
                ExperimentSettings settings;
                try {
                    settings = ConfigSchema.resolve(tree, source);
                } catch (ConfigException ex) {
                    // blame the axis whose value set the failing key, as --set errors blame the --set
                    String key = ex.key() == null ? "" : ex.key();
                    for (Map.Entry<String, JsonNode> e : values.entrySet()) {
                        for (String path : paths.get(e.getKey())) {
                            if (!key.isEmpty() && (key.equals(path) || key.startsWith(path + "."))) {
                                throw new ConfigException(source + ", " + axisSource(e.getKey(), e.getValue(), id),
                                        key, ex.detail());
                            }
                        }
                    }
                    String why = ex.getMessage().startsWith(source + ": ")
                            ? ex.getMessage().substring(source.length() + 2) : ex.getMessage();
                    throw new ConfigException(source, null, "cell " + id + " (" + describe(cell) + "): " + why);
                }
                units.add(new Unit(id + "-r" + r, cell, r, ReplicationSettings.seed(settings.seed(), r), settings));
            }
        }
        return new SweepPlan(file, source, file.baseDir(), axes, replications, plots, cells, units, paths);
    }

    private static String axisSource(String key, JsonNode value, String cell) {
        return "sweep axis " + key + " = " + text(value) + " (cell " + cell + ")";
    }

    /** The axes of the {@code sweep:} section (none: the file is one cell). */
    private static List<Axis> axes(JsonNode sweep, ObjectNode base, String source) throws ConfigException {
        List<Axis> out = new ArrayList<>();
        if (sweep == null || sweep.isNull()) {
            return out;
        }
        if (sweep.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = sweep.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                ObjectNode one = JsonNodeFactory.instance.objectNode();
                one.set(e.getKey(), e.getValue());
                out.add(axis(one, base, source, "sweep." + e.getKey()));
            }
        } else if (sweep.isArray()) {
            for (int i = 0; i < sweep.size(); i++) {
                JsonNode entry = sweep.get(i);
                if (!entry.isObject() || entry.isEmpty()) {
                    throw new ConfigException(source, "sweep." + i, "expected a mapping of axis keys to value lists");
                }
                out.add(axis((ObjectNode) entry, base, source, "sweep." + i));
            }
        } else {
            throw new ConfigException(source, SOURCE_AXIS, "expected a mapping of axis keys to value lists, or a list "
                    + "of such mappings (keys of one mapping move together)");
        }
        List<String> seen = new ArrayList<>();
        for (Axis a : out) {
            for (String k : a.keys()) {
                if (seen.contains(k)) {
                    throw new ConfigException(source, SOURCE_AXIS, "axis key '" + k + "' appears twice");
                }
                seen.add(k);
            }
        }
        return out;
    }

    private static Axis axis(ObjectNode entry, ObjectNode base, String source, String where) throws ConfigException {
        List<String> keys = new ArrayList<>();
        List<JsonNode> lists = new ArrayList<>();
        int length = -1;
        for (Iterator<Map.Entry<String, JsonNode>> it = entry.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            JsonNode values = e.getValue();
            if (!values.isArray()) {
                throw new ConfigException(source, where.equals("sweep." + key) ? where : where + "." + key,
                        "expected a list of values, found " + (values.isObject() ? "a mapping" : values.toString()));
            }
            if (values.isEmpty()) {
                throw new ConfigException(source, where.equals("sweep." + key) ? where : where + "." + key,
                        "the axis is empty: give at least one value");
            }
            if (length >= 0 && values.size() != length) {
                throw new ConfigException(source, where, "zipped keys need lists of one length: '" + keys.get(0)
                        + "' has " + length + " values, '" + key + "' " + values.size());
            }
            length = values.size();
            paths(key, base, source); // checks the key names something
            keys.add(key);
            lists.add(values);
        }
        List<List<JsonNode>> rows = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            List<JsonNode> row = new ArrayList<>();
            for (JsonNode l : lists) {
                row.add(l.get(i));
            }
            rows.add(row);
        }
        return new Axis(keys, rows);
    }

    /**
     * The configuration paths an axis key sets: itself when its first part is a top-level key or section
     * ({@code workload.amount.sat}, {@code protocols.0.radius}); else {@code protocols.i.rest} for every protocol
     * entry whose name or label is its first part ({@code beacon.radius}).
     */
    static List<String> paths(String key, ObjectNode base, String source) throws ConfigException {
        String first = key.contains(".") ? key.substring(0, key.indexOf('.')) : key;
        List<String> top = new ArrayList<>(List.of("protocols", ReplicationSettings.VARY));
        ConfigSchema.ROOT.keys().forEach(k -> top.add(k.name()));
        ConfigSchema.ROOT.sections().forEach(s -> top.add(s.name()));
        if (top.contains(first)) {
            if (first.equals(ReplicationSettings.INDEX.name())) {
                throw new ConfigException(source, "sweep." + key, "replications are set with 'replications: N', "
                        + "not swept");
            }
            return List.of(key);
        }
        List<String> out = new ArrayList<>();
        List<String> names = new ArrayList<>();
        JsonNode protocols = base.path("protocols");
        for (int i = 0; i < protocols.size(); i++) {
            JsonNode p = protocols.get(i);
            String name = p.isTextual() ? p.textValue() : p.path("name").asText();
            String label = p.path("label").asText(null);
            names.add(label == null ? name : name + " (" + label + ")");
            if (key.contains(".") && (first.equals(name) || first.equals(label))) {
                if (p.isTextual()) {
                    throw new ConfigException(source, "sweep." + key, "protocol entry " + i + " is written as a "
                            + "bare name; write it as {name: " + name + "} to sweep its keys");
                }
                out.add("protocols." + i + key.substring(first.length()));
            }
        }
        if (out.isEmpty()) {
            throw new ConfigException(source, "sweep." + key, "unknown axis key: not a configuration key (top level: "
                    + String.join(", ", top) + ") nor NAME.key of a protocol of this file (protocols: "
                    + (names.isEmpty() ? "none listed" : String.join(", ", names)) + ")");
        }
        return out;
    }

    static String text(JsonNode v) {
        return v.isValueNode() ? v.asText() : v.toString();
    }

    static String describe(Cell cell) {
        if (cell.values().isEmpty()) {
            return "no axes";
        }
        List<String> parts = new ArrayList<>();
        cell.valueTexts().forEach((k, v) -> parts.add(k + " = " + v));
        return String.join(", ", parts);
    }

    public String source() {
        return source;
    }

    /** The file this plan was expanded from (after {@code --set}), as given: sweep.json keeps it for lnsim merge. */
    public Configs.Tree file() {
        return file;
    }

    /** The configuration paths an axis key of this plan sets (protocol keys expanded to each matching entry). */
    public List<String> paths(String axisKey) {
        return List.copyOf(paths.get(axisKey));
    }

    public Path baseDir() {
        return baseDir;
    }

    public List<Axis> axes() {
        return axes;
    }

    /** The axis keys in axis order (zipped keys side by side): the columns of cells.csv. */
    public List<String> axisKeys() {
        List<String> keys = new ArrayList<>();
        axes.forEach(a -> keys.addAll(a.keys()));
        return keys;
    }

    public int replications() {
        return replications;
    }

    /** The {@code plots:} section as written (checked), or null when the file has none. */
    public JsonNode plots() {
        return plots == null || plots.isNull() ? null : plots.deepCopy();
    }

    public List<Cell> cells() {
        return cells;
    }

    public List<Unit> units() {
        return units;
    }
}
