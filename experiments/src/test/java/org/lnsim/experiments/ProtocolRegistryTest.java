package org.lnsim.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.generate.WattsStrogatzGenerator;
import org.lnsim.protocols.ant.AntSettings;
import org.lnsim.protocols.beacon.BeaconPaths;
import org.lnsim.protocols.beacon.BeaconRouting;
import org.lnsim.protocols.beacon.BeaconSettings;
import org.lnsim.protocols.lnd.Apriori;
import org.lnsim.protocols.lnd.Bimodal;
import org.lnsim.protocols.lnd.LndSettings;
import org.lnsim.protocols.routing.HybridRouter;
import org.lnsim.protocols.source.PayLoopProtocol;
import org.lnsim.protocols.source.SourceSettings;

/** Protocol entries resolve to their typed settings records, and a run shares the work they announce. */
class ProtocolRegistryTest {
    private static ExperimentSettings resolve(String yaml) throws Exception {
        return ConfigSchema.resolve(Configs.yaml().readTree(yaml), "test.yaml");
    }

    private static String error(String yaml) {
        return assertThrows(ConfigException.class, () -> resolve(yaml)).getMessage();
    }

    @Test
    void entriesResolveToTheirProtocolsRecords() throws Exception {
        List<ProtocolRegistry.Entry> p = resolve("""
                protocols:
                  - {name: source, split: cl, payment_kind: amp, update_rate_per_channel_per_day: 3}
                  - {name: beacon, radius: 3, beacons: 7, candidate_ranking: probability, label: wide}
                  - {name: ant.selective, k: 2, collect_window_ms: 250}
                """).protocols();
        SourceSettings source = assertInstanceOf(SourceSettings.class, p.get(0).settings());
        assertEquals(3.0, source.updatesPerChannelPerDay());
        assertEquals("source+cl+amp", p.get(0).displayName());
        assertNull(p.get(0).label());
        BeaconSettings beacon = assertInstanceOf(BeaconSettings.class, p.get(1).settings());
        assertEquals(new BeaconRouting.Options(3, 7, 100, 3, BeaconRouting.Ranking.PROBABILITY, 0), beacon.options());
        assertEquals("wide", p.get(1).displayName());
        AntSettings ant = assertInstanceOf(AntSettings.class, p.get(2).settings());
        assertEquals(2, ant.fanout());
        assertEquals(250_000, ant.collectWindowUs());
        assertEquals("ant.selective", p.get(2).displayName());
        // the default list is source and oracle at their defaults
        List<ProtocolRegistry.Entry> d = resolve("{}").protocols();
        assertEquals(SourceSettings.DEFAULT, d.get(0).settings());
        assertEquals("oracle", d.get(1).displayName());
    }

    /** Out-of-bounds values of a protocol's own keys stop the run, naming the entry's key and its range. */
    @Test
    void protocolKeysAreCheckedAgainstTheirBounds() {
        String m = error("protocols: [{name: beacon, radius: 0}]");
        assertTrue(m.contains("test.yaml: protocols.0.radius: 0 is out of range [1, 100]"), m);
        m = error("protocols: [source, {name: ant.selective, k: 0}]");
        assertTrue(m.contains("protocols.1.k: 0 is out of range [1, 1000000]"), m);
        m = error("protocols: [{name: oracle, split: halving}]");
        assertTrue(m.contains("protocols.0.split: 'halving' is not one of none, cl-presplit, cl-adaptive, cl, "
                + "lnd-halving"), m);
        m = error("protocols: [{name: ant, wipe_after_s: 0}]");
        assertTrue(m.contains("protocols.0.wipe_after_s: 0.0 is out of range [0.001, 3600.0]"), m);
        m = error("protocols: [{name: beacon, candidate_ranking: fastest}]");
        assertTrue(m.contains("protocols.0.candidate_ranking: 'fastest' is not one of cost, probability"), m);
        m = error("protocols: [{name: ant, k: 4}]");
        assertTrue(m.contains("protocols.0.k: unknown key"), m);
    }

    /**
     * {@code lnd.bimodal}: the bimodal estimator's parameters with lnd's defaults, and its bad input naming the key
     * (scale ≤ 0, node weight outside [0, 1], decay time ≤ 0); an unknown estimator of {@code lnd} names its key.
     */
    @Test
    void lndBimodalResolvesAndRefusesBadParameters() throws Exception {
        List<ProtocolRegistry.Entry> p = resolve("protocols: [lnd, {name: lnd.bimodal, bimodal_node_weight: 0.5}]")
                .protocols();
        assertEquals(Apriori.class, assertInstanceOf(LndSettings.class, p.get(0).settings()).estimator().getClass());
        Bimodal b = assertInstanceOf(Bimodal.class,
                assertInstanceOf(LndSettings.class, p.get(1).settings()).estimator());
        assertEquals(new Bimodal(300_000_000L, 0.5, 604_800_000_000L), b);
        assertEquals("lnd.bimodal", p.get(1).displayName());
        String m = error("protocols: [{name: lnd.bimodal, bimodal_scale_msat: 0}]");
        assertTrue(m.contains("protocols.0.bimodal_scale_msat"), m);
        m = error("protocols: [{name: lnd.bimodal, bimodal_node_weight: 1.5}]");
        assertTrue(m.contains("protocols.0.bimodal_node_weight"), m);
        m = error("protocols: [{name: lnd.bimodal, bimodal_decay_time_s: -1}]");
        assertTrue(m.contains("protocols.0.bimodal_decay_time_s"), m);
        m = error("protocols: [{name: lnd.bimodal, bimodal_decay_time_s: 0}]");
        assertTrue(m.contains("bimodal_decay_time_s must be > 0"), m);
        m = error("protocols: [{name: lnd, estimator: pickhardt}]");
        assertTrue(m.contains("protocols.0.estimator: 'pickhardt' is not one of apriori"), m);
    }

    /**
     * Beacon entries with one beacon distance get one path computation, for the most beacons any of them keeps,
     * whichever asks first; every pay-loop entry gets the same router.
     */
    @Test
    void aRunDoesAnnouncedWorkOnceForTheMostDemandingEntry() throws Exception {
        List<ProtocolRegistry.Entry> entries = resolve("protocols: [{name: beacon, beacons: 2, label: a}, "
                + "{name: beacon, beacons: 4, label: b}, {name: beacon, beacons: 3, max_beacon_distance: 5, "
                + "label: c}]").protocols();
        ChannelGraph g = new WattsStrogatzGenerator(new WattsStrogatzGenerator.Config(60, 4, 0.2, 800_000, 1),
                org.lnsim.network.generate.GenerationProgress.NONE).generate().graph();
        ProtocolRegistry.Run run = new ProtocolRegistry.Run(g, entries);
        BeaconPaths small = run.get(((BeaconSettings) entries.get(0).settings()).paths());
        assertEquals(4, small.beacons());
        assertSame(small, run.get(((BeaconSettings) entries.get(1).settings()).paths()));
        BeaconPaths near = run.get(((BeaconSettings) entries.get(2).settings()).paths());
        assertEquals(5, near.maxBeaconDistance());
        assertEquals(3, near.beacons());
        // work nobody announced, asking for more than what was done, is redone for it
        assertEquals(6, run.get(new BeaconSettings.SharedPaths(100, 6)).beacons());
        assertEquals(6, run.get(((BeaconSettings) entries.get(0).settings()).paths()).beacons());
        HybridRouter router = run.get(PayLoopProtocol.ROUTER);
        assertSame(router, run.get(PayLoopProtocol.ROUTER));
    }
}
