package org.lnsim.protocols.pickhardt;

/**
 * One path of a plan and what it delivers to the receiver — askrene's {@code struct flow} ({@code
 * plugins/askrene/flow.h} v25.09). The amount is mutable while the plan is refined ({@link Refine}).
 */
final class Flow {
    /** The directions from the sender to the receiver. */
    final int[] dirs;
    long deliverMsat;

    Flow(int[] dirs, long deliverMsat) {
        this.dirs = dirs;
        this.deliverMsat = deliverMsat;
    }

    int hops() {
        return dirs.length;
    }

    /**
     * The HTLC amount on each hop in the engine's convention ({@link org.lnsim.engine.htlc.HtlcPath}): the last hop
     * carries what is delivered, each earlier hop that plus the fee the next hop's node charges; the sender charges
     * itself nothing on its own channel.
     */
    long[] amounts(Policies g) {
        long[] a = new long[dirs.length];
        a[dirs.length - 1] = deliverMsat;
        for (int i = dirs.length - 2; i >= 0; i--) {
            a[i] = a[i + 1] + g.feeMsat(dirs[i + 1], a[i + 1]);
        }
        return a;
    }

    /** The fee this flow pays: the first hop's amount less what it delivers. */
    long feeMsat(Policies g) {
        return amounts(g)[0] - deliverMsat;
    }

    /** The sum of the CLTV deltas the intermediate nodes ask for (askrene's {@code flow_delay}, less the first hop's). */
    int delay(Policies g) {
        int d = 0;
        for (int i = 1; i < dirs.length; i++) {
            d += g.cltvExpiryDelta(dirs[i]);
        }
        return d;
    }

    /** Each hop's CLTV: the last {@code finalCltv}, each earlier one the next plus the next hop's delta. */
    int[] cltvs(Policies g, int finalCltv) {
        int[] c = new int[dirs.length];
        c[dirs.length - 1] = finalCltv;
        for (int i = dirs.length - 2; i >= 0; i--) {
            c[i] = c[i + 1] + g.cltvExpiryDelta(dirs[i + 1]);
        }
        return c;
    }
}
