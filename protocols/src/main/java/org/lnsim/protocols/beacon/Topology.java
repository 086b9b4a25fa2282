package org.lnsim.protocols.beacon;

import org.lnsim.network.ChannelGraph;

/**
 * What every beacon search on one graph shares, computed once in O(N + E): record sizes, each direction's fee at the reference
 * amount (the beacon-path tie-break, {@link Neighbourhoods}), stored in adjacency-slot order because a search reads
 * it slot after slot (in direction order every read was a cache miss: 88 ms per search at 1M channels), and the connected components (channels undirected)
 * with an upper bound on each one's diameter — twice the eccentricity of its first node — so that when
 * {@code max-beacon-distance} is at least that bound, "within the distance" is simply "in the same component" and
 * a node's beacons are known before any search.
 */
final class Topology {
    /** Fee at the reference amount of the direction at each adjacency slot, in slot order (read sequentially). */
    final long[] slotFee;
    /** Each channel's table record bytes ({@link Neighbourhoods#channelRecordBytes}). */
    final int[] channelBytes;
    /** The same for the channel at each adjacency slot, in slot order (the neighbourhood sizes read it sequentially). */
    final int[] slotChannelBytes;
    /** Each node's announcement bytes in a table ({@link Neighbourhoods#nodeRecordBytes}). */
    final int[] nodeBytes;
    final int[] component;
    final int[] diameterBound;

    Topology(ChannelGraph g) {
        slotFee = new long[2 * g.channelCount()];
        for (int slot = 0; slot < slotFee.length; slot++) {
            int e = g.outDirection(slot);
            slotFee[slot] = g.hasPolicy(e) ? g.feeMsat(e, Neighbourhoods.REFERENCE_AMOUNT_MSAT)
                    : Neighbourhoods.NO_POLICY_FEE;
        }
        channelBytes = new int[g.channelCount()];
        for (int c = 0; c < channelBytes.length; c++) {
            channelBytes[c] = Neighbourhoods.channelRecordBytes(g, c);
        }
        slotChannelBytes = new int[2 * g.channelCount()];
        for (int slot = 0; slot < slotChannelBytes.length; slot++) {
            slotChannelBytes[slot] = channelBytes[ChannelGraph.channelOf(g.outDirection(slot))];
        }
        int n = g.nodeCount();
        nodeBytes = new int[n];
        for (int v = 0; v < n; v++) {
            nodeBytes[v] = Neighbourhoods.nodeRecordBytes(g, v);
        }
        component = new int[n];
        java.util.Arrays.fill(component, -1);
        int[] depth = new int[n];
        int[] queue = new int[n];
        int[] bounds = new int[16];
        int count = 0;
        for (int start = 0; start < n; start++) {
            if (component[start] >= 0) {
                continue;
            }
            component[start] = count;
            depth[start] = 0;
            queue[0] = start;
            int head = 0;
            int tail = 1;
            int ecc = 0;
            while (head < tail) {
                int u = queue[head++];
                ecc = Math.max(ecc, depth[u]);
                for (int slot = g.outStart(u), end = g.outEnd(u); slot < end; slot++) {
                    int v = g.outPeer(slot);
                    if (component[v] < 0) {
                        component[v] = count;
                        depth[v] = depth[u] + 1;
                        queue[tail++] = v;
                    }
                }
            }
            if (count == bounds.length) {
                bounds = java.util.Arrays.copyOf(bounds, 2 * count);
            }
            bounds[count++] = 2 * ecc;
        }
        diameterBound = java.util.Arrays.copyOf(bounds, count);
    }
}
