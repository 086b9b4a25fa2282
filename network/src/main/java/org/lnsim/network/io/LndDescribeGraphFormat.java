package org.lnsim.network.io;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.lnsim.network.AddressType;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.ChannelPolicy;
import org.lnsim.network.NodeAddress;
import org.lnsim.network.NodeIds;
import org.lnsim.network.ShortChannelId;

/**
 * Reader and writer for lnd's {@code lncli describegraph} JSON (snapshots SOURCES.md §1):
 * <pre>
 * {"nodes":[{last_update, pub_key, alias, addresses[{network, addr}], color}],
 *  "edges":[{channel_id, chan_point, last_update, node1_pub, node2_pub, capacity,
 *            node1_policy{time_lock_delta, min_htlc, fee_base_msat, fee_rate_milli_msat, disabled, max_htlc_msat?,
 *                         last_update?}, node2_policy}]}
 * </pre>
 * {@code node1_policy} is the policy {@code node1} announces (the direction leaving node1). {@code channel_id} is the
 * scid as an unsigned decimal uint64 (a {@code BxTxO} string is accepted too). Numbers may be JSON numbers or decimal
 * strings (lnd prints uint64 fields as strings). Read with Jackson's streaming parser; {@code nodes} and
 * {@code edges} may come in either order.
 *
 * <h2>Reading rules</h2>
 * <ul>
 *   <li>A {@code null} policy means no {@code channel_update} is known for that direction.</li>
 *   <li>{@code max_htlc_msat} absent (lnd before 0.6) or {@code "0"} (lnd's value when the update carries no maximum)
 *       → no maximum.</li>
 *   <li>A node with {@code last_update == 0} is one lnd knows only from channels: not announced, alias ignored.
 *       Listed nodes without channels are not added (BOLT 7 ignores their announcements); edge endpoints missing
 *       from {@code nodes} are added as unannounced.</li>
 *   <li>Duplicates follow {@link ChannelCollector}: the same {@code channel_id} with the same endpoints and capacity
 *       is one channel; a direction seen twice keeps the newer policy by the policy's {@code last_update}, or the
 *       edge's when the policy has none. Other endpoints or capacity under one {@code channel_id} is an error.</li>
 *   <li>Addresses {@code host:port} / {@code [v6]:port}; the type is classified from the host
 *       ({@link AddressType#classify}).</li>
 * </ul>
 *
 * <h2>Load report counters</h2>
 * {@code edges_read}; {@code policy_null} (null policies); {@code disabled} (policies with {@code disabled: true});
 * {@code min_htlc_defaulted} (policy without {@code min_htlc}, set to 0); {@code max_htlc_absent} (no
 * {@code max_htlc_msat}); {@code max_htlc_zero_as_absent} ({@code "0"} read as no maximum); {@code duplicate_edge}
 * (an edge listed again under the same {@code channel_id}); {@code duplicate_direction_merged},
 * {@code duplicate_direction_replaced}, {@code duplicate_direction_older_dropped} (see {@link ChannelCollector});
 * {@code one_sided_channels} (exactly one non-null policy); {@code no_policy_channels} (both null);
 * {@code htlc_minimum_above_capacity} (policies whose {@code min_htlc} exceeds the capacity: no HTLC can cross them);
 * {@code nodes_read}; {@code nodes_not_announced} ({@code last_update} 0); {@code nodes_without_channels} (dropped);
 * {@code nodes_duplicate} (the later entry wins); {@code endpoints_not_listed}; {@code address_unparsable} (skipped).
 *
 * <h2>Writing</h2>
 * The writer emits the same shape with lnd's string-typed uint64 fields, nodes in id order and edges in scid order.
 * lnsim keeps no timestamps, colors or funding outpoints: announced nodes get {@code last_update 1} (lnd's 0 would
 * mean "not announced"), unannounced nodes 0 with alias {@code ""}; edges get {@code last_update 0} and an empty
 * {@code chan_point}; colors are {@code "#000000"}. {@code max_htlc_msat} is written only when the policy has one.
 * A target whose name ends in {@code .gz} is gzip-compressed. The output goes through {@link AtomicOutput}.
 */
public final class LndDescribeGraphFormat implements NetworkReader, NetworkWriter {
    public static final String NAME = "lnd-describegraph";

    private static final Map<String, List<String>> SNIFF = Map.of(
            "nodes", List.of("pub_key"),
            "edges", List.of("channel_id", "node1_pub", "node1_policy"));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean probe(Path path, byte[] head) {
        return head.length > 0 && JsonValues.sniff(path, head, SNIFF);
    }

    // ------------------------------------------------------------------ reading

    @Override
    public LoadedNetwork read(Path path, ReadProgress progress) throws IOException {
        LoadReport report = new LoadReport(NAME);
        report.file("network", path);
        Pass pass = new Pass(path, report, progress);
        pass.run();
        return new LoadedNetwork(pass.col.build(), report);
    }

    /** One direction's policy object, reused. */
    private static final class Policy {
        boolean present;
        long cltv;
        long minHtlc;
        long base;
        long rate;
        long maxHtlc;
        int disabled;
        long lastUpdate;

        void reset() {
            present = false;
            cltv = ABSENT;
            minHtlc = ABSENT;
            base = ABSENT;
            rate = ABSENT;
            maxHtlc = ABSENT;
            disabled = -1;
            lastUpdate = ABSENT;
        }
    }

    /** A listed node's announcement, applied after the edges are known. */
    private record NodeEntry(byte[] id, String alias, List<NodeAddress> addresses, boolean announced) {
    }

    private static final long ABSENT = Long.MIN_VALUE + 1;

    private static boolean has(long v) {
        return v != ABSENT && v != JsonValues.NULL;
    }

    private static final class Pass {
        final Path file;
        final LoadReport report;
        final ChannelCollector col = new ChannelCollector();
        final NodeIndex nodes = new NodeIndex(col);
        final byte[] id1 = new byte[NodeIds.LENGTH];
        final byte[] id2 = new byte[NodeIds.LENGTH];
        final Map<ByteBuffer, NodeEntry> listed = new LinkedHashMap<>();
        final Policy p1 = new Policy();
        final Policy p2 = new Policy();

        private final ReadProgress progress;

        Pass(Path file, LoadReport report, ReadProgress progress) {
            this.progress = progress;
            this.file = file;
            this.report = report;
        }

        void run() throws IOException {
            JsonRecords.read(file, progress, Map.of("nodes", "node", "edges", "edge"), "edges", (a, i, line, p) -> {
                if ("nodes".equals(a)) {
                    readNode(p);
                } else {
                    readEdge(p);
                }
            });
            applyNodes();
            report.add("one_sided_channels", col.oneSidedChannels());
            report.add("no_policy_channels", col.channelsWithoutRecords());
            report.add("htlc_minimum_above_capacity", col.htlcMinimumAboveCapacity());
        }

        private void readNode(JsonParser p) throws IOException {
            String pub = null;
            String alias = null;
            long lastUpdate = ABSENT;
            List<NodeAddress> addresses = new ArrayList<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                p.nextToken();
                switch (f) {
                    case "pub_key" -> pub = JsonValues.text(p, f);
                    case "alias" -> alias = JsonValues.text(p, f);
                    case "last_update" -> lastUpdate = JsonValues.integer(p, f);
                    case "addresses" -> readAddresses(p, addresses);
                    default -> p.skipChildren();
                }
            }
            report.count("nodes_read");
            if (pub == null) {
                throw new IllegalArgumentException("missing field 'pub_key'");
            }
            byte[] id = parseId(pub, "pub_key");
            boolean announced = has(lastUpdate) && lastUpdate != 0;
            if (listed.put(ByteBuffer.wrap(id), new NodeEntry(id, alias, addresses, announced)) != null) {
                report.count("nodes_duplicate");
            }
        }

        private void readAddresses(JsonParser p, List<NodeAddress> out) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_NULL) {
                return;
            }
            JsonValues.expect(p, JsonToken.START_ARRAY, "'addresses' array");
            while (p.nextToken() != JsonToken.END_ARRAY) {
                JsonValues.expect(p, JsonToken.START_OBJECT, "an address object");
                String addr = null;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String f = p.currentName();
                    p.nextToken();
                    if ("addr".equals(f)) {
                        addr = JsonValues.text(p, f);
                    } else {
                        p.skipChildren();
                    }
                }
                NodeAddress a = parseAddress(addr);
                if (a == null) {
                    report.count("address_unparsable");
                } else {
                    out.add(a);
                }
            }
        }

        private void readEdge(JsonParser p) throws IOException {
            String scidText = null;
            boolean n1 = false;
            boolean n2 = false;
            long capacity = ABSENT;
            long lastUpdate = ABSENT;
            p1.reset();
            p2.reset();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                p.nextToken();
                switch (f) {
                    case "channel_id" -> scidText = p.currentToken() == JsonToken.VALUE_NUMBER_INT
                            ? p.getBigIntegerValue().toString() : JsonValues.text(p, f);
                    case "node1_pub" -> n1 = readId(p, f, id1);
                    case "node2_pub" -> n2 = readId(p, f, id2);
                    case "capacity" -> capacity = JsonValues.integer(p, f);
                    case "last_update" -> lastUpdate = JsonValues.integer(p, f);
                    case "node1_policy" -> readPolicy(p, f, p1);
                    case "node2_policy" -> readPolicy(p, f, p2);
                    default -> p.skipChildren();
                }
            }
            report.count("edges_read");
            if (scidText == null) {
                throw new IllegalArgumentException("missing field 'channel_id'");
            }
            long scid = ShortChannelId.parse(scidText);
            if (!n1 || !n2) {
                throw new IllegalArgumentException("missing field '" + (n1 ? "node2_pub" : "node1_pub") + "'");
            }
            if (!has(capacity)) {
                throw new IllegalArgumentException("missing field 'capacity'");
            }
            if (java.util.Arrays.equals(id1, id2)) {
                throw new IllegalArgumentException("channel " + ShortChannelId.format(scid)
                        + " is a self-loop (node1_pub = node2_pub)");
            }
            int a = nodes.node(id1);
            int b = nodes.node(id2);
            int c = col.channel(scid, a, b, capacity);
            if (!col.lastChannelWasNew()) {
                report.count("duplicate_edge");
            }
            long edgeUpdate = has(lastUpdate) ? lastUpdate : 0;
            applyPolicy(c, a, p1, edgeUpdate);
            applyPolicy(c, b, p2, edgeUpdate);
        }

        private void readPolicy(JsonParser p, String field, Policy out) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_NULL) {
                return;
            }
            JsonValues.expect(p, JsonToken.START_OBJECT, "'" + field + "' object or null");
            out.present = true;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                p.nextToken();
                switch (f) {
                    case "time_lock_delta" -> out.cltv = JsonValues.integer(p, f);
                    case "min_htlc" -> out.minHtlc = JsonValues.integer(p, f);
                    case "fee_base_msat" -> out.base = JsonValues.integer(p, f);
                    case "fee_rate_milli_msat" -> out.rate = JsonValues.integer(p, f);
                    case "max_htlc_msat" -> out.maxHtlc = JsonValues.integer(p, f);
                    case "disabled" -> out.disabled = JsonValues.bool(p, f);
                    case "last_update" -> out.lastUpdate = JsonValues.integer(p, f);
                    default -> p.skipChildren();
                }
            }
        }

        private void applyPolicy(int c, int from, Policy p, long edgeUpdate) {
            if (!p.present) {
                report.count("policy_null");
                return;
            }
            String side = from == col.builder().endpoint(c, 0) ? "node1_policy" : "node2_policy";
            if (!has(p.cltv)) {
                throw new IllegalArgumentException(side + ": missing field 'time_lock_delta'");
            }
            if (!has(p.base)) {
                throw new IllegalArgumentException(side + ": missing field 'fee_base_msat'");
            }
            if (!has(p.rate)) {
                throw new IllegalArgumentException(side + ": missing field 'fee_rate_milli_msat'");
            }
            long min = 0;
            if (has(p.minHtlc)) {
                min = p.minHtlc;
            } else {
                report.count("min_htlc_defaulted");
            }
            long max = ChannelPolicy.NO_HTLC_MAXIMUM;
            if (!has(p.maxHtlc)) {
                report.count("max_htlc_absent");
            } else if (p.maxHtlc == 0) {
                report.count("max_htlc_zero_as_absent");
            } else {
                max = p.maxHtlc;
            }
            boolean disabled = p.disabled == 1;
            if (disabled) {
                report.count("disabled");
            }
            long updated = has(p.lastUpdate) ? p.lastUpdate : edgeUpdate;
            try {
                switch (col.direction(c, from, true, p.base, p.rate, p.cltv, min, max, disabled, updated)) {
                    case SAME -> report.count("duplicate_direction_merged");
                    case REPLACED -> report.count("duplicate_direction_replaced");
                    case KEPT_EXISTING -> report.count("duplicate_direction_older_dropped");
                    default -> {
                    }
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(side + ": " + e.getMessage(), e);
            }
        }

        private byte[] parseId(String hex, String field) {
            try {
                return NodeIds.parse(hex);
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("field '" + field + "': " + ex.getMessage());
            }
        }

        private static boolean readId(JsonParser p, String field, byte[] dest) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_NULL) {
                return false;
            }
            NodeIndex.read(p, field, dest);
            return true;
        }

        private void applyNodes() {
            int n = col.builder().nodeCount();
            boolean[] listedEndpoint = new boolean[n];
            for (NodeEntry e : listed.values()) {
                int idx = col.builder().nodeIndex(e.id());
                if (idx < 0) {
                    report.count("nodes_without_channels");
                    continue;
                }
                listedEndpoint[idx] = true;
                if (e.announced()) {
                    col.builder().setNodeAnnouncement(idx, e.alias(), e.addresses());
                } else {
                    report.count("nodes_not_announced");
                }
            }
            for (int i = 0; i < n; i++) {
                if (!listedEndpoint[i]) {
                    report.count("endpoints_not_listed");
                }
            }
        }
    }

    /** Parses lnd's {@code host:port} / {@code [v6]:port}; null when it cannot. */
    static NodeAddress parseAddress(String addr) {
        if (addr == null || addr.isEmpty()) {
            return null;
        }
        String host;
        String port;
        if (addr.startsWith("[")) {
            int close = addr.indexOf(']');
            if (close < 0 || close + 1 >= addr.length() || addr.charAt(close + 1) != ':') {
                return null;
            }
            host = addr.substring(1, close);
            port = addr.substring(close + 2);
        } else {
            int colon = addr.lastIndexOf(':');
            if (colon <= 0 || addr.indexOf(':') != colon) {
                return null;
            }
            host = addr.substring(0, colon);
            port = addr.substring(colon + 1);
        }
        int portNumber;
        try {
            portNumber = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            return null;
        }
        AddressType type = AddressType.classify(host);
        if (type == null || portNumber < 0 || portNumber > 0xFFFF) {
            return null;
        }
        return new NodeAddress(type, host, portNumber);
    }

    // ------------------------------------------------------------------ writing

    @Override
    public void write(ChannelGraph g, Path target) throws IOException {
        boolean gzip = target.getFileName().toString().endsWith(".gz");
        AtomicOutput.write(target, out -> {
            OutputStream os = gzip ? new GZIPOutputStream(out, 1 << 16) : out;
            writeJson(g, os);
            if (gzip) {
                ((GZIPOutputStream) os).finish();
            }
        });
    }

    private static void writeJson(ChannelGraph g, OutputStream os) throws IOException {
        try (JsonGenerator w = JsonValues.FACTORY.createGenerator(os, JsonEncoding.UTF8)) {
            w.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            DefaultPrettyPrinter pp = new DefaultPrettyPrinter();
            pp.indentArraysWith(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);
            pp.indentObjectsWith(new DefaultIndenter("    ", "\n"));
            w.setPrettyPrinter(pp);
            w.writeStartObject();
            w.writeArrayFieldStart("nodes");
            for (int n = 0; n < g.nodeCount(); n++) {
                w.writeStartObject();
                w.writeNumberField("last_update", g.isAnnounced(n) ? 1 : 0);
                w.writeStringField("pub_key", g.nodeIdHex(n));
                w.writeStringField("alias", g.alias(n) == null ? "" : g.alias(n));
                w.writeArrayFieldStart("addresses");
                for (NodeAddress a : g.addresses(n)) {
                    w.writeStartObject();
                    w.writeStringField("network", "tcp");
                    String host = a.type() == AddressType.IPV6 ? "[" + a.host() + "]" : a.host();
                    w.writeStringField("addr", host + ":" + a.port());
                    w.writeEndObject();
                }
                w.writeEndArray();
                w.writeStringField("color", "#000000");
                w.writeEndObject();
            }
            w.writeEndArray();
            w.writeArrayFieldStart("edges");
            for (int c = 0; c < g.channelCount(); c++) {
                w.writeStartObject();
                w.writeStringField("channel_id", Long.toUnsignedString(g.scid(c)));
                w.writeStringField("chan_point", "");
                w.writeNumberField("last_update", 0);
                w.writeStringField("node1_pub", g.nodeIdHex(g.node1(c)));
                w.writeStringField("node2_pub", g.nodeIdHex(g.node2(c)));
                w.writeStringField("capacity", Long.toString(g.capacitySat(c)));
                writePolicy(w, "node1_policy", g, ChannelGraph.direction(c, 0));
                writePolicy(w, "node2_policy", g, ChannelGraph.direction(c, 1));
                w.writeEndObject();
            }
            w.writeEndArray();
            w.writeEndObject();
            w.writeRaw('\n');
        }
    }

    private static void writePolicy(JsonGenerator w, String field, ChannelGraph g, int e) throws IOException {
        if (!g.hasPolicy(e)) {
            w.writeNullField(field);
            return;
        }
        w.writeObjectFieldStart(field);
        w.writeNumberField("time_lock_delta", g.cltvExpiryDelta(e));
        w.writeStringField("min_htlc", Long.toString(g.htlcMinimumMsat(e)));
        w.writeStringField("fee_base_msat", Long.toString(g.feeBaseMsat(e)));
        w.writeStringField("fee_rate_milli_msat", Long.toString(g.feeProportionalMillionths(e)));
        w.writeBooleanField("disabled", g.isDisabled(e));
        if (g.hasHtlcMaximum(e)) {
            w.writeStringField("max_htlc_msat", Long.toString(g.htlcMaximumMsat(e)));
        }
        w.writeEndObject();
    }
}
