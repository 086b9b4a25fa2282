package org.lnsim.protocols.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RadixHeapTest {
    /** Identity tie ranks except that 3 and 1 swap: among equal keys node 3 comes out before node 1. */
    @Test
    void handWorkedOrder_keysThenTieRank() {
        int[] rank = {0, 3, 2, 1};
        RadixHeap h = new RadixHeap(rank);
        h.clear(10);
        h.push(0, 10);
        assertEquals(0, h.pop());
        h.push(1, 15);
        h.push(2, 12);
        h.push(3, 15);
        h.push(2, 11); // a lowered key pushed again; the entry at 12 is stale
        assertEquals(2, h.pop()); // 11
        assertEquals(2, h.pop()); // 12, stale, still comes out in order
        assertEquals(3, h.pop()); // 15, rank 1
        assertEquals(1, h.pop()); // 15, rank 3
        assertTrue(h.isEmpty());
    }

    /**
     * Random Dijkstra-like use (every push above the key last popped, many equal keys, wide key gaps): the pop
     * sequence equals the entries sorted by (key, tie rank), the order of a binary heap with the same tie rule.
     */
    @Test
    void randomMonotoneUse_popsInKeyThenRankOrder() {
        SplittableRandom rnd = new SplittableRandom(3);
        int n = 500;
        int[] rank = new int[n];
        for (int i = 0; i < n; i++) {
            rank[i] = (i * 7919) % n; // a permutation (7919 is prime, coprime to 500)
        }
        for (int round = 0; round < 20; round++) {
            RadixHeap h = new RadixHeap(rank);
            long floor = rnd.nextLong(1L << 40);
            h.clear(floor);
            List<long[]> pending = new ArrayList<>(); // {key, node} not yet popped, the reference
            long last = floor;
            int pushes = 0;
            while (pushes < 2000 || !pending.isEmpty()) {
                if (pushes < 2000 && (pending.isEmpty() || rnd.nextInt(3) > 0)) {
                    long gap = rnd.nextInt(4) == 0 ? rnd.nextLong(1L << 30) : rnd.nextInt(5);
                    long key = last + 1 + gap;
                    int node = rnd.nextInt(n);
                    h.push(node, key);
                    pending.add(new long[] {key, node});
                    pushes++;
                } else {
                    long[] expected = pending.stream()
                            .min(Comparator.<long[]>comparingLong(e -> e[0]).thenComparingInt(e -> rank[(int) e[1]])
                                    .thenComparingLong(e -> e[1]))
                            .orElseThrow();
                    int got = h.pop();
                    assertEquals(expected[1], got, "round " + round);
                    assertEquals(expected[0], h.lastKey());
                    pending.remove(expected);
                    last = expected[0];
                }
            }
            assertTrue(h.isEmpty());
        }
    }
}
