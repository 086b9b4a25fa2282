package org.lnsim.network.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.ChannelPolicy;
import org.lnsim.network.GraphAssertions;
import org.lnsim.network.NodeIds;
import org.lnsim.network.TestGraphs;

class ClothCsvFormatTest {
    @TempDir
    Path dir;

    private static final String NODES = "id\n0\n1\n2\n3\n";
    private static final String CHANNELS = "id,edge1_id,edge2_id,node1_id,node2_id,capacity\n";
    private static final String EDGES =
            "id,channel_id,counter_edge_id,from_node_id,to_node_id,balance,fee_base,fee_proportional,min_htlc,timelock\n";

    private Path folder(String name, String nodes, String channels, String edges) throws IOException {
        Path f = dir.resolve(name);
        Files.createDirectories(f);
        Files.writeString(f.resolve("nodes_ln.csv"), nodes);
        Files.writeString(f.resolve("channels_ln.csv"), channels);
        if (edges != null) {
            Files.writeString(f.resolve("edges_ln.csv"), edges);
        }
        return f;
    }

    private static byte[] gzip(String s) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(s.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    /**
     * Every quirk once:
     * <pre>
     * nodes:    0 1 2 3, 3 again (duplicate_node), 5 (no channel)                       → nodes_read 6
     * channels: 0: 0–1 100,000,000 msat; 1: 2–1 20,000,500 msat (→ 20,000 sat, truncated) listed twice identically
     *           (duplicate_channel_merged); 2: 1–3 5,000,000 msat; 3: 0–2 1,000,000 msat   → channels_read 5
     * edges:    0 (0→1), 1 (1→0), 2 (2→1) twice identically (duplicate_edge_merged), 4 (1→3) → edges_read 5
     * </pre>
     * one_sided = channel 1 (edge 2 only) + channel 2 (edge 4 only) = 2; channels_without_edges = channel 3 = 1;
     * directions_without_policy = 1 + 1 + 2 = 4; balances_ignored = 5 rows; nodes_without_channels = node 5 = 1.
     */
    @Test
    void handMadeFolderWithEveryQuirk() throws IOException {
        Path f = folder("quirks", NODES + "3\n5\n",
                CHANNELS + "0,0,1,0,1,100000000\n1,2,3,2,1,20000500\n1,2,3,2,1,20000500\n2,4,5,1,3,5000000\n"
                        + "3,6,7,0,2,1000000\n",
                EDGES + "0,0,1,0,1,40000000,1000,1,1000,144\n1,0,0,1,0,60000000,0,100,1,40\n"
                        + "2,1,3,2,1,10000000,5,5,0,14\n2,1,3,2,1,10000000,5,5,0,14\n4,2,5,1,3,5000000,1000,10,1000,40\n");
        LoadedNetwork ln = NetworkFormats.load(f);
        LoadReport r = ln.report();
        assertEquals(ClothCsvFormat.NAME, r.format());
        ChannelGraph g = ln.graph();
        assertEquals(5, g.nodeCount());
        assertEquals(4, g.channelCount());
        // channel id k is scid k; channel 1 joins nodes 2 and 1, so node1 = number 1 and edge 2 (2→1) is direction 1
        assertEquals(1, g.indexOfChannel(1));
        assertEquals(20_000, g.capacitySat(1));
        assertEquals(NodeIds.hex(NodeIds.fromIndex(1)), g.nodeIdHex(g.node1(1)));
        assertEquals(new ChannelPolicy(5, 5, 14, 0, ChannelPolicy.NO_HTLC_MAXIMUM, false), g.policy(3));
        assertNull(g.policy(2));
        assertEquals(new ChannelPolicy(0, 100, 40, 1, ChannelPolicy.NO_HTLC_MAXIMUM, false), g.policy(1));
        assertEquals(6, r.get("nodes_read"));
        assertEquals(1, r.get("duplicate_node"));
        assertEquals(5, r.get("channels_read"));
        assertEquals(1, r.get("duplicate_channel_merged"));
        assertEquals(1, r.get("capacity_msat_truncated"));
        assertEquals(5, r.get("edges_read"));
        assertEquals(1, r.get("duplicate_edge_merged"));
        assertEquals(5, r.get("balances_ignored"));
        assertEquals(2, r.get("one_sided_channels"));
        assertEquals(1, r.get("channels_without_edges"));
        assertEquals(4, r.get("directions_without_policy"));
        assertEquals(1, r.get("nodes_without_channels"));
    }

    /**
     * The lnresearch-timemachine layout: nodes.csv/channels.csv gzip-compressed, {@code (millisat)} headers, rows
     * separated by blank lines, {@code \r\r\n} endings, no edges file → topology only (2 channels × 2 directions
     * without policy).
     */
    @Test
    void timemachineTopologyOnlyVariant() throws IOException {
        Path f = dir.resolve("tm");
        Files.createDirectories(f);
        Files.write(f.resolve("nodes.csv.gz"), gzip("id\r\r\n0\r\r\n1\r\r\n2\r\r\n"));
        Files.write(f.resolve("channels.csv.gz"), gzip("id,edge1_id,edge2_id,node1_id,node2_id,capacity(millisat)\n\n"
                + "0,0,1,2,0,1102855\n\n1,2,3,0,1,850150\n\n"));
        LoadedNetwork ln = NetworkFormats.load(f);
        ChannelGraph g = ln.graph();
        assertEquals(3, g.nodeCount());
        assertEquals(2, g.channelCount());
        assertEquals(1102, g.capacitySat(0));
        for (int e = 0; e < 4; e++) {
            assertFalse(g.hasPolicy(e));
        }
        assertEquals(4, ln.report().get("directions_without_policy"));
        assertEquals(2, ln.report().get("capacity_msat_truncated"));
        assertNull(ln.report().files().get("edges"));
    }

    /**
     * Issue 22, item 1: the file's balances are kept, per channel as node_1's share (msat), in graph order.
     * <pre>
     * channel 0: 0–1, 100,000,000 msat; edge 0 (0→1) 30,000,000 + edge 1 (1→0) 70,000,000 = 100,000,000 ✓
     *            node_1 = node 0 → share 30,000,000
     * channel 1: listed 2–1, 20,000,500 msat; edge 2 (2→1) 20,000,300 + edge 3 (1→2) 200 = 20,000,500 ✓
     *            node_1 = node 1 (the lesser number), so its share is edge 3's 200; the capacity becomes 20,000 sat
     *            = 20,000,000 msat, the 500 msat remainder comes off node_2: 20,000,300 − 500 = 19,999,800
     *            (balance_msat_trimmed 1)
     * channel 2: 1–3, 5,000,000 msat; edge 4 (1→3) 1,234,567 alone → node 3 holds 5,000,000 − 1,234,567 = 3,765,433
     * </pre>
     */
    @Test
    void theFilesBalancesAreKept() throws IOException {
        Path f = folder("balances", NODES, CHANNELS + "0,0,1,0,1,100000000\n1,2,3,2,1,20000500\n2,4,5,1,3,5000000\n",
                EDGES + "0,0,1,0,1,30000000,1000,1,1000,144\n1,0,0,1,0,70000000,1000,1,1000,144\n"
                        + "2,1,3,2,1,20000300,1000,1,1000,144\n3,1,2,1,2,200,1000,1,1000,144\n"
                        + "4,2,5,1,3,1234567,1000,1,1000,144\n");
        LoadedNetwork ln = NetworkFormats.load(f);
        ChannelGraph g = ln.graph();
        FileBalances b = ln.balances();
        assertTrue(ln.hasBalances());
        assertEquals(3, b.channelCount());
        assertEquals(30_000_000, b.node1Msat(0));
        assertEquals(70_000_000, b.balanceMsat(g, 1));
        assertEquals(200, b.node1Msat(1));
        assertEquals(19_999_800, b.balanceMsat(g, 3));
        assertEquals(1_234_567, b.node1Msat(2));
        assertEquals(3_765_433, b.balanceMsat(g, 5));
        assertEquals(3, ln.report().get("channels_with_balances"));
        assertEquals(1, ln.report().get("balance_msat_trimmed"));
        assertEquals(0, ln.report().get("balances_ignored"));

        // written back with them (not ⌊cap/2⌋) and read again: the same balances
        Path out = dir.resolve("balances-out");
        new ClothCsvFormat().write(g, b, out);
        List<String> edges = Files.readAllLines(out.resolve("edges_ln.csv"));
        assertEquals("2,1,3,1,2,200,1000,1,1000,144", edges.get(3));
        assertEquals("3,1,2,2,1,19999800,1000,1,1000,144", edges.get(4));
        FileBalances again = NetworkFormats.load(out).balances();
        for (int c = 0; c < 3; c++) {
            assertEquals(b.node1Msat(c), again.node1Msat(c));
        }
    }

    /** CLoTH's own snapshot states every balance; export → import keeps all 30,457 of them. */
    @Test
    void theClothSnapshotsBalancesRoundTrip() throws IOException {
        LoadedNetwork ln = NetworkFormats.load(SnapshotAnchorTest.snapshots().resolve("cloth-snapshot-2020"));
        assertEquals(ln.graph().channelCount(), ln.report().get("channels_with_balances"));
        // the first edge row: channel 0, 0→1, 4,300,909 of 50,000,000 msat
        assertEquals(4_300_909, ln.balances().node1Msat(0));
        Path out = dir.resolve("cloth-b");
        new ClothCsvFormat().write(ln.graph(), ln.balances(), out);
        FileBalances again = NetworkFormats.load(out).balances();
        for (int c = 0; c < ln.graph().channelCount(); c++) {
            assertEquals(ln.balances().node1Msat(c), again.node1Msat(c), "channel " + c);
        }
    }

    /** Formats without balances, and a CLoTH folder with a channel without edge rows, give none. */
    @Test
    void noBalancesWithoutAnEdgeRowForEveryChannel() throws IOException {
        Path f = folder("partial", NODES, CHANNELS + "0,0,1,0,1,1000\n1,2,3,1,2,1000\n", EDGES
                + "0,0,1,0,1,400,1,1,1,40\n");
        LoadedNetwork ln = NetworkFormats.load(f);
        assertNull(ln.balances());
        assertEquals(1, ln.report().get("balances_ignored"));
        assertNull(NetworkFormats.load(folder("topology", NODES, CHANNELS + "0,0,1,0,1,1000\n", null)).balances());
    }

    @Test
    void balancesThatDoNotShareTheCapacityAreRefused() throws IOException {
        assertMessage(bad("0,0,1,0,1,1000\n", "0,0,1,0,1,400,1,1,1,40\n1,0,0,1,0,500,1,1,1,40\n"), "edges_ln.csv",
                "line 3", "balances of channel 0 do not add up to its capacity: 400 + 500 = 900 msat, capacity 1000");
        assertMessage(bad("0,0,1,0,1,1000\n", "0,0,1,0,1,1001,1,1,1,40\n"), "edges_ln.csv", "line 2",
                "edge 0 has balance 1001 msat, more than the capacity 1000 msat of channel 0");
        assertMessage(bad("0,0,1,0,1,1000\n", "0,0,1,0,1,400,1,1,1,40\n0,0,1,0,1,300,1,1,1,40\n"), "edges_ln.csv",
                "line 3", "edge 0 is listed earlier with balance 400 msat, here 300");
    }

    // ---- bad input ----

    private NetworkFormatException bad(String channels, String edges) throws IOException {
        Path f = folder("bad" + System.nanoTime(), NODES, CHANNELS + channels, edges == null ? null : EDGES + edges);
        return assertThrows(NetworkFormatException.class, () -> NetworkFormats.load(f));
    }

    private static void assertMessage(NetworkFormatException e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "'" + e.getMessage() + "' should contain '" + p + "'");
        }
    }

    @Test
    void unknownNodeInChannelAndEdge() throws IOException {
        assertMessage(bad("0,0,1,0,9,1000\n", null), "channels_ln.csv", "line 2", "unknown node 9", "node2_id");
        assertMessage(bad("0,0,1,0,1,1000\n", "0,0,1,7,1,0,1,1,1,40\n"), "edges_ln.csv", "line 2",
                "unknown node 7", "from_node_id");
    }

    @Test
    void unknownChannelInEdge() throws IOException {
        assertMessage(bad("0,0,1,0,1,1000\n", "0,0,1,0,1,0,1,1,1,40\n4,3,5,0,1,0,1,1,1,40\n"), "edges_ln.csv",
                "line 3", "unknown channel 3");
    }

    @Test
    void negativeOrNonIntegerValues() throws IOException {
        assertMessage(bad("0,0,1,0,1,-5\n", null), "channels_ln.csv", "line 2", "'capacity' is negative");
        assertMessage(bad("0,0,1,0,1,12x\n", null), "channels_ln.csv", "line 2", "'capacity' is not an integer");
    }

    @Test
    void selfLoop() throws IOException {
        assertMessage(bad("0,0,1,0,1,1000\n1,2,3,2,2,1000\n", null), "channels_ln.csv", "line 3", "self-loop");
    }

    @Test
    void duplicateChannelWithConflictingData() throws IOException {
        assertMessage(bad("0,0,1,0,1,1000\n0,0,1,0,1,2000\n", null), "channels_ln.csv", "line 3",
                "channel id 0 is listed earlier");
        assertMessage(bad("0,0,1,0,1,1000\n", "0,0,1,0,1,0,1,1,1,40\n0,0,1,0,1,0,2,1,1,40\n"), "edges_ln.csv",
                "line 3", "edge 0 is listed earlier with another policy");
    }

    @Test
    void edgeNotMatchingItsChannel() throws IOException {
        assertMessage(bad("0,0,1,0,1,1000\n", "1,0,0,0,1,0,1,1,1,40\n"), "edges_ln.csv", "line 2",
                "lists it the other way");
        assertMessage(bad("0,0,1,0,1,1000\n", "8,0,1,0,1,0,1,1,1,40\n"), "edges_ln.csv", "line 2",
                "edge 8 is not edge1_id or edge2_id of channel 0");
    }

    @Test
    void truncatedFiles() throws IOException {
        // a row cut short
        assertMessage(bad("0,0,1,0,1,1000\n1,2,3", null), "channels_ln.csv", "line 3",
                "expected 6 fields as in the header, found 3");
        // a gzip cut short
        Path f = folder("cut", NODES, CHANNELS + "0,0,1,0,1,1000\n", null);
        Files.delete(f.resolve("channels_ln.csv"));
        StringBuilder many = new StringBuilder(CHANNELS);
        for (int i = 0; i < 2000; i++) {
            // capacities from 7,919 msat up: at least 1 sat, as every channel must hold
            many.append(i).append(',').append(2 * i).append(',').append(2 * i + 1).append(",0,1,")
                    .append((i + 1) * 7919L).append('\n');
        }
        byte[] gz = gzip(many.toString());
        Files.write(f.resolve("channels_ln.csv.gz"), Arrays.copyOf(gz, gz.length / 2));
        NetworkFormatException e = assertThrows(NetworkFormatException.class, () -> NetworkFormats.load(f));
        assertMessage(e, "channels_ln.csv.gz", "line ", "truncated or corrupt gzip");
    }

    /**
     * Issue 21, defect 9: a row with one field more than its header, and a folder with both channels_ln.csv and
     * channels_ln.csv.gz, were read silently (the extra field ignored, one of the two files picked).
     */
    @Test
    void anExtraFieldAndTwoCopiesOfAFileAreRefused() throws IOException {
        assertMessage(bad("0,0,1,0,1,1000\n1,2,3,0,1,1000,7\n", null), "channels_ln.csv", "line 3",
                "expected 6 fields as in the header, found 7");
        Path f = folder("twice", NODES, CHANNELS + "0,0,1,0,1,1000\n", null);
        Files.write(f.resolve("channels_ln.csv.gz"), gzip(CHANNELS + "0,0,1,0,1,1000\n"));
        assertMessage(assertThrows(NetworkFormatException.class, () -> NetworkFormats.load(f)), "twice",
                "both channels_ln.csv and channels_ln.csv.gz are present");
    }

    /**
     * Issue 21, defect 10: a CLoTH folder missing its nodes file, or with its channel columns in another order, was
     * "format not recognised". The first now names the missing file; the second loads as the same network.
     */
    @Test
    void aMissingFileIsNamedAndColumnOrderDoesNotMatter() throws IOException {
        Path f = folder("nonodes", NODES, CHANNELS + "0,0,1,0,1,1000\n", null);
        Files.delete(f.resolve("nodes_ln.csv"));
        assertMessage(assertThrows(NetworkFormatException.class, () -> NetworkFormats.load(f)), "nonodes",
                "incomplete CLoTH folder: nodes_ln.csv missing");
        Path ordered = folder("ordered", NODES, CHANNELS + "0,0,1,0,1,1000\n", null);
        Path swapped = folder("swapped", NODES, "capacity,node2_id,node1_id,edge2_id,edge1_id,id\n1000,1,0,1,0,0\n",
                null);
        GraphAssertions.assertSameGraph(NetworkFormats.load(ordered).graph(), NetworkFormats.load(swapped).graph(),
                false);
    }

    @Test
    void missingColumn() throws IOException {
        Path f = folder("nocol", NODES, "id,edge1_id,edge2_id,node1_id,node2_id\n0,0,1,0,1\n", null);
        assertMessage(assertThrows(NetworkFormatException.class, () -> NetworkFormats.load(f)), "channels_ln.csv",
                "line 1", "missing column 'capacity'");
    }

    // ---- writing ----

    /** A CLoTH folder with every direction known round-trips exactly, and is written byte-identically again. */
    @Test
    void roundTripOfCompleteFolder() throws IOException {
        Path src = folder("src", NODES,
                CHANNELS + "0,0,1,0,1,100000000\n1,2,3,2,1,20000000\n2,4,5,1,3,5000000\n",
                EDGES + "0,0,1,0,1,40000000,1000,1,1000,144\n1,0,0,1,0,60000000,0,100,1,40\n"
                        + "2,1,3,2,1,10000000,5,5,0,14\n3,1,2,1,2,10000000,1,2,3,4\n"
                        + "4,2,5,1,3,5000000,1000,10,1000,40\n5,2,4,3,1,0,7,7,7,7\n");
        ChannelGraph g = NetworkFormats.load(src).graph();
        Path out = dir.resolve("out");
        LoadReport w = new ClothCsvFormat().writeWithReport(g, out);
        assertEquals(0, w.get("policy_defaulted"));
        GraphAssertions.assertSameGraph(g, NetworkFormats.load(out).graph(), false);
        // channel 1 (node1 = 1, node2 = 2): edge1 = 1→2 with the policy of source edge 3, balance 10,000,000 each
        List<String> edges = Files.readAllLines(out.resolve("edges_ln.csv"));
        assertEquals("2,1,3,1,2,10000000,1,2,3,4", edges.get(3));
        assertEquals("3,1,2,2,1,10000000,5,5,0,14", edges.get(4));
        byte[] first = Files.readAllBytes(out.resolve("edges_ln.csv"));
        new ClothCsvFormat().write(NetworkFormats.load(out).graph(), out);
        assertTrue(Arrays.equals(first, Files.readAllBytes(out.resolve("edges_ln.csv"))), "deterministic rewrite");
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(2, s.count(), "no temporary folders left: " + dir);
        }
    }

    @Test
    void roundTripOfRealClothSnapshot() throws IOException {
        ChannelGraph g = NetworkFormats.load(SnapshotAnchorTest.snapshots().resolve("cloth-snapshot-2020")).graph();
        Path out = dir.resolve("cloth");
        new ClothCsvFormat().write(g, out);
        GraphAssertions.assertSameGraph(g, NetworkFormats.load(out).graph(), false);
    }

    /**
     * {@link TestGraphs#fourNodes()}: unknown directions 2x0x0 B→A, 4x0x0 both → policy_defaulted 3; B→C disabled →
     * disabled_written_enabled 1; B→A on 1x0x0 has a maximum → htlc_maximum_dropped 1. Balances: 100,000 sat =
     * 100,000,000 msat split 50,000,000 / 50,000,000; 4x0x0 (C–D, channel 3) gets lnd defaults 1000/1/1000/40.
     */
    @Test
    void exportCountsDefaultsAndDrops() throws IOException {
        Path out = dir.resolve("four");
        LoadReport w = new ClothCsvFormat().writeWithReport(TestGraphs.fourNodes(), out);
        assertEquals(3, w.get("policy_defaulted"));
        assertEquals(1, w.get("disabled_written_enabled"));
        assertEquals(1, w.get("htlc_maximum_dropped"));
        List<String> channels = Files.readAllLines(out.resolve("channels_ln.csv"));
        assertEquals("0,0,1,0,1,100000000", channels.get(1));
        List<String> edges = Files.readAllLines(out.resolve("edges_ln.csv"));
        assertEquals("0,0,1,0,1,50000000,1000,1,1000,144", edges.get(1));
        assertEquals("7,3,6,3,2,5000000,1000,1,1000,40", edges.get(8));
        assertEquals(List.of("id", "0", "1", "2", "3"), Files.readAllLines(out.resolve("nodes_ln.csv")));
    }

    /** The exported folder and files get default permissions (not the owner-only mode of JDK temp entries). */
    @Test
    void exportHasDefaultPermissions() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path out = dir.resolve("perm");
        new ClothCsvFormat().write(TestGraphs.fourNodes(), out);
        Path refDir = Files.createDirectory(dir.resolve("refdir"));
        Path refFile = Files.createFile(dir.resolve("reffile"));
        assertEquals(Files.getPosixFilePermissions(refDir), Files.getPosixFilePermissions(out));
        assertEquals(Files.getPosixFilePermissions(refFile), Files.getPosixFilePermissions(out.resolve("edges_ln.csv")));
    }

    /** A failed export (target is a file) leaves the file untouched and no temporary folder. */
    @Test
    void failedWriteLeavesNothing() throws IOException {
        Path target = dir.resolve("taken");
        Files.writeString(target, "keep");
        assertThrows(IOException.class, () -> new ClothCsvFormat().write(TestGraphs.fourNodes(), target));
        assertEquals("keep", Files.readString(target));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(target), s.toList());
        }
    }

    /**
     * Issue 21, defect 1: exporting into a folder that holds the user's files used to replace the whole folder,
     * deleting them. Now the export is refused (exit 2 from the CLI), the folder is left as it was, and no temporary
     * folder remains; a folder holding only an earlier export's three files is still replaced.
     */
    @Test
    void aFolderWithOtherFilesIsNeverReplaced() throws IOException {
        Path target = dir.resolve("v");
        Files.createDirectories(target.resolve("sub"));
        Files.writeString(target.resolve("sub").resolve("thesis.tex"), "x");
        Files.writeString(target.resolve("notes.txt"), "y");
        OutputRefusedException e = assertThrows(OutputRefusedException.class,
                () -> new ClothCsvFormat().write(TestGraphs.fourNodes(), target));
        assertTrue(e.getMessage().contains("notes.txt, sub/") && e.getMessage().contains(target.toString()),
                e.getMessage());
        assertEquals("x", Files.readString(target.resolve("sub").resolve("thesis.tex")));
        assertEquals("y", Files.readString(target.resolve("notes.txt")));
        try (Stream<Path> s = Files.list(target)) {
            assertEquals(2, s.count(), "nothing added to the refused folder");
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(target), s.toList(), "no temporary folder left");
        }

        Path earlier = dir.resolve("earlier");
        new ClothCsvFormat().write(TestGraphs.fourNodes(), earlier);
        Files.delete(earlier.resolve("edges_ln.csv")); // a subset of the three files is an earlier export too
        new ClothCsvFormat().write(TestGraphs.fourNodes(), earlier);
        try (Stream<Path> s = Files.list(earlier)) {
            assertEquals(3, s.count());
        }
    }
}
