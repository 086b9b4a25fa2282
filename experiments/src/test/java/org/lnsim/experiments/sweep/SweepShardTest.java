package org.lnsim.experiments.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link SweepShard}: parsing I/N, and the deal by expected cost. */
class SweepShardTest {
    /** Three network sizes × 2 replications, everything else equal: costs in the ratio 1 : 2 : 4. */
    static final String SIZES = """
            seed: 1
            workload: {payments: 50}
            protocols: [{name: source}]
            sweep:
              network.generate.channels: [1000, 2000, 4000]
            replications: 2
            """;

    /**
     * Largest first to the least loaded share, ties to the lower share and then plan order. Units by plan index:
     * 0 c00-r0 (cost 1), 1 c00-r1 (1), 2 c01-r0 (2), 3 c01-r1 (2), 4 c02-r0 (4), 5 c02-r1 (4). With 3 shares:
     * 4 → s0 (loads 4,0,0); 5 → s1 (4,4,0); 2 → s2 (4,4,2); 3 → s2 (4,4,4); 0 → s0 (5,4,4); 1 → s1 (5,5,4).
     * With 2 shares: 4 → s0, 5 → s1, 2 → s0, 3 → s1, 0 → s0, 1 → s1: 7 and 7.
     */
    @Test
    void dealsLargestFirstToTheLeastLoadedShare() throws Exception {
        SweepPlan plan = SweepPlanTest.plan(SIZES);
        double c0 = SweepShard.expectedCost(plan.units().get(0), plan.baseDir());
        assertEquals(1000.0 * (50 + SweepShard.SETUP_PAYMENTS) * 1, c0, 1e-9);
        assertEquals(4 * c0, SweepShard.expectedCost(plan.units().get(5), plan.baseDir()), 1e-9);
        assertArrayEquals(new int[] {0, 1, 2, 2, 0, 1}, SweepShard.assign(plan, 3));
        assertArrayEquals(new int[] {0, 1, 0, 1, 0, 1}, SweepShard.assign(plan, 2));
        assertEquals(List.of("c00-r0", "c02-r0"),
                new SweepShard(0, 3).units(plan).stream().map(SweepPlan.Unit::id).toList());
    }

    /** Every unit is in exactly one share, for any N, including more shares than units (some then empty). */
    @Test
    void sharesPartitionTheUnits() throws Exception {
        SweepPlan plan = SweepPlanTest.plan(SIZES);
        for (int n = 1; n <= 8; n++) {
            List<String> all = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                new SweepShard(i, n).units(plan).forEach(u -> all.add(u.id()));
            }
            all.sort(null);
            assertEquals(plan.units().stream().map(SweepPlan.Unit::id).sorted().toList(), all, "N = " + n);
        }
    }

    @Test
    void parsesIOverNAndRefusesTheRest() {
        assertEquals(new SweepShard(3, 8), SweepShard.parse("3/8"));
        assertEquals(new SweepShard(0, 1), SweepShard.parse(" 0/1 "));
        for (String bad : new String[] {"8/8", "-1/4", "1/0", "a/b", "3", "1/2/3", "", "3 / 8"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SweepShard.parse(bad));
            assertTrue(e.getMessage().contains("--shard"), e.getMessage());
        }
    }
}
