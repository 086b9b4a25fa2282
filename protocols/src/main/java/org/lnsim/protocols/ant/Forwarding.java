package org.lnsim.protocols.ant;

import java.util.Arrays;
import org.lnsim.network.ChannelGraph;

/**
 * The seed wave's general forwarding step, one message at a time: selective forwarding ({@code ant.selective}, a
 * fanout k and a per-channel score) and delays drawn per message, where {@link PlainFlood}'s shortcut does not apply.
 * A pair that settles checks every slot and offers each message that passes to the wave, which counts it and queues
 * it if it is the earliest to its pair so far.
 *
 * <p>Selective forwarding: a forwarding node other than A and B sends to its k best eligible peers by score (then
 * capacity, then adjacency order), in adjacency order ({@link #keepBest}); A and B flood all their peers.
 */
final class Forwarding {
    private final SeedWave w;
    private final WavePairs pairs;
    private final SlotRecords slots;
    private final ChannelGraph g;
    // scratch for one node's candidates
    private final int[] candSlot;
    private final long[] candAcc;
    private final long[] candArrival;
    private final boolean[] candTake;
    private final long[] peerStamp;
    private long stamp;

    Forwarding(SeedWave w, WavePairs pairs, SlotRecords slots, int maxDegree) {
        this.w = w;
        this.pairs = pairs;
        this.slots = slots;
        this.g = slots.g;
        candSlot = new int[maxDegree];
        candAcc = new long[maxDegree];
        candArrival = new long[maxDegree];
        candTake = new boolean[maxDegree];
        peerStamp = new long[g.nodeCount()];
    }

    /**
     * Forwards pair {@code idx}'s seed to every peer whose slot passes the checks (the policy of
     * {@link SlotRecords#slotAccumulator}, one message per peer, the balance), or to the best {@code fanout} of them.
     *
     * @param fixedDelays whether the slots' delays are those in the records
     */
    void forward(int idx, boolean fixedDelays) {
        int v = idx >>> 1;
        int s = idx & 1;
        boolean origin = pairs.predOf(idx) < 0;
        int from = pairs.predNodeOf(idx);
        long acc = pairs.accumulator(idx);
        long amount = w.amountMsat;
        long maxFee = w.maxFeeMsat;
        long accOut = s == 1 ? pairs.forwardedAccumulator(idx) : 0;
        if (accOut > maxFee) {
            return;
        }
        pairs.state[idx] = WavePairs.SETTLED | WavePairs.FORWARDED;
        SeedWave.Links links = w.links;
        // in phases, each a tight loop of independent loads, so the memory system can overlap them: static checks
        // on the adjacency-ordered arrays, then balances, then delays, then the messages in order
        long[] rec = slots.rec;
        int cands = 0;
        for (int slot = g.outStart(v), end = g.outEnd(v); slot < end; slot++) {
            int r = slots.recOf(s, slot);
            if ((int) (rec[r + SlotRecords.PEER_DIR] >>> 32) == from) {
                continue;
            }
            long a = slots.slotAccumulator(s, r, origin, acc, accOut, amount, maxFee);
            if (a < 0) {
                continue;
            }
            candSlot[cands] = slot;
            candAcc[cands] = a;
            cands++;
        }
        long st = ++stamp;
        int kept = 0;
        for (int c = 0; c < cands; c++) {
            int slot = candSlot[c];
            long pd = rec[slots.recOf(s, slot) + SlotRecords.PEER_DIR];
            int q = (int) (pd >>> 32);
            boolean par = (pd & SlotRecords.PAR_BIT) != 0;
            if (par && peerStamp[q] == st) {
                continue;   // one message per peer: an earlier channel to q passed
            }
            boolean ok = s == 0 ? links.outSpendableMsat(v, slot) >= amount
                    : links.inSpendableMsat(v, slot) >= amount + candAcc[c];
            if (!ok) {
                continue;
            }
            if (par) {
                peerStamp[q] = st;
            }
            candSlot[kept] = slot;
            candAcc[kept] = candAcc[c];
            kept++;
        }
        if (!origin && w.fanout < kept) {
            kept = keepBest(kept, w.fanout, w.score);
        }
        long t = pairs.arrivalAt[idx];
        if (fixedDelays) {
            long[] delays = slots.delays;
            for (int c = 0; c < kept; c++) {
                candArrival[c] = t + delays[candSlot[c]];
            }
        } else {
            for (int c = 0; c < kept; c++) {
                candArrival[c] = t + links.delayUs(g.outDirection(candSlot[c]));
            }
        }
        int h = pairs.hopsOf(idx) + 1;
        pairs.seedMessages[s] += kept;
        pairs.sent[idx] += kept;
        for (int c = 0; c < kept; c++) {
            int r = slots.recOf(s, candSlot[c]);
            w.offer(2 * (int) (rec[r + SlotRecords.PEER_DIR] >>> 32) + s, candArrival[c], r, v, candAcc[c], h);
        }
    }

    /**
     * Keeps the {@code fanout} best of the first {@code cands} candidates by (score desc, capacity desc, slot asc),
     * in slot order; returns how many.
     */
    private int keepBest(int cands, int fanout, long[] score) {
        Arrays.fill(candTake, 0, cands, false);
        for (int k = 0; k < fanout; k++) {
            int best = -1;
            for (int i = 0; i < cands; i++) {
                if (!candTake[i] && (best < 0 || better(candSlot[i], candSlot[best], score))) {
                    best = i;
                }
            }
            candTake[best] = true;
        }
        int kept = 0;
        for (int i = 0; i < cands; i++) {
            if (candTake[i]) {
                candSlot[kept] = candSlot[i];
                candAcc[kept] = candAcc[i];
                kept++;
            }
        }
        return kept;
    }

    private boolean better(int slotA, int slotB, long[] score) {
        int ca = g.outDirection(slotA) >>> 1;
        int cb = g.outDirection(slotB) >>> 1;
        long sa = score == null ? 0 : score[ca];
        long sb = score == null ? 0 : score[cb];
        if (sa != sb) {
            return sa > sb;
        }
        if (g.capacitySat(ca) != g.capacitySat(cb)) {
            return g.capacitySat(ca) > g.capacitySat(cb);
        }
        return slotA < slotB;
    }
}
