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
import org.lnsim.engine.payment.PaymentOutcome;

/**
 * Issue 22, Bad input for {@code policy_updates}: a negative rate, an update rate on a network without policies, a
 * protocol that cannot follow changing policies, and the older byte-only churn beside real updates are configuration
 * errors (exit 2) naming the key, before anything runs; a valid run is reproducible and its replications vary the
 * updates.
 */
class PolicyUpdateChecksTest {
    private static ExperimentSettings config(String yaml, String... overrides) throws Exception {
        ObjectNode tree = (ObjectNode) Configs.yaml().readTree(yaml);
        ConfigSchema.applyOverrides(tree, List.of(overrides), Configs.yaml());
        return ConfigSchema.resolve(tree, "test");
    }

    private static final String LIVING = """
            seed: 4
            network: {generate: {model: watts-strogatz, nodes: 60}}
            workload: {payments: 40, rate_per_s: 0.2}
            policy_updates: {enabled: true, rate_per_direction_per_day: 500}
            protocols: [source]
            """;

    private static String keyOf(ExperimentSettings cfg, Path dir) {
        return assertThrows(ConfigException.class,
                () -> ExperimentRunner.run(cfg, dir, false, 1, ExperimentRunner.Progress.NONE)).key();
    }

    @Test
    void aNegativeRateIsRefused() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> config(LIVING, "policy_updates.rate_per_direction_per_day=-1"));
        assertEquals("policy_updates.rate_per_direction_per_day", e.key());
        ConfigException closes = assertThrows(ConfigException.class,
                () -> config(LIVING, "policy_updates.close_rate_per_channel_per_day=-0.5"));
        assertEquals("policy_updates.close_rate_per_channel_per_day", closes.key());
        ConfigException opens = assertThrows(ConfigException.class,
                () -> config(LIVING, "policy_updates.open_rate_per_channel_per_day=-0.1"));
        assertEquals("policy_updates.open_rate_per_channel_per_day", opens.key());
    }

    /**
     * Channels that open during the run (60 nodes of 2 channels each, 120 channels, at 50 opens per open channel per
     * day: about 120 × 50 × 200 s / 86,400 s ≈ 14 over the 40 payments' 200 s): the run carries the pool appended to
     * its network, yet draws the same payments as without opens (the workload reads the network as it starts), its
     * manifest counts the channels open at the start, its invariants hold after every event, and it reproduces.
     */
    @Test
    void aRunWithChannelOpensKeepsItsWorkloadAndReproduces(@TempDir Path tmp) throws Exception {
        String opening = "policy_updates.open_rate_per_channel_per_day=50";
        ExperimentSettings cfg = config(LIVING, opening);
        ExperimentRunner.Network net = ExperimentRunner.network(cfg, tmp, ExperimentRunner.Progress.NONE);
        assertEquals(120, net.initial().channelCount());
        assertTrue(net.openings().count() > 14 && net.graph().channelCount() == 120 + net.openings().count());
        ExperimentRunner.Result r = ExperimentRunner.run(cfg, tmp, true, 1, ExperimentRunner.Progress.NONE);
        assertEquals(120, r.initial().channelCount(), "the manifest's network: the channels open at the start");
        assertEquals(net.graph().channelCount(), r.graph().channelCount(), "routes name the opened channels");
        List<PaymentOutcome> a = r.runs().get(0).outcomes();
        List<PaymentOutcome> again = outcomes(cfg, tmp);
        List<PaymentOutcome> without = outcomes(config(LIVING), tmp);
        assertEquals(a.size(), without.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(without.get(i).payment(), a.get(i).payment(), "the same payment " + i);
            assertEquals(a.get(i).feeMsat(), again.get(i).feeMsat());
            assertEquals(a.get(i).attempts(), again.get(i).attempts());
        }
        assertTrue(!ExperimentRunner.networkKey(cfg).equals(ExperimentRunner.networkKey(config(LIVING))),
                "a sweep builds the network with its pool apart");
        assertEquals(cfg.network(), ExperimentRunner.networkKey(config(LIVING)));
    }

    @Test
    void aProtocolThatReadsOnlyTheAnnouncedPoliciesIsRefused(@TempDir Path tmp) throws Exception {
        assertEquals("protocols.1.name", keyOf(config(LIVING, "protocols=[source, cloth]"), tmp));
        assertEquals("protocols.0.update_rate_per_channel_per_day",
                keyOf(config(LIVING, "protocols=[{name: source, update_rate_per_channel_per_day: 2}]"), tmp));
    }

    /** An lnd describegraph of two channels whose four directions have no policy: nothing to update. */
    @Test
    void aNetworkWithoutPoliciesIsRefused(@TempDir Path tmp) throws Exception {
        String n1 = "02" + "11".repeat(32);
        String n2 = "02" + "22".repeat(32);
        String n3 = "02" + "33".repeat(32);
        Files.writeString(tmp.resolve("g.json"), "{\"nodes\":[],\"edges\":["
                + "{\"channel_id\":\"1099511627776\",\"chan_point\":\"x:0\",\"capacity\":\"100000\",\"node1_pub\":\""
                + n1 + "\",\"node2_pub\":\"" + n2 + "\",\"node1_policy\":null,\"node2_policy\":null},"
                + "{\"channel_id\":\"2199023255552\",\"chan_point\":\"y:0\",\"capacity\":\"100000\",\"node1_pub\":\""
                + n2 + "\",\"node2_pub\":\"" + n3 + "\",\"node1_policy\":null,\"node2_policy\":null}]}");
        ExperimentSettings cfg = config("""
                network: {file: g.json}
                workload: {payments: 1}
                policy_updates: {enabled: true}
                protocols: [source]
                """);
        ConfigException e = assertThrows(ConfigException.class,
                () -> ExperimentRunner.run(cfg, tmp, false, 1, ExperimentRunner.Progress.NONE));
        assertEquals("policy_updates.rate_per_direction_per_day", e.key());
        assertTrue(e.getMessage().contains("no usable channel policy"), e.getMessage());
    }

    /**
     * The same configuration twice gives the same outcomes; its replication 1 draws other updates (vary: churn is in
     * the default), and with the updates off no payment reports policy failures (-1: static).
     */
    @Test
    void aLivingRunIsReproducibleAndItsReplicationsVaryTheUpdates(@TempDir Path tmp) throws Exception {
        List<PaymentOutcome> a = outcomes(config(LIVING), tmp);
        List<PaymentOutcome> b = outcomes(config(LIVING), tmp);
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).feeMsat(), b.get(i).feeMsat());
            assertEquals(a.get(i).attempts(), b.get(i).attempts());
            assertEquals(a.get(i).policyFailures(), b.get(i).policyFailures());
            assertTrue(a.get(i).policyFailures() >= 0);
        }
        for (PaymentOutcome o : outcomes(config(LIVING, "policy_updates.enabled=false"), tmp)) {
            assertEquals(-1, o.policyFailures());
        }
        List<PaymentOutcome> r1 = outcomes(config(LIVING, "replication=1", "vary=[churn]"), tmp);
        long sameFee = 0;
        for (int i = 0; i < a.size(); i++) {
            sameFee += r1.get(i).feeMsat() == a.get(i).feeMsat() ? 1 : 0;
        }
        assertTrue(sameFee < a.size(), "replication 1 met other policies");
    }

    private static List<PaymentOutcome> outcomes(ExperimentSettings cfg, Path dir) throws Exception {
        return ExperimentRunner.run(cfg, dir, true, 1, ExperimentRunner.Progress.NONE).runs().get(0).outcomes();
    }
}
