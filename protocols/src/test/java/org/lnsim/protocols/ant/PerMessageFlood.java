package org.lnsim.protocols.ant;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import org.lnsim.network.ChannelGraph;

/**
 * The reference for {@link SeedWave}, for tests only: ant flooding simulated one message at a time, each message an
 * event in a (time, seq) priority queue as the engine orders its events, written as plainly as the rules read.
 */
final class PerMessageFlood {
    record Msg(long time, long seq, int to, int seed, int dir, long acc, int hops) {
    }

    record Match(int node, long time, long feeMsat, int hops, boolean reported, long atPayerUs) {
    }

    final ChannelGraph g;
    final boolean[][] has;
    final long[][] arrival;
    final int[][] pred;
    final long[][] acc;
    final int[][] hops;
    final long[][] lastArrival;
    final long[] sent;
    final long[] received;
    final long[] matchSent;
    final long[] seedMessages = new long[2];
    long matchMessages;
    final List<Match> matches = new ArrayList<>();

    PerMessageFlood(ChannelGraph g, int payer, int payee, long amount, long maxFee, int maxHops, SeedWave.Links links) {
        this.g = g;
        int n = g.nodeCount();
        has = new boolean[2][n];
        arrival = new long[2][n];
        pred = new int[2][n];
        acc = new long[2][n];
        hops = new int[2][n];
        lastArrival = new long[2][n];
        sent = new long[n];
        received = new long[n];
        matchSent = new long[n];
        PriorityQueue<Msg> queue = new PriorityQueue<>((a, b) -> a.time != b.time ? Long.compare(a.time, b.time)
                : Long.compare(a.seq, b.seq));
        long[] seq = {0};
        queue.add(new Msg(0, seq[0]++, payer, 0, -1, 0, 0));
        queue.add(new Msg(0, seq[0]++, payee, 1, -1, 0, 0));
        while (!queue.isEmpty()) {
            Msg m = queue.poll();
            int v = m.to;
            int s = m.seed;
            lastArrival[s][v] = Math.max(lastArrival[s][v], m.time);
            if (has[s][v]) {
                continue;   // a repeat
            }
            has[s][v] = true;
            arrival[s][v] = m.time;
            pred[s][v] = m.dir;
            acc[s][v] = m.acc;
            hops[s][v] = m.hops;
            if (has[1 - s][v]) {
                // match: the node's own fee is on its channel towards B, for the amount B's side carries
                long own = (v == payer || v == payee) ? 0 : g.feeMsat(pred[1][v] ^ 1, amount + acc[1][v]);
                long fee = acc[0][v] + own + acc[1][v];
                int h = hops[0][v] + hops[1][v];
                boolean reported = h <= maxHops && fee <= maxFee;
                matches.add(new Match(v, m.time, fee, h, reported, -1));
                continue;
            }
            if (m.hops >= maxHops) {
                continue;
            }
            int from = m.dir < 0 ? -1 : g.source(m.dir);
            long accOut = m.acc;
            if (s == 1 && m.dir >= 0) {
                accOut = m.acc + g.feeMsat(m.dir ^ 1, amount + m.acc);   // v's fee on v→P
                if (accOut > maxFee) {
                    continue;
                }
            }
            Set<Integer> peersSent = new HashSet<>();
            for (int slot = g.outStart(v); slot < g.outEnd(v); slot++) {
                int q = g.outPeer(slot);
                int e = g.outDirection(slot);
                if (q == from || peersSent.contains(q)) {
                    continue;
                }
                long a;
                boolean ok;
                if (s == 0) {
                    a = m.dir < 0 ? 0 : m.acc + g.feeMsat(e, amount);   // v's fee on v→Q
                    ok = policyAllows(e, amount) && a <= maxFee && links.outSpendableMsat(v, slot) >= amount; // v→Q
                } else {
                    a = accOut;
                    ok = policyAllows(e ^ 1, amount + a) && links.inSpendableMsat(v, slot) >= amount + a; // Q→v
                }
                if (!ok) {
                    continue;
                }
                peersSent.add(q);
                sent[v]++;
                received[q]++;
                seedMessages[s]++;
                queue.add(new Msg(m.time + links.delayUs(e), seq[0]++, q, s, e, a, m.hops + 1));
            }
        }
        // matched seeds go back along the pointers, one message per hop
        for (int i = 0; i < matches.size(); i++) {
            Match m = matches.get(i);
            if (!m.reported) {
                continue;
            }
            long t = m.time;
            for (int u = m.node; pred[0][u] >= 0; u = g.source(pred[0][u])) {
                t += links.delayUs(pred[0][u] ^ 1);
                matchSent[u]++;
                matchMessages++;
            }
            for (int u = m.node; pred[1][u] >= 0; u = g.source(pred[1][u])) {
                matchSent[u]++;
                matchMessages++;
            }
            matches.set(i, new Match(m.node, m.time, m.feeMsat, m.hops, true, t));
        }
    }

    /** Entries whose seed came again more than {@code wipeUs} after it first arrived. */
    int lateRepeats(long wipeUs) {
        int late = 0;
        for (int s = 0; s < 2; s++) {
            for (int v = 0; v < has[s].length; v++) {
                if (has[s][v] && lastArrival[s][v] - arrival[s][v] > wipeUs) {
                    late++;
                }
            }
        }
        return late;
    }

    /** The public policy lets direction e carry the amount: known, enabled, within the HTLC minimum and maximum. */
    boolean policyAllows(int e, long amountMsat) {
        return g.isUsable(e) && amountMsat >= g.htlcMinimumMsat(e)
                && (!g.hasHtlcMaximum(e) || amountMsat <= g.htlcMaximumMsat(e));
    }

    /** HTLC directions of a match's path, A to B. */
    int[] path(int node) {
        List<Integer> front = new ArrayList<>();
        for (int u = node; pred[0][u] >= 0; u = g.source(pred[0][u])) {
            front.add(0, pred[0][u]);
        }
        for (int u = node; pred[1][u] >= 0; u = g.source(pred[1][u])) {
            front.add(pred[1][u] ^ 1);
        }
        return front.stream().mapToInt(Integer::intValue).toArray();
    }

    MatchChoice choose(long windowUs, int maxMatches) {
        int n = matches.size();
        long[] at = new long[n];
        long[] fee = new long[n];
        boolean[] rep = new boolean[n];
        for (int i = 0; i < n; i++) {
            at[i] = matches.get(i).atPayerUs;
            fee[i] = matches.get(i).feeMsat;
            rep[i] = matches.get(i).reported;
        }
        return MatchChoice.choose(at, fee, rep, n, windowUs, maxMatches);
    }
}
