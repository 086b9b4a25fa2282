package org.lnsim.network.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.NodeIds;

/**
 * Reader for the ln-graph-viz JSON of Bitcoin Data Labs (snapshots SOURCES.md §6, the <em>partial</em> 2025
 * "Highway" graph: only channels ≥ 5,000,000 sat and their endpoints):
 * <pre>
 * {"nodes":[{id, alias, pub_key, Total_Channels, Total_Capacity, Node_Type, ...}],
 *  "edges":[{id, source, target, capacity, Channel_Size_Tier, Channel_Size_Range}]}
 * </pre>
 * {@code source}/{@code target} name nodes by their {@code id} (a decimal string), {@code pub_key} gives the real
 * node id, {@code capacity} is in sat. The file carries no short channel ids and no policies: channels get the
 * synthetic scid = their position among distinct edges in file order (0, 1, 2…, printed {@code 0x0xK}), and every
 * direction is without policy (topology only). Listed nodes are treated as announced with their alias and no
 * addresses (the alias comes from a node_announcement); the per-node {@code Total_*} fields describe the full graph
 * and are ignored. Detection: the first node has {@code Node_Type}/{@code Total_Channels}, or the first edge has
 * {@code Channel_Size_Tier}. Statistics of this file are not comparable to full snapshots.
 *
 * <h2>Load report counters</h2>
 * {@code nodes_read}, {@code edges_read}; {@code duplicate_edge_merged} (an edge {@code id} repeated with the same
 * endpoints and capacity); {@code nodes_without_channels} (listed but on no edge, dropped);
 * {@code directions_without_policy} (2 per channel). Errors: unknown node in an edge, a node without
 * {@code pub_key}, a repeated node {@code id} or edge {@code id} with other data, negative capacity, self-loops,
 * wrong types, truncated JSON.
 */
public final class LnGraphVizFormat implements NetworkReader {
    public static final String NAME = "lngraphviz-json";

    private static final Map<String, List<String>> SNIFF = Map.of(
            "nodes", List.of("Node_Type", "Total_Channels", "Pleb_Rank"),
            "edges", List.of("Channel_Size_Tier", "Channel_Size_Range"));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean probe(Path path, byte[] head) {
        return head.length > 0 && JsonValues.sniff(path, head, SNIFF);
    }

    @Override
    public LoadedNetwork read(Path file, ReadProgress progress) throws IOException {
        LoadReport report = new LoadReport(NAME);
        report.file("network", file);
        Pass pass = new Pass(report);
        JsonRecords.read(file, progress, Map.of("nodes", "node", "edges", "edge"), null, pass::record);
        return pass.build(file);
    }

    /** The records read so far; edges are resolved against the nodes once the whole file is read. */
    private static final class Pass {
        final LoadReport report;
        final Map<String, Integer> nodeByKey = new HashMap<>();
        final List<byte[]> nodeIds = new ArrayList<>();
        final List<String> aliases = new ArrayList<>();
        final Map<String, Integer> edgeByKey = new HashMap<>();
        long[] caps = new long[512];
        int[] records = new int[512];
        int[] lines = new int[512];
        String[] endKeys = new String[1024];
        int edges;

        Pass(LoadReport report) {
            this.report = report;
        }

        void record(String array, int index, int line, JsonParser p) throws IOException {
            String id = null;
            String pub = null;
            String alias = null;
            String source = null;
            String target = null;
            long capacity = JsonValues.NULL;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                p.nextToken();
                switch (f) {
                    case "id" -> id = p.currentToken() == JsonToken.VALUE_NUMBER_INT ? p.getText()
                            : JsonValues.text(p, f);
                    case "pub_key" -> pub = JsonValues.text(p, f);
                    case "alias" -> alias = JsonValues.text(p, f);
                    case "source" -> source = p.currentToken() == JsonToken.VALUE_NUMBER_INT ? p.getText()
                            : JsonValues.text(p, f);
                    case "target" -> target = p.currentToken() == JsonToken.VALUE_NUMBER_INT ? p.getText()
                            : JsonValues.text(p, f);
                    case "capacity" -> capacity = JsonValues.integer(p, f);
                    default -> p.skipChildren();
                }
            }
            if (id == null) {
                throw new IllegalArgumentException("missing field 'id'");
            }
            if ("nodes".equals(array)) {
                report.count("nodes_read");
                if (pub == null) {
                    throw new IllegalArgumentException("missing field 'pub_key'");
                }
                byte[] bytes;
                try {
                    bytes = NodeIds.parse(pub);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("field 'pub_key': " + e.getMessage());
                }
                Integer prev = nodeByKey.get(id);
                if (prev != null) {
                    if (!Arrays.equals(nodeIds.get(prev), bytes)) {
                        throw new IllegalArgumentException("node id '" + id + "' is listed earlier with another"
                                + " pub_key");
                    }
                    return;
                }
                nodeByKey.put(id, nodeIds.size());
                nodeIds.add(bytes);
                aliases.add(alias);
                return;
            }
            report.count("edges_read");
            if (source == null || target == null) {
                throw new IllegalArgumentException("missing field '" + (source == null ? "source" : "target") + "'");
            }
            if (capacity == JsonValues.NULL) {
                throw new IllegalArgumentException("missing field 'capacity'");
            }
            if (capacity < 0) {
                throw new IllegalArgumentException("negative capacity " + capacity + " sat");
            }
            if (source.equals(target)) {
                throw new IllegalArgumentException("edge '" + id + "' is a self-loop");
            }
            Integer prev = edgeByKey.get(id);
            if (prev != null) {
                int k = prev;
                if (!endKeys[2 * k].equals(source) || !endKeys[2 * k + 1].equals(target) || caps[k] != capacity) {
                    throw new IllegalArgumentException("edge id '" + id + "' is listed earlier with other data");
                }
                report.count("duplicate_edge_merged");
                return;
            }
            if (edges == caps.length) {
                caps = Arrays.copyOf(caps, edges * 2);
                records = Arrays.copyOf(records, edges * 2);
                lines = Arrays.copyOf(lines, edges * 2);
                endKeys = Arrays.copyOf(endKeys, edges * 4);
            }
            edgeByKey.put(id, edges);
            endKeys[2 * edges] = source;
            endKeys[2 * edges + 1] = target;
            caps[edges] = capacity;
            records[edges] = index;
            lines[edges] = line;
            edges++;
        }

        LoadedNetwork build(Path file) throws NetworkFormatException {
            ChannelCollector col = new ChannelCollector();
            int[] builderIndex = new int[nodeIds.size()];
            Arrays.fill(builderIndex, -1);
            for (int k = 0; k < edges; k++) {
                int[] ab = new int[2];
                for (int s = 0; s < 2; s++) {
                    Integer n = nodeByKey.get(endKeys[2 * k + s]);
                    if (n == null) {
                        throw new NetworkFormatException(file, "record " + records[k] + " (edges[" + records[k] + "]) at line "
                                + lines[k], "unknown node '" + endKeys[2 * k + s] + "' in field '"
                                + (s == 0 ? "source" : "target") + "'");
                    }
                    if (builderIndex[n] < 0) {
                        builderIndex[n] = col.node(nodeIds.get(n));
                        col.builder().setNodeAnnouncement(builderIndex[n], aliases.get(n), List.of());
                    }
                    ab[s] = builderIndex[n];
                }
                if (ab[0] == ab[1]) {
                    throw new NetworkFormatException(file, "record " + records[k] + " (edges[" + records[k] + "]) at line "
                            + lines[k], "self-loop: source and target have the same pub_key");
                }
                try {
                    col.channel(k, ab[0], ab[1], caps[k]);
                } catch (IllegalArgumentException e) {
                    // the collector's rules, e.g. a capacity above the supply (issue 21, defect 15: escaped unnamed)
                    throw new NetworkFormatException(file, "record " + records[k] + " (edges[" + records[k]
                            + "]) at line " + lines[k], e.getMessage(), e);
                }
            }
            long unused = 0;
            for (int i : builderIndex) {
                unused += i < 0 ? 1 : 0;
            }
            report.add("nodes_without_channels", unused);
            report.add("directions_without_policy", 2L * edges);
            return new LoadedNetwork(col.build(), report);
        }
    }
}
