package org.lnsim.experiments;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.lnsim.experiments.ConfigSchema.Section;
import org.lnsim.protocols.settings.Key;
import org.lnsim.results.run.RunAnalysis;

/**
 * A resolved experiment configuration, typed: every key checked and defaulted by {@link ConfigSchema#resolve}, so
 * the runner reads fields, never key names. Immutable.
 *
 * @param seed             the master seed: every random stream of the run derives from it
 *                         ({@link org.lnsim.engine.RandomStreams})
 * @param replication      which replication this run is and what replications vary
 * @param network          where the network comes from
 * @param engine           balances, latency, churn and payment rules
 * @param workload         the payments
 * @param feasibilityBound whether to add the max-flow bound ({@code analysis.feasibility_bound})
 * @param analysis         windows.csv's window and the summary's warm-up ({@code analysis.window_payments},
 *                         {@code analysis.warmup_payments})
 * @param protocols        the protocols to compare, in configuration order
 * @param config           the resolved configuration as a tree, every default filled in: what {@code manifest.json}
 *                         records (and resolves to these settings again); a copy on every call
 */
public record ExperimentSettings(long seed, ReplicationSettings replication, NetworkSettings network,
                                 EngineSettings engine, WorkloadSettings workload, boolean feasibilityBound,
                                 RunAnalysis analysis, List<ProtocolRegistry.Entry> protocols, ObjectNode config) {
    public static final Key<Long> SEED = Key.lng("seed", 1L, Long.MIN_VALUE, Long.MAX_VALUE, "master seed: every "
            + "random stream (network, balances, latency, churn, workload, protocols) derives from it");
    public static final Key<Boolean> FEASIBILITY_BOUND = Key.bool("feasibility_bound", false, "add a 'max-flow "
            + "bound' row: the share of payments some flow over the initial balances could deliver, each on its own");
    public static final Key<Integer> WINDOW_PAYMENTS = Key.integer("window_payments", 1_000, 1, Integer.MAX_VALUE,
            "payments per window of windows.csv (success, attempts, fees per window in workload order, the last "
            + "window partial): whether the run drifts as balances drain");
    public static final Key<Integer> WARMUP_PAYMENTS = Key.integer("warmup_payments", 0, 0, Integer.MAX_VALUE,
            "the first payments of the workload, left out of summary.csv/md (windows.csv keeps them, flagged "
            + "warmup); at least the workload's size leaves the summary's per-payment figures empty");
    static final Section ANALYSIS = new Section("analysis", "figures computed beside the protocols",
            List.of(FEASIBILITY_BOUND, WINDOW_PAYMENTS, WARMUP_PAYMENTS), List.of());

    public ExperimentSettings {
        protocols = List.copyOf(protocols);
        config = config.deepCopy();
    }

    @Override
    public ObjectNode config() {
        return config.deepCopy();
    }
}
