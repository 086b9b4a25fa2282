package org.lnsim.network.stats;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.gossip.GossipSizes;

/**
 * The statistics lnsim reports for a network, with the names and definitions of the shared snapshots'
 * {@code anchor-stats.json} (its {@code SOURCES.md}, "How the statistics were measured"), so that a generated network
 * and a real snapshot can be compared key by key:
 * <ul>
 *   <li>{@code nodes_with_channels}: nodes with at least one channel; {@code channels}: distinct channels.</li>
 *   <li>degree = channels at a node, parallel channels counted ({@code frac_deg_k}, {@code max_degree},
 *       {@code mean_degree}); peer degree = distinct neighbours ({@code frac_peerdeg_1}, {@code max_peer_degree});
 *       {@code parallel_channel_excess} = channels minus distinct node pairs.</li>
 *   <li>{@code alpha_mle_xmin1} = 1 + n / Σ ln(deg_i) over nodes with degree ≥ 1 (continuous MLE, xmin = 1).</li>
 *   <li>capacity percentiles: nearest rank over channels, in sat; {@code total_capacity_btc} = Σ capacity / 10^8.</li>
 *   <li>fee and CLTV medians over directed policies that are known and not disabled (median of an even count is the
 *       mean of the two middle values, as Python's {@code statistics.median}); null when there are none.</li>
 * </ul>
 * Plus the Million Channels Project properties (lightning-facts §1.2 items 3–4): for nodes with ≥ 10 channels, the
 * mean share of the node's capacity in its rank-k channel ({@code rank_share_k}, k = 1..10, largest first) and the mean
 * of (peer's total capacity − channel capacity) in BTC by rank ({@code peer_minus_channel_btc_rank_k}); and the gossip
 * sizes of {@link GossipSizes}.
 */
public final class NetworkStatistics {
    /** Ranks covered by the MCP in-node capacity properties (facts §1.2 item 3). */
    public static final int RANKS = 10;
    /** Minimum degree for a node to count in the rank properties (facts §1.2 item 3). */
    public static final int RANK_MIN_DEGREE = 10;

    private NetworkStatistics() {
    }

    /**
     * Computes every statistic. Values are {@code Long}, {@code Double} or {@code null} (not defined for this
     * network, e.g. fee medians without policies); key order is stable.
     */
    public static Map<String, Object> compute(ChannelGraph g) {
        Map<String, Object> s = new LinkedHashMap<>();
        int n = g.nodeCount();
        int m = g.channelCount();
        int withChannels = 0;
        int deg1 = 0;
        int deg2 = 0;
        int deg3 = 0;
        int maxDeg = 0;
        double sumLnDeg = 0;
        long sumDeg = 0;
        int peerDeg1 = 0;
        int maxPeerDeg = 0;
        long distinctPairs = 0;
        int[] lastSeen = new int[n];
        Arrays.fill(lastSeen, -1);
        for (int v = 0; v < n; v++) {
            int d = g.degree(v);
            if (d == 0) {
                continue;
            }
            withChannels++;
            sumDeg += d;
            sumLnDeg += Math.log(d);
            maxDeg = Math.max(maxDeg, d);
            if (d == 1) {
                deg1++;
            } else if (d == 2) {
                deg2++;
            } else if (d == 3) {
                deg3++;
            }
            int peers = 0;
            for (int slot = g.outStart(v); slot < g.outEnd(v); slot++) {
                int p = g.outPeer(slot);
                if (lastSeen[p] != v) {
                    lastSeen[p] = v;
                    peers++;
                    if (p > v) {
                        distinctPairs++;
                    }
                }
            }
            if (peers == 1) {
                peerDeg1++;
            }
            maxPeerDeg = Math.max(maxPeerDeg, peers);
        }
        s.put("nodes_with_channels", (long) withChannels);
        s.put("channels", (long) m);
        s.put("mean_degree", withChannels == 0 ? null : (double) sumDeg / withChannels);
        s.put("frac_deg_1", frac(deg1, withChannels));
        s.put("frac_deg_2", frac(deg2, withChannels));
        s.put("frac_deg_3", frac(deg3, withChannels));
        s.put("max_degree", (long) maxDeg);
        s.put("alpha_mle_xmin1", withChannels == 0 || sumLnDeg == 0 ? null : 1 + withChannels / sumLnDeg);
        s.put("frac_peerdeg_1", frac(peerDeg1, withChannels));
        s.put("max_peer_degree", (long) maxPeerDeg);
        s.put("parallel_channel_excess", m - distinctPairs);

        long[] caps = new long[m];
        long totalCap = 0;
        for (int c = 0; c < m; c++) {
            caps[c] = g.capacitySat(c);
            totalCap += caps[c];
        }
        Arrays.sort(caps);
        s.put("total_capacity_btc", totalCap / 1e8);
        s.put("cap_p10_sat", nearestRank(caps, 10));
        s.put("cap_p50_sat", nearestRank(caps, 50));
        s.put("cap_p90_sat", nearestRank(caps, 90));
        s.put("cap_p99_sat", nearestRank(caps, 99));
        s.put("cap_mean_sat", m == 0 ? null : (double) totalCap / m);

        int usable = 0;
        long[] base = new long[2 * m];
        long[] ppm = new long[2 * m];
        long[] cltv = new long[2 * m];
        for (int e = 0; e < 2 * m; e++) {
            if (g.isUsable(e)) {
                base[usable] = g.feeBaseMsat(e);
                ppm[usable] = g.feeProportionalMillionths(e);
                cltv[usable] = g.cltvExpiryDelta(e);
                usable++;
            }
        }
        s.put("policies_used", (long) usable);
        s.put("median_fee_base_msat", median(base, usable));
        s.put("median_fee_rate_ppm", median(ppm, usable));
        s.put("median_cltv_delta", median(cltv, usable));

        RankProperties ranks = rankProperties(g);
        for (int k = 0; k < RANKS; k++) {
            s.put("rank_share_" + (k + 1), ranks.nodes() == 0 ? null : ranks.meanShare()[k]);
        }
        for (int k = 0; k < RANKS; k++) {
            s.put("peer_minus_channel_btc_rank_" + (k + 1), ranks.nodes() == 0 ? null : ranks.meanPeerMinusChannelSat()[k] / 1e8);
        }
        s.put("rank_nodes", (long) ranks.nodes());

        GossipSizes.Totals gossip = GossipSizes.of(g);
        s.put("channel_updates", gossip.channelUpdates());
        s.put("node_announcements", gossip.nodeAnnouncements());
        s.put("gossip_bytes_raw", gossip.rawBytes());
        s.put("gossip_bytes_store", gossip.storeBytes());
        s.put("gossip_bytes_mcp", gossip.mcpFileBytes());
        return Collections.unmodifiableMap(s);
    }

    /**
     * The MCP in-node capacity properties (facts §1.2 items 3–4) over nodes with ≥ {@link #RANK_MIN_DEGREE} channels.
     *
     * @param nodes                    how many nodes qualified
     * @param meanShare                mean of channel_k / node total, k = 0..9 (largest channel first)
     * @param meanPeerMinusChannelSat  mean of (peer's total capacity − channel_k's capacity), sat
     */
    public record RankProperties(int nodes, double[] meanShare, double[] meanPeerMinusChannelSat) {
    }

    /** Computes {@link RankProperties}; also used by the generator's fit so both measure the same thing. */
    public static RankProperties rankProperties(ChannelGraph g) {
        int n = g.nodeCount();
        long[] nodeTotal = g.nodeCapacitiesSat();
        double[] share = new double[RANKS];
        double[] peerMinus = new double[RANKS];
        int counted = 0;
        for (int v = 0; v < n; v++) {
            int d = g.degree(v);
            if (d < RANK_MIN_DEGREE || nodeTotal[v] == 0) {
                continue;
            }
            counted++;
            // sort slots by capacity descending, ties by slot: pack (capacity, slot) into sortable pairs
            Integer[] slots = new Integer[d];
            for (int i = 0; i < d; i++) {
                slots[i] = g.outStart(v) + i;
            }
            Arrays.sort(slots, (a, b) -> {
                int cmp = Long.compare(g.capacitySat(ChannelGraph.channelOf(g.outDirection(b))),
                        g.capacitySat(ChannelGraph.channelOf(g.outDirection(a))));
                return cmp != 0 ? cmp : Integer.compare(a, b);
            });
            for (int k = 0; k < RANKS; k++) {
                int slot = slots[k];
                long cap = g.capacitySat(ChannelGraph.channelOf(g.outDirection(slot)));
                share[k] += (double) cap / nodeTotal[v];
                peerMinus[k] += nodeTotal[g.outPeer(slot)] - cap;
            }
        }
        for (int k = 0; k < RANKS && counted > 0; k++) {
            share[k] /= counted;
            peerMinus[k] /= counted;
        }
        return new RankProperties(counted, share, peerMinus);
    }

    private static Double frac(int k, int n) {
        return n == 0 ? null : (double) k / n;
    }

    /** Nearest-rank percentile: the ⌈p/100 · n⌉-th smallest value (1-based). */
    static Long nearestRank(long[] sorted, int p) {
        return sorted.length == 0 ? null : sorted[nearestRankIndex(sorted.length, p)];
    }

    /**
     * The 0-based index of the nearest-rank {@code p}-th percentile among {@code n} sorted values (n ≥ 1):
     * ⌈p/100 · n⌉ − 1, at least 0. lnsim's one percentile definition, as in anchor-stats.json.
     */
    public static int nearestRankIndex(int n, double p) {
        return Math.max(1, (int) Math.ceil(p / 100.0 * n)) - 1;
    }

    static Double median(long[] values, int count) {
        if (count == 0) {
            return null;
        }
        long[] v = Arrays.copyOf(values, count);
        Arrays.sort(v);
        return count % 2 == 1 ? (double) v[count / 2] : (v[count / 2 - 1] + v[count / 2]) / 2.0;
    }
}
