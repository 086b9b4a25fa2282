package org.lnsim.protocols.ant;

/**
 * The sizes of ant routing's messages and mempool entries, written down once and used everywhere (traffic accounting,
 * state bytes, tests).
 *
 * <h2>From the papers (lightning-facts §6)</h2>
 * A seed is {@code prefix ‖ R}: prefix 0 for the payer's seed, 1 for the payee's, R shared off-band ("30 bytes should
 * be acceptable"; lnsim uses 32). Optional fields the papers name: the amount, a maximum fee and a current-fee
 * accumulator. A node stores (seed, neighbour it came from) in its mempool. Matched seeds go back along the reverse
 * pointers; the payer then sends a confirmation along the chosen path.
 *
 * <h2>lnsim's modelling choices</h2>
 * <ul>
 *   <li>Field widths: amount, max fee and fee accumulator 8 bytes each (msat as u64, as BOLT 2 carries amounts),
 *       hop counter 1 byte (hop limit ≤ 255).</li>
 *   <li>Every message is a BOLT 8 transport message: a 2-byte message type inside, and outside a 2-byte encrypted
 *       length with its 16-byte MAC plus the body's 16-byte MAC ({@link #BOLT8_OVERHEAD} = 34 bytes).</li>
 *   <li>A matched seed names the match with an 8-byte id (so the payer can confirm one of several matches of the same
 *       R) and carries the total fee (8) and the path's hop count (1) instead of the per-side fields.</li>
 *   <li>A confirmation carries R, the match id and the amount; the payee's confirmation back has the same layout.</li>
 *   <li>A mempool entry holds the seed (R 32 + prefix 1), the previous hop as a short channel id (8), the fee
 *       accumulator (8), the arrival time (8) and the hop counter (1); the tree structure around it (the 2020
 *       paper's AVL trees) is not counted.</li>
 * </ul>
 */
public final class AntMessages {
    /** BOLT 8: 2-byte length + 16-byte MAC of the length + 16-byte MAC of the body. */
    public static final int BOLT8_OVERHEAD = 2 + 16 + 16;
    /** BOLT 1 message type. */
    public static final int TYPE = 2;
    /** R, the random value the payer and payee share (papers: ~100 bits to 30 bytes; lnsim: 32). */
    public static final int R = 32;
    /** The seed's prefix: 0 for the payer's seed, 1 for the payee's. */
    public static final int PREFIX = 1;
    public static final int AMOUNT = 8;
    public static final int MAX_FEE = 8;
    public static final int FEE_ACCUMULATOR = 8;
    public static final int HOP_COUNTER = 1;
    /** Our choice: identifies one match of a seed pair. */
    public static final int MATCH_ID = 8;
    public static final int SHORT_CHANNEL_ID = 8;
    public static final int TIMESTAMP = 8;

    /** Seed: type + R + prefix + amount + max fee + fee accumulator + hop counter, in a BOLT 8 frame: 94 bytes. */
    public static final int SEED_BYTES = TYPE + R + PREFIX + AMOUNT + MAX_FEE + FEE_ACCUMULATOR + HOP_COUNTER
            + BOLT8_OVERHEAD;
    /** Matched seed: type + R + prefix + match id + total fee + hop count, in a BOLT 8 frame: 86 bytes. */
    public static final int MATCH_BYTES = TYPE + R + PREFIX + MATCH_ID + FEE_ACCUMULATOR + HOP_COUNTER
            + BOLT8_OVERHEAD;
    /** Confirmation (and the payee's confirmation back): type + R + match id + amount, in a BOLT 8 frame: 84 bytes. */
    public static final int CONFIRM_BYTES = TYPE + R + MATCH_ID + AMOUNT + BOLT8_OVERHEAD;
    /** A mempool entry: seed (R + prefix) + previous hop + fee accumulator + arrival time + hop counter: 58 bytes. */
    public static final int ENTRY_BYTES = R + PREFIX + SHORT_CHANNEL_ID + FEE_ACCUMULATOR + TIMESTAMP + HOP_COUNTER;

    /** Message type names in the engine's per-type traffic counts. */
    public static final String SEED_TYPE = "ant_seed";
    public static final String MATCH_TYPE = "ant_match";
    public static final String CONFIRM_TYPE = "ant_confirm";

    private AntMessages() {
    }
}
