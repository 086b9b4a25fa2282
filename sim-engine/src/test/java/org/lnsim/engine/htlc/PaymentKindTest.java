package org.lnsim.engine.htlc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Final-hop payload sizes of basic MPP and AMP parts (lightning-facts §4.4, §7.1, §7.2). */
class PaymentKindTest {
    /**
     * A part of 10,000,000 msat of a 20,000,000-msat payment, expiring at block 576,009 (a May 2019 height + 9):
     * <ul>
     *   <li>amt_to_forward: 10,000,000 = 0x98_9680, 3 bytes → type 1 + length 1 + 3 = 5;</li>
     *   <li>outgoing_cltv_value: 576,009 = 0x08_CA09, 3 bytes → 1 + 1 + 3 = 5;</li>
     *   <li>payment_data: payment_secret 32 + total_msat 20,000,000 = 0x0131_2D00, 4 bytes → 1 + 1 + 36 = 38;</li>
     * </ul>
     * MPP: 5 + 5 + 38 = 48 bytes (1 + 48 + 32 = 81 of the 1,300 hop_payloads bytes). AMP adds lnd's type-14
     * record, 1 + 1 + root_share 32 + set_id 32 + child_index: child 0 → 0 bytes (66), child 1 → 1 byte (67),
     * child 256 = 0x100 → 2 bytes (68): 114, 115, 116 bytes.
     */
    @Test
    void finalHopPayloadAsWorkedByHand() {
        assertEquals(48, PaymentKind.MPP.finalHopPayloadBytes(10_000_000, 20_000_000, 576_009, 1));
        assertEquals(48, PaymentKind.MPP.finalHopPayloadBytes(10_000_000, 20_000_000, 576_009, 256),
                "MPP has no child index");
        assertEquals(114, PaymentKind.AMP.finalHopPayloadBytes(10_000_000, 20_000_000, 576_009, 0));
        assertEquals(115, PaymentKind.AMP.finalHopPayloadBytes(10_000_000, 20_000_000, 576_009, 1));
        assertEquals(116, PaymentKind.AMP.finalHopPayloadBytes(10_000_000, 20_000_000, 576_009, 256));
    }

    /**
     * The AMP record is 64–68 value bytes (lnd {@code minAMPLength}/{@code maxAMPLength}), so AMP's final payload
     * is 66–70 bytes longer than MPP's for the same part: child_index 0 takes 0 bytes, 2^24 − 1 takes 3 and
     * 2^24 takes 4.
     */
    @Test
    void ampAddsSixtySixToSeventyBytes() {
        int mpp = PaymentKind.MPP.finalHopPayloadBytes(1_000, 1_000, 600_000, 0);
        assertEquals(66, PaymentKind.AMP.finalHopPayloadBytes(1_000, 1_000, 600_000, 0) - mpp);
        assertEquals(69, PaymentKind.AMP.finalHopPayloadBytes(1_000, 1_000, 600_000, (1 << 24) - 1) - mpp);
        assertEquals(70, PaymentKind.AMP.finalHopPayloadBytes(1_000, 1_000, 600_000, 1 << 24) - mpp);
        assertEquals(70, PaymentKind.AMP.finalHopPayloadBytes(1_000, 1_000, 600_000, Integer.MAX_VALUE) - mpp);
    }

    /**
     * Truncated integers drop leading zero bytes: 16,777,215 (2^24 − 1) takes 3 bytes, 16,777,216 takes 4, and
     * 21 million BTC = 2.1 × 10^18 msat (below 2^63) takes 8. One part of 16,777,216 msat of a 2.1 × 10^18 payment at
     * height 576,009: (2 + 4) + (2 + 3) + (2 + 32 + 8) = 53 bytes.
     */
    @Test
    void truncatedIntegersGrowByteByByte() {
        assertEquals(0, PaymentKind.truncatedBytes(0));
        assertEquals(1, PaymentKind.truncatedBytes(255));
        assertEquals(2, PaymentKind.truncatedBytes(256));
        assertEquals(3, PaymentKind.truncatedBytes(16_777_215));
        assertEquals(4, PaymentKind.truncatedBytes(16_777_216));
        assertEquals(8, PaymentKind.truncatedBytes(2_100_000_000_000_000_000L));
        assertEquals(53, PaymentKind.MPP.finalHopPayloadBytes(16_777_216, 2_100_000_000_000_000_000L, 576_009, 0));
        assertThrows(IllegalArgumentException.class, () -> PaymentKind.MPP.finalHopPayloadBytes(-1, 1, 1, 0));
        assertThrows(IllegalArgumentException.class,
                () -> PaymentKind.MPP.finalHopPayloadBytes(1, 1, 1L << 32, 0));
    }
}
