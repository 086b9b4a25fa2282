package org.lnsim.network.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.function.DoubleToIntFunction;
import org.junit.jupiter.api.Test;
import org.lnsim.network.ChannelGraph;

/**
 * The degrees below the hubs drawn from the snapshot's own, {@link McpFit#bodyDegrees()} and {@link BodyDegrees}:
 * fitted, drawn at the snapshot's size, below it and above it, and refused when malformed (issue 22 item 2).
 */
class BodyDegreesTest {
    private static final McpFit FIT = McpDefaults.load();

    @Test
    void theRowsCountTheDegreesBelowTheTopNodes() {
        // degrees 1, 1, 2, 5, 9: n = 5, ceil(5 / 100) = 1 top node (the 9); the rest as [degree, nodes]
        assertArrayEquals(new int[][] {{1, 2}, {2, 1}, {5, 1}}, McpFitter.bodyDegrees(new int[] {5, 1, 9, 2, 1}));
        // 2019-05-14: 4,275 nodes less 43 top ones; 52 of them with 100 or more channels, 512 with 20 to 49, none
        // above the smallest top degree (350)
        int[][] rows = FIT.bodyDegrees();
        assertEquals(4_275 - 43, count(rows, 1, Integer.MAX_VALUE));
        assertEquals(52, count(rows, 100, Integer.MAX_VALUE));
        assertEquals(512, count(rows, 20, 49));
        assertTrue(rows[rows.length - 1][0] <= FIT.topDegrees()[42]);
    }

    @Test
    void theDrawFollowsTheRowsBelowTheCapAndTheLawAboveTheirLargestDegree() {
        BodyDegrees body = new BodyDegrees(new int[][] {{1, 2}, {2, 1}, {5, 1}});
        PowerLaw law = new PowerLaw(2, 1, 1);
        // cap 5 (= the largest row): 4 nodes, so u·4 in [0, 2) -> 1, [2, 3) -> 2, [3, 4) -> 5
        DoubleToIntFunction d = body.drawAt(law, 5);
        assertEquals(1, d.applyAsInt(0.0));
        assertEquals(1, d.applyAsInt(0.49));
        assertEquals(2, d.applyAsInt(0.5));
        assertEquals(5, d.applyAsInt(0.75));
        assertEquals(5, d.applyAsInt(0.999));
        // cap 4: the rows at or below it, 3 nodes: u·3 in [0, 2) -> 1, [2, 3) -> 2
        d = body.drawAt(law, 4);
        assertEquals(1, d.applyAsInt(0.66));
        assertEquals(2, d.applyAsInt(0.67));
        // cap 20 > 5: the law (x+1)^-2 puts p = (F(20) − F(5.5)) / (F(20) − F(0)) on (5, 20], F(x) = −1/(x+1):
        // (1/6.5 − 1/21) / (1 − 1/21) = 0.10622 / 0.95238 = 0.11154. u < p draws there: u = 0 gives the law's
        // draw at 0, x = 5.5 -> rint 6 (round half even), u just below p gives 20; u ≥ p the rows at (u − p)/(1 − p)
        double p = (1 / 6.5 - 1 / 21.0) / (1 - 1 / 21.0);
        d = body.drawAt(law, 20);
        assertEquals(6, d.applyAsInt(0.0));
        assertEquals(20, d.applyAsInt(p - 1e-12));
        assertEquals(1, d.applyAsInt(p));
        assertEquals(2, d.applyAsInt(p + 0.5 * (1 - p)));
        assertEquals(5, d.applyAsInt(p + 0.8 * (1 - p)));
    }

    @Test
    void theGeneratorReproducesTheSnapshotsDegreesAtItsSize() {
        // The 43 hubs pinned, every other degree a row of the body: the counts by band are binomial around the
        // snapshot's, and the node count is the endpoints left over the hubs divided by the body's mean degree.
        // Bounds: 3 s.d. of each (the node count's by the renewal approximation sqrt(n)·sd/mean).
        int[][] rows = FIT.bodyDegrees();
        int n = count(rows, 1, Integer.MAX_VALUE);
        double mean = 0;
        double sq = 0;
        for (int[] r : rows) {
            mean += (double) r[0] * r[1] / n;
            sq += (double) r[0] * r[0] * r[1] / n;
        }
        double sdNodes = Math.sqrt(n) * Math.sqrt(sq - mean * mean) / mean;
        ChannelGraph g = new McpGenerator(FIT, McpGenerator.Config.of(37_497, 1), GenerationProgress.NONE).generate()
                .graph();
        int hubs = FIT.topDegrees().length;
        assertEquals(4_275, nodesWithChannels(g), 3 * sdNodes, "nodes");
        int[] band = {100, 20};
        int[] high = {Integer.MAX_VALUE, 49};
        for (int b = 0; b < band.length; b++) {
            int want = count(rows, band[b], high[b]);
            double sd = Math.sqrt(n * ((double) want / n) * (1 - (double) want / n));
            // the hubs' degrees are all above 100: take them out of the ≥ 100 band
            int got = atLeast(g, band[b], high[b]) - (b == 0 ? hubs : 0);
            assertEquals(want, got, 3 * sd, "degrees " + band[b] + ".." + high[b]);
        }
        // a fit written before body_degrees draws them from the law, as before: more nodes of 100 or more
        // channels below the hubs than 3 s.d. above the snapshot's 52, and fewer nodes
        McpFit old = FitFiles.without(FIT, "body_degrees");
        assertNull(old.bodyDegrees());
        ChannelGraph before = new McpGenerator(old, McpGenerator.Config.of(37_497, 1), GenerationProgress.NONE)
                .generate().graph();
        double sd100 = Math.sqrt(52 * (1 - 52.0 / n));
        assertTrue(atLeast(before, 100, Integer.MAX_VALUE) - hubs > 52 + 3 * sd100,
                "before: " + (atLeast(before, 100, Integer.MAX_VALUE) - hubs));
        assertTrue(nodesWithChannels(before) < 4_275 - 3 * sdNodes, "before: nodes " + nodesWithChannels(before));
    }

    @Test
    void aLargerNetworkKeepsTheLawsTailAboveTheBody() {
        // 100,000 channels: scale 100,000 / 37,497 = 2.667, so the smallest pinned hub (350) becomes 933 and the
        // body may reach it. The body's rows stop at 345 (v_max); above, the law (a, b) of the fit puts
        // p = ((345.5+b)^(1−a) − (933+b)^(1−a)) / (b^(1−a) − (933+b)^(1−a)) of the draws (F's constant c cancels).
        PowerLaw law = FIT.degreeLawMle();
        int[][] rows = FIT.bodyDegrees();
        int vmax = rows[rows.length - 1][0];
        ChannelGraph g = new McpGenerator(FIT, McpGenerator.Config.of(100_000, 1), GenerationProgress.NONE)
                .generate().graph();
        int cap = (int) Math.round(FIT.topDegrees()[FIT.topDegrees().length - 1] * (100_000 / 37_497.0));
        double e = 1 - law.a();
        double p = (Math.pow(vmax + 0.5 + law.b(), e) - Math.pow(cap + law.b(), e))
                / (Math.pow(law.b(), e) - Math.pow(cap + law.b(), e));
        int hubs = FIT.topDegrees().length;
        int body = nodesWithChannels(g) - hubs;
        // the body nodes above v_max (the hubs are all above it): binomial(body, p) around body·p, 3 s.d.
        int tail = atLeast(g, vmax + 1, Integer.MAX_VALUE) - hubs;
        double want = body * p;
        assertTrue(want > 20, "the test needs a visible tail: " + want);
        assertEquals(want, tail, 3 * Math.sqrt(want * (1 - p)), "body nodes above " + vmax);
        // and no node outside the hubs above the cap
        assertEquals(0, atLeast(g, cap + 1, Integer.MAX_VALUE) - hubsAbove(g, cap, hubs));
    }

    @Test
    void badBodyDegreesNameTheirRow() throws IOException {
        String j = FitFiles.json(FIT);
        int[][] rows = FIT.bodyDegrees();
        String head = "\"body_degrees\" : [ [" + rows[0][0] + ", " + rows[0][1] + "], [" + rows[1][0] + ", "
                + rows[1][1] + "],";
        assertTrue(j.contains(head), "body_degrees as written");
        String tail = "[" + rows[1][0] + ", " + rows[1][1] + "],";
        // degree 0; a degree not above the one before; nodes 0; a row of three; a degree above the smallest hub's
        FitFiles.assertBad(j.replace(head, "\"body_degrees\" : [ [0, " + rows[0][1] + "], " + tail), "body_degrees[0]");
        FitFiles.assertBad(j.replace(head, "\"body_degrees\" : [ [" + rows[0][0] + ", " + rows[0][1] + "], [1, 5],"),
                "body_degrees[1]");
        FitFiles.assertBad(j.replace(head, "\"body_degrees\" : [ [" + rows[0][0] + ", 0], " + tail), "body_degrees[0]");
        FitFiles.assertBad(j.replace(head, "\"body_degrees\" : [ [1, 2, 3], " + tail), "body_degrees[0]");
        int last = rows.length - 1;
        String end = "[" + rows[last][0] + ", " + rows[last][1] + "] ]";
        assertTrue(j.contains(end), "last row as written");
        FitFiles.assertBad(j.replace(end, "[" + rows[last][0] + ", " + rows[last][1] + "], [100000, 1] ]"),
                "body_degrees[" + rows.length + "]");
        // and as written, it reads back equal
        assertEquals(FIT, FitFiles.read(j));
    }

    /** Nodes of the rows with a degree in [lo, hi]. */
    private static int count(int[][] rows, int lo, int hi) {
        int c = 0;
        for (int[] r : rows) {
            c += r[0] >= lo && r[0] <= hi ? r[1] : 0;
        }
        return c;
    }

    private static int atLeast(ChannelGraph g, int lo, int hi) {
        int c = 0;
        for (int v = 0; v < g.nodeCount(); v++) {
            c += g.degree(v) >= lo && g.degree(v) <= hi ? 1 : 0;
        }
        return c;
    }

    private static int nodesWithChannels(ChannelGraph g) {
        return atLeast(g, 1, Integer.MAX_VALUE);
    }

    /** Of the {@code hubs} largest nodes, those above {@code cap}. */
    private static int hubsAbove(ChannelGraph g, int cap, int hubs) {
        int[] d = new int[g.nodeCount()];
        for (int v = 0; v < d.length; v++) {
            d[v] = g.degree(v);
        }
        java.util.Arrays.sort(d);
        int c = 0;
        for (int i = d.length - hubs; i < d.length; i++) {
            c += d[i] > cap ? 1 : 0;
        }
        return c;
    }
}
