package org.lnsim.network.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lnsim.network.AddressType;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.ChannelPolicy;
import org.lnsim.network.NodeAddress;
import org.lnsim.network.NodeIds;
import org.lnsim.network.ShortChannelId;
import org.lnsim.network.stats.NetworkStatistics;

class ClnListChannelsFormatTest {
    @TempDir
    Path dir;

    static String id(int k) {
        return NodeIds.hex(NodeIds.fromIndex(k));
    }

    /** One listchannels entry; {@code extra} is spliced in verbatim (policy and flags). */
    static String entry(String scid, int src, int dst, String extra) {
        return "{\"source\": \"" + id(src) + "\", \"destination\": \"" + id(dst) + "\", \"short_channel_id\": \""
                + scid + "\", " + extra + "}";
    }

    static String channels(String... entries) {
        return "{\"channels\": [\n" + String.join(",\n", entries) + "\n]}\n";
    }

    private static final String POLICY = "\"base_fee_millisatoshi\": 1000, \"fee_per_millionth\": 1, \"delay\": 144";

    /**
     * Hand-made dump with every quirk; ids N1 < N2 < N3:
     * <pre>
     * [0] 1x1x0 N1→N2 flags 0, 1000 sat (+ matching amount_msat), active, 1000/1/144, last_update 10, no htlc fields
     * [1] 1x1x0 N2→N1 flags 3, active false, 5/5/14, htlc min 0msat, max 990000msat          → disabled
     * [2] = [0] again                                                                          → merged
     * [3] 1x1x0 N1→N2 base 2000, last_update 20                                                → replaced
     * [4] 1x1x0 N1→N2 base 3000, last_update 5                                                 → older dropped
     * [5] 2x0x0 N3→N2 no channel_flags (direction from ids), amount_msat 5000500 only, policy_unknown
     * [6] 3x0x0 N1→N3 all policy fields null                                                   → policy_null
     * [7] 4x0x0 N2→N3 public false                                                              → private_dropped
     * [8] 5x0x0 N1→N2 flags 0 but active false, 1000/1/144 → disabled, active_overrides_channel_flags
     * </pre>
     * directions_read 9; disabled 2 ([1], [8]); known policies without htlc fields [0],[2],[3],[4],[8] → 5 each;
     * capacity_msat_truncated 1 ([5], 5000.5 sat → 5000); one_sided: 2x0x0, 3x0x0, 5x0x0 → 3; channels 4, nodes 3.
     * listnodes sibling: N1 announced (ipv4, torv3, websocket → address_type_unknown 1), N2 id only (not
     * announced), N9 has no channel → listnodes_entries 3.
     */
    @Test
    void handMadeDumpWithEveryQuirk() throws IOException {
        Path f = dir.resolve("test-listchannels.json");
        Files.writeString(f, channels(
                entry("1x1x0", 1, 2, "\"satoshis\": 1000, \"amount_msat\": \"1000000msat\", \"channel_flags\": 0, "
                        + "\"active\": true, \"last_update\": 10, " + POLICY),
                entry("1x1x0", 2, 1, "\"satoshis\": 1000, \"channel_flags\": 3, \"active\": false, "
                        + "\"base_fee_millisatoshi\": 5, \"fee_per_millionth\": 5, \"delay\": 14, "
                        + "\"htlc_minimum_msat\": \"0msat\", \"htlc_maximum_msat\": \"990000msat\""),
                entry("1x1x0", 1, 2, "\"satoshis\": 1000, \"amount_msat\": \"1000000msat\", \"channel_flags\": 0, "
                        + "\"active\": true, \"last_update\": 10, " + POLICY),
                entry("1x1x0", 1, 2, "\"satoshis\": 1000, \"channel_flags\": 0, \"active\": true, \"last_update\": 20, "
                        + "\"base_fee_millisatoshi\": 2000, \"fee_per_millionth\": 1, \"delay\": 144"),
                entry("1x1x0", 1, 2, "\"satoshis\": 1000, \"channel_flags\": 0, \"active\": true, \"last_update\": 5, "
                        + "\"base_fee_millisatoshi\": 3000, \"fee_per_millionth\": 1, \"delay\": 144"),
                entry("2x0x0", 3, 2, "\"amount_msat\": 5000500, \"active\": false, \"policy_unknown\": true, "
                        + "\"base_fee_millisatoshi\": null, \"fee_per_millionth\": null, \"delay\": null"),
                entry("3x0x0", 1, 3, "\"satoshis\": 7000, \"channel_flags\": 0, \"active\": true, "
                        + "\"base_fee_millisatoshi\": null, \"fee_per_millionth\": null, \"delay\": null"),
                entry("4x0x0", 2, 3, "\"satoshis\": 7000, \"public\": false, " + POLICY),
                entry("5x0x0", 1, 2, "\"satoshis\": 300, \"channel_flags\": 0, \"active\": false, " + POLICY)));
        Files.writeString(dir.resolve("test-listnodes.json"), """
                {"nodes": [
                  {"nodeid": "%s", "alias": "one", "last_timestamp": 1,
                   "addresses": [{"type": "ipv4", "address": "1.2.3.4", "port": 9735},
                                 {"type": "torv3", "address": "abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrstuvwx.onion", "port": 9735},
                                 {"type": "websocket", "port": 9736}]},
                  {"nodeid": "%s"},
                  {"nodeid": "%s", "alias": "far", "last_timestamp": 1, "addresses": []}
                ]}
                """.formatted(id(1), id(2), id(9)));
        LoadedNetwork ln = NetworkFormats.load(f);
        ChannelGraph g = ln.graph();
        LoadReport r = ln.report();
        assertEquals(ClnListChannelsFormat.NAME, r.format());
        assertEquals(dir.resolve("test-listnodes.json"), r.files().get("nodes"));
        assertEquals(3, g.nodeCount());
        assertEquals(4, g.channelCount());
        int c1 = g.indexOfChannel(ShortChannelId.of(1, 1, 0));
        assertEquals(new ChannelPolicy(2000, 1, 144, 0, ChannelPolicy.NO_HTLC_MAXIMUM, false), g.policy(2 * c1));
        assertEquals(new ChannelPolicy(5, 5, 14, 0, 990_000, true), g.policy(2 * c1 + 1));
        int c2 = g.indexOfChannel(ShortChannelId.of(2, 0, 0));
        assertEquals(5000, g.capacitySat(c2));
        assertFalse(g.hasPolicy(2 * c2) || g.hasPolicy(2 * c2 + 1));
        int c5 = g.indexOfChannel(ShortChannelId.of(5, 0, 0));
        assertTrue(g.isDisabled(2 * c5));
        int n1 = g.indexOfNode(id(1));
        assertEquals("one", g.alias(n1));
        assertEquals(List.of(new NodeAddress(AddressType.IPV4, "1.2.3.4", 9735), new NodeAddress(AddressType.TORV3,
                "abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrstuvwx.onion", 9735)), g.addresses(n1));
        assertFalse(g.isAnnounced(g.indexOfNode(id(2))));
        assertNull(g.alias(g.indexOfNode(id(3))));
        assertEquals(9, r.get("directions_read"));
        assertEquals(1, r.get("private_dropped"));
        assertEquals(2, r.get("disabled"));
        assertEquals(1, r.get("active_overrides_channel_flags"));
        assertEquals(1, r.get("policy_unknown"));
        assertEquals(1, r.get("policy_null"));
        assertEquals(5, r.get("htlc_minimum_defaulted"));
        assertEquals(5, r.get("htlc_maximum_absent"));
        assertEquals(1, r.get("capacity_msat_truncated"));
        assertEquals(1, r.get("duplicate_direction_merged"));
        assertEquals(1, r.get("duplicate_direction_replaced"));
        assertEquals(1, r.get("duplicate_direction_older_dropped"));
        assertEquals(3, r.get("one_sided_channels"));
        assertEquals(3, r.get("listnodes_entries"));
        assertEquals(1, r.get("listnodes_not_announced"));
        assertEquals(1, r.get("listnodes_without_channels"));
        assertEquals(1, r.get("address_type_unknown"));
    }

    /** A folder with exactly one *listchannels* file loads through it (and finds the listnodes sibling there). */
    @Test
    void folderWithOneListchannelsFile() throws IOException {
        Path folder = dir.resolve("snap");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("x.listchannels.json"), channels(
                entry("1x0x0", 1, 2, "\"satoshis\": 10, \"channel_flags\": 0, \"active\": true, " + POLICY)));
        Files.writeString(folder.resolve("x.listnodes.json"), "{\"nodes\": [{\"nodeid\": \"" + id(1)
                + "\", \"alias\": \"a\", \"last_timestamp\": 3, \"addresses\": []}]}");
        Files.writeString(folder.resolve("notes.txt"), "not json");
        LoadedNetwork ln = NetworkFormats.load(folder);
        assertEquals(folder.resolve("x.listchannels.json"), ln.report().files().get("channels"));
        assertEquals("a", ln.graph().alias(ln.graph().indexOfNode(id(1))));
        Files.writeString(folder.resolve("y.listchannels.json"), channels());
        NetworkFormatException e = assertThrows(NetworkFormatException.class, () -> NetworkFormats.load(folder));
        assertMessage(e, "snap", "exactly one", "found 2");
    }

    /**
     * The 2026 gossmap decode: its {@code meta} object states how many directions are disabled (stored without
     * policy → {@code policy_null}) and how many have an all-zero policy ({@code policy_unknown}).
     */
    @Test
    void gossmapDecodeCountsMatchItsMeta() throws IOException {
        Path f = SnapshotAnchorTest.snapshots().resolve("cln-gossmap-2026-02-03/cln-gossmap-2026-02-03.listchannels.json.gz");
        JsonNode meta = null;
        try (InputStream in = Inputs.open(f); JsonParser p = new ObjectMapper().createParser(in)) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if ("meta".equals(name)) {
                    meta = p.readValueAsTree();
                    break;
                }
                p.skipChildren();
            }
        }
        assertTrue(meta != null, "meta object present");
        LoadedNetwork ln = NetworkFormats.load(f.getParent());
        LoadReport r = ln.report();
        assertEquals(2 * meta.get("num_channels").asLong(), r.get("directions_read"));
        assertEquals(meta.get("directions_disabled_in_file").asLong(), r.get("policy_null"));
        assertEquals(meta.get("directions_policy_unknown").asLong(), r.get("policy_unknown"));
        assertEquals(meta.get("num_channels").asLong(), ln.graph().channelCount());
        assertEquals(0, r.get("one_sided_channels"));
        assertNull(r.files().get("nodes"));
    }

    // ---- bad input ----

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

    private static final String OK = entry("1x0x0", 1, 2, "\"satoshis\": 10, \"channel_flags\": 0, " + POLICY);

    @Test
    void wrongTypes() throws IOException {
        assertMessage(bad("t1.json", channels(OK, entry("2x0x0", 1, 2, "\"satoshis\": \"lots\""))),
                "t1.json", "record 1 (channels[1])", "line 3", "'satoshis' is not an integer");
        assertMessage(bad("t2.json", channels(OK, entry("2x0x0", 1, 2, "\"satoshis\": 5, \"active\": 1"))),
                "t2.json", "record 1 (channels[1])", "'active' must be true or false");
        assertMessage(bad("t3.json", "{\"channels\": [" + OK + ", 17]}"), "t3.json", "record 1 (channels[1])",
                "an object per channel direction expected, got number 17");
    }

    @Test
    void truncatedFile() throws IOException {
        String full = channels(OK, OK.replace("1x0x0", "2x0x0"));
        assertMessage(bad("cut.json", full.substring(0, full.length() - 30)), "cut.json", "record 1 (channels[1])",
                "truncated");
    }

    /** A gzip file cut inside its first 64 KiB is still recognised, and the truncation is reported. */
    @Test
    void truncatedGzip() throws IOException {
        String[] many = new String[300];
        for (int i = 0; i < many.length; i++) {
            many[i] = OK.replace("1x0x0", (i + 1) + "x0x0");
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.OutputStream out = new java.util.zip.GZIPOutputStream(bytes)) {
            out.write(channels(many).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        byte[] gz = bytes.toByteArray();
        Path f = dir.resolve("cut.json.gz");
        Files.write(f, java.util.Arrays.copyOf(gz, gz.length * 2 / 3));
        NetworkFormatException e = assertThrows(NetworkFormatException.class, () -> NetworkFormats.load(f));
        assertMessage(e, "cut.json.gz", "record ", "truncated");
    }

    /**
     * Issue 21, defect 9: a second document or junk after the JSON object, and gzip with data after its last member
     * or a bad CRC, were read as if they were not there. Each is now refused, naming the file.
     */
    @Test
    void trailingDataAndCorruptGzipAreRefused() throws IOException {
        String ok = channels(OK);
        assertMessage(bad("two.json", ok + "\n" + ok), "two.json", "trailing data after the JSON document");
        assertMessage(bad("junk.json", ok + " xyz"), "junk.json", "trailing data after the JSON document");
        byte[] gz = gzip(ok);
        Path junk = dir.resolve("junk.json.gz");
        Files.write(junk, concat(gz, "JUNK".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        assertMessage(assertThrows(NetworkFormatException.class, () -> NetworkFormats.load(junk)), "junk.json.gz",
                "corrupt gzip data");
        byte[] crc = gz.clone();
        crc[crc.length - 6] ^= 1; // a CRC-32 byte of the trailer
        Path badCrc = dir.resolve("crc.json.gz");
        Files.write(badCrc, crc);
        assertMessage(assertThrows(NetworkFormatException.class, () -> NetworkFormats.load(badCrc)), "crc.json.gz",
                "corrupt gzip data");
        // two gzip members are one stream (gzip(1) reads them so), and here one document split across them
        Path members = dir.resolve("members.json.gz");
        Files.write(members, concat(gzip(ok.substring(0, 10)), gzip(ok.substring(10))));
        assertEquals(1, NetworkFormats.load(members).graph().channelCount());
    }

    private static byte[] gzip(String s) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.OutputStream out = new java.util.zip.GZIPOutputStream(bytes)) {
            out.write(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void negativeCapacityAndSelfLoop() throws IOException {
        assertMessage(bad("neg.json", channels(OK, entry("2x0x0", 1, 2, "\"satoshis\": -3"))), "neg.json",
                "record 1 (channels[1])", "negative capacity");
        assertMessage(bad("loop.json", channels(OK, entry("2x0x0", 2, 2, "\"satoshis\": 3"))), "loop.json",
                "record 1 (channels[1])", "self-loop");
    }

    /**
     * Issue 21, defect 2: a capacity above the 21M BTC supply, as satoshis or only as amount_msat, is refused naming
     * the record. The last case gives satoshis 9.3 × 10^15 with amount_msat equal to the long that satoshis × 1000
     * wraps to (negative), which the old msat comparison took as agreeing.
     */
    private static long wrapped(long sat) {
        return sat * 1000; // deliberately overflows
    }

    @Test
    void capacityAboveTheSupplyIsRefused() throws IOException {
        assertMessage(bad("s.json", channels(OK, entry("2x0x0", 1, 2, "\"satoshis\": 9300000000000000"))), "s.json",
                "record 1 (channels[1])", "more than the 21M BTC supply");
        assertMessage(bad("m.json", channels(OK, entry("2x0x0", 1, 2, "\"amount_msat\": 9000000000000000000"))),
                "m.json", "record 1 (channels[1])", "capacity 9000000000000000 sat", "more than the 21M BTC supply");
        assertMessage(bad("b.json", channels(OK, entry("2x0x0", 1, 2,
                "\"satoshis\": 9300000000000000, \"amount_msat\": " + wrapped(9_300_000_000_000_000L)))), "b.json",
                "record 1 (channels[1])");
    }

    @Test
    void duplicateScidWithConflictingData() throws IOException {
        assertMessage(bad("d1.json", channels(OK, entry("1x0x0", 1, 3, "\"satoshis\": 10"))), "d1.json",
                "record 1 (channels[1])", "1x0x0", "other endpoints");
        assertMessage(bad("d2.json", channels(OK, entry("1x0x0", 2, 1, "\"satoshis\": 11, \"channel_flags\": 1"))),
                "d2.json", "record 1 (channels[1])", "capacity 10 sat, here 11 sat");
    }

    @Test
    void inconsistentFields() throws IOException {
        assertMessage(bad("f1.json", channels(OK, entry("2x0x0", 1, 2, "\"satoshis\": 3, \"channel_flags\": 1"))),
                "f1.json", "record 1", "channel_flags direction bit 1 contradicts");
        assertMessage(bad("f2.json", channels(OK, entry("2x0x0", 1, 2,
                "\"satoshis\": 3, \"base_fee_millisatoshi\": 1, \"delay\": 6"))), "f2.json", "record 1",
                "incomplete policy", "fee_per_millionth");
        assertMessage(bad("f3.json", channels(OK, entry("2x0x0", 1, 2,
                "\"satoshis\": 3, \"amount_msat\": \"4000msat\""))), "f3.json", "record 1", "disagrees");
        assertMessage(bad("f4.json", channels(OK, entry("2x0x0", 1, 2, "\"satoshis\": 3, \"delay\": 70000, "
                + "\"base_fee_millisatoshi\": 1, \"fee_per_millionth\": 1"))), "f4.json", "record 1", "u16");
        assertMessage(bad("f5.json", channels(OK, entry("2y0", 1, 2, "\"satoshis\": 3"))), "f5.json", "record 1",
                "not a short channel id");
    }

    /**
     * The Million Channels Project's May 2019 input (SOURCES.md §2): 68,794 directed entries, 54,994 active, 37,497
     * scids, 4,275 nodes; listnodes sibling with 4,306 entries of which 32 carry only the id. Expected graph values
     * are read from anchor-stats.json.
     */
    @Test
    void readsMay2019SnapshotWithSiblingListnodes() throws IOException {
        String key = "clightning-listchannels-2019-05-14.json.gz";
        Path file = SnapshotAnchorTest.snapshots().resolve(key);
        LoadedNetwork loaded = NetworkFormats.load(file);
        JsonNode anchor = SnapshotAnchorTest.anchors().get(key);
        Map<String, Object> s = NetworkStatistics.compute(loaded.graph());
        assertEquals(anchor.get("nodes_with_channels").asLong(), s.get("nodes_with_channels"));
        assertEquals(anchor.get("channels").asLong(), s.get("channels"));
        assertEquals(anchor.get("active_directed_entries").asLong(), s.get("policies_used"));
        LoadReport r = loaded.report();
        assertEquals(ClnListChannelsFormat.NAME, r.format());
        assertEquals(anchor.get("directed_entries").asLong(), r.get("directions_read"));
        assertEquals(SnapshotAnchorTest.snapshots().resolve("clightning-listnodes-2019-05-14.json.gz"), r.files().get("nodes"));
        assertEquals(4306, r.get("listnodes_entries"));
        // measured with python on the two files: 31 listed nodes have no channel (skipped), 29 channel endpoints are
        // listed with their id only (not announced), 4,246 endpoints are announced; 31 + 29 + 4,246 = 4,306
        assertEquals(31, r.get("listnodes_without_channels"));
        assertEquals(29, r.get("listnodes_not_announced"));
        long announced = 0;
        for (int n = 0; n < loaded.graph().nodeCount(); n++) {
            announced += loaded.graph().isAnnounced(n) ? 1 : 0;
        }
        assertEquals(4_246, announced);
        // every entry of the 2019 dump has a channel_update (fees present) but no htlc_minimum/maximum fields
        assertEquals(68_794, r.get("htlc_minimum_defaulted"));
        assertEquals(68_794 - 54_994, r.get("disabled"));
        // 2 * 37,497 directions minus 68,794 entries = 6,200 channels listed in one direction only
        assertEquals(6_200, r.get("one_sided_channels"));
    }
}
