package org.lnsim.protocols.routing;

import java.util.List;

/**
 * A route found by a router, or the reason there is none.
 *
 * @param hops       hops from the sender's first channel to the channel into the destination; empty if none
 * @param amountMsat the payment amount delivered to the destination
 * @param costMsat   the selection cost ({@code total + risk}, with fuzzed fees) of the route
 * @param algorithm  which search produced it
 * @param failure    why there is no route, or null
 */
public record Route(List<RouteHop> hops, long amountMsat, long costMsat, Algorithm algorithm, String failure) {
    public Route {
        hops = List.copyOf(hops);
    }

    public static Route none(long amountMsat, Algorithm algorithm, String reason) {
        return new Route(List.of(), amountMsat, Long.MAX_VALUE, algorithm, reason);
    }

    public boolean found() {
        return failure == null;
    }

    public int hopCount() {
        return hops.size();
    }

    /** What the sender sends on its first channel: amount plus every intermediate fee. */
    public long totalAmountMsat() {
        return hops.isEmpty() ? 0 : hops.get(0).amountMsat();
    }

    /** Sum of the (unfuzzed, BOLT 7) fees paid to intermediate nodes. */
    public long feeMsat() {
        return hops.isEmpty() ? 0 : totalAmountMsat() - amountMsat;
    }
}
