package org.lnsim.network;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * lnsim's own binary network format ({@code .lnsim}): the graph's arrays written as they are, big-endian, so that
 * the 1M-channel network loads in about a second. Layout (version 2):
 * <pre>
 *   magic "LNSIM\0\r\n" (8 bytes), u32 version = 2
 *   u32 nodeCount, u32 channelCount, u32 CRC32C of those 8 bytes (version 2 only)
 *   nodeCount × 33 bytes node ids (ascending)
 *   per node: alias (i32 byte length, -1 = none; UTF-8), address count (i32, -1 = no announcement),
 *             then per address: u8 type, host (i32 length + UTF-8), u16 port
 *   channelCount × i64 scid, × i32 node1, × i32 node2, × i64 capacity (sat)
 *   2·channelCount × u8 flags, × i32 fee base, × i32 fee ppm, × u16 cltv delta, × i64 htlc min, × i64 htlc max
 *   u32 CRC32C of every byte after the header's checksum (version 2 only), then the end of the file
 * </pre>
 * The checksums (issue 21, defect 8: one flipped byte of a version 1 file loaded with exit 0 and changed the total
 * capacity twenty-fold) make any corruption an error; the counts have their own, checked before anything is
 * allocated from them, so a corrupt count cannot ask for gigabytes; CRC32C is a JDK intrinsic, a few tens of ms on the 1M-channel
 * file. Version 1 files (no checksum) are still read. Reading also validates the invariants the rest of lnsim relies
 * on ({@link ChannelGraph#check}: sorted unique ids and scids, endpoints in range and ordered, capacities and HTLC
 * limits within the supply, direction flags and policies; issue 21, defect 11: a version 1 file could carry negative
 * HTLC limits or undefined flags) and reports the first violation with its position.
 */
public final class NativeFormat {
    /** File magic; also used for content detection. */
    public static final byte[] MAGIC = "LNSIM\0\r\n".getBytes(StandardCharsets.ISO_8859_1);
    /** The version written; {@link #OLDEST_READ} and later are read. */
    public static final int VERSION = 2;
    /** Version 1: the same layout without the checksum. */
    public static final int OLDEST_READ = 1;
    private static final int CHUNK = 1 << 16;
    /** Largest node count: the 33-byte id array must fit one Java array. */
    static final int MAX_NODES = Integer.MAX_VALUE / NodeIds.LENGTH;
    /** Largest channel count: the 2·m cltv array (4·m bytes) and the 2·m htlc arrays must fit Java arrays. */
    static final int MAX_CHANNELS = Integer.MAX_VALUE / 8;
    /** Addresses a node may announce: far above any real announcement, low enough to refuse a corrupt count. */
    static final int MAX_ADDRESSES = 4096;

    private NativeFormat() {
    }

    public static void write(ChannelGraph g, OutputStream os) throws IOException {
        DataOutputStream head = new DataOutputStream(os);
        head.write(MAGIC);
        head.writeInt(VERSION);
        int n = g.nodeCount();
        int m = g.channelCount();
        head.writeInt(n);
        head.writeInt(m);
        head.writeInt(countsChecksum(n, m));
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        DataOutputStream out = new DataOutputStream(new java.util.zip.CheckedOutputStream(os, crc));
        out.write(g.rawNodeIds());
        String[] aliases = g.rawAliases();
        NodeAddress[][] addrs = g.rawAddresses();
        for (int i = 0; i < n; i++) {
            writeString(out, aliases[i]);
            NodeAddress[] a = addrs[i];
            out.writeInt(a == null ? -1 : a.length);
            if (a != null) {
                for (NodeAddress x : a) {
                    out.writeByte(x.type().wireType());
                    writeString(out, x.host());
                    out.writeShort(x.port());
                }
            }
        }
        writeLongs(out, g.rawScids());
        writeInts(out, g.rawNode1());
        writeInts(out, g.rawNode2());
        writeLongs(out, g.rawCapacitySat());
        out.write(g.rawDirFlags());
        writeInts(out, g.rawFeeBase());
        writeInts(out, g.rawFeePpm());
        char[] cltv = g.rawCltvDelta();
        ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.BIG_ENDIAN);
        for (char c : cltv) {
            if (buf.remaining() < 2) {
                flush(out, buf);
            }
            buf.putChar(c);
        }
        flush(out, buf);
        writeLongs(out, g.rawHtlcMin());
        writeLongs(out, g.rawHtlcMax());
        out.flush();
        head.writeInt((int) crc.getValue());
        head.flush();
    }

    /**
     * Reads a graph.
     *
     * @throws InvalidNativeFileException naming what is wrong (the caller adds the file name)
     */
    public static ChannelGraph read(InputStream is) throws IOException {
        DataInputStream head = new DataInputStream(is);
        try {
            byte[] magic = new byte[MAGIC.length];
            head.readFully(magic);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                throw new InvalidNativeFileException("not an lnsim network file (bad magic)");
            }
            int version = head.readInt();
            if (version < OLDEST_READ || version > VERSION) {
                throw new InvalidNativeFileException("unsupported lnsim file version " + version + " (this build reads "
                        + OLDEST_READ + " to " + VERSION + ")");
            }
            int n = head.readInt();
            int m = head.readInt();
            if (version >= 2 && head.readInt() != countsChecksum(n, m)) {
                throw new InvalidNativeFileException("checksum mismatch in the node and channel counts: the file is "
                        + "corrupt");
            }
            if (n < 0 || m < 0 || n > MAX_NODES || m > MAX_CHANNELS) {
                throw new InvalidNativeFileException("implausible node or channel count " + n + ", " + m
                        + " (at most " + MAX_NODES + " nodes and " + MAX_CHANNELS + " channels)");
            }
            java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
            DataInputStream in = new DataInputStream(new java.util.zip.CheckedInputStream(is, crc));
            byte[] ids = new byte[n * NodeIds.LENGTH];
            in.readFully(ids);
            String[] aliases = new String[n];
            NodeAddress[][] addrs = new NodeAddress[n][];
            for (int i = 0; i < n; i++) {
                aliases[i] = readString(in);
                int count = in.readInt();
                if (count > MAX_ADDRESSES) {
                    throw new InvalidNativeFileException("node " + i + ": implausible address count " + count);
                }
                if (count >= 0) {
                    NodeAddress[] a = new NodeAddress[count];
                    for (int k = 0; k < count; k++) {
                        int type = in.readUnsignedByte();
                        String host = readString(in);
                        int port = in.readUnsignedShort();
                        try {
                            a[k] = new NodeAddress(AddressType.ofWireType(type), host, port);
                        } catch (IllegalArgumentException e) {
                            throw new InvalidNativeFileException("node " + i + " address " + k + ": " + e.getMessage());
                        }
                    }
                    addrs[i] = a;
                }
            }
            long[] scids = readLongs(in, m);
            int[] n1 = readInts(in, m);
            int[] n2 = readInts(in, m);
            long[] cap = readLongs(in, m);
            for (int c = 0; c < m; c++) {
                // before the graph is built: its adjacency is indexed by the endpoints ({@link ChannelGraph#check}
                // checks the rest once it exists)
                if (n1[c] < 0 || n2[c] >= n || n1[c] >= n2[c]) {
                    throw new InvalidNativeFileException("channel " + c + ": bad endpoints " + n1[c] + ", " + n2[c]);
                }
            }
            byte[] flags = new byte[2 * m];
            in.readFully(flags);
            int[] base = readInts(in, 2 * m);
            int[] ppm = readInts(in, 2 * m);
            char[] cltv = new char[2 * m];
            byte[] raw = new byte[4 * m];
            in.readFully(raw);
            ByteBuffer.wrap(raw).order(ByteOrder.BIG_ENDIAN).asCharBuffer().get(cltv);
            long[] hmin = readLongs(in, 2 * m);
            long[] hmax = readLongs(in, 2 * m);
            if (version >= 2) {
                int computed = (int) crc.getValue();
                int stored = head.readInt();
                if (stored != computed) {
                    throw new InvalidNativeFileException(String.format(java.util.Locale.ROOT,
                            "checksum mismatch (stored CRC32C %08x, contents give %08x): the file is corrupt",
                            stored, computed));
                }
            }
            if (head.read() != -1) {
                throw new InvalidNativeFileException("trailing bytes after the "
                        + (version >= 2 ? "checksum" : "last array"));
            }
            ChannelGraph g = new ChannelGraph(ids, aliases, addrs, scids, n1, n2, cap, flags, base, ppm, cltv, hmin,
                    hmax);
            try {
                g.check();
            } catch (IllegalStateException e) {
                throw new InvalidNativeFileException(e.getMessage());
            }
            return g;
        } catch (EOFException e) {
            throw new InvalidNativeFileException("file is truncated");
        }
    }

    private static int countsChecksum(int n, int m) {
        java.util.zip.CRC32C c = new java.util.zip.CRC32C();
        c.update(ByteBuffer.allocate(8).putInt(n).putInt(m).flip());
        return (int) c.getValue();
    }

    /** A structural problem in a native file. */
    public static final class InvalidNativeFileException extends IOException {
        private static final long serialVersionUID = 1L;

        public InvalidNativeFileException(String message) {
            super(message);
        }
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readString(DataInputStream in) throws IOException {
        int len = in.readInt();
        if (len < 0) {
            return null;
        }
        if (len > 1 << 20) {
            throw new InvalidNativeFileException("string length " + len + " is implausible");
        }
        byte[] b = new byte[len];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static void flush(DataOutputStream out, ByteBuffer buf) throws IOException {
        out.write(buf.array(), 0, buf.position());
        buf.clear();
    }

    private static void writeLongs(DataOutputStream out, long[] a) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.BIG_ENDIAN);
        for (int i = 0; i < a.length; ) {
            int k = Math.min(a.length - i, CHUNK / 8);
            buf.clear();
            buf.asLongBuffer().put(a, i, k);
            out.write(buf.array(), 0, k * 8);
            i += k;
        }
    }

    private static void writeInts(DataOutputStream out, int[] a) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.BIG_ENDIAN);
        for (int i = 0; i < a.length; ) {
            int k = Math.min(a.length - i, CHUNK / 4);
            buf.clear();
            buf.asIntBuffer().put(a, i, k);
            out.write(buf.array(), 0, k * 4);
            i += k;
        }
    }

    private static long[] readLongs(DataInputStream in, int count) throws IOException {
        long[] a = new long[count];
        byte[] chunk = new byte[CHUNK];
        for (int i = 0; i < count; ) {
            int k = Math.min(count - i, CHUNK / 8);
            in.readFully(chunk, 0, k * 8);
            ByteBuffer.wrap(chunk, 0, k * 8).order(ByteOrder.BIG_ENDIAN).asLongBuffer().get(a, i, k);
            i += k;
        }
        return a;
    }

    private static int[] readInts(DataInputStream in, int count) throws IOException {
        int[] a = new int[count];
        byte[] chunk = new byte[CHUNK];
        for (int i = 0; i < count; ) {
            int k = Math.min(count - i, CHUNK / 4);
            in.readFully(chunk, 0, k * 4);
            ByteBuffer.wrap(chunk, 0, k * 4).order(ByteOrder.BIG_ENDIAN).asIntBuffer().get(a, i, k);
            i += k;
        }
        return a;
    }
}
