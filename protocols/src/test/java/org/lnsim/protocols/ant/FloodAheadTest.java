package org.lnsim.protocols.ant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lnsim.engine.channel.BalanceSplit;
import org.lnsim.engine.htlc.CommitmentLatency;
import org.lnsim.engine.payment.PaymentOutcome;
import org.lnsim.engine.payment.PaymentRequest;
import org.lnsim.engine.testing.EngineRun;
import org.lnsim.network.ChannelGraph;

/**
 * Flooding ahead on other threads changes nothing: the same payments with and without {@link FloodAhead} give the
 * same outcomes, payment columns and per-node figures, on a small random network whose balances the payments drain,
 * so that some waves flooded ahead are found stale and flooded again, and some have their counts patched (all three
 * paths are taken).
 */
class FloodAheadTest {
    private record Result(List<PaymentOutcome> outcomes, AntRouting ant) {
    }

    private static Result run(ChannelGraph g, List<PaymentRequest> payments, int threads) {
        AntRouting ant = new AntRouting(g, AntSettings.DEFAULT);
        List<PaymentOutcome> out = EngineRun.of(g, ant).seed(11).split(BalanceSplit.UNIFORM)
                .checks(EngineRun.Checks.TOUCHED)
                // fixed per-channel delays (a pure function of the channel), as flooding ahead requires
                .latency((graph, sim) -> new CommitmentLatency(graph.channelCount(), sim.random().stream("latency")))
                .prepare(threads).run(payments).outcomes();
        return new Result(out, ant);
    }

    @Test
    void floodingAheadGivesTheSameRun() {
        long used = 0;
        long redone = 0;
        long patched = 0;
        for (long seed = 1; seed <= 6; seed++) {
            ChannelGraph g = SeedWaveEquivalenceTest.randomCase(seed).g();
            SplittableRandom r = new SplittableRandom(seed);
            List<PaymentRequest> ps = new ArrayList<>();
            for (int i = 0; i < 150; i++) {
                int from = r.nextInt(g.nodeCount());
                int to = (from + 1 + r.nextInt(g.nodeCount() - 1)) % g.nodeCount();
                // amounts of the order of the balances (capacities 1k-1M sat), at 20 payments/s: channels drain
                ps.add(new PaymentRequest(i, from, to, 1_000_000L + r.nextInt(200_000_000), 50_000L * i));
            }
            Result one = run(g, ps, 1);
            Result two = run(g, ps, 2);
            String strip = "\\[I@[0-9a-f]+|\\[J@[0-9a-f]+";
            for (int i = 0; i < ps.size(); i++) {
                assertEquals(one.outcomes().get(i).toString().replaceAll(strip, ""),
                        two.outcomes().get(i).toString().replaceAll(strip, ""), "seed " + seed + " outcome " + i);
                assertArrayEquals(one.outcomes().get(i).columns(), two.outcomes().get(i).columns());
                assertArrayEquals(one.outcomes().get(i).route(), two.outcomes().get(i).route());
            }
            long[] v1 = new long[5];
            long[] v2 = new long[5];
            for (int n = 0; n < g.nodeCount(); n++) {
                one.ant().report().stateValues(n, v1);
                two.ant().report().stateValues(n, v2);
                assertArrayEquals(v1, v2, "seed " + seed + " node " + n);
            }
            assertArrayEquals(new long[3], one.ant().floodsAhead());
            used += two.ant().floodsAhead()[0];
            redone += two.ant().floodsAhead()[1];
            patched += two.ant().floodsAhead()[2];
        }
        assertTrue(used > 100, "floods ahead used " + used);
        assertTrue(redone > 5, "floods ahead redone " + redone);
        assertTrue(patched > 5, "floods ahead used after patching their counts " + patched);
    }
}
