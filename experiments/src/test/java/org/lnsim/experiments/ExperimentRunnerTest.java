package org.lnsim.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lnsim.engine.payment.PaymentOutcome;
import org.lnsim.results.run.ProtocolRun;
import org.lnsim.results.run.RunSummary;

class ExperimentRunnerTest {
    /** A 1,000-channel generated network, 300 payments, both protocols; small enough for a unit test. */
    private static final String SMALL = """
            seed: 7
            network: {generate: {channels: 1000, max_channels: 200}}
            workload: {payments: 300, rate_per_s: 20, amount: {distribution: lognormal, median_sat: 20000, sigma: 1.5}}
            """;

    private static ObjectNode config(String yaml, String... overrides) throws Exception {
        ObjectNode tree = (ObjectNode) Configs.yaml().readTree(yaml);
        ConfigSchema.applyOverrides(tree, List.of(overrides), Configs.yaml());
        return ConfigSchema.resolve(tree, "test");
    }

    private static Path runTo(Path dir, ObjectNode cfg, int threads, boolean check) throws Exception {
        ExperimentRunner.Result r = ExperimentRunner.run(cfg, dir, check, threads, ExperimentRunner.Progress.NONE);
        RunOutputs.write(dir, cfg, "test", "lnsim test", r);
        return dir;
    }

    /** Same config and seed: payments.csv, summary.csv, summary.md and manifest.json are byte-identical, also
     *  across thread counts (each protocol's simulation is independent of the others). */
    @Test
    void sameConfigAndSeedGiveIdenticalFilesWhateverTheThreads(@TempDir Path tmp) throws Exception {
        ObjectNode cfg = config(SMALL);
        Path a = runTo(tmp.resolve("a"), cfg, 1, false);
        Path b = runTo(tmp.resolve("b"), cfg, 2, false);
        for (String f : List.of(RunOutputs.PAYMENTS, RunOutputs.NODES, RunOutputs.SUMMARY_CSV, RunOutputs.SUMMARY_MD,
                RunOutputs.MANIFEST)) {
            assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f);
        }
        assertEquals(1 + 2 * 300, Files.readAllLines(a.resolve(RunOutputs.PAYMENTS)).size());
        Path c = runTo(tmp.resolve("c"), config(SMALL, "seed=8"), 1, false);
        assertTrue(!Files.readString(a.resolve(RunOutputs.PAYMENTS)).equals(Files.readString(c.resolve(RunOutputs.PAYMENTS))));
    }

    /**
     * Invariants with every protocol, churn and the CLoTH latency model: funds conserved on every changed channel
     * after every event, all HTLCs resolved, one outcome per payment; and the oracle, which routes on true balances,
     * delivers at least as many payments as the baseline on the same workload.
     */
    @Test
    void invariantsHoldAndTheOracleBoundsTheBaseline(@TempDir Path tmp) throws Exception {
        ObjectNode cfg = config(SMALL, "churn.offline_share=0.05", "churn.mean_offline_s=30", "latency.model=cloth");
        ExperimentRunner.Result r = ExperimentRunner.run(cfg, tmp, true, 1, ExperimentRunner.Progress.NONE);
        assertEquals(2, r.runs().size());
        ProtocolRun source = r.runs().get(0);
        ProtocolRun oracle = r.runs().get(1);
        assertEquals(300, source.outcomes().size());
        assertEquals(300, oracle.outcomes().size());
        long ok = source.outcomes().stream().filter(PaymentOutcome::success).count();
        long okOracle = oracle.outcomes().stream().filter(PaymentOutcome::success).count();
        assertTrue(ok > 0, "the baseline delivers something");
        assertTrue(okOracle >= ok, "oracle " + okOracle + " < source " + ok);
        assertTrue(source.outcomes().stream().anyMatch(o -> o.offlineFailures() > 0), "churn caused offline failures");
        // per node, the payment messages add up to the payments' own counts
        long perNode = java.util.Arrays.stream(source.nodes().paymentMessages()).sum()
                + java.util.Arrays.stream(source.nodes().controlMessages()).sum();
        long perPayment = source.outcomes().stream().mapToLong(PaymentOutcome::messages).sum() + source.setupMessages();
        assertEquals(perPayment, perNode);
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
        ObjectNode cfg = config(SMALL, protocols);
        Path a = runTo(tmp.resolve("a"), cfg, 1, false);
        Path b = runTo(tmp.resolve("b"), cfg, 2, false);
        for (String f : List.of(RunOutputs.PAYMENTS, RunOutputs.NODES, RunOutputs.NODE_STATE, RunOutputs.SUMMARY_CSV,
                RunOutputs.SUMMARY_MD, RunOutputs.MANIFEST)) {
            assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f);
        }
        ObjectNode churn = config(SMALL, protocols, "churn.offline_share=0.05", "churn.mean_offline_s=30",
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
        ObjectNode cfg = config(SMALL, "protocols=[{name: source, split: cl}, {name: source, split: lnd-halving}, "
                + "{name: oracle, split: cl-adaptive}]", "workload.amount.median_sat=200000", "workload.amount.sigma=1.0",
                "analysis.feasibility_bound=true");
        ExperimentRunner.Result r = ExperimentRunner.run(cfg, tmp, true, 2, ExperimentRunner.Progress.NONE);
        assertEquals(List.of("source+cl", "source+lnd-halving", "oracle+cl-adaptive"),
                r.runs().stream().map(ProtocolRun::protocol).toList());
        for (ProtocolRun run : r.runs()) {
            assertEquals(300, run.outcomes().size());
            assertTrue(run.outcomes().stream().anyMatch(o -> o.success() && o.parts() > 1),
                    run.protocol() + " delivered some payment in several parts");
        }
        // the oracle with splitting cannot beat the max-flow bound by more than what payments in flight change
        long feasible = r.bound().stream().filter(RunSummary.Bound::feasible).count();
        long oracle = r.runs().get(2).outcomes().stream().filter(PaymentOutcome::success).count();
        assertEquals(300, r.bound().size());
        assertTrue(oracle <= feasible + 15, "oracle+cl-adaptive " + oracle + " vs bound " + feasible);
    }
}
