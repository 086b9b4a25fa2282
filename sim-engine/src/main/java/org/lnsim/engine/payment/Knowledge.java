package org.lnsim.engine.payment;

/** What a protocol is allowed to know about channel balances. */
public enum Knowledge {
    /** The public graph (capacities, policies) plus the balances of the asking node's own channels. */
    PUBLIC_GRAPH,
    /** Every channel's true current balance: an oracle, the upper bound other schemes are measured against. */
    TRUE_BALANCES
}
