package org.lnsim.protocols.pickhardt;

import org.lnsim.network.ChannelGraph;
import org.lnsim.network.Fees;

/**
 * The fees and CLTV deltas a plan is priced with: the network's announced ones, or — on a living network (issue
 * 22) — what the sender has heard by gossip ({@link Mcf}'s table, which the run's beliefs rewrite before each plan).
 * HTLC minimum and maximum and capacities do not change and are read from the graph.
 */
interface Policies {
    long feeBaseMsat(int e);

    long feeProportionalMillionths(int e);

    int cltvExpiryDelta(int e);

    /** BOLT 7 fee to forward {@code amountMsat} over e ({@link Fees}). */
    default long feeMsat(int e, long amountMsat) {
        return Fees.feeMsat(feeBaseMsat(e), feeProportionalMillionths(e), amountMsat);
    }

    /** The graph's announced policies. */
    static Policies announced(ChannelGraph g) {
        return new Policies() {
            @Override
            public long feeBaseMsat(int e) {
                return g.feeBaseMsat(e);
            }

            @Override
            public long feeProportionalMillionths(int e) {
                return g.feeProportionalMillionths(e);
            }

            @Override
            public int cltvExpiryDelta(int e) {
                return g.cltvExpiryDelta(e);
            }

            @Override
            public long feeMsat(int e, long amountMsat) {
                return g.feeMsat(e, amountMsat);
            }
        };
    }
}
