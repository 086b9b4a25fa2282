package org.lnsim.protocols.routing;

/** Which search produced a route, or which search to run. */
public enum Algorithm {
    /** Dijkstra, then a fallback only if its route is longer than the hop limit (c-lightning v0.7.1+). */
    HYBRID("hybrid"),
    /** Plain Dijkstra; its route may be longer than the hop limit, in which case there is no answer. */
    DIJKSTRA("dijkstra"),
    /** Plain Bellman-Ford-Gibson (c-lightning ≤ v0.7.0): cheapest route for each hop count ≤ the limit. */
    BFG("bfg"),
    /** Hybrid's result when the BFG fallback ran. */
    FALLBACK_BFG("fallback-bfg"),
    /** Hybrid's result when the per-hop-bias fallback ran. */
    FALLBACK_BIAS("fallback-bias"),
    /**
     * lnd's probability-weighted Dijkstra ({@code org.lnsim.protocols.lnd}): the label of its routes, never an
     * algorithm a {@link RouteRequest} can ask the hybrid router for.
     */
    LND("lnd"),
    /** LDK's {@code find_route} ({@code org.lnsim.protocols.ldk}): likewise only a label. */
    LDK("ldk"),
    /** CLoTH's lnd-0.10-like search ({@code org.lnsim.protocols.cloth}): likewise only a label. */
    CLOTH("cloth");

    private final String label;

    Algorithm(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
