package org.lnsim.engine.payment;

/** What a protocol is allowed to know about channel balances. */
public enum Knowledge {
    /** The public graph (capacities, policies) plus the balances of the asking node's own channels. */
    PUBLIC_GRAPH,
    /**
     * Every channel's true current balance: an oracle, which never picks a route short of balance at the moment it
     * sends. Not an upper bound over a workload: what it delivers moves funds and changes what later payments meet.
     */
    TRUE_BALANCES
}
