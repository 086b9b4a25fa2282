package org.lnsim.protocols.routing;

/**
 * A router's compact copy of the policies that can be rewritten, for a network whose policies change during a run
 * (issue 22): {@link InEdges} (the hybrid router's) and {@link EdgeRecords} (lnd's and LDK's) in their private
 * copies, and a router's own table elsewhere (pickhardt's min-cost-flow table), written by {@link BelievedPolicies}.
 */
public interface PolicyWords {
    /**
     * Rewrites direction e's fee base, ppm and CLTV delta (a no-op if the copy has no record of e); a closed
     * direction keeps its record but can carry nothing.
     */
    void setPolicy(int e, long feeBaseMsat, long ppm, int cltvDelta, boolean closed);
}
