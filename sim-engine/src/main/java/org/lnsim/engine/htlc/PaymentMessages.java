package org.lnsim.engine.htlc;

/**
 * Sizes of the BOLT 2 messages a payment sends per hop, for overhead accounting (lightning-facts §4.4, legacy fixed
 * 1366-byte onion). Commitment_signed / revoke_and_ack are not counted separately: they are the same for every
 * scheme and would only add a constant per hop.
 */
public final class PaymentMessages {
    /** update_add_htlc: 2 + 32 channel_id + 8 id + 8 amount + 32 hash + 4 cltv + 1366 onion. */
    public static final int UPDATE_ADD_HTLC_BYTES = 1452;
    /** update_fulfill_htlc: 2 + 32 + 8 + 32 preimage. */
    public static final int UPDATE_FULFILL_HTLC_BYTES = 74;
    /** update_fail_htlc with the 292-byte padded reason: 2 + 32 + 8 + 2 + 292. */
    public static final int UPDATE_FAIL_HTLC_BYTES = 336;

    private PaymentMessages() {
    }
}
