package org.lnsim.protocols.beacon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.Comparator;
import org.junit.jupiter.api.Test;
import org.lnsim.network.ChannelGraph;

/** {@link XorOrder} against sorting every node by its {@link java.math.BigInteger} XOR distance. */
class XorOrderTest {
    /** Random ids, and ids sharing their first 12 bytes (a deep trie); sizes from 1 node up. */
    @Test
    void listsEveryNodeByIncreasingXorDistance() {
        for (long seed = 1; seed <= 4; seed++) {
            for (boolean sharedPrefix : new boolean[] {false, true}) {
                for (int n : new int[] {1, 2, 3, 17, 200}) {
                    ChannelGraph g = BeaconDiscoveryTest.graph(seed, n, n - 1, true, sharedPrefix);
                    XorOrder order = new XorOrder(g);
                    int[] got = new int[n];
                    int[] scratch = new int[n];
                    for (int v = 0; v < n; v++) {
                        int from = v;
                        int[] expected = java.util.stream.IntStream.range(0, n).boxed()
                                .sorted(Comparator.comparing(u -> BeaconTablesTest.xor(g, from, u)))
                                .mapToInt(Integer::intValue).toArray();
                        Arrays.fill(got, -1);
                        order.list(v, got, scratch);
                        assertArrayEquals(expected, got, "seed " + seed + " n " + n + " from " + v
                                + (sharedPrefix ? " shared prefix" : ""));
                    }
                }
            }
        }
    }
}
