package org.lnsim.protocols.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lnsim.engine.htlc.PaymentKind;
import org.lnsim.protocols.ant.AntSettings;
import org.lnsim.protocols.ant.MatchChoice;
import org.lnsim.protocols.beacon.BeaconRouting;
import org.lnsim.protocols.beacon.BeaconSettings;
import org.lnsim.protocols.multipart.SplitSettings;
import org.lnsim.protocols.multipart.Splitter;
import org.lnsim.protocols.source.OracleSettings;
import org.lnsim.protocols.source.PayLoopProtocol;
import org.lnsim.protocols.source.PayPolicy;
import org.lnsim.protocols.source.SourceSettings;

/** The protocols' settings records: defaults written once, keys that match them, and the records' own checks. */
class ProtocolSettingsTest {
    private static final List<ProtocolSpec<?>> SPECS = List.of(SourceSettings.SPEC, OracleSettings.SPEC,
            BeaconSettings.SPEC, AntSettings.SPEC, AntSettings.SELECTIVE_SPEC);

    /** Resolved values: every key of {@code spec} at its default, except {@code changes} (key → value). */
    private static Values values(ProtocolSpec<?> spec, Map<Key<?>, Object> changes) {
        Map<Key<?>, Object> m = new HashMap<>();
        spec.keys().forEach(k -> m.put(k, k.dflt()));
        changes.forEach((k, v) -> {
            assertTrue(m.containsKey(k), k.name() + " is not a key of " + spec.name());
            m.put(k, v);
        });
        return new Values() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> T get(Key<T> key) {
                if (!m.containsKey(key)) {
                    throw new IllegalArgumentException(key.name() + " is not a key of " + spec.name());
                }
                return (T) m.get(key);
            }
        };
    }

    private static Values defaults(ProtocolSpec<?> spec) {
        return values(spec, Map.of());
    }

    /** A protocol named alone runs with its record's defaults: the keys' defaults are the record's, not copies. */
    @Test
    void keyDefaultsGiveTheRecordsDefaults() {
        assertEquals(SourceSettings.DEFAULT, SourceSettings.SPEC.from(defaults(SourceSettings.SPEC)));
        assertEquals(OracleSettings.DEFAULT, OracleSettings.SPEC.from(defaults(OracleSettings.SPEC)));
        assertEquals(BeaconSettings.DEFAULT, BeaconSettings.SPEC.from(defaults(BeaconSettings.SPEC)));
        assertEquals(AntSettings.DEFAULT, AntSettings.SPEC.from(defaults(AntSettings.SPEC)));
        assertEquals(AntSettings.DEFAULT.withFanout(4), AntSettings.SELECTIVE_SPEC.from(
                defaults(AntSettings.SELECTIVE_SPEC)));
        assertEquals(PayPolicy.C_LIGHTNING, SourceSettings.DEFAULT.pay());
        assertEquals(new SplitSettings(Splitter.NONE, 16, PaymentKind.MPP), SplitSettings.NONE);
    }

    /** Every key's default is a value the key itself accepts, and every protocol takes a label. */
    @Test
    void everyDefaultIsWithinItsKeysBounds() {
        for (ProtocolSpec<?> spec : SPECS) {
            assertTrue(spec.keys().contains(ProtocolSettings.LABEL), spec.name());
            for (Key<?> k : spec.keys()) {
                Object d = k.dflt();
                String where = spec.name() + "." + k.name();
                switch (k.kind()) {
                    case INT, LONG, DOUBLE -> {
                        double x = ((Number) d).doubleValue();
                        assertTrue(x >= k.min() && x <= k.max(), where + " = " + d);
                    }
                    case CHOICE -> assertTrue(k.choices().contains((String) d), where + " = " + d);
                    default -> {
                    }
                }
            }
        }
    }

    /** The keys pay-loop protocols share come first and alike; each protocol's own follow. */
    @Test
    void payLoopProtocolsShareTheirFirstKeys() {
        List<Key<?>> shared = PayLoopProtocol.keys(List.of());
        assertEquals(shared, OracleSettings.SPEC.keys());
        assertEquals(shared, SourceSettings.SPEC.keys().subList(0, shared.size()));
        assertEquals(shared, BeaconSettings.SPEC.keys().subList(0, shared.size()));
        assertEquals(List.of(SourceSettings.UPDATE_RATE), SourceSettings.SPEC.keys().subList(shared.size(),
                SourceSettings.SPEC.keys().size()));
        assertEquals(AntSettings.K, AntSettings.SELECTIVE_SPEC.keys().get(AntSettings.SPEC.keys().size()));
    }

    @Test
    void valuesReachTheRecordsInTheirUnits() {
        AntSettings ant = AntSettings.SPEC.from(values(AntSettings.SPEC, Map.of(AntSettings.COLLECT_WINDOW_MS, 250,
                AntSettings.WIPE_AFTER_S, 2.5, AntSettings.MAX_HOPS, 7)));
        assertEquals(250_000, ant.collectWindowUs());
        assertEquals(2_500_000, ant.wipeAfterUs());
        assertEquals(7, ant.maxHops());
        assertEquals(3, AntSettings.SELECTIVE_SPEC.from(values(AntSettings.SELECTIVE_SPEC,
                Map.of(AntSettings.K, 3))).fanout());
        BeaconSettings b = BeaconSettings.SPEC.from(values(BeaconSettings.SPEC, Map.of(BeaconSettings.RADIUS, 3,
                BeaconSettings.CANDIDATE_RANKING, "probability", PayPolicy.FUZZ, 0.0, SplitSettings.SPLIT, "cl",
                SplitSettings.PAYMENT_KIND, "amp")));
        assertEquals(3, b.options().radius());
        assertEquals(BeaconRouting.Ranking.PROBABILITY, b.options().ranking());
        assertEquals(0.0, b.pay().fuzz());
        assertEquals("+cl+amp", b.variant());
        assertEquals("", SourceSettings.DEFAULT.variant());
        SourceSettings s = SourceSettings.SPEC.from(values(SourceSettings.SPEC, Map.of(SplitSettings.SPLIT,
                "lnd-halving", SplitSettings.MAX_PARTS, 8, SourceSettings.UPDATE_RATE, 2.0)));
        assertEquals(new SplitSettings(Splitter.LND_HALVING, 8, PaymentKind.MPP), s.split());
        assertEquals("+lnd-halving", s.variant());
        assertEquals(2.0, s.updatesPerChannelPerDay());
    }

    /** Each record refuses what its protocol cannot run, whoever builds it (the schema's bounds are tighter). */
    @Test
    void recordsRejectImpossibleSettings() {
        assertThrows(IllegalArgumentException.class, () -> new SourceSettings(PayPolicy.C_LIGHTNING,
                SplitSettings.NONE, -1));
        assertThrows(IllegalArgumentException.class, () -> new SourceSettings(PayPolicy.C_LIGHTNING,
                SplitSettings.NONE, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new OracleSettings(null, SplitSettings.NONE));
        assertThrows(IllegalArgumentException.class, () -> new SplitSettings(Splitter.CL, 0, PaymentKind.MPP));
        assertThrows(IllegalArgumentException.class, () -> new SplitSettings(Splitter.CL, 484, PaymentKind.MPP));
        assertThrows(IllegalArgumentException.class, () -> new PayPolicy(10, 1.0, 20, 0.5, 5_000, 2016, 9));
        assertThrows(IllegalArgumentException.class, () -> new BeaconSettings(PayPolicy.C_LIGHTNING,
                SplitSettings.NONE, null));
        assertThrows(IllegalArgumentException.class, () -> new BeaconRouting.Options(0, 5, 100, 3,
                BeaconRouting.Ranking.COST, 0));
        AntSettings d = AntSettings.DEFAULT;
        assertThrows(IllegalArgumentException.class, () -> new AntSettings(d.maxHops(), MatchChoice.MAX_WINDOW_US,
                d.maxMatches(), d.maxRounds(), d.wipeAfterUs(), d.maxFeePercent(), d.exemptFeeMsat(), d.finalCltv(),
                d.fanout()));
        assertThrows(IllegalArgumentException.class, () -> d.withFanout(0));
        // a key the spec does not declare is a programming error, not a silent default
        assertThrows(IllegalArgumentException.class, () -> defaults(AntSettings.SPEC).get(AntSettings.K));
    }

    @Test
    void specsRefuseKeysTheyCannotRender() {
        Key<Integer> a = Key.integer("a", 1, 0, 2, "a");
        assertThrows(IllegalArgumentException.class, () -> new ProtocolSpec<>("x", "x", List.of(a), v -> null));
        assertThrows(IllegalArgumentException.class, () -> new ProtocolSpec<>("x", "x",
                List.of(ProtocolSettings.LABEL, a, Key.integer("a", 2, 0, 2, "again")), v -> null));
        assertThrows(IllegalArgumentException.class, () -> Key.choice("c", "d", List.of("a", "b"), "c"));
    }

    /** Beacon entries with one distance share one path computation, made for the most beacons any of them keeps. */
    @Test
    void beaconPathsMergeToTheMostDemandingEntry() {
        BeaconSettings.SharedPaths five = new BeaconSettings.SharedPaths(100, 5);
        BeaconSettings.SharedPaths two = new BeaconSettings.SharedPaths(100, 2);
        BeaconSettings.SharedPaths far = new BeaconSettings.SharedPaths(200, 2);
        assertEquals(five.key(), two.key());
        assertNotEquals(five.key(), far.key());
        assertEquals(five, two.merge(five));
        assertEquals(five, five.merge(two));
        assertTrue(BeaconSettings.DEFAULT.sharedWork().contains(PayLoopProtocol.ROUTER));
        assertTrue(BeaconSettings.DEFAULT.sharedWork().contains(new BeaconSettings.SharedPaths(100, 5)));
        assertSame(PayLoopProtocol.ROUTER, PayLoopProtocol.ROUTER.merge(PayLoopProtocol.ROUTER));
    }
}
