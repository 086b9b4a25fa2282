package org.lnsim.protocols.pickhardt;

import org.lnsim.network.ChannelGraph;

/**
 * One {@code pickhardt} planning round outside a simulation, for {@code lnsim bench mcf}: a sender that has learnt
 * nothing (every remote direction in [0, capacity]) and whose own channels hold half their capacity, planning with
 * the default settings. Also exports a query's linearised network so that the benchmark can time a reference solver
 * (JGraphT's) on the same arcs. Not thread-safe.
 */
public final class McfBench {
    private final ChannelGraph g;
    private final Planner planner;
    private final PickhardtSettings s = PickhardtSettings.DEFAULT;

    public McfBench(ChannelGraph g) {
        this.g = g;
        this.planner = new Planner(g, s.units(), s.singlePathThresholdMsat());
    }

    /**
     * What one round planned.
     *
     * @param parts      parts of the plan (0 if none)
     * @param deliverMsat what they deliver
     * @param feeMsat    what they pay in fees
     * @param failure    why nothing was planned, or null
     * @param solves     solver calls (askrene's loop may solve more than once)
     * @param dijkstras  shortest-path searches of the last solve
     * @param settled    nodes those searches settled
     * @param medianNs   wall time of the last solve's pass over every direction for askrene's median ratio
     */
    public record Round(int parts, long deliverMsat, long feeMsat, String failure, int solves, int dijkstras,
                        long settled, long medianNs) {
    }

    /** Plans {@code amountMsat} from s to t with xpay's default fee budget and part cap. */
    public Round plan(int s, int t, long amountMsat) {
        Planner.Plan p = planner.plan(s, t, amountMsat, this.s.maxFeeMsat(amountMsat), this.s.finalCltv(),
                this.s.maxDelay(), this.s.maxParts(), this.s.maxHops(), this.s.muStart(), fresh(s));
        long deliver = 0;
        long fee = 0;
        for (Flow f : p.flows()) {
            deliver += f.deliverMsat;
            fee += f.feeMsat(Policies.announced(g));
        }
        Mcf m = planner.mcf();
        return new Round(p.flows().size(), deliver, fee, p.failure(), p.mcfCalls(), m.lastDijkstras, m.lastSettled, m.lastMedianNs);
    }

    /** Receives one arc of an exported network. */
    public interface Arcs {
        void arc(int from, int to, long capUnits, long cost);
    }

    /**
     * The linearised network of the first min-cost-flow solve of this query (μ = 1, {@code delay_feefactor} 10⁻⁶),
     * arc by arc; returns the demand in units.
     */
    public long export(int s, int t, long amountMsat, Arcs arcs) {
        return planner.mcf().export(s, t, amountMsat, this.s.muStart(), Planner.DELAY_FEEFACTOR_START, fresh(s),
                arcs::arc);
    }

    /** The optimal combined cost of the same solve by this package's solver, or -1 if infeasible. */
    public long minflowCost(int s, int t, long amountMsat) {
        Mcf m = planner.mcf();
        return m.minflow(s, t, amountMsat, this.s.muStart(), Planner.DELAY_FEEFACTOR_START, fresh(s)) == null ? -1
                : m.lastCost;
    }

    private Bounds fresh(int sender) {
        return new Bounds() {
            @Override
            public boolean usable(int e, int from) {
                return g.isUsable(e);
            }

            @Override
            public long minMsat(int e, int from) {
                return from == sender ? g.capacityMsat(ChannelGraph.channelOf(e)) / 2 : 0;
            }

            @Override
            public long maxMsat(int e, int from, long capacityMsat) {
                return from == sender ? capacityMsat / 2 : capacityMsat;
            }
        };
    }
}
