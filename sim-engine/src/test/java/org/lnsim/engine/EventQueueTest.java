package org.lnsim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EventQueueTest {
    /**
     * Differential: 20,000 events with times drawn from only 50 values (so most times tie), polled in between, must
     * come out exactly as a stable sort by time of the insertion order — the (time, sequence) total order.
     */
    @Test
    void pollsInTimeThenInsertionOrder() {
        SplittableRandom rnd = new SplittableRandom(7);
        EventQueue q = new EventQueue();
        List<long[]> inserted = new ArrayList<>(); // {time, insertion index}
        List<Integer> polled = new ArrayList<>();
        List<long[]> pending = new ArrayList<>();
        int[] firedId = new int[1];
        for (int i = 0; i < 20_000; i++) {
            long t = rnd.nextInt(50);
            int id = i;
            long[] rec = {t, id};
            inserted.add(rec);
            pending.add(rec);
            q.add(t, () -> firedId[0] = id);
            if (rnd.nextInt(3) == 0) {
                // oracle: the earliest pending by (time, insertion)
                long[] min = pending.stream().min(Comparator.<long[]>comparingLong(r -> r[0]).thenComparingLong(r -> r[1])).orElseThrow();
                assertEquals(min[0], q.peekTime());
                q.poll().fire();
                assertEquals((int) min[1], firedId[0]);
                pending.remove(min);
                polled.add(firedId[0]);
            }
        }
        pending.sort(Comparator.<long[]>comparingLong(r -> r[0]).thenComparingLong(r -> r[1]));
        for (long[] rec : pending) {
            assertEquals(rec[0], q.peekTime());
            q.poll().fire();
            assertEquals((int) rec[1], firedId[0]);
        }
        assertTrue(q.isEmpty());
        assertEquals(20_000, polled.size() + pending.size());
    }

    @Test
    void emptyQueueRefusesToPoll() {
        EventQueue q = new EventQueue();
        assertThrows(IllegalStateException.class, q::poll);
        assertThrows(IllegalStateException.class, q::peekTime);
        assertThrows(IllegalArgumentException.class, () -> q.add(0, null));
    }
}
