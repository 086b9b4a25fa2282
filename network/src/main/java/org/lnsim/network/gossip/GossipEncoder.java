package org.lnsim.network.gossip;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32C;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.NodeAddress;

/**
 * Encodes BOLT 7 gossip messages (lightning-facts §4.1) and gossip_store v7 records (§4.2) to bytes. Signatures,
 * bitcoin keys and the chain hash are zero-filled (lnsim does not sign anything); every length and field position is
 * the real one, which is what the byte counts of {@link GossipSizes} rest on.
 */
public final class GossipEncoder {
    public static final int TYPE_CHANNEL_ANNOUNCEMENT = 256;
    public static final int TYPE_NODE_ANNOUNCEMENT = 257;
    public static final int TYPE_CHANNEL_UPDATE = 258;
    /** Core Lightning's gossip_store_channel_amount record type (§4.2). */
    public static final int TYPE_STORE_CHANNEL_AMOUNT = 4101;
    /** gossip_store version written by Core Lightning v0.7.1+ (§4.2). */
    public static final int STORE_VERSION = 7;

    private GossipEncoder() {
    }

    public static byte[] channelAnnouncement(ChannelGraph g, int channel) {
        return build(out -> {
            out.writeShort(TYPE_CHANNEL_ANNOUNCEMENT);
            out.write(new byte[4 * 64]); // node_signature_1/2, bitcoin_signature_1/2
            out.writeShort(0); // len(features)
            out.write(new byte[32]); // chain_hash
            out.writeLong(g.scid(channel));
            out.write(g.nodeId(g.node1(channel)));
            out.write(g.nodeId(g.node2(channel)));
            out.write(new byte[2 * 33]); // bitcoin_key_1/2
        });
    }

    /** The channel_update of direction {@code e}; the direction must have a known policy. */
    public static byte[] channelUpdate(ChannelGraph g, int e, int timestamp) {
        if (!g.hasPolicy(e)) {
            throw new IllegalArgumentException("direction " + e + " has no policy");
        }
        boolean withMax = g.hasHtlcMaximum(e);
        return build(out -> {
            out.writeShort(TYPE_CHANNEL_UPDATE);
            out.write(new byte[64]); // signature
            out.write(new byte[32]); // chain_hash
            out.writeLong(g.scid(ChannelGraph.channelOf(e)));
            out.writeInt(timestamp);
            out.writeByte(withMax ? 1 : 0); // message_flags: option_channel_htlc_max
            out.writeByte((e & 1) | (g.isDisabled(e) ? 2 : 0)); // channel_flags: direction, disable
            out.writeShort(g.cltvExpiryDelta(e));
            out.writeLong(g.htlcMinimumMsat(e));
            out.writeInt((int) g.feeBaseMsat(e));
            out.writeInt((int) g.feeProportionalMillionths(e));
            if (withMax) {
                out.writeLong(g.htlcMaximumMsat(e));
            }
        });
    }

    public static byte[] nodeAnnouncement(ChannelGraph g, int node, int timestamp) {
        List<NodeAddress> addresses = g.addresses(node);
        String alias = g.alias(node) == null ? "" : g.alias(node);
        return build(out -> {
            out.writeShort(TYPE_NODE_ANNOUNCEMENT);
            out.write(new byte[64]); // signature
            out.writeShort(0); // flen
            out.writeInt(timestamp);
            out.write(g.nodeId(node));
            out.write(new byte[3]); // rgb_color
            byte[] aliasBytes = new byte[32];
            byte[] utf8 = alias.getBytes(StandardCharsets.UTF_8);
            System.arraycopy(utf8, 0, aliasBytes, 0, Math.min(32, utf8.length));
            out.write(aliasBytes);
            ByteArrayOutputStream addr = new ByteArrayOutputStream();
            DataOutputStream a = new DataOutputStream(addr);
            for (NodeAddress x : addresses) {
                writeAddress(a, x);
            }
            out.writeShort(addr.size());
            addr.writeTo(out);
        });
    }

    /** gossip_store_channel_amount: type 4101, u64 satoshis. */
    public static byte[] storeChannelAmount(long satoshis) {
        return build(out -> {
            out.writeShort(TYPE_STORE_CHANNEL_AMOUNT);
            out.writeLong(satoshis);
        });
    }

    /** A gossip_store v7 record: BE u32 length, BE CRC32C over timestamp + message, BE u32 timestamp, message. */
    public static byte[] storeRecord(byte[] message, int timestamp) {
        return build(out -> {
            out.writeInt(message.length);
            CRC32C crc = new CRC32C();
            byte[] ts = {(byte) (timestamp >>> 24), (byte) (timestamp >>> 16), (byte) (timestamp >>> 8), (byte) timestamp};
            crc.update(ts);
            crc.update(message);
            out.writeInt((int) crc.getValue());
            out.write(ts);
            out.write(message);
        });
    }

    /**
     * Writes the whole network as a gossip_store v7 stream (version byte, then per channel its announcement, amount
     * record and known updates, then the node announcements). Its length is {@link GossipSizes.Totals#storeBytes()}.
     */
    public static void writeStore(ChannelGraph g, OutputStream os, int timestamp) throws IOException {
        os.write(STORE_VERSION);
        for (int c = 0; c < g.channelCount(); c++) {
            os.write(storeRecord(channelAnnouncement(g, c), timestamp));
            os.write(storeRecord(storeChannelAmount(g.capacitySat(c)), timestamp));
            for (int d = 0; d < 2; d++) {
                int e = ChannelGraph.direction(c, d);
                if (g.hasPolicy(e)) {
                    os.write(storeRecord(channelUpdate(g, e, timestamp), timestamp));
                }
            }
        }
        for (int n = 0; n < g.nodeCount(); n++) {
            if (g.isAnnounced(n) && g.degree(n) > 0) {
                os.write(storeRecord(nodeAnnouncement(g, n, timestamp), timestamp));
            }
        }
    }

    private static void writeAddress(DataOutputStream out, NodeAddress x) throws IOException {
        out.writeByte(x.type().wireType());
        switch (x.type()) {
            case IPV4 -> out.write(new byte[4]);
            case IPV6 -> out.write(new byte[16]);
            case TORV2 -> out.write(new byte[10]);
            case TORV3 -> out.write(new byte[35]);
            case DNS -> {
                byte[] host = x.host().getBytes(StandardCharsets.US_ASCII);
                int len = Math.min(255, host.length);
                out.writeByte(len);
                out.write(host, 0, len);
            }
            default -> throw new IllegalStateException("unhandled address type " + x.type());
        }
        out.writeShort(x.port());
    }

    @FunctionalInterface
    private interface Body {
        void write(DataOutputStream out) throws IOException;
    }

    private static byte[] build(Body body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try {
            body.write(new DataOutputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
