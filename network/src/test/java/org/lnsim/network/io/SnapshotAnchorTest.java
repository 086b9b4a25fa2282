package org.lnsim.network.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.ChannelGraphBuilder;
import org.lnsim.network.stats.NetworkStatistics;
import org.lnsim.network.testing.TestData;

/**
 * Every real snapshot in {@code data/snapshots} of the repository, loaded through {@link NetworkFormats#load} (format
 * detected from content), must reproduce the statistics of {@code anchor-stats.json}: the expected values are read
 * from that file, never copied here. Values in the file are rounded (fractions and alpha to 4 decimals, BTC and mean
 * degree to 3, mean capacity to whole sat),
 * so the tolerance of each comparison is half a unit of the last printed digit; counts and percentiles are exact.
 *
 * <p>The importers' record counters are checked against the per-file counts anchor-stats also gives
 * ({@code directed_entries}, {@code listed_nodes}, {@code directed_policies_present}, {@code disabled_policies}).
 *
 * <p>The {@code active_subgraph} values (channels with at least one enabled direction with a known policy) are
 * checked by rebuilding that subgraph and running the same {@link NetworkStatistics}.
 */
class SnapshotAnchorTest {
    /** Snapshots this test does not load (none: every shipped snapshot has a reader). */
    private static final List<String> SKIPPED = List.of();

    private static final List<String> COUNTS = List.of("nodes_with_channels", "channels", "max_degree",
            "parallel_channel_excess", "max_peer_degree", "policies_used");
    private static final List<String> FRACTIONS = List.of("frac_deg_1", "frac_deg_2", "frac_deg_3",
            "alpha_mle_xmin1", "frac_peerdeg_1");
    private static final List<String> CAPACITY = List.of("cap_p10_sat", "cap_p50_sat", "cap_p90_sat", "cap_p99_sat");
    private static final List<String> MEDIANS = List.of("median_fee_base_msat", "median_fee_rate_ppm",
            "median_cltv_delta");

    static Path snapshots() {
        return TestData.snapshots();
    }

    static JsonNode anchors() throws IOException {
        return new ObjectMapper().readTree(snapshots().resolve("anchor-stats.json").toFile());
    }

    static Stream<Arguments> snapshotKeys() throws IOException {
        List<Arguments> out = new ArrayList<>();
        Iterator<String> it = anchors().fieldNames();
        while (it.hasNext()) {
            String key = it.next();
            if (!key.startsWith("_") && !SKIPPED.contains(key)) {
                out.add(Arguments.of(key));
            }
        }
        return out.stream();
    }

    @Test
    void everyAnchoredSnapshotIsCovered() throws IOException {
        // guards against the parameter source silently becoming empty (e.g. a wrong lnsim.data)
        assertTrue(snapshotKeys().count() >= 10, "anchor-stats.json lists the shipped snapshots");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("snapshotKeys")
    void snapshotMatchesAnchorStats(String key) throws IOException {
        JsonNode expected = anchors().get(key);
        Path path = snapshots().resolve(key);
        assertTrue(Files.exists(path), "snapshot present: " + path);
        LoadedNetwork loaded = NetworkFormats.load(path);
        ChannelGraph g = loaded.graph();
        compare(key, expected, NetworkStatistics.compute(g));
        compareRecordCounts(key, expected, loaded.report());
        JsonNode active = expected.get("active_subgraph");
        if (active != null) {
            compare(key + " active_subgraph", active, NetworkStatistics.compute(activeSubgraph(g)));
        }
    }

    private static void compare(String what, JsonNode expected, Map<String, Object> actual) {
        int compared = 0;
        for (String k : COUNTS) {
            if (present(expected, k)) {
                assertEquals(expected.get(k).asLong(), ((Number) actual.get(k)).longValue(), what + ": " + k);
                compared++;
            }
        }
        for (String k : FRACTIONS) {
            if (present(expected, k)) {
                assertEquals(expected.get(k).asDouble(), ((Number) actual.get(k)).doubleValue(), 0.5e-4 + 1e-9,
                        what + ": " + k);
                compared++;
            }
        }
        for (String k : CAPACITY) {
            if (present(expected, k)) {
                assertEquals(expected.get(k).asLong(), ((Number) actual.get(k)).longValue(), what + ": " + k);
                compared++;
            }
        }
        if (present(expected, "total_capacity_btc")) {
            assertEquals(expected.get("total_capacity_btc").asDouble(),
                    ((Number) actual.get("total_capacity_btc")).doubleValue(), 0.5e-3 + 1e-9, what + ": total_capacity_btc");
            compared++;
        }
        if (present(expected, "mean_degree")) {
            assertEquals(expected.get("mean_degree").asDouble(), ((Number) actual.get("mean_degree")).doubleValue(),
                    0.5e-3 + 1e-9, what + ": mean_degree");
            compared++;
        }
        if (present(expected, "cap_mean_sat")) {
            assertEquals(expected.get("cap_mean_sat").asDouble(), ((Number) actual.get("cap_mean_sat")).doubleValue(),
                    0.5 + 1e-9, what + ": cap_mean_sat");
            compared++;
        }
        for (String k : MEDIANS) {
            if (present(expected, k)) {
                assertEquals(expected.get(k).asDouble(), ((Number) actual.get(k)).doubleValue(), 1e-9, what + ": " + k);
                compared++;
            }
        }
        assertTrue(compared >= 9, what + ": compared " + compared + " statistics");
    }

    /**
     * The per-file record counts of anchor-stats (SOURCES.md "Measured") against the importer's counters:
     * c-lightning {@code directed_entries}; lnd {@code listed_nodes}, {@code directed_policies_present} (2 per edge
     * minus null policies) and {@code disabled_policies}.
     */
    private static void compareRecordCounts(String what, JsonNode expected, LoadReport r) {
        if (present(expected, "directed_entries")) {
            assertEquals(expected.get("directed_entries").asLong(), r.get("directions_read"), what + ": directed_entries");
        }
        if (r.format().equals(LndDescribeGraphFormat.NAME)) {
            assertEquals(expected.get("listed_nodes").asLong(), r.get("nodes_read"), what + ": listed_nodes");
            assertEquals(expected.get("directed_policies_present").asLong(),
                    2 * r.get("edges_read") - r.get("policy_null"), what + ": directed_policies_present");
            assertEquals(expected.get("disabled_policies").asLong(), r.get("disabled"), what + ": disabled_policies");
        }
        if (r.format().equals(LnGraphVizFormat.NAME)) {
            assertEquals(expected.get("listed_nodes").asLong(), r.get("nodes_read"), what + ": listed_nodes");
        }
    }

    private static boolean present(JsonNode n, String key) {
        return n.has(key) && !n.get(key).isNull();
    }

    /**
     * The channels with at least one usable direction (known policy, not disabled), with their policies, and only
     * the nodes they touch — anchor-stats' {@code active_subgraph}.
     */
    static ChannelGraph activeSubgraph(ChannelGraph g) {
        ChannelGraphBuilder b = new ChannelGraphBuilder();
        for (int c = 0; c < g.channelCount(); c++) {
            int e0 = ChannelGraph.direction(c, 0);
            if (!g.isUsable(e0) && !g.isUsable(e0 + 1)) {
                continue;
            }
            int n1 = b.addNode(g.nodeId(g.node1(c)));
            int n2 = b.addNode(g.nodeId(g.node2(c)));
            int k = b.addChannel(g.scid(c), n1, n2, g.capacitySat(c));
            if (g.hasPolicy(e0)) {
                b.setPolicy(k, n1, g.policy(e0));
            }
            if (g.hasPolicy(e0 + 1)) {
                b.setPolicy(k, n2, g.policy(e0 + 1));
            }
        }
        return b.build();
    }
}
