package org.lnsim.network.generate;

import java.util.Arrays;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.ChannelGraphBuilder;
import org.lnsim.network.ChannelPolicy;
import org.lnsim.network.NodeIds;

/** Small-graph building and hub lookup shared by the tests of the fitted hubs (ranks, links, policies). */
final class HubGraphs {
    private HubGraphs() {
    }

    /** Adds a 100,000-sat channel x-y whose two directions carry (base, ppm, cltv, htlc_min 1); its index. */
    static int channel(ChannelGraphBuilder b, long scid, int x, int y, long base, long ppm, int cltv) {
        int ch = b.addChannel(scid, x, y, 100_000);
        b.setPolicy(ch, x, base, ppm, cltv, 1, ChannelPolicy.NO_HTLC_MAXIMUM, false);
        b.setPolicy(ch, y, base, ppm, cltv, 1, ChannelPolicy.NO_HTLC_MAXIMUM, false);
        return ch;
    }

    /**
     * Adds {@code count} pairs of nodes joined by one channel each (1 msat, 1 ppm, CLTV 40), node ids from {@code id}
     * and scids from {@code scid} on: they raise the count of nodes with channels, and so the number of top nodes
     * (ceil(n / 100)), without touching the nodes under test.
     */
    static void pairs(ChannelGraphBuilder b, int id, long scid, int count) {
        for (int i = 0; i < count; i++) {
            int x = b.addNode(NodeIds.fromIndex(id + 2 * i));
            int y = b.addNode(NodeIds.fromIndex(id + 2 * i + 1));
            channel(b, scid + i, x, y, 1, 1, 40);
        }
    }

    /** The nodes by descending degree, ties: the lower index first (the order of {@link McpFitter#topNodes}). */
    static Integer[] byDegree(ChannelGraph g) {
        Integer[] order = new Integer[g.nodeCount()];
        for (int v = 0; v < order.length; v++) {
            order[v] = v;
        }
        Arrays.sort(order, (x, y) -> g.degree(y) != g.degree(x) ? g.degree(y) - g.degree(x) : x - y);
        return order;
    }

    /**
     * The generated node of each snapshot hub rank, found by its degree (a built graph orders nodes by id, not by
     * rank; the generator pins hub i to the snapshot's degree of rank i at the snapshot's size): the one node with
     * {@code topDegrees[i]} channels when that degree is unique among the ranks and in the graph, else -1.
     */
    static int[] nodesOfRanks(ChannelGraph g, int[] topDegrees) {
        int[] out = new int[topDegrees.length];
        Arrays.fill(out, -1);
        for (int i = 0; i < topDegrees.length; i++) {
            int d = topDegrees[i];
            if (Arrays.stream(topDegrees).filter(x -> x == d).count() != 1) {
                continue;
            }
            int found = -1;
            int count = 0;
            for (int v = 0; v < g.nodeCount(); v++) {
                if (g.degree(v) == d) {
                    found = v;
                    count++;
                }
            }
            out[i] = count == 1 ? found : -1;
        }
        return out;
    }
}
