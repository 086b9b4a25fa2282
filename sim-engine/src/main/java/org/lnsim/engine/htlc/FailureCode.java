package org.lnsim.engine.htlc;

/**
 * BOLT 4 failure codes the engine produces, with their wire values ({@code BADONION 0x8000}, {@code PERM 0x4000},
 * {@code NODE 0x2000}, {@code UPDATE 0x1000} flags; lightning/bolts {@code 04-onion-routing.md}).
 */
public enum FailureCode {
    /** The outgoing channel cannot carry the HTLC now: balance, reserve, slots, or above htlc_maximum_msat. */
    TEMPORARY_CHANNEL_FAILURE(0x1000 | 7, "temporary_channel_failure"),
    /**
     * The channel was closed (BOLT 4: PERM|8): it closed during the run (issue 22), or the HTLC on it timed out on
     * chain because the next node held it offline past its CLTV expiry.
     */
    PERMANENT_CHANNEL_FAILURE(0x4000 | 8, "permanent_channel_failure"),
    /** The next peer is offline or unknown. */
    UNKNOWN_NEXT_PEER(0x4000 | 10, "unknown_next_peer"),
    /** The forwarded amount is below the outgoing channel's htlc_minimum_msat. */
    AMOUNT_BELOW_MINIMUM(0x1000 | 11, "amount_below_minimum"),
    /** The incoming amount does not cover the outgoing amount plus the channel's fee. */
    FEE_INSUFFICIENT(0x1000 | 12, "fee_insufficient"),
    /** The CLTV difference is smaller than the channel's cltv_expiry_delta. */
    INCORRECT_CLTV_EXPIRY(0x1000 | 13, "incorrect_cltv_expiry"),
    /** The receiver does not know the payment or the amount is wrong (also used for too little). */
    INCORRECT_OR_UNKNOWN_PAYMENT_DETAILS(0x4000 | 15, "incorrect_or_unknown_payment_details"),
    /** The final CLTV is below what the receiver requires. */
    FINAL_INCORRECT_CLTV_EXPIRY(18, "final_incorrect_cltv_expiry"),
    /** The outgoing channel is disabled. */
    CHANNEL_DISABLED(0x1000 | 20, "channel_disabled"),
    /** A multi-part payment's parts did not all arrive in time. */
    MPP_TIMEOUT(23, "mpp_timeout");

    private final int wireCode;
    private final String label;

    FailureCode(int wireCode, String label) {
        this.wireCode = wireCode;
        this.label = label;
    }

    /** The BOLT 4 numeric code. */
    public int wireCode() {
        return wireCode;
    }

    /**
     * Whether the failure has BOLT 4's UPDATE flag (0x1000): the failing node attaches the failing channel's current
     * channel_update, which the sender applies (BOLT 4 "the origin node ... SHOULD apply the channel_update").
     */
    public boolean carriesChannelUpdate() {
        return (wireCode & 0x1000) != 0;
    }

    /** The BOLT 4 name, used in output files. */
    public String label() {
        return label;
    }
}
