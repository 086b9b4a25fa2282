package org.lnsim.experiments;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.lnsim.engine.RandomStreams;
import org.lnsim.engine.channel.BalanceSplit;
import org.lnsim.engine.channel.ChannelState;
import org.lnsim.engine.htlc.ClothLatency;
import org.lnsim.engine.htlc.CommitmentLatency;
import org.lnsim.engine.htlc.ExponentialChurn;
import org.lnsim.engine.htlc.FixedLatency;
import org.lnsim.engine.htlc.HtlcRelay;
import org.lnsim.engine.htlc.LatencyModel;
import org.lnsim.engine.htlc.NodeAvailability;
import org.lnsim.engine.htlc.ReceiverBehaviour;
import org.lnsim.engine.payment.PaymentEngine;
import org.lnsim.engine.policy.PolicyBeliefs;
import org.lnsim.engine.policy.PolicyChurn;
import org.lnsim.experiments.ConfigSchema.Section;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.generate.ChannelOpenings;
import org.lnsim.network.io.FileBalances;
import org.lnsim.protocols.settings.Key;
import org.lnsim.protocols.settings.Values;

/**
 * What the engine simulates alike for every protocol of a run: the initial balances ({@code balances}: the network
 * file's, or drawn), message
 * delays ({@code latency}), nodes going offline ({@code churn}) and the payment rules ({@code engine}). Defaults are
 * the engine's own constants where it has them. Each part builds its engine object from the run's named streams.
 */
public record EngineSettings(Balances balances, Latency latency, Churn churn, Rules rules, Policies policies) {
    /** The five sections of an experiment configuration this record reads. */
    static EngineSettings from(Values balances, Values latency, Values churn, Values rules, Values policies) {
        return new EngineSettings(Balances.from(balances), Latency.from(latency), Churn.from(churn),
                Rules.from(rules), Policies.from(policies));
    }

    /**
     * {@code policy_updates}: channel_updates that change fees and CLTV deltas during the run, spread by gossip
     * (issue 22; {@link PolicyChurn} has the measurements behind the defaults). Off by default, so that runs of
     * a static network stay as they were.
     */
    public record Policies(boolean enabled, PolicyChurn churn) {
        public static final Key<Boolean> ENABLED = Key.bool("enabled", false, "whether channel policies change during "
                + "the run (then forwarding nodes enforce their current policy and each sender routes on what gossip "
                + "has told it)");
        public static final Key<Double> RATE = Key.dbl("rate_per_direction_per_day",
                PolicyChurn.MEASURED_UPDATES_PER_DIRECTION_PER_DAY, 0, 1e6, "channel_updates per usable direction "
                        + "per day, Poisson (default 0.36: measured on the 2021-04-16 snapshot, keep-alives included)");
        public static final Key<Double> BROADCAST_INTERVAL_S = Key.dbl("broadcast_interval_s",
                PolicyChurn.BROADCAST_INTERVAL_US / 1e6, 0.001, 86_400, "each relay broadcasts the gossip it queued "
                        + "this often (BOLT 7, c-lightning, eclair: 60 s)");
        public static final Key<Double> PER_HOP_DELAY_MS = Key.dbl("per_hop_delay_ms",
                PolicyChurn.PER_HOP_DELAY_US / 1e3, 0, 3_600_000, "delay of a broadcast gossip message per hop");
        public static final Key<Double> FEE_FACTOR_MAX = Key.dbl("fee_factor_max", PolicyChurn.FEE_FACTOR_MAX, 1,
                1e6, "an update multiplies base fee and ppm by a factor log-uniform in [1/this, this]");
        public static final Key<Double> CLTV_CHANGE_SHARE = Key.dbl("cltv_change_share",
                PolicyChurn.CLTV_CHANGE_SHARE, 0, 1, "share of updates that also redraw the CLTV delta from the "
                        + "network's (0.44: measured 2019-01-18 to 2019-05-14)");
        public static final Key<Double> CLOSE_RATE = Key.dbl("close_rate_per_channel_per_day", 0.0, 0, 1e6,
                "channel closes per open channel per day, Poisson (0.0079 was measured between the 2019-01-18 and "
                        + "2019-05-14 snapshots); a closing channel takes no new HTLC, its endpoints know at once, "
                        + "every other node within a block");
        public static final Key<Double> OPEN_RATE = Key.dbl("open_rate_per_channel_per_day", 0.0, 0, 1e3,
                "new channels per open channel per day, Poisson (0.0084 was measured between the 2019-01-18 and "
                        + "2019-05-14 snapshots): each between a payable node and a peer drawn by degree, with a "
                        + "capacity of one of the peer's channels and each end's own policies, funded by the opener; "
                        + "its endpoints use it at once, every other node once gossip brings its announcement");
        static final Section SECTION = new Section("policy_updates", "channel policies that change and channels "
                + "that close and open during the run, with gossip lag (issue 22)", List.of(ENABLED, RATE,
                BROADCAST_INTERVAL_S, PER_HOP_DELAY_MS, FEE_FACTOR_MAX, CLTV_CHANGE_SHARE, CLOSE_RATE, OPEN_RATE),
                List.of());

        static Policies from(Values v) {
            return new Policies(v.get(ENABLED), new PolicyChurn(v.get(RATE), secondsToUs(v.get(BROADCAST_INTERVAL_S)),
                    msToUs(v.get(PER_HOP_DELAY_MS)), v.get(FEE_FACTOR_MAX), v.get(CLTV_CHANGE_SHARE),
                    v.get(CLOSE_RATE), v.get(OPEN_RATE)));
        }

        /** Whether channels open during the run (then the run's network carries a pool of dormant channels). */
        public boolean opens() {
            return enabled && churn.opensPerChannelPerDay() > 0;
        }

        /** Whether any policy changes during the run. */
        public boolean active() {
            return enabled && churn.active();
        }

        /** The run's policy updates and beliefs, drawn from the streams {@code policy_updates} and {@code gossip}. */
        public PolicyBeliefs create(ChannelGraph graph, RandomStreams streams) {
            return create(graph, streams, graph.channelCount());
        }

        /** As {@link #create(ChannelGraph, RandomStreams)}, channels from {@code firstDormant} on opening later. */
        public PolicyBeliefs create(ChannelGraph graph, RandomStreams streams, int firstDormant) {
            if (!active()) {
                return PolicyBeliefs.none(graph);
            }
            return PolicyBeliefs.create(graph, churn, streams.stream("policy_updates"), streams.seedOf("gossip"),
                    firstDormant);
        }
    }

    /**
     * {@code balances}: where the initial balances come from, reserves and HTLC slots (BOLT 2).
     *
     * @param split {@link #AUTO}, {@link #FILE}, or a {@link BalanceSplit} label (a redraw)
     */
    public record Balances(String split, double reserveFraction, int maxAcceptedHtlcs) {
        /** The network file's balances when it states them (a CLoTH CSV folder does), else a uniform draw. */
        public static final String AUTO = "auto";
        /** The network file's balances; a network that states none is bad input. */
        public static final String FILE = "file";
        public static final Key<String> SPLIT = Key.choice("split", AUTO, choices(), "initial balances: auto (the "
                + "network file's when it states them, as CLoTH's CSV does, else uniform), file (the file's; an error "
                + "on a network without balances), or a redraw of node_1's share: uniform in [0, capacity], half, or "
                + "all on a random side");
        public static final Key<Double> RESERVE_FRACTION = Key.dbl("reserve_fraction",
                ChannelState.DEFAULT_RESERVE_FRACTION, 0, 0.99, "channel reserve (BOLT 2), fraction of capacity "
                        + "each side keeps");
        public static final Key<Integer> MAX_ACCEPTED_HTLCS = Key.integer("max_accepted_htlcs",
                ChannelState.DEFAULT_MAX_ACCEPTED_HTLCS, 1, 483, "HTLC slots per direction (BOLT 2)");
        static final Section SECTION = new Section("balances", "the initial balances (the network file's, or each "
                + "capacity split by a draw), reserves and HTLC slots", List.of(SPLIT, RESERVE_FRACTION,
                MAX_ACCEPTED_HTLCS), List.of());

        private static List<String> choices() {
            List<String> c = new java.util.ArrayList<>(List.of(AUTO, FILE));
            Arrays.stream(BalanceSplit.values()).map(BalanceSplit::label).forEach(c::add);
            return List.copyOf(c);
        }

        static Balances from(Values v) {
            return new Balances(v.get(SPLIT), v.get(RESERVE_FRACTION), v.get(MAX_ACCEPTED_HTLCS));
        }

        /**
         * Where a run on a network with {@code fileBalances} (null: the network states none) takes its initial
         * balances: {@link #FILE}, or the label of the split it draws.
         */
        public String source(FileBalances fileBalances) {
            if (split.equals(AUTO)) {
                return fileBalances != null ? FILE : BalanceSplit.UNIFORM.label();
            }
            return split;
        }

        /**
         * Refuses {@link #FILE} on a network that states no balances.
         *
         * @param where the network, for the message (its file, or its generator)
         */
        public void check(FileBalances fileBalances, String where) throws ConfigException {
            if (split.equals(FILE) && fileBalances == null) {
                throw new ConfigException(where, "balances.split", "'file' starts from the balances the network file "
                        + "states, and this network states none (only a CLoTH CSV folder with edges_ln.csv does); "
                        + "choose auto, uniform, half or funder");
            }
        }

        /**
         * The run's initial channel state: the file's balances, or a split drawn from {@code rng} (the
         * {@code balances} stream, not drawn from when the file's are used).
         *
         * @param fileBalances the balances the network file states, or null; must be there for {@link #FILE}
         */
        public ChannelState initialState(ChannelGraph graph, FileBalances fileBalances, SplittableRandom rng) {
            return initialState(graph, fileBalances, rng, ChannelOpenings.none(graph));
        }

        /**
         * As {@link #initialState(ChannelGraph, FileBalances, SplittableRandom)} on a graph with dormant channels
         * ({@code openings}): the channels open at the start get the same balances (the same draws, in channel
         * order), each dormant one is its funder's whole capacity (BOLT 2 {@code open_channel}, no push).
         */
        public ChannelState initialState(ChannelGraph graph, FileBalances fileBalances, SplittableRandom rng,
                                         ChannelOpenings openings) {
            String from = source(fileBalances);
            java.util.function.IntToLongFunction node1;
            if (from.equals(FILE)) {
                if (fileBalances == null) {
                    throw new IllegalStateException("balances.split: file on a network without balances");
                }
                node1 = fileBalances::node1Msat;
            } else {
                BalanceSplit split = BalanceSplit.parse(from);
                node1 = c -> split.node1ShareMsat(graph.capacityMsat(c), rng);
            }
            java.util.function.IntToLongFunction withOpenings = c -> !openings.isDormant(c) ? node1.applyAsLong(c)
                    : openings.funder(c) == graph.node1(c) ? graph.capacityMsat(c) : 0;
            return new ChannelState(graph, withOpenings, reserveFraction, maxAcceptedHtlcs);
        }
    }

    /** {@code latency}: the model of message delays, each building its {@link LatencyModel}. */
    public sealed interface Latency {
        Key<String> MODEL = Key.choice("model", "commitment", List.of("commitment", "cloth", "fixed"), "commitment: "
                + "1.5 RTT per hop each way with a per-channel log-normal RTT; cloth: 100 ms + N(0, 1 ms) per message; "
                + "fixed: the fixed_* values");
        Key<Double> MEDIAN_RTT_MS = Key.dbl("median_rtt_ms", CommitmentLatency.DEFAULT_MEDIAN_RTT_US / 1e3, 0.001,
                Double.POSITIVE_INFINITY, "commitment: median round trip");
        Key<Double> RTT_SIGMA = Key.dbl("rtt_sigma", CommitmentLatency.DEFAULT_SIGMA, 0, 5, "commitment: log-normal "
                + "shape of the round trip");
        Key<Double> BATCH_MS = Key.dbl("batch_ms", CommitmentLatency.DEFAULT_BATCH_US / 1e3, 0,
                Double.POSITIVE_INFINITY, "commitment: commitment batching delay per message (c-lightning 10 ms)");
        Key<Double> OFFLINE_MS = Key.dbl("offline_ms", CommitmentLatency.DEFAULT_OFFLINE_US / 1e3, 0,
                Double.POSITIVE_INFINITY, "commitment and fixed: delay before an offline peer is noticed");
        Key<Double> FIXED_OFFER_MS = Key.dbl("fixed_offer_ms", 100.0, 0, Double.POSITIVE_INFINITY, "fixed: HTLC "
                + "offer per hop");
        Key<Double> FIXED_RESOLVE_MS = Key.dbl("fixed_resolve_ms", 100.0, 0, Double.POSITIVE_INFINITY, "fixed: "
                + "fulfil or fail per hop");
        Key<Double> FIXED_CONTROL_MS = Key.dbl("fixed_control_ms", 50.0, 0, Double.POSITIVE_INFINITY, "fixed: "
                + "control message per hop");
        Key<Boolean> CLOTH_WHOLE_MS = Key.bool("cloth_whole_ms", false, "cloth: truncate each delay to whole ms "
                + "as CLoTH's integer event times do (100 + floor(N(0, 1)) ms, src/htlc.c at e0e4043)");
        Section SECTION = new Section("latency", "message delays", List.of(MODEL, MEDIAN_RTT_MS, RTT_SIGMA, BATCH_MS,
                OFFLINE_MS, FIXED_OFFER_MS, FIXED_RESOLVE_MS, FIXED_CONTROL_MS, CLOTH_WHOLE_MS), List.of());

        /** The model's delays for this run, drawn from the {@code latency} stream where it draws. */
        LatencyModel create(ChannelGraph graph, RandomStreams streams);

        /** Per-channel log-normal round trips, 1.5 RTT per hop each way, commitment batching. */
        record Commitment(long medianRttUs, double rttSigma, long batchUs, long offlineUs) implements Latency {
            @Override
            public LatencyModel create(ChannelGraph graph, RandomStreams streams) {
                return new CommitmentLatency(graph.channelCount(), streams.stream("latency"), medianRttUs, rttSigma,
                        batchUs, offlineUs);
            }
        }

        /** CLoTH's: 100 ms + N(0, 1 ms) per message, truncated to whole ms when {@code wholeMs} (CLoTH's own). */
        record Cloth(boolean wholeMs) implements Latency {
            @Override
            public LatencyModel create(ChannelGraph graph, RandomStreams streams) {
                return new ClothLatency(streams.stream("latency"), wholeMs);
            }
        }

        /** Fixed delays per hop. */
        record Fixed(long offerUs, long resolveUs, long offlineUs, long controlUs) implements Latency {
            @Override
            public LatencyModel create(ChannelGraph graph, RandomStreams streams) {
                return new FixedLatency(offerUs, resolveUs, offlineUs, controlUs);
            }
        }

        static Latency from(Values v) {
            return switch (v.get(MODEL)) {
                case "cloth" -> new Cloth(v.get(CLOTH_WHOLE_MS));
                case "fixed" -> new Fixed(msToUs(v.get(FIXED_OFFER_MS)), msToUs(v.get(FIXED_RESOLVE_MS)),
                        msToUs(v.get(OFFLINE_MS)), msToUs(v.get(FIXED_CONTROL_MS)));
                default -> new Commitment(Math.max(1, msToUs(v.get(MEDIAN_RTT_MS))), v.get(RTT_SIGMA),
                        msToUs(v.get(BATCH_MS)), msToUs(v.get(OFFLINE_MS)));
            };
        }
    }

    /**
     * {@code churn}: nodes going offline and back, exponential on/off periods.
     *
     * @param offlineShare long-run share of time a node is offline; 0: every node always online
     */
    public record Churn(double offlineShare, double meanOfflineS) {
        public static final Key<Double> OFFLINE_SHARE = Key.dbl("offline_share", 0.0, 0, 0.99, "long-run share of "
                + "time a node is offline");
        public static final Key<Double> MEAN_OFFLINE_S = Key.dbl("mean_offline_s", 600.0, 0.001,
                Double.POSITIVE_INFINITY, "mean length of an offline period");
        static final Section SECTION = new Section("churn", "nodes going offline and back (exponential on/off "
                + "periods)", List.of(OFFLINE_SHARE, MEAN_OFFLINE_S), List.of());

        static Churn from(Values v) {
            return new Churn(v.get(OFFLINE_SHARE), v.get(MEAN_OFFLINE_S));
        }

        /** Who is online when, seeded by the {@code churn} stream's seed. */
        public NodeAvailability availability(int nodes, RandomStreams streams) {
            return offlineShare == 0 ? NodeAvailability.ALWAYS_ONLINE
                    : new ExponentialChurn(nodes, offlineShare, meanOfflineS * 1e6, streams.seedOf("churn"));
        }
    }

    /** {@code engine}: the payment rules the engine enforces for every protocol. */
    public record Rules(long timeoutUs, int maxAttempts, long mppTimeoutUs, ReceiverBehaviour receiver) {
        public static final Key<Double> TIMEOUT_S = Key.dbl("timeout_s", PaymentEngine.Limits.DEFAULT.timeoutUs() / 1e6,
                0.001, Double.POSITIVE_INFINITY, "no attempt starts later than this after arrival (c-lightning "
                        + "retry_for, lnd, CLoTH: 60 s)");
        public static final Key<Integer> MAX_ATTEMPTS = Key.integer("max_attempts",
                PaymentEngine.Limits.DEFAULT.maxAttempts(), 1, 1_000_000, "attempts (parts included) per payment: a "
                        + "safety cap (the implementations bound a payment by time only)");
        public static final Key<Double> MPP_TIMEOUT_S = Key.dbl("mpp_timeout_s", HtlcRelay.DEFAULT_MPP_TIMEOUT_US / 1e6,
                0.001, Double.POSITIVE_INFINITY, "how long a receiver holds an incomplete multi-part set (BOLT 4: at "
                        + "least 60 s)");
        public static final Key<String> RECEIVER = Key.choice("receiver", ReceiverBehaviour.HONEST.label(),
                Arrays.stream(ReceiverBehaviour.values()).map(ReceiverBehaviour::label).toList(), "what receivers do "
                        + "with parts of an incomplete multi-part payment: hold them (BOLT 4), or settle every part "
                        + "they can at once — all mpp parts, no amp part (outcome 'partial')");
        static final Section SECTION = new Section("engine", "payment rules the engine enforces for every protocol",
                List.of(TIMEOUT_S, MAX_ATTEMPTS, MPP_TIMEOUT_S, RECEIVER), List.of());

        static Rules from(Values v) {
            return new Rules(secondsToUs(v.get(TIMEOUT_S)), v.get(MAX_ATTEMPTS), secondsToUs(v.get(MPP_TIMEOUT_S)),
                    ReceiverBehaviour.valueOf(v.get(RECEIVER).toUpperCase(java.util.Locale.ROOT)));
        }

        public PaymentEngine.Limits limits() {
            return new PaymentEngine.Limits(timeoutUs, maxAttempts);
        }
    }

    static long secondsToUs(double seconds) {
        return Math.round(seconds * 1e6);
    }

    static long msToUs(double ms) {
        return Math.round(ms * 1e3);
    }
}
