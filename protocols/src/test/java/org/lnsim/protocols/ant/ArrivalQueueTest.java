package org.lnsim.protocols.ant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Both layouts of the queue against {@link PriorityQueue} on Dijkstra-like traffic: each popped key pushes a few keys
 * later by a random delay in [min, max] (with many equal arrival times, so the sequence bits decide), and stale
 * entries are pushed as the wave does.
 */
class ArrivalQueueTest {
    private static final int SEQ_BITS = 30;

    /** Pops everything in key order, whatever the layout; returns how many keys came out. */
    private static int drainAgainstReference(ArrivalQueue q, long minDelay, long maxDelay, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        PriorityQueue<Long> ref = new PriorityQueue<>();
        q.clear();
        long seq = 0;
        for (int i = 0; i < 3; i++) {
            long k = seq++;   // arrival 0
            q.push(k);
            ref.add(k);
        }
        int popped = 0;
        long previous = -1;
        while (!ref.isEmpty()) {
            assertTrue(!q.isEmpty());
            long expected = ref.poll();
            long got = q.pop();
            assertEquals(expected, got, "pop " + popped);
            assertTrue(got > previous);
            previous = got;
            popped++;
            long arrival = got >>> SEQ_BITS;
            int fanout = popped < 4_000 ? 1 + r.nextInt(3) : r.nextInt(2);
            for (int i = 0; i < fanout && seq < 20_000; i++) {
                long delay = minDelay + r.nextLong(maxDelay - minDelay + 1);
                long k = (arrival + delay) << SEQ_BITS | seq++;
                q.push(k);
                ref.add(k);
            }
        }
        assertTrue(q.isEmpty());
        return popped;
    }

    @Test
    void calendarPopsInKeyOrder() {
        ArrivalQueue q = new ArrivalQueue(SEQ_BITS);
        // delays 3..40 µs: bucket width 2, ring 32; 1000..1000 µs: every arrival on the same few times
        long[][] ranges = {{3, 40}, {1_000, 1_000}, {1, 1}, {4_096, 300_000}};
        for (long[] d : ranges) {
            q.useDelays(d[0], d[1]);
            for (long seed = 1; seed <= 5; seed++) {
                assertTrue(drainAgainstReference(q, d[0], d[1], seed) > 1_000);
            }
        }
    }

    /**
     * One calendar bucket holding thousands of keys that differ in every bit below the bucket's own (arrival offset
     * and sequence): they come out sorted (the bucket's radix sort), as do small buckets (insertion sort).
     */
    @Test
    void aFullBucketComesOutSorted() {
        ArrivalQueue q = new ArrivalQueue(SEQ_BITS);
        q.useDelays(4_096, 8_192);   // buckets of 4,096 µs
        SplittableRandom r = new SplittableRandom(3);
        for (int n : new int[] {5_000, 63, 64, 1}) {
            q.clear();
            java.util.TreeSet<Long> keys = new java.util.TreeSet<>();
            while (keys.size() < n) {
                long arrival = 4_096 + r.nextInt(4_096);   // all in bucket 1
                keys.add(arrival << SEQ_BITS | r.nextLong(1L << SEQ_BITS));
            }
            for (long k : keys.descendingSet()) {
                q.push(k);
            }
            for (long expected : keys) {
                assertEquals(expected, q.pop());
            }
            assertTrue(q.isEmpty());
        }
    }

    @Test
    void radixHeapPopsInKeyOrder() {
        ArrivalQueue q = new ArrivalQueue(SEQ_BITS);
        q.useRadix();
        for (long seed = 1; seed <= 5; seed++) {
            assertTrue(drainAgainstReference(q, 0, 50, seed) > 1_000);
        }
        // a zero minimum delay or a ring too large for a calendar falls back to the radix heap, still in order
        q.useDelays(0, 10);
        assertTrue(drainAgainstReference(q, 0, 10, 7) > 1_000);
        q.useDelays(1, 1L << 20);
        assertTrue(drainAgainstReference(q, 1, 1L << 20, 8) > 1_000);
    }
}
