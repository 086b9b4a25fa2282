package org.lnsim.network.gossip;

import org.lnsim.network.ChannelGraph;
import org.lnsim.network.NodeAddress;

/**
 * Sizes of the BOLT 7 gossip a network produces, from the real message layouts (lightning-facts §4.1) and Core
 * Lightning's gossip_store v7 framing (§4.2). {@link GossipEncoder} writes the same messages byte for byte; its tests
 * prove every size here.
 *
 * <ul>
 *   <li><b>raw</b>: the wire messages only — one {@code channel_announcement} per channel, one {@code channel_update}
 *       per direction whose policy is known (disabled directions are announced too), one {@code node_announcement}
 *       per node that has one and at least one channel (BOLT 7 ignores announcements of channel-less nodes).</li>
 *   <li><b>store</b>: the same messages in a gossip_store v7 file: a 1-byte version, a 12-byte record header per
 *       message, and after each channel_announcement a 10-byte {@code gossip_store_channel_amount} record (with its
 *       own header).</li>
 *   <li><b>mcp</b>: the same messages as the Million Channels Project wrote them to {@code 1M.gossip}: each behind a
 *       2-byte big-endian length (lightning-facts §1.3 item 8), so the figure compares directly with MCP's file.</li>
 * </ul>
 * Announcements carry no features (flen = 0), as in the MCP gossip (§1.3 step 7).
 */
public final class GossipSizes {
    /** channel_announcement without features: 2 + 4×64 + 2 + 32 + 8 + 4×33 (§4.1). */
    public static final int CHANNEL_ANNOUNCEMENT = 432;
    /** channel_update without htlc_maximum_msat (2019 optional field absent): §4.1. */
    public static final int CHANNEL_UPDATE = 130;
    /** channel_update with htlc_maximum_msat ({@code message_flags} bit 0): §4.1. */
    public static final int CHANNEL_UPDATE_WITH_HTLC_MAX = 138;
    /** node_announcement without features and addresses: 2 + 64 + 2 + 4 + 33 + 3 + 32 + 2 (§4.1). */
    public static final int NODE_ANNOUNCEMENT_BASE = 142;
    /** gossip_store v7 record header: BE length (bit 31 = deleted), CRC32C, timestamp (§4.2). */
    public static final int STORE_RECORD_HEADER = 12;
    /** gossip_store_channel_amount message: type 4101 (2) + satoshis (8) (§4.2). */
    public static final int STORE_CHANNEL_AMOUNT = 10;
    /** gossip_store version byte (§4.2). */
    public static final int STORE_VERSION_BYTES = 1;

    private GossipSizes() {
    }

    public static int channelUpdate(boolean withHtlcMaximum) {
        return withHtlcMaximum ? CHANNEL_UPDATE_WITH_HTLC_MAX : CHANNEL_UPDATE;
    }

    public static int nodeAnnouncement(Iterable<NodeAddress> addresses) {
        int size = NODE_ANNOUNCEMENT_BASE;
        for (NodeAddress a : addresses) {
            size += a.wireSize();
        }
        return size;
    }

    /** MCP's {@code 1M.gossip} framing: a 2-byte length before each message (§1.3 item 8). */
    public static final int MCP_LENGTH_PREFIX = 2;

    /** Totals for one network. */
    public record Totals(long channelAnnouncements, long channelUpdates, long nodeAnnouncements, long rawBytes,
                         long storeBytes) {
        /** Messages of all three kinds. */
        public long messages() {
            return channelAnnouncements + channelUpdates + nodeAnnouncements;
        }

        /** Bytes of the messages framed as in MCP's {@code 1M.gossip}. */
        public long mcpFileBytes() {
            return rawBytes + MCP_LENGTH_PREFIX * messages();
        }
    }

    public static Totals of(ChannelGraph g) {
        return of(g, g.channelCount());
    }

    /**
     * The gossip of the first {@code channels} channels of {@code g} (and of the announced nodes with a channel):
     * a network whose later channels are still to open (issue 22, {@code network.generate.ChannelOpenings}).
     */
    public static Totals of(ChannelGraph g, int channels) {
        if (channels < 0 || channels > g.channelCount()) {
            throw new IllegalArgumentException(channels + " channels of " + g.channelCount());
        }
        long updates = 0;
        long raw = 0;
        for (int c = 0; c < channels; c++) {
            raw += CHANNEL_ANNOUNCEMENT;
            for (int d = 0; d < 2; d++) {
                int e = ChannelGraph.direction(c, d);
                if (g.hasPolicy(e)) {
                    updates++;
                    raw += channelUpdate(g.hasHtlcMaximum(e));
                }
            }
        }
        long nodes = 0;
        for (int n = 0; n < g.nodeCount(); n++) {
            if (g.isAnnounced(n) && g.degree(n) > 0) {
                nodes++;
                raw += nodeAnnouncement(g.addresses(n));
            }
        }
        long store = STORE_VERSION_BYTES + raw + STORE_RECORD_HEADER * (channels + updates + nodes)
                + (long) channels * (STORE_RECORD_HEADER + STORE_CHANNEL_AMOUNT);
        return new Totals(channels, updates, nodes, raw, store);
    }
}
