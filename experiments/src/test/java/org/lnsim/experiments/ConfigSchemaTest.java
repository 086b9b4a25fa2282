package org.lnsim.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigSchemaTest {
    private static final ObjectMapper YAML = Configs.yaml();

    private static ObjectNode resolve(String yaml) throws Exception {
        return ConfigSchema.resolve(YAML.readTree(yaml), "test.yaml").config();
    }

    private static String error(String yaml) {
        return assertThrows(ConfigException.class, () -> resolve(yaml)).getMessage();
    }

    /** The committed reference is exactly what the schema renders, so the documentation cannot drift. */
    @Test
    void committedReferenceIsTheSchemasRendering() throws IOException {
        Path ref = Path.of(System.getProperty("user.dir")).resolve("configs/reference.yaml");
        assertEquals(ConfigSchema.reference(), Files.readString(ref),
                "regenerate with: ./lnsim run --print-reference > experiments/configs/reference.yaml");
    }

    /**
     * Every default the reference shows is the default the schema applies: an empty file resolves the same outside
     * {@code protocols}; the reference lists every protocol, each entry equal to that protocol named alone, and
     * the default list (source and oracle) is its beginning.
     */
    @Test
    void referenceDefaultsAreTheRealDefaults() throws Exception {
        JsonNode empty = resolve("{}");
        JsonNode ref = resolve(ConfigSchema.reference());
        com.fasterxml.jackson.databind.node.ObjectNode a = empty.deepCopy();
        com.fasterxml.jackson.databind.node.ObjectNode b = ref.deepCopy();
        a.remove("protocols");
        b.remove("protocols");
        assertEquals(a, b);
        for (JsonNode p : ref.get("protocols")) {
            assertEquals(resolve("protocols: [{name: " + p.get("name").textValue() + "}]").at("/protocols/0"), p);
        }
        for (int i = 0; i < empty.get("protocols").size(); i++) {
            assertEquals(empty.get("protocols").get(i), ref.get("protocols").get(i));
        }
        assertEquals(ProtocolRegistry.specs().size(), ref.get("protocols").size());
    }

    @Test
    void defaultsAreFilledIn() throws Exception {
        JsonNode c = resolve("workload: {payments: 7}");
        assertEquals(7, c.at("/workload/payments").intValue());
        assertEquals(1, c.get("seed").longValue());
        assertEquals("lognormal", c.at("/workload/amount/distribution").textValue());
        assertEquals(60.0, c.at("/engine/timeout_s").doubleValue());
        assertEquals(2, c.get("protocols").size());
        assertEquals(10.0, c.at("/protocols/0/riskfactor").doubleValue());
    }

    /**
     * analysis.window_payments (default 1,000) and analysis.warmup_payments (default 0) reach the typed settings and
     * the resolved tree the manifest records; a window of 0 or a negative warm-up is refused, naming the key.
     */
    @Test
    void analysisWindowAndWarmup() throws Exception {
        ExperimentSettings d = ConfigSchema.resolve(YAML.readTree("{}"), "test.yaml");
        assertEquals(new org.lnsim.results.run.RunAnalysis(1_000, 0), d.analysis());
        ExperimentSettings s = ConfigSchema.resolve(YAML.readTree("analysis: {window_payments: 250, "
                + "warmup_payments: 500}"), "test.yaml");
        assertEquals(new org.lnsim.results.run.RunAnalysis(250, 500), s.analysis());
        assertEquals(500, s.config().at("/analysis/warmup_payments").intValue());
        assertEquals(1_000, d.config().at("/analysis/window_payments").intValue());
        String m = error("analysis: {window_payments: 0}");
        assertTrue(m.contains("analysis.window_payments") && m.contains("out of range"), m);
        m = error("analysis: {warmup_payments: -3}");
        assertTrue(m.contains("analysis.warmup_payments") && m.contains("out of range"), m);
    }

    @Test
    void badConfigsNameTheKeyAndTheValidChoices() {
        String m = error("workload: {paymnets: 5}");
        assertTrue(m.contains("test.yaml: workload.paymnets: unknown key") && m.contains("payments, rate_per_s"), m);
        m = error("workload: {payments: many}");
        assertTrue(m.contains("workload.payments: expected a whole number, found 'many'"), m);
        m = error("workload: {payments: -1}");
        assertTrue(m.contains("workload.payments: -1 is out of range [0, 100000000]"), m);
        m = error("balances: {split: even}");
        assertTrue(m.contains("balances.split: 'even' is not one of auto, file, uniform, half, funder"), m);
        m = error("network: {file: x.lnsim, generate: {channels: 2000}}");
        assertTrue(m.contains("network: give either 'file' or 'generate'"), m);
        m = error("protocols: [{name: telepathy}]");
        assertTrue(m.contains("protocols.0.name: 'telepathy' is not one of source, oracle"), m);
        m = error("protocols: [source, source]");
        assertTrue(m.contains("protocols.1: protocol 'source' is listed twice"), m);
        m = error("protocols: [{name: source, fuz: 0.1}]");
        assertTrue(m.contains("protocols.0.fuz: unknown key") && m.contains("fuzz"), m);
        m = error("analysis: {feasibility_bound: yes please}");
        assertTrue(m.contains("analysis.feasibility_bound: expected true or false"), m);
        m = error("seed: 1.5");
        assertTrue(m.contains("seed: expected a whole number"), m);
        m = error("- 1\n- 2\n");
        assertTrue(m.contains("expected a mapping"), m);
    }

    @Test
    void wattsStrogatzFillsInFlaresDefaultsAndClearsTheMcpKeys() throws Exception {
        JsonNode g = resolve("network: {generate: {model: watts-strogatz, nodes: 2500}}").at("/network/generate");
        assertEquals("watts-strogatz", g.get("model").textValue());
        assertEquals(2_500, g.get("nodes").intValue());
        assertEquals(4, g.get("k").intValue());
        assertEquals(0.2, g.get("p").doubleValue());
        assertEquals(800_000, g.get("capacity_sat").longValue());
        for (String mcpOnly : List.of("channels", "max_channels", "policies", "fit")) {
            assertTrue(g.get(mcpOnly).isNull(), mcpOnly + " = " + g.get(mcpOnly));
        }
        // the default model shows no Watts-Strogatz value
        JsonNode d = resolve("{}").at("/network/generate");
        assertEquals("mcp", d.get("model").textValue());
        assertEquals(10_000, d.get("channels").longValue());
        for (String wsOnly : List.of("nodes", "k", "p", "capacity_sat")) {
            assertTrue(d.get(wsOnly).isNull(), wsOnly + " = " + d.get(wsOnly));
        }
        // a resolved configuration (as manifest.json stores it) resolves to itself, for either model
        for (String yaml : List.of("network: {generate: {model: watts-strogatz, nodes: 300, k: 6, p: 0.5, "
                + "capacity_sat: 5000}}", "network: {generate: {channels: 2000}}")) {
            ObjectNode once = resolve(yaml);
            assertEquals(once, ConfigSchema.resolve(once, "manifest.json").config(), yaml);
        }
    }

    @Test
    void wattsStrogatzErrorsNameTheKey() {
        String m = error("network: {generate: {model: watts-strogatz}}");
        assertTrue(m.contains("test.yaml: network.generate.nodes: required when model is watts-strogatz"), m);
        m = error("network: {generate: {model: watts-strogatz, nodes: 100, channels: 2000}}");
        assertTrue(m.contains("network.generate.channels: applies only to model mcp, not to model watts-strogatz"),
                m);
        m = error("network: {generate: {k: 4}}");
        assertTrue(m.contains("network.generate.k: applies only to model watts-strogatz, not to model mcp"), m);
        m = error("network: {generate: {model: small-world}}");
        assertTrue(m.contains("network.generate.model: 'small-world' is not one of mcp, watts-strogatz"), m);
        m = error("network: {generate: {model: watts-strogatz, nodes: 100, k: 3}}");
        assertTrue(m.contains("network.generate.k: the mean degree must be even, got 3"), m);
        m = error("network: {generate: {model: watts-strogatz, nodes: 100, k: 0}}");
        assertTrue(m.contains("network.generate.k: 0 is out of range [2, "), m);
        m = error("network: {generate: {model: watts-strogatz, nodes: 6, k: 6}}");
        assertTrue(m.contains("network.generate.nodes: must be at least k + 1 = 7, got 6"), m);
        // 3,000,000 × 4 / 2 = 6,000,000 channels
        m = error("network: {generate: {model: watts-strogatz, nodes: 3000000}}");
        assertTrue(m.contains("network.generate.nodes: nodes × k / 2 = 6000000 channels is more than 4000000"), m);
        m = error("network: {generate: {model: watts-strogatz, nodes: 100, p: 1.5}}");
        assertTrue(m.contains("network.generate.p: 1.5 is out of range [0.0, 1.0]"), m);
        m = error("network: {generate: {model: watts-strogatz, nodes: 100, capacity_sat: 0}}");
        assertTrue(m.contains("network.generate.capacity_sat: 0 is out of range [1, "), m);
    }

    @Test
    void overridesReachNestedKeysAndListItems() throws Exception {
        ObjectNode tree = (ObjectNode) YAML.readTree("protocols: [{name: source}]");
        ConfigSchema.applyOverrides(tree, List.of("workload.payments=12", "protocols.0.fuzz=0.2",
                "latency.model=cloth"), YAML);
        JsonNode c = ConfigSchema.resolve(tree, "t").config();
        assertEquals(12, c.at("/workload/payments").intValue());
        assertEquals(0.2, c.at("/protocols/0/fuzz").doubleValue());
        assertEquals("cloth", c.at("/latency/model").textValue());
        ObjectNode t2 = (ObjectNode) YAML.readTree("{}");
        assertTrue(assertThrows(ConfigException.class, () -> ConfigSchema.applyOverrides(t2, List.of("seed"), YAML))
                .getMessage().contains("expected key=value"));
        ObjectNode t3 = (ObjectNode) YAML.readTree("protocols: [{name: source}]");
        assertTrue(assertThrows(ConfigException.class,
                () -> ConfigSchema.applyOverrides(t3, List.of("protocols.3.fuzz=1"), YAML)).getMessage()
                .contains("protocols.3.fuzz"));
    }
}
