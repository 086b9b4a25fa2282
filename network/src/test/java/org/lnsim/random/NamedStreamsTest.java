package org.lnsim.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NamedStreamsTest {
    @Test
    void namedStreamsAreStableAndDistinct() {
        long a = NamedStreams.stream(1, "edges").nextLong();
        assertEquals(a, NamedStreams.stream(1, "edges").nextLong());
        assertTrue(a != NamedStreams.stream(1, "degrees").nextLong());
        assertTrue(a != NamedStreams.stream(2, "edges").nextLong());
        assertEquals(NamedStreams.seedOf(1, "edges"), NamedStreams.seedOf(1, "edges"));
        // FNV-1a 64 of "a" is the published test vector 0xaf63dc4c8601ec8c
        assertEquals(0xaf63dc4c8601ec8cL, NamedStreams.fnv1a64("a"));
    }
}
