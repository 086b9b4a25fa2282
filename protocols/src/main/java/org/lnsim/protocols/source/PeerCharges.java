package org.lnsim.protocols.source;

import org.lnsim.engine.payment.ProtocolContext;
import org.lnsim.network.ChannelGraph;

/**
 * Gossip a node receives from its peers, charged to the peers that send it: {@code messages} and {@code bytes} split
 * evenly over the node's adjacency slots (one per channel, parallel channels each counting), the first
 * {@code messages mod degree} slots in adjacency order sending one message more, and likewise for the bytes. The node
 * is charged as the receiver of the whole.
 *
 * <p>Why: a node syncs from the peers it has, so the sync of a node with one channel is served by that peer, and a
 * hub serves a share of each of its peers' syncs. lnsim once charged every sync to the receiver's first peer, so a
 * node that happened to be many nodes' first peer was charged their syncs while its neighbours sent nothing, and the
 * per-node set-up figures measured adjacency order, not load (issue 18). The split is deterministic; its totals are the
 * charge's.
 */
public final class PeerCharges {
    private PeerCharges() {
    }

    /**
     * Charges {@code node}'s receipt of {@code messages} messages of {@code bytes} bytes in total to its peers.
     *
     * @param node a node with channels (nothing is charged for one without)
     */
    public static void fromPeers(ProtocolContext ctx, ChannelGraph graph, int node, String type, long messages,
                                 long bytes) {
        int degree = graph.degree(node);
        if (degree == 0) {
            return;
        }
        long m = messages / degree;
        long mExtra = messages % degree;
        long b = bytes / degree;
        long bExtra = bytes % degree;
        for (int i = 0, slot = graph.outStart(node); i < degree; i++, slot++) {
            long mi = m + (i < mExtra ? 1 : 0);
            long bi = b + (i < bExtra ? 1 : 0);
            if (mi > 0 || bi > 0) {
                ctx.chargeControl(graph.outPeer(slot), node, type, mi, bi);
            }
        }
    }
}
