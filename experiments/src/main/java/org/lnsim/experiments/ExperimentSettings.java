package org.lnsim.experiments;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.lnsim.experiments.ConfigSchema.Section;
import org.lnsim.protocols.settings.Key;

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
 * @param protocols        the protocols to compare, in configuration order
 * @param config           the resolved configuration as a tree, every default filled in: what {@code manifest.json}
 *                         records (and resolves to these settings again); a copy on every call
 */
public record ExperimentSettings(long seed, ReplicationSettings replication, NetworkSettings network, EngineSettings engine, WorkloadSettings workload,
                                 boolean feasibilityBound, List<ProtocolRegistry.Entry> protocols, ObjectNode config) {
    public static final Key<Long> SEED = Key.lng("seed", 1L, Long.MIN_VALUE, Long.MAX_VALUE, "master seed: every "
            + "random stream (network, balances, latency, churn, workload, protocols) derives from it");
    public static final Key<Boolean> FEASIBILITY_BOUND = Key.bool("feasibility_bound", false, "add a 'max-flow "
            + "bound' row: the share of payments some flow over the initial balances could deliver, each on its own");
    static final Section ANALYSIS = new Section("analysis", "figures computed beside the protocols",
            List.of(FEASIBILITY_BOUND), List.of());

    public ExperimentSettings {
        protocols = List.copyOf(protocols);
        config = config.deepCopy();
    }

    @Override
    public ObjectNode config() {
        return config.deepCopy();
    }
}
