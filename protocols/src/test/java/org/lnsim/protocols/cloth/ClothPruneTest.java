package org.lnsim.protocols.cloth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.io.NetworkFormats;
import org.lnsim.network.testing.TestData;

/**
 * The router skips expanding nodes whose lower bound is above the sender's current label ({@link ClothRouter}); on
 * CLoTH's own snapshot it finds the same path as the full search CLoTH runs, with an empty memory (0.6 a hop), with a
 * memory of random successes and failures (0.95 bound on the nodes with a success) and with failures only (0.6).
 * The full search reads every probability from the memory through a plain view, so the run's view (probabilities
 * read only for the nodes the memory holds) is checked too.
 */
class ClothPruneTest {
    @Test
    void pruningFindsCLoTHsPaths() throws Exception {
        ChannelGraph g = NetworkFormats.load(TestData.snapshots().resolve("cloth-snapshot-2020")).graph();
        ClothRouter pruned = new ClothRouter(g, true);
        ClothRouter full = new ClothRouter(g, false);
        SplittableRandom rnd = new SplittableRandom(22);
        int n = g.nodeCount();
        int found = 0;
        for (int q = 0; q < 400; q++) {
            int s = rnd.nextInt(n);
            int t = rnd.nextInt(n);
            long amt = 1_000L * (long) Math.pow(10, rnd.nextInt(1, 6)); // 10 sat .. 100,000 sat
            ClothMemory m = null;
            if (q % 3 == 1) { // random successes and failures: many nodes' hops may reach 0.95
                m = new ClothMemory(ClothSettings.DEFAULT.halfLifeS());
                for (int k = 0; k < 200; k++) {
                    int e = rnd.nextInt(2 * g.channelCount());
                    if (rnd.nextBoolean()) {
                        m.success(g.source(e), g.target(e), rnd.nextLong(1, 200_000_000), 1_000_000);
                    } else {
                        m.fail(g.source(e), g.target(e), rnd.nextLong(0, 200_000_000), 100_000_000);
                    }
                }
            } else if (q % 3 == 2) { // failures, and successes on the sender's own hops only: no hop above 0.6
                m = new ClothMemory(ClothSettings.DEFAULT.halfLifeS());
                for (int k = 0; k < 200; k++) {
                    int e = rnd.nextInt(2 * g.channelCount());
                    m.fail(g.source(e), g.target(e), rnd.nextLong(0, 200_000_000), 100_000_000);
                }
                for (int slot = g.outStart(s); slot < g.outEnd(s); slot++) {
                    int e = g.outDirection(slot);
                    m.success(s, g.target(e), rnd.nextLong(1, 200_000_000), 1_000_000);
                }
            }
            java.util.function.IntToLongFunction balances = e -> g.capacityMsat(ChannelGraph.channelOf(e)) / 2;
            // the run's kind of view (its probabilities read by the search itself, bounded per node), pruned ...
            ClothRouter.SenderView view = ClothRouter.SenderView.of(s, balances, m, 200_000_000);
            // ... against the full search reading every probability through a plain view
            ClothRouter.SenderView plain = ClothNet.plain(view);
            ClothRouter.Path a = pruned.find(s, t, amt, view);
            ClothRouter.Path b = full.find(s, t, amt, plain);
            assertEquals(b.failure(), a.failure(), "query " + q);
            assertArrayEquals(b.directions(), a.directions(), "query " + q);
            if (a.found()) {
                found++;
            }
        }
        assertTrue(found > 200, "paths found: " + found);
    }
}
