package org.lnsim.protocols.beacon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.ChannelGraphBuilder;
import org.lnsim.network.ChannelPolicy;
import org.lnsim.network.NodeIds;
import org.lnsim.network.ShortChannelId;

/**
 * {@link BeaconDiscovery} against a direct replay of the prototype's rules: explicit breadth-first searches for every
 * candidate's table, the suggestion picked by {@link java.math.BigInteger} XOR over it (neither the sorted
 * adjacencies, the XOR ranks nor the best-of-peers rounds are used), on seeded random graphs. (The hand-worked case is
 * {@code BeaconSetupTrafficTest}.)
 */
class BeaconDiscoveryTest {
    /**
     * Random trees, and random graphs with cycles and parallel channels, all with random per-direction delays (so the
     * replay must take the same route to a suggested node as the candidate's breadth-first search does, parallel
     * channel included); radius 1 to 3, with a beacon distance limit that cuts suggestions and without.
     */
    @Test
    void replayEqualsTheRulesAppliedDirectly() {
        long cut = 0;
        long suggested = 0;
        long relays = 0;
        for (long seed = 1; seed <= 6; seed++) {
            for (boolean tree : new boolean[] {true, false}) {
                for (boolean sharedPrefix : new boolean[] {false, true}) {
                    int n = 40 + (int) seed * 15;
                    ChannelGraph g = graph(seed, n, tree ? n - 1 : 3 * n, tree, sharedPrefix);
                    SplittableRandom rnd = new SplittableRandom(seed * 31);
                    long[] delay = new long[2 * g.channelCount()];
                    for (int e = 0; e < delay.length; e++) {
                        delay[e] = 1_000 + rnd.nextInt(90_000);
                    }
                    for (int r = 1; r <= 3; r++) {
                        for (int maxDistance : new int[] {100, r + 1}) {
                            BeaconPaths paths = new BeaconPaths(g, 3, maxDistance);
                            BeaconDiscovery replay = new BeaconDiscovery(g, r, maxDistance, delay);
                            replay.run(1 + (int) (seed % 2), paths::of);
                            Direct direct = new Direct(g, r, maxDistance, delay, paths);
                            long[][] got = new long[7][g.nodeCount()];
                            for (int v = 0; v < g.nodeCount(); v++) {
                                got[0][v] = replay.requests(v);
                                got[1][v] = replay.requestHops(v);
                                got[2][v] = replay.answeredHops(v);
                                got[3][v] = replay.doneUs(v);
                                got[4][v] = replay.beaconsFound(v, 3);
                                got[5][v] = replay.addressed(v);
                                got[6][v] = replay.relayed(v);
                            }
                            String at = "seed " + seed + (tree ? " tree" : " graph")
                                    + (sharedPrefix ? " shared prefix" : "") + " r " + r + " max " + maxDistance;
                            assertArrayEquals(direct.requests, got[0], "requests, " + at);
                            assertArrayEquals(direct.hops, got[1], "request hops, " + at);
                            assertArrayEquals(direct.answered, got[2], "answered hops, " + at);
                            assertArrayEquals(direct.done, got[3], "done, " + at);
                            assertArrayEquals(direct.found, got[4], "beacons found, " + at);
                            assertArrayEquals(direct.addressed, got[5], "addressed, " + at);
                            assertArrayEquals(direct.relayed, got[6], "relayed, " + at);
                            relays += Arrays.stream(direct.relayed).sum();
                            cut += direct.cut;
                            suggested += direct.suggested;
                        }
                    }
                }
            }
        }
        assertTrue(cut > 0, "the distance limit never cut a suggestion: that rule went untested");
        assertTrue(suggested > 0, "no candidate suggested a closer node: chains went untested");
        assertTrue(relays > 0, "no request was relayed: relay charges went untested");
    }

    /**
     * The rules applied one request at a time, each request's route kept as its list of nodes: the tree path inside
     * the requester's table, extended by the candidate's tree path to a suggested node outside it; its inner nodes
     * relay it.
     */
    private static final class Direct {
        final long[] requests;
        final long[] hops;
        final long[] answered;
        final long[] addressed;
        final long[] relayed;
        final long[] done;
        final long[] found;
        int cut;
        int suggested;
        private final ChannelGraph g;
        private final long[] delay;

        Direct(ChannelGraph g, int r, int maxDistance, long[] delay, BeaconPaths paths) {
            this.g = g;
            this.delay = delay;
            int n = g.nodeCount();
            requests = new long[n];
            hops = new long[n];
            answered = new long[n];
            addressed = new long[n];
            relayed = new long[n];
            done = new long[n];
            found = new long[n];
            for (int v = 0; v < n; v++) {
                if (g.degree(v) == 0) {
                    continue;
                }
                Bfs table = new Bfs(v, r);
                boolean[] answeredV = new boolean[n];
                long start = delay[g.outDirection(g.outStart(v)) ^ 1];
                long last = start;
                for (int c = 0; c < n; c++) {
                    if (c == v || table.depth[c] < 0) {
                        continue;
                    }
                    int x = c;
                    int h = table.depth[c];
                    long f = table.fwd[c];
                    long b = table.back[c];
                    long t = start + f + b;
                    java.util.List<Integer> route = table.path(c);
                    while (true) {
                        requests[v]++;
                        hops[v] += h;
                        answered[x] += h;
                        addressed[x]++;
                        assertTrue(route.size() == h + 1 && route.get(0) == v && route.get(h) == x);
                        for (int k = 1; k < route.size() - 1; k++) {
                            relayed[route.get(k)]++;
                        }
                        answeredV[x] = true;
                        Bfs own = new Bfs(x, r);
                        int w = -1;
                        for (int u = 0; u < n; u++) {
                            if (u != v && own.depth[u] >= 0 && (w < 0 || BeaconTablesTest.xor(g, v, u).compareTo(BeaconTablesTest.xor(g, v, w)) < 0)) {
                                w = u;
                            }
                        }
                        if (w == x) {
                            break;
                        }
                        if (h + own.depth[w] > maxDistance) {
                            cut++;
                            break;
                        }
                        suggested++;
                        if (table.depth[w] >= 0) {
                            h = table.depth[w];
                            f = table.fwd[w];
                            b = table.back[w];
                            route = table.path(w);
                        } else {
                            h += own.depth[w];
                            f += own.fwd[w];
                            b += own.back[w];
                            java.util.List<Integer> longer = new java.util.ArrayList<>(route);
                            java.util.List<Integer> beyond = own.path(w);
                            longer.addAll(beyond.subList(1, beyond.size()));
                            route = longer;
                        }
                        t += f + b;
                        x = w;
                    }
                    last = Math.max(last, t);
                }
                done[v] = last;
                int[] p = paths.of(v);
                for (int at = 0; at < p.length; at += 2 + p[at + 1]) {
                    if (answeredV[p[at]]) {
                        found[v]++;
                    }
                }
            }
        }

        /** Breadth-first search to a depth, with the delays along the tree path out and back. */
        private final class Bfs {
            final int[] depth;
            final long[] fwd;
            final long[] back;
            final int[] parent;
            final int from;

            Bfs(int from, int maxDepth) {
                int n = g.nodeCount();
                parent = new int[n];
                depth = new int[n];
                Arrays.fill(depth, -1);
                fwd = new long[n];
                back = new long[n];
                this.from = from;
                depth[from] = 0;
                ArrayDeque<Integer> queue = new ArrayDeque<>();
                queue.add(from);
                while (!queue.isEmpty()) {
                    int u = queue.poll();
                    if (depth[u] == maxDepth) {
                        continue;
                    }
                    for (int s = g.outStart(u); s < g.outEnd(u); s++) {
                        int p = g.outPeer(s);
                        if (depth[p] < 0) {
                            int e = g.outDirection(s);
                            depth[p] = depth[u] + 1;
                            fwd[p] = fwd[u] + delay[e];
                            back[p] = back[u] + delay[e ^ 1];
                            parent[p] = u;
                            queue.add(p);
                        }
                    }
                }
            }

            /** The tree path from the search's start to {@code to}, both ends included. */
            java.util.List<Integer> path(int to) {
                java.util.ArrayList<Integer> out = new java.util.ArrayList<>();
                for (int u = to; depth[u] > 0; u = parent[u]) {
                    out.add(u);
                }
                out.add(from);
                java.util.Collections.reverse(out);
                return out;
            }
        }
    }

    /**
     * A random tree (each node joined to an earlier one) or a random graph with m channels; with a shared prefix,
     * every id has the same first 12 bytes, so every comparison of the replay's 8-byte keys ties.
     */
    static ChannelGraph graph(long seed, int n, int m, boolean tree, boolean sharedPrefix) {
        SplittableRandom rnd = new SplittableRandom(seed);
        ChannelGraphBuilder b = new ChannelGraphBuilder();
        TreeSet<String> seen = new TreeSet<>();
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            byte[] id = new byte[NodeIds.LENGTH];
            do {
                for (int k = 0; k < id.length; k++) {
                    id[k] = (byte) (sharedPrefix && k < 12 ? 7 * k : rnd.nextInt(256));
                }
                id[0] = 2;
            } while (!seen.add(NodeIds.hex(id)));
            idx[i] = b.addNode(id);
        }
        ChannelPolicy policy = new ChannelPolicy(1000, 1, 40, 0, ChannelPolicy.NO_HTLC_MAXIMUM, false);
        for (int c = 0; c < m; c++) {
            int a = tree ? c + 1 : rnd.nextInt(n);
            int z = tree ? rnd.nextInt(c + 1) : rnd.nextInt(n - 1);
            if (!tree && z >= a) {
                z++;
            }
            int ch = b.addChannel(ShortChannelId.of(1 + c, 0, 0), idx[a], idx[z], 1_000_000);
            b.setPolicy(ch, idx[a], policy);
            b.setPolicy(ch, idx[z], policy);
        }
        return b.build();
    }
}
