package org.lnsim.network;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * Helpers for 33-byte node ids (compressed secp256k1 public keys, BOLT 7 {@code node_id}). In files and on the
 * command line they are 66 lowercase hex characters; ordering is unsigned lexicographic on the bytes, which is the
 * order BOLT 7 uses to name {@code node_id_1} (the lesser) and {@code node_id_2} of a channel.
 */
public final class NodeIds {
    /** Length of a node id in bytes (BOLT 7 {@code point}). */
    public static final int LENGTH = 33;
    private static final HexFormat HEX = HexFormat.of();

    private NodeIds() {
    }

    /**
     * Parses a 66-character hex node id.
     *
     * @throws IllegalArgumentException naming the text when it is not 33 bytes of hex
     */
    public static byte[] parse(String hex) {
        if (hex == null || hex.length() != 2 * LENGTH) {
            throw new IllegalArgumentException("node id must be " + 2 * LENGTH + " hex characters: '" + hex + "'");
        }
        try {
            return HEX.parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("node id is not hex: '" + hex + "'");
        }
    }

    public static String hex(byte[] id) {
        return HEX.formatHex(id);
    }

    public static String hex(byte[] ids, int offset) {
        return HEX.formatHex(ids, offset, offset + LENGTH);
    }

    /** Unsigned lexicographic comparison of two ids stored in arrays at the given offsets. */
    public static int compare(byte[] a, int aOffset, byte[] b, int bOffset) {
        return Arrays.compareUnsigned(a, aOffset, aOffset + LENGTH, b, bOffset, bOffset + LENGTH);
    }

    /**
     * A deterministic synthetic id for formats that carry only integer node numbers (CLoTH CSV): prefix 0x02,
     * 28 zero bytes, then the number as 4 big-endian bytes, so that numeric order equals id order and a CLoTH
     * export writes the same numbers back.
     */
    public static byte[] fromIndex(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("negative node number " + index);
        }
        byte[] id = new byte[LENGTH];
        id[0] = 0x02;
        id[29] = (byte) (index >>> 24);
        id[30] = (byte) (index >>> 16);
        id[31] = (byte) (index >>> 8);
        id[32] = (byte) index;
        return id;
    }
}
