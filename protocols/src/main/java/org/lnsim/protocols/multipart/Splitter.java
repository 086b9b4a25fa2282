package org.lnsim.protocols.multipart;

/**
 * The splitting strategies, with the constants of the implementations they copy (lightning-facts §7.3 c-lightning
 * v0.9.0 {@code plugins/libplugin-pay.c}; §7.4 lnd {@code routing/payment_session.go}).
 */
public enum Splitter {
    /** One path (no splitting). */
    NONE("none", false, false, false),
    /** c-lightning's presplit only: parts of about 10,000 sat before the first attempt; failed parts are retried. */
    CL_PRESPLIT("cl-presplit", true, false, false),
    /** c-lightning's adaptive splitter only: a failed part above 100 sat is split in two. */
    CL_ADAPTIVE("cl-adaptive", false, true, false),
    /** c-lightning's pay: presplit, then adaptive (its default). */
    CL("cl", true, true, false),
    /** lnd: send the whole remainder, halve on "no path"; failed parts return to the remainder. */
    LND_HALVING("lnd-halving", false, false, true);

    /** {@code MPP_TARGET_SIZE}: presplit part size, 10,000,000 msat (§7.3). */
    public static final long CL_TARGET_MSAT = 10_000_000;
    /** {@code PRESPLIT_MAX_HTLC_SHARE}: presplit uses at most a third of the local HTLC slots (§7.3). */
    public static final int CL_PRESPLIT_MAX_HTLC_SHARE = 3;
    /** Part cap of c-lightning's presplit from v0.10 (as the issue asks; 16 like lnd's MaxParts). */
    public static final int CL_PRESPLIT_MAX_PARTS = 16;
    /** {@code MPP_ADAPTIVE_LOWER_LIMIT}: parts at or below 100,000 msat are not split again (§7.3). */
    public static final long CL_ADAPTIVE_LOWER_LIMIT_MSAT = 100_000;
    /** lnd {@code DefaultShardMinAmt}: 10,000 sat (§7.4). */
    public static final long LND_MIN_SHARD_MSAT = 10_000_000;
    /** lnd {@code DefaultMaxParts} from v0.13: 16 (§3.1, §7.4). */
    public static final int LND_DEFAULT_MAX_PARTS = 16;

    private final String label;
    private final boolean presplit;
    private final boolean adaptive;
    private final boolean halving;

    Splitter(String label, boolean presplit, boolean adaptive, boolean halving) {
        this.label = label;
        this.presplit = presplit;
        this.adaptive = adaptive;
        this.halving = halving;
    }

    public String label() {
        return label;
    }

    public boolean presplit() {
        return presplit;
    }

    public boolean adaptive() {
        return adaptive;
    }

    public boolean halving() {
        return halving;
    }

    public static Splitter parse(String s) {
        for (Splitter x : values()) {
            if (x.label.equals(s)) {
                return x;
            }
        }
        throw new IllegalArgumentException("unknown splitter '" + s + "'");
    }

    /** The config choices, in declaration order. */
    public static java.util.List<String> labels() {
        return java.util.Arrays.stream(values()).map(Splitter::label).toList();
    }

    /**
     * c-lightning's presplit part amounts for {@code amountMsat} given the sender's free HTLC slots: target 10,000 sat;
     * at most min(slots / 3, 16) parts, the target growing to amount / cap when needed; each part the target plus a
     * uniform fuzz in [−target/4, +target/4) ({@code pseudorand(target/2) − target/4}), the last part the remainder.
     * No split when the amount is at most the target. Fuzz draws come from {@code rnd}.
     */
    static long[] presplitParts(long amountMsat, int freeSlots, java.util.SplittableRandom rnd) {
        long target = CL_TARGET_MSAT;
        int cap = Math.max(1, Math.min(freeSlots / CL_PRESPLIT_MAX_HTLC_SHARE, CL_PRESPLIT_MAX_PARTS));
        if (amountMsat <= target) {
            return new long[] {amountMsat};
        }
        if (amountMsat / target > cap) {
            target = amountMsat / cap;
        }
        long[] parts = new long[cap + 1];
        int n = 0;
        long left = amountMsat;
        while (left > 0) {
            long part = target + (target / 2 > 0 ? rnd.nextLong(target / 2) : 0) - target / 4;
            if (n == cap - 1 || part >= left) {
                part = left;
            }
            parts[n++] = part;
            left -= part;
        }
        return java.util.Arrays.copyOf(parts, n);
    }

    /** c-lightning's adaptive split of a failed part: a = amount/2 × U(0.9, 1.1) (45–55%), b = the rest. */
    static long[] adaptiveSplit(long amountMsat, java.util.SplittableRandom rnd) {
        long a = (long) (amountMsat / 2.0 * (0.9 + 0.2 * rnd.nextDouble()));
        a = Math.max(1, Math.min(amountMsat - 1, a));
        return new long[] {a, amountMsat - a};
    }
}
