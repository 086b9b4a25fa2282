package org.lnsim.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lnsim.engine.payment.PaymentOutcome;
import org.lnsim.network.NativeFormat;
import org.lnsim.network.generate.GenerationProgress;
import org.lnsim.network.generate.WattsStrogatzGenerator;
import org.lnsim.results.run.ProtocolRun;
import org.lnsim.results.run.RunOutputs;
import org.lnsim.results.run.RunSummary;

class ExperimentRunnerTest {
    /**
     * A 1,000-channel generated network, 300 payments, both protocols; small enough for a unit test. MCP's topology:
     * the tests' thresholds (ant.selective under half of flooding's seeds, lnd's halving splitting some payment)
     * were set on it; the fitted default at 1,000 channels (2.7% of 2019-05-14's) keeps 43 hubs of 9-37 channels
     * and a body below them, where ant.selective sends 77% of flooding's seeds and lnd's halving never splits.
     */
    private static final String SMALL = """
            seed: 7
            network: {generate: {channels: 1000, max_channels: 200, topology: mcp}}
            workload: {payments: 300, rate_per_s: 20, amount: {distribution: lognormal, median_sat: 20000, sigma: 1.5}}
            """;

    private static ExperimentSettings config(String yaml, String... overrides) throws Exception {
        ObjectNode tree = (ObjectNode) Configs.yaml().readTree(yaml);
        ConfigSchema.applyOverrides(tree, List.of(overrides), Configs.yaml());
        return ConfigSchema.resolve(tree, "test");
    }

    private static Path runTo(Path dir, ExperimentSettings cfg, int threads, boolean check) throws Exception {
        ExperimentRunner.Result r = ExperimentRunner.run(cfg, dir, check, threads, ExperimentRunner.Progress.NONE);
        r.write(dir, cfg, "test", "lnsim test");
        return dir;
    }

    /** Same config and seed: payments.csv, summary.csv, summary.md and manifest.json are byte-identical, also
     *  across thread counts (each protocol's simulation is independent of the others). */
    @Test
    void sameConfigAndSeedGiveIdenticalFilesWhateverTheThreads(@TempDir Path tmp) throws Exception {
        ExperimentSettings cfg = config(SMALL, "protocols=[source, oracle, beacon, ant]");
        Path a = runTo(tmp.resolve("a"), cfg, 1, false);
        Path b = runTo(tmp.resolve("b"), cfg, 2, false);
        for (String f : List.of(RunOutputs.PAYMENTS, RunOutputs.NODES, RunOutputs.NODE_STATE,
                RunOutputs.NODE_STATE_SUMMARY, RunOutputs.SUMMARY_CSV, RunOutputs.SUMMARY_MD, RunOutputs.MANIFEST)) {
            assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f);
        }
        assertEquals(1 + 4 * 300, Files.readAllLines(a.resolve(RunOutputs.PAYMENTS)).size());
        Path c = runTo(tmp.resolve("c"), config(SMALL, "seed=8"), 1, false);
        assertTrue(!Files.readString(a.resolve(RunOutputs.PAYMENTS)).equals(Files.readString(c.resolve(RunOutputs.PAYMENTS))));
    }

    /**
     * Flare's network model end to end: the runner builds exactly the generator's graph from the master seed
     * (300 × 4 / 2 = 600 channels) and every protocol gives one outcome per payment on it.
     */
    @Test
    void wattsStrogatzNetworkRuns(@TempDir Path tmp) throws Exception {
        ExperimentSettings cfg = config("""
                seed: 5
                network: {generate: {model: watts-strogatz, nodes: 300}}
                workload: {payments: 100, rate_per_s: 20, amount: {distribution: fixed, sat: 1000}}
                """);
        ExperimentRunner.Result r = ExperimentRunner.run(cfg, tmp, true, 1, ExperimentRunner.Progress.NONE);
        assertEquals("watts-strogatz(300 nodes, k 4, p 0.2, seed 5)", r.network());
        assertEquals(300, r.graph().nodeCount());
        assertEquals(600, r.graph().channelCount());
        ByteArrayOutputStream want = new ByteArrayOutputStream();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        NativeFormat.write(new WattsStrogatzGenerator(WattsStrogatzGenerator.Config.flare(300, 5),
                GenerationProgress.NONE).generate().graph(), want);
        NativeFormat.write(r.graph(), got);
        assertArrayEquals(want.toByteArray(), got.toByteArray());
        assertEquals(2, r.runs().size());
        for (ProtocolRun run : r.runs()) {
            assertEquals(100, run.outcomes().size(), run.protocol());
            assertTrue(run.outcomes().stream().anyMatch(PaymentOutcome::success), run.protocol() + " delivers");
        }
    }

    /**
     * Invariants with churn and the CLoTH latency model: funds conserved on every changed channel after every event,
     * all HTLCs resolved, one outcome per payment. Nothing is asserted between the two protocols' totals: the oracle
     * is not an upper bound over a workload (see {@link #theMaxFlowBoundHoldsPerPayment}).
     */
    @Test
    void invariantsHold(@TempDir Path tmp) throws Exception {
        ExperimentSettings cfg = config(SMALL, "churn.offline_share=0.05", "churn.mean_offline_s=30", "latency.model=cloth");
        ExperimentRunner.Result r = ExperimentRunner.run(cfg, tmp, true, 1, ExperimentRunner.Progress.NONE);
        assertEquals(2, r.runs().size());
        ProtocolRun source = r.runs().get(0);
        ProtocolRun oracle = r.runs().get(1);
        assertEquals(300, source.outcomes().size());
        assertEquals(300, oracle.outcomes().size());
        long ok = source.outcomes().stream().filter(PaymentOutcome::success).count();
        long okOracle = oracle.outcomes().stream().filter(PaymentOutcome::success).count();
        assertTrue(ok > 0 && okOracle > 0, "both deliver something");
        assertTrue(source.outcomes().stream().anyMatch(o -> o.offlineFailures() > 0), "churn caused offline failures");
        // per node, the payment messages add up to the payments' own counts
        long perNode = java.util.Arrays.stream(source.nodes().paymentMessages()).sum()
                + java.util.Arrays.stream(source.nodes().controlMessages()).sum();
        long perPayment = source.outcomes().stream().mapToLong(PaymentOutcome::messages).sum() + source.setupMessages();
        assertEquals(perPayment, perNode);
    }

    /**
     * Beacon under churn and the CLoTH latency model, with invariants checked after every event: one outcome per
     * payment, per-node traffic adding up to the payments' and set-up's counts, a table far smaller than full gossip
     * on every node, and table requests (with their round trips as discovery time) only for payments that needed
     * them. Variants of one protocol run side by side under their labels.
     */
    @Test
    void beaconRunsWithInvariantsAndSmallerState(@TempDir Path tmp) throws Exception {
        ExperimentSettings cfg = config(SMALL, "churn.offline_share=0.05", "churn.mean_offline_s=30", "latency.model=cloth",
                "protocols=[source, beacon, {name: beacon, radius: 1, beacons: 2, label: beacon-r1}]");
        ExperimentRunner.Result r = ExperimentRunner.run(cfg, tmp, true, 2, ExperimentRunner.Progress.NONE);
        assertEquals(List.of("source", "beacon", "beacon-r1"), r.runs().stream().map(ProtocolRun::protocol).toList());
        ProtocolRun source = r.runs().get(0);
        for (ProtocolRun beacon : r.runs().subList(1, 3)) {
            assertEquals(300, beacon.outcomes().size());
            assertTrue(beacon.outcomes().stream().anyMatch(PaymentOutcome::success), beacon.protocol());
            assertEquals(List.of("table_requests"), beacon.paymentColumns());
            // a table never holds more than the whole gossip (plus its beacons' ids), and most hold far less
            long[] sorted = beacon.stateBytes().clone();
            java.util.Arrays.sort(sorted);
            for (int k = 0; k < beacon.stateBytes().length; k++) {
                assertTrue(beacon.stateBytes()[k] <= source.stateBytes()[k] + 33 * 5, "node state within full gossip");
            }
            // on this 1,000-channel network a hub's neighbourhood is most of the graph, so radius 2 only stays below
            // full gossip; radius 1 (own channels and beacon paths) is a small fraction of it
            long limit = beacon.protocol().equals("beacon") ? source.stateBytes()[0] : source.stateBytes()[0] / 10;
            assertTrue(sorted[sorted.length / 2] < limit,
                    beacon.protocol() + " median state " + sorted[sorted.length / 2]);
            for (PaymentOutcome o : beacon.outcomes()) {
                assertEquals(o.columns()[0] == 0, o.discoveryUs() == 0, "discovery time iff table requests");
            }
            long perNode = java.util.Arrays.stream(beacon.nodes().paymentMessages()).sum()
                    + java.util.Arrays.stream(beacon.nodes().controlMessages()).sum();
            long perPayment = beacon.outcomes().stream().mapToLong(PaymentOutcome::messages).sum()
                    + beacon.setupMessages();
            assertEquals(perPayment, perNode);
        }
        // radius 1 holds fewer channels, so more payments must ask for tables
        long asked2 = r.runs().get(1).outcomes().stream().filter(o -> o.columns()[0] > 0).count();
        long asked1 = r.runs().get(2).outcomes().stream().filter(o -> o.columns()[0] > 0).count();
        assertTrue(asked1 > asked2, "radius 1 asks " + asked1 + ", radius 2 asks " + asked2);
    }

    /**
     * Receivers that claim early, with invariants checked: basic-MPP payments that cannot be completed end
     * {@code partial} (the receiver settled some parts), AMP payments never do; neither changes a delivered
     * payment's accounting.
     */
    @Test
    void receiversClaimingEarlySettleMppPartsButNoAmpPart(@TempDir Path tmp) throws Exception {
        ExperimentSettings cfg = config(SMALL, "protocols=[{name: source, split: lnd-halving}, "
                + "{name: source, split: lnd-halving, payment_kind: amp}]", "workload.amount.median_sat=400000",
                "workload.amount.sigma=1.0", "engine.receiver=claims_early");
        ExperimentRunner.Result r = ExperimentRunner.run(cfg, tmp, true, 2, ExperimentRunner.Progress.NONE);
        assertEquals(List.of("source+lnd-halving", "source+lnd-halving+amp"),
                r.runs().stream().map(ProtocolRun::protocol).toList());
        List<PaymentOutcome> mpp = r.runs().get(0).outcomes();
        List<PaymentOutcome> amp = r.runs().get(1).outcomes();
        assertTrue(mpp.stream().anyMatch(PaymentOutcome::partial), "some mpp payment was settled in part");
        assertTrue(amp.stream().noneMatch(PaymentOutcome::partial), "no amp payment was settled in part");
        for (PaymentOutcome o : mpp) {
            assertTrue(o.claimedMsat() < o.payment().amountMsat());
            assertEquals(o.partial(), o.claimedMsat() > 0);
        }
        r.write(tmp, cfg, "test", "lnsim test");
        assertTrue(Files.readString(tmp.resolve(RunOutputs.PAYMENTS)).contains(",partial,"));
        assertTrue(Files.readString(tmp.resolve(RunOutputs.SUMMARY_CSV)).lines().findFirst().orElseThrow()
                .contains("partial_rate"));
    }

    /**
     * Ant routing, plain and selective, in the shared contract: the same config and seed give byte-identical files
     * whatever the threads; with churn, the CLoTH latency model and invariants checked, one outcome per payment,
     * every HTLC resolved, and the per-node control and payment messages add up to the payments' own counts. The
     * selective variant, forwarding to 4 peers, sends fewer seeds than plain flooding.
     */
    @Test
    void antIsDeterministicAndKeepsTheInvariants(@TempDir Path tmp) throws Exception {
        String protocols = "protocols=[{name: ant}, {name: ant.selective, k: 4}]";
        ExperimentSettings cfg = config(SMALL, protocols);
        Path a = runTo(tmp.resolve("a"), cfg, 1, false);
        Path b = runTo(tmp.resolve("b"), cfg, 2, false);
        for (String f : List.of(RunOutputs.PAYMENTS, RunOutputs.NODES, RunOutputs.NODE_STATE, RunOutputs.SUMMARY_CSV,
                RunOutputs.SUMMARY_MD, RunOutputs.MANIFEST)) {
            assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f);
        }
        ExperimentSettings churn = config(SMALL, protocols, "churn.offline_share=0.05", "churn.mean_offline_s=30",
                "latency.model=cloth");
        ExperimentRunner.Result r = ExperimentRunner.run(churn, tmp.resolve("c"), true, 1,
                ExperimentRunner.Progress.NONE);
        assertEquals(List.of("ant", "ant.selective"), r.runs().stream().map(ProtocolRun::protocol).toList());
        long[] seeds = new long[2];
        for (int i = 0; i < 2; i++) {
            ProtocolRun run = r.runs().get(i);
            assertEquals(300, run.outcomes().size());
            assertTrue(run.outcomes().stream().filter(PaymentOutcome::success).count() > 150, run.protocol());
            long perNode = java.util.Arrays.stream(run.nodes().paymentMessages()).sum()
                    + java.util.Arrays.stream(run.nodes().controlMessages()).sum();
            long perPayment = run.outcomes().stream().mapToLong(PaymentOutcome::messages).sum() + run.setupMessages();
            assertEquals(perPayment, perNode, run.protocol());
            seeds[i] = run.outcomes().stream().mapToLong(o -> o.columns()[1]).sum();
        }
        assertTrue(seeds[1] < seeds[0] / 2, "selective " + seeds[1] + " vs flooding " + seeds[0]);
    }

    /**
     * Splitters on the same small network and workload, with invariants checked: every part resolves, funds are
     * conserved, and a payment that fails settled no part (the engine checks atomicity when it ends a payment).
     * The split protocols are named base+splitter and their parts show in the outcomes.
     */
    @Test
    void splittersRunWithInvariantsAndAtomicity(@TempDir Path tmp) throws Exception {
        ExperimentSettings cfg = config(SMALL, "protocols=[{name: source, split: cl}, {name: source, split: lnd-halving}, "
                + "{name: oracle, split: cl-adaptive}, {name: beacon, split: cl}]", "workload.amount.median_sat=200000", "workload.amount.sigma=1.0",
                "analysis.feasibility_bound=true");
        ExperimentRunner.Result r = ExperimentRunner.run(cfg, tmp, true, 2, ExperimentRunner.Progress.NONE);
        assertEquals(List.of("source+cl", "source+lnd-halving", "oracle+cl-adaptive", "beacon+cl"),
                r.runs().stream().map(ProtocolRun::protocol).toList());
        for (ProtocolRun run : r.runs()) {
            assertEquals(300, run.outcomes().size());
            assertTrue(run.outcomes().stream().anyMatch(o -> o.success() && o.parts() > 1),
                    run.protocol() + " delivered some payment in several parts");
        }
        // the bound is computed on the initial balances, each payment alone; over a workload earlier payments move
        // funds (both ways), so it is exact only per payment (theMaxFlowBoundHoldsPerPayment): an empirical slack
        long feasible = r.bound().stream().filter(RunSummary.Bound::feasible).count();
        long oracle = r.runs().get(2).outcomes().stream().filter(PaymentOutcome::success).count();
        assertEquals(300, r.bound().size());
        assertTrue(oracle <= feasible + 15, "oracle+cl-adaptive " + oracle + " vs bound " + feasible);
    }

    /**
     * What is guaranteed per payment (issue 21, defect 12): no scheme delivers a payment whose amount exceeds the
     * max flow from its sender to its receiver over the balances it meets (every path crosses each cut), which is
     * what {@code analysis.feasibility_bound} computes on the initial balances. Each of the first 40 payments of the
     * workload is run alone, so that it meets exactly those balances; every delivery, by source or oracle, is then
     * feasible. Over a whole workload no ordering holds, not even oracle ≥ source: each protocol's deliveries move
     * funds along its own routes, so later payments meet different balances (the case, the 2019-03-09
     * snapshot's first 400 edges and 300 payments: oracle 0.200, source 0.210; each of the 6 payments only source
     * delivered is delivered by the oracle when run alone, and failed in the workload because the oracle's earlier
     * deliveries, e.g. payment 30 still in flight on 5 of the channels payment 37 needed, had taken the liquidity).
     */
    @Test
    void theMaxFlowBoundHoldsPerPayment(@TempDir Path tmp) throws Exception {
        ExperimentSettings cfg = config(SMALL);
        ExperimentRunner.Network net = ExperimentRunner.network(cfg, tmp, ExperimentRunner.Progress.NONE);
        var graph = net.graph();
        var workload = ExperimentRunner.workload(cfg.workload(), graph, tmp,
                cfg.replication().streams(cfg.seed()));
        int delivered = 0;
        int infeasible = 0;
        for (int i = 0; i < 40; i++) {
            var p = workload.get(i);
            Files.writeString(tmp.resolve("one.csv"), "id,sender_id,receiver_id,amount,start_time\n0,"
                    + graph.nodeIdHex(p.sender()) + "," + graph.nodeIdHex(p.receiver()) + "," + p.amountMsat()
                    + ",0\n");
            ExperimentSettings alone = config(SMALL, "workload.trace=one.csv", "analysis.feasibility_bound=true");
            ExperimentRunner.Result r = ExperimentRunner.run(alone, tmp, false, 1, ExperimentRunner.Progress.NONE, net,
                    new ProtocolRegistry.Run(graph, alone.protocols()));
            boolean feasible = r.bound().get(0).feasible();
            infeasible += feasible ? 0 : 1;
            for (ProtocolRun run : r.runs()) {
                boolean ok = run.outcomes().get(0).success();
                delivered += ok ? 1 : 0;
                assertTrue(feasible || !ok, run.protocol() + " delivered payment " + i + ", above its max flow");
            }
        }
        assertTrue(delivered > 0 && infeasible > 0, "both cases occur: " + delivered + " delivered, " + infeasible
                + " infeasible");
    }

    /**
     * Issue 22, item 1: a network file that states balances starts the run with them. A CLoTH folder 0 — 1 — 2, two
     * channels of 1,000 sat = 1,000,000 msat with zero fees, node 0 holding 950,000 msat of channel 0 and node 1
     * 960,000 of channel 1; one payment of 900,000 msat from 0 to 2. With the file's balances each hop can spend
     * 950,000 − 10,000 (the 1% reserve) = 940,000 and 960,000 − 10,000 = 950,000 ≥ 900,000: delivered. Split in half
     * each side holds 500,000 and can spend 490,000 < 900,000: no protocol can deliver it.
     */
    @Test
    void aNetworkFileWithBalancesStartsWithThem(@TempDir Path tmp) throws Exception {
        Path cloth = tmp.resolve("cloth");
        Files.createDirectories(cloth);
        Files.writeString(cloth.resolve("nodes_ln.csv"), "id\n0\n1\n2\n");
        Files.writeString(cloth.resolve("channels_ln.csv"), "id,edge1_id,edge2_id,node1_id,node2_id,capacity\n"
                + "0,0,1,0,1,1000000\n1,2,3,1,2,1000000\n");
        Files.writeString(cloth.resolve("edges_ln.csv"), "id,channel_id,counter_edge_id,from_node_id,to_node_id,"
                + "balance,fee_base,fee_proportional,min_htlc,timelock\n"
                + "0,0,1,0,1,950000,0,0,1000,40\n1,0,0,1,0,50000,0,0,1000,40\n"
                + "2,1,3,1,2,960000,0,0,1000,40\n3,1,2,2,1,40000,0,0,1000,40\n");
        Files.writeString(tmp.resolve("pay.csv"), "id,sender_id,receiver_id,amount,start_time\n0,0,2,900000,0\n");
        String yaml = """
                seed: 3
                network: {file: cloth}
                workload: {trace: pay.csv}
                protocols: [source, oracle]
                """;
        ExperimentSettings auto = config(yaml);
        ExperimentRunner.Network net = ExperimentRunner.network(auto, tmp, ExperimentRunner.Progress.NONE);
        // the run's initial state is the file's, direction by direction (2c leaves node_1)
        var state = auto.engine().balances().initialState(net.graph(), net.balances(), new java.util.SplittableRandom(1));
        long[] want = {950_000, 50_000, 960_000, 40_000};
        for (int e = 0; e < 4; e++) {
            assertEquals(want[e], state.balance(e), "direction " + e);
        }
        for (String split : List.of("auto", "file", "half")) {
            ExperimentSettings cfg = config(yaml, "balances.split=" + split);
            ExperimentRunner.Result r = ExperimentRunner.run(cfg, tmp, true, 1, ExperimentRunner.Progress.NONE);
            boolean fromFile = !split.equals("half");
            assertEquals(fromFile ? "file" : "half", r.balances());
            for (ProtocolRun run : r.runs()) {
                assertEquals(fromFile, run.outcomes().get(0).success(), split + ": " + run.protocol());
            }
            Path out = tmp.resolve("run-" + split);
            r.write(out, cfg, "test", "lnsim test");
            String manifest = Files.readString(out.resolve(RunOutputs.MANIFEST));
            assertTrue(manifest.contains("\"initial_balances\" : \"" + (fromFile ? "file" : "half") + "\""), manifest);
            assertEquals(fromFile, Files.readString(out.resolve(RunOutputs.SUMMARY_MD))
                    .contains("; initial balances from the file"), split);
        }
    }

    /** {@code balances.split: file} on a network that states no balances is a configuration error naming the key. */
    @Test
    void fileBalancesOnAGeneratedNetworkAreRefused(@TempDir Path tmp) throws Exception {
        ExperimentSettings cfg = config("""
                network: {generate: {model: watts-strogatz, nodes: 40}}
                workload: {payments: 5}
                balances: {split: file}
                """);
        ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
                () -> ExperimentRunner.run(cfg, tmp, false, 1, ExperimentRunner.Progress.NONE));
        assertEquals("balances.split", e.key());
        assertTrue(e.getMessage().contains("this network states none"), e.getMessage());
        // auto on the same network draws uniform balances, as before there was a choice
        ExperimentRunner.Result r = ExperimentRunner.run(config("""
                network: {generate: {model: watts-strogatz, nodes: 40}}
                workload: {payments: 5}
                """), tmp, false, 1, ExperimentRunner.Progress.NONE);
        assertEquals("uniform", r.balances());
    }
}
