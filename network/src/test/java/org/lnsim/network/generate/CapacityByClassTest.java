package org.lnsim.network.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.ChannelGraphBuilder;
import org.lnsim.network.NodeIds;

/** The channel capacities by class of the smaller end, {@link McpFit#capacityByClass()}: fitted and generated. */
class CapacityByClassTest {
    private static final McpFit FIT = McpDefaults.load();

    /**
     * A (4 channels: B and leaves L1, L2, L3), B (2: A, C), C (1). Channels and the class of their smaller end:
     * A–L1 10,000 sat, A–L2 20,000, A–L3 40,000 (min degree 1), B–C 300,000 (min(2, 1) = 1), A–B 500,000
     * (min(4, 2) = 2, class 2–4).
     */
    private static ChannelGraph small() {
        ChannelGraphBuilder b = new ChannelGraphBuilder();
        int[] v = new int[6];
        for (int i = 0; i < 6; i++) {
            v[i] = b.addNode(NodeIds.fromIndex(i));
        }
        int a = v[0];
        int bb = v[1];
        int c = v[2];
        b.addChannel(1, a, v[3], 10_000);
        b.addChannel(2, a, v[4], 20_000);
        b.addChannel(3, a, v[5], 40_000);
        b.addChannel(4, bb, c, 300_000);
        b.addChannel(5, a, bb, 500_000);
        return b.build();
    }

    @Test
    void quantilesByClassOfTheSmallerEndOnAHandWorkedGraph() {
        long[][] q = McpFitter.capacityByClass(small());
        assertEquals(5, q.length);
        // class 1: sorted [10k, 20k, 40k, 300k], n = 4; quantile j = s[floor(3j / 100)]: j = 0..33 -> s[0] = 10k,
        // j = 34..66 -> s[1] = 20k, j = 67..99 -> s[2] = 40k, j = 100 -> s[3] = 300k
        assertEquals(101, q[0].length);
        for (int j = 0; j <= 100; j++) {
            long want = j <= 33 ? 10_000 : j <= 66 ? 20_000 : j <= 99 ? 40_000 : 300_000;
            assertEquals(want, q[0][j], "j = " + j);
        }
        // class 2-4: the one channel A-B, every quantile 500k; the classes 5-19, 20-99, 100+ have no channel
        long[] all = new long[101];
        Arrays.fill(all, 500_000);
        assertArrayEquals(all, q[1]);
        for (int k = 2; k < 5; k++) {
            assertEquals(0, q[k].length, "class " + k);
        }
    }

    @Test
    void generatedCapacitiesFollowTheQuantilesWithTheNearestClassForAnEmptyOne() {
        // star 0-1, 0-2, 0-3 (min degree 1: class 1) and a triangle 4-5-6 (every end degree 2: class 2-4)
        int[] a = {0, 0, 0, 4, 5, 6};
        int[] b = {1, 2, 3, 5, 6, 4};
        long[] flat7 = new long[101];
        Arrays.fill(flat7, 7);
        long[] line = new long[101];
        for (int j = 0; j <= 100; j++) {
            line[j] = 1_000 + 10L * j;
        }
        // class 1 constant 7 sat, class 2-4 empty (takes the class below: 7), class 100+ a line 1,000..2,000 sat
        long[][] table = {flat7, {}, {}, {}, line};
        long[] cap = McpGenerator.fittedCapacities(a, b, 7, table, new SplittableRandom(1));
        assertArrayEquals(new long[] {7, 7, 7, 7, 7, 7}, cap);
        // without class 1 and 2-4 the nearest class with channels is above: class 100+'s line, 1,000..2,000 sat,
        // linear between its points: x = 100 u, i = floor(x), q[i] + round((x - i) * (q[i+1] - q[i])), here
        // 1,000 + 10 i + round(10 (x - i)); e.g. u = 0.4567 gives 1,000 + 450 + round(6.7) = 1,457
        long[][] upper = {{}, {}, {}, {}, line};
        SplittableRandom r = new SplittableRandom(2);
        long[] got = McpGenerator.fittedCapacities(a, b, 7, upper, new SplittableRandom(2));
        for (long g : got) {
            double x = r.nextDouble() * 100;
            int i = (int) x;
            assertEquals(1_000 + 10L * i + Math.round((x - i) * 10), g);
            assertTrue(g >= 1_000 && g <= 2_000);
        }
    }

    @Test
    void theGeneratorReproducesTheSnapshotsCapacitiesOnAMidSizeNetwork() {
        // 2019-05-14's fit at its own size, seed 1: per class, the generated median within one quantile step band
        // of the fit's (the draw is by class of the generated network's own degrees, so each class's generated
        // median estimates the fit's from 700 to 30,000 channels) and the share below 100,000 sat within 4 points
        // (class 1 counts ~900 channels: a binomial s.d. of 1.3 points at 18%)
        long[][] want = FIT.capacityByClass();
        ChannelGraph g = new McpGenerator(FIT, McpGenerator.Config.of(37_497, 1), GenerationProgress.NONE).generate()
                .graph();
        long[][] got = McpFitter.capacityByClass(g);
        for (int k = 0; k < 5; k++) {
            assertTrue(want[k].length > 0 && got[k].length > 0, "class " + k);
            assertTrue(got[k][50] >= want[k][45] && got[k][50] <= want[k][55], "class " + k + " median " + got[k][50]
                    + " against the fit's " + want[k][45] + ".." + want[k][55]);
            assertEquals(below(want[k], 100_000), below(got[k], 100_000), 0.04, "class " + k + " below 100k sat");
        }
        // without the statistic (a fit written before it) the fitted topology keeps MCP's capacities, which in 2019
        // put far fewer channels below 100,000 sat: the snapshot's class 20-99 has 10%, MCP's steps under 1%
        McpFit old = FitFiles.without(FIT, "capacity_by_class");
        assertNull(old.capacityByClass());
        long[][] before = McpFitter.capacityByClass(new McpGenerator(old, McpGenerator.Config.of(37_497, 1),
                GenerationProgress.NONE).generate().graph());
        assertTrue(below(before[3], 100_000) < 0.5 * below(want[3], 100_000), "before " + below(before[3], 100_000));
    }

    @Test
    void badCapacitiesNameTheirKey() throws IOException {
        String j = FitFiles.json(FIT);
        String head = "\"capacity_by_class\" : {\n    \"1\" : [ ";
        assertTrue(j.contains(head), "capacity_by_class as written");
        long first = FIT.capacityByClass()[0][0];
        // zero sat
        FitFiles.assertBad(j.replace(head + first + ",", head + "0,"), "capacity_by_class.1[0]");
        // decreasing: the first quantile above the second
        FitFiles.assertBad(j.replace(head + first + ",", head + "999999999999,"), "capacity_by_class.1[1]");
        // not an integer
        FitFiles.assertBad(j.replace(head + first + ",", head + "1.5,"), "capacity_by_class.1[0]");
        // one quantile short
        FitFiles.assertBad(j.replace(head + first + ",", head), "capacity_by_class.1");
        // a class missing
        FitFiles.assertBad(j.replace("\"capacity_by_class\" : {\n    \"1\" : [", "\"capacity_by_class\" : {\n    \"7\" : ["),
                "capacity_by_class");
        // the fit reads back equal
        assertEquals(FIT, FitFiles.read(j));
        assertThrows(IllegalArgumentException.class, () -> McpFit.checkCapacities(new long[][] {{}, {}, {}, {}, {}}));
    }

    /** Share of a quantile row's 101 points below {@code sat}. */
    private static double below(long[] q, long sat) {
        return Arrays.stream(q).filter(x -> x < sat).count() / (double) q.length;
    }
}
