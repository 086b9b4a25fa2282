package org.lnsim.network.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.lnsim.network.AddressType;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.ChannelPolicy;
import org.lnsim.network.NodeAddress;
import org.lnsim.network.NodeIds;
import org.lnsim.network.ShortChannelId;

/**
 * Reader for Core Lightning (c-lightning) {@code lightning-cli listchannels} JSON (snapshots SOURCES.md §2, §3, §7):
 * {@code {"channels":[...]}} with one entry per channel <em>direction</em>. Read with Jackson's streaming parser, so a
 * million-channel dump needs memory only for the graph itself.
 *
 * <h2>Fields</h2>
 * {@code source}, {@code destination}, {@code short_channel_id} ({@code BxTxO}, also with ':'), capacity from
 * {@code satoshis} and/or {@code amount_msat} (number or {@code "...msat"} string; both present must agree),
 * {@code active}, {@code channel_flags}, {@code base_fee_millisatoshi}, {@code fee_per_millionth}, {@code delay},
 * {@code htlc_minimum_msat}, {@code htlc_maximum_msat}, {@code last_update}, {@code public}, {@code policy_unknown}.
 * Other fields are skipped. Numbers may be JSON numbers or decimal strings.
 * <ul>
 *   <li>Direction: {@code channel_flags} bit 0 (0 = sent by the lesser node id, BOLT 7); when absent it is derived by
 *       comparing {@code source} and {@code destination}. A bit that contradicts the ids is an error.</li>
 *   <li>Disabled: {@code active == false}. When {@code active} is absent, {@code channel_flags} bit 1. If both are
 *       present and disagree, {@code active} wins (it is what the snapshot statistics use, SOURCES.md "fees").</li>
 *   <li>No policy known: {@code policy_unknown == true} (the 2026 gossmap decode), or all of base fee, fee rate and
 *       delay null/absent (the decode's disabled directions, which the compressed format stores without policy).
 *       Only some of the three present is an error.</li>
 *   <li>The 2026 gossmap decode ({@code cln-gossmap-2026-02-03.listchannels.json.gz}) is read as is: its synthetic
 *       {@code "<idx>x0x0"} scids are ordinary scids here (block = channel index).</li>
 * </ul>
 *
 * <h2>Node announcements: the sibling {@code listnodes} file</h2>
 * If a file exists in the same folder whose name is this file's name with every {@code "listchannels"} replaced by
 * {@code "listnodes"} (e.g. {@code clightning-listnodes-2019-05-14.json.gz} next to
 * {@code clightning-listchannels-2019-05-14.json.gz}), it is read as {@code listnodes} JSON
 * ({@code {"nodes":[{nodeid, alias, last_timestamp, addresses[{type,address,port}]}]}}) and recorded in the report
 * under {@code "nodes"}. A node listed with {@code last_timestamp} or {@code addresses} is announced (types
 * {@code ipv4, ipv6, torv2, torv3, dns}); one listed with only its id is not. Without the sibling no node is
 * announced. Nodes without channels are not added (BOLT 7 ignores their announcements).
 *
 * <h2>Folders</h2>
 * A folder is accepted if it holds exactly one regular file whose name contains {@code listchannels} and ends in
 * {@code .json} or {@code .json.gz}; that file is read.
 *
 * <h2>Load report counters</h2>
 * <ul>
 *   <li>{@code directions_read}: entries in {@code channels}.</li>
 *   <li>{@code private_dropped}: entries with {@code public == false}, not part of the public graph.</li>
 *   <li>{@code disabled}: entries with a known policy and {@code active == false} (kept as disabled directions).</li>
 *   <li>{@code active_overrides_channel_flags}: entries whose {@code active} contradicts {@code channel_flags} bit 1.</li>
 *   <li>{@code policy_unknown}: entries flagged {@code policy_unknown}; {@code policy_null}: entries with all policy
 *       fields null or absent. Both become directions without a policy.</li>
 *   <li>{@code htlc_minimum_defaulted}: known policies without {@code htlc_minimum_msat}, set to 0 (c-lightning's
 *       default, lightning-facts §2.6); {@code htlc_maximum_absent}: known policies without {@code htlc_maximum_msat},
 *       kept as {@link ChannelPolicy#NO_HTLC_MAXIMUM}.</li>
 *   <li>{@code capacity_msat_truncated}: capacities given only in msat that are not whole satoshis (rounded down).</li>
 *   <li>{@code duplicate_direction_merged}: a direction listed again with the same policy (merged);
 *       {@code duplicate_direction_replaced}: listed again with another policy and a {@code last_update} not older
 *       (the later record wins); {@code duplicate_direction_older_dropped}: listed again with an older
 *       {@code last_update} (dropped). See {@link ChannelCollector}.</li>
 *   <li>{@code one_sided_channels}: channels with an entry for only one direction; the other has no policy.</li>
 *   <li>{@code htlc_minimum_above_capacity}: known policies whose {@code htlc_minimum_msat} exceeds the capacity: no
 *       HTLC can cross them.</li>
 *   <li>listnodes: {@code listnodes_entries}, {@code listnodes_not_announced}, {@code listnodes_without_channels}
 *       (skipped), {@code listnodes_duplicate} (the later entry wins), {@code address_type_unknown} (skipped
 *       addresses, e.g. websocket).</li>
 * </ul>
 * Errors ({@link NetworkFormatException}, located as {@code "record K (channels[K]) at line L"}): truncated or
 * malformed JSON, wrong value types, missing endpoints/scid/capacity, bad node ids, negative capacity, self-loops,
 * a scid repeated with other endpoints or capacity, incomplete policies, out-of-range policy values.
 */
public final class ClnListChannelsFormat implements NetworkReader {
    public static final String NAME = "cln-listchannels";

    private static final Map<String, List<String>> SNIFF =
            Map.of("channels", List.of("short_channel_id", "source", "destination"));
    private static final long ABSENT = Long.MIN_VALUE + 1;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean probe(Path path, byte[] head) throws IOException {
        if (Files.isDirectory(path)) {
            return !listChannelsFiles(path).isEmpty();
        }
        return JsonValues.sniff(path, head, SNIFF);
    }

    /** Regular files in {@code dir} named {@code *listchannels*.json[.gz]}, sorted by name. */
    static List<Path> listChannelsFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).filter(f -> {
                String n = f.getFileName().toString();
                return n.contains("listchannels") && (n.endsWith(".json") || n.endsWith(".json.gz"));
            }).sorted().collect(Collectors.toList());
        }
    }

    /** The sibling listnodes file of a listchannels file, or null if there is none. */
    public static Path siblingListNodes(Path listChannels) {
        String name = listChannels.getFileName().toString();
        if (!name.contains("listchannels")) {
            return null;
        }
        Path sibling = listChannels.resolveSibling(name.replace("listchannels", "listnodes"));
        return Files.isRegularFile(sibling) ? sibling : null;
    }

    @Override
    public LoadedNetwork read(Path path, ReadProgress progress) throws IOException {
        Path file = path;
        if (Files.isDirectory(path)) {
            List<Path> found = listChannelsFiles(path);
            if (found.size() != 1) {
                throw new NetworkFormatException(path, null, "a folder must hold exactly one *listchannels*.json[.gz]"
                        + " file, found " + found.size() + ": "
                        + found.stream().map(f -> f.getFileName().toString()).collect(Collectors.joining(", ")));
            }
            file = found.get(0);
        }
        LoadReport report = new LoadReport(NAME);
        report.file("channels", file);
        ChannelCollector col = new ChannelCollector();
        new ChannelsPass(file, col, report, progress).run();
        report.add("one_sided_channels", col.oneSidedChannels());
        report.add("htlc_minimum_above_capacity", col.htlcMinimumAboveCapacity());
        Path nodes = siblingListNodes(file);
        if (nodes != null) {
            report.file("nodes", nodes);
            readNodes(nodes, col, report, progress);
        }
        return new LoadedNetwork(col.build(), report);
    }

    /** One entry of {@code channels}, reused between records. */
    private static final class Entry {
        final byte[] source = new byte[NodeIds.LENGTH];
        final byte[] destination = new byte[NodeIds.LENGTH];
        boolean hasSource;
        boolean hasDestination;
        String scid;
        long satoshis;
        long amountMsat;
        int active;
        int isPublic;
        int policyUnknown;
        long channelFlags;
        long base;
        long ppm;
        long delay;
        long hmin;
        long hmax;
        long lastUpdate;

        void reset() {
            hasSource = false;
            hasDestination = false;
            scid = null;
            satoshis = ABSENT;
            amountMsat = ABSENT;
            active = -1;
            isPublic = -1;
            policyUnknown = -1;
            channelFlags = ABSENT;
            base = ABSENT;
            ppm = ABSENT;
            delay = ABSENT;
            hmin = ABSENT;
            hmax = ABSENT;
            lastUpdate = ABSENT;
        }
    }

    private static boolean has(long v) {
        return v != ABSENT && v != JsonValues.NULL;
    }

    /** Streams the channels array of one file into the collector. */
    private static final class ChannelsPass {
        private final Path file;
        private final ChannelCollector col;
        private final LoadReport report;
        private final NodeIndex nodes;
        private final Entry e = new Entry();

        private final ReadProgress progress;

        ChannelsPass(Path file, ChannelCollector col, LoadReport report, ReadProgress progress) {
            this.progress = progress;
            this.file = file;
            this.col = col;
            this.report = report;
            this.nodes = new NodeIndex(col);
        }

        void run() throws IOException {
            JsonRecords.read(file, progress, Map.of("channels", "channel direction"), "channels", (a, i, line, p) -> {
                readEntry(p);
                apply();
            });
        }

        private void readEntry(JsonParser p) throws IOException {
            e.reset();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                p.nextToken();
                switch (f) {
                    case "source" -> e.hasSource = readId(p, f, e.source);
                    case "destination" -> e.hasDestination = readId(p, f, e.destination);
                    case "short_channel_id" -> e.scid = JsonValues.text(p, f);
                    case "satoshis" -> e.satoshis = JsonValues.integer(p, f);
                    case "amount_msat" -> e.amountMsat = JsonValues.integer(p, f);
                    case "active" -> e.active = JsonValues.bool(p, f);
                    case "public" -> e.isPublic = JsonValues.bool(p, f);
                    case "policy_unknown" -> e.policyUnknown = JsonValues.bool(p, f);
                    case "channel_flags" -> e.channelFlags = JsonValues.integer(p, f);
                    case "base_fee_millisatoshi" -> e.base = JsonValues.integer(p, f);
                    case "fee_per_millionth" -> e.ppm = JsonValues.integer(p, f);
                    case "delay" -> e.delay = JsonValues.integer(p, f);
                    case "htlc_minimum_msat" -> e.hmin = JsonValues.integer(p, f);
                    case "htlc_maximum_msat" -> e.hmax = JsonValues.integer(p, f);
                    case "last_update" -> e.lastUpdate = JsonValues.integer(p, f);
                    default -> p.skipChildren();
                }
            }
        }

        private static boolean readId(JsonParser p, String field, byte[] dest) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_NULL) {
                return false;
            }
            NodeIndex.read(p, field, dest);
            return true;
        }

        private void apply() {
            report.count("directions_read");
            if (e.isPublic == 0) {
                report.count("private_dropped");
                return;
            }
            if (e.scid == null) {
                throw new IllegalArgumentException("missing field 'short_channel_id'");
            }
            if (!e.hasSource) {
                throw new IllegalArgumentException("missing field 'source'");
            }
            if (!e.hasDestination) {
                throw new IllegalArgumentException("missing field 'destination'");
            }
            int order = NodeIds.compare(e.source, 0, e.destination, 0);
            if (order == 0) {
                throw new IllegalArgumentException("channel " + e.scid + " is a self-loop (source = destination)");
            }
            int a = nodes.node(e.source);
            int b = nodes.node(e.destination);
            long scid = ShortChannelId.parse(e.scid);
            long sat;
            if (has(e.satoshis)) {
                sat = e.satoshis;
                // compared in sat, so that a capacity too large for msat cannot overflow into agreement
                if (has(e.amountMsat) && (Math.floorDiv(e.amountMsat, 1000) != sat || e.amountMsat % 1000 != 0)) {
                    throw new IllegalArgumentException("amount_msat " + e.amountMsat + " disagrees with satoshis " + sat);
                }
            } else if (has(e.amountMsat)) {
                sat = Math.floorDiv(e.amountMsat, 1000);
                if (e.amountMsat % 1000 != 0) {
                    report.count("capacity_msat_truncated");
                }
            } else {
                throw new IllegalArgumentException("no capacity: neither 'satoshis' nor 'amount_msat' is given");
            }
            int c = col.channel(scid, a, b, sat);
            boolean sourceIsLesser = order < 0;
            if (has(e.channelFlags) && ((e.channelFlags & 1) == 0) != sourceIsLesser) {
                throw new IllegalArgumentException("channel_flags direction bit " + (e.channelFlags & 1)
                        + " contradicts the node ids (source is the " + (sourceIsLesser ? "lesser" : "greater") + " id)");
            }
            boolean disabled;
            if (e.active >= 0) {
                disabled = e.active == 0;
                if (has(e.channelFlags) && ((e.channelFlags & 2) != 0) != disabled) {
                    report.count("active_overrides_channel_flags");
                }
            } else {
                disabled = has(e.channelFlags) && (e.channelFlags & 2) != 0;
            }
            boolean known;
            if (e.policyUnknown == 1) {
                known = false;
                report.count("policy_unknown");
            } else {
                int present = (has(e.base) ? 1 : 0) + (has(e.ppm) ? 1 : 0) + (has(e.delay) ? 1 : 0);
                if (present == 0) {
                    known = false;
                    report.count("policy_null");
                } else if (present == 3) {
                    known = true;
                } else {
                    String missing = !has(e.base) ? "base_fee_millisatoshi" : !has(e.ppm) ? "fee_per_millionth" : "delay";
                    throw new IllegalArgumentException("incomplete policy: '" + missing + "' is missing or null");
                }
            }
            long hmin = 0;
            long hmax = ChannelPolicy.NO_HTLC_MAXIMUM;
            if (known) {
                if (has(e.hmin)) {
                    hmin = e.hmin;
                } else {
                    report.count("htlc_minimum_defaulted");
                }
                if (has(e.hmax)) {
                    hmax = e.hmax;
                } else {
                    report.count("htlc_maximum_absent");
                }
                if (disabled) {
                    report.count("disabled");
                }
            }
            long updated = has(e.lastUpdate) ? e.lastUpdate : 0;
            switch (col.direction(c, a, known, e.base, e.ppm, e.delay, hmin, hmax, disabled, updated)) {
                case SAME -> report.count("duplicate_direction_merged");
                case REPLACED -> report.count("duplicate_direction_replaced");
                case KEPT_EXISTING -> report.count("duplicate_direction_older_dropped");
                default -> {
                }
            }
        }
    }

    private static void readNodes(Path file, ChannelCollector col, LoadReport report, ReadProgress progress)
            throws IOException {
        boolean[] seen = new boolean[col.builder().nodeCount()];
        JsonRecords.read(file, progress, Map.of("nodes", "node"), "nodes",
                (a, i, line, p) -> readNode(p, col, report, seen));
    }

    private static void readNode(JsonParser p, ChannelCollector col, LoadReport report, boolean[] seen)
            throws IOException {
        String id = null;
        String alias = null;
        boolean timestamp = false;
        List<NodeAddress> addresses = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            p.nextToken();
            switch (f) {
                case "nodeid" -> id = JsonValues.text(p, f);
                case "alias" -> alias = JsonValues.text(p, f);
                case "last_timestamp" -> timestamp = JsonValues.integer(p, f) != JsonValues.NULL;
                case "addresses" -> addresses = readAddresses(p, report);
                default -> p.skipChildren();
            }
        }
        report.count("listnodes_entries");
        if (id == null) {
            throw new IllegalArgumentException("missing field 'nodeid'");
        }
        byte[] bytes;
        try {
            bytes = NodeIds.parse(id);
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("field 'nodeid': " + ex.getMessage());
        }
        int n = col.builder().nodeIndex(bytes);
        if (n < 0) {
            report.count("listnodes_without_channels");
            return;
        }
        if (seen[n]) {
            report.count("listnodes_duplicate");
        }
        seen[n] = true;
        if (!timestamp && addresses == null) {
            report.count("listnodes_not_announced");
            col.builder().setNodeAnnouncement(n, null, null);
            return;
        }
        col.builder().setNodeAnnouncement(n, alias, addresses == null ? List.of() : addresses);
    }

    private static List<NodeAddress> readAddresses(JsonParser p, LoadReport report) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        JsonValues.expect(p, JsonToken.START_ARRAY, "'addresses' array");
        List<NodeAddress> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            JsonValues.expect(p, JsonToken.START_OBJECT, "an address object");
            String type = null;
            String host = null;
            long port = 0;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                p.nextToken();
                switch (f) {
                    case "type" -> type = JsonValues.text(p, f);
                    case "address" -> host = JsonValues.text(p, f);
                    case "port" -> port = JsonValues.integer(p, f);
                    default -> p.skipChildren();
                }
            }
            AddressType t = type == null ? null : switch (type) {
                case "ipv4" -> AddressType.IPV4;
                case "ipv6" -> AddressType.IPV6;
                case "torv2" -> AddressType.TORV2;
                case "torv3" -> AddressType.TORV3;
                case "dns" -> AddressType.DNS;
                default -> null;
            };
            if (t == null) {
                report.count("address_type_unknown");
                continue;
            }
            if (port < 0 || port > 0xFFFF) {
                throw new IllegalArgumentException("address port out of range: " + port);
            }
            out.add(new NodeAddress(t, host, (int) port));
        }
        return out;
    }
}
