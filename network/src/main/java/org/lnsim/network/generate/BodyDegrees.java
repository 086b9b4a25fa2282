package org.lnsim.network.generate;

import java.util.Arrays;

/**
 * The degree distribution below the hubs, {@link McpFit#bodyDegrees()}: the snapshot's own degrees of the nodes
 * outside its top 1% ({@link McpFitter#TOP_ONE_IN}), as {@code [degree, nodes]} rows, and the draw that {@link
 * McpGenerator.TopologyMode#FITTED} makes from it for every node it does not pin.
 *
 * <p>Why (issue 22 item 2): MCP's degree law {@code c·(x+b)^−a} has two shape parameters, and 2019-05-14's body is
 * not of that shape. Fitted by likelihood to every degree, the law puts 96 of the 4,232 non-hub nodes at 100 to 350
 * channels where the snapshot has 52, and 417 at 20 to 49 where it has 512 (fitted to the body alone: 79 and 409).
 * Generated 2019 networks had 85–97 such large non-hub nodes and 3,632–3,949 nodes in all (the snapshot: 4,275); their
 * routes crossed those nodes' cheap directions, and the fee median at 5,000 payments was 20–26% low on three seeds of
 * five. Drawn from the snapshot's own body the counts match in expectation at the snapshot's size.
 *
 * <p>The draw at other sizes ({@link #drawAt}), below a cap (the smallest pinned hub degree, scaled with the network):
 * <ul>
 *   <li>a smaller network (cap at or below the body's largest degree {@code v_max}) draws from the rows at or below
 *       the cap, in their proportions: the same shape as the snapshot's body, cut where the scaled hubs start, as the
 *       law's draw is cut there;</li>
 *   <li>a larger one (cap above {@code v_max}) keeps the law for the degrees the snapshot could not show: with the
 *       law's probability of a degree in {@code (v_max, cap]}, {@code p = (F(cap) − F(v_max + ½)) / (F(cap) −
 *       F(0))} (F its {@link PowerLaw#integral}), the degree is the law's inverse-transform draw over that range,
 *       rounded; otherwise a row of the body. At 1M channels from the 2019 fit (cap 9,334, {@code v_max} 345) the law
 *       gives {@code p} = 0.63%: 582 nodes of 345 or more channels, hubs included, against the law's 589 before
 *       (seed 1).</li>
 * </ul>
 * One uniform per degree: {@code u < p} takes the tail at {@code u / p}, else the rows at {@code (u − p) / (1 − p)}.
 */
final class BodyDegrees {
    private final int[] values;
    /** Cumulative node counts: {@code cumulative[i]} = nodes of degree ≤ {@code values[i]}. */
    private final long[] cumulative;

    /**
     * @param rows {@code [degree, nodes]} pairs, degrees strictly ascending and ≥ 1, node counts ≥ 1 (as {@link
     *             McpFit} checks them)
     */
    BodyDegrees(int[][] rows) {
        values = new int[rows.length];
        cumulative = new long[rows.length];
        long sum = 0;
        for (int i = 0; i < rows.length; i++) {
            values[i] = rows[i][0];
            sum += rows[i][1];
            cumulative[i] = sum;
        }
    }

    /** The body's largest degree {@code v_max}. */
    int maxDegree() {
        return values[values.length - 1];
    }

    /**
     * A draw below {@code cap}: returns a function from a uniform in [0, 1) to a degree in [1, cap], as described in
     * the class comment.
     *
     * @param law the fitted degree law, for the degrees above {@code v_max} (used only when {@code cap > v_max})
     * @param cap the largest degree a body node may take (≥ 1)
     */
    java.util.function.DoubleToIntFunction drawAt(PowerLaw law, int cap) {
        // the rows at or below the cap (at least the first, whose degree is the body's smallest, usually 1)
        int rows = Math.max(1, upperBound(cap));
        long below = cumulative[rows - 1];
        int vmax = maxDegree();
        if (cap <= vmax) {
            return u -> row(u, below);
        }
        law.checkSamplable(vmax + 0.5, cap);
        double f0 = law.integral(0);
        double flo = law.integral(vmax + 0.5);
        double fhi = law.integral(cap);
        double p = (fhi - flo) / (fhi - f0);
        return u -> {
            if (u < p) {
                double x = Math.rint(law.sampleAt(u / p, flo, fhi));
                return (int) Math.max(vmax + 1, Math.min(cap, x));
            }
            return row((u - p) / (1 - p), below);
        };
    }

    /**
     * The degree of the row where {@code u · total} falls, {@code total} being the cumulative count of the rows at or
     * below the cap: the first row whose cumulative count exceeds {@code floor(u · total)} (the same row as for
     * {@code u · total} itself, the counts being integers). The floor is kept below {@code total}, since a rounded
     * {@code (u − p) / (1 − p)} may reach 1, so the row is always one of those.
     */
    private int row(double u, long total) {
        return values[McpGenerator.pick(cumulative, Math.min(total - 1, (long) (u * total)))];
    }

    /** How many rows have a degree ≤ {@code cap}. */
    private int upperBound(int cap) {
        int i = Arrays.binarySearch(values, cap);
        return i >= 0 ? i + 1 : -i - 1;
    }
}
