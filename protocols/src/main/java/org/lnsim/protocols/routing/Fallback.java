package org.lnsim.protocols.routing;

/** The hybrid router's fallback when Dijkstra's cheapest route exceeds the hop limit (lightning-facts §2.0). */
public enum Fallback {
    /** Bellman-Ford-Gibson: the exact cheapest route within the limit (§2.3); the default. */
    BFG,
    /** c-lightning v0.7.1 {@code find_shorter_route}: smallest per-hop bias whose Dijkstra route fits (§2.4). */
    BIAS
}
