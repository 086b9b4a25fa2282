package org.lnsim.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Loading experiment configurations: YAML files, or the configurations embedded in the jar by name
 * ({@code quickstart}, {@code mcp}: the files of {@code experiments/configs/}), then {@code --set} overrides, then
 * {@link ConfigSchema#resolve validation}.
 */
public final class Configs {
    /** Where the embedded configurations live on the class path. */
    public static final String EMBEDDED_DIR = "/org/lnsim/experiments/configs/";
    /** The configuration {@code lnsim run} uses when given none. */
    public static final String DEFAULT = "quickstart";

    /** A resolved configuration, where it came from, and the folder its relative paths are resolved against. */
    public record Loaded(ExperimentSettings settings, String source, Path baseDir) {
    }

    /**
     * A configuration as written, {@code --set} overrides applied, not yet resolved: what a sweep expands into its
     * cells before resolving each.
     */
    public record Tree(ObjectNode tree, String source, Path baseDir) {
        public Tree {
            tree = tree.deepCopy();
        }

        @Override
        public ObjectNode tree() {
            return tree.deepCopy();
        }
    }

    private Configs() {
    }

    public static ObjectMapper yaml() {
        return new ObjectMapper(new YAMLFactory());
    }

    /**
     * @param nameOrPath a YAML file, or the name of an embedded configuration; null for {@link #DEFAULT}
     * @param overrides  {@code key=value} strings
     */
    public static Loaded load(String nameOrPath, List<String> overrides) throws ConfigException, IOException {
        Tree t = tree(nameOrPath, overrides);
        try {
            return new Loaded(ConfigSchema.resolve(t.tree(), t.source()), t.source(), t.baseDir());
        } catch (ConfigException e) {
            throw blame(e, overrides, t.source());
        }
    }

    /**
     * {@code e} blamed on the {@code --set} that gave the failing key, when one did: resolution sees one merged
     * tree and names the file, so {@code --set workload.payments=-5} read "quickstart (embedded):
     * workload.payments: …" (issue 21, defect 6). The last override of the key, or of a section holding it, is
     * named with its value (cut when long); an override below the failing section (a conflict between it and the
     * file's keys) is named together with the file.
     */
    static ConfigException blame(ConfigException e, List<String> overrides, String fileSource) {
        String key = e.key();
        if (key == null || key.isEmpty() || !fileSource.equals(e.source())) {
            return e;
        }
        for (int i = overrides.size() - 1; i >= 0; i--) {
            String o = overrides.get(i);
            int eq = o.indexOf('=');
            String path = eq < 0 ? o : o.substring(0, eq).trim();
            String shown = "--set " + org.lnsim.network.io.NetworkFormatException.cut(o);
            if (path.equals(key) || key.startsWith(path + ".")) {
                return new ConfigException(shown, key, e.detail());
            }
            if (path.startsWith(key + ".")) {
                return new ConfigException(shown + " with " + fileSource, key, e.detail());
            }
        }
        return e;
    }

    /** As {@link #load}, without resolving. */
    public static Tree tree(String nameOrPath, List<String> overrides) throws ConfigException, IOException {
        String name = nameOrPath == null ? DEFAULT : nameOrPath;
        ObjectMapper yaml = yaml();
        JsonNode tree;
        String source;
        Path base;
        Path file = Path.of(name);
        if (Files.isRegularFile(file)) {
            source = name;
            base = file.toAbsolutePath().getParent();
            try (InputStream in = Files.newInputStream(file)) {
                tree = parse(yaml, in, source);
            }
        } else {
            InputStream in = Configs.class.getResourceAsStream(EMBEDDED_DIR + name + ".yaml");
            if (in == null) {
                throw new ConfigException(name, null, "no such file, and not an embedded configuration (embedded: "
                        + String.join(", ", embedded()) + ")");
            }
            source = name + " (embedded)";
            base = Path.of("").toAbsolutePath();
            try (in) {
                tree = parse(yaml, in, source);
            }
        }
        ObjectNode obj;
        if (tree == null || tree.isNull() || tree.isMissingNode()) {
            obj = JsonNodeFactory.instance.objectNode();
        } else if (tree.isObject()) {
            obj = (ObjectNode) tree;
        } else {
            throw new ConfigException(source, null, "expected a mapping of keys at the top level");
        }
        ConfigSchema.applyOverrides(obj, overrides, yaml);
        return new Tree(obj, source, base);
    }

    private static JsonNode parse(ObjectMapper yaml, InputStream in, String source) throws ConfigException {
        try {
            String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (text.isBlank()) {
                // an empty file used to run the quickstart's defaults as if it were a configuration (defect 9)
                throw new ConfigException(source, null, "the configuration is empty; name at least one key (an "
                        + "empty mapping {} runs every default)");
            }
            YamlChecks.check(text, source, null);
            return yaml.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            String where = e.getLocation() == null ? null : "line " + e.getLocation().getLineNr();
            throw new ConfigException(source, where, "not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigException(source, null, "cannot read: " + e.getMessage());
        }
    }

    /** Names of the embedded configurations. */
    public static List<String> embedded() {
        return List.of("quickstart", "mcp");
    }
}
