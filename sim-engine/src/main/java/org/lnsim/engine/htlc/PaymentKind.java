package org.lnsim.engine.htlc;

/**
 * How the parts of a multi-part payment are bound together, which decides what a receiver can claim before all parts
 * have arrived (lightning-facts §7.1, §7.2).
 */
public enum PaymentKind {
    /**
     * BOLT 4 basic MPP: every part carries the one payment hash, plus {@code payment_secret} and {@code total_msat}
     * in the final payload. The receiver knows the preimage from the start, so a receiver that does not wait can
     * settle each part as it arrives.
     */
    MPP,
    /**
     * Atomic multi-path (Osuntokun and Fromknecht 2018; lnd's TLV record 14, 64–68 bytes): each part's preimage is
     * derived from additive shares that all parts together carry, so the receiver can settle nothing until every
     * share has arrived. lnsim's onion is fixed-size (1,366 bytes), so the larger final payload changes no message
     * size; it would shorten the longest possible route by about one hop (lightning-facts §4.4), which the 20-hop
     * limit never reaches.
     */
    AMP;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
