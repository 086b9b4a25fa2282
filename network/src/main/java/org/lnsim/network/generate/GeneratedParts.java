package org.lnsim.network.generate;

import java.util.SplittableRandom;
import org.lnsim.network.ChannelGraphBuilder;
import org.lnsim.network.ChannelPolicy;
import org.lnsim.network.NodeIds;
import org.lnsim.network.ShortChannelId;

/**
 * The parts every generator of this package makes the same way, so that a generated network looks alike whichever
 * model drew its topology: random node ids, MCP's short-channel-id counter, MCP's node alias and MCP's uniform
 * channel update (lightning-facts §1.3 steps 2 and 7).
 */
final class GeneratedParts {
    /** Funding transactions per block in the scid counter (MCP {@code constants.maxTxPerBlock}, §1.3 step 2). */
    static final int TX_PER_BLOCK = 20;
    /** MCP's uniform channel update (lightning-facts §1.3 step 7): base fee, msat. */
    static final long MCP_FEE_BASE_MSAT = 1_000;
    /** MCP's uniform channel update: proportional fee, millionths. */
    static final long MCP_FEE_PPM = 1_000;
    /** MCP's uniform channel update: {@code cltv_expiry_delta}, blocks. */
    static final int MCP_CLTV_DELTA = 10;
    /** MCP's uniform channel update: {@code htlc_minimum_msat}. */
    static final long MCP_HTLC_MIN_MSAT = 10_000;

    private GeneratedParts() {
    }

    /**
     * Adds a node with a fresh random id: 33 bytes, prefix 0x02 or 0x03 (a compressed-key lookalike), 32 random
     * bytes; an id already in the builder is redrawn, so ids are unique.
     *
     * @param scratch a {@link NodeIds#LENGTH}-byte buffer, overwritten
     * @return the new node's builder index ({@code builder.nodeCount()} before the call)
     */
    static int addRandomNode(ChannelGraphBuilder builder, SplittableRandom rnd, byte[] scratch) {
        int index = builder.nodeCount();
        while (true) {
            scratch[0] = (byte) (0x02 | (rnd.nextInt() & 1));
            for (int k = 0; k < 4; k++) {
                long r = rnd.nextLong();
                for (int j = 0; j < 8; j++) {
                    scratch[1 + 8 * k + j] = (byte) (r >>> (56 - 8 * j));
                }
            }
            if (builder.addNode(scratch) == index) {
                return index;
            }
        }
    }

    /** Short channel id of the channel created {@code c}-th (from 0): block 1 + c / 20, transaction 1 + c mod 20. */
    static long scid(int c) {
        return ShortChannelId.of(1 + c / TX_PER_BLOCK, 1 + c % TX_PER_BLOCK, 0);
    }

    /** Gives the direction of {@code channel} leaving {@code from} MCP's uniform update (no htlc_max). */
    static void setMcpPolicy(ChannelGraphBuilder builder, int channel, int from) {
        builder.setPolicy(channel, from, MCP_FEE_BASE_MSAT, MCP_FEE_PPM, MCP_CLTV_DELTA, MCP_HTLC_MIN_MSAT,
                ChannelPolicy.NO_HTLC_MAXIMUM, false);
    }

    /** MCP's alias: the node index as decimal, zero-padded to 32 characters (lightning-facts §1.3 step 7). */
    static String alias(int index) {
        String s = Integer.toString(index);
        return "0".repeat(32 - s.length()) + s;
    }
}
