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

    /**
     * Size in bytes of the TLV payload the final hop's onion carries for one part: the {@code hop_payload} length l
     * of lightning-facts §4.4 (the part then takes 1 + l + 32 bytes of the 1,300-byte {@code hop_payloads}: a
     * one-byte bigsize length for l &lt; 253, and the HMAC). Every record is a one-byte type, a one-byte length and
     * the value; truncated integers (tu64, tu32) drop their leading zero bytes (BOLT 1, §4.4).
     * <ul>
     *   <li>{@link #MPP} (BOLT 4 basic_mpp, §7.2): {@code amt_to_forward} (type 2, tu64 of the part),
     *       {@code outgoing_cltv_value} (type 4, tu32) and {@code payment_data} (type 8: the 32-byte
     *       {@code payment_secret} and {@code total_msat} as tu64) — 2 + a + 2 + c + 2 + 32 + t bytes.</li>
     *   <li>{@link #AMP} (§7.1; the lnd record): the same, plus lnd's AMP record, type 14: {@code root_share}
     *       (32 bytes), {@code set_id} (32) and {@code child_index} as tu32, a 64–68-byte value (lnd
     *       {@code record/amp.go}, {@code minAMPLength}/{@code maxAMPLength}), so 66–70 bytes more. lnd's invoice
     *       registry fails an AMP HTLC that comes without the MPP record, hence both.</li>
     * </ul>
     * For a part of 10,000,000 msat of a 20,000,000-msat payment with CLTV 576,009: 5 + 5 + 38 = 48 bytes as MPP,
     * 48 + 67 = 115 as AMP child 1. lnsim's onion stays the fixed 1,366 bytes, so this changes no message size.
     *
     * @param partMsat          what the part delivers to the receiver ({@code amt_to_forward}), ≥ 0
     * @param totalMsat         the whole payment ({@code total_msat}), ≥ 0
     * @param cltvExpiry        the absolute block height of the final HTLC's expiry ({@code outgoing_cltv_value},
     *                          a u32): 3 bytes for every mainnet height from 65,536 (2010) to 16,777,215
     * @param childIndex        AMP's {@code child_index} of the part (0, 1, … in lnd), ignored for MPP; ≥ 0
     */
    public int finalHopPayloadBytes(long partMsat, long totalMsat, long cltvExpiry, int childIndex) {
        if (partMsat < 0 || totalMsat < 0 || cltvExpiry < 0 || cltvExpiry > 0xFFFF_FFFFL || childIndex < 0) {
            throw new IllegalArgumentException("amounts, CLTV (u32) and child index must be non-negative");
        }
        int bytes = 2 + truncatedBytes(partMsat) + 2 + truncatedBytes(cltvExpiry) + 2 + 32 + truncatedBytes(totalMsat);
        if (this == AMP) {
            bytes += 2 + 32 + 32 + truncatedBytes(childIndex);
        }
        return bytes;
    }

    /** Bytes of {@code v} as a BOLT 1 truncated integer (tu16/tu32/tu64): no leading zero bytes, 0 for 0. */
    static int truncatedBytes(long v) {
        return (Long.SIZE - Long.numberOfLeadingZeros(v) + 7) / 8;
    }
}
