package org.lnsim.network.io;

import java.io.BufferedWriter;
import java.io.EOFException;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipException;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.ChannelGraphBuilder;
import org.lnsim.network.ChannelPolicy;
import org.lnsim.network.NodeIds;

/**
 * Reader and writer for the CLoTH simulator's network CSVs (snapshots SOURCES.md §4, §5; peer-simulators §1), a
 * folder of three comma-separated files, each optionally gzip-compressed ({@code name.csv} or {@code name.csv.gz}):
 * <pre>
 *   nodes_ln.csv     id
 *   channels_ln.csv  id,edge1_id,edge2_id,node1_id,node2_id,capacity            (capacity in msat)
 *   edges_ln.csv     id,channel_id,counter_edge_id,from_node_id,to_node_id,balance,fee_base,fee_proportional,
 *                    min_htlc,timelock                                          (msat where it applies)
 * </pre>
 * The lnresearch-timemachine variant is accepted too: files {@code nodes.csv}, {@code channels.csv} and an optional
 * {@code edges.csv}, header names with unit suffixes such as {@code capacity(millisat)} (suffixes in parentheses are
 * ignored), rows separated by blank lines, {@code \r\n} or {@code \r\r\n} endings. Extra columns (CLoTH's old
 * {@code latency}, CLoTH-Gossip's {@code cul_threshold_factor}) are ignored. Detection: a folder holding one of the
 * two file sets whose channels header starts with {@code id,edge1_id}.
 *
 * <h2>Mapping to lnsim's model</h2>
 * <ul>
 *   <li>Node number {@code k} → node id {@link NodeIds#fromIndex(int) NodeIds.fromIndex(k)}, so node order is
 *       numeric order. Nodes listed without channels are kept (the node file defines CLoTH's node set).</li>
 *   <li>Channel id {@code k} → short channel id {@code k} as a plain 64-bit number (block 0, printed
 *       {@code 0xTxO} with {@code T = k >> 16} and {@code O = k & 0xFFFF}). Channels are stored in scid order,
 *       so the channel index equals the CLoTH id for the usual dense ids {@code 0..m-1}; this is what makes
 *       import → export → import exact.</li>
 *   <li>Capacity msat → sat rounded down (counted when not whole). An edge row is the policy of the direction
 *       leaving {@code from_node_id}: fee_base, fee_proportional, min_htlc, timelock; CLoTH has no
 *       {@code htlc_maximum_msat} and no disabled flag (every direction is enabled, without maximum).</li>
 *   <li>Balances: each edge row's {@code balance} is the initial balance of its direction, kept beside the graph as
 *       {@link FileBalances} ({@link LoadedNetwork#balances()}; the graph itself has none, as they belong to a run,
 *       which starts from them unless {@code balances.split} redraws them). The two edges of a channel must share
 *       its capacity exactly, as CLoTH's {@code network.c} makes them; a channel with one edge row gives the other
 *       side the rest. When some channel has no edge row the file's balances are incomplete and dropped. lnsim
 *       keeps capacities in whole sat: a sub-sat remainder of the capacity comes off node_2's balance (node_1's
 *       when node_2 holds less).</li>
 *   <li>Without an edges file (timemachine 2021/2022) the network is topology only: no direction has a policy.</li>
 * </ul>
 *
 * <h2>Load report counters</h2>
 * {@code nodes_read}, {@code channels_read}, {@code edges_read}; {@code duplicate_node} (a node number listed again,
 * merged); {@code duplicate_channel_merged} (a channel row repeated identically); {@code duplicate_edge_merged} (an
 * edge row repeated with the same policy); {@code capacity_msat_truncated}; {@code channels_with_balances} (channels
 * whose initial balances were kept: all of them, or the counter is absent); {@code balance_msat_trimmed} (channels
 * whose balances lost the capacity's sub-sat remainder); {@code balances_ignored} (edge rows whose balance was
 * dropped because some channel has no edge row); {@code one_sided_channels} (an edges file lists only one direction);
 * {@code channels_without_edges} (an edges file lists neither); {@code directions_without_policy} (all directions
 * left without a policy, 2·channels when there is no edges file); {@code nodes_without_channels};
 * {@code htlc_minimum_above_capacity} (directions whose min_htlc exceeds the capacity: no HTLC can cross them; the
 * lnresearch 2020-07-15 snapshot has 2).
 * <p>Errors ({@link NetworkFormatException} with file and line): a missing column, a row whose field count is not
 * the header's, both {@code x.csv} and {@code x.csv.gz} in the folder, non-integer or negative values, a capacity below 1 sat, a node number outside 0..2^31−1, a channel or edge naming an unknown node or channel, a self-loop,
 * a channel id repeated with other data, an edge id not listed by its channel or whose endpoints or counter edge do
 * not match the channel, an edge repeated with another policy (CLoTH has no timestamps to choose) or another balance,
 * a balance above the capacity, the two balances of a channel not summing to its capacity, out-of-range policy
 * values, truncated gzip.
 *
 * <h2>Writing</h2>
 * CLoTH indexes nodes, channels and edges by id as array positions ({@code src/network.c}), so the writer numbers
 * them densely: node = node index (id order), channel = channel index (scid order), edges {@code 2c} (node1 → node2,
 * {@code edge1_id}) and {@code 2c+1}. Real scids and node ids are therefore not kept. The headers are those of the
 * CLoTH repository. CLoTH needs both edges of every channel and a balance for each:
 * <ul>
 *   <li>Balances are the network's own when it has them ({@link FileBalances}, e.g. read from a CLoTH folder, so
 *       import → export → import keeps them); otherwise the capacity split in half ({@code ⌊cap/2⌋} to edge1, the
 *       rest to edge2): an even split is the deterministic, seed-free choice that gives each direction the same
 *       liquidity (CLoTH's own generator draws the split at random).</li>
 *   <li>A direction without a known policy is written with lnd's default policy — base 1000 msat, 1 ppm, min_htlc
 *       1000 msat, timelock 40 (lightning-facts §9 "Default fees", "CLTV deltas", "htlc_minimum_msat"), since CLoTH
 *       reproduces lnd — and counted as {@code policy_defaulted}. Omitting such channels would change the topology.
 *   </li>
 *   <li>Disabled directions are written with their policy, as CLoTH cannot mark them ({@code disabled_written_enabled});
 *       {@code htlc_maximum_msat} is dropped ({@code htlc_maximum_dropped}).</li>
 * </ul>
 * The counts are returned by {@link #writeWithReport}. The folder is written atomically: the files go into a
 * temporary sibling folder that is then renamed to the target (an existing target folder is replaced only after
 * the new one is complete); on failure the temporary folder is deleted. An existing target is replaced only when it
 * holds nothing but CLoTH's three files (an earlier export): a folder with anything else in it is refused with
 * {@link OutputRefusedException}, because lnsim never deletes what it did not write.
 */
public final class ClothCsvFormat implements NetworkReader, NetworkWriter {
    public static final String NAME = "cloth-csv";

    /** lnd's defaults used for directions without a policy (lightning-facts §9). */
    static final long DEFAULT_FEE_BASE_MSAT = 1000;
    static final long DEFAULT_FEE_PPM = 1;
    static final long DEFAULT_MIN_HTLC_MSAT = 1000;
    static final int DEFAULT_TIMELOCK = 40;

    private static final String[][] FILE_SETS = {
            {"nodes_ln", "channels_ln", "edges_ln"},
            {"nodes", "channels", "edges"}};
    private static final List<String> NODE_COLUMNS = List.of("id");
    private static final List<String> CHANNEL_COLUMNS =
            List.of("id", "edge1_id", "edge2_id", "node1_id", "node2_id", "capacity");
    private static final List<String> EDGE_COLUMNS = List.of("id", "channel_id", "counter_edge_id", "from_node_id",
            "to_node_id", "balance", "fee_base", "fee_proportional", "min_htlc", "timelock");

    /** The files of one CLoTH folder; {@code edges} may be null. */
    record Layout(Path nodes, Path channels, Path edges) {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean probe(Path path, byte[] head) throws IOException {
        if (!Files.isDirectory(path)) {
            return false;
        }
        Layout l = layout(path);
        if (l != null) {
            return isChannelsFile(l.channels());
        }
        // an incomplete CLoTH folder is still CLoTH's, so that read() names the missing file (issue 21, defect 10)
        return incompleteSet(path) != null;
    }

    /**
     * Whether {@code channels} has CLoTH's channel header: {@code id} and {@code edge1_id} among its columns, in any
     * order (columns are read by name). A file that cannot be read counts: read() then reports it with its location.
     */
    private static boolean isChannelsFile(Path channels) {
        try (CsvLines in = new CsvLines(channels)) {
            String header = in.next();
            if (header == null) {
                return false;
            }
            List<String> cols = CsvLines.split(header).stream().map(CsvLines::columnName).toList();
            return cols.contains("id") && cols.contains("edge1_id");
        } catch (IOException e) {
            return true;
        }
    }

    /**
     * The first file set of which {@code dir} holds some files but not both of the required two: any CLoTH-named
     * ({@code _ln}) file, or a {@code channels.csv} with CLoTH's header; null when there is none.
     */
    private static String[] incompleteSet(Path dir) throws NetworkFormatException {
        for (String[] set : FILE_SETS) {
            Path nodes = find(dir, set[0]);
            Path channels = find(dir, set[1]);
            Path edges = find(dir, set[2]);
            boolean own = set[0].endsWith("_ln") && (nodes != null || channels != null || edges != null);
            if (own || (channels != null && isChannelsFile(channels))) {
                return set;
            }
        }
        return null;
    }

    /** The CLoTH file set in {@code dir}, or null. */
    static Layout layout(Path dir) throws NetworkFormatException {
        for (String[] set : FILE_SETS) {
            Path nodes = find(dir, set[0]);
            Path channels = find(dir, set[1]);
            if (nodes != null && channels != null) {
                return new Layout(nodes, channels, find(dir, set[2]));
            }
        }
        return null;
    }

    /**
     * {@code base.csv} or {@code base.csv.gz} in {@code dir}, or null; both at once are refused rather than one of them
     * silently chosen (issue 21, defect 9).
     */
    private static Path find(Path dir, String base) throws NetworkFormatException {
        Path plain = dir.resolve(base + ".csv");
        Path gz = dir.resolve(base + ".csv.gz");
        boolean hasPlain = Files.isRegularFile(plain);
        boolean hasGz = Files.isRegularFile(gz);
        if (hasPlain && hasGz) {
            throw new NetworkFormatException(dir, null, "both " + base + ".csv and " + base + ".csv.gz are present; "
                    + "keep one");
        }
        return hasPlain ? plain : hasGz ? gz : null;
    }

    // ------------------------------------------------------------------ reading

    @Override
    public LoadedNetwork read(Path path, ReadProgress progress) throws IOException {
        Layout l = Files.isDirectory(path) ? layout(path) : null;
        String[] partial = l == null && Files.isDirectory(path) ? incompleteSet(path) : null;
        if (partial != null) {
            List<String> missing = new java.util.ArrayList<>();
            for (int k = 0; k < 2; k++) {
                if (find(path, partial[k]) == null) {
                    missing.add(partial[k] + ".csv");
                }
            }
            throw new NetworkFormatException(path, null, "incomplete CLoTH folder: " + String.join(" and ", missing)
                    + " missing (optionally .gz)");
        }
        if (l == null) {
            throw new NetworkFormatException(path, null, "not a CLoTH folder: expected nodes_ln.csv and channels_ln.csv"
                    + " (or nodes.csv and channels.csv), optionally .gz");
        }
        LoadReport report = new LoadReport(NAME);
        report.file("nodes", l.nodes());
        report.file("channels", l.channels());
        if (l.edges() != null) {
            report.file("edges", l.edges());
        }
        Importer r = new Importer(report, progress);
        r.readNodes(l.nodes());
        r.readChannels(l.channels());
        if (l.edges() != null) {
            r.readEdges(l.edges());
            report.add("one_sided_channels", r.col.oneSidedChannels());
            report.add("channels_without_edges", r.col.channelsWithoutRecords());
            report.add("htlc_minimum_above_capacity", r.col.htlcMinimumAboveCapacity());
        }
        ChannelGraph g = r.col.build();
        FileBalances balances = null;
        if (l.edges() != null) {
            balances = r.balances(g);
        }
        long withoutPolicy = 0;
        for (int e = 0; e < 2 * g.channelCount(); e++) {
            withoutPolicy += g.hasPolicy(e) ? 0 : 1;
        }
        report.add("directions_without_policy", withoutPolicy);
        long isolated = 0;
        for (int n = 0; n < g.nodeCount(); n++) {
            isolated += g.degree(n) == 0 ? 1 : 0;
        }
        report.add("nodes_without_channels", isolated);
        return new LoadedNetwork(g, report, balances);
    }

    /** One file's column positions and the row being parsed. */
    private static final class Table implements AutoCloseable {
        final CsvLines in;
        final int[] index;
        final List<String> names;
        /** Fields of the header: every row has exactly as many (a row with more or fewer is an error). */
        final int width;

        Table(Path file, List<String> required, ReadProgress progress) throws IOException {
            in = new CsvLines(file, progress);
            names = required;
            index = new int[required.size()];
            if (!nextRow0()) {
                throw new NetworkFormatException(file, "line 1", "empty file, expected a header "
                        + String.join(",", required));
            }
            List<String> cols = new java.util.ArrayList<>();
            for (int f = 0; f < in.fields(); f++) {
                cols.add(in.text(f));
            }
            String header = String.join(",", cols);
            width = cols.size();
            for (int i = 0; i < required.size(); i++) {
                index[i] = -1;
                for (int j = 0; j < cols.size(); j++) {
                    if (CsvLines.columnName(cols.get(j)).equals(required.get(i))) {
                        index[i] = j;
                        break;
                    }
                }
                if (index[i] < 0) {
                    throw new NetworkFormatException(file, "line " + in.line(), "missing column '" + required.get(i)
                            + "' in header '" + header + "'");
                }
            }
        }

        private boolean nextRow0() throws IOException {
            try {
                return in.nextRow();
            } catch (ZipException | EOFException e) {
                throw new NetworkFormatException(in.file(), "line " + (in.line() + 1),
                        "truncated or corrupt gzip data: " + e.getMessage(), e);
            }
        }

        /** Advances to the next data row; false at the end. */
        boolean next() throws IOException {
            if (!nextRow0()) {
                return false;
            }
            if (in.fields() != width) {
                throw error("expected " + width + " fields as in the header, found " + in.fields());
            }
            return true;
        }

        /** Column {@code k} of the required list as a non-negative integer. */
        long get(int k) throws NetworkFormatException {
            long x = in.number(index[k]);
            if (x == JsonValues.NULL) {
                throw error("column '" + names.get(k) + "' is not an integer: '" + in.text(index[k]) + "'");
            }
            if (x < 0) {
                throw error("column '" + names.get(k) + "' is negative: " + x);
            }
            return x;
        }

        NetworkFormatException error(String message) {
            return new NetworkFormatException(in.file(), "line " + in.line(), message);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    private static final class Importer {
        final LoadReport report;
        final ChannelCollector col = new ChannelCollector();
        final LongIntMap nodeByNumber = new LongIntMap(1024);
        final LongIntMap edgeById = new LongIntMap(2048);
        long[] edge1 = new long[64];
        long[] edge2 = new long[64];
        /** The channel's capacity in msat as the file states it (before lnsim rounds it down to whole sat). */
        long[] capMsatStated = new long[64];
        /** Per builder direction {@code 2c + s} (s = 0 leaving node1_id): the edge row's balance, msat. */
        long[] stated = new long[128];
        /** CLoTH's node number of each builder node. */
        long[] numberOfNode = new long[64];
        Path nodesFile;
        Path channelsFile;

        private final ReadProgress progress;

        Importer(LoadReport report, ReadProgress progress) {
            this.report = report;
            this.progress = progress;
        }

        void readNodes(Path file) throws IOException {
            nodesFile = file;
            try (Table t = new Table(file, NODE_COLUMNS, progress)) {
                while (t.next()) {
                    long k = t.get(0);
                    report.count("nodes_read");
                    if (k > Integer.MAX_VALUE) {
                        throw t.error("node number " + k + " is larger than " + Integer.MAX_VALUE);
                    }
                    if (nodeByNumber.get(k) != LongIntMap.MISSING) {
                        report.count("duplicate_node");
                        continue;
                    }
                    int n = col.node(NodeIds.fromIndex((int) k));
                    nodeByNumber.put(k, n);
                    if (n >= numberOfNode.length) {
                        numberOfNode = java.util.Arrays.copyOf(numberOfNode, numberOfNode.length * 2);
                    }
                    numberOfNode[n] = k;
                }
            }
        }

        private int node(Table t, long k, String column) throws NetworkFormatException {
            int n = nodeByNumber.get(k);
            if (n == LongIntMap.MISSING) {
                throw t.error("unknown node " + k + " in column '" + column + "' (not listed in "
                        + nodesFile.getFileName() + ")");
            }
            return n;
        }

        void readChannels(Path file) throws IOException {
            channelsFile = file;
            try (Table t = new Table(file, CHANNEL_COLUMNS, progress)) {
                while (t.next()) {
                    report.count("channels_read");
                    long id = t.get(0);
                    long e1 = t.get(1);
                    long e2 = t.get(2);
                    int a = node(t, t.get(3), "node1_id");
                    int b = node(t, t.get(4), "node2_id");
                    long capMsat = t.get(5);
                    if (a == b) {
                        throw t.error("channel " + id + " is a self-loop (node1_id = node2_id = " + t.get(3) + ")");
                    }
                    if (e1 == e2) {
                        throw t.error("channel " + id + " names edge " + e1 + " for both directions");
                    }
                    // checked here, as the collector's messages name scids, which CLoTH ids are not (defects 2, 9)
                    if (capMsat < 1000) {
                        throw t.error("channel " + id + " has capacity " + capMsat + " msat; a channel is funded "
                                + "with at least 1 sat");
                    }
                    if (capMsat / 1000 > ChannelGraph.MAX_CAPACITY_SAT) {
                        throw t.error("channel " + id + " has capacity " + capMsat + " msat, more than the 21M BTC "
                                + "supply (" + ChannelGraph.MAX_CAPACITY_SAT + " sat)");
                    }
                    int c;
                    try {
                        c = col.channel(id, a, b, capMsat / 1000);
                    } catch (IllegalArgumentException e) {
                        throw t.error("channel id " + id + " is listed earlier with other endpoints or capacity");
                    }
                    if (!col.lastChannelWasNew()) {
                        boolean sameOrder = col.builder().endpoint(c, 0) == a;
                        if (edge1[c] != e1 || edge2[c] != e2 || !sameOrder) {
                            throw t.error("channel id " + id + " is listed earlier with other data");
                        }
                        report.count("duplicate_channel_merged");
                        continue;
                    }
                    if (capMsat % 1000 != 0) {
                        report.count("capacity_msat_truncated");
                    }
                    if (c >= edge1.length) {
                        edge1 = java.util.Arrays.copyOf(edge1, edge1.length * 2);
                        edge2 = java.util.Arrays.copyOf(edge2, edge2.length * 2);
                        capMsatStated = java.util.Arrays.copyOf(capMsatStated, capMsatStated.length * 2);
                        stated = java.util.Arrays.copyOf(stated, stated.length * 2);
                    }
                    edge1[c] = e1;
                    edge2[c] = e2;
                    capMsatStated[c] = capMsat;
                    for (long e : new long[] {e1, e2}) {
                        int prev = edgeById.get(e);
                        if (prev != LongIntMap.MISSING) {
                            throw t.error("edge id " + e + " is already used by channel "
                                    + col.builder().scid(prev >>> 1));
                        }
                    }
                    edgeById.put(e1, 2 * c);
                    edgeById.put(e2, 2 * c + 1);
                }
            }
        }

        void readEdges(Path file) throws IOException {
            try (Table t = new Table(file, EDGE_COLUMNS, progress)) {
                while (t.next()) {
                    report.count("edges_read");
                    long id = t.get(0);
                    long channelId = t.get(1);
                    long counter = t.get(2);
                    int from = node(t, t.get(3), "from_node_id");
                    int to = node(t, t.get(4), "to_node_id");
                    long balance = t.get(5);
                    int c = col.channelIndex(channelId);
                    if (c < 0) {
                        throw t.error("unknown channel " + channelId + " (not listed in " + channelsFile.getFileName()
                                + ")");
                    }
                    int slot = edgeById.get(id);
                    if (slot == LongIntMap.MISSING || (slot >>> 1) != c) {
                        throw t.error("edge " + id + " is not edge1_id or edge2_id of channel " + channelId);
                    }
                    int side = slot & 1;
                    long other = side == 0 ? edge2[c] : edge1[c];
                    if (counter != other) {
                        throw t.error("counter_edge_id " + counter + " is not the other edge (" + other
                                + ") of channel " + channelId);
                    }
                    int expectFrom = col.builder().endpoint(c, side);
                    int expectTo = col.builder().endpoint(c, 1 - side);
                    if (from != expectFrom || to != expectTo) {
                        throw t.error("edge " + id + " goes " + t.get(3) + " → " + t.get(4)
                                + " but channel " + channelId + " lists it the other way");
                    }
                    checkBalance(t, id, channelId, c, side, balance);
                    ChannelCollector.Merge m;
                    try {
                        m = col.direction(c, from, true, t.get(6), t.get(7), t.get(9), t.get(8),
                                ChannelPolicy.NO_HTLC_MAXIMUM, false, 0);
                    } catch (IllegalArgumentException e) {
                        throw t.error(e.getMessage());
                    }
                    if (m == ChannelCollector.Merge.SAME) {
                        report.count("duplicate_edge_merged");
                    } else if (m != ChannelCollector.Merge.NEW) {
                        throw t.error("edge " + id + " is listed earlier with another policy");
                    }
                }
            }
        }

        /**
         * Checks edge {@code id}'s balance against its channel and records it: at most the capacity, the same as an
         * earlier row of the same edge, and with the other edge's (when read) summing to the capacity — CLoTH's
         * edges of a channel share its capacity ({@code network.c} splits it so; lnsim refuses a file that does not,
         * rather than guess which side is wrong).
         */
        void checkBalance(Table t, long id, long channelId, int c, int side, long balance)
                throws NetworkFormatException {
            int e = 2 * c + side;
            long cap = capMsatStated[c];
            boolean again = col.seen(c, side);
            if (again && stated[e] != balance) {
                throw t.error("edge " + id + " is listed earlier with balance " + stated[e] + " msat, here " + balance);
            }
            if (balance > cap) {
                throw t.error("edge " + id + " has balance " + balance + " msat, more than the capacity " + cap
                        + " msat of channel " + channelId);
            }
            if (!again && col.seen(c, 1 - side) && stated[e ^ 1] + balance != cap) {
                throw t.error("the balances of channel " + channelId + " do not add up to its capacity: " + stated[e ^ 1]
                        + " + " + balance + " = " + (stated[e ^ 1] + balance) + " msat, capacity " + cap + " msat");
            }
            stated[e] = balance;
        }

        /**
         * Node_1's share of every channel of {@code g} from the edge rows, or null (counted {@code balances_ignored})
         * when some channel has no edge row at all. A channel with one edge row gives the other side the rest of the
         * capacity. lnsim keeps capacities in whole sat: a stated capacity with a sub-sat remainder r loses it from
         * node_2's side (from node_1's when node_2 holds less than r), counted {@code balance_msat_trimmed}.
         */
        FileBalances balances(ChannelGraph g) {
            int m = col.channelCount();
            if (col.channelsWithoutRecords() > 0) {
                report.add("balances_ignored", report.get("edges_read"));
                return null;
            }
            long[] node1 = new long[g.channelCount()];
            long trimmed = 0;
            ChannelGraphBuilder b = col.builder();
            for (int c = 0; c < m; c++) {
                int gc = g.indexOfChannel(b.scid(c));
                // node order is CLoTH's numeric order, so graph node_1 is the endpoint with the lesser number
                int s = numberOfNode[b.endpoint(c, 0)] < numberOfNode[b.endpoint(c, 1)] ? 0 : 1;
                long share = col.seen(c, s) ? stated[2 * c + s] : capMsatStated[c] - stated[2 * c + 1 - s];
                long cap = g.capacityMsat(gc);
                if (cap != capMsatStated[c]) {
                    trimmed++;
                    share = Math.min(share, cap);
                }
                node1[gc] = share;
            }
            report.add("channels_with_balances", m);
            report.add("balance_msat_trimmed", trimmed);
            return FileBalances.adopt(g, node1);
        }
    }

    // ------------------------------------------------------------------ writing

    @Override
    public void write(ChannelGraph graph, Path target) throws IOException {
        writeWithReport(graph, null, target);
    }

    @Override
    public boolean writesBalances() {
        return true;
    }

    @Override
    public void write(ChannelGraph graph, FileBalances balances, Path target) throws IOException {
        writeWithReport(graph, balances, target);
    }

    /** {@link #writeWithReport(ChannelGraph, FileBalances, Path)} without balances: each capacity split in half. */
    public LoadReport writeWithReport(ChannelGraph g, Path target) throws IOException {
        return writeWithReport(g, null, target);
    }

    /**
     * Writes the folder and returns what had to be defaulted or dropped ({@code policy_defaulted},
     * {@code disabled_written_enabled}, {@code htlc_maximum_dropped}).
     *
     * @param balances the graph's initial balances, written as the edges' {@code balance}; null: ⌊cap/2⌋ to edge1
     */
    public LoadReport writeWithReport(ChannelGraph g, FileBalances balances, Path target) throws IOException {
        if (balances != null && balances.channelCount() != g.channelCount()) {
            throw new IllegalArgumentException(balances.channelCount() + " balances for " + g.channelCount()
                    + " channels");
        }
        LoadReport report = new LoadReport(NAME);
        try (AtomicFolder folder = AtomicFolder.open(target, EXPORT_FILES::contains, true, "")) {
            writeFiles(g, balances, folder.dir(), report);
            report.file("nodes", folder.target().resolve("nodes_ln.csv"));
            report.file("channels", folder.target().resolve("channels_ln.csv"));
            report.file("edges", folder.target().resolve("edges_ln.csv"));
            folder.commit();
        }
        return report;
    }

    private static void writeFiles(ChannelGraph g, FileBalances balances, Path dir, LoadReport report)
            throws IOException {
        try (Writer w = writer(dir.resolve("nodes_ln.csv"))) {
            w.write("id\n");
            for (int n = 0; n < g.nodeCount(); n++) {
                w.write(Integer.toString(n));
                w.write('\n');
            }
        }
        try (Writer w = writer(dir.resolve("channels_ln.csv"))) {
            w.write("id,edge1_id,edge2_id,node1_id,node2_id,capacity\n");
            StringBuilder sb = new StringBuilder(64);
            for (int c = 0; c < g.channelCount(); c++) {
                sb.setLength(0);
                sb.append(c).append(',').append(2L * c).append(',').append(2L * c + 1).append(',')
                        .append(g.node1(c)).append(',').append(g.node2(c)).append(',').append(g.capacityMsat(c))
                        .append('\n');
                w.append(sb);
            }
        }
        try (Writer w = writer(dir.resolve("edges_ln.csv"))) {
            w.write("id,channel_id,counter_edge_id,from_node_id,to_node_id,balance,fee_base,fee_proportional,"
                    + "min_htlc,timelock\n");
            StringBuilder sb = new StringBuilder(96);
            for (int c = 0; c < g.channelCount(); c++) {
                long cap = g.capacityMsat(c);
                for (int d = 0; d < 2; d++) {
                    int e = ChannelGraph.direction(c, d);
                    long balance = balances != null ? balances.balanceMsat(g, e) : d == 0 ? cap / 2 : cap - cap / 2;
                    long base = DEFAULT_FEE_BASE_MSAT;
                    long ppm = DEFAULT_FEE_PPM;
                    long min = DEFAULT_MIN_HTLC_MSAT;
                    long lock = DEFAULT_TIMELOCK;
                    if (g.hasPolicy(e)) {
                        base = g.feeBaseMsat(e);
                        ppm = g.feeProportionalMillionths(e);
                        min = g.htlcMinimumMsat(e);
                        lock = g.cltvExpiryDelta(e);
                        if (g.isDisabled(e)) {
                            report.count("disabled_written_enabled");
                        }
                        if (g.hasHtlcMaximum(e)) {
                            report.count("htlc_maximum_dropped");
                        }
                    } else {
                        report.count("policy_defaulted");
                    }
                    sb.setLength(0);
                    sb.append(e).append(',').append(c).append(',').append(e ^ 1).append(',')
                            .append(g.source(e)).append(',').append(g.target(e)).append(',').append(balance).append(',')
                            .append(base).append(',').append(ppm).append(',').append(min).append(',').append(lock)
                            .append('\n');
                    w.append(sb);
                }
            }
        }
    }

    private static Writer writer(Path file) throws IOException {
        return new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16);
    }

    /** CLoTH's three files: all an existing target may hold for an export to replace it ({@link AtomicFolder}). */
    private static final java.util.Set<String> EXPORT_FILES = java.util.Set.of("nodes_ln.csv", "channels_ln.csv",
            "edges_ln.csv");
}
