package org.lnsim.protocols.pickhardt;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntConsumer;
import org.lnsim.network.ChannelGraph;

/**
 * askrene's {@code refine_flows} ({@code plugins/askrene/refine.c} v25.09): turns the solver's paths, whose amounts
 * are multiples of the unit and ignore fees, into parts that respect every hop's {@code htlc_maximum_msat},
 * {@code htlc_minimum_msat} and known liquidity maximum, and deliver no more than asked:
 * <ol>
 *   <li>each flow is cut to its path's {@link #maxDeliverable} ({@code path_max_deliverable});</li>
 *   <li>{@code remove_excess}: the smallest flows that fit in the excess are dropped, the rest of the excess taken
 *       from each flow in proportion to what it delivers, any rounding left from the largest;</li>
 *   <li>{@code increase_flows}: a shortfall is added to the largest flows first, each by at most
 *       {@link #TOLERANCE} of what it delivers and up to its maximum;</li>
 *   <li>a flow delivering less than its path's {@link #minDeliverable} ({@code path_min_deliverable}) is dropped
 *       and the hop whose {@code htlc_minimum_msat} it breaks, counted from the receiver, disabled for the query
 *       ({@code remove_htlc_min_violations});</li>
 *   <li>flows delivering nothing are dropped.</li>
 * </ol>
 * askrene has no hop limit (its {@code mcf.c} v25.09 lists "add extra constraint maximum route length" as a FIXME);
 * the engine's onion has one, so a flow longer than {@code maxHops} is dropped as well and its hop just past the
 * limit disabled for the query (what askrene does for an htlc_min violation), so the next solve avoids it.
 *
 * <p>Fees follow the engine's convention ({@link Flow#amounts}): the sender pays no fee on its own channel, where
 * askrene's {@code path_max_deliverable} also subtracts the first channel's fee.
 */
final class Refine {
    /** {@code increase_flows}'s tolerance: 0.02 ({@code refine_flows}, {@code plugins/askrene/refine.c} v25.09). */
    static final double TOLERANCE = 0.02;

    private Refine() {
    }

    /** The largest out with out + fee(out) ≤ in ({@code amount_msat_sub_fee}, {@code common/amount.c} v25.09). */
    static long subFee(Policies g, int e, long in) {
        long base = g.feeBaseMsat(e);
        long ppm = g.feeProportionalMillionths(e);
        if (in < base) {
            return 0;
        }
        long rest = in - base;
        long out = rest <= Long.MAX_VALUE / 1_000_000L ? rest * 1_000_000L / (1_000_000L + ppm)
                : BigInteger.valueOf(rest).multiply(BigInteger.valueOf(1_000_000L))
                        .divide(BigInteger.valueOf(1_000_000L + ppm)).longValueExact();
        if (out < Long.MAX_VALUE / 2 && out + 1 + g.feeMsat(e, out + 1) <= in) {
            return out + 1;
        }
        return out;
    }

    /** The most a path can deliver: every hop's amount within its htlc_max and known liquidity maximum. */
    static long maxDeliverable(ChannelGraph g, Policies p, int[] dirs, Bounds b) {
        long x = Long.MAX_VALUE / 2;
        for (int i = 0; i < dirs.length; i++) {
            int e = dirs[i];
            if (i > 0) {
                x = subFee(p, e, x);
            }
            if (g.hasHtlcMaximum(e)) {
                x = Math.min(x, g.htlcMaximumMsat(e));
            }
            x = Math.min(x, b.maxMsat(e, g.source(e), g.capacityMsat(ChannelGraph.channelOf(e))));
        }
        return Math.max(0, x);
    }

    /** The least a path can deliver with every hop's amount at or above its htlc_min. */
    static long minDeliverable(ChannelGraph g, Policies p, int[] dirs) {
        int n = dirs.length;
        long least = Math.max(1, g.htlcMinimumMsat(dirs[n - 1]));
        for (int i = n - 2; i >= 0; i--) {
            least = Math.max(g.htlcMinimumMsat(dirs[i]), least + p.feeMsat(dirs[i + 1], least));
        }
        for (int i = 1; i < n; i++) {
            int e = dirs[i];
            long out = subFee(p, e, least);
            if (out + p.feeMsat(e, out) < least) {
                out++;
            }
            least = Math.max(out, g.htlcMinimumMsat(e));
        }
        return least;
    }

    /**
     * Refines {@code flows} to deliver at most {@code deliverMsat}; directions to disable for the rest of the query
     * go to {@code disable}. Returns the flows kept, largest first.
     */
    static List<Flow> refine(ChannelGraph g, Policies p, List<Flow> flows, long deliverMsat, Bounds b, int maxHops,
                             IntConsumer disable) {
        List<Flow> kept = new ArrayList<>();
        for (Flow f : flows) {
            if (f.hops() > maxHops) {
                disable.accept(f.dirs[maxHops]);
            } else {
                kept.add(f);
            }
        }
        int n = kept.size();
        long[] max = new long[n];
        long[] min = new long[n];
        for (int i = 0; i < n; i++) {
            Flow f = kept.get(i);
            max[i] = maxDeliverable(g, p, f.dirs, b);
            min[i] = minDeliverable(g, p, f.dirs);
            f.deliverMsat = Math.min(f.deliverMsat, max[i]);
        }
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            idx.add(i);
        }
        Comparator<Integer> bigFirst = (x, y) -> Long.compare(kept.get(y).deliverMsat, kept.get(x).deliverMsat);
        removeExcess(kept, idx, deliverMsat, bigFirst);
        increase(kept, idx, deliverMsat, max, bigFirst);
        for (int i = 0; i < idx.size(); ) {
            int j = idx.get(i);
            Flow f = kept.get(j);
            if (f.deliverMsat >= min[j]) {
                i++;
                continue;
            }
            idx.remove(i);
            long msat = f.deliverMsat;
            for (int h = f.hops() - 1; h >= 0; h--) {
                if (msat < g.htlcMinimumMsat(f.dirs[h])) {
                    disable.accept(f.dirs[h]);
                    break;
                }
                if (h > 0) {
                    msat += p.feeMsat(f.dirs[h], msat);
                }
            }
        }
        idx.sort(bigFirst);
        List<Flow> out = new ArrayList<>();
        for (int j : idx) {
            if (kept.get(j).deliverMsat > 0) {
                out.add(kept.get(j));
            }
        }
        return out;
    }

    private static long sum(List<Flow> flows, List<Integer> idx) {
        long s = 0;
        for (int j : idx) {
            s += flows.get(j).deliverMsat;
        }
        return s;
    }

    /** {@code remove_excess}. */
    static void removeExcess(List<Flow> flows, List<Integer> idx, long maxDeliver, Comparator<Integer> bigFirst) {
        if (idx.isEmpty()) {
            return;
        }
        long all = sum(flows, idx);
        long excess = all - maxDeliver;
        if (excess <= 0) {
            return;
        }
        idx.sort(bigFirst);
        for (int i = idx.size() - 1; i >= 0; i--) {
            long d = flows.get(idx.get(i)).deliverMsat;
            if (excess < d) {
                break;
            }
            excess -= d;
            all -= d;
            idx.remove(i);
        }
        if (idx.isEmpty()) {
            return; // cannot happen: the flows delivered more than maxDeliver ≥ 0 before
        }
        long oldExcess = excess;
        long oldDeliver = all;
        for (int j : idx) {
            Flow f = flows.get(j);
            double fraction = (double) f.deliverMsat / oldDeliver;
            long remove = Math.min((long) (oldExcess * fraction), excess);
            excess -= remove;
            f.deliverMsat -= remove;
        }
        flows.get(idx.get(0)).deliverMsat -= excess;
    }

    /** {@code increase_flows}, with {@link #TOLERANCE}. */
    static void increase(List<Flow> flows, List<Integer> idx, long deliver, long[] max, Comparator<Integer> bigFirst) {
        if (idx.isEmpty()) {
            return;
        }
        long defect = deliver - sum(flows, idx);
        if (defect <= 0) {
            return;
        }
        idx.sort(bigFirst);
        for (int i = 0; i < idx.size() && defect > 0; i++) {
            int j = idx.get(i);
            Flow f = flows.get(j);
            long canAdd = Math.min(defect, (long) (f.deliverMsat * TOLERANCE));
            if (max[j] < f.deliverMsat) {
                continue;
            }
            canAdd = Math.min(canAdd, max[j] - f.deliverMsat);
            f.deliverMsat += canAdd;
            defect -= canAdd;
        }
    }
}
