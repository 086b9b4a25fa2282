package org.lnsim.protocols.ant;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lnsim.network.ChannelGraph;

/**
 * The mempool counts against a direct count: after each of 400 rounds (one every ms, entries kept 150 ms), a node's
 * live entries are its entries in the rounds started within the last 150 ms, and its peak is the most it ever held.
 * The first 200 rounds are small (hop limit 1), the rest large (up to about 1,800 entries live), so the ring of 1,024
 * grows after entries have already been wiped from its start.
 */
class MempoolsTest {
    @Test
    void liveAndPeakCountsMatchADirectCount() {
        ChannelGraph g = SeedWaveTest.six();
        SeedWave w = new SeedWave(g);
        long wipe = 150_000;
        Mempools pools = new Mempools(g.nodeCount(), wipe);
        List<long[]> rounds = new ArrayList<>();   // start, then each node's entries that round
        int[] peak = new int[g.nodeCount()];
        for (int r = 0; r < 400; r++) {
            long now = 1_000L * r;
            // alternate payers so the rounds' entries differ
            w.run(r % 2 == 0 ? SeedWaveTest.A : 1, SeedWaveTest.B, SeedWaveTest.AMOUNT, 5_000, r < 200 ? 1 : 20, 3_000_000,
                    SeedWaveTest.sixLinks(-1));
            long[] round = new long[1 + g.nodeCount()];
            round[0] = now;
            for (int i = 0; i < w.entries(); i++) {
                round[1 + w.entryNode(i)]++;
            }
            rounds.add(round);
            pools.add(now, w);
            for (int v = 0; v < g.nodeCount(); v++) {
                int live = 0;
                for (long[] x : rounds) {
                    if (x[0] + wipe > now) {
                        live += (int) x[1 + v];
                    }
                }
                peak[v] = Math.max(peak[v], live);
                assertEquals(live, pools.live(v), "round " + r + " node " + v);
                assertEquals(peak[v], pools.peak(v), "round " + r + " node " + v);
            }
        }
        pools.expireUntil(400_000 + wipe);
        for (int v = 0; v < g.nodeCount(); v++) {
            assertEquals(0, pools.live(v));
        }
    }
}
