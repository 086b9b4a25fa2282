package org.lnsim.protocols.routing;

/**
 * One hop of a route, in c-lightning {@code getroute} form.
 *
 * @param channel   channel index in the graph
 * @param scid      its short channel id
 * @param direction 0 or 1 (BOLT 7: 0 leaves node_1)
 * @param amountMsat the amount the HTLC on this channel carries (what the next node receives)
 * @param cltv       the HTLC's CLTV on this channel, counted from the final CLTV (c-lightning's {@code delay})
 */
public record RouteHop(int channel, long scid, int direction, long amountMsat, int cltv) {
    /** Direction index {@code 2·channel + direction} in the graph. */
    public int directionIndex() {
        return 2 * channel + direction;
    }
}
