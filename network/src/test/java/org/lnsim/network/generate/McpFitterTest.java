package org.lnsim.network.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.io.NetworkFormatException;
import org.lnsim.network.io.NetworkFormats;
import org.lnsim.network.testing.TestData;

class McpFitterTest {
    private static int[] sample(PowerLaw law, int cap, long endpoints, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        return McpGenerator.sampleDegrees(law, cap, endpoints, r::nextDouble, GenerationProgress.NONE);
    }

    @Test
    void recoversAKnownDegreeLaw() {
        // 2,000,000 endpoints of a=2.2, b=3 over (0, 2000] give ~165K nodes (mean degree ~12).
        PowerLaw truth = new PowerLaw(2.2, 3, 1);
        int[] degrees = sample(truth, 2000, 2_000_000, 11);
        int max = java.util.Arrays.stream(degrees).max().orElseThrow();
        PowerLaw mle = McpFitter.fitDegreeLawMle(degrees, max);
        // Tolerances: over seeds 1..12 of this very sample (161K-167K nodes) the largest errors were
        // MLE |Δa| 0.012, |Δb| 0.05 and least squares |Δa| 0.047, |Δb| 0.19 (least squares is driven by the few
        // large probabilities at degrees 1..10 and slides along the a-b ridge more). Each bound is ~2.5x that.
        assertEquals(2.2, mle.a(), 0.03, "MLE a");
        assertEquals(3.0, mle.b(), 0.15, "MLE b");
        PowerLaw lsq = McpFitter.fitDegreeLaw(degrees);
        assertEquals(2.2, lsq.a(), 0.12, "LSQ a");
        assertEquals(3.0, lsq.b(), 0.5, "LSQ b");
        // c of the least-squares fit is the PMF's own scale: with a, b recovered, c(1+b)^-a must match the
        // empirical share of degree 1 (the point with most weight) within 2%.
        double share1 = java.util.Arrays.stream(degrees).filter(d -> d == 1).count() / (double) degrees.length;
        assertEquals(share1, lsq.density(1), 0.02 * share1);
    }

    @Test
    void topDegreesAreTheLargestOnePercentRoundedUp() {
        // 5 degrees: ceil(5 / 100) = 1 -> the largest, 9
        assertArrayEquals(new int[] {9}, McpFitter.topDegrees(new int[] {1, 4, 2, 9, 3}));
        // 250 degrees 1..250: ceil(250 / 100) = 3 -> 250, 249, 248
        int[] d = new int[250];
        for (int i = 0; i < d.length; i++) {
            d[i] = i + 1;
        }
        assertArrayEquals(new int[] {250, 249, 248}, McpFitter.topDegrees(d));
        // exactly 100 degrees: ceil(100 / 100) = 1 (integer arithmetic, no 1.0000000000000002 edge)
        assertArrayEquals(new int[] {100}, McpFitter.topDegrees(java.util.Arrays.copyOf(d, 100)));
        // ties are kept: {5, 5, 1} -> ceil(3 / 100) = 1 -> 5
        assertArrayEquals(new int[] {5}, McpFitter.topDegrees(new int[] {5, 1, 5}));
    }

    @Test
    void theEmbeddedFitKeepsTheSnapshotsTopDegrees() {
        // 2019-05-14: 4,275 nodes with channels -> ceil(42.75) = 43 hubs, the largest 1,370 (lightning-facts §1.6
        // max degree), the 43rd 350
        int[] top = McpDefaults.load().topDegrees();
        assertEquals(43, top.length);
        assertEquals(1_370, top[0]);
        assertEquals(350, top[42]);
    }

    @Test
    void badSiblingsInAFitFileNameTheField() throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        McpDefaults.load().write(buf);
        String json = buf.toString(java.nio.charset.StandardCharsets.UTF_8);
        // home (0, 250 ppm, CLTV 30) has 1,690 sibling directions, all deviating: 1,691 cannot be
        String bad = json.replace("[0, 1, 4, 0, \"none\", 1690]", "[0, 1, 4, 0, \"none\", 1691]");
        org.junit.jupiter.api.Assertions.assertNotEquals(json, bad);
        org.lnsim.network.io.NetworkFormatException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.lnsim.network.io.NetworkFormatException.class, () -> McpFit.read(
                        new ByteArrayInputStream(bad.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                        Path.of("bad.json")));
        assertTrue(e.getMessage().contains("siblings.by_home[") && e.getMessage().contains("need 1 to 1690"),
                e.getMessage());
    }

    @Test
    void fitJsonRoundTripIsExactAndStable() throws IOException {
        McpFit fit = McpDefaults.load();
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        fit.write(first);
        McpFit back = McpFit.read(new ByteArrayInputStream(first.toByteArray()), Path.of("mem.json"));
        assertEquals(fit, back);
        ByteArrayOutputStream second = new ByteArrayOutputStream();
        back.write(second);
        assertArrayEquals(first.toByteArray(), second.toByteArray());
        // the embedded resource itself is exactly what write() produces
        try (InputStream in = McpFit.class.getResourceAsStream(McpDefaults.RESOURCE)) {
            assertArrayEquals(in.readAllBytes(), first.toByteArray());
        }
    }

    @Test
    void badFitJsonNamesTheField() {
        String json = "{\"format\":\"lnsim-mcp-fit\",\"version\":1,\"generated_by\":\"x\",\"source\":\"s\"}";
        NetworkFormatException e = assertThrows(NetworkFormatException.class,
                () -> McpFit.read(new ByteArrayInputStream(json.getBytes()), Path.of("f.json")));
        assertTrue(e.getMessage().contains("snapshot"), e.getMessage());
        assertThrows(NetworkFormatException.class,
                () -> McpFit.read(new ByteArrayInputStream("{\"format\":\"other\"}".getBytes()), Path.of("f.json")));
        assertThrows(NetworkFormatException.class,
                () -> McpFit.read(new ByteArrayInputStream("{nope".getBytes()), Path.of("f.json")));
    }

    @Test
    void roundingIsIdempotent() {
        double x = 1.448325260679999;
        double r = McpFit.round(x);
        assertEquals(r, McpFit.round(r));
        assertEquals(1.44832526068, r, 0);
    }

    /** The embedded default must be exactly what fitting the shipped snapshot gives today. */
    @Test
    void embeddedFitMatchesTheSnapshot() throws IOException {
        Path snap = TestData.snapshot("clightning-listchannels-2019-05-14.json.gz");
        ChannelGraph g = NetworkFormats.load(snap).graph();
        McpFit embedded = McpDefaults.load();
        McpFit fresh = McpFitter.fit(g, embedded.source(), embedded.generatedBy());
        assertEquals(embedded, fresh);
        // and it reproduces lightning-facts §1.6's re-fit of the degree PMF (a=1.448 b=1.373 c=0.745) and the
        // node-capacity a and c (1.318, 1.009); facts' b=11.43 is ours minus 1 (a 1-based window index there,
        // MCP's code uses the 0-based index as here)
        assertEquals(1.448, fresh.degreeLaw().a(), 0.0005);
        assertEquals(1.373, fresh.degreeLaw().b(), 0.0005);
        assertEquals(0.745, fresh.degreeLaw().c(), 0.0005);
        assertEquals(1.318, fresh.nodeCapacityLaw().a(), 0.0005);
        assertEquals(11.43, fresh.nodeCapacityLaw().b() - 1, 0.005);
        assertEquals(1.009, fresh.nodeCapacityLaw().c(), 0.0005);
        assertEquals(37_497, fresh.snapshotChannels());
        assertEquals(4_275, fresh.snapshotNodes());
        assertEquals(1_370, fresh.snapshotMaxDegree());
        // facts §1.6 rank shares .236 .139 .098
        assertEquals(0.236, fresh.rankShares()[0], 0.0005);
        assertEquals(0.139, fresh.rankShares()[1], 0.0005);
        assertEquals(0.098, fresh.rankShares()[2], 0.0005);
    }
}
