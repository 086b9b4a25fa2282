package org.lnsim.network.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.NativeFormat;
import org.lnsim.network.testing.TestData;

/**
 * The valid starting points of the reader fuzz properties: small slices of the real snapshots shipped under
 * {@code data/snapshots}, re-serialised so that each try parses a few kilobytes (milliseconds) while keeping the real
 * field names, spellings and value shapes. Each is built once per JVM. A slice is kept consistent (the nodes its
 * channels name are in it), so that mutations start from an input the reader accepts.
 */
final class FuzzCorpus {
    /** One input: its files by name, and the name given to {@code NetworkFormats.load} (null: the folder). */
    record Input(Map<String, byte[]> files, String entry) {
        Input {
            files = new LinkedHashMap<>(files);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CHANNELS = 40;

    private static Input lnd;
    private static List<Input> cln;
    private static Input lnGraphViz;
    private static List<Input> cloth;

    private FuzzCorpus() {
    }

    /** lnd describegraph: the first channels of the 2019-03-09 dump and the nodes they name, pretty-printed. */
    static synchronized Input lnd() {
        if (lnd == null) {
            JsonNode all = readJson("lnd-describegraph-2019-03-09.json.gz");
            ArrayNode edges = JSON.createArrayNode();
            Set<String> keys = new HashSet<>();
            for (int i = 0; i < CHANNELS; i++) {
                JsonNode e = all.get("edges").get(i);
                edges.add(e);
                keys.add(e.get("node1_pub").asText());
                keys.add(e.get("node2_pub").asText());
            }
            ArrayNode nodes = JSON.createArrayNode();
            for (JsonNode n : all.get("nodes")) {
                if (keys.contains(n.get("pub_key").asText())) {
                    nodes.add(n);
                }
            }
            ObjectNode doc = JSON.createObjectNode();
            doc.set("nodes", nodes);
            doc.set("edges", edges);
            lnd = new Input(Map.of("graph.json", pretty(doc)), "graph.json");
        }
        return lnd;
    }

    /**
     * Core Lightning listchannels: the 2019-05-14 dump (both directions of its first channels) with the sibling
     * listnodes of the nodes they name, and the 2026 gossmap decoding (null policies, a meta object, msat numbers).
     */
    static synchronized List<Input> cln() {
        if (cln == null) {
            JsonNode all = readJson("clightning-listchannels-2019-05-14.json.gz");
            ArrayNode channels = JSON.createArrayNode();
            Set<String> keys = new HashSet<>();
            for (int i = 0; i < 2 * CHANNELS; i++) {
                JsonNode c = all.get("channels").get(i);
                channels.add(c);
                keys.add(c.get("source").asText());
                keys.add(c.get("destination").asText());
            }
            ObjectNode doc = JSON.createObjectNode();
            doc.set("channels", channels);
            ArrayNode nodes = JSON.createArrayNode();
            for (JsonNode n : readJson("clightning-listnodes-2019-05-14.json.gz").get("nodes")) {
                if (keys.contains(n.get("nodeid").asText())) {
                    nodes.add(n);
                }
            }
            ObjectNode nodeDoc = JSON.createObjectNode();
            nodeDoc.set("nodes", nodes);
            Map<String, byte[]> files = new LinkedHashMap<>();
            files.put("x-listchannels.json", pretty(doc));
            files.put("x-listnodes.json", pretty(nodeDoc));
            Input withNodes = new Input(files, "x-listchannels.json");

            JsonNode gossmap = readJson("cln-gossmap-2026-02-03/cln-gossmap-2026-02-03.listchannels.json.gz");
            ArrayNode gChannels = JSON.createArrayNode();
            for (int i = 0; i < 2 * CHANNELS; i++) {
                gChannels.add(gossmap.get("channels").get(i));
            }
            ObjectNode gDoc = JSON.createObjectNode();
            gDoc.set("meta", gossmap.get("meta"));
            gDoc.set("channels", gChannels);
            Input compact = new Input(Map.of("gossmap.listchannels.json", compact(gDoc)),
                    "gossmap.listchannels.json");
            cln = List.of(withNodes, compact);
        }
        return cln;
    }

    /** ln-graph-viz: the first edges of the 2025 partial graph and the nodes they name. */
    static synchronized Input lnGraphViz() {
        if (lnGraphViz == null) {
            JsonNode all = readJson("partial-lngraphviz-highway-2025-04-30.json.gz");
            ArrayNode edges = JSON.createArrayNode();
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < CHANNELS; i++) {
                JsonNode e = all.get("edges").get(i);
                edges.add(e);
                ids.add(e.get("source").asText());
                ids.add(e.get("target").asText());
            }
            ArrayNode nodes = JSON.createArrayNode();
            for (JsonNode n : all.get("nodes")) {
                if (ids.contains(n.get("id").asText())) {
                    nodes.add(n);
                }
            }
            ObjectNode doc = JSON.createObjectNode();
            doc.set("nodes", nodes);
            doc.set("edges", edges);
            lnGraphViz = new Input(Map.of("viz.json", pretty(doc)), "viz.json");
        }
        return lnGraphViz;
    }

    /**
     * CLoTH folders: the first channels of the CLoTH 2020 snapshot (nodes_ln/channels_ln/edges_ln) and of the
     * lnresearch timemachine 2020-07-15 export (nodes/channels/edges, unit suffixes, blank lines), with their edges
     * and nodes; the raw lines are kept, so each file keeps its own layout.
     */
    static synchronized List<Input> cloth() {
        if (cloth == null) {
            cloth = List.of(
                    clothSlice("cloth-snapshot-2020", "nodes_ln", "channels_ln", "edges_ln"),
                    clothSlice("lnresearch-timemachine-cloth-2020-07-15", "nodes", "channels", "edges"));
        }
        return cloth;
    }

    private static Input clothSlice(String folder, String nodesName, String channelsName, String edgesName) {
        List<String> channels = lines(folder + "/" + channelsName + ".csv.gz");
        List<String> edges = lines(folder + "/" + edgesName + ".csv.gz");
        String eol = channels.get(0).endsWith("\r") ? "\r\n" : "\n";
        StringBuilder ch = new StringBuilder(channels.get(0)).append('\n');
        Set<String> channelIds = new HashSet<>();
        TreeSet<Long> nodeIds = new TreeSet<>();
        int taken = 0;
        for (int i = 1; i < channels.size() && taken < CHANNELS; i++) {
            String row = channels.get(i);
            if (row.isBlank()) {
                ch.append(row).append('\n');
                continue;
            }
            String[] f = row.trim().split(",");
            channelIds.add(f[0]);
            nodeIds.add(Long.parseLong(f[3]));
            nodeIds.add(Long.parseLong(f[4]));
            ch.append(row).append('\n');
            taken++;
        }
        StringBuilder ed = new StringBuilder(edges.get(0)).append('\n');
        for (int i = 1; i < edges.size(); i++) {
            String row = edges.get(i);
            if (!row.isBlank() && channelIds.contains(row.trim().split(",")[1])) {
                ed.append(row).append('\n');
            }
        }
        StringBuilder no = new StringBuilder("id").append(eol);
        for (long n : nodeIds) {
            no.append(n).append(eol);
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(nodesName + ".csv", no.toString().getBytes(StandardCharsets.UTF_8));
        files.put(channelsName + ".csv", ch.toString().getBytes(StandardCharsets.UTF_8));
        files.put(edgesName + ".csv", ed.toString().getBytes(StandardCharsets.UTF_8));
        return new Input(files, null);
    }

    /** A native {@code .lnsim} file (version 2) of a graph, e.g. one read from a slice above. */
    static byte[] nativeBytes(ChannelGraph g) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            NativeFormat.write(g, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static JsonNode readJson(String name) {
        Path p = TestData.snapshot(name);
        try (InputStream in = Inputs.open(p)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> lines(String name) {
        Path p = TestData.snapshot(name);
        try (InputStream in = Inputs.open(p)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new ArrayList<>(List.of(text.split("\n", -1)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] pretty(JsonNode doc) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] compact(JsonNode doc) {
        try {
            return JSON.writeValueAsBytes(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
