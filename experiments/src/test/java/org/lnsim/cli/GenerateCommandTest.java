package org.lnsim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.NativeFormat;
import org.lnsim.network.generate.GenerationProgress;
import org.lnsim.network.generate.McpDefaults;
import org.lnsim.network.generate.McpFit;
import org.lnsim.network.generate.WattsStrogatzGenerator;
import org.lnsim.network.io.NetworkFormats;
import org.lnsim.network.testing.TestData;

class GenerateCommandTest {
    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void generatesWithTheEmbeddedFitAndPrintsASummary() throws Exception {
        Path out = dir.resolve("g.lnsim");
        Run r = run("generate", "--channels", "3000", "--seed", "2", "--quiet", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().startsWith("generated "), r.err());
        assertTrue(r.err().contains("seed 2"), r.err());
        ChannelGraph g = NetworkFormats.load(out).graph();
        // at 3,000 channels the default cap (10,000) is far above the node count: hubs that drew more channels
        // than there are peers stop short, which the command says in a note
        assertTrue(g.channelCount() > 0 && g.channelCount() <= 3_000, "channels " + g.channelCount());
        assertTrue(r.err().contains(String.format(java.util.Locale.ROOT, "%,d channels", g.channelCount())), r.err());
        assertEquals(g.channelCount() < 2_850, r.err().contains("note: "), r.err());
        // same command, same bytes
        Path again = dir.resolve("g2.lnsim");
        assertEquals(0, run("generate", "--channels", "3000", "--seed", "2", "--out", again.toString()).code());
        assertArrayEquals(Files.readAllBytes(out), Files.readAllBytes(again));
    }

    @Test
    void fitThenGenerateFromTheFitFile() throws Exception {
        Path snap = TestData.snapshot("clightning-listchannels-2019-05-14.json.gz");
        Path fit = dir.resolve("fit.json");
        Run r = run("fit", snap.toString(), "--out", fit.toString());
        assertEquals(0, r.code(), r.err());
        McpFit read;
        try (var in = Files.newInputStream(fit)) {
            read = McpFit.read(in, fit);
        }
        McpFit embedded = McpDefaults.load();
        assertEquals(embedded.degreeLawMle(), read.degreeLawMle());
        assertEquals("lnsim fit " + snap + " --out " + fit, read.generatedBy());
        Path out = dir.resolve("f.lnsim");
        r = run("generate", "--channels", "2000", "--fit", fit.toString(), "--policies", "mcp",
                "--max-channels", "default", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        // --max-channels default = floor(1,370 x 2,000 / 4,275) = 640
        assertTrue(r.err().contains("max channels 640"), r.err());
    }

    /** The embedded fit as its JSON file holds it. */
    private static String embeddedFitJson() throws java.io.IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        McpDefaults.load().write(buf);
        return buf.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The embedded fit written out without {@code field} and every field after it: a fit from before them. */
    private Path fitCutAt(String field, String name) throws java.io.IOException {
        String json = embeddedFitJson();
        Path old = dir.resolve(name);
        Files.writeString(old, json.substring(0, json.indexOf(",\n  \"" + field + "\"")) + "\n}\n");
        return old;
    }

    @Test
    void aFitFileWithoutNodePoliciesExitsWithTwoUnlessTheDirectionDrawIsAsked() throws Exception {
        Path old = fitCutAt("node_policies", "old-fit.json");
        Path out = dir.resolve("o.lnsim");
        Run r = run("generate", "--channels", "2000", "--fit", old.toString(), "--out", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--policies node") && r.err().contains("has no node_policies"), r.err());
        assertFalse(Files.exists(out));
        // a fit that old has no top_degrees either (written after node_policies): the topology must be 'mcp' too
        r = run("generate", "--channels", "2000", "--fit", old.toString(), "--policies", "direction", "--quiet",
                "--out", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--topology fitted") && r.err().contains("has no top_degrees"), r.err());
        r = run("generate", "--channels", "2000", "--fit", old.toString(), "--policies", "direction", "--topology",
                "mcp", "--quiet", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
    }

    @Test
    void aFitFileWithoutTopDegreesExitsWithTwoUnlessTheMcpTopologyIsAsked() throws Exception {
        Path old = fitCutAt("top_degrees", "no-top-fit.json");
        Path out = dir.resolve("t.lnsim");
        Run r = run("generate", "--channels", "2000", "--fit", old.toString(), "--out", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--topology fitted") && r.err().contains("has no top_degrees"), r.err());
        assertFalse(Files.exists(out));
        r = run("generate", "--channels", "2000", "--fit", old.toString(), "--topology", "mcp", "--quiet",
                "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        // top_degrees must descend: the message names the element
        assertFitRefused(embeddedFitJson().replace("\"top_degrees\" : [ 1370, 1265,",
                "\"top_degrees\" : [ 1265, 1370,"), "bad-top-fit.json", "top_degrees[1]");
    }

    @Test
    void badRankHomesOrPerHomeDeviationsInAFitFileExitWithTwoNamingTheKey() throws Exception {
        String json = embeddedFitJson();
        // a rank home counting 2 hubs: each entry is one hub
        String first = "\"top_rank_homes\" : [\n    [0, 100, 144, 0, \"none\", 1],";
        assertFitRefused(json.replace(first, first.replace("\"none\", 1]", "\"none\", 2]")), "bad-rank-fit.json",
                "top_rank_homes[0]");
        // per-home other deviations that do not add up to the pooled table
        assertFitRefused(json.replace("[1000, 1, 40, 0, \"none\", 302]", "[1000, 1, 40, 0, \"none\", 301]"),
                "bad-other-fit.json", "siblings.other_by_home");
    }

    @Test
    void badRichClubOrClassHomesInAFitFileExitWithTwoNamingTheKey() throws Exception {
        String json = embeddedFitJson();
        // a hub with more hub peers than the other 42 hubs
        assertFitRefused(json.replaceFirst("(\"top_peers\" : \\[ )[0-9]+", "$143"), "bad-peers-fit.json",
                "top_peers[0]");
        // a share above 1
        assertFitRefused(json.replaceFirst("(\"top_share_by_class\" : \\[ )[0-9.]+", "$11.5"), "bad-share-fit.json",
                "top_share_by_class[0]");
        // a negative fee in a class home below the top
        String head = "\"class_homes_below_top\" : {\n    \"1\" : [\n    [1000, 1, 144,";
        assertFitRefused(json.replace(head, head.replace("[1000, 1, 144,", "[1000, -1, 144,")), "bad-homes-fit.json",
                "class_homes_below_top.1[0]");
    }

    @Test
    void badCapacityQuantilesInAFitFileExitWithTwoNamingTheKey() throws Exception {
        // a quantile of 0 sat in the class of one-channel ends
        String oneChannel = "(\"capacity_by_class\" : \\{\n    \"1\" : \\[ )[0-9]+";
        assertFitRefused(embeddedFitJson().replaceFirst(oneChannel, "$10"), "bad-capacity-fit.json",
                "capacity_by_class.1[0]");
    }

    @Test
    void badTopLinksInAFitFileExitWithTwoNamingTheKey() throws Exception {
        // the first link's ranks swapped: i must be below j
        assertFitRefused(embeddedFitJson().replaceFirst("(\"top_links\" : \\[\n    \\[)([0-9]+), ([0-9]+),",
                "$1$3, $2,"), "bad-links-fit.json", "top_links[0]");
    }

    @Test
    void badLeafPeersInAFitFileExitWithTwoNamingTheKey() throws Exception {
        // the largest hub with more live one-channel peers than one-channel peers
        assertFitRefused(embeddedFitJson().replaceFirst("(\"top_leaf_peers\" : \\[ \\[)([0-9]+), [0-9]+\\]",
                "$1$2, 99999]"), "bad-leaf-fit.json", "top_leaf_peers[0]");
    }

    /**
     * Generating from {@code fitJson} (an edit of the embedded fit, written to {@code name}) exits 2 with a message
     * naming {@code key}, and writes nothing.
     */
    private void assertFitRefused(String fitJson, String name, String key) throws Exception {
        assertNotEquals(embeddedFitJson(), fitJson, "the edit must change the fit");
        Path bad = dir.resolve(name);
        Path out = dir.resolve("refused.lnsim");
        Files.writeString(bad, fitJson);
        Run r = run("generate", "--channels", "2000", "--fit", bad.toString(), "--out", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains(key), r.err());
        assertFalse(Files.exists(out), "nothing written on bad input");
    }

    @Test
    void badValuesExitWithTwo() {
        Path out = dir.resolve("bad.lnsim");
        Run r = run("generate", "--channels", "10", "--out", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--channels"), r.err());
        assertEquals(2, run("generate", "--channels", "abc", "--out", out.toString()).code());
        assertEquals(2, run("generate", "--channels", "5000", "--max-channels", "-3", "--out", out.toString()).code());
        r = run("generate", "--channels", "5000", "--policies", "cheap", "--out", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--policies must be 'node', 'direction' or 'mcp'"), r.err());
        // 'snapshot' was the name of the per-direction draw before issue 22: refused, not silently mapped
        assertEquals(2, run("generate", "--channels", "5000", "--policies", "snapshot", "--out", out.toString()).code());
        assertEquals(2, run("generate", "--channels", "5000", "--degree-fit", "x", "--out", out.toString()).code());
        r = run("generate", "--channels", "5000", "--topology", "hubs", "--out", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--topology must be 'fitted' or 'mcp', got 'hubs'"), r.err());
        assertEquals(2, run("generate", "--channels", "5000", "--to", "nope", "--out", out.toString()).code());
        assertEquals(2, run("generate", "--channels", "5000").code(), "missing --out");
        assertEquals(2, run("fit", dir.resolve("missing.json").toString(), "--out", out.toString()).code());
        assertFalse(Files.exists(out), "nothing written on bad input");
    }

    @Test
    void wattsStrogatzDefaultsToFlaresSetting() throws Exception {
        // Flare's simulator: k 4, p 0.2; 2,500 nodes x 4 / 2 = 5,000 channels of the default 800,000 sat
        Path out = dir.resolve("ws.lnsim");
        Run r = run("generate", "--model", "watts-strogatz", "--nodes", "2500", "--seed", "3", "--quiet", "--out",
                out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().startsWith("generated 2,500 nodes, 5,000 channels (watts-strogatz, k 4, p 0.2, "), r.err());
        assertTrue(r.err().contains("capacity 800000 sat; seed 3)"), r.err());
        ChannelGraph g = NetworkFormats.load(out).graph();
        assertEquals(2_500, g.nodeCount());
        assertEquals(5_000, g.channelCount());
        // the file is the generator's Flare configuration, byte for byte
        ByteArrayOutputStream direct = new ByteArrayOutputStream();
        NativeFormat.write(new WattsStrogatzGenerator(WattsStrogatzGenerator.Config.flare(2_500, 3),
                GenerationProgress.NONE).generate().graph(), direct);
        assertArrayEquals(direct.toByteArray(), Files.readAllBytes(out));
        // the same values spelled out give the same bytes
        Path again = dir.resolve("ws2.lnsim");
        assertEquals(0, run("generate", "--model", "watts-strogatz", "--nodes", "2500", "--k", "4", "--p", "0.2",
                "--capacity-sat", "800000", "--seed", "3", "--quiet", "--out", again.toString()).code());
        assertArrayEquals(Files.readAllBytes(out), Files.readAllBytes(again));
    }

    @Test
    void wattsStrogatzOptionsReachTheGraph() throws Exception {
        // 101 nodes, k 6, p 0: the ring lattice, 101 x 6 / 2 = 303 channels, every node of degree 6, no shortcut
        Path out = dir.resolve("ring.lnsim");
        Run r = run("generate", "--model", "watts-strogatz", "--nodes", "101", "--k", "6", "--p", "0",
                "--capacity-sat", "50000", "--quiet", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("k 6, p 0.0, 0 shortcuts, capacity 50000 sat; seed 1)"), r.err());
        ChannelGraph g = NetworkFormats.load(out).graph();
        assertEquals(303, g.channelCount());
        for (int v = 0; v < g.nodeCount(); v++) {
            assertEquals(6, g.degree(v), "degree of node " + v);
        }
        for (int c = 0; c < g.channelCount(); c++) {
            assertEquals(50_000, g.capacitySat(c), "capacity of channel " + c);
        }
    }

    @Test
    void modelOptionsAreCheckedAgainstTheModel() {
        Path out = dir.resolve("bad.lnsim");
        String o = out.toString();
        Run r = run("generate", "--out", o);
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--channels is required with --model mcp (the default)"), r.err());
        r = run("generate", "--model", "watts-strogatz", "--out", o);
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--nodes is required with --model watts-strogatz"), r.err());
        r = run("generate", "--channels", "5000", "--k", "4", "--capacity-sat", "10", "--out", o);
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--k, --capacity-sat apply only to --model watts-strogatz, not to --model mcp"),
                r.err());
        r = run("generate", "--model", "watts-strogatz", "--nodes", "100", "--policies", "mcp", "--out", o);
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--policies applies only to --model mcp, not to --model watts-strogatz"), r.err());
        r = run("generate", "--model", "small-world", "--nodes", "100", "--out", o);
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--model must be 'mcp' or 'watts-strogatz', got 'small-world'"), r.err());
        r = run("generate", "--model", "watts-strogatz", "--nodes", "4", "--out", o);
        assertEquals(2, r.code());
        assertTrue(r.err().contains("nodes must be at least k + 1 = 5, got 4"), r.err());
        r = run("generate", "--model", "watts-strogatz", "--nodes", "100", "--k", "3", "--out", o);
        assertEquals(2, r.code());
        assertTrue(r.err().contains("k (mean degree) must be an even number"), r.err());
        r = run("generate", "--model", "watts-strogatz", "--nodes", "100", "--p", "1.5", "--out", o);
        assertEquals(2, r.code());
        assertTrue(r.err().contains("p (rewiring probability) must be between 0 and 1, got 1.5"), r.err());
        assertEquals(2, run("generate", "--model", "watts-strogatz", "--nodes", "100", "--capacity-sat", "0",
                "--out", o).code());
        assertEquals(2, run("generate", "--model", "watts-strogatz", "--nodes", "many", "--out", o).code());
        assertFalse(Files.exists(out), "nothing written on bad input");
    }

    @Test
    void helpAndVersionExitWithZero() {
        Run r = run("generate", "--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("--channels"), r.out());
        assertTrue(r.out().contains("--model") && r.out().contains("--capacity-sat"), r.out());
        assertEquals(0, run("fit", "--help").code());
        assertEquals(0, run("generate", "--version").code());
        assertTrue(run("--help").out().contains("generate"));
    }

    /** Issue 21, defect 1, from the command line: the user's folder survives and the exit code is 2. */
    @Test
    void clothExportIntoAFolderWithTheUsersFilesIsRefused() throws Exception {
        Path v = dir.resolve("v");
        Files.createDirectories(v.resolve("sub"));
        Files.writeString(v.resolve("sub").resolve("thesis.tex"), "x");
        Run r = run("generate", "--channels", "1000", "--quiet", "--to", "cloth-csv", "--out", v.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("lnsim never deletes what it did not write"), r.err());
        assertEquals("x", Files.readString(v.resolve("sub").resolve("thesis.tex")));
        assertFalse(Files.exists(v.resolve("nodes_ln.csv")));
    }

    /** Issue 21, defect 8: a generated network with one flipped capacity byte is refused with exit 2, file named. */
    @Test
    void aCorruptNativeFileExitsTwo() throws Exception {
        Path g = dir.resolve("g.lnsim");
        assertEquals(0, run("generate", "--channels", "1000", "--quiet", "--out", g.toString()).code());
        byte[] bytes = Files.readAllBytes(g);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(g, bytes);
        Run r = run("stats", g.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("g.lnsim") && r.err().contains("corrupt"), r.err());
    }

    /** Issue 21, defect 6: a missing --fit file is exit 2 naming it (it was exit 1 with only the path). */
    @Test
    void aMissingFitFileIsExitTwo() throws Exception {
        Run r = run("generate", "--channels", "1000", "--quiet", "--fit", dir.resolve("nofit.json").toString(),
                "--out", dir.resolve("g.lnsim").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("nofit.json: no such file"), r.err());
    }
}
