package org.lnsim.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lnsim.protocols.ldk.LdkSettings;

/**
 * {@code ldk} in an experiment file: LDK v0.2.5's defaults, a key changed, and bad input refused naming the key
 * (a {@link ConfigException}, exit code 2 in the CLI).
 */
class LdkConfigTest {
    private static ExperimentSettings resolve(String yaml) throws Exception {
        return ConfigSchema.resolve(Configs.yaml().readTree(yaml), "test.yaml");
    }

    private static String error(String yaml) {
        return assertThrows(ConfigException.class, () -> resolve(yaml)).getMessage();
    }

    @Test
    void ldkResolvesWithLdkDefaults() throws Exception {
        List<ProtocolRegistry.Entry> p = resolve("protocols: [ldk, {name: ldk, max_path_count: 1, "
                + "linear_success_probability: true, label: ldk-single}]").protocols();
        assertEquals(LdkSettings.DEFAULT, assertInstanceOf(LdkSettings.class, p.get(0).settings()));
        LdkSettings single = assertInstanceOf(LdkSettings.class, p.get(1).settings());
        assertEquals(1, single.maxPathCount());
        assertTrue(single.linearSuccessProbability());
        assertEquals(1_800_000_000L, single.liquidityOffsetHalfLifeUs());
        assertEquals("ldk-single", p.get(1).displayName());
    }

    /** Negative penalties and half-lives, out-of-range limits and unknown keys name their key. */
    @Test
    void badLdkSettingsNameTheKey() {
        String m = error("protocols: [{name: ldk, base_penalty_msat: -1}]");
        assertTrue(m.contains("protocols.0.base_penalty_msat"), m);
        m = error("protocols: [{name: ldk, historical_liquidity_penalty_multiplier_msat: -5}]");
        assertTrue(m.contains("protocols.0.historical_liquidity_penalty_multiplier_msat"), m);
        m = error("protocols: [{name: ldk, liquidity_offset_half_life_s: -60}]");
        assertTrue(m.contains("protocols.0.liquidity_offset_half_life_s"), m);
        m = error("protocols: [{name: ldk, historical_no_updates_half_life_s: -1}]");
        assertTrue(m.contains("protocols.0.historical_no_updates_half_life_s"), m);
        m = error("protocols: [{name: ldk, max_path_length: 20}]");
        assertTrue(m.contains("protocols.0.max_path_length"), m);
        m = error("protocols: [{name: ldk, max_path_count: 0}]");
        assertTrue(m.contains("protocols.0.max_path_count"), m);
        m = error("protocols: [{name: ldk, scorer: bimodal}]");
        assertTrue(m.contains("protocols.0.scorer: unknown key"), m);
        m = error("protocols: [{name: ldk, max_total_cltv_expiry_delta: 20}]");
        assertTrue(m.contains("max_total_cltv_expiry_delta must be above final_cltv"), m);
    }
}
