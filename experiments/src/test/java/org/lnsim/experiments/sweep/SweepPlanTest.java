package org.lnsim.experiments.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lnsim.experiments.ConfigException;
import org.lnsim.experiments.Configs;
import org.lnsim.experiments.ReplicationSettings;

class SweepPlanTest {
    static final String BASE = """
            seed: 3
            network: {generate: {channels: 1000, max_channels: 100}}
            workload: {payments: 50, rate_per_s: 10, amount: {distribution: fixed, sat: 10000}}
            protocols:
              - name: source
              - {name: beacon, radius: 1, beacons: 2, label: b-small}
              - {name: beacon, radius: 1, beacons: 5}
            """;

    static SweepPlan plan(String yaml) throws Exception {
        return plan(yaml, SweepPlan.DEFAULT_MAX_UNITS);
    }

    static SweepPlan plan(String yaml, long max) throws Exception {
        ObjectNode tree = (ObjectNode) Configs.yaml().readTree(yaml);
        return SweepPlan.of(new Configs.Tree(tree, "test.yaml", Path.of("")), max);
    }

    /**
     * A mapping is a grid, first axis slowest: 2 amounts × 3 radii = 6 cells, ids c00..c05; "beacon.radius" sets the
     * radius of both beacon entries (protocols 1 and 2), and the other keys keep the file's values.
     */
    @Test
    void mappingIsAGridFirstAxisSlowestAndProtocolKeysReachEveryMatchingEntry() throws Exception {
        SweepPlan p = plan(BASE + "sweep:\n  workload.amount.sat: [1000, 100000]\n  beacon.radius: [1, 2, 3]\n");
        assertEquals(List.of("workload.amount.sat", "beacon.radius"), p.axisKeys());
        assertEquals(6, p.cells().size());
        assertEquals(6, p.units().size());
        assertEquals("c04", p.cells().get(4).id());
        // cell 4 = amount index 4 / 3 = 1 (100000), radius index 4 % 3 = 1 (2)
        assertEquals("100000", p.cells().get(4).valueTexts().get("workload.amount.sat"));
        assertEquals("2", p.cells().get(4).valueTexts().get("beacon.radius"));
        ObjectNode cfg = p.units().get(4).settings().config();
        assertEquals(100000.0, cfg.get("workload").get("amount").get("sat").doubleValue());
        assertEquals(2, cfg.get("protocols").get(1).get("radius").intValue());
        assertEquals(2, cfg.get("protocols").get(2).get("radius").intValue());
        assertEquals(2, cfg.get("protocols").get(1).get("beacons").intValue());
        assertEquals(List.of("protocols.1.radius", "protocols.2.radius"), p.paths("beacon.radius"));
        // a label names one entry only
        SweepPlan q = plan(BASE + "sweep:\n  b-small.beacons: [3, 4]\n");
        assertEquals(List.of("protocols.1.beacons"), q.paths("b-small.beacons"));
    }

    /** A list of mappings: keys of one mapping move together (zipped), entries are crossed: 2 zipped × 2 = 4. */
    @Test
    void keysOfOneListEntryMoveTogether() throws Exception {
        SweepPlan p = plan(BASE + """
                sweep:
                  - {workload.amount.sat: [1000, 50000], workload.rate_per_s: [5, 20]}
                  - {seed: [1, 2]}
                replications: 3
                """);
        assertEquals(4, p.cells().size());
        assertEquals(12, p.units().size());
        ObjectNode c1 = p.cells().get(2).values().isEmpty() ? null : p.units().get(2 * 3).settings().config();
        assertEquals(50000.0, c1.get("workload").get("amount").get("sat").doubleValue());
        assertEquals(20.0, c1.get("workload").get("rate_per_s").doubleValue());
        assertEquals(1, c1.get("seed").longValue());
        assertEquals("c01-r2", p.units().get(5).id());
        assertEquals(2, p.units().get(5).settings().replication().index());
    }

    /** Replication 0 runs on the master seed; r >= 1 on the named stream replication.r of it, documented. */
    @Test
    void replicationSeedsComeFromNamedStreamsOfTheMasterSeed() throws Exception {
        SweepPlan p = plan(BASE + "replications: 3\n");
        assertEquals(1, p.cells().size());
        assertEquals(3, p.units().get(0).seed());
        assertEquals(org.lnsim.random.NamedStreams.seedOf(3, "replication.1"), p.units().get(1).seed());
        assertEquals(org.lnsim.random.NamedStreams.seedOf(3, "replication.2"), p.units().get(2).seed());
        assertNotEquals(p.units().get(1).seed(), p.units().get(2).seed());
        assertEquals(ReplicationSettings.DEFAULT_VARY, p.units().get(1).settings().replication().vary());
    }

    /** A whole protocol list as an axis value. */
    @Test
    void theProtocolListCanBeAnAxis() throws Exception {
        SweepPlan p = plan(BASE + "sweep:\n  protocols: [[source], [source, oracle]]\n");
        assertEquals(1, p.units().get(0).settings().protocols().size());
        assertEquals(2, p.units().get(1).settings().protocols().size());
        assertEquals("[\"source\",\"oracle\"]", p.cells().get(1).valueTexts().get("protocols"));
    }

    @Test
    void badAxesAreRefusedNamingTheKeyOrTheCell() {
        String unknown = assertThrows(ConfigException.class,
                () -> plan(BASE + "sweep:\n  workload.amout.sat: [1, 2]\n")).getMessage();
        assertTrue(unknown.contains("workload.amout.sat") && unknown.contains("unknown"), unknown);
        String noProtocol = assertThrows(ConfigException.class,
                () -> plan(BASE + "sweep:\n  ant.radius: [1, 2]\n")).getMessage();
        assertTrue(noProtocol.contains("sweep.ant.radius") && noProtocol.contains("protocols: source"), noProtocol);
        String empty = assertThrows(ConfigException.class,
                () -> plan(BASE + "sweep:\n  beacon.radius: []\n")).getMessage();
        assertTrue(empty.contains("sweep.beacon.radius") && empty.contains("empty"), empty);
        String type = assertThrows(ConfigException.class,
                () -> plan(BASE + "sweep:\n  beacon.radius: [1, two]\n")).getMessage();
        assertTrue(type.contains("cell c01") && type.contains("radius") && type.contains("'two'"), type);
        String zip = assertThrows(ConfigException.class,
                () -> plan(BASE + "sweep:\n  - {seed: [1, 2], workload.payments: [10]}\n")).getMessage();
        assertTrue(zip.contains("one length"), zip);
        String scalar = assertThrows(ConfigException.class,
                () -> plan(BASE + "sweep:\n  seed: 4\n")).getMessage();
        assertTrue(scalar.contains("sweep.seed") && scalar.contains("list"), scalar);
        String rep = assertThrows(ConfigException.class, () -> plan(BASE + "replication: 2\n")).getMessage();
        assertTrue(rep.contains("replications"), rep);
        String many = assertThrows(ConfigException.class,
                () -> plan(BASE + "sweep:\n  seed: [1, 2, 3]\nreplications: 4\n", 10)).getMessage();
        assertTrue(many.contains("more than 10 units") && many.contains("--yes"), many);
        String vary = assertThrows(ConfigException.class, () -> plan(BASE
                .replace("network: {generate: {channels: 1000, max_channels: 100}}", "network: {file: x.lnsim}")
                + "vary: [network]\n")).getMessage();
        assertTrue(vary.contains("vary") && vary.contains("file"), vary);
        String badVary = assertThrows(ConfigException.class, () -> plan(BASE + "vary: [workload, weather]\n"))
                .getMessage();
        assertTrue(badVary.contains("'weather'") && badVary.contains("balances"), badVary);
    }
}
