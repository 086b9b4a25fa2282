package org.lnsim.protocols.pickhardt;

/**
 * What one route query believes of each direction: whether it may carry the payment at all, and the liquidity
 * bounds — askrene's {@code channel_is_available} and {@code get_constraints} ({@code plugins/askrene/mcf.c},
 * {@code askrene.c} v25.09): by default [0, capacity]; the sender's own channels exactly their spendable balance;
 * tightened by what the sender learnt ({@link Liquidity}) and lowered by what earlier flows of the same query
 * reserved.
 */
interface Bounds {
    /**
     * Whether direction e, leaving node {@code from}, may carry flow: a known, enabled policy not disabled for this
     * payment. (The caller passes what it knows of e, so that a query reads each direction's data once.)
     */
    boolean usable(int e, int from);

    /** The liquidity of e (leaving {@code from}) is at least this (msat). */
    long minMsat(int e, int from);

    /** The liquidity of e (leaving {@code from}, of that capacity) is at most this (msat, inclusive). */
    long maxMsat(int e, int from, long capacityMsat);
}
