package org.lnsim.protocols.ant;

import java.util.Arrays;

/**
 * How the payer picks a match (papers: "A waits for several matched seeds and chooses one, e.g. the lowest fee",
 * lightning-facts §6; the window and the count are lnsim's parameters): the matched seeds reach A in order of arrival
 * (ties: the order the matches happened); A keeps collecting for {@code windowUs} after the first or until it holds
 * {@code maxMatches}, then takes the one reporting the lowest fee (ties: the earliest to arrive).
 *
 * @param match    index of the chosen match, or -1 if no matched seed reached A
 * @param decideUs when A decides, µs after the round's start (-1 without a match)
 * @param firstUs  when the first matched seed reached A (-1 without one)
 * @param held     matched seeds A held when it decided
 */
public record MatchChoice(int match, long decideUs, long firstUs, int held) {
    public static final MatchChoice NONE = new MatchChoice(-1, -1, -1, 0);
    /** Windows up to about 18 minutes: arrival offsets within the window are sorted packed in 30 bits. */
    public static final long MAX_WINDOW_US = 1L << 30;

    /**
     * @param atPayerUs arrival at A of each match's matched seed (ignored where not reported)
     * @param feeMsat   the fee each matched seed reports
     * @param reported  whether each match sent a matched seed
     * @param count     matches, in the order they happened
     */
    public static MatchChoice choose(long[] atPayerUs, long[] feeMsat, boolean[] reported, int count, long windowUs,
                                     int maxMatches) {
        if (windowUs < 0 || windowUs >= MAX_WINDOW_US || maxMatches < 1) {
            throw new IllegalArgumentException("window must be in [0, 2^30) µs and max matches >= 1");
        }
        long first = Long.MAX_VALUE;
        for (int m = 0; m < count; m++) {
            if (reported[m]) {
                first = Math.min(first, atPayerUs[m]);
            }
        }
        if (first == Long.MAX_VALUE) {
            return NONE;
        }
        long windowEnd = first + windowUs;
        int inWindow = 0;
        for (int m = 0; m < count; m++) {
            if (reported[m] && atPayerUs[m] <= windowEnd) {
                inWindow++;
            }
        }
        // the matched seeds in the window in arrival order, ties by match order: (arrival - first) << 33 | match
        long[] keys = new long[inWindow];
        int k = 0;
        for (int m = 0; m < count; m++) {
            if (reported[m] && atPayerUs[m] <= windowEnd) {
                keys[k++] = (atPayerUs[m] - first) << 33 | m;
            }
        }
        Arrays.sort(keys);
        int held = Math.min(inWindow, maxMatches);
        int best = -1;
        for (int i = 0; i < held; i++) {
            int m = (int) (keys[i] & ((1L << 33) - 1));
            if (best < 0 || feeMsat[m] < feeMsat[best]) {
                best = m;
            }
        }
        long decide = held == maxMatches ? first + (keys[held - 1] >>> 33) : windowEnd;
        return new MatchChoice(best, decide, first, held);
    }

    /** The choice among the matches of a wave's last run. */
    public static MatchChoice choose(SeedWave w, long windowUs, int maxMatches) {
        int n = w.matchCount();
        long[] at = new long[n];
        long[] fee = new long[n];
        boolean[] rep = new boolean[n];
        for (int m = 0; m < n; m++) {
            at[m] = w.matchAtPayerUs(m);
            fee[m] = w.matchFeeMsat(m);
            rep[m] = w.matchReported(m);
        }
        return choose(at, fee, rep, n, windowUs, maxMatches);
    }
}
