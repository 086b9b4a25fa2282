package org.lnsim.engine.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.jgrapht.alg.flow.EdmondsKarpMFImpl;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.SimpleDirectedWeightedGraph;
import org.junit.jupiter.api.Test;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.ChannelGraphBuilder;
import org.lnsim.network.NodeIds;
import org.lnsim.network.ShortChannelId;

class LiquidityFlowTest {
    /**
     * Diamond S(1)–A(2)–R(4), S–B(3)–R. Liquidity S→A 30, A→R 50, S→B 70, B→R 20 (and 0 back): S can get
     * min(30, 50) + min(70, 20) = 50 to R; R can send nothing back. Capped at 40 it stops at 40.
     */
    @Test
    void diamondFlowAsWorkedByHand() {
        ChannelGraphBuilder b = new ChannelGraphBuilder();
        int s = b.addNode(NodeIds.fromIndex(1));
        int a = b.addNode(NodeIds.fromIndex(2));
        int bb = b.addNode(NodeIds.fromIndex(3));
        int r = b.addNode(NodeIds.fromIndex(4));
        b.addChannel(ShortChannelId.of(1, 0, 0), s, a, 1);
        b.addChannel(ShortChannelId.of(2, 0, 0), a, r, 1);
        b.addChannel(ShortChannelId.of(3, 0, 0), s, bb, 1);
        b.addChannel(ShortChannelId.of(4, 0, 0), bb, r, 1);
        ChannelGraph g = b.build();
        // directions 2c (node_1 → node_2) in scid order: S→A, A→R, S→B, B→R
        long[] liquidity = {30, 0, 50, 0, 70, 0, 20, 0};
        LiquidityFlow flow = new LiquidityFlow(g, liquidity);
        assertEquals(50, flow.maxFlow(0, 3, Long.MAX_VALUE));
        assertEquals(40, flow.maxFlow(0, 3, 40));
        assertEquals(0, flow.maxFlow(3, 0, Long.MAX_VALUE));
        assertEquals(50, flow.maxFlow(0, 3, Long.MAX_VALUE), "queries leave the liquidity as it was");
    }

    /** Differential: JGraphT's Edmonds–Karp on the same directed capacities, 30 random pairs on 5 random graphs. */
    @Test
    void equalsJGraphTMaxFlowOnRandomGraphs() {
        for (int seed = 0; seed < 5; seed++) {
            SplittableRandom rnd = new SplittableRandom(seed);
            int n = 40;
            ChannelGraphBuilder b = new ChannelGraphBuilder();
            for (int i = 0; i < n; i++) {
                b.addNode(NodeIds.fromIndex(i + 1));
            }
            int k = 0;
            for (int i = 0; i < 140; i++) {
                int x = rnd.nextInt(n);
                int y = rnd.nextInt(n);
                if (x != y) {
                    b.addChannel(ShortChannelId.of(++k, 0, 0), x, y, 1);
                }
            }
            ChannelGraph g = b.build();
            long[] liquidity = new long[2 * g.channelCount()];
            SimpleDirectedWeightedGraph<Integer, DefaultWeightedEdge> oracle =
                    new SimpleDirectedWeightedGraph<>(DefaultWeightedEdge.class);
            for (int v = 0; v < n; v++) {
                oracle.addVertex(v);
            }
            for (int e = 0; e < liquidity.length; e++) {
                liquidity[e] = rnd.nextInt(1_000);
                int u = g.source(e);
                int v = g.target(e);
                DefaultWeightedEdge edge = oracle.getEdge(u, v);
                if (edge == null) {
                    edge = oracle.addEdge(u, v);
                    oracle.setEdgeWeight(edge, 0);
                }
                // parallel channels between the same ordered pair add up
                oracle.setEdgeWeight(edge, oracle.getEdgeWeight(edge) + liquidity[e]);
            }
            LiquidityFlow flow = new LiquidityFlow(g, liquidity);
            EdmondsKarpMFImpl<Integer, DefaultWeightedEdge> ek = new EdmondsKarpMFImpl<>(oracle);
            int compared = 0;
            for (int q = 0; q < 30; q++) {
                int s = rnd.nextInt(n);
                int t = rnd.nextInt(n);
                if (s == t) {
                    continue;
                }
                assertEquals((long) ek.getMaximumFlowValue(s, t), flow.maxFlow(s, t, Long.MAX_VALUE), s + " -> " + t);
                compared++;
            }
            assertTrue(compared > 20);
        }
    }
}
