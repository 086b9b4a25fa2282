package org.lnsim.engine.htlc;

/**
 * How long HTLC messages take to cross a channel. Implementations must be deterministic functions of their
 * construction seed and the calls made, and draw only from the run's {@code "latency"} stream.
 */
public interface LatencyModel {
    /**
     * µs from the moment the source of direction {@code e} decides to offer an HTLC along e until the target may
     * act on it (the update_add_htlc and the commitment exchange that makes it irrevocable).
     */
    long offerUs(int e);

    /** µs for a fulfil or fail of the HTLC along direction {@code e} to travel back and be committed at e's source. */
    long resolveUs(int e);

    /** µs the source of {@code e} waits before concluding that e's target is offline. */
    long offlineUs(int e);

    /**
     * µs for a protocol's control message (gossip, beacon or ant messages) to cross the channel of direction e from
     * its source to its target: a one-way trip, no commitment exchange.
     */
    long controlUs(int e);

    /**
     * Whether {@link #controlUs} is a function of the direction alone, the same on every call (callers may then
     * cache it); false for models that draw a fresh delay per call.
     */
    default boolean controlUsFixed() {
        return false;
    }
}
