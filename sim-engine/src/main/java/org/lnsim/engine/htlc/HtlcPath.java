package org.lnsim.engine.htlc;

import java.util.Arrays;
import org.lnsim.network.ChannelGraph;

/**
 * The path of one payment attempt as the sender's onion describes it: for each hop i, the direction {@code e_i}, the
 * amount the HTLC on it carries and its CLTV (c-lightning {@code getroute} form). The receiver expects this part to
 * bring {@code deliverMsat}, the whole payment {@code totalMsat} (BOLT 4 {@code payment_data.total_msat}; equal to
 * {@code deliverMsat} for a single-part payment), and a CLTV of at least {@code finalCltv}.
 *
 * @param directions  direction indices, from the sender's channel to the channel into the receiver
 * @param amountsMsat HTLC amount on each direction (non-increasing along the path: each hop keeps its fee)
 * @param cltvs       HTLC CLTV on each direction
 * @param paymentId   the payment this attempt belongs to (parts of one payment share it, as they share the hash)
 * @param deliverMsat what this part must bring the receiver
 * @param totalMsat   the payment's total, which the receiver waits for before fulfilling any part
 * @param finalCltv   the smallest CLTV the receiver accepts on its incoming HTLC
 */
public record HtlcPath(int[] directions, long[] amountsMsat, int[] cltvs, long paymentId, long deliverMsat,
                       long totalMsat, int finalCltv) {
    public HtlcPath {
        if (deliverMsat <= 0 || totalMsat < deliverMsat) {
            throw new IllegalArgumentException("need 0 < deliver <= total: " + deliverMsat + ", " + totalMsat);
        }
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

    /** A single-part payment's path: the part is the whole payment. */
    public static HtlcPath single(int[] directions, long[] amountsMsat, int[] cltvs, long paymentId, int finalCltv) {
        long deliver = amountsMsat[amountsMsat.length - 1];
        return new HtlcPath(directions, amountsMsat, cltvs, paymentId, deliver, deliver, finalCltv);
    }

    /** Whether this part alone completes its payment. */
    public boolean isWholePayment() {
        return deliverMsat >= totalMsat;
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
                && paymentId == p.paymentId && deliverMsat == p.deliverMsat && totalMsat == p.totalMsat
                && finalCltv == p.finalCltv;
    }

    @Override
    public int hashCode() {
        return (Arrays.hashCode(directions) * 31 + Long.hashCode(deliverMsat)) * 31 + Long.hashCode(paymentId);
    }

    @Override
    public String toString() {
        return "HtlcPath[payment " + paymentId + "]" + Arrays.toString(directions) + " " + Arrays.toString(amountsMsat) + " msat";
    }
}
