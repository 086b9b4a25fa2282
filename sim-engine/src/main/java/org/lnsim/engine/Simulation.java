package org.lnsim.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * One simulation run: the clock, the event queue and the random streams. Plain instance state, no statics, so
 * several simulations can run in parallel threads; one simulation is driven by one thread.
 *
 * <p>Time is in µs ({@code long}: 292,000 years of range). Events scheduled for the same µs fire in scheduling order
 * ({@link EventQueue}). Optional after-event checks (see {@link #afterEachEvent}) implement the engine's
 * {@code --check-invariants} mode.
 */
public final class Simulation {
    private final EventQueue queue = new EventQueue();
    private final RandomStreams random;
    private final List<Runnable> afterEvent = new ArrayList<>();
    private long now;
    private long fired;

    public Simulation(long masterSeed) {
        this(new RandomStreams(masterSeed));
    }

    /** With these streams, which this simulation alone draws from. */
    public Simulation(RandomStreams random) {
        this.random = random;
    }

    /** Current simulated time in µs. */
    public long now() {
        return now;
    }

    public RandomStreams random() {
        return random;
    }

    /** Schedules {@code e} to fire {@code delayUs} (≥ 0) after now. */
    public void schedule(long delayUs, Event e) {
        if (delayUs < 0) {
            throw new IllegalArgumentException("negative delay: " + delayUs + " µs");
        }
        queue.add(Math.addExact(now, delayUs), e);
    }

    /** Schedules {@code e} at the absolute time {@code timeUs} (≥ now). */
    public void scheduleAt(long timeUs, Event e) {
        if (timeUs < now) {
            throw new IllegalArgumentException("cannot schedule in the past: " + timeUs + " < " + now + " µs");
        }
        queue.add(timeUs, e);
    }

    /** Registers a check run after every event (for invariant checking); it should throw when violated. */
    public void afterEachEvent(Runnable check) {
        afterEvent.add(check);
    }

    /** Runs until no event is left; returns the number of events fired by this call. */
    public long run() {
        return runUntil(Long.MAX_VALUE);
    }

    /**
     * Fires every event with time ≤ {@code endUs} in order, then sets the clock to {@code endUs} if the queue still
     * holds later events (or leaves it at the last event's time if it ran dry). Returns the number of events fired.
     */
    public long runUntil(long endUs) {
        long start = fired;
        while (!queue.isEmpty() && queue.peekTime() <= endUs) {
            now = queue.peekTime();
            Event e = queue.poll();
            e.fire();
            fired++;
            for (int i = 0; i < afterEvent.size(); i++) {
                afterEvent.get(i).run();
            }
        }
        if (!queue.isEmpty() && endUs > now) {
            now = endUs;
        }
        return fired - start;
    }

    /** Events fired since the simulation was created. */
    public long eventsFired() {
        return fired;
    }

    public int pendingEvents() {
        return queue.size();
    }
}
