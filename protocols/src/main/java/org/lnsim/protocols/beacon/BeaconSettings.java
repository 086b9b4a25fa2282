package org.lnsim.protocols.beacon;

import java.util.Arrays;
import java.util.List;
import org.lnsim.network.ChannelGraph;
import org.lnsim.protocols.multipart.SplitSettings;
import org.lnsim.protocols.settings.Key;
import org.lnsim.protocols.settings.ProtocolSettings;
import org.lnsim.protocols.settings.ProtocolSpec;
import org.lnsim.protocols.settings.SharedWork;
import org.lnsim.protocols.settings.Values;
import org.lnsim.protocols.source.PayLoopProtocol;
import org.lnsim.protocols.source.PayPolicy;

/**
 * {@code beacon}'s settings: the pay policy and splitter it shares with {@code source}, and Flare's
 * {@link BeaconRouting.Options}, whose keys are declared here with {@link BeaconRouting.Options#DEFAULT}'s values
 * (the prototype's). Beacon paths are work the run shares ({@link #paths()}): one computation per beacon distance
 * serves every variant with at most as many beacons as the most demanding.
 *
 * @param pay     c-lightning's pay loop settings
 * @param split   multi-part splitting
 * @param options Flare's settings
 */
public record BeaconSettings(PayPolicy pay, SplitSettings split, BeaconRouting.Options options)
        implements ProtocolSettings {
    public static final BeaconSettings DEFAULT = new BeaconSettings(PayPolicy.C_LIGHTNING, SplitSettings.NONE,
            BeaconRouting.Options.DEFAULT);
    private static final BeaconRouting.Options D = BeaconRouting.Options.DEFAULT;

    public static final Key<Integer> RADIUS = Key.integer("radius", D.radius(), 1, 100, "table radius r in hops: "
            + "every channel on a path of at most r hops from the node (Flare prototype 2)");
    public static final Key<Integer> BEACONS = Key.integer("beacons", D.beacons(), 0, 1_000, "beacons per node: the "
            + "nodes XOR-closest to its id (Flare prototype 5)");
    public static final Key<Integer> MAX_BEACON_DISTANCE = Key.integer("max_beacon_distance",
            D.maxBeaconDistance(), 1, 1_000_000, "hops within which beacons are sought (Flare MAX_BEACON_DISTANCE "
                    + "100)");
    public static final Key<Integer> MAX_TABLE_REQUESTS = Key.integer("max_table_requests", D.maxTableRequests(), 0,
            1_000, "tables a sender may ask for when it finds no route, XOR-closest to the receiver first");
    public static final Key<String> CANDIDATE_RANKING = Key.choice("candidate_ranking", D.ranking().label(),
            Arrays.stream(BeaconRouting.Ranking.values()).map(BeaconRouting.Ranking::label).toList(), "cost: the "
                    + "hybrid router's cheapest route; probability: Flare's, the most likely of 3 candidates "
                    + "(product of (capacity - amount) / capacity)");
    public static final Key<Double> UPDATE_RATE = Key.dbl("update_rate_per_channel_per_day",
            D.updatesPerChannelPerDay(), 0, 1e6, "channel_update churn; an update reaches the nodes whose table "
                    + "holds the channel");

    /** {@code beacon} as an experiment names it: the pay-loop keys, then Flare's. */
    public static final ProtocolSpec<BeaconSettings> SPEC = new ProtocolSpec<>(BeaconRouting.NAME,
            "Flare beacon routing: tables of radius r plus paths to XOR-closest beacons; the source router over "
                    + "the sender's and receiver's tables", PayLoopProtocol.keys(List.of(RADIUS, BEACONS,
            MAX_BEACON_DISTANCE, MAX_TABLE_REQUESTS, CANDIDATE_RANKING, UPDATE_RATE)), BeaconSettings::from);

    public BeaconSettings {
        if (pay == null || split == null || options == null) {
            throw new IllegalArgumentException("beacon settings: a pay policy, split settings and options needed");
        }
    }

    public static BeaconSettings from(Values v) {
        return new BeaconSettings(PayPolicy.from(v), SplitSettings.from(v), new BeaconRouting.Options(v.get(RADIUS),
                v.get(BEACONS), v.get(MAX_BEACON_DISTANCE), v.get(MAX_TABLE_REQUESTS),
                BeaconRouting.Ranking.valueOf(v.get(CANDIDATE_RANKING).toUpperCase(java.util.Locale.ROOT)),
                v.get(UPDATE_RATE)));
    }

    @Override
    public String variant() {
        return split.variant();
    }

    /** The router, and the beacon paths for this entry's beacon distance and count. */
    @Override
    public List<SharedWork<?>> sharedWork() {
        return List.of(PayLoopProtocol.ROUTER, paths());
    }

    /** The beacon paths this entry needs, as work shared with the run's other beacon entries. */
    public SharedPaths paths() {
        return new SharedPaths(options.maxBeaconDistance(), options.beacons());
    }

    /**
     * Every node's paths to its beacons within {@code maxBeaconDistance} hops: one breadth-first search per node
     * (minutes at 1M channels). Entries with the same distance share one computation, for the most beacons any of
     * them keeps (a node's closest b beacons are the first b of its closest b' &gt; b).
     */
    public record SharedPaths(int maxBeaconDistance, int beacons) implements SharedWork<BeaconPaths> {
        private record Distance(int maxBeaconDistance) {
        }

        @Override
        public Object key() {
            return new Distance(maxBeaconDistance);
        }

        @Override
        public SharedWork<BeaconPaths> merge(SharedWork<BeaconPaths> other) {
            SharedPaths o = (SharedPaths) other;
            return o.beacons > beacons ? o : this;
        }

        @Override
        public BeaconPaths compute(ChannelGraph graph) {
            return new BeaconPaths(graph, beacons, maxBeaconDistance);
        }
    }
}
