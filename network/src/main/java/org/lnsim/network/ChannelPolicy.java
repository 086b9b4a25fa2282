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
        check(feeBaseMsat, feeProportionalMillionths, cltvExpiryDelta, htlcMinimumMsat, htlcMaximumMsat);
    }

    /**
     * The range rules of a BOLT 7 policy, in one place for the record, the builder's array path and the importers
     * (which add the record's location): fees within u32, the CLTV delta within u16, HTLC bounds from 0 to the
     * supply ({@link ChannelGraph#MAX_MSAT}; the maximum may also be {@link #NO_HTLC_MAXIMUM}).
     *
     * @throws IllegalArgumentException naming the field and its value
     */
    public static void check(long feeBaseMsat, long feePpm, long cltvDelta, long htlcMinimumMsat,
                             long htlcMaximumMsat) {
        if (feeBaseMsat < 0 || feeBaseMsat > MAX_U32) {
            throw new IllegalArgumentException("fee base " + feeBaseMsat + " msat is outside the u32 range");
        }
        if (feePpm < 0 || feePpm > MAX_U32) {
            throw new IllegalArgumentException("proportional fee " + feePpm + " ppm is outside the u32 range");
        }
        if (cltvDelta < 0 || cltvDelta > 0xFFFF) {
            throw new IllegalArgumentException("cltv delta " + cltvDelta + " is outside the u16 range");
        }
        if (htlcMinimumMsat < 0) {
            throw new IllegalArgumentException("negative htlc minimum " + htlcMinimumMsat + " msat");
        }
        if (htlcMaximumMsat < 0 && htlcMaximumMsat != NO_HTLC_MAXIMUM) {
            throw new IllegalArgumentException("negative htlc maximum " + htlcMaximumMsat + " msat");
        }
        if (htlcMinimumMsat > ChannelGraph.MAX_MSAT) {
            throw new IllegalArgumentException("htlc minimum " + htlcMinimumMsat + " msat is above the 21M BTC "
                    + "supply (" + ChannelGraph.MAX_MSAT + " msat)");
        }
        if (htlcMaximumMsat > ChannelGraph.MAX_MSAT) {
            throw new IllegalArgumentException("htlc maximum " + htlcMaximumMsat + " msat is above the 21M BTC "
                    + "supply (" + ChannelGraph.MAX_MSAT + " msat)");
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
