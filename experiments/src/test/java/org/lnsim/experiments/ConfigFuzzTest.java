package org.lnsim.experiments;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.AfterFailureMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.PropagationMode;
import org.lnsim.network.io.FuzzTries;
import org.lnsim.protocols.settings.Key;
import org.lnsim.protocols.settings.ProtocolSpec;

/**
 * Property-based fuzzing of the configuration loader with {@code --set} (issue 21, "Fuzzing"), as network's
 * {@code ReaderFuzzTest} does the readers. The property, at the call {@code lnsim run} makes ({@link Configs#load},
 * whose {@link ConfigException} it turns into exit 2): the configuration loads, and its resolved tree resolves to the
 * same tree again (the settings' own consistency, {@link ExperimentSettings#config()}); or a {@link ConfigException}
 * whose message starts with what it blames, the file or {@code --set}; anything else (a Jackson or SnakeYAML
 * exception escaping, NullPointerException, ClassCastException, StackOverflowError) fails the try, as it would be
 * exit 1 with a stack trace. One property sets random keys of the schema (and keys that are not) to YAML values of
 * every kind on the quickstart; one mutates the shipped configuration files and adds a few such sets. Fixed seeds;
 * tries from {@code -Dfuzz.tries} (network's {@link FuzzTries}).
 */
@AddLifecycleHook(value = FuzzTries.class, propagateTo = PropagationMode.ALL_DESCENDANTS)
class ConfigFuzzTest {
    /** YAML values of every kind: numbers at type bounds, strings, collections, aliases, tags, broken syntax. */
    private static final String[] VALUES = {"0", "-1", "1", "-0", "1.5", "1e3", "1E400", "-1e-400", ".inf", "-.inf",
        ".nan", "0x1F", "0o17", "1_000", "+5", "007", "2147483648", "9223372036854775807", "9223372036854775808",
        "-9223372036854775809", "99999999999999999999999999", "true", "false", "yes", "no", "on", "~", "null", "",
        " ", "\t", "x", "'x'", "\"x\"", "'unterminated", "\"bad \\escape\"", "\"\\u0000\"", "\"\\ud800\"", "[]",
        "{}", "[1, 2]", "{a: 1}", "{a: 1, a: 2}", "[&a 1, *a]", "&a 5", "*a", "!!str 5", "!!int x", "!!binary AAAA",
        "!!float 1", "!!python/object:os.system x", "!foo 1", "<<: {a: 1}", "? x", "- a", "{", "]", "[{", "a: b: c",
        "1\n---\n2", "---", "...", "|\n  text", ">\n  folded", "#comment", "a # comment", "'a,b'", "\"a\\nb\"",
        "é", "\u00a0", "\ufeff1", "[source, oracle]", "[sourc]", "[{name: beacon, radius: 9}]",
        "[{name: ant, label: 'a,b'}]", "[{name: source, split: cl, payment_kind: amp}]", "[{name: oracle, x: 1}]",
        "[{}]", "[[]]", "[null]", "{generate: {channels: 5}}", "{file: x.json, generate: {}}", "mcp", "merchants",
        "watts-strogatz", "lognormal", "empirical", "fixed", "cloth", "commitment", "claims_early"};
    private static Path work;
    private static List<Path> shipped;
    private static List<String> keys;
    /** Each schema key's default as YAML text, so that some sets are valid and the run gets past them. */
    private static final Map<String, String> DEFAULTS = new java.util.HashMap<>();
    private static final Map<String, long[]> STATS = new java.util.TreeMap<>();

    @BeforeContainer
    static void setUp() throws IOException {
        work = Files.createTempDirectory("lnsim-fuzz-config");
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("user.dir")).resolve("configs"))) {
            shipped = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        keys = new ArrayList<>();
        collect(ConfigSchema.ROOT, "", keys);
        for (ProtocolSpec<?> spec : ProtocolRegistry.specs()) {
            for (Key<?> k : spec.keys()) {
                keys.add("protocols.0." + k.name());
                keys.add("protocols.1." + k.name());
                DEFAULTS.put("protocols.0." + k.name(), String.valueOf(k.dflt()));
                DEFAULTS.put("protocols.1." + k.name(), String.valueOf(k.dflt()));
            }
        }
        keys.addAll(List.of("protocols", "protocols.0", "protocols.0.name", "protocols.7.name", "protocols.-1.name",
                "vary", "replication", "sweep", "replications", "plots", "network", "workload", "seed.0",
                "workload.payments.x", "nope", "a..b", ".", "workload.", "é", "x".repeat(300)));
    }

    private static void collect(ConfigSchema.Section s, String path, List<String> out) {
        for (Key<?> k : s.keys()) {
            out.add(ConfigSchema.join(path, k.name()));
            DEFAULTS.put(ConfigSchema.join(path, k.name()), String.valueOf(k.dflt()));
        }
        for (ConfigSchema.Section sub : s.sections()) {
            out.add(ConfigSchema.join(path, sub.name()));
            collect(sub, ConfigSchema.join(path, sub.name()), out);
        }
    }

    @AfterContainer
    static void tearDown() throws IOException {
        try (Stream<Path> s = Files.walk(work)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        STATS.forEach((k, v) -> System.out.printf(java.util.Locale.ROOT,
                "fuzz %-20s %8d tries %8d accepted %8d refused%n", k, v[0], v[1], v[2]));
    }

    @Property(seed = "2131", shrinking = ShrinkingMode.OFF, afterFailure = AfterFailureMode.PREVIOUS_SEED)
    void setValues(@ForAll long seed) {
        Random rnd = new Random(seed);
        assertContract("setValues", seed, null, null, sets(rnd, 1 + rnd.nextInt(4)));
    }

    @Property(seed = "2132", shrinking = ShrinkingMode.OFF, afterFailure = AfterFailureMode.PREVIOUS_SEED)
    void yamlMutated(@ForAll long seed) {
        Random rnd = new Random(seed);
        Path file = shipped.get(rnd.nextInt(shipped.size()));
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (int k = 1 + rnd.nextInt(3); k > 0; k--) {
            text = mutate(text, rnd);
        }
        assertContract("yamlMutated", seed, file.getFileName().toString(), text, sets(rnd, rnd.nextInt(3)));
    }

    private static List<String> sets(Random rnd, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String key = keys.get(rnd.nextInt(keys.size()));
            String value = switch (rnd.nextInt(10)) {
                case 8, 9 -> DEFAULTS.getOrDefault(key, "1");
                case 0 -> "[".repeat(1 + rnd.nextInt(80)) + "1" + "]".repeat(rnd.nextInt(81));
                case 1 -> "x".repeat(1 + rnd.nextInt(5_000));
                case 2 -> Long.toString(rnd.nextLong());
                case 3 -> Double.toString(rnd.nextGaussian() * Math.pow(10, rnd.nextInt(40) - 20));
                default -> VALUES[rnd.nextInt(VALUES.length)];
            };
            out.add(rnd.nextInt(30) == 0 ? key : key + "=" + value); // sometimes no '=' at all
        }
        return out;
    }

    /** One change of a YAML text: truncation, a line dropped, doubled or re-indented, a token or value spliced in. */
    private static String mutate(String s, Random rnd) {
        int len = s.length();
        int at = len == 0 ? 0 : rnd.nextInt(len + 1);
        String[] lines = s.split("\n", -1);
        int line = rnd.nextInt(lines.length);
        switch (rnd.nextInt(8)) {
            case 0:
                return s.substring(0, at);
            case 1: {
                List<String> l = new ArrayList<>(List.of(lines));
                l.remove(line);
                return String.join("\n", l);
            }
            case 2: {
                List<String> l = new ArrayList<>(List.of(lines));
                l.add(line, lines[line]);
                return String.join("\n", l);
            }
            case 3:
                lines[line] = (rnd.nextBoolean() ? "  " : "\t") + lines[line];
                return String.join("\n", lines);
            case 4:
                lines[line] = lines[line].replaceAll(":\\s.*$", ": " + VALUES[rnd.nextInt(VALUES.length)]);
                return String.join("\n", lines);
            case 5:
                lines[line] = lines[line].replaceAll("[0-9]+", Long.toString(rnd.nextLong()));
                return String.join("\n", lines);
            case 6:
                return s.substring(0, at) + VALUES[rnd.nextInt(VALUES.length)] + s.substring(at);
            default: {
                char[] c = s.toCharArray();
                if (c.length > 0) {
                    String special = ":-[]{}#&*!|>'\"%@`,? \n\t\u0000";
                    c[rnd.nextInt(c.length)] = special.charAt(rnd.nextInt(special.length()));
                }
                return new String(c);
            }
        }
    }

    private static synchronized void count(String property, int outcome) {
        long[] v = STATS.computeIfAbsent(property, k -> new long[3]);
        v[0]++;
        v[outcome]++;
    }

    /** Loads {@code text} as a file named {@code name} (the quickstart when null) with {@code sets}. */
    private static void assertContract(String property, long seed, String name, String text, List<String> sets) {
        String config = null;
        if (text != null) {
            Path f = work.resolve(name);
            try {
                Files.writeString(f, text, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            config = f.toString();
        }
        Configs.Loaded loaded;
        try {
            loaded = Configs.load(config, sets);
        } catch (ConfigException e) {
            String m = e.getMessage();
            if (!m.startsWith("--set") && !m.startsWith(config == null ? "quickstart" : config)) {
                throw failure(property, seed, text, sets, "the message blames neither file nor --set: " + m, e);
            }
            if (m.length() > 2_000) {
                throw failure(property, seed, text, sets, "a message of " + m.length() + " characters", e);
            }
            count(property, 2);
            return;
        } catch (Throwable t) {
            throw failure(property, seed, text, sets, "not a ConfigException: " + t, t);
        }
        count(property, 1);
        try {
            ObjectNode again = ConfigSchema.resolve(loaded.settings().config(), "again").config();
            if (!again.equals(loaded.settings().config())) {
                throw new AssertionError("the resolved tree resolves to another: " + again);
            }
        } catch (Throwable t) {
            throw failure(property, seed, text, sets, "accepted a configuration that does not resolve to itself: "
                    + t, t);
        }
    }

    private static AssertionError failure(String property, long seed, String text, List<String> sets, String what,
                                          Throwable cause) {
        Path saved = Path.of("target", "fuzz-failures", property + "-" + seed);
        try {
            Files.createDirectories(saved);
            if (text != null) {
                Files.writeString(saved.resolve("config.yaml"), text);
            }
            Files.write(saved.resolve("sets.txt"), sets);
        } catch (IOException e) {
            saved = Path.of("(not saved: " + e + ")");
        }
        return new AssertionError(property + " seed " + seed + ": " + what + "; input saved in "
                + saved.toAbsolutePath(), cause);
    }
}
