package org.lnsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.ChannelGraphBuilder;
import org.lnsim.network.ChannelPolicy;
import org.lnsim.network.NodeIds;
import org.lnsim.network.io.NetworkFormats;
import org.lnsim.protocols.routing.Algorithm;
import org.lnsim.protocols.routing.Fallback;
import org.lnsim.protocols.routing.HybridRouter;
import org.lnsim.protocols.routing.Route;
import org.lnsim.protocols.routing.RouteRequest;

class BenchRouteCommandTest {
    @TempDir
    Path dir;

    /**
     * A seeded random multigraph: some directions unknown or disabled, and a few isolated pairs (channels whose
     * policies are all unknown), so that some queries find no route.
     */
    static ChannelGraph randomGraph(long seed, int nodes, int channels) {
        SplittableRandom rnd = new SplittableRandom(seed);
        ChannelGraphBuilder b = new ChannelGraphBuilder();
        for (int i = 0; i < nodes; i++) {
            b.addNode(NodeIds.fromIndex(i));
        }
        for (int k = 0; k < channels; k++) {
            int x = rnd.nextInt(nodes);
            int y = rnd.nextInt(nodes);
            if (x == y) {
                continue;
            }
            int c = b.addChannel(k + 1, x, y, 10_000 + rnd.nextInt(5_000_000));
            for (int side : new int[] {x, y}) {
                if (rnd.nextInt(8) == 0) {
                    continue;
                }
                b.setPolicy(c, side, new ChannelPolicy(rnd.nextInt(3000), rnd.nextInt(3000), 1 + rnd.nextInt(144),
                        rnd.nextInt(3) == 0 ? 1000 : 0, rnd.nextInt(4) == 0 ? 2_000_000_000L
                        : ChannelPolicy.NO_HTLC_MAXIMUM, rnd.nextInt(25) == 0));
            }
        }
        return b.build();
    }

    private Path write(ChannelGraph g, String name) throws Exception {
        Path p = dir.resolve(name);
        NetworkFormats.writer("lnsim").write(g, p);
        return p;
    }

    @Test
    void json_hasTheKeys_andFoundShareMatchesTheRouterOnTheSamePairs() throws Exception {
        ChannelGraph g = randomGraph(7, 40, 45);
        Path p = write(g, "tiny.lnsim");
        int queries = 300;
        RouteCommandTest.Run r = RouteCommandTest.run("bench", "route", p.toString(), "--queries",
                Integer.toString(queries), "--seed", "5", "--warmup", "3", "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = r.json();
        for (String key : new String[] {"queries", "found_share", "p50_ms", "p90_ms", "p99_ms", "max_hops",
                "fallback_share", "hop_histogram"}) {
            assertTrue(j.has(key), key + " missing in " + r.out());
        }
        // oracle: the same pairs (same stream and draw order), routed directly, counted here
        int[] eligible = BenchRouteCommand.payableNodes(g);
        RouteRequest[] reqs = BenchRouteCommand.requests(eligible, queries,
                BenchRouteCommand.stream(5, "bench-route/pairs"), 1_000_000, 20, Algorithm.HYBRID, Fallback.BFG);
        HybridRouter router = new HybridRouter(g);
        int found = 0;
        int fallback = 0;
        int maxHops = 0;
        for (RouteRequest q : reqs) {
            assertTrue(q.source() != q.target());
            assertTrue(g.degree(q.source()) > 0 && g.degree(q.target()) > 0);
            Route route = router.find(q);
            if (route.found()) {
                found++;
                maxHops = Math.max(maxHops, route.hopCount());
                if (route.algorithm() == Algorithm.FALLBACK_BFG) {
                    fallback++;
                }
            }
        }
        assertTrue(found > 0 && found < queries, "the graph should leave some pairs unconnected: " + found);
        assertEquals((double) found / queries, j.get("found_share").asDouble(), 0.0);
        assertEquals(queries, j.get("queries").asInt());
        assertEquals(maxHops, j.get("max_hops").asInt());
        int histogramTotal = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = j.get("hop_histogram").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            assertTrue(Integer.parseInt(e.getKey()) <= maxHops);
            histogramTotal += e.getValue().asInt();
        }
        assertEquals(found, histogramTotal);
        assertTrue(j.get("p50_ms").asDouble() <= j.get("p90_ms").asDouble()
                && j.get("p90_ms").asDouble() <= j.get("p99_ms").asDouble());
        assertEquals((double) fallback / queries, j.get("fallback_share").asDouble(), 0.0);
    }

    @Test
    void compareJGraphT_reportsZeroMismatches() throws Exception {
        Path p = write(randomGraph(11, 300, 1200), "random.lnsim");
        RouteCommandTest.Run r = RouteCommandTest.run("bench", "route", p.toString(), "--queries", "150", "--seed",
                "3", "--warmup", "5", "--amount-msat", "2000000", "--compare-jgrapht", "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = r.json();
        assertEquals(0, j.get("jgrapht_mismatches").asInt());
        assertTrue(j.get("jgrapht_reachable_pairs").asInt() > 50, r.out());
        assertTrue(j.has("jgrapht_p50_ms") && j.has("speedup"), r.out());
    }

    @Test
    void threads_giveTheSameCounts_andTextSaysWarmupIsExcluded() throws Exception {
        Path p = write(randomGraph(13, 120, 400), "mid.lnsim");
        RouteCommandTest.Run one = RouteCommandTest.run("bench", "route", p.toString(), "--queries", "200",
                "--warmup", "2", "--format", "json");
        RouteCommandTest.Run three = RouteCommandTest.run("bench", "route", p.toString(), "--queries", "200",
                "--warmup", "2", "--threads", "3", "--format", "json");
        assertEquals(0, three.code(), three.err());
        assertEquals(one.json().get("found_share"), three.json().get("found_share"));
        assertEquals(one.json().get("hop_histogram"), three.json().get("hop_histogram"));
        RouteCommandTest.Run text = RouteCommandTest.run("bench", "route", p.toString(), "--queries", "20",
                "--warmup", "2");
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("excluded from all timings"), text.out());
        assertEquals("", text.err(), "no progress output when stderr is not a terminal");
        assertEquals(ExitCodes.BAD_INPUT, RouteCommandTest.run("bench", "route", p.toString(), "--queries", "0")
                .code());
    }

    /** {@code --algorithm cloth}: the found share and hop histogram of CLoTH's search on the same pairs, directly. */
    @Test
    void cloth_countsWhatCLoTHsSearchFindsOnTheSamePairs() throws Exception {
        ChannelGraph g = randomGraph(7, 40, 45);
        Path p = write(g, "tiny-cloth.lnsim");
        int queries = 200;
        RouteCommandTest.Run r = RouteCommandTest.run("bench", "route", p.toString(), "--algorithm", "cloth",
                "--queries", Integer.toString(queries), "--seed", "5", "--warmup", "3", "--format", "json");
        assertEquals(0, r.code(), r.err());
        RouteRequest[] reqs = BenchRouteCommand.requests(BenchRouteCommand.payableNodes(g), queries,
                BenchRouteCommand.stream(5, "bench-route/pairs"), 1_000_000, 20, Algorithm.HYBRID, Fallback.BFG);
        org.lnsim.protocols.routing.PathFinder f = org.lnsim.protocols.cloth.ClothRouting.pathFinders(g).get();
        int found = 0;
        java.util.TreeMap<Integer, Integer> hist = new java.util.TreeMap<>();
        for (RouteRequest q : reqs) {
            Route route = f.find(q.source(), q.target(), q.amountMsat());
            if (route.found()) {
                found++;
                hist.merge(route.hopCount(), 1, Integer::sum);
            }
        }
        assertTrue(found > 0 && found < queries, "some pairs unconnected: " + found);
        JsonNode j = r.json();
        assertEquals((double) found / queries, j.get("found_share").asDouble(), 0.0);
        assertTrue(j.get("hop_limit").isNull(), "CLoTH's search keeps its own hop limit: " + r.out());
        for (Map.Entry<Integer, Integer> e : hist.entrySet()) {
            assertEquals(e.getValue().intValue(), j.get("hop_histogram").get(e.getKey().toString()).asInt(), r.out());
        }
        assertEquals(ExitCodes.BAD_INPUT, RouteCommandTest.run("bench", "route", p.toString(), "--algorithm",
                "clot").code());
        assertEquals(ExitCodes.BAD_INPUT, RouteCommandTest.run("bench", "route", p.toString(), "--algorithm",
                "cloth", "--compare-jgrapht").code(), "JGraphT checks c-lightning's costs, not CLoTH's");
    }
}
