package org.lnsim.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lnsim.protocols.pickhardt.PickhardtSettings;

/**
 * {@code pickhardt} in an experiment file: Core Lightning v25.09's defaults, overrides, and bad values refused naming
 * the key (the CLI turns a {@link ConfigException} into exit code 2).
 */
class PickhardtSettingsTest {
    private static ExperimentSettings resolve(String yaml) throws Exception {
        return ConfigSchema.resolve(Configs.yaml().readTree(yaml), "test.yaml");
    }

    private static String error(String yaml) {
        return assertThrows(ConfigException.class, () -> resolve(yaml)).getMessage();
    }

    /**
     * Defaults: μ from 1, 1,000 units, one path up to 1,000 sat, 100 parts, fee budget max(1 %, 5,000 msat), maxdelay
     * 2016, final CLTV 18, 20 hops, bounds forgotten after 3,600 s, 50 ms collection window. xpay's budget of
     * 100,000 msat is its 5,000-msat floor; of 100,000,000 msat, 1 % = 1,000,000.
     */
    @Test
    void defaultsAreCoreLightningsAndKeysOverrideThem() throws Exception {
        List<ProtocolRegistry.Entry> p = resolve("protocols: [pickhardt, {name: pickhardt, mu_start: 50, "
                + "max_parts: 8, constraint_max_age_s: 60, label: p8}]").protocols();
        PickhardtSettings d = assertInstanceOf(PickhardtSettings.class, p.get(0).settings());
        assertEquals(PickhardtSettings.DEFAULT, d);
        assertEquals(new PickhardtSettings(1, 1000, 1_000_000, 100, 1.0, 5_000, 2016, 18, 20, 3_600_000_000L, 50_000),
                d);
        assertEquals(5_000, d.maxFeeMsat(100_000));
        assertEquals(1_000_000, d.maxFeeMsat(100_000_000));
        PickhardtSettings o = assertInstanceOf(PickhardtSettings.class, p.get(1).settings());
        assertEquals(50, o.muStart());
        assertEquals(8, o.maxParts());
        assertEquals(60_000_000L, o.constraintMaxAgeUs());
        assertEquals("p8", p.get(1).displayName());
    }

    /** μ outside [1, 100], no parts, a negative budget, a zero age: refused, naming the key. */
    @Test
    void badValuesAreRefusedNamingTheKey() {
        String m = error("protocols: [{name: pickhardt, mu_start: 0}]");
        assertTrue(m.contains("protocols.0.mu_start"), m);
        m = error("protocols: [{name: pickhardt, mu_start: 101}]");
        assertTrue(m.contains("protocols.0.mu_start"), m);
        m = error("protocols: [{name: pickhardt, max_parts: 0}]");
        assertTrue(m.contains("protocols.0.max_parts"), m);
        m = error("protocols: [{name: pickhardt, max_fee_percent: -1}]");
        assertTrue(m.contains("protocols.0.max_fee_percent"), m);
        m = error("protocols: [{name: pickhardt, units: 0}]");
        assertTrue(m.contains("protocols.0.units"), m);
        m = error("protocols: [{name: pickhardt, constraint_max_age_s: 0}]");
        assertTrue(m.contains("constraint_max_age_s must be > 0"), m);
        m = error("protocols: [{name: pickhardt, collect_window_ms: -5}]");
        assertTrue(m.contains("protocols.0.collect_window_ms"), m);
        m = error("protocols: [{name: pickhardt, mu: 3}]");
        assertTrue(m.contains("protocols.0.mu: unknown key"), m);
    }
}
