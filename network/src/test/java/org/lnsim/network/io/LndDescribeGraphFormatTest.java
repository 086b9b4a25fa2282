package org.lnsim.network.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lnsim.network.AddressType;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.ChannelPolicy;
import org.lnsim.network.GraphAssertions;
import org.lnsim.network.NodeAddress;
import org.lnsim.network.NodeIds;
import org.lnsim.network.ShortChannelId;
import org.lnsim.network.TestGraphs;

class LndDescribeGraphFormatTest {
    @TempDir
    Path dir;

    static String id(int k) {
        return NodeIds.hex(NodeIds.fromIndex(k));
    }

    /**
     * Hand-made dump. Nodes: N1 announced (two parsable addresses, one not), N2 with last_update 0 listed twice,
     * N4 listed without channels; N3 is an endpoint never listed. Edges (scid 1x0x0 = 2^40 = 1099511627776):
     * <pre>
     *  [0] 1x0x0 N1–N2 1000 sat, node1 policy (40, min 1000, base 1000, 1 ppm, max 990000), node2 null
     *  [1] the same edge again, identical                       → duplicate_edge, duplicate_direction_merged
     *  [2] 2x0x0 N2–N3 5000 sat, node1 disabled, max "0"; node2 without min_htlc, policy last_update 10
     *  [3] 2x0x0 again: node1 same, node2 base 7 with last_update 20 → replaced
     *  [4] 3x0x0 N1–N3 2000 sat, both policies null
     * </pre>
     * Counters: edges_read 5; policy_null = [0]n2 + [1]n2 + [4]×2 = 4; disabled = [2]n1 + [3]n1 = 2;
     * max_htlc_zero_as_absent 2 ([2],[3] node1); max_htlc_absent = [2]n2 + [3]n2 = 2; min_htlc_defaulted 2 (same);
     * duplicate_edge 2 ([1],[3]); merged = [1]n1 + [3]n1 = 2; replaced 1; one_sided 1 (1x0x0); no_policy 1 (3x0x0);
     * nodes_read 4, nodes_duplicate 1, nodes_not_announced 1 (N2), nodes_without_channels 1 (N4),
     * endpoints_not_listed 1 (N3), address_unparsable 1.
     */
    @Test
    void handMadeDumpWithEveryQuirk() throws IOException {
        String json = """
                {"nodes": [
                  {"last_update": 5, "pub_key": "%1$s", "alias": "one", "color": "#ff0000",
                   "addresses": [{"network": "tcp", "addr": "1.2.3.4:9735"}, {"network": "tcp", "addr": "[::1]:9736"},
                                 {"network": "tcp", "addr": "garbage"}]},
                  {"last_update": 0, "pub_key": "%2$s", "alias": "", "addresses": []},
                  {"last_update": 0, "pub_key": "%2$s", "alias": "", "addresses": []},
                  {"last_update": 9, "pub_key": "%4$s", "alias": "lonely", "addresses": []}
                 ],
                 "edges": [
                  {"channel_id": "1099511627776", "chan_point": "x:0", "last_update": 3, "node1_pub": "%1$s",
                   "node2_pub": "%2$s", "capacity": "1000",
                   "node1_policy": {"time_lock_delta": 40, "min_htlc": "1000", "fee_base_msat": "1000",
                                    "fee_rate_milli_msat": "1", "disabled": false, "max_htlc_msat": "990000"},
                   "node2_policy": null},
                  {"channel_id": "1099511627776", "chan_point": "x:0", "last_update": 3, "node1_pub": "%1$s",
                   "node2_pub": "%2$s", "capacity": "1000",
                   "node1_policy": {"time_lock_delta": 40, "min_htlc": "1000", "fee_base_msat": "1000",
                                    "fee_rate_milli_msat": "1", "disabled": false, "max_htlc_msat": "990000"},
                   "node2_policy": null},
                  {"channel_id": "2x0x0", "last_update": 3, "node1_pub": "%2$s", "node2_pub": "%3$s", "capacity": 5000,
                   "node1_policy": {"time_lock_delta": 144, "min_htlc": 0, "fee_base_msat": 0,
                                    "fee_rate_milli_msat": 5, "disabled": true, "max_htlc_msat": "0"},
                   "node2_policy": {"time_lock_delta": 14, "fee_base_msat": "1", "fee_rate_milli_msat": "2",
                                    "disabled": false, "last_update": 10}},
                  {"channel_id": "2x0x0", "last_update": 3, "node1_pub": "%2$s", "node2_pub": "%3$s", "capacity": 5000,
                   "node1_policy": {"time_lock_delta": 144, "min_htlc": 0, "fee_base_msat": 0,
                                    "fee_rate_milli_msat": 5, "disabled": true, "max_htlc_msat": "0"},
                   "node2_policy": {"time_lock_delta": 14, "fee_base_msat": "7", "fee_rate_milli_msat": "2",
                                    "disabled": false, "last_update": 20}},
                  {"channel_id": "3298534883328", "last_update": 3, "node1_pub": "%1$s", "node2_pub": "%3$s",
                   "capacity": "2000", "node1_policy": null, "node2_policy": null}
                 ]}
                """.formatted(id(1), id(2), id(3), id(4));
        Path f = dir.resolve("graph.json");
        Files.writeString(f, json);
        LoadedNetwork ln = NetworkFormats.load(f);
        assertEquals(LndDescribeGraphFormat.NAME, ln.report().format());
        ChannelGraph g = ln.graph();
        assertEquals(3, g.nodeCount());
        assertEquals(3, g.channelCount());
        int n1 = g.indexOfNode(id(1));
        assertTrue(g.isAnnounced(n1));
        assertEquals("one", g.alias(n1));
        assertEquals(List.of(new NodeAddress(AddressType.IPV4, "1.2.3.4", 9735),
                new NodeAddress(AddressType.IPV6, "::1", 9736)), g.addresses(n1));
        assertFalse(g.isAnnounced(g.indexOfNode(id(2))));
        int c1 = g.indexOfChannel(ShortChannelId.of(1, 0, 0));
        assertEquals(new ChannelPolicy(1000, 1, 40, 1000, 990_000, false), g.policy(ChannelGraph.direction(c1, 0)));
        assertFalse(g.hasPolicy(ChannelGraph.direction(c1, 1)));
        int c2 = g.indexOfChannel(ShortChannelId.of(2, 0, 0));
        assertEquals(new ChannelPolicy(0, 5, 144, 0, ChannelPolicy.NO_HTLC_MAXIMUM, true),
                g.policy(ChannelGraph.direction(c2, 0)));
        assertEquals(new ChannelPolicy(7, 2, 14, 0, ChannelPolicy.NO_HTLC_MAXIMUM, false),
                g.policy(ChannelGraph.direction(c2, 1)));
        LoadReport r = ln.report();
        assertEquals(5, r.get("edges_read"));
        assertEquals(4, r.get("policy_null"));
        assertEquals(2, r.get("disabled"));
        assertEquals(2, r.get("max_htlc_zero_as_absent"));
        assertEquals(2, r.get("max_htlc_absent"));
        assertEquals(2, r.get("min_htlc_defaulted"));
        assertEquals(2, r.get("duplicate_edge"));
        assertEquals(2, r.get("duplicate_direction_merged"));
        assertEquals(1, r.get("duplicate_direction_replaced"));
        assertEquals(0, r.get("duplicate_direction_older_dropped"));
        assertEquals(1, r.get("one_sided_channels"));
        assertEquals(1, r.get("no_policy_channels"));
        assertEquals(4, r.get("nodes_read"));
        assertEquals(1, r.get("nodes_duplicate"));
        assertEquals(1, r.get("nodes_not_announced"));
        assertEquals(1, r.get("nodes_without_channels"));
        assertEquals(1, r.get("endpoints_not_listed"));
        assertEquals(1, r.get("address_unparsable"));
    }

    /** An older duplicate policy (last_update 5 after 9) is dropped, not applied. */
    @Test
    void olderDuplicatePolicyIsDropped() throws IOException {
        String edge = """
                {"channel_id": "1x0x0", "last_update": %d, "node1_pub": "%s", "node2_pub": "%s", "capacity": "10",
                 "node1_policy": {"time_lock_delta": 40, "min_htlc": "0", "fee_base_msat": "%d",
                                  "fee_rate_milli_msat": "1", "disabled": false}, "node2_policy": null}""";
        String json = "{\"edges\": [" + edge.formatted(9, id(1), id(2), 100) + ","
                + edge.formatted(5, id(1), id(2), 200) + "]}";
        Path f = dir.resolve("g.json");
        Files.writeString(f, json);
        LoadedNetwork ln = NetworkFormats.load(f);
        assertEquals(100, ln.graph().feeBaseMsat(0));
        assertEquals(1, ln.report().get("duplicate_direction_older_dropped"));
    }

    @Test
    void roundTripOfHandMadeGraph() throws IOException {
        ChannelGraph g = TestGraphs.fourNodes();
        Path out = dir.resolve("four.json");
        new LndDescribeGraphFormat().write(g, out);
        GraphAssertions.assertSameGraph(g, NetworkFormats.load(out).graph());
    }

    /** The real 2019 lnd dump: import → export (gzip) → import gives the same graph, announcements included. */
    @Test
    void roundTripOfRealSnapshot() throws IOException {
        Path src = SnapshotAnchorTest.snapshots().resolve("lnd-describegraph-2019-03-09.json.gz");
        ChannelGraph g = NetworkFormats.load(src).graph();
        Path out = dir.resolve("copy.json.gz");
        NetworkFormats.writer(LndDescribeGraphFormat.NAME).write(g, out);
        LoadedNetwork again = NetworkFormats.load(out);
        assertEquals(LndDescribeGraphFormat.NAME, again.report().format());
        GraphAssertions.assertSameGraph(g, again.graph());
    }

    /** A Core Lightning snapshot (disabled directions, one-sided channels, listnodes addresses) survives lnd JSON. */
    @Test
    void clnSnapshotSurvivesLndExport() throws IOException {
        ChannelGraph g = NetworkFormats.load(
                SnapshotAnchorTest.snapshots().resolve("clightning-listchannels-2019-01-18.json.gz")).graph();
        Path out = dir.resolve("cln.json");
        new LndDescribeGraphFormat().write(g, out);
        GraphAssertions.assertSameGraph(g, NetworkFormats.load(out).graph());
    }

    // ---- bad input: file name, record and problem in the message ----

    /**
     * Issue 21, defect 10: format detection read only the first 64 KiB, so a valid file with 3 MB of leading
     * whitespace, a 5 MB field in its first node, or a field nested 999 deep before the arrays was "format not
     * recognised". Each now loads; the whitespace case also gzipped (the head is decompressed leniently).
     */
    @Test
    void detectionLooksPastTheHead() throws IOException {
        String one = twoEdges("""
                {"channel_id": "2x0x0", "node1_pub": "%s", "node2_pub": "%s", "capacity": "5"}"""
                .formatted(id(1), id(3)));
        String deep = "[".repeat(999) + "]".repeat(999);
        String[] variants = {
            " ".repeat(3_000_000) + one,
            one.replace("{\"nodes\": []", "{\"nodes\": [{\"pub_key\": \"%s\", \"alias\": \"%s\"}]"
                    .formatted(id(1), "x".repeat(5_000_000))),
            one.replace("{\"nodes\": []", "{\"deep\": " + deep + ", \"nodes\": []"),
        };
        for (int i = 0; i < variants.length; i++) {
            Path f = dir.resolve("past-head-" + i + ".json");
            Files.writeString(f, variants[i]);
            assertEquals(2, NetworkFormats.load(f).graph().channelCount(), "variant " + i);
        }
        Path gz = dir.resolve("spaces.json.gz");
        try (java.io.OutputStream out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(variants[0].getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        assertEquals(2, NetworkFormats.load(gz).graph().channelCount());
    }

    private String twoEdges(String second) {
        return """
                {"nodes": [], "edges": [
                 {"channel_id": "1x0x0", "node1_pub": "%1$s", "node2_pub": "%2$s", "capacity": "10",
                  "node1_policy": null, "node2_policy": null},
                 %3$s
                ]}""".formatted(id(1), id(2), second);
    }

    private NetworkFormatException bad(String name, String content) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, content);
        return assertThrows(NetworkFormatException.class, () -> NetworkFormats.load(f));
    }

    private static void assertMessage(NetworkFormatException e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "'" + e.getMessage() + "' should contain '" + p + "'");
        }
    }

    @Test
    void wrongTypeNamesRecordAndField() throws IOException {
        NetworkFormatException e = bad("types.json", twoEdges("""
                {"channel_id": "2x0x0", "node1_pub": "%s", "node2_pub": "%s", "capacity": true}"""
                .formatted(id(1), id(3))));
        assertMessage(e, "types.json", "record 1 (edges[1])", "line 4", "'capacity' must be an integer");
    }

    @Test
    void negativeCapacity() throws IOException {
        NetworkFormatException e = bad("neg.json", twoEdges("""
                {"channel_id": "2x0x0", "node1_pub": "%s", "node2_pub": "%s", "capacity": "-5"}"""
                .formatted(id(1), id(3))));
        assertMessage(e, "neg.json", "record 1 (edges[1])", "negative capacity");
    }

    /**
     * Issue 21, defect 2: 9,300,000,000,000,000 sat is a valid long but 9.3 × 10^18 msat is not (2^63 ≈ 9.22 ×
     * 10^18), and it was accepted, exported as a negative number and crashed a run; 2,100,000,000,000,001 sat fits in
     * msat but is one sat above the 21M BTC supply. Both are refused naming the record; the supply itself is read.
     */
    @Test
    void capacityAboveTheSupplyIsRefused() throws IOException {
        for (String cap : new String[] {"9300000000000000", "2100000000000001"}) {
            NetworkFormatException e = bad("huge.json", twoEdges("""
                    {"channel_id": "2x0x0", "node1_pub": "%s", "node2_pub": "%s", "capacity": "%s"}"""
                    .formatted(id(1), id(3), cap)));
            assertMessage(e, "huge.json", "record 1 (edges[1])", "capacity " + cap + " sat",
                    "more than the 21M BTC supply");
        }
        Path f = dir.resolve("supply.json");
        Files.writeString(f, twoEdges("""
                {"channel_id": "2x0x0", "node1_pub": "%s", "node2_pub": "%s", "capacity": "2100000000000000"}"""
                .formatted(id(1), id(3))));
        ChannelGraph g = NetworkFormats.load(f).graph();
        long largest = 0;
        for (int c = 0; c < g.channelCount(); c++) {
            largest = Math.max(largest, g.capacitySat(c));
        }
        assertEquals(2_100_000_000_000_000L, largest);
    }

    @Test
    void selfLoop() throws IOException {
        NetworkFormatException e = bad("loop.json", twoEdges("""
                {"channel_id": "2x0x0", "node1_pub": "%s", "node2_pub": "%s", "capacity": "5"}"""
                .formatted(id(3), id(3))));
        assertMessage(e, "loop.json", "record 1 (edges[1])", "self-loop");
    }

    @Test
    void duplicateScidWithConflictingData() throws IOException {
        NetworkFormatException e = bad("dup.json", twoEdges("""
                {"channel_id": "1x0x0", "node1_pub": "%s", "node2_pub": "%s", "capacity": "10"}"""
                .formatted(id(1), id(3))));
        assertMessage(e, "dup.json", "record 1 (edges[1])", "1x0x0", "other endpoints");
        NetworkFormatException cap = bad("dupcap.json", twoEdges("""
                {"channel_id": "1x0x0", "node1_pub": "%s", "node2_pub": "%s", "capacity": "11"}"""
                .formatted(id(1), id(2))));
        assertMessage(cap, "dupcap.json", "record 1 (edges[1])", "capacity 10 sat, here 11 sat");
    }

    @Test
    void truncatedFile() throws IOException {
        String full = twoEdges("""
                {"channel_id": "2x0x0", "node1_pub": "%s", "node2_pub": "%s", "capacity": "10"}"""
                .formatted(id(1), id(3)));
        NetworkFormatException e = bad("cut.json", full.substring(0, full.length() - 40));
        assertMessage(e, "cut.json", "record 1 (edges[1])", "truncated");
    }

    @Test
    void badNodeIdAndIncompletePolicy() throws IOException {
        NetworkFormatException e = bad("id.json", twoEdges("""
                {"channel_id": "2x0x0", "node1_pub": "abc", "node2_pub": "%s", "capacity": "10"}"""
                .formatted(id(3))));
        assertMessage(e, "id.json", "record 1 (edges[1])", "node1_pub", "66 hex");
        NetworkFormatException p = bad("pol.json", twoEdges("""
                {"channel_id": "2x0x0", "node1_pub": "%s", "node2_pub": "%s", "capacity": "10",
                 "node2_policy": {"time_lock_delta": 40, "fee_base_msat": "1"}}""".formatted(id(1), id(3))));
        assertMessage(p, "pol.json", "record 1 (edges[1])", "node2_policy", "fee_rate_milli_msat");
    }

    /** The export gets the permissions of any new file (not the owner-only mode of a JDK temp file). */
    @Test
    void exportHasDefaultPermissions() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path out = dir.resolve("perm.json");
        new LndDescribeGraphFormat().write(TestGraphs.fourNodes(), out);
        Path ref = Files.createFile(dir.resolve("reference"));
        assertEquals(Files.getPosixFilePermissions(ref), Files.getPosixFilePermissions(out));
    }

    /** A failing export leaves neither the target nor a temporary file behind. */
    @Test
    void failedWriteLeavesNothing() throws IOException {
        Path blocker = dir.resolve("not-a-dir");
        Files.writeString(blocker, "x");
        Path target = blocker.resolve("out.json");
        assertThrows(IOException.class, () -> new LndDescribeGraphFormat().write(TestGraphs.fourNodes(), target));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(blocker), s.toList());
        }
        assertEquals("x", Files.readString(blocker, StandardCharsets.UTF_8));
    }
}
