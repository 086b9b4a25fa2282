package org.lnsim.protocols.pickhardt;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lnsim.network.ChannelGraph;

/**
 * askrene's {@code getroutes} for one amount: {@code linear_routes} ({@code plugins/askrene/mcf.c} v25.09) around
 * the solver ({@link Mcf}) and {@link Refine}.
 *
 * <ol>
 *   <li>Solve what is left to deliver: one path ({@code single_path_flow}) when it is at most
 *       {@link #SINGLE_PATH_THRESHOLD_MSAT} or one part slot is left, else the min-cost flow ({@code minflow}); no
 *       solution: the query fails ("no route").</li>
 *   <li>Refine; if nothing is left, solve again (the refinement disabled channels).</li>
 *   <li>Too many parts: drop the smallest so that one slot stays free for the next solve.</li>
 *   <li>Fees above the budget's share for what these flows deliver: raise μ (1 → 10 → 20 … → 100) and solve again;
 *       at μ = 100 accept if within the whole remaining budget, else fail ("excessive cost").</li>
 *   <li>The worst path's CLTV plus the final CLTV above {@code maxdelay}: double {@code delay_feefactor} (from
 *       10⁻⁶) and solve again; fail above 10 ("excessive delays").</li>
 *   <li>Accept the flows: reserve their amounts on every hop, so the next solve of this query sees the liquidity
 *       they use (askrene's reservations), and continue with what is left.</li>
 * </ol>
 * Finally flows on the same path are merged when their sum stays within the path's maximum ({@code squash_flows},
 * {@code refine.c}).
 */
final class Planner {
    /**
     * {@code SINGLE_PATH_THRESHOLD} = 1,000 sat ({@code plugins/askrene/mcf.c} v25.09): "every payment under 1000sat
     * will be routed through a single path".
     */
    static final long SINGLE_PATH_THRESHOLD_MSAT = 1_000_000;
    /** The first {@code delay_feefactor}: 10⁻⁶ ({@code linear_routes}, {@code mcf.c} v25.09). */
    static final double DELAY_FEEFACTOR_START = 1e-6;
    /** {@code delay_feefactor} above which the query fails: 10 ({@code linear_routes}, {@code mcf.c} v25.09). */
    static final double DELAY_FEEFACTOR_MAX = 10;
    /** A guard against a refinement that keeps removing everything without disabling anything. */
    private static final int MAX_ROUNDS = 1000;

    /** A plan: its flows (empty on failure) and why it failed (null on success). */
    record Plan(List<Flow> flows, String failure, int mcfCalls) {
        boolean found() {
            return failure == null;
        }
    }

    private final ChannelGraph g;
    private final Mcf mcf;

    private final long singlePathThresholdMsat;

    /**
     * @param units                   units an amount is solved in ({@link Mcf#UNITS})
     * @param singlePathThresholdMsat amounts up to this take one path ({@link #SINGLE_PATH_THRESHOLD_MSAT})
     */
    Planner(ChannelGraph g, long units, long singlePathThresholdMsat) {
        this.g = g;
        this.mcf = new Mcf(g, units);
        this.singlePathThresholdMsat = singlePathThresholdMsat;
    }

    Mcf mcf() {
        return mcf;
    }

    /**
     * Plans {@code amountMsat} from s to t.
     *
     * @param maxFeeMsat the fee budget of this amount
     * @param finalCltv  the receiver's final CLTV
     * @param maxDelay   {@code maxdelay}: the largest total CLTV
     * @param maxParts   the most flows the plan may have (≥ 1)
     * @param maxHops    the engine's hop limit
     * @param muStart    the first μ (askrene: 1)
     * @param base       what the sender believes of each direction
     */
    Plan plan(int s, int t, long amountMsat, long maxFeeMsat, int finalCltv, int maxDelay, int maxParts, int maxHops,
              int muStart, Bounds base) {
        Reserved b = new Reserved(base);
        long toDeliver = amountMsat;
        long feeBudget = maxFeeMsat;
        int mu = muStart;
        double dff = DELAY_FEEFACTOR_START;
        List<Flow> flows = new ArrayList<>();
        int calls = 0;
        for (int round = 0; toDeliver > 0; round++) {
            if (round == MAX_ROUNDS) {
                return new Plan(List.of(), "no route: refinement left nothing to send", calls);
            }
            int slots = maxParts - flows.size();
            calls++;
            List<Flow> found = toDeliver <= singlePathThresholdMsat || slots == 1
                    ? mcf.singlePath(s, t, toDeliver, mu, dff, b)
                    : mcf.minflow(s, t, toDeliver, mu, dff, b);
            if (found == null) {
                return new Plan(List.of(), "no route: no feasible flow of " + toDeliver + " msat", calls);
            }
            int disabledBefore = b.disabled.size();
            List<Flow> fresh = Refine.refine(g, mcf, found, toDeliver, b, maxHops, b.disabled::add);
            long deliver = 0;
            for (Flow f : fresh) {
                deliver += f.deliverMsat;
            }
            if (deliver == 0) {
                if (b.disabled.size() == disabledBefore) {
                    return new Plan(List.of(), "no route: every flow of " + toDeliver + " msat refined away", calls);
                }
                continue;
            }
            int excess = 0;
            if (fresh.size() > slots) {
                excess = 1 + fresh.size() - slots;
            } else if (fresh.size() == slots && deliver < toDeliver) {
                excess = 1;
            }
            if (excess > 0) {
                fresh.sort(Comparator.comparingLong((Flow f) -> f.deliverMsat).reversed());
                fresh = new ArrayList<>(fresh.subList(0, Math.max(0, fresh.size() - excess)));
                deliver = 0;
                for (Flow f : fresh) {
                    deliver += f.deliverMsat;
                }
                if (fresh.isEmpty()) {
                    return new Plan(List.of(), "no route: no part slot left", calls);
                }
            }
            long fees = 0;
            for (Flow f : fresh) {
                fees += f.feeMsat(mcf);
            }
            long partialBudget = (long) (feeBudget * ((double) deliver / toDeliver));
            if (fees > partialBudget) {
                if (mu < Mcf.MU_MAX) {
                    mu = Math.min(mu == 1 ? 10 : mu + 10, Mcf.MU_MAX);
                    continue;
                } else if (fees > feeBudget) {
                    return new Plan(List.of(), "no route without excessive cost: " + fees + " msat of fees > "
                            + feeBudget, calls);
                }
            }
            int worst = 0;
            for (Flow f : fresh) {
                worst = Math.max(worst, f.delay(mcf));
            }
            if (finalCltv + worst > maxDelay) {
                if (dff > DELAY_FEEFACTOR_MAX) {
                    return new Plan(List.of(), "no route without excessive delays", calls);
                }
                dff *= 2;
                continue;
            }
            for (Flow f : fresh) {
                long[] amts = f.amounts(mcf);
                for (int i = 0; i < f.hops(); i++) {
                    b.reserve(f.dirs[i], amts[i]);
                }
                flows.add(f);
            }
            feeBudget -= fees;
            toDeliver -= deliver;
        }
        return new Plan(squash(flows, b), null, calls);
    }

    /** {@code squash_flows}: merge flows on the same path while the sum stays within the path's maximum. */
    private List<Flow> squash(List<Flow> flows, Bounds b) {
        Map<String, Flow> byPath = new HashMap<>();
        List<Flow> out = new ArrayList<>();
        for (Flow f : flows) {
            String key = java.util.Arrays.toString(f.dirs);
            Flow same = byPath.get(key);
            if (same != null && same.deliverMsat + f.deliverMsat <= Refine.maxDeliverable(g, mcf, f.dirs, base(b))) {
                same.deliverMsat += f.deliverMsat;
                continue;
            }
            byPath.put(key, f);
            out.add(f);
        }
        return out;
    }

    private static Bounds base(Bounds b) {
        return b instanceof Reserved r ? r.base : b;
    }

    /**
     * The query's view: the sender's {@link Bounds} less what accepted flows reserved (askrene's {@code
     * get_constraints}: min and max each lowered by the reservation, not below 0), and the directions this query
     * disabled.
     */
    static final class Reserved implements Bounds {
        final Bounds base;
        final Set<Integer> disabled = new HashSet<>();
        private final Map<Integer, Long> reserved = new HashMap<>();

        Reserved(Bounds base) {
            this.base = base;
        }

        void reserve(int e, long msat) {
            reserved.merge(e, msat, Long::sum);
        }

        private long reservedOf(int e) {
            if (reserved.isEmpty()) {
                return 0;
            }
            Long r = reserved.get(e);
            return r == null ? 0 : r;
        }

        @Override
        public boolean usable(int e, int from) {
            return base.usable(e, from) && (disabled.isEmpty() || !disabled.contains(e));
        }

        @Override
        public long minMsat(int e, int from) {
            return Math.max(0, base.minMsat(e, from) - reservedOf(e));
        }

        @Override
        public long maxMsat(int e, int from, long capacityMsat) {
            return Math.max(0, base.maxMsat(e, from, capacityMsat) - reservedOf(e));
        }
    }
}
