package org.lnsim.network;

/**
 * One direction's forwarding policy as announced in a BOLT 7 {@code channel_update}.
 *
 * @param feeBaseMsat               {@code fee_base_msat}, u32
 * @param feeProportionalMillionths {@code fee_proportional_millionths}, u32
 * @param cltvExpiryDelta           {@code cltv_expiry_delta}, u16
 * @param htlcMinimumMsat           {@code htlc_minimum_msat}, 0 to {@link ChannelGraph#MAX_MSAT} (the supply)
 * @param htlcMaximumMsat           {@code htlc_maximum_msat}, 0 to {@link ChannelGraph#MAX_MSAT}, or
 *                                  {@link #NO_HTLC_MAXIMUM} when the update carries none
 *                                  (optional in 2019, {@code message_flags} bit 0)
 * @param disabled                  {@code channel_flags} bit 1: the direction is announced but must not be used
 */
public record ChannelPolicy(long feeBaseMsat, long feeProportionalMillionths, int cltvExpiryDelta,
                            long htlcMinimumMsat, long htlcMaximumMsat, boolean disabled) {
    public static final long NO_HTLC_MAXIMUM = -1;
    public static final long MAX_U32 = 0xFFFF_FFFFL;

    public ChannelPolicy {
        if (feeBaseMsat < 0 || feeBaseMsat > MAX_U32) {
            throw new IllegalArgumentException("fee_base_msat out of u32 range: " + feeBaseMsat);
        }
        if (feeProportionalMillionths < 0 || feeProportionalMillionths > MAX_U32) {
            throw new IllegalArgumentException("fee_proportional_millionths out of u32 range: " + feeProportionalMillionths);
        }
        if (cltvExpiryDelta < 0 || cltvExpiryDelta > 0xFFFF) {
            throw new IllegalArgumentException("cltv_expiry_delta out of u16 range: " + cltvExpiryDelta);
        }
        if (htlcMinimumMsat < 0) {
            throw new IllegalArgumentException("negative htlc_minimum_msat: " + htlcMinimumMsat);
        }
        if (htlcMinimumMsat > ChannelGraph.MAX_MSAT) {
            throw new IllegalArgumentException("htlc_minimum_msat above the 21M BTC supply: " + htlcMinimumMsat);
        }
        if (htlcMaximumMsat > ChannelGraph.MAX_MSAT) {
            throw new IllegalArgumentException("htlc_maximum_msat above the 21M BTC supply: " + htlcMaximumMsat);
        }
        if (htlcMaximumMsat < 0 && htlcMaximumMsat != NO_HTLC_MAXIMUM) {
            throw new IllegalArgumentException("negative htlc_maximum_msat: " + htlcMaximumMsat);
        }
    }

    public boolean hasHtlcMaximum() {
        return htlcMaximumMsat != NO_HTLC_MAXIMUM;
    }

    /** BOLT 7 fee for forwarding {@code amountMsat}; see {@link Fees#feeMsat(long, long, long)}. */
    public long feeMsat(long amountMsat) {
        return Fees.feeMsat(feeBaseMsat, feeProportionalMillionths, amountMsat);
    }
}
