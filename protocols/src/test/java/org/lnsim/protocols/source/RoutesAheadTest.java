package org.lnsim.protocols.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.lnsim.engine.channel.BalanceSplit;
import org.lnsim.engine.htlc.CommitmentLatency;
import org.lnsim.engine.workload.AmountDistribution;
import org.lnsim.engine.workload.EndpointChoice;
import org.lnsim.engine.workload.WorkloadGenerator;
import org.junit.jupiter.api.Test;
import org.lnsim.engine.payment.PaymentRequest;
import org.lnsim.engine.testing.EngineRun;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.generate.McpDefaults;
import org.lnsim.network.generate.McpGenerator;
import org.lnsim.protocols.routing.HybridRouter;
import org.lnsim.protocols.routing.Route;
import org.lnsim.protocols.routing.RouteHop;

/**
 * The claim routes computed ahead rest on (see {@link RouteAttempts}): a route found on the public graph alone is
 * exactly the route of the full search with the sender's balances whenever its first hop can carry it, and "no
 * route" on the public graph means no route with balances. Checked on a generated 5,000-channel network with random
 * sender balances, including balances that block the route computed ahead.
 */
class RoutesAheadTest {
    @Test
    void routeComputedAheadEqualsTheFullSearchWhenItsFirstHopCanCarryIt() {
        ChannelGraph g = new McpGenerator(McpDefaults.load(), McpGenerator.Config.of(5_000, 3), null).generate().graph();
        HybridRouter router = new HybridRouter(g);
        SplittableRandom rnd = new SplittableRandom(11);
        int same = 0;
        int blocked = 0;
        for (int i = 0; i < 400; i++) {
            int s = rnd.nextInt(g.nodeCount());
            int t = rnd.nextInt(g.nodeCount());
            if (s == t) {
                continue;
            }
            long amount = 1 + rnd.nextLong(200_000_000L);
            PaymentRequest p = new PaymentRequest(i, s, t, amount, 0);
            long fuzzSeed = rnd.nextLong();
            Route ahead = RouteAttempts.firstRoute(router, p, PayPolicy.C_LIGHTNING, fuzzSeed);
            // the sender's balances: random per channel, so that some first hops cannot carry the payment
            long balanceSeed = rnd.nextLong();
            Route full = router.find(HybridPartRoutes.baseRequest(p, p.amountMsat(), PayPolicy.C_LIGHTNING, fuzzSeed)
                    .withLocalBalances(e -> new SplittableRandom(balanceSeed ^ e).nextLong(2 * amount + 2)));
            if (!ahead.found()) {
                assertFalse(full.found(), "no route ahead but a route with balances: " + p);
                continue;
            }
            RouteHop first = ahead.hops().get(0);
            long spendable = new SplittableRandom(balanceSeed ^ first.directionIndex()).nextLong(2 * amount + 2);
            if (spendable >= first.amountMsat()) {
                assertTrue(full.found());
                assertEquals(ahead.hops(), full.hops(), "route ahead differs from the full search: " + p);
                assertEquals(ahead.costMsat(), full.costMsat());
                same++;
            } else {
                blocked++;
            }
        }
        assertTrue(same > 50 && blocked > 20, "both cases exercised: " + same + " equal, " + blocked + " blocked");
    }

    /**
     * End to end: the same 600 payments with routes computed ahead (on 1 and on 3 threads) and without give
     * identical outcomes — outcome, attempts, fees, hops, end times and routes.
     */
    @Test
    void runsWithAndWithoutRoutesAheadAreIdentical() {
        ChannelGraph g = new McpGenerator(McpDefaults.load(), McpGenerator.Config.of(3_000, 5), null).generate().graph();
        List<PaymentRequest> workload = WorkloadGenerator.poisson(g, 20, 600, Long.MAX_VALUE,
                new AmountDistribution.LogNormal(20_000_000, 1.5), new EndpointChoice.Uniform(), new SplittableRandom(2));
        List<String> without = outcomes(g, workload, 0);
        assertEquals(without, outcomes(g, workload, 1));
        assertEquals(without, outcomes(g, workload, 3));
    }

    /** Runs the baseline; {@code threads} 0 means no routes ahead. Outcomes as comparable strings, by payment id. */
    private static List<String> outcomes(ChannelGraph g, List<PaymentRequest> workload, int threads) {
        EngineRun run = EngineRun.of(g, new SourceRouting(g, PayPolicy.C_LIGHTNING, 0)).seed(9)
                .split(BalanceSplit.UNIFORM).checks(EngineRun.Checks.NONE)
                .latency((graph, sim) -> new CommitmentLatency(graph.channelCount(), sim.random().stream("latency")));
        if (threads > 0) {
            run.prepare(threads);
        }
        return run.run(workload).outcomes().stream().sorted(java.util.Comparator.comparingLong(o -> o.payment().id()))
                .map(o -> o.payment().id() + ":" + o.success() + ":" + o.attempts() + ":" + o.feeMsat() + ":"
                        + o.hops() + ":" + o.endUs() + ":" + java.util.Arrays.toString(o.route()))
                .toList();
    }
}
