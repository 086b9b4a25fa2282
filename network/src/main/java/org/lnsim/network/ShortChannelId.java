package org.lnsim.network;

/**
 * Short channel ids (BOLT 7): a 64-bit number of 3 bytes block height, 3 bytes transaction index and 2 bytes
 * output index, written {@code BLOCKxTXxOUTPUT}. lnsim keeps them as a plain {@code long}; the ordering of the
 * numbers is the ordering of (block, tx, output), which is the order channels are stored in.
 */
public final class ShortChannelId {
    /** Largest block height and transaction index that fit their 24-bit fields. */
    public static final int MAX_BLOCK = (1 << 24) - 1;
    public static final int MAX_TX = (1 << 24) - 1;
    public static final int MAX_OUTPUT = (1 << 16) - 1;

    private ShortChannelId() {
    }

    public static long of(int block, int tx, int output) {
        if (block < 0 || block > MAX_BLOCK || tx < 0 || tx > MAX_TX || output < 0 || output > MAX_OUTPUT) {
            throw new IllegalArgumentException("short channel id out of range: " + block + "x" + tx + "x" + output);
        }
        return ((long) block << 40) | ((long) tx << 16) | output;
    }

    public static int block(long scid) {
        return (int) (scid >>> 40);
    }

    public static int tx(long scid) {
        return (int) ((scid >>> 16) & 0xFFFFFF);
    }

    public static int output(long scid) {
        return (int) (scid & 0xFFFF);
    }

    public static String format(long scid) {
        return block(scid) + "x" + tx(scid) + "x" + output(scid);
    }

    /**
     * Parses {@code BLOCKxTXxOUTPUT} (also with ':' separators, as some tools print them) or a plain decimal
     * 64-bit number (lnd's {@code channel_id}).
     *
     * @throws IllegalArgumentException with a message naming the text when it is neither
     */
    public static long parse(String text) {
        String s = text.trim();
        int first = indexOfSep(s, 0);
        if (first < 0) {
            try {
                return Long.parseUnsignedLong(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a short channel id: '" + text + "'");
            }
        }
        int second = indexOfSep(s, first + 1);
        if (second < 0 || indexOfSep(s, second + 1) >= 0) {
            throw new IllegalArgumentException("not a short channel id: '" + text + "'");
        }
        try {
            return of(Integer.parseInt(s.substring(0, first)), Integer.parseInt(s.substring(first + 1, second)),
                    Integer.parseInt(s.substring(second + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a short channel id: '" + text + "'");
        }
    }

    private static int indexOfSep(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 'x' || c == ':') {
                return i;
            }
        }
        return -1;
    }
}
