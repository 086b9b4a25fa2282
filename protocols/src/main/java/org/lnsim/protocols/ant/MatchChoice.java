package org.lnsim.protocols.ant;

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

    /**
     * @param atPayerUs arrival at A of each match's matched seed (ignored where not reported)
     * @param feeMsat   the fee each matched seed reports
     * @param reported  whether each match sent a matched seed
     * @param count     matches, in the order they happened
     */
    public static MatchChoice choose(long[] atPayerUs, long[] feeMsat, boolean[] reported, int count, long windowUs,
                                     int maxMatches) {
        if (windowUs < 0 || maxMatches < 1) {
            throw new IllegalArgumentException("window must be >= 0 and max matches >= 1");
        }
        int reportedCount = 0;
        for (int m = 0; m < count; m++) {
            if (reported[m]) {
                reportedCount++;
            }
        }
        if (reportedCount == 0) {
            return NONE;
        }
        // matches sorted by (arrival at A, match order); a few hundred at most in practice, so a simple sort
        int[] byArrival = new int[reportedCount];
        int k = 0;
        for (int m = 0; m < count; m++) {
            if (reported[m]) {
                byArrival[k++] = m;
            }
        }
        Integer[] boxed = new Integer[reportedCount];
        for (int i = 0; i < reportedCount; i++) {
            boxed[i] = byArrival[i];
        }
        java.util.Arrays.sort(boxed, (a, b) -> atPayerUs[a] != atPayerUs[b]
                ? Long.compare(atPayerUs[a], atPayerUs[b]) : Integer.compare(a, b));
        long first = atPayerUs[boxed[0]];
        long windowEnd = first + windowUs;
        int best = -1;
        int held = 0;
        long decide = windowEnd;
        for (int i = 0; i < reportedCount && atPayerUs[boxed[i]] <= windowEnd; i++) {
            int m = boxed[i];
            held++;
            if (best < 0 || feeMsat[m] < feeMsat[best]) {
                best = m;
            }
            if (held == maxMatches) {
                decide = atPayerUs[m];
                break;
            }
        }
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
