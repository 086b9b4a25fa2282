package org.lnsim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class RandomStreamsTest {
    @Test
    void aStreamDependsOnlyOnSeedAndName() {
        RandomStreams a = new RandomStreams(42);
        RandomStreams b = new RandomStreams(42);
        // b uses other streams first and in another order: "workload" must not notice
        b.stream("latency").nextLong();
        b.stream("balances").nextInt(10);
        long[] fromA = {a.stream("workload").nextLong(), a.stream("workload").nextLong()};
        long[] fromB = {b.stream("workload").nextLong(), b.stream("workload").nextLong()};
        assertEquals(fromA[0], fromB[0]);
        assertEquals(fromA[1], fromB[1]);
        assertSame(a.stream("workload"), a.stream("workload"));
        assertEquals(new RandomStreams(42).fresh("workload").nextLong(), fromA[0]);
    }

    @Test
    void namesAndSeedsGiveDifferentStreams() {
        assertNotEquals(RandomStreams.seedOf(42, "workload"), RandomStreams.seedOf(42, "balances"));
        assertNotEquals(RandomStreams.seedOf(42, "workload"), RandomStreams.seedOf(43, "workload"));
        assertNotEquals(new RandomStreams(1).stream("protocol.source").nextLong(),
                new RandomStreams(1).stream("protocol.oracle").nextLong());
    }
}
