package org.lnsim.protocols.cloth;

import java.util.Arrays;

/**
 * What one sender remembers of its payments: CLoTH's node-pair results ({@code struct node_pair_result},
 * {@code include/htlc.h}; {@code set_node_pair_result_success} and {@code set_node_pair_result_fail} of
 * {@code src/htlc.c}), and the probabilities the router reads from them ({@code get_probability},
 * {@code get_node_probability}, {@code calculate_probability}, {@code get_weight} of {@code src/routing.c}), all
 * at marcono/cloth commit e0e4043. For each observed directed pair from → to: the largest amount that went through
 * and when, the amount that failed and when (time 0: never failed, CLoTH's sentinel).
 *
 * <h2>CLoTH's quirks, kept</h2>
 * <ul>
 *   <li><b>The "1 hour" half-life is 24 minutes.</b> {@code PENALTYHALFLIFE 1} is meant in hours, but
 *       {@code millisec_to_hour} divides by 1000 · 60 · 24, so a failure's weight is 2^(−age / 24 min). The key
 *       {@code penalty_half_life_s} defaults to 1,440 s, which reproduces it to the bit (the age is scaled by
 *       1,440 / half-life = 1.0); 3,600 gives the hour lnd 0.10 meant.</li>
 *   <li><b>The pair's own probability ignores the amount.</b> {@code get_probability} passes
 *       {@code MAXMILLISATOSHI} to {@code calculate_probability}, so a pair's success is never above the amount and a
 *       pair that ever failed is the node probability × (1 − weight of its last failure), whatever the amount; the
 *       node probability does use the amount.</li>
 *   <li><b>A failure at a larger amount within 60 s of the pair's last one is ignored</b>, also when the pair never
 *       failed (its fail time 0 is then "within 60 s" of any failure before the run's first minute).</li>
 * </ul>
 *
 * <p>Times are the engine's µs; CLoTH's ms ages are the µs ages / 1,000. Results are kept per from-node in the
 * order they were created and read newest first, CLoTH's list order ({@code push} prepends), so the node
 * probability's sums add in CLoTH's order. Lookups use a primitive open-addressing table from from-node to its
 * list; nothing is allocated per read.
 */
final class ClothMemory {
    /** {@code APRIORIHOPPROBABILITY 0.6}, {@code src/routing.c} at e0e4043. */
    static final double APRIORI_HOP_PROBABILITY = 0.6;
    /** {@code APRIORIWEIGHT 0.5}, {@code src/routing.c} at e0e4043. */
    static final double APRIORI_WEIGHT = 0.5;
    /** {@code PREVSUCCESSPROBABILITY 0.95}, {@code src/routing.c} at e0e4043 (also the sender's own channels). */
    static final double PREV_SUCCESS_PROBABILITY = 0.95;
    /**
     * CLoTH's half-life in seconds as its code computes it: {@code PENALTYHALFLIFE 1} "hour" through
     * {@code millisec_to_hour} (÷ 1000 ÷ 60 ÷ 24), {@code src/routing.c} at e0e4043: 24 min.
     */
    static final double CLOTH_HALF_LIFE_S = 1_440;
    /** A failure at a larger amount within this time of the last is ignored: {@code 60000} ms, {@code src/htlc.c}. */
    static final long FAIL_RELAX_US = 60_000_000;
    /** Bytes counted per remembered pair: to-node (4), success and fail amounts and times (4 × 8), padding (4). */
    static final int BYTES_PER_PAIR = 40;

    /** One from-node's results, oldest first. */
    private static final class Pairs {
        int size;
        int[] to = new int[4];
        long[] successAmt = new long[4];
        long[] successTime = new long[4];
        long[] failAmt = new long[4];
        long[] failTime = new long[4];

        int find(int toNode) {
            for (int i = size - 1; i >= 0; i--) {
                if (to[i] == toNode) {
                    return i;
                }
            }
            return -1;
        }

        int add(int toNode) {
            if (size == to.length) {
                int n = size * 2;
                to = Arrays.copyOf(to, n);
                successAmt = Arrays.copyOf(successAmt, n);
                successTime = Arrays.copyOf(successTime, n);
                failAmt = Arrays.copyOf(failAmt, n);
                failTime = Arrays.copyOf(failTime, n);
            }
            to[size] = toNode;
            return size++;
        }
    }

    /** Scales a ms age into CLoTH's "hours" over the configured half-life: 1.0 for CLoTH's own. */
    private final double halfLifeScale;
    private int[] keys = new int[8];
    private Pairs[] values = new Pairs[8];
    private int used;
    private int pairs;

    /** @param halfLifeS the failure half-life, in seconds (CLoTH's code: {@link #CLOTH_HALF_LIFE_S}) */
    ClothMemory(double halfLifeS) {
        if (!(halfLifeS > 0)) {
            throw new IllegalArgumentException("half-life must be > 0");
        }
        this.halfLifeScale = CLOTH_HALF_LIFE_S / halfLifeS;
        Arrays.fill(keys, -1);
    }

    /** Pairs remembered. */
    int pairs() {
        return pairs;
    }

    /** Routing state in bytes: {@link #BYTES_PER_PAIR} per remembered pair. */
    long bytes() {
        return (long) pairs * BYTES_PER_PAIR;
    }

    /**
     * {@code get_weight}: 2^(−age in CLoTH "hours" / {@code PENALTYHALFLIFE}), with CLoTH's hours being
     * ms / 1000 / 60 / 24 (24 min), scaled by 1,440 s / the half-life.
     */
    double weight(long ageUs) {
        double ms = ageUs / 1000.0;
        double hours = ms / 1000.0 / 60.0 / 24.0;
        return Math.pow(2, -(hours * halfLifeScale) / 1.0);
    }

    /**
     * {@code get_probability}: the success probability of from → to for {@code amtMsat}, as the sender sees it now.
     * The sender's own channels start at 0.95, others at the node probability.
     */
    double probability(int sender, int from, int to, long amtMsat, long nowUs) {
        Pairs r = pairsOf(from);
        double node = from == sender ? PREV_SUCCESS_PROBABILITY : nodeProbability(r, amtMsat, nowUs);
        return pairProbability(r, to, node, nowUs);
    }

    /**
     * {@code get_node_probability}: 0.6 when the sender knows nothing of {@code from}; else the a-priori 0.6 with
     * weight 1/(1 − 0.5) − 1 = 1, plus 0.95 with weight 1 per pair that carried at least the amount, plus weight
     * 2^(−age/half-life) and probability 0 per pair whose last failure was at most the amount.
     */
    double nodeProbability(Pairs r, long amtMsat, long nowUs) {
        if (r == null || r.size == 0) {
            return APRIORI_HOP_PROBABILITY;
        }
        double aprioriFactor = 1.0 / (1.0 - APRIORI_WEIGHT) - 1;
        double totalProbabilities = APRIORI_HOP_PROBABILITY * aprioriFactor;
        double totalWeight = aprioriFactor;
        for (int i = r.size - 1; i >= 0; i--) {
            if (amtMsat <= r.successAmt[i]) {
                totalWeight++;
                totalProbabilities += PREV_SUCCESS_PROBABILITY;
                continue;
            }
            if (r.failTime[i] != 0 && amtMsat >= r.failAmt[i]) {
                totalWeight += weight(nowUs - r.failTime[i]);
            }
        }
        return totalProbabilities / totalWeight;
    }

    /**
     * {@code calculate_probability} as {@code get_probability} calls it, with the amount {@code MAXMILLISATOSHI}:
     * the node probability unless the pair failed, then × (1 − the failure's weight).
     */
    private double pairProbability(Pairs r, int to, double nodeProbability, long nowUs) {
        int i = r == null ? -1 : r.find(to);
        if (i < 0) {
            return nodeProbability;
        }
        // amount = UINT64_MAX: "amount <= success_amount" and "amount < fail_amount" never hold
        if (r.failTime[i] == 0) {
            return nodeProbability;
        }
        if (r.failTime[i] > nowUs) {
            throw new IllegalStateException("calculate_probability: fail_time > current_time");
        }
        return nodeProbability * (1 - weight(nowUs - r.failTime[i]));
    }

    /** {@code set_node_pair_result_success}. */
    void success(int from, int to, long amtMsat, long nowUs) {
        Pairs r = pairsFor(from);
        int i = r.find(to);
        if (i < 0) {
            i = r.add(to);
            r.failTime[i] = 0;
            r.failAmt[i] = 0;
            r.successTime[i] = 0;
            r.successAmt[i] = 0;
            pairs++;
        }
        r.successTime[i] = nowUs;
        if (amtMsat > r.successAmt[i]) {
            r.successAmt[i] = amtMsat;
        }
        if (r.failTime[i] != 0 && r.successAmt[i] > r.failAmt[i]) {
            r.failAmt[i] = amtMsat + 1;
        }
    }

    /** {@code set_node_pair_result_fail}; {@code amtMsat} 0 for an offline node. */
    void fail(int from, int to, long amtMsat, long nowUs) {
        Pairs r = pairsFor(from);
        int i = r.find(to);
        if (i >= 0 && amtMsat > r.failAmt[i] && nowUs - r.failTime[i] < FAIL_RELAX_US) {
            return;
        }
        if (i < 0) {
            i = r.add(to);
            r.failTime[i] = 0;
            r.failAmt[i] = 0;
            r.successTime[i] = 0;
            r.successAmt[i] = 0; // CLoTH leaves it uninitialised (malloc); 0 is what it reads in practice
            pairs++;
        }
        r.failAmt[i] = amtMsat;
        r.failTime[i] = nowUs;
        if (amtMsat == 0) {
            r.successAmt[i] = 0;
        } else if (amtMsat <= r.successAmt[i]) {
            r.successAmt[i] = amtMsat - 1;
        }
    }

    /**
     * Marks, for one search, every from-node this memory holds results of ({@code known[from] = stamp}) and, of
     * those other than {@code sender}, each with a pair that ever carried an amount ({@code likely[from] = stamp}),
     * with the largest probability its hops can have ({@code likelyP[from]}). Only a likely node's hops can be above
     * the a-priori 0.6: a node's probability is (0.6 + 0.95·S) / (1 + S + its failures' weights), S its pairs that
     * carried at least the amount, so at most (0.6 + 0.95·s) / (1 + s) with s its pairs that ever carried one (the
     * bound grows with s, stays below 0.95, and is widened by 10⁻¹² for rounding); a pair's is at most its node's,
     * and a node not known is 0.6 exactly ({@link #probability} finds no pairs). The search bounds its labels with
     * this, and reads {@link #probability} only for known nodes.
     *
     * @return the largest bound marked, or 0 if no node was marked likely
     */
    double mark(int sender, int[] known, int[] likely, double[] likelyP, int stamp) {
        double max = 0;
        for (int h = 0; h < keys.length; h++) {
            int from = keys[h];
            if (from == -1) {
                continue;
            }
            known[from] = stamp;
            if (from == sender) {
                continue;
            }
            Pairs r = values[h];
            int carried = 0;
            for (int i = 0; i < r.size; i++) {
                if (r.successAmt[i] > 0) {
                    carried++;
                }
            }
            if (carried > 0) {
                double p = Math.min(PREV_SUCCESS_PROBABILITY,
                        (APRIORI_HOP_PROBABILITY + PREV_SUCCESS_PROBABILITY * carried) / (1 + carried) * (1 + 1e-12));
                likely[from] = stamp;
                likelyP[from] = p;
                max = Math.max(max, p);
            }
        }
        return max;
    }

    /** The pair's remembered success amount, or -1 if the pair is unknown (tests). */
    long successAmt(int from, int to) {
        Pairs r = pairsOf(from);
        int i = r == null ? -1 : r.find(to);
        return i < 0 ? -1 : r.successAmt[i];
    }

    /** The pair's remembered failure amount, or -1 if the pair is unknown (tests). */
    long failAmt(int from, int to) {
        Pairs r = pairsOf(from);
        int i = r == null ? -1 : r.find(to);
        return i < 0 ? -1 : r.failAmt[i];
    }

    // ---- from-node -> Pairs, open addressing ----

    private int slot(int key) {
        int mask = keys.length - 1;
        int x = key * 0x9E3779B1;
        int h = (x ^ (x >>> 16)) & mask;
        while (keys[h] != -1 && keys[h] != key) {
            h = (h + 1) & mask;
        }
        return h;
    }

    Pairs pairsOf(int from) {
        int h = slot(from);
        return keys[h] == from ? values[h] : null;
    }

    private Pairs pairsFor(int from) {
        int h = slot(from);
        if (keys[h] == from) {
            return values[h];
        }
        if (2 * (used + 1) > keys.length) {
            grow();
            h = slot(from);
        }
        keys[h] = from;
        Pairs p = new Pairs();
        values[h] = p;
        used++;
        return p;
    }

    private void grow() {
        int[] oldKeys = keys;
        Pairs[] oldValues = values;
        keys = new int[oldKeys.length * 2];
        values = new Pairs[oldKeys.length * 2];
        Arrays.fill(keys, -1);
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != -1) {
                int h = slot(oldKeys[i]);
                keys[h] = oldKeys[i];
                values[h] = oldValues[i];
            }
        }
    }
}
