package org.lnsim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.generate.McpDefaults;
import org.lnsim.network.generate.McpFit;
import org.lnsim.network.io.NetworkFormats;

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
        Path snap = Path.of(System.getProperty("lnsim.shared", "../../shared"), "data", "snapshots",
                "clightning-listchannels-2019-05-14.json.gz");
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

    @Test
    void badValuesExitWithTwo() {
        Path out = dir.resolve("bad.lnsim");
        Run r = run("generate", "--channels", "10", "--out", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--channels"), r.err());
        assertEquals(2, run("generate", "--channels", "abc", "--out", out.toString()).code());
        assertEquals(2, run("generate", "--channels", "5000", "--max-channels", "-3", "--out", out.toString()).code());
        assertEquals(2, run("generate", "--channels", "5000", "--policies", "cheap", "--out", out.toString()).code());
        assertEquals(2, run("generate", "--channels", "5000", "--degree-fit", "x", "--out", out.toString()).code());
        assertEquals(2, run("generate", "--channels", "5000", "--to", "nope", "--out", out.toString()).code());
        assertEquals(2, run("generate", "--channels", "5000").code(), "missing --out");
        assertEquals(2, run("fit", dir.resolve("missing.json").toString(), "--out", out.toString()).code());
        assertFalse(Files.exists(out), "nothing written on bad input");
    }

    @Test
    void helpAndVersionExitWithZero() {
        Run r = run("generate", "--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("--channels"), r.out());
        assertEquals(0, run("fit", "--help").code());
        assertEquals(0, run("generate", "--version").code());
        assertTrue(run("--help").out().contains("generate"));
    }
}
