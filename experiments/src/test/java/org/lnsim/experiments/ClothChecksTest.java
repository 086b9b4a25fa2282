package org.lnsim.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22, Bad input: {@code cloth} asked of a network without CLoTH's fields, or of a run that cannot give its
 * semantics, is a configuration error (exit 2) naming the key, before anything runs.
 */
class ClothChecksTest {
    private static ExperimentSettings config(String yaml, String... overrides) throws Exception {
        ObjectNode tree = (ObjectNode) Configs.yaml().readTree(yaml);
        ConfigSchema.applyOverrides(tree, List.of(overrides), Configs.yaml());
        return ConfigSchema.resolve(tree, "test");
    }

    /** A CLoTH folder 0 — 1 — 2 (1,000 sat channels, free) with its balances, and a one-payment trace. */
    private static void clothFolder(Path tmp) throws Exception {
        Path cloth = tmp.resolve("cloth");
        Files.createDirectories(cloth);
        Files.writeString(cloth.resolve("nodes_ln.csv"), "id\n0\n1\n2\n");
        Files.writeString(cloth.resolve("channels_ln.csv"), "id,edge1_id,edge2_id,node1_id,node2_id,capacity\n"
                + "0,0,1,0,1,1000000\n1,2,3,1,2,1000000\n");
        Files.writeString(cloth.resolve("edges_ln.csv"), "id,channel_id,counter_edge_id,from_node_id,to_node_id,"
                + "balance,fee_base,fee_proportional,min_htlc,timelock\n"
                + "0,0,1,0,1,950000,0,0,1000,40\n1,0,0,1,0,50000,0,0,1000,40\n"
                + "2,1,3,1,2,960000,0,0,1000,40\n3,1,2,2,1,40000,0,0,1000,40\n");
        Files.writeString(tmp.resolve("pay.csv"), "id,sender_id,receiver_id,amount,start_time\n0,0,2,900000,0\n");
    }

    private static final String ON_CLOTH = """
            seed: 3
            network: {file: cloth}
            workload: {trace: pay.csv}
            balances: {reserve_fraction: 0}
            protocols: [{name: cloth}]
            """;

    private static String keyOf(ExperimentSettings cfg, Path dir) {
        return assertThrows(ConfigException.class,
                () -> ExperimentRunner.run(cfg, dir, false, 1, ExperimentRunner.Progress.NONE)).key();
    }

    @Test
    void aNetworkWithoutClothsFieldsIsRefused(@TempDir Path tmp) throws Exception {
        ExperimentSettings cfg = config("""
                network: {generate: {model: watts-strogatz, nodes: 40}}
                workload: {payments: 5}
                engine: {receiver: claims_early}
                protocols: [source, cloth]
                """);
        ConfigException e = assertThrows(ConfigException.class,
                () -> ExperimentRunner.run(cfg, tmp, false, 1, ExperimentRunner.Progress.NONE));
        assertEquals("protocols.1.name", e.key());
        assertTrue(e.getMessage().contains("CLoTH's fields"), e.getMessage());
    }

    /**
     * On a CLoTH folder: redrawn balances are refused (balances.split), and so is the split without receivers that
     * settle each part (engine.receiver) unless the split is off; with both right the payment is delivered (the
     * file's 950,000 and 960,000 msat carry 900,000; no reserve).
     */
    @Test
    void settingsClothCannotHonourAreRefused(@TempDir Path tmp) throws Exception {
        clothFolder(tmp);
        assertEquals("balances.split", keyOf(config(ON_CLOTH, "balances.split=half",
                "engine.receiver=claims_early"), tmp));
        assertEquals("engine.receiver", keyOf(config(ON_CLOTH), tmp));
        for (ExperimentSettings ok : List.of(config(ON_CLOTH, "engine.receiver=claims_early"),
                config(ON_CLOTH, "protocols.0.split_on_no_path=false"))) {
            ExperimentRunner.Result r = ExperimentRunner.run(ok, tmp, true, 1, ExperimentRunner.Progress.NONE);
            assertTrue(r.runs().get(0).outcomes().get(0).success());
        }
    }
}
