package org.lnsim.network.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import java.util.SplittableRandom;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.Pseudograph;
import org.junit.jupiter.api.Test;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.ChannelGraphBuilder;
import org.lnsim.network.NodeIds;
import org.lnsim.network.TestGraphs;

class NetworkStatisticsTest {

    /**
     * {@link TestGraphs#fourNodes()} by hand: degrees A 2, B 3, C 2, D 1 → 4 nodes, frac_deg_1 = 1/4, deg_2 = 2/4,
     * deg_3 = 1/4, max 3, mean 2.0; alpha = 1 + 4 / (ln2 + ln3 + ln2 + ln1) = 1 + 4 / 2.4849 = 2.6097.
     * Distinct peers: A{B}, B{A,C}, C{B,D}, D{C} → frac_peerdeg_1 = 2/4, max 2; pairs 3 → parallel excess 1.
     * Capacities sorted 10k 50k 100k 200k: p10 = 1st = 10k, p50 = 2nd = 50k, p90 = p99 = 4th = 200k;
     * total 360,000 sat = 0.0036 BTC. Usable policies (known, enabled): A→B 1000/1/144, B→A 0/100/40,
     * A→B(2) 1000/1/144, C→B 2000/10/144 → base median (1000+1000)/2 = 1000, ppm (1+10)/2 = 5.5, cltv 144.
     */
    @Test
    void handWorkedFourNodeGraph() {
        Map<String, Object> s = NetworkStatistics.compute(TestGraphs.fourNodes());
        assertEquals(4L, s.get("nodes_with_channels"));
        assertEquals(4L, s.get("channels"));
        assertEquals(0.25, (double) s.get("frac_deg_1"), 1e-12);
        assertEquals(0.5, (double) s.get("frac_deg_2"), 1e-12);
        assertEquals(0.25, (double) s.get("frac_deg_3"), 1e-12);
        assertEquals(3L, s.get("max_degree"));
        assertEquals(2.0, (double) s.get("mean_degree"), 1e-12);
        assertEquals(1 + 4 / (2 * Math.log(2) + Math.log(3)), (double) s.get("alpha_mle_xmin1"), 1e-12);
        assertEquals(0.5, (double) s.get("frac_peerdeg_1"), 1e-12);
        assertEquals(2L, s.get("max_peer_degree"));
        assertEquals(1L, s.get("parallel_channel_excess"));
        assertEquals(10_000L, s.get("cap_p10_sat"));
        assertEquals(50_000L, s.get("cap_p50_sat"));
        assertEquals(200_000L, s.get("cap_p90_sat"));
        assertEquals(200_000L, s.get("cap_p99_sat"));
        assertEquals(0.0036, (double) s.get("total_capacity_btc"), 1e-12);
        assertEquals(4L, s.get("policies_used"));
        assertEquals(1000.0, s.get("median_fee_base_msat"));
        assertEquals(5.5, s.get("median_fee_rate_ppm"));
        assertEquals(144.0, s.get("median_cltv_delta"));
        assertEquals(0L, s.get("rank_nodes"));
        assertNull(s.get("rank_share_1"));
        assertEquals(2677L, s.get("gossip_bytes_raw"));
    }

    /**
     * A star with 12 leaves, leaf i's channel has capacity (i+1)·1000 sat: total 78,000. Rank 1 is 12,000 sat →
     * share 12/78; the peer (leaf) total equals the channel, so peer − channel = 0 at every rank.
     */
    @Test
    void rankProperties_onStar() {
        ChannelGraphBuilder b = new ChannelGraphBuilder();
        int hub = b.addNode(NodeIds.fromIndex(100));
        for (int i = 0; i < 12; i++) {
            int leaf = b.addNode(NodeIds.fromIndex(i));
            b.addChannel(i + 1, hub, leaf, (i + 1) * 1000L);
        }
        NetworkStatistics.RankProperties r = NetworkStatistics.rankProperties(b.build());
        assertEquals(1, r.nodes());
        assertEquals(12 / 78.0, r.meanShare()[0], 1e-12);
        assertEquals(3 / 78.0, r.meanShare()[9], 1e-12);
        assertEquals(0.0, r.meanPeerMinusChannelSat()[0], 1e-12);
    }

    /** Degree statistics agree with JGraphT's degreeOf on a seeded random multigraph. */
    @Test
    void degreeStatistics_matchJGraphT() {
        SplittableRandom rnd = new SplittableRandom(42);
        int nodes = 300;
        ChannelGraphBuilder b = new ChannelGraphBuilder();
        Graph<Integer, DefaultEdge> oracle = new Pseudograph<>(DefaultEdge.class);
        int[] idx = new int[nodes];
        for (int i = 0; i < nodes; i++) {
            idx[i] = b.addNode(NodeIds.fromIndex(i));
            oracle.addVertex(i);
        }
        for (int k = 0; k < 1500; k++) {
            int x = rnd.nextInt(nodes);
            int y = (int) Math.min(nodes - 1, Math.abs(rnd.nextGaussian() * 10));
            if (x == y) {
                continue;
            }
            b.addChannel(k + 1, idx[x], idx[y], 1 + rnd.nextInt(1_000_000));
            oracle.addEdge(x, y);
        }
        ChannelGraph g = b.build();
        Map<String, Object> s = NetworkStatistics.compute(g);
        int with = 0;
        int d1 = 0;
        int max = 0;
        double sumLn = 0;
        for (int v : oracle.vertexSet()) {
            int d = oracle.degreeOf(v);
            if (d > 0) {
                with++;
                sumLn += Math.log(d);
                max = Math.max(max, d);
                if (d == 1) {
                    d1++;
                }
            }
        }
        assertEquals((long) with, s.get("nodes_with_channels"));
        assertEquals((long) oracle.edgeSet().size(), s.get("channels"));
        assertEquals((double) d1 / with, (double) s.get("frac_deg_1"), 1e-12);
        assertEquals((long) max, s.get("max_degree"));
        assertEquals(1 + with / sumLn, (double) s.get("alpha_mle_xmin1"), 1e-9);
    }

    @Test
    void percentileAndMedianDefinitions() {
        long[] v = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
        // nearest rank p10 of 11 values: ceil(1.1) = 2nd; p50: ceil(5.5) = 6th; p99: ceil(10.89) = 11th
        assertEquals(2L, NetworkStatistics.nearestRank(v, 10));
        assertEquals(6L, NetworkStatistics.nearestRank(v, 50));
        assertEquals(11L, NetworkStatistics.nearestRank(v, 99));
        assertEquals(6.0, NetworkStatistics.median(v, 11));
        assertEquals(2.5, NetworkStatistics.median(new long[] {4, 1, 3, 2}, 4));
        assertNull(NetworkStatistics.median(v, 0));
    }
}
