package org.lnsim.engine.htlc;

/** What a receiver does with a part of a multi-part payment whose other parts have not all arrived. */
public enum ReceiverBehaviour {
    /** Holds it until the parts bring the total, then settles all (BOLT 4), or fails all at {@code mpp_timeout}. */
    HONEST,
    /**
     * Settles every part it can as soon as it arrives: with {@link PaymentKind#MPP} each part at once, so a
     * payment whose other parts fail is settled in part; with {@link PaymentKind#AMP} it cannot (it lacks the
     * preimages), so it behaves as {@link #HONEST}.
     */
    CLAIMS_EARLY;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
