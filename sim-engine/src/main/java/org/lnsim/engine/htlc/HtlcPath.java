package org.lnsim.engine.htlc;

import java.util.Arrays;
import org.lnsim.network.ChannelGraph;

/**
 * The path of one payment attempt as the sender's onion describes it: for each hop i, the direction {@code e_i}, the
 * amount the HTLC on it carries and its CLTV (c-lightning {@code getroute} form). The receiver expects
 * {@code deliverMsat} and at least {@code finalCltv}.
 *
 * @param directions  direction indices, from the sender's channel to the channel into the receiver
 * @param amountsMsat HTLC amount on each direction (non-increasing along the path: each hop keeps its fee)
 * @param cltvs       HTLC CLTV on each direction
 * @param deliverMsat what the receiver must get (the invoice amount, or this part's share of it)
 * @param finalCltv   the smallest CLTV the receiver accepts on its incoming HTLC
 */
public record HtlcPath(int[] directions, long[] amountsMsat, int[] cltvs, long deliverMsat, int finalCltv) {
    public HtlcPath {
        if (directions.length == 0 || directions.length != amountsMsat.length || directions.length != cltvs.length) {
            throw new IllegalArgumentException("a path needs ≥ 1 hop and one amount and CLTV per hop");
        }
        for (long a : amountsMsat) {
            if (a <= 0) {
                throw new IllegalArgumentException("HTLC amounts must be positive");
            }
        }
        directions = directions.clone();
        amountsMsat = amountsMsat.clone();
        cltvs = cltvs.clone();
    }

    public int hops() {
        return directions.length;
    }

    public int direction(int i) {
        return directions[i];
    }

    public long amountMsat(int i) {
        return amountsMsat[i];
    }

    public int cltv(int i) {
        return cltvs[i];
    }

    /** What the sender pays in total: the first HTLC's amount. */
    public long sentMsat() {
        return amountsMsat[0];
    }

    /** Fails with a message if consecutive directions do not join up in {@code graph}. */
    public void checkConnected(ChannelGraph graph) {
        for (int i = 1; i < directions.length; i++) {
            if (graph.target(directions[i - 1]) != graph.source(directions[i])) {
                throw new IllegalArgumentException("hop " + i + " does not start where hop " + (i - 1) + " ends");
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HtlcPath p && Arrays.equals(directions, p.directions)
                && Arrays.equals(amountsMsat, p.amountsMsat) && Arrays.equals(cltvs, p.cltvs)
                && deliverMsat == p.deliverMsat && finalCltv == p.finalCltv;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(directions) * 31 + Long.hashCode(deliverMsat);
    }

    @Override
    public String toString() {
        return "HtlcPath" + Arrays.toString(directions) + " " + Arrays.toString(amountsMsat) + " msat";
    }
}
