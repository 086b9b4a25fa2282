package org.lnsim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulationTest {
    @Test
    void clockFollowsEventsAndTiesKeepSchedulingOrder() {
        Simulation sim = new Simulation(1);
        List<String> log = new ArrayList<>();
        sim.schedule(10, () -> {
            log.add("a@" + sim.now());
            sim.schedule(0, () -> log.add("c@" + sim.now())); // same instant, scheduled later: fires after b
        });
        sim.schedule(10, () -> log.add("b@" + sim.now()));
        sim.schedule(5, () -> log.add("first@" + sim.now()));
        assertEquals(4, sim.run());
        assertEquals(List.of("first@5", "a@10", "b@10", "c@10"), log);
        assertEquals(10, sim.now());
    }

    @Test
    void runUntilStopsAtTheBoundaryAndAdvancesTheClock() {
        Simulation sim = new Simulation(1);
        List<Long> times = new ArrayList<>();
        for (long t : new long[] {3, 7, 7, 12}) {
            sim.scheduleAt(t, () -> times.add(sim.now()));
        }
        assertEquals(3, sim.runUntil(7));
        assertEquals(List.of(3L, 7L, 7L), times);
        assertEquals(1, sim.pendingEvents());
        assertEquals(0, sim.runUntil(10)); // nothing fires before 12
        assertEquals(10, sim.now());
        assertThrows(IllegalArgumentException.class, () -> sim.scheduleAt(9, () -> { }));
        assertThrows(IllegalArgumentException.class, () -> sim.schedule(-1, () -> { }));
    }

    @Test
    void afterEventChecksRunAfterEveryEvent() {
        Simulation sim = new Simulation(1);
        int[] checks = new int[1];
        sim.afterEachEvent(() -> checks[0]++);
        sim.schedule(1, () -> sim.schedule(1, () -> { }));
        sim.run();
        assertEquals(2, checks[0]);
    }
}
