package org.lnsim.network.io;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32C;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.ChannelGraphBuilder;
import org.lnsim.network.NodeIds;

/**
 * Small inputs generated from scratch for the reader fuzz properties: documents of each format's shape whose values
 * are drawn mostly from plausible pools (a few node ids, so that channels connect; short channel ids; amounts) and
 * sometimes from {@link Mutator#VALUES} and {@link Mutator#NUMBERS} (wrong types, huge, negative and boundary
 * numbers), with fields left out at random. Native files are generated as valid graphs whose body is then changed and
 * the checksums recomputed, so that the reader's checks behind the checksum are reached too.
 */
final class FuzzGenerators {
    private final Random rnd;
    private final String[] keys;

    FuzzGenerators(long seed) {
        this.rnd = new Random(seed);
        String[] k = new String[6];
        for (int i = 0; i < k.length; i++) {
            k[i] = NodeIds.hex(NodeIds.fromIndex(i * 7919), 0);
        }
        this.keys = k;
    }

    Random random() {
        return rnd;
    }

    // ---- JSON formats ----

    /** lnd describegraph: {"nodes":[...],"edges":[...]}. */
    byte[] lnd() {
        List<String> nodes = new ArrayList<>();
        for (int i = rnd.nextInt(6); i > 0; i--) {
            Map<String, String> n = new LinkedHashMap<>();
            n.put("last_update", number());
            n.put("pub_key", key());
            n.put("alias", text());
            n.put("addresses", rnd.nextBoolean() ? "[]" : "[{\"network\":\"tcp\",\"addr\":" + pick("\"1.2.3.4:9735\"",
                    "\"[::1]:9735\"", "\"abc.onion:9735\"", "\"1.2.3.4\"", "\":\"", "\"1.2.3.4:99999\"", "7") + "}]");
            n.put("color", "\"#3399ff\"");
            nodes.add(object(n));
        }
        List<String> edges = new ArrayList<>();
        for (int i = rnd.nextInt(8); i > 0; i--) {
            Map<String, String> e = new LinkedHashMap<>();
            e.put("channel_id", rnd.nextBoolean() ? quoted(Long.toUnsignedString(scid())) : scidValue());
            e.put("chan_point", "\"b9c7:0\"");
            e.put("last_update", number());
            e.put("node1_pub", key());
            e.put("node2_pub", key());
            e.put("capacity", amount(true));
            e.put("node1_policy", lndPolicy());
            e.put("node2_policy", lndPolicy());
            edges.add(object(e));
        }
        return document("nodes", nodes, "edges", edges);
    }

    private String lndPolicy() {
        if (rnd.nextInt(5) == 0) {
            return pick("null", "{}", "[]", "1");
        }
        Map<String, String> p = new LinkedHashMap<>();
        p.put("time_lock_delta", small());
        p.put("min_htlc", amount(true));
        p.put("fee_base_msat", amount(true));
        p.put("fee_rate_milli_msat", amount(true));
        p.put("disabled", bool());
        p.put("max_htlc_msat", amount(true));
        p.put("last_update", number());
        return object(p);
    }

    /** Core Lightning listchannels: {"channels":[...]}. */
    byte[] clnChannels() {
        List<String> channels = new ArrayList<>();
        for (int i = rnd.nextInt(10); i > 0; i--) {
            Map<String, String> c = new LinkedHashMap<>();
            c.put("source", key());
            c.put("destination", key());
            c.put("short_channel_id", scidValue());
            c.put("public", bool());
            long sat = rnd.nextInt(3) == 0 ? rnd.nextLong() >> rnd.nextInt(64) : rnd.nextInt(10_000_000);
            c.put("satoshis", rnd.nextInt(6) == 0 ? raw() : Long.toString(sat));
            c.put("amount_msat", rnd.nextInt(6) == 0 ? raw() : pick("\"" + sat * 1000 + "msat\"",
                    Long.toString(sat * 1000), "\"" + sat + "msat\""));
            c.put("message_flags", small());
            c.put("channel_flags", small());
            c.put("active", bool());
            c.put("last_update", number());
            c.put("base_fee_millisatoshi", amount(false));
            c.put("fee_per_millionth", amount(false));
            c.put("delay", small());
            c.put("htlc_minimum_msat", amount(true));
            c.put("htlc_maximum_msat", amount(true));
            channels.add(object(c));
        }
        return document("channels", channels, null, null);
    }

    /** Core Lightning listnodes: {"nodes":[...]}. */
    byte[] clnNodes() {
        List<String> nodes = new ArrayList<>();
        for (int i = rnd.nextInt(6); i > 0; i--) {
            Map<String, String> n = new LinkedHashMap<>();
            n.put("nodeid", key());
            n.put("alias", text());
            n.put("last_timestamp", number());
            n.put("addresses", rnd.nextBoolean() ? "[]" : "[{\"type\":" + pick("\"ipv4\"", "\"ipv6\"", "\"torv3\"",
                    "\"dns\"", "\"websocket\"", "\"x\"", "3") + ",\"address\":" + pick("\"1.2.3.4\"", "\"::1\"",
                    "\"a.onion\"", "\"\"", "null") + ",\"port\":" + pick("9735", "0", "65535", "65536", "-1",
                    "\"9735\"") + "}]");
            nodes.add(object(n));
        }
        return document("nodes", nodes, null, null);
    }

    /** ln-graph-viz: {"nodes":[{id,pub_key,...}],"edges":[{id,source,target,capacity,...}]}. */
    byte[] lnGraphViz() {
        List<String> nodes = new ArrayList<>();
        for (int i = rnd.nextInt(6); i > 0; i--) {
            Map<String, String> n = new LinkedHashMap<>();
            n.put("id", vizId());
            n.put("alias", text());
            n.put("Node_Type", "\"LSP\"");
            n.put("Total_Channels", pick("1.0", "2", "null", "-1"));
            n.put("pub_key", key());
            nodes.add(object(n));
        }
        List<String> edges = new ArrayList<>();
        for (int i = rnd.nextInt(8); i > 0; i--) {
            Map<String, String> e = new LinkedHashMap<>();
            String s = vizId();
            String t = vizId();
            e.put("id", rnd.nextInt(4) == 0 ? raw() : "\"" + unquote(s) + "-" + unquote(t) + "\"");
            e.put("source", s);
            e.put("target", t);
            e.put("Channel_Size_Tier", "\"Highway\"");
            e.put("capacity", amount(false));
            edges.add(object(e));
        }
        return document("nodes", nodes, "edges", edges);
    }

    private String vizId() {
        return rnd.nextInt(8) == 0 ? raw() : "\"" + (1000 + rnd.nextInt(5)) + "\"";
    }

    // ---- CLoTH ----

    /** A CLoTH folder (nodes_ln, channels_ln, edges_ln), columns sometimes reordered or suffixed with units. */
    Map<String, byte[]> cloth() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        StringBuilder nodes = new StringBuilder("id\n");
        for (int i = rnd.nextInt(7); i >= 0; i--) {
            nodes.append(clothNumber(6)).append('\n');
        }
        files.put("nodes_ln.csv", nodes.toString().getBytes(StandardCharsets.UTF_8));
        String[] channelCols = {"id", "edge1_id", "edge2_id", "node1_id", "node2_id", "capacity"};
        StringBuilder channels = new StringBuilder(header(channelCols));
        int m = rnd.nextInt(5);
        for (int k = 0; k < m; k++) {
            final int c = k;
            channels.append(row(channelCols, col -> switch (col) {
                case "id" -> clothNumber(m);
                case "edge1_id" -> rnd.nextInt(5) == 0 ? clothNumber(2 * m) : Integer.toString(2 * c);
                case "edge2_id" -> rnd.nextInt(5) == 0 ? clothNumber(2 * m) : Integer.toString(2 * c + 1);
                case "node1_id", "node2_id" -> clothNumber(6);
                default -> rnd.nextInt(4) == 0 ? pickNumber() : Long.toString(rnd.nextInt(1 << 30) * 1000L);
            }));
        }
        files.put("channels_ln.csv", channels.toString().getBytes(StandardCharsets.UTF_8));
        String[] edgeCols = {"id", "channel_id", "counter_edge_id", "from_node_id", "to_node_id", "balance",
                "fee_base", "fee_proportional", "min_htlc", "timelock"};
        StringBuilder edges = new StringBuilder(header(edgeCols));
        for (int e = rnd.nextInt(2 * m + 2); e > 0; e--) {
            edges.append(row(edgeCols, col -> switch (col) {
                case "id", "counter_edge_id" -> clothNumber(2 * m);
                case "channel_id" -> clothNumber(m);
                case "from_node_id", "to_node_id" -> clothNumber(6);
                default -> rnd.nextInt(4) == 0 ? pickNumber() : Integer.toString(rnd.nextInt(100_000));
            }));
        }
        files.put("edges_ln.csv", edges.toString().getBytes(StandardCharsets.UTF_8));
        return files;
    }

    private String header(String[] cols) {
        if (rnd.nextInt(3) == 0) {
            java.util.Collections.shuffle(java.util.Arrays.asList(cols), rnd);
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cols.length; i++) {
            if (rnd.nextInt(20) == 0) {
                continue; // a missing column
            }
            sb.append(sb.length() == 0 ? "" : ",").append(cols[i]).append(rnd.nextInt(8) == 0 ? "(millisat)" : "");
        }
        return sb.append(rnd.nextInt(10) == 0 ? ",latency" : "").append('\n').toString();
    }

    private String row(String[] cols, java.util.function.Function<String, String> value) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cols.length; i++) {
            sb.append(i == 0 ? "" : ",").append(value.apply(cols[i]));
        }
        return sb.append(pick("\n", "\n", "\n", "\r\n", "\r\r\n", "\n\n")).toString();
    }

    private String clothNumber(int bound) {
        return rnd.nextInt(12) == 0 ? pickNumber() : Integer.toString(rnd.nextInt(Math.max(1, bound)));
    }

    // ---- CLoTH payment traces ----

    /** A CLoTH payments.csv naming nodes 0..{@code nodes}-1 (and sometimes others, and node ids in hex). */
    byte[] trace(ChannelGraph graph) {
        StringBuilder sb = new StringBuilder(rnd.nextInt(10) == 0 ? "id,sender,receiver,amount,start_time\n"
                : "id,sender_id,receiver_id,amount,start_time\n");
        long t = 0;
        for (int i = rnd.nextInt(10); i > 0; i--) {
            t += rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(1000);
            sb.append(i).append(',').append(traceNode(graph)).append(',').append(traceNode(graph)).append(',')
                    .append(rnd.nextInt(4) == 0 ? pickNumber() : Integer.toString(1 + rnd.nextInt(1_000_000)))
                    .append(',').append(rnd.nextInt(6) == 0 ? pickNumber() : Long.toString(t))
                    .append(rnd.nextInt(10) == 0 ? ",extra" : "").append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private String traceNode(ChannelGraph g) {
        int k = rnd.nextInt(10);
        if (k == 0) {
            return pickNumber();
        }
        if (k == 1 && g.nodeCount() > 0) {
            return g.nodeIdHex(rnd.nextInt(g.nodeCount()));
        }
        return Integer.toString(rnd.nextInt(Math.max(1, g.nodeCount() + 2)));
    }

    // ---- native ----

    /** A small valid graph with policies drawn over their whole ranges (supply-sized amounts included). */
    ChannelGraph graph() {
        ChannelGraphBuilder b = new ChannelGraphBuilder();
        int n = 2 + rnd.nextInt(6);
        for (int i = 0; i < n; i++) {
            int node = b.addNode(NodeIds.fromIndex(i * 31 + 1));
            if (rnd.nextBoolean()) {
                b.setNodeAnnouncement(node, rnd.nextBoolean() ? null : "n" + i, List.of());
            }
        }
        int m = rnd.nextInt(8);
        for (int c = 0; c < m; c++) {
            int a = rnd.nextInt(n);
            int z = (a + 1 + rnd.nextInt(n - 1)) % n;
            long cap = rnd.nextInt(4) == 0 ? ChannelGraph.MAX_CAPACITY_SAT : rnd.nextInt(1 << 30);
            int ch = b.addChannel(c * 65_536L + rnd.nextInt(100), a, z, cap);
            for (int from : new int[] {a, z}) {
                if (rnd.nextInt(3) > 0) {
                    b.setPolicy(ch, from, rnd.nextInt(1 << 20), rnd.nextInt(1 << 20), rnd.nextInt(65_536),
                            rnd.nextInt(4) == 0 ? ChannelGraph.MAX_MSAT : rnd.nextInt(10_000),
                            rnd.nextBoolean() ? -1 : cap * 1000, rnd.nextInt(4) == 0);
                }
            }
        }
        return b.build();
    }

    /** Header size of a version 2 file: magic, version, counts and their checksum. */
    static final int V2_HEADER = 8 + 4 + 8 + 4;

    /**
     * Changes a few bytes of a version 2 file's body (big-endian numbers, 4 and 8 bytes at a time as well as single
     * bytes) and then either recomputes both checksums or turns the file into a version 1 file, which has none.
     */
    byte[] corruptNativeBody(byte[] v2) {
        byte[] b = v2.clone();
        int bodyEnd = b.length - 4;
        for (int k = 1 + rnd.nextInt(3); k > 0 && bodyEnd > V2_HEADER; k--) {
            int at = V2_HEADER + rnd.nextInt(bodyEnd - V2_HEADER);
            int width = pickInt(1, 2, 4, 8);
            long v = pickLong(-1, 0, 1, 2, 0x7f, 0x80, 0xff, 0xffff, Integer.MAX_VALUE, Integer.MIN_VALUE,
                    ChannelGraph.MAX_CAPACITY_SAT + 1, ChannelGraph.MAX_MSAT + 1, Long.MAX_VALUE, Long.MIN_VALUE,
                    rnd.nextLong());
            for (int i = width - 1; i >= 0 && at + i < bodyEnd; i--) {
                b[at + i] = (byte) v;
                v >>= 8;
            }
        }
        return rnd.nextBoolean() ? withChecksums(b) : toVersion1(b);
    }

    /** A version 2 file with both CRC32C checksums recomputed for its content. */
    static byte[] withChecksums(byte[] v2) {
        byte[] b = v2.clone();
        CRC32C counts = new CRC32C();
        counts.update(b, 12, 8);
        ByteBuffer.wrap(b).putInt(20, (int) counts.getValue());
        CRC32C body = new CRC32C();
        body.update(b, V2_HEADER, b.length - 4 - V2_HEADER);
        ByteBuffer.wrap(b).putInt(b.length - 4, (int) body.getValue());
        return b;
    }

    /** The same content as a version 1 file: version 1, no counts checksum, no body checksum. */
    static byte[] toVersion1(byte[] v2) {
        ByteBuffer out = ByteBuffer.allocate(v2.length - 8);
        out.put(v2, 0, 8).putInt(1).put(v2, 12, 8).put(v2, V2_HEADER, v2.length - 4 - V2_HEADER);
        return out.array();
    }

    // ---- values ----

    private String key() {
        int k = rnd.nextInt(40);
        if (k == 0) {
            return raw();
        }
        if (k == 1) {
            return pick("\"02\"", "\"\"", "\"" + "zz".repeat(33) + "\"", "\"" + "0".repeat(66) + "\"",
                    "\"" + "F".repeat(66) + "\"", "\"" + "0".repeat(65) + "\"");
        }
        return "\"" + keys[rnd.nextInt(keys.length)] + "\"";
    }

    private long scid() {
        return ((long) rnd.nextInt(8) << 40) | ((long) rnd.nextInt(4) << 16) | rnd.nextInt(3);
    }

    private String scidValue() {
        int k = rnd.nextInt(30);
        if (k == 0) {
            return raw();
        }
        if (k == 1) {
            return pick("\"16777216x1x1\"", "\"1x16777216x1\"", "\"1x1x65536\"", "\"-1x1x1\"", "\"1x1\"",
                    "\"1x1x1x1\"", "\"x\"", "\"0x0x0\"", "\"99999999999x0x0\"");
        }
        long s = scid();
        return "\"" + (s >>> 40) + "x" + ((s >>> 16) & 0xFFFFFF) + "x" + (s & 0xFFFF) + "\"";
    }

    private String amount(boolean asString) {
        String v = rnd.nextInt(6) == 0 ? pickNumber() : Long.toString(rnd.nextInt(1 << 30));
        if (rnd.nextInt(25) == 0) {
            return raw();
        }
        return asString && rnd.nextBoolean() ? quoted(v) : (isJsonNumber(v) ? v : quoted(v));
    }

    private static boolean isJsonNumber(String v) {
        return v.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][-+]?[0-9]+)?");
    }

    private String small() {
        return rnd.nextInt(25) == 0 ? raw() : Integer.toString(rnd.nextInt(300));
    }

    private String number() {
        return rnd.nextInt(25) == 0 ? raw() : Integer.toString(rnd.nextInt(Integer.MAX_VALUE));
    }

    private String bool() {
        return rnd.nextInt(25) == 0 ? raw() : (rnd.nextBoolean() ? "true" : "false");
    }

    private String text() {
        return rnd.nextInt(25) == 0 ? raw() : pick("\"alias\"", "\"\"", "\"🚀 x\"", "\"\\u0000\"", "\"\\ud800\"",
                "\"" + "a".repeat(300) + "\"");
    }

    /** Any value: one of {@link Mutator#VALUES}, or a number of {@link Mutator#NUMBERS} quoted or bare. */
    private String raw() {
        if (rnd.nextBoolean()) {
            return Mutator.VALUES[rnd.nextInt(Mutator.VALUES.length)];
        }
        String n = pickNumber();
        return rnd.nextBoolean() || n.isEmpty() ? quoted(n) : n;
    }

    private String pickNumber() {
        return Mutator.NUMBERS[rnd.nextInt(Mutator.NUMBERS.length)];
    }

    private static String quoted(String v) {
        return "\"" + v + "\"";
    }

    private static String unquote(String v) {
        return v.startsWith("\"") && v.endsWith("\"") && v.length() >= 2 ? v.substring(1, v.length() - 1) : v;
    }

    private String object(Map<String, String> fields) {
        StringBuilder sb = new StringBuilder("{");
        for (Map.Entry<String, String> f : fields.entrySet()) {
            if (rnd.nextInt(40) == 0) {
                continue; // a missing field
            }
            sb.append(sb.length() == 1 ? "" : ",").append('"').append(f.getKey()).append("\":").append(f.getValue());
        }
        return sb.append('}').toString();
    }

    private byte[] document(String k1, List<String> a1, String k2, List<String> a2) {
        StringBuilder sb = new StringBuilder("{\"").append(k1).append("\":[").append(String.join(",", a1)).append(']');
        if (k2 != null) {
            sb.append(",\"").append(k2).append("\":[").append(String.join(",", a2)).append(']');
        }
        return sb.append(rnd.nextInt(20) == 0 ? ",\"extra\":{\"x\":[1]}" : "").append('}').toString()
                .getBytes(StandardCharsets.UTF_8);
    }

    private String pick(String... a) {
        return a[rnd.nextInt(a.length)];
    }

    private int pickInt(int... a) {
        return a[rnd.nextInt(a.length)];
    }

    private long pickLong(long... a) {
        return a[rnd.nextInt(a.length)];
    }
}
