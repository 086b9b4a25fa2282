package org.lnsim.experiments.reproduce;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lnsim.experiments.ConfigException;
import org.lnsim.experiments.Configs;

/**
 * How a committed results table is made: {@code results/tables/NAME.yaml} defines {@code NAME.md}. A recipe names
 * the experiment files it runs (files of the repository, with overrides and one axis of values), how each run is
 * shown ({@code lnsim table} kinds, or the run's summary), the lnsim commands whose output it quotes, the text
 * around them, and its expected run time. {@code lnsim reproduce NAME} follows it; the table is a pure function of
 * the recipe, the code, the shipped data and the seeds.
 *
 * <pre>
 * title: Ant routing against full gossip on the 2019-05-14 snapshot   # the first heading
 * minutes: 2                       # expected run time on the 2-core reference machine
 * prepare:                         # lnsim commands run first ({work} = a temporary folder), output not shown
 *   - [generate, --channels, 1000000, --seed, 1, --quiet, --out, "{work}/mcp-1m-seed1.lnsim"]
 * parts:
 *   - text: |                      # Markdown, as written
 *       500 payments per amount ...
 *   - experiment: experiments/configs/ant-sweep.yaml   # from the repository root
 *     set: {network.file: "{work}/mcp-1m-seed1.lnsim"} # overrides, as --set (null clears a key)
 *     each: {workload.amount.sat: [10000, 1000000]}    # one run per value (a sweep axis; shared network)
 *     heading: "## {value} sat"                        # before each run's table; {value} = its value
 *     table: ant                   # ant | beacon | flare | summary (summary.md but its heading) | summary-body (its
 *                                  # main table alone) | ant-rates (one table over all the runs)
 *   - experiment: experiments/configs/headline-1m.yaml  # a sweep file: its own axes, replications and plots
 *     table: aggregate             # per cell: protocols × metrics, mean ± 95% t half-width, then a glossary
 *     metrics: [success_rate, fee_ppm_p50]              # the metrics shown (aggregate only)
 *     figures: headline-1m         # copy the sweep's figures to results/figures/headline-1m/
 *   - command: [stats, "{work}/mcp-1m-seed1.lnsim", data/snapshots/clightning-listchannels-2019-05-14.json.gz]
 *     drop: "^(query ms|throughput|network) "          # optional: output lines to leave out (a regex)
 * </pre>
 * Paths in {@code set} are relative to the experiment file, as with {@code --set}; command output is shown in a code
 * block with {@code {work}/} removed.
 */
public record Recipe(String name, Path file, String title, double minutes, List<List<String>> prepare,
                     List<Part> parts) {
    /** One piece of the table. */
    public sealed interface Part permits Text, Experiment, Command {
    }

    /** Markdown as written. */
    public record Text(String markdown) implements Part {
    }

    /**
     * Runs of an experiment file.
     *
     * @param eachKey    the axis key, or null for one run
     * @param eachValues its values
     * @param table      how each run (or, for ant-rates, all of them) is shown
     */
    public record Experiment(String file, Map<String, JsonNode> set, String eachKey, List<JsonNode> eachValues,
                             String heading, String table, List<String> metrics, String figures) implements Part {
    }

    /** An lnsim command whose standard output is quoted in a code block. */
    public record Command(List<String> args, String drop) implements Part {
    }

    /** The ways a run can be shown. */
    public static final Set<String> TABLES = Set.of("ant", "beacon", "flare", "summary", "summary-body", "ant-rates",
            "aggregate");

    /** Reads and checks a recipe; errors name the file and the key. */
    public static Recipe read(Path file) throws ConfigException, IOException {
        String src = file.toString();
        String name = file.getFileName().toString().replaceFirst("\\.yaml$", "");
        JsonNode root;
        try {
            root = Configs.yaml().readTree(Files.readString(file));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ConfigException(src, null, "not valid YAML: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException(src, null, "expected a mapping with title, minutes and parts");
        }
        only(root, src, "", "title", "minutes", "prepare", "parts");
        String title = text(root, "title", src, "");
        JsonNode minutes = root.get("minutes");
        if (minutes == null || !minutes.isNumber() || minutes.doubleValue() <= 0) {
            throw new ConfigException(src, "minutes", "expected the expected run time in minutes (a positive number)");
        }
        List<List<String>> prepare = new ArrayList<>();
        JsonNode prep = root.path("prepare");
        for (int i = 0; i < prep.size(); i++) {
            prepare.add(strings(prep.get(i), src, "prepare." + i));
        }
        JsonNode ps = root.get("parts");
        if (ps == null || !ps.isArray() || ps.isEmpty()) {
            throw new ConfigException(src, "parts", "expected a list of parts (text, experiment or command)");
        }
        List<Part> parts = new ArrayList<>();
        for (int i = 0; i < ps.size(); i++) {
            parts.add(part(ps.get(i), src, "parts." + i));
        }
        return new Recipe(name, file, title, minutes.doubleValue(), prepare, parts);
    }

    private static Part part(JsonNode p, String src, String at) throws ConfigException {
        if (!p.isObject()) {
            throw new ConfigException(src, at, "expected a mapping with text, experiment or command");
        }
        if (p.has("text")) {
            only(p, src, at, "text");
            return new Text(text(p, "text", src, at));
        }
        if (p.has("command")) {
            only(p, src, at, "command", "drop");
            String drop = p.has("drop") ? text(p, "drop", src, at) : null;
            if (drop != null) {
                try {
                    java.util.regex.Pattern.compile(drop);
                } catch (java.util.regex.PatternSyntaxException e) {
                    throw new ConfigException(src, at + ".drop", "not a regular expression: " + e.getDescription());
                }
            }
            return new Command(strings(p.get("command"), src, at + ".command"), drop);
        }
        if (p.has("experiment")) {
            only(p, src, at, "experiment", "set", "each", "heading", "table", "metrics", "figures");
            String file = text(p, "experiment", src, at);
            Map<String, JsonNode> set = new LinkedHashMap<>();
            JsonNode s = p.path("set");
            if (!s.isMissingNode() && !s.isObject()) {
                throw new ConfigException(src, at + ".set", "expected a mapping of keys to values");
            }
            s.fields().forEachRemaining(e -> set.put(e.getKey(), e.getValue()));
            String eachKey = null;
            List<JsonNode> values = List.of();
            JsonNode each = p.path("each");
            if (!each.isMissingNode()) {
                if (!each.isObject() || each.size() != 1 || !each.elements().next().isArray()
                        || each.elements().next().isEmpty()) {
                    throw new ConfigException(src, at + ".each", "expected one key with a non-empty list of values");
                }
                eachKey = each.fieldNames().next();
                List<JsonNode> vs = new ArrayList<>();
                each.get(eachKey).forEach(vs::add);
                values = vs;
            }
            String table = text(p, "table", src, at);
            if (!TABLES.contains(table)) {
                throw new ConfigException(src, at + ".table", "'" + table + "' is not one of "
                        + String.join(", ", new java.util.TreeSet<>(TABLES)));
            }
            String heading = p.has("heading") ? text(p, "heading", src, at) : null;
            List<String> metrics = p.has("metrics") ? strings(p.get("metrics"), src, at + ".metrics") : List.of();
            if (table.equals("aggregate") == metrics.isEmpty()) {
                throw new ConfigException(src, at + ".metrics", table.equals("aggregate")
                        ? "table aggregate needs the metrics to show" : "only table aggregate takes metrics");
            }
            String figures = p.has("figures") ? text(p, "figures", src, at) : null;
            if (figures != null && !figures.matches("[A-Za-z0-9._-]+")) {
                throw new ConfigException(src, at + ".figures", "expected a folder name under results/figures");
            }
            return new Experiment(file, set, eachKey, values, heading, table, metrics, figures);
        }
        throw new ConfigException(src, at, "expected text, experiment or command");
    }

    private static void only(JsonNode node, String src, String at, String... keys) throws ConfigException {
        List<String> allowed = List.of(keys);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) {
                throw new ConfigException(src, at.isEmpty() ? k : at + "." + k, "unknown key; valid here: "
                        + String.join(", ", allowed));
            }
        }
    }

    private static String text(JsonNode node, String key, String src, String at) throws ConfigException {
        JsonNode v = node.get(key);
        if (v == null || !v.isTextual()) {
            throw new ConfigException(src, at.isEmpty() ? key : at + "." + key, "expected text");
        }
        return v.textValue();
    }

    private static List<String> strings(JsonNode v, String src, String at) throws ConfigException {
        if (v == null || !v.isArray() || v.isEmpty()) {
            throw new ConfigException(src, at, "expected a list of command-line words");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode w : v) {
            if (!w.isValueNode() || w.isNull()) {
                throw new ConfigException(src, at, "expected words, found " + w);
            }
            out.add(w.asText());
        }
        return out;
    }
}
