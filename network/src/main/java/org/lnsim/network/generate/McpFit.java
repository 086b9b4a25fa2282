package org.lnsim.network.generate;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.lnsim.network.ChannelPolicy;
import org.lnsim.network.io.NetworkFormatException;

/**
 * Everything the Million Channels Project generator takes from a real snapshot (lightning-facts §1.2), as produced by
 * {@link McpFitter} and consumed by {@link McpGenerator}. Serialised as small JSON ({@link #write}, {@link #read}) with
 * a fixed key order, {@code \n} line ends and every real number rounded to {@link #SIGNIFICANT_DIGITS} significant
 * digits, so the same snapshot always gives the same bytes and a fit read back equals the fit written.
 *
 * @param source                    where the fit came from (snapshot file name), for reports
 * @param generatedBy               the command that regenerates this fit
 * @param snapshotChannels          channels in the snapshot
 * @param snapshotNodes             nodes with at least one channel in the snapshot
 * @param snapshotMaxDegree         largest channel count of a snapshot node (for {@code --max-channels default})
 * @param snapshotMaxNodeCapacitySat largest node capacity (sum of its channels) in the snapshot, sat
 *                                  (for {@code --max-funding default}, MCP {@code utility.getMaxNodeFunding})
 * @param degreeLaw                 degree PMF {@code c·(x+b)^−a} fitted by least squares as MCP (§1.2 item 1)
 * @param degreeLawMle              the same law fitted by maximum likelihood of the degrees under the generator's
 *                                  own sampling (see {@link McpFitter#fitDegreeLawMle}); the generator's default
 * @param nodeCapacityLaw           fitted node-capacity law, x in {@code capacityBinSat} units (§1.2 item 2)
 * @param capacityBinSat            bin width of the node-capacity fit, sat (10^6)
 * @param capacityWindowBins        forward sliding-window length of the node-capacity fit, bins (100)
 * @param rankShares                mean share of node capacity in the rank-k channel, k = 0..9 (§1.2 item 3)
 * @param rankNodes                 nodes (≥ 10 channels) the rank properties were measured on
 * @param peerMinusChannelSat       mean (peer total − channel) capacity by rank, sat (§1.2 item 4)
 * @param peerSlopeSatPerRank       slope of the least-squares line through {@code peerMinusChannelSat}
 * @param peerInterceptSat          intercept of that line
 * @param policies                  distinct usable direction policies with counts, most frequent first
 * @param addresses                 node-announcement address kinds with counts (§1.2 item 6)
 * @param nodePolicies              the per-node policy model ({@link NodePolicies}, issue 22), or null in a fit file
 *                                  written before it existed (JSON field {@code node_policies} absent): such a fit
 *                                  still generates with {@link McpGenerator.PolicyMode#DIRECTION} and
 *                                  {@link McpGenerator.PolicyMode#MCP}, and {@link McpGenerator.PolicyMode#NODE}
 *                                  refuses it with a message that says to refit
 * @param topDegrees                the snapshot's largest degrees, descending: one node in {@link McpFitter#TOP_ONE_IN}
 *                                  with channels, rounded up, which {@link
 *                                  McpGenerator.TopologyMode#FITTED} pins instead of drawing them from the degree law
 *                                  (issue 22); null in a fit written before (JSON field {@code top_degrees} absent),
 *                                  which then generates only with {@link McpGenerator.TopologyMode#MCP}
 * @param topHomes                  the home policies ({@link NodePolicies}) of the same top nodes, counted in nodes,
 *                                  most frequent first; offline hubs have none, so it may be empty; null exactly
 *                                  when {@code topDegrees} is. Under {@link McpGenerator.TopologyMode#FITTED} with
 *                                  {@link McpGenerator.PolicyMode#NODE} a generated hub draws its home from it when
 *                                  {@code topRankHomes} has none for it (an offline snapshot hub, or a fit written
 *                                  before {@code topRankHomes}), so that the cheap, low-CLTV homes of small
 *                                  operators do not land on hubs (2019-05-14: 11% of live nodes have a home
 *                                  CLTV ≤ 14, none of the 43 hubs; the largest such node has 135 channels). Matching
 *                                  by rank was tried before and gave 2019 routes of 3.8–4.4 hops against 3.50 (25 of
 *                                  the 43 hubs are one operator's, whose sibling channels carry CLTV 4); with the
 *                                  deviations drawn per home and per kind of peer ({@link NodePolicies.Siblings})
 *                                  it gives 3.3–3.6, so {@code topRankHomes} now decides
 * @param siblings                  where deviating policies sit ({@link NodePolicies.Siblings}); null exactly when
 *                                  {@code topDegrees} is
 * @param topRankHomes              the outward home ({@link NodePolicies#outwardHomeOf}) of each top node, in
 *                                  {@code topDegrees} order (row count 1), null for an offline one; JSON
 *                                  {@code top_rank_homes}, absent in a fit written before it (then null, and the hubs
 *                                  draw from {@code topHomes} as before). Under {@link
 *                                  McpGenerator.TopologyMode#FITTED} generated hub i takes hub i's entry: the
 *                                  snapshot's correlation between a hub's degree and its fee, which a draw loses.
 *                                  2021-04-16: the largest hub charges (1000 msat, 100 ppm, CLTV 144), and 2 of the
 *                                  89 hubs have the one operator's internal (1 msat, 1 ppm, CLTV 18) as their most
 *                                  common policy; drawn from {@code topHomes}, seed 1 gave that cheap, low-CLTV home
 *                                  to its largest hub (1,440 channels), and 45% of the routes' forwarding hops charged it.
 *                                  Outward (towards non-top peers) rather than {@link NodePolicies#homeOf}, because
 *                                  an operator's hub may have more channels to its own hubs than to anyone else, and
 *                                  what it charges them is not what it charges the network (the generated hub's
 *                                  channels to hubs of the same home still deviate as siblings do)
 * @param topPeers                  for each top node, in {@code topDegrees} order, how many of the other top nodes it
 *                                  has a channel with (distinct peers, so at most {@code topDegrees.length − 1} and at
 *                                  most its degree): the snapshot's rich club. JSON {@code top_peers}, absent in a fit
 *                                  written before it (then null, and the hubs are wired as before: peers drawn
 *                                  uniformly from the nodes with room, so that almost none is a hub). Under {@link
 *                                  McpGenerator.TopologyMode#FITTED} the generator wires the hubs among themselves
 *                                  first, hub i to {@code topPeers[i]} others ({@link McpGenerator#corePeers}), then
 *                                  the rest as MCP. Why: real hubs open channels to each other (2021-04-16: 14% of the
 *                                  89 hubs' distinct peers are hubs, 20% of their channel ends; 2019-05-14: 7% and
 *                                  12%; 2026-02-03: 25% and 28%), where MCP's uniform peer choice gives 2–3%; the
 *                                  hub-to-hub channels carry the hubs' own policies where routes pass
 * @param topShareByClass           for the nodes outside the top ones, by {@link NodePolicies#DEGREE_CLASS_MIN}
 *                                  class of their degree, the share of their channel ends whose peer is a top node
 *                                  (a class without such nodes takes the share of the class below it, 0 for the
 *                                  first); JSON {@code top_share_by_class}, absent in a fit written before it (then
 *                                  null: no quotas, hubs draw their peers uniformly among the nodes with room).
 *                                  Under {@link McpGenerator.TopologyMode#FITTED} each non-hub node gets that share
 *                                  of its channels as a quota of hub peers ({@link McpGenerator#hubQuotas}), and the
 *                                  hubs draw their peers among the nodes with quota left first. Why: MCP's order
 *                                  (largest first, peers uniform among nodes with room) lets the hubs fill almost
 *                                  every small node (generated: 96–100% of degree-1 nodes' channels go to a hub;
 *                                  the snapshots': 54% in 2019-05-14 and 2026-02-03, 72% in 2021-04-16) and starves
 *                                  the 20–99 channel nodes (generated 27–42%, snapshots 37–47%); a small node hung
 *                                  on a hub is one hop closer to everyone, and the hubs' fees sit on more routes
 * @param classHomesBelowTop        the home policies of the live nodes outside the top ones, by {@link
 *                                  NodePolicies#DEGREE_CLASS_MIN} class of their degree (counted in nodes, most
 *                                  frequent first; a class may be empty); JSON {@code class_homes_below_top}, an
 *                                  object keyed by the class's smallest degree, absent in a fit written before it
 *                                  (then null: non-hub nodes draw from {@link NodePolicies.DegreeClass#homes()} as
 *                                  before). Under {@link McpGenerator.TopologyMode#FITTED} the hubs take their rank
 *                                  homes, so the other nodes draw from these tables (from the class's own table when
 *                                  this one is empty). Why: a class's homes count the hubs too; in 2019-05-14 25 of
 *                                  the 94 live nodes with 100 or more channels have one operator's home (0, 250 ppm,
 *                                  CLTV 30), all 25 of them hubs, so a generated non-hub node with 100 or more
 *                                  channels drew that home 27% of the time where the snapshot's never has it, and
 *                                  the operator's mesh (base 0, 1 ppm, CLTV 4 among its nodes) grew to carry a
 *                                  quarter of the routes' forwarding hops, which leave it at 250 ppm
 * @param capacityByClass           the snapshot's channel capacities in sat, by {@link NodePolicies#DEGREE_CLASS_MIN}
 *                                  class of the channel's smaller end (the end with fewer channels): per class the
 *                                  {@value #CAPACITY_QUANTILES} + 1 quantiles at 0, 1/{@value #CAPACITY_QUANTILES},
 *                                  …, 1 ({@link McpFitter#capacityByClass}), non-decreasing, each at least 1 sat; an
 *                                  empty array for a class without channels. JSON {@code capacity_by_class}, an
 *                                  object keyed by the class's smallest degree, absent in a fit written before it
 *                                  (then null, and the capacities come from MCP's node-capacity law and rank shares,
 *                                  steps 3–5, as before). Under {@link McpGenerator.TopologyMode#FITTED} each
 *                                  channel draws its capacity from its class's quantiles instead ({@link
 *                                  McpGenerator#fittedCapacities}). Why (issue 22, gap 1): MCP's steps give channels
 *                                  far larger than the snapshots' (at 2026-02-03's size 1.1% of the generated
 *                                  channels between nodes with 2 or more channels are below 500,000 sat, the
 *                                  snapshot's 24%; of the channels of one-channel nodes that can be paid, 8.5%
 *                                  below 50,000 sat against 49%), so with balances split uniformly a payment of
 *                                  10,000 sat almost never meets a channel too empty to forward it: the generated
 *                                  2026 networks delivered 0.90–0.93 of the payments where the snapshot delivers
 *                                  0.76, its failures being mostly a last hop into a one-channel receiver without
 *                                  the balance (50 of the 121 failed payments of 500 at seed 1, generated: 14 of 45)
 * @param topLeafPeers              for each top node, in {@code topDegrees} order, {@code [one-channel peers, live
 *                                  ones]}: how many of its peers have no other channel, and how many of those are
 *                                  live (have a usable direction, {@link NodePolicies}); each row {@code 0 ≤ live ≤
 *                                  peers ≤ degree}. JSON {@code top_leaf_peers}, absent in a fit written before it
 *                                  (then null: one-channel nodes reach the hubs through the class quota of {@code
 *                                  topShareByClass} and go offline with their class's share, as before). Under {@link
 *                                  McpGenerator.TopologyMode#FITTED} hub i first takes its share {@code peers /
 *                                  degree} of its channels to one-channel nodes (the class-1 quota is then not
 *                                  drawn), and a one-channel node on hub i is live with probability {@code live /
 *                                  peers} (one elsewhere with the rest of its class's live share). Why (issue 22, 2026's
 *                                  fee p99): in the snapshots a few hubs hold most one-channel nodes, and their
 *                                  liveness is the hub's (2026-02-03: ranks 6 and 7, LSP-like, have 1,068 of 1,088 and
 *                                  899 of 931 channels to one-channel nodes, 45% and 81% of them live; rank 2 has 600,
 *                                  8% live), so 1,692 of the 2,535 payable one-channel nodes hang on the 10 largest
 *                                  hubs, 90% of whose home directions into them charge 5,001-10,000 msat on 10,000
 *                                  sat; with the class quota every hub took about a third of its channels to them and
 *                                  a third of those were live: 952 on the 10 largest hubs, 449 on ranks 11-50 against
 *                                  140, where the dearer homes are, and fee p99 was 37-80% above the snapshot's
 * @param topRankPolicies           for each top node, in {@code topDegrees} order, its usable outward policies towards
 *                                  peers that are not top nodes, one policy table per degree class of the peer
 *                                  ({@link NodePolicies#DEGREE_CLASS_MIN}; rows counted in directions, most frequent
 *                                  first; a class without such a direction has an empty table, an offline top node
 *                                  has only empty tables). JSON {@code top_rank_policies}, absent in a fit written
 *                                  before it (then null: a hub's directions to non-hub peers take its home or a
 *                                  deviation drawn by home, {@link NodePolicies.Siblings}). Under {@link
 *                                  McpGenerator.TopologyMode#FITTED} generated hub i draws each direction towards a
 *                                  non-hub peer from snapshot hub i's table for that peer's degree class (from all
 *                                  its tables together when that one is empty). Why (issue 22): a hub's fees depend
 *                                  on whom it charges. Drawn by home, its deviations were the pooled ones of every
 *                                  node sharing its home, so the middle of the generated routes was cheaper than the
 *                                  snapshots': 2021-04-16, 5,000 payments of 10,000 sat, hops forwarded by hubs of
 *                                  rank 11-50 before the last hop charged 1,577 msat on average in the snapshot,
 *                                  633 generated (seed 1). Cheap directions to well-connected peers are what a router
 *                                  finds, so the table is kept per peer class, not pooled: pooled per hub (one-channel
 *                                  peers apart) the 2019-05-14 medians fell to 103-150 ppm at 500 payments. The
 *                                  directions between hubs keep the pair tables of {@code siblings}: drawn per rank
 *                                  as well, they put the snapshots' cheap links between one operator's hubs on any
 *                                  two hubs, and the medians fell to 86-122 ppm in 2019 and 2021
 * @param topLinks                  the channels among the top nodes: one {@link TopLink} per pair of top nodes with
 *                                  at least one channel (parallel channels: the first in the node's channel order),
 *                                  by rank in {@code topDegrees} order, with the policy of each direction (null when
 *                                  unusable). JSON {@code top_links}, absent in a fit written before it (then null:
 *                                  the hubs are wired by {@code topPeers} counts to random other hubs, their
 *                                  directions drawn by home and pair). Under {@link McpGenerator.TopologyMode#FITTED}
 *                                  the generated hubs are wired as the snapshot's hubs of their ranks are, among the
 *                                  ranks the generated network pins, each channel with the snapshot's two policies.
 *                                  Why (issue 22): the snapshots' cheap links between hubs join one operator's nodes
 *                                  (2021-04-16: the (1 msat, 1 ppm, CLTV 18) links); drawn per pair of homes onto
 *                                  random hub pairs, they became a cheap backbone. Generated routes then forwarded
 *                                  from a rank 11-50 hub to another hub 0.55 times per payment (the snapshot: 0.13),
 *                                  and 2021's medians fell to 112-131 ppm (the snapshot: 161) once the hubs' own
 *                                  policies were per rank; with the links copied, 121-161
 * @param bodyDegrees               the snapshot's degrees below the top nodes ({@code topDegrees}): {@code [degree,
 *                                  nodes]} rows, degrees strictly ascending from 1 up, none above the smallest top
 *                                  degree, node counts ≥ 1 ({@link McpFitter#bodyDegrees}). JSON {@code body_degrees},
 *                                  absent in a fit written before it (then null: the degrees below the hubs are
 *                                  drawn from the degree law, as before). Under {@link
 *                                  McpGenerator.TopologyMode#FITTED} every degree the generator does not pin is drawn
 *                                  from these rows, and above their largest degree from the law ({@link BodyDegrees}
 *                                  says how, at any size, and why: the law's body is not 2019-05-14's)
 */
public record McpFit(String source, String generatedBy, long snapshotChannels, long snapshotNodes,
                     int snapshotMaxDegree, long snapshotMaxNodeCapacitySat, PowerLaw degreeLaw,
                     PowerLaw degreeLawMle, PowerLaw nodeCapacityLaw, long capacityBinSat, int capacityWindowBins, double[] rankShares,
                     int rankNodes, double[] peerMinusChannelSat, double peerSlopeSatPerRank, double peerInterceptSat,
                     List<PolicyEntry> policies, List<AddressEntry> addresses, NodePolicies nodePolicies,
                     int[] topDegrees, List<PolicyEntry> topHomes, NodePolicies.Siblings siblings,
                     List<PolicyEntry> topRankHomes, int[] topPeers, double[] topShareByClass,
                     List<List<PolicyEntry>> classHomesBelowTop, long[][] capacityByClass,
                     int[][] topLeafPeers, List<List<List<PolicyEntry>>> topRankPolicies, List<TopLink> topLinks,
                     int[][] bodyDegrees) {

    /** Format tag in the JSON. */
    public static final String FORMAT = "lnsim-mcp-fit";
    public static final int VERSION = 1;
    /** Real numbers are stored with this many significant digits (far below any fit's uncertainty). */
    public static final int SIGNIFICANT_DIGITS = 12;
    /** Ranks of the in-node capacity properties (lightning-facts §1.2 item 3). */
    public static final int RANKS = 10;
    /** Quantile steps of {@link #capacityByClass} per class: its rows hold this many + 1 values (percentiles). */
    public static final int CAPACITY_QUANTILES = 100;
    /** {@link PolicyEntry#htlcMaxMsat()} code: the update carries no {@code htlc_maximum_msat}. */
    public static final long HTLC_MAX_NONE = ChannelPolicy.NO_HTLC_MAXIMUM;
    /** {@link PolicyEntry#htlcMaxMsat()} code: {@code htlc_maximum_msat} equals the channel's capacity. */
    public static final long HTLC_MAX_CAPACITY = -2;
    /** Address kind of a node without {@code node_announcement}. */
    public static final String KIND_NOT_ANNOUNCED = "none";
    /** Address kind of a node announced with an empty address list. */
    public static final String KIND_NO_ADDRESS = "no_address";

    /**
     * One distinct usable direction policy and how many snapshot directions carry it.
     *
     * @param htlcMaxMsat {@code htlc_maximum_msat} semantics: {@link #HTLC_MAX_NONE} (absent),
     *                    {@link #HTLC_MAX_CAPACITY} (equal to the channel capacity, which lnd and CLN announce by
     *                    default), otherwise an absolute msat value that the generator caps at the generated
     *                    channel's capacity
     */
    public record PolicyEntry(long feeBaseMsat, long feePpm, int cltvDelta, long htlcMinMsat, long htlcMaxMsat,
                              long count) {
        public PolicyEntry {
            new ChannelPolicy(feeBaseMsat, feePpm, cltvDelta, htlcMinMsat, Math.max(htlcMaxMsat, -1), false);
            if (htlcMaxMsat < HTLC_MAX_CAPACITY) {
                throw new IllegalArgumentException("bad htlc_max code " + htlcMaxMsat);
            }
            if (count <= 0) {
                throw new IllegalArgumentException("policy count must be positive: " + count);
            }
        }
    }

    /**
     * One address kind: {@link #KIND_NOT_ANNOUNCED}, {@link #KIND_NO_ADDRESS}, or the node's distinct address types
     * in {@link org.lnsim.network.AddressType} order, lower case, joined by {@code +} (e.g. {@code ipv4+torv3}).
     */
    public record AddressEntry(String kind, long count) {
        public AddressEntry {
            if (kind == null || kind.isEmpty()) {
                throw new IllegalArgumentException("address kind is required");
            }
            if (count <= 0) {
                throw new IllegalArgumentException("address count must be positive: " + count);
            }
        }
    }

    public McpFit {
        if (rankShares.length != RANKS || peerMinusChannelSat.length != RANKS) {
            throw new IllegalArgumentException("rank tables must have " + RANKS + " entries");
        }
        if (policies.isEmpty()) {
            throw new IllegalArgumentException("the fit has no usable policies");
        }
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("the fit has no address kinds");
        }
        rankShares = rankShares.clone();
        peerMinusChannelSat = peerMinusChannelSat.clone();
        if ((topDegrees == null) != (topHomes == null) || (topDegrees == null) != (siblings == null)) {
            throw new IllegalArgumentException("top_degrees, top_homes and siblings come together");
        }
        if (topHomes != null) {
            topHomes = List.copyOf(topHomes);
            if (topHomes.stream().mapToLong(PolicyEntry::count).sum() > topDegrees.length) {
                throw new IllegalArgumentException("top_homes counts more nodes than top_degrees has");
            }
        }
        if (topRankHomes != null) {
            if (topDegrees == null || topRankHomes.size() != topDegrees.length) {
                throw new IllegalArgumentException("top_rank_homes must have one entry per top_degrees entry ("
                        + (topDegrees == null ? 0 : topDegrees.length) + "), got " + topRankHomes.size());
            }
            topRankHomes = java.util.Collections.unmodifiableList(new ArrayList<>(topRankHomes));
        }
        if (classHomesBelowTop != null) {
            if (topDegrees == null || classHomesBelowTop.size() != NodePolicies.DEGREE_CLASS_MIN.size()) {
                throw new IllegalArgumentException("class_homes_below_top needs top_degrees and one table per degree "
                        + "class (" + NodePolicies.DEGREE_CLASS_MIN.size() + "), got " + classHomesBelowTop.size());
            }
            List<List<PolicyEntry>> copy = new ArrayList<>();
            for (List<PolicyEntry> t : classHomesBelowTop) {
                copy.add(List.copyOf(t));
            }
            classHomesBelowTop = List.copyOf(copy);
        }
        if (capacityByClass != null) {
            capacityByClass = checkCapacities(capacityByClass);
        }
        if (topShareByClass != null) {
            if (topDegrees == null || topShareByClass.length != NodePolicies.DEGREE_CLASS_MIN.size()) {
                throw new IllegalArgumentException("top_share_by_class needs top_degrees and one share per degree "
                        + "class (" + NodePolicies.DEGREE_CLASS_MIN.size() + "), got " + topShareByClass.length);
            }
            topShareByClass = topShareByClass.clone();
            for (int i = 0; i < topShareByClass.length; i++) {
                if (!(topShareByClass[i] >= 0 && topShareByClass[i] <= 1)) {
                    throw new IllegalArgumentException("top_share_by_class[" + i + "] must be a share in [0, 1], got "
                            + topShareByClass[i]);
                }
            }
        }
        if (topPeers != null) {
            if (topDegrees == null || topPeers.length != topDegrees.length) {
                throw new IllegalArgumentException("top_peers must have one entry per top_degrees entry ("
                        + (topDegrees == null ? 0 : topDegrees.length) + "), got " + topPeers.length);
            }
            topPeers = topPeers.clone();
            for (int i = 0; i < topPeers.length; i++) {
                if (topPeers[i] < 0 || topPeers[i] > topDegrees.length - 1 || topPeers[i] > topDegrees[i]) {
                    throw new IllegalArgumentException("top_peers[" + i + "] must be between 0 and min(top nodes − 1 = "
                            + (topDegrees.length - 1) + ", its degree " + topDegrees[i] + "), got " + topPeers[i]);
                }
            }
        }
        if (topLeafPeers != null) {
            topLeafPeers = checkLeafPeers(topLeafPeers, topDegrees);
        }
        if (topLinks != null) {
            topLinks = checkLinks(topLinks, topDegrees);
        }
        if (bodyDegrees != null) {
            bodyDegrees = checkBodyDegrees(bodyDegrees, topDegrees);
        }
        if (topRankPolicies != null) {
            if (topDegrees == null || topRankPolicies.size() != topDegrees.length) {
                throw new IllegalArgumentException("top_rank_policies must have one entry per top_degrees entry ("
                        + (topDegrees == null ? 0 : topDegrees.length) + "), got " + topRankPolicies.size());
            }
            List<List<List<PolicyEntry>>> copy = new ArrayList<>();
            for (int i = 0; i < topRankPolicies.size(); i++) {
                List<List<PolicyEntry>> byClass = topRankPolicies.get(i);
                if (byClass == null || byClass.size() != NodePolicies.DEGREE_CLASS_MIN.size()) {
                    throw new IllegalArgumentException("top_rank_policies[" + i + "] must have one table per degree "
                            + "class " + NodePolicies.DEGREE_CLASS_MIN + ", got "
                            + (byClass == null ? "none" : byClass.size()));
                }
                List<List<PolicyEntry>> tables = new ArrayList<>();
                for (List<PolicyEntry> t : byClass) {
                    tables.add(List.copyOf(t));
                }
                copy.add(List.copyOf(tables));
            }
            topRankPolicies = List.copyOf(copy);
        }
        if (topDegrees != null) {
            topDegrees = topDegrees.clone();
            if (topDegrees.length == 0) {
                throw new IllegalArgumentException("top_degrees must not be empty");
            }
            for (int i = 0; i < topDegrees.length; i++) {
                if (topDegrees[i] < 1 || (i > 0 && topDegrees[i] > topDegrees[i - 1])) {
                    throw new IllegalArgumentException("top_degrees must be positive and descending, got "
                            + topDegrees[i] + " at index " + i);
                }
            }
        }
        policies = List.copyOf(policies);
        addresses = List.copyOf(addresses);
    }

    @Override
    public double[] rankShares() {
        return rankShares.clone();
    }

    @Override
    public double[] peerMinusChannelSat() {
        return peerMinusChannelSat.clone();
    }

    /** A copy of {@link #topDegrees}, or null. */
    @Override
    public int[] topDegrees() {
        return topDegrees == null ? null : topDegrees.clone();
    }

    /** The tables of {@link #classHomesBelowTop}, or null; table k may be empty. */
    @Override
    public List<List<PolicyEntry>> classHomesBelowTop() {
        return classHomesBelowTop;
    }

    /**
     * Checks {@link #capacityByClass} and returns a deep copy: one row per degree class, each empty or {@value
     * #CAPACITY_QUANTILES} + 1 non-decreasing values of at least 1 sat, at least one row non-empty.
     *
     * @throws IllegalArgumentException naming the class and index of the first bad value
     */
    static long[][] checkCapacities(long[][] rows) {
        if (rows.length != NodePolicies.DEGREE_CLASS_MIN.size()) {
            throw new IllegalArgumentException("capacity_by_class needs one row per degree class ("
                    + NodePolicies.DEGREE_CLASS_MIN.size() + "), got " + rows.length);
        }
        long[][] copy = new long[rows.length][];
        boolean any = false;
        for (int k = 0; k < rows.length; k++) {
            String at = "capacity_by_class." + NodePolicies.DEGREE_CLASS_MIN.get(k);
            long[] r = rows[k];
            if (r == null || (r.length != 0 && r.length != CAPACITY_QUANTILES + 1)) {
                throw new IllegalArgumentException(at + " must be empty or hold " + (CAPACITY_QUANTILES + 1)
                        + " quantiles, got " + (r == null ? "none" : r.length));
            }
            for (int i = 0; i < r.length; i++) {
                if (r[i] < 1 || (i > 0 && r[i] < r[i - 1])) {
                    throw new IllegalArgumentException(at + "[" + i + "] must be a capacity of at least 1 sat, no "
                            + "smaller than the one before, got " + r[i]);
                }
            }
            any |= r.length > 0;
            copy[k] = r.clone();
        }
        if (!any) {
            throw new IllegalArgumentException("capacity_by_class has no channel in any class");
        }
        return copy;
    }

    /** A deep copy of {@link #capacityByClass}, or null. */
    @Override
    public long[][] capacityByClass() {
        if (capacityByClass == null) {
            return null;
        }
        long[][] out = new long[capacityByClass.length][];
        for (int k = 0; k < out.length; k++) {
            out[k] = capacityByClass[k].clone();
        }
        return out;
    }

    /** A copy of {@link #topShareByClass}, or null. */
    @Override
    public double[] topShareByClass() {
        return topShareByClass == null ? null : topShareByClass.clone();
    }

    /**
     * Checks {@link #topLeafPeers} against {@code topDegrees} and returns a deep copy; the message names the row
     * ({@code top_leaf_peers[i]}).
     */
    private static int[][] checkLeafPeers(int[][] rows, int[] topDegrees) {
        if (topDegrees == null || rows.length != topDegrees.length) {
            throw new IllegalArgumentException("top_leaf_peers must have one entry per top_degrees entry ("
                    + (topDegrees == null ? 0 : topDegrees.length) + "), got " + rows.length);
        }
        for (int i = 0; i < rows.length; i++) {
            int[] r = rows[i];
            if (r == null || r.length != 2 || r[1] < 0 || r[1] > r[0] || r[0] > topDegrees[i]) {
                throw new IllegalArgumentException("top_leaf_peers[" + i + "] must be [peers, live] with 0 ≤ live ≤ "
                        + "peers ≤ its degree " + topDegrees[i] + ", got " + Arrays.toString(r));
            }
        }
        return deepCopy(rows);
    }

    /**
     * Checks {@link #bodyDegrees} (degrees strictly ascending, at least 1 and at most the smallest top degree, node
     * counts at least 1) and returns a deep copy; the message names the row ({@code body_degrees[i]}).
     */
    private static int[][] checkBodyDegrees(int[][] rows, int[] topDegrees) {
        if (topDegrees == null || rows.length == 0) {
            throw new IllegalArgumentException("body_degrees needs top_degrees and at least one row");
        }
        int smallestTop = topDegrees[topDegrees.length - 1];
        for (int i = 0; i < rows.length; i++) {
            int[] r = rows[i];
            int before = i == 0 ? 0 : rows[i - 1][0];
            if (r == null || r.length != 2 || r[0] <= before || r[0] > smallestTop || r[1] < 1) {
                throw new IllegalArgumentException("body_degrees[" + i + "] must be [degree, nodes] with " + before
                        + " < degree ≤ " + smallestTop + " (the smallest top degree) and nodes ≥ 1, got "
                        + Arrays.toString(r));
            }
        }
        return deepCopy(rows);
    }

    /** A copy of each row. */
    private static int[][] deepCopy(int[][] rows) {
        int[][] out = new int[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i].clone();
        }
        return out;
    }

    /**
     * A channel between the top nodes of ranks {@code low} &lt; {@code high} ({@code topDegrees} order) and the policy
     * of each of its directions, null for an unusable one (counts 1, htlc_max {@link #HTLC_MAX_NONE}: the generator
     * draws htlc_max as for any direction).
     */
    public record TopLink(int low, int high, PolicyEntry lowToHigh, PolicyEntry highToLow) {
    }

    /** Checks {@link #topLinks}: ranks in order and in range, no pair twice, no rank with more than its degree. */
    private static List<TopLink> checkLinks(List<TopLink> links, int[] topDegrees) {
        if (topDegrees == null) {
            throw new IllegalArgumentException("top_links needs top_degrees");
        }
        java.util.Set<Long> seen = new java.util.HashSet<>();
        int[] count = new int[topDegrees.length];
        for (int k = 0; k < links.size(); k++) {
            TopLink l = links.get(k);
            if (l == null || l.low() < 0 || l.low() >= l.high() || l.high() >= topDegrees.length) {
                throw new IllegalArgumentException("top_links[" + k + "] must join two ranks 0 ≤ i < j < "
                        + topDegrees.length + ", got " + (l == null ? "null" : "[" + l.low() + ", " + l.high() + "]"));
            }
            if (!seen.add(((long) l.low() << 32) | l.high())) {
                throw new IllegalArgumentException("top_links[" + k + "] repeats the pair [" + l.low() + ", "
                        + l.high() + "]");
            }
            if (++count[l.low()] > topDegrees[l.low()] || ++count[l.high()] > topDegrees[l.high()]) {
                throw new IllegalArgumentException("top_links[" + k + "]: more links than the degree of rank "
                        + (count[l.low()] > topDegrees[l.low()] ? l.low() : l.high()));
            }
        }
        return List.copyOf(links);
    }

    /** A deep copy of {@link #topLeafPeers}, or null. */
    @Override
    public int[][] topLeafPeers() {
        return topLeafPeers == null ? null : deepCopy(topLeafPeers);
    }

    /** A deep copy of {@link #bodyDegrees}, or null. */
    @Override
    public int[][] bodyDegrees() {
        return bodyDegrees == null ? null : deepCopy(bodyDegrees);
    }

    /** A copy of {@link #topPeers}, or null. */
    @Override
    public int[] topPeers() {
        return topPeers == null ? null : topPeers.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof McpFit f && source.equals(f.source) && generatedBy.equals(f.generatedBy)
                && snapshotChannels == f.snapshotChannels && snapshotNodes == f.snapshotNodes
                && snapshotMaxDegree == f.snapshotMaxDegree
                && snapshotMaxNodeCapacitySat == f.snapshotMaxNodeCapacitySat && degreeLaw.equals(f.degreeLaw)
                && degreeLawMle.equals(f.degreeLawMle)
                && nodeCapacityLaw.equals(f.nodeCapacityLaw) && capacityBinSat == f.capacityBinSat
                && capacityWindowBins == f.capacityWindowBins && Arrays.equals(rankShares, f.rankShares)
                && rankNodes == f.rankNodes && Arrays.equals(peerMinusChannelSat, f.peerMinusChannelSat)
                && Double.compare(peerSlopeSatPerRank, f.peerSlopeSatPerRank) == 0
                && Double.compare(peerInterceptSat, f.peerInterceptSat) == 0 && policies.equals(f.policies)
                && addresses.equals(f.addresses) && java.util.Objects.equals(nodePolicies, f.nodePolicies)
                && Arrays.equals(topDegrees, f.topDegrees) && java.util.Objects.equals(topHomes, f.topHomes)
                && java.util.Objects.equals(siblings, f.siblings)
                && java.util.Objects.equals(topRankHomes, f.topRankHomes) && Arrays.equals(topPeers, f.topPeers)
                && Arrays.equals(topShareByClass, f.topShareByClass)
                && java.util.Objects.equals(classHomesBelowTop, f.classHomesBelowTop)
                && Arrays.deepEquals(capacityByClass, f.capacityByClass)
                && Arrays.deepEquals(topLeafPeers, f.topLeafPeers)
                && java.util.Objects.equals(topRankPolicies, f.topRankPolicies)
                && java.util.Objects.equals(topLinks, f.topLinks)
                && Arrays.deepEquals(bodyDegrees, f.bodyDegrees);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(source, snapshotChannels, snapshotNodes, degreeLaw, nodeCapacityLaw,
                Arrays.hashCode(rankShares), policies, addresses);
    }

    /** Rounds to {@link #SIGNIFICANT_DIGITS} significant digits; idempotent, so JSON round trips are exact. */
    public static double round(double x) {
        if (x == 0 || !Double.isFinite(x)) {
            return x;
        }
        return decimal(x).doubleValue();
    }

    private static BigDecimal decimal(double x) {
        return new BigDecimal(x).round(new MathContext(SIGNIFICANT_DIGITS, RoundingMode.HALF_EVEN))
                .stripTrailingZeros();
    }

    // ---------------------------------------------------------------- JSON

    /** Writes the fit as JSON (UTF-8, fixed key order, {@code \n} line ends, trailing newline). */
    public void write(OutputStream out) throws IOException {
        JsonFactory factory = new JsonFactory();
        factory.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        DefaultPrettyPrinter pp = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(DefaultPrettyPrinter.FixedSpaceIndenter.instance);
        try (JsonGenerator g = factory.createGenerator(out, JsonEncoding.UTF8)) {
            g.setPrettyPrinter(pp);
            g.writeStartObject();
            g.writeStringField("format", FORMAT);
            g.writeNumberField("version", VERSION);
            g.writeStringField("generated_by", generatedBy);
            g.writeStringField("source", source);
            g.writeObjectFieldStart("snapshot");
            g.writeNumberField("channels", snapshotChannels);
            g.writeNumberField("nodes", snapshotNodes);
            g.writeNumberField("max_degree", snapshotMaxDegree);
            g.writeNumberField("max_node_capacity_sat", snapshotMaxNodeCapacitySat);
            g.writeEndObject();
            writeLaw(g, "degree_law", degreeLaw);
            writeLaw(g, "degree_law_mle", degreeLawMle);
            writeLaw(g, "node_capacity_law", nodeCapacityLaw);
            g.writeNumberField("node_capacity_bin_sat", capacityBinSat);
            g.writeNumberField("node_capacity_window_bins", capacityWindowBins);
            g.writeNumberField("rank_nodes", rankNodes);
            writeArray(g, "rank_shares", rankShares);
            writeArray(g, "peer_minus_channel_sat", peerMinusChannelSat);
            g.writeFieldName("peer_minus_channel_slope_sat_per_rank");
            writeReal(g, peerSlopeSatPerRank);
            g.writeFieldName("peer_minus_channel_intercept_sat");
            writeReal(g, peerInterceptSat);
            g.writeFieldName("policy_columns");
            g.writeStartArray();
            for (String col : List.of("fee_base_msat", "fee_ppm", "cltv_delta", "htlc_min_msat", "htlc_max", "count")) {
                g.writeString(col);
            }
            g.writeEndArray();
            g.writeFieldName("policies");
            writePolicyRows(g, policies);
            g.setPrettyPrinter(pp);
            g.writeObjectFieldStart("addresses");
            for (AddressEntry a : addresses) {
                g.writeNumberField(a.kind(), a.count());
            }
            g.writeEndObject();
            if (nodePolicies != null) {
                writeNodePolicies(g, pp, nodePolicies);
            }
            if (topDegrees != null) {
                writeArray(g, "top_degrees", topDegrees);
                g.writeFieldName("top_homes");
                writePolicyRows(g, topHomes);
                g.setPrettyPrinter(pp);
                if (topRankHomes != null) {
                    g.writeFieldName("top_rank_homes");
                    g.setPrettyPrinter(rowsPrinter());
                    g.writeStartArray();
                    for (PolicyEntry p : topRankHomes) {
                        g.writeRawValue(p == null ? "null" : "[" + p.feeBaseMsat() + ", " + p.feePpm() + ", "
                                + p.cltvDelta() + ", " + p.htlcMinMsat() + ", " + htlcMaxJson(p.htlcMaxMsat()) + ", "
                                + p.count() + "]");
                    }
                    g.writeEndArray();
                    g.setPrettyPrinter(pp);
                }
                if (topPeers != null) {
                    writeArray(g, "top_peers", topPeers);
                }
                if (topShareByClass != null) {
                    writeArray(g, "top_share_by_class", topShareByClass);
                }
                if (classHomesBelowTop != null) {
                    g.writeObjectFieldStart("class_homes_below_top");
                    for (int k = 0; k < classHomesBelowTop.size(); k++) {
                        g.writeFieldName(Integer.toString(NodePolicies.DEGREE_CLASS_MIN.get(k)));
                        writePolicyRows(g, classHomesBelowTop.get(k));
                        g.setPrettyPrinter(pp);
                    }
                    g.writeEndObject();
                }
                g.writeObjectFieldStart("siblings");
                writeHomeTables(g, pp, "by_home", siblings.byHome());
                g.writeFieldName("other_deviations");
                writePolicyRows(g, siblings.otherDeviations());
                g.setPrettyPrinter(pp);
                if (siblings.otherByHome() != null) {
                    writeHomeTables(g, pp, "other_by_home", siblings.otherByHome());
                    g.writeArrayFieldStart("other_to_top_by_pair");
                    for (NodePolicies.PairDeviations pd : siblings.otherToTopByPair()) {
                        g.setPrettyPrinter(pp);
                        g.writeStartObject();
                        g.writeFieldName("home");
                        g.writeRawValue(rowJson(pd.home()));
                        g.writeFieldName("peer_home");
                        g.writeRawValue(rowJson(pd.peerHome()));
                        g.writeFieldName("deviations");
                        writePolicyRows(g, pd.deviations());
                        g.setPrettyPrinter(pp);
                        g.writeEndObject();
                    }
                    g.writeEndArray();
                }
                g.writeEndObject();
            }
            if (capacityByClass != null) {
                g.writeObjectFieldStart("capacity_by_class");
                for (int k = 0; k < capacityByClass.length; k++) {
                    g.writeArrayFieldStart(Integer.toString(NodePolicies.DEGREE_CLASS_MIN.get(k)));
                    for (long v : capacityByClass[k]) {
                        g.writeNumber(v);
                    }
                    g.writeEndArray();
                }
                g.writeEndObject();
            }
            writePairs(g, "top_leaf_peers", topLeafPeers);
            writePairs(g, "body_degrees", bodyDegrees);
            if (topLinks != null) {
                g.writeFieldName("top_links");
                g.setPrettyPrinter(rowsPrinter());
                g.writeStartArray();
                for (TopLink l : topLinks) {
                    g.writeRawValue("[" + l.low() + ", " + l.high() + ", " + linkPolicyJson(l.lowToHigh()) + ", "
                            + linkPolicyJson(l.highToLow()) + "]");
                }
                g.writeEndArray();
                g.setPrettyPrinter(pp);
            }
            if (topRankPolicies != null) {
                g.writeArrayFieldStart("top_rank_policies");
                for (List<List<PolicyEntry>> byClass : topRankPolicies) {
                    g.setPrettyPrinter(pp);
                    g.writeStartObject();
                    for (int k = 0; k < byClass.size(); k++) {
                        g.writeFieldName(Integer.toString(NodePolicies.DEGREE_CLASS_MIN.get(k)));
                        writePolicyRows(g, byClass.get(k));
                        g.setPrettyPrinter(pp);
                    }
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            g.writeEndObject();
            g.writeRaw('\n');
        }
    }

    /** A link direction's policy: {@code [base, ppm, cltv, htlc_min]}, or null. */
    private static String linkPolicyJson(PolicyEntry p) {
        return p == null ? "null"
                : "[" + p.feeBaseMsat() + ", " + p.feePpm() + ", " + p.cltvDelta() + ", " + p.htlcMinMsat() + "]";
    }

    private static String rowJson(PolicyEntry p) {
        return "[" + p.feeBaseMsat() + ", " + p.feePpm() + ", " + p.cltvDelta() + ", " + p.htlcMinMsat() + ", "
                + htlcMaxJson(p.htlcMaxMsat()) + ", " + p.count() + "]";
    }

    /** An array of {@code {"home": row, "deviations": rows}} objects ({@link NodePolicies.HomeSiblings}). */
    private static void writeHomeTables(JsonGenerator g, DefaultPrettyPrinter pp, String key,
                                        List<NodePolicies.HomeSiblings> tables) throws IOException {
        g.writeArrayFieldStart(key);
        for (NodePolicies.HomeSiblings h : tables) {
            g.setPrettyPrinter(pp);
            g.writeStartObject();
            g.writeFieldName("home");
            PolicyEntry p = h.home();
            g.writeRawValue("[" + p.feeBaseMsat() + ", " + p.feePpm() + ", " + p.cltvDelta() + ", "
                    + p.htlcMinMsat() + ", " + htlcMaxJson(p.htlcMaxMsat()) + ", " + p.count() + "]");
            g.writeFieldName("deviations");
            writePolicyRows(g, h.deviations());
            g.setPrettyPrinter(pp);
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /**
     * The printer of arrays written one raw row per line (policy rows, rank homes, links, htlc_max rows); a new one
     * each time, since a printer keeps its nesting level.
     */
    private static DefaultPrettyPrinter rowsPrinter() {
        return new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("    ", "\n"));
    }

    /** One policy row per line: the outer array gets line breaks, each row is written as one raw value. */
    private static void writePolicyRows(JsonGenerator g, List<PolicyEntry> rows) throws IOException {
        g.setPrettyPrinter(rowsPrinter());
        g.writeStartArray();
        for (PolicyEntry p : rows) {
            g.writeRawValue("[" + p.feeBaseMsat() + ", " + p.feePpm() + ", " + p.cltvDelta() + ", "
                    + p.htlcMinMsat() + ", " + htlcMaxJson(p.htlcMaxMsat()) + ", " + p.count() + "]");
        }
        g.writeEndArray();
    }

    private static String htlcMaxJson(long code) {
        return code == HTLC_MAX_NONE ? "\"none\"" : code == HTLC_MAX_CAPACITY ? "\"capacity\"" : Long.toString(code);
    }

    /**
     * {@code node_policies}: {@code classes}, one object per degree class ({@code min_degree}, the counts of
     * {@link NodePolicies.DegreeClass} in snake case, {@code homes} as policy rows whose count is nodes), then
     * {@code deviations} as policy rows (count = directions), {@code htlc_max} as rows {@code [code, directions]}.
     */
    private static void writeNodePolicies(JsonGenerator g, DefaultPrettyPrinter pp, NodePolicies np)
            throws IOException {
        g.writeObjectFieldStart("node_policies");
        g.writeArrayFieldStart("classes");
        for (NodePolicies.DegreeClass c : np.classes()) {
            g.setPrettyPrinter(pp);
            g.writeStartObject();
            g.writeNumberField("min_degree", c.minDegree());
            g.writeNumberField("nodes", c.nodes());
            g.writeNumberField("offline_nodes", c.offlineNodes());
            g.writeNumberField("live_directions", c.liveDirections());
            g.writeNumberField("unusable_directions", c.unusableDirections());
            g.writeNumberField("multi_directions", c.multiDirections());
            g.writeNumberField("deviating_directions", c.deviatingDirections());
            g.writeFieldName("homes");
            writePolicyRows(g, c.homes());
            g.setPrettyPrinter(pp);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeFieldName("deviations");
        writePolicyRows(g, np.deviations());
        g.setPrettyPrinter(pp);
        g.writeFieldName("htlc_max");
        g.setPrettyPrinter(rowsPrinter());
        g.writeStartArray();
        for (NodePolicies.HtlcMaxEntry h : np.htlcMax()) {
            g.writeRawValue("[" + htlcMaxJson(h.code()) + ", " + h.count() + "]");
        }
        g.writeEndArray();
        g.setPrettyPrinter(pp);
        g.writeEndObject();
    }

    private static void writeLaw(JsonGenerator g, String name, PowerLaw law) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeFieldName("a");
        writeReal(g, law.a());
        g.writeFieldName("b");
        writeReal(g, law.b());
        g.writeFieldName("c");
        writeReal(g, law.c());
        g.writeEndObject();
    }

    /** Rows of two integers ({@code top_leaf_peers}, {@code body_degrees}) on one line; nothing when null. */
    private static void writePairs(JsonGenerator g, String name, int[][] rows) throws IOException {
        if (rows == null) {
            return;
        }
        g.writeArrayFieldStart(name);
        for (int[] r : rows) {
            g.writeRawValue("[" + r[0] + ", " + r[1] + "]");
        }
        g.writeEndArray();
    }

    private static void writeArray(JsonGenerator g, String name, int[] values) throws IOException {
        g.writeArrayFieldStart(name);
        for (int v : values) {
            g.writeNumber(v);
        }
        g.writeEndArray();
    }

    private static void writeArray(JsonGenerator g, String name, double[] values) throws IOException {
        g.writeArrayFieldStart(name);
        for (double v : values) {
            writeReal(g, v);
        }
        g.writeEndArray();
    }

    private static void writeReal(JsonGenerator g, double v) throws IOException {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("cannot serialise non-finite number " + v);
        }
        g.writeNumber(v == 0 ? "0" : decimal(v).toString());
    }

    /**
     * Reads a fit written by {@link #write}.
     *
     * @param name file name for messages
     * @throws NetworkFormatException naming the field when the JSON is not a valid fit
     */
    public static McpFit read(InputStream in, Path name) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(in);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new NetworkFormatException(name, "line " + e.getLocation().getLineNr(), "not valid JSON: "
                    + e.getOriginalMessage(), e);
        }
        Reader r = new Reader(name);
        if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText())) {
            throw new NetworkFormatException(name, null, "not an lnsim MCP fit (\"format\" must be \"" + FORMAT + "\")");
        }
        if (root.path("version").asInt(-1) != VERSION) {
            throw new NetworkFormatException(name, "field version", "unsupported fit version "
                    + root.path("version") + " (this build reads " + VERSION + ")");
        }
        try {
            JsonNode snap = r.object(root, "snapshot");
            List<PolicyEntry> policies = r.policyRows(root, "policies", "policies");
            List<AddressEntry> addresses = new ArrayList<>();
            JsonNode addr = r.object(root, "addresses");
            var it = addr.fields();
            while (it.hasNext()) {
                var e = it.next();
                try {
                    addresses.add(new AddressEntry(e.getKey(), r.integer(e.getValue(), "addresses." + e.getKey())));
                } catch (IllegalArgumentException ex) {
                    throw new NetworkFormatException(name, "field addresses." + e.getKey(), ex.getMessage(), ex);
                }
            }
            return new McpFit(r.text(root, "source"), r.text(root, "generated_by"),
                    r.intField(snap, "channels"), r.intField(snap, "nodes"), (int) r.intField(snap, "max_degree"),
                    r.intField(snap, "max_node_capacity_sat"), r.law(root, "degree_law"), r.law(root, "degree_law_mle"),
                    r.law(root, "node_capacity_law"), r.intField(root, "node_capacity_bin_sat"),
                    (int) r.intField(root, "node_capacity_window_bins"), r.reals(root, "rank_shares"),
                    (int) r.intField(root, "rank_nodes"), r.reals(root, "peer_minus_channel_sat"),
                    r.real(root, "peer_minus_channel_slope_sat_per_rank"),
                    r.real(root, "peer_minus_channel_intercept_sat"), policies, addresses,
                    root.has("node_policies") ? r.nodePolicies(root) : null,
                    root.has("top_degrees") ? r.ints(root, "top_degrees") : null,
                    root.has("top_degrees") ? r.policyRows(root, "top_homes", "top_homes") : null,
                    root.has("top_degrees") ? r.siblings(root) : null,
                    root.has("top_rank_homes") ? r.rankHomes(root) : null,
                    root.has("top_peers") ? r.topPeers(root) : null,
                    root.has("top_share_by_class") ? r.topShares(root) : null,
                    root.has("class_homes_below_top") ? r.classHomesBelowTop(root) : null,
                    root.has("capacity_by_class") ? r.capacityByClass(root) : null,
                    root.has("top_leaf_peers") ? r.pairs(root, "top_leaf_peers", "[peers, live]") : null,
                    root.has("top_rank_policies") ? r.topRankPolicies(root) : null,
                    root.has("top_links") ? r.topLinks(root) : null,
                    root.has("body_degrees") ? r.pairs(root, "body_degrees", "[degree, nodes]") : null);
        } catch (IllegalArgumentException e) {
            throw new NetworkFormatException(name, null, e.getMessage(), e);
        }
    }

    /** Field access with messages that name the field. */
    private record Reader(Path name) {
        JsonNode field(JsonNode parent, String key) throws NetworkFormatException {
            JsonNode n = parent.get(key);
            if (n == null || n.isNull()) {
                throw new NetworkFormatException(name, "field " + key, "missing");
            }
            return n;
        }

        JsonNode object(JsonNode parent, String key) throws NetworkFormatException {
            JsonNode n = field(parent, key);
            if (!n.isObject()) {
                throw new NetworkFormatException(name, "field " + key, "must be an object");
            }
            return n;
        }

        JsonNode array(JsonNode parent, String key) throws NetworkFormatException {
            JsonNode n = field(parent, key);
            if (!n.isArray()) {
                throw new NetworkFormatException(name, "field " + key, "must be an array");
            }
            return n;
        }

        String text(JsonNode parent, String key) throws NetworkFormatException {
            JsonNode n = field(parent, key);
            if (!n.isTextual()) {
                throw new NetworkFormatException(name, "field " + key, "must be a string");
            }
            return n.asText();
        }

        long intField(JsonNode parent, String key) throws NetworkFormatException {
            return integer(field(parent, key), key);
        }

        long integer(JsonNode n, String where) throws NetworkFormatException {
            if (n == null || !n.isIntegralNumber() || !n.canConvertToLong()) {
                throw new NetworkFormatException(name, "field " + where, "must be an integer, got " + n);
            }
            return n.asLong();
        }

        /** An integer that fits an int (a count or a rank); its range is the record's to check. */
        int count(JsonNode n, String where) throws NetworkFormatException {
            long x = integer(n, where);
            if (x < Integer.MIN_VALUE || x > Integer.MAX_VALUE) {
                throw new NetworkFormatException(name, "field " + where, "must be a count, got " + x);
            }
            return (int) x;
        }

        double real(JsonNode parent, String key) throws NetworkFormatException {
            JsonNode n = field(parent, key);
            if (!n.isNumber() || !Double.isFinite(n.asDouble())) {
                throw new NetworkFormatException(name, "field " + key, "must be a finite number, got " + n);
            }
            return n.asDouble();
        }

        NodePolicies.Siblings siblings(JsonNode root) throws NetworkFormatException {
            JsonNode sib = object(root, "siblings");
            List<NodePolicies.HomeSiblings> homes = homeTables(sib, "by_home");
            List<PolicyEntry> other = policyRows(sib, "other_deviations", "siblings.other_deviations");
            List<NodePolicies.HomeSiblings> otherByHome = sib.has("other_by_home")
                    ? homeTables(sib, "other_by_home") : null;
            List<NodePolicies.PairDeviations> toTop = sib.has("other_to_top_by_pair") ? pairTables(sib) : null;
            if ((otherByHome == null) != (toTop == null)) {
                throw new NetworkFormatException(name, "field siblings." + (toTop == null ? "other_to_top_by_pair"
                        : "other_by_home"), "missing (other_by_home and other_to_top_by_pair come together)");
            }
            try {
                return new NodePolicies.Siblings(homes, other, otherByHome, toTop);
            } catch (IllegalArgumentException e) {
                throw new NetworkFormatException(name, "field siblings.other_by_home", e.getMessage(), e);
            }
        }

        /** {@code siblings.other_to_top_by_pair}: {@code {"home": row, "peer_home": row, "deviations": rows}}. */
        List<NodePolicies.PairDeviations> pairTables(JsonNode sib) throws NetworkFormatException {
            JsonNode rows = array(sib, "other_to_top_by_pair");
            List<NodePolicies.PairDeviations> out = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                String at = "siblings.other_to_top_by_pair[" + i + "]";
                JsonNode h = rows.get(i);
                if (!h.isObject()) {
                    throw new NetworkFormatException(name, "field " + at, "must be an object");
                }
                com.fasterxml.jackson.databind.node.ObjectNode wrap =
                        com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
                wrap.set("rows", com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode()
                        .add(field(h, "home")).add(field(h, "peer_home")));
                List<PolicyEntry> two = policyRows(wrap, "rows", at + ".home/peer_home");
                List<PolicyEntry> dev = policyRows(h, "deviations", at + ".deviations");
                try {
                    out.add(new NodePolicies.PairDeviations(two.get(0), two.get(1), dev));
                } catch (IllegalArgumentException e) {
                    throw new NetworkFormatException(name, "field " + at, e.getMessage(), e);
                }
            }
            return out;
        }

        /** {@code siblings.KEY}: an array of {@code {"home": row, "deviations": rows}}. */
        List<NodePolicies.HomeSiblings> homeTables(JsonNode sib, String key) throws NetworkFormatException {
            JsonNode byHome = array(sib, key);
            List<NodePolicies.HomeSiblings> homes = new ArrayList<>();
            for (int i = 0; i < byHome.size(); i++) {
                String at = "siblings." + key + "[" + i + "]";
                JsonNode h = byHome.get(i);
                if (!h.isObject()) {
                    throw new NetworkFormatException(name, "field " + at, "must be an object");
                }
                // the home is one row: wrap it as a one-row table to reuse the row checks
                com.fasterxml.jackson.databind.node.ObjectNode wrap =
                        com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
                wrap.set("home", com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode()
                        .add(field(h, "home")));
                List<PolicyEntry> home = policyRows(wrap, "home", at + ".home");
                List<PolicyEntry> dev = policyRows(h, "deviations", at + ".deviations");
                try {
                    homes.add(new NodePolicies.HomeSiblings(home.get(0), dev));
                } catch (IllegalArgumentException e) {
                    throw new NetworkFormatException(name, "field " + at, e.getMessage(), e);
                }
            }
            return homes;
        }

        /** {@code class_homes_below_top}: one policy table (counts in nodes) per degree class, keyed by its minimum. */
        List<List<PolicyEntry>> classHomesBelowTop(JsonNode root) throws NetworkFormatException {
            JsonNode o = object(root, "class_homes_below_top");
            if (!root.has("top_degrees")) {
                throw new NetworkFormatException(name, "field class_homes_below_top", "needs top_degrees");
            }
            if (o.size() != NodePolicies.DEGREE_CLASS_MIN.size()) {
                throw new NetworkFormatException(name, "field class_homes_below_top", "must have one table per degree "
                        + "class " + NodePolicies.DEGREE_CLASS_MIN + ", got " + o.size());
            }
            List<List<PolicyEntry>> out = new ArrayList<>();
            for (int min : NodePolicies.DEGREE_CLASS_MIN) {
                String key = Integer.toString(min);
                if (!o.has(key) || !o.get(key).isArray()) {
                    throw new NetworkFormatException(name, "field class_homes_below_top." + key, "must be an array "
                            + "of policy rows (one table per degree class " + NodePolicies.DEGREE_CLASS_MIN + ")");
                }
                out.add(policyRows(o, key, "class_homes_below_top." + key));
            }
            return out;
        }

        /**
         * {@code capacity_by_class}: per degree class (keyed by its smallest degree) an array of {@value
         * #CAPACITY_QUANTILES} + 1 non-decreasing integer capacities of at least 1 sat, or an empty array.
         */
        long[][] capacityByClass(JsonNode root) throws NetworkFormatException {
            JsonNode o = object(root, "capacity_by_class");
            if (o.size() != NodePolicies.DEGREE_CLASS_MIN.size()) {
                throw new NetworkFormatException(name, "field capacity_by_class", "must have one array per degree "
                        + "class " + NodePolicies.DEGREE_CLASS_MIN + ", got " + o.size());
            }
            long[][] out = new long[NodePolicies.DEGREE_CLASS_MIN.size()][];
            for (int k = 0; k < out.length; k++) {
                String key = Integer.toString(NodePolicies.DEGREE_CLASS_MIN.get(k));
                String at = "capacity_by_class." + key;
                if (!o.has(key) || !o.get(key).isArray()) {
                    throw new NetworkFormatException(name, "field " + at, "must be an array of capacity quantiles "
                            + "(one per degree class " + NodePolicies.DEGREE_CLASS_MIN + ")");
                }
                JsonNode a = o.get(key);
                out[k] = new long[a.size()];
                for (int i = 0; i < a.size(); i++) {
                    out[k][i] = integer(a.get(i), at + "[" + i + "]");
                }
            }
            try { // the rows' lengths and values: checkCapacities names the class and index
                return checkCapacities(out);
            } catch (IllegalArgumentException e) {
                throw new NetworkFormatException(name, "field capacity_by_class", e.getMessage(), e);
            }
        }

        /** {@code top_share_by_class}: one share in [0, 1] per degree class. */
        double[] topShares(JsonNode root) throws NetworkFormatException {
            return reals(root, "top_share_by_class"); // the count and the range: the record's check names the entry
        }

        /**
         * {@code top_links}: rows {@code [i, j, policy, policy]}, a policy being {@code [base, ppm, cltv, htlc_min]}
         * or null; ranks, order and counts are checked by the record.
         */
        List<TopLink> topLinks(JsonNode root) throws NetworkFormatException {
            JsonNode n = array(root, "top_links");
            List<TopLink> out = new ArrayList<>();
            for (int k = 0; k < n.size(); k++) {
                String at = "top_links[" + k + "]";
                JsonNode row = n.get(k);
                if (!row.isArray() || row.size() != 4) {
                    throw new NetworkFormatException(name, "field " + at, "must be [i, j, policy or null, policy or "
                            + "null]");
                }
                out.add(new TopLink(count(row.get(0), at + "[0]"), count(row.get(1), at + "[1]"),
                        linkPolicy(row.get(2), at + "[2]"), linkPolicy(row.get(3), at + "[3]")));
            }
            return out;
        }

        PolicyEntry linkPolicy(JsonNode p, String at) throws NetworkFormatException {
            if (p.isNull()) {
                return null;
            }
            if (!p.isArray() || p.size() != 4) {
                throw new NetworkFormatException(name, "field " + at, "must be [base, ppm, cltv, htlc_min] or null");
            }
            try {
                return new PolicyEntry(integer(p.get(0), at), integer(p.get(1), at), (int) integer(p.get(2), at),
                        integer(p.get(3), at), HTLC_MAX_NONE, 1);
            } catch (IllegalArgumentException e) {
                throw new NetworkFormatException(name, "field " + at, e.getMessage(), e);
            }
        }

        /**
         * {@code top_rank_policies}: per top node an object with one policy table per degree class, keyed by its
         * smallest degree (as {@code class_homes_below_top}); the count of entries is checked by the record.
         */
        List<List<List<PolicyEntry>>> topRankPolicies(JsonNode root) throws NetworkFormatException {
            JsonNode n = array(root, "top_rank_policies");
            List<List<List<PolicyEntry>>> out = new ArrayList<>();
            for (int i = 0; i < n.size(); i++) {
                String at = "top_rank_policies[" + i + "]";
                JsonNode o = n.get(i);
                if (!o.isObject() || o.size() != NodePolicies.DEGREE_CLASS_MIN.size()) {
                    throw new NetworkFormatException(name, "field " + at, "must be an object with one policy table "
                            + "per degree class " + NodePolicies.DEGREE_CLASS_MIN);
                }
                List<List<PolicyEntry>> byClass = new ArrayList<>();
                for (int min : NodePolicies.DEGREE_CLASS_MIN) {
                    String key = Integer.toString(min);
                    if (!o.has(key) || !o.get(key).isArray()) {
                        throw new NetworkFormatException(name, "field " + at + "." + key, "must be an array of "
                                + "policy rows (one table per degree class " + NodePolicies.DEGREE_CLASS_MIN + ")");
                    }
                    byClass.add(policyRows(o, key, at + "." + key));
                }
                out.add(byClass);
            }
            return out;
        }

        /**
         * {@code key}: rows of two counts, {@code shape} naming them ({@code top_leaf_peers}: {@code [peers, live]}
         * per top node; {@code body_degrees}: {@code [degree, nodes]}); the ranges and the count of rows are checked
         * by the record, which names the row.
         */
        int[][] pairs(JsonNode root, String key, String shape) throws NetworkFormatException {
            JsonNode n = array(root, key);
            int[][] v = new int[n.size()][];
            for (int i = 0; i < v.length; i++) {
                String at = key + "[" + i + "]";
                JsonNode row = n.get(i);
                if (!row.isArray() || row.size() != 2) {
                    throw new NetworkFormatException(name, "field " + at, "must be " + shape);
                }
                v[i] = new int[] {count(row.get(0), at + "[0]"), count(row.get(1), at + "[1]")};
            }
            return v;
        }

        /** {@code top_peers}: one count in [0, min(top nodes − 1, degree)] per {@code top_degrees} entry. */
        int[] topPeers(JsonNode root) throws NetworkFormatException {
            JsonNode n = array(root, "top_peers");
            int[] v = new int[n.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = count(n.get(i), "top_peers[" + i + "]"); // the range: the record's check names the entry
            }
            return v;
        }

        /** {@code top_rank_homes}: one policy row (count 1) or null per {@code top_degrees} entry. */
        List<PolicyEntry> rankHomes(JsonNode root) throws NetworkFormatException {
            JsonNode rows = array(root, "top_rank_homes");
            com.fasterxml.jackson.databind.node.ObjectNode wrap =
                    com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
            List<PolicyEntry> out = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                String at = "top_rank_homes[" + i + "]";
                if (rows.get(i).isNull()) {
                    out.add(null);
                    continue;
                }
                wrap.set("row", com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode()
                        .add(rows.get(i)));
                PolicyEntry p = policyRows(wrap, "row", at).get(0);
                if (p.count() != 1) {
                    throw new NetworkFormatException(name, "field " + at, "count must be 1 (one hub), got "
                            + p.count());
                }
                out.add(p);
            }
            JsonNode top = root.get("top_degrees");
            if (top == null || !top.isArray() || top.size() != out.size()) {
                throw new NetworkFormatException(name, "field top_rank_homes", "must have one entry per "
                        + "top_degrees entry (" + (top == null ? 0 : top.size()) + "), got " + out.size());
            }
            return out;
        }

        int[] ints(JsonNode parent, String key) throws NetworkFormatException {
            JsonNode n = array(parent, key);
            int[] v = new int[n.size()];
            for (int i = 0; i < v.length; i++) {
                long x = integer(n.get(i), key + "[" + i + "]");
                if (x < 1 || x > Integer.MAX_VALUE || (i > 0 && x > v[i - 1])) {
                    throw new NetworkFormatException(name, "field " + key + "[" + i + "]",
                            "must be a positive degree, no larger than the one before, got " + x);
                }
                v[i] = (int) x;
            }
            if (v.length == 0) {
                throw new NetworkFormatException(name, "field " + key, "must not be empty");
            }
            return v;
        }

        double[] reals(JsonNode parent, String key) throws NetworkFormatException {
            JsonNode n = array(parent, key);
            double[] v = new double[n.size()];
            for (int i = 0; i < v.length; i++) {
                if (!n.get(i).isNumber()) {
                    throw new NetworkFormatException(name, "field " + key + "[" + i + "]", "must be a number");
                }
                v[i] = n.get(i).asDouble();
            }
            return v;
        }

        /** Rows {@code [base, ppm, cltv, htlc_min, htlc_max, count]} of the array {@code parent.key}. */
        List<PolicyEntry> policyRows(JsonNode parent, String key, String where) throws NetworkFormatException {
            List<PolicyEntry> out = new ArrayList<>();
            JsonNode rows = array(parent, key);
            for (int i = 0; i < rows.size(); i++) {
                JsonNode row = rows.get(i);
                String at = where + "[" + i + "]";
                if (!row.isArray() || row.size() != 6) {
                    throw new NetworkFormatException(name, "field " + at, "must be an array of 6 values");
                }
                long hmaxCode = htlcMaxCode(row.get(4), at);
                try {
                    out.add(new PolicyEntry(integer(row.get(0), at), integer(row.get(1), at),
                            (int) integer(row.get(2), at), integer(row.get(3), at), hmaxCode,
                            integer(row.get(5), at)));
                } catch (IllegalArgumentException e) {
                    throw new NetworkFormatException(name, "field " + at, e.getMessage(), e);
                }
            }
            return out;
        }

        long htlcMaxCode(JsonNode hmax, String at) throws NetworkFormatException {
            if (hmax.isTextual() && hmax.asText().equals("none")) {
                return HTLC_MAX_NONE;
            } else if (hmax.isTextual() && hmax.asText().equals("capacity")) {
                return HTLC_MAX_CAPACITY;
            } else if (hmax.isIntegralNumber() && hmax.asLong() >= 0) {
                return hmax.asLong();
            }
            throw new NetworkFormatException(name, "field " + at, "htlc_max must be \"none\", \"capacity\" "
                    + "or a non-negative integer, got " + hmax);
        }

        NodePolicies nodePolicies(JsonNode root) throws NetworkFormatException {
            JsonNode np = object(root, "node_policies");
            JsonNode cls = array(np, "classes");
            List<NodePolicies.DegreeClass> classes = new ArrayList<>();
            for (int i = 0; i < cls.size(); i++) {
                String at = "node_policies.classes[" + i + "]";
                JsonNode c = cls.get(i);
                if (!c.isObject()) {
                    throw new NetworkFormatException(name, "field " + at, "must be an object");
                }
                try {
                    classes.add(new NodePolicies.DegreeClass((int) intField(c, "min_degree"), intField(c, "nodes"),
                            intField(c, "offline_nodes"), intField(c, "live_directions"),
                            intField(c, "unusable_directions"), intField(c, "multi_directions"),
                            intField(c, "deviating_directions"), policyRows(c, "homes", at + ".homes")));
                } catch (IllegalArgumentException e) {
                    throw new NetworkFormatException(name, "field " + at, e.getMessage(), e);
                }
            }
            List<PolicyEntry> deviations = policyRows(np, "deviations", "node_policies.deviations");
            List<NodePolicies.HtlcMaxEntry> hmax = new ArrayList<>();
            JsonNode rows = array(np, "htlc_max");
            for (int i = 0; i < rows.size(); i++) {
                String at = "node_policies.htlc_max[" + i + "]";
                JsonNode row = rows.get(i);
                if (!row.isArray() || row.size() != 2) {
                    throw new NetworkFormatException(name, "field " + at, "must be an array of 2 values");
                }
                try {
                    hmax.add(new NodePolicies.HtlcMaxEntry(htlcMaxCode(row.get(0), at), integer(row.get(1), at)));
                } catch (IllegalArgumentException e) {
                    throw new NetworkFormatException(name, "field " + at, e.getMessage(), e);
                }
            }
            try {
                return new NodePolicies(classes, deviations, hmax);
            } catch (IllegalArgumentException e) {
                throw new NetworkFormatException(name, "field node_policies", e.getMessage(), e);
            }
        }

        PowerLaw law(JsonNode parent, String key) throws NetworkFormatException {
            JsonNode n = object(parent, key);
            return new PowerLaw(real(n, "a"), real(n, "b"), real(n, "c"));
        }
    }
}
