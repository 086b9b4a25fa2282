package org.lnsim.engine;

/** Something that happens at one instant of simulated time. Scheduled with {@link Simulation#schedule}. */
@FunctionalInterface
public interface Event {
    /** Runs the event; {@link Simulation#now()} is the event's time while it runs. */
    void fire();
}
