package org.lnsim.protocols.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Key's hand-written equals and hashCode behave as the record's generated ones: every component counts. */
class KeyTest {
    private static final Key<Double> K = Key.dbl("rate", 0.5, 0, 10, "a rate");

    @Test
    void equalComponentsAreEqualKeysWithTheGeneratedHash() {
        Key<Double> same = new Key<>("rate", Key.Kind.DOUBLE, 0.5, 0, 10, List.of(), "a rate");
        assertEquals(K, same);
        assertEquals(K.hashCode(), same.hashCode());
        // the generated record hash: 31·h + each component's hash, in declaration order, from 0
        int h = 0;
        for (Object c : new Object[] {"rate", Key.Kind.DOUBLE, 0.5, 0.0, 10.0, List.of(), "a rate"}) {
            h = 31 * h + c.hashCode();
        }
        assertEquals(h, K.hashCode());
    }

    @Test
    void eachComponentTellsKeysApart() {
        assertNotEquals(K, Key.dbl("other", 0.5, 0, 10, "a rate"));
        assertNotEquals(K, new Key<>("rate", Key.Kind.STRING, 0.5, 0, 10, List.of(), "a rate"));
        assertNotEquals(K, K.withDefault(0.25));
        assertNotEquals(K, K.withDefault(null));
        assertNotEquals(K, Key.dbl("rate", 0.5, -0.0, 10, "a rate")); // Double.compare: 0.0 is not -0.0
        assertNotEquals(K, Key.dbl("rate", 0.5, 0, 11, "a rate"));
        assertNotEquals(K, new Key<>("rate", Key.Kind.DOUBLE, 0.5, 0, 10, List.of("x"), "a rate"));
        assertNotEquals(K, Key.dbl("rate", 0.5, 0, 10, "another"));
        assertNotEquals(K, "rate");
        assertEquals(K.withDefault(null), K.withDefault(null));
    }
}
