/**
 * The full-gossip baseline router: c-lightning's cost model (lightning-facts §2) with Dijkstra first and BFG or the
 * per-hop-bias search as fallback ({@link org.lnsim.protocols.routing.HybridRouter}).
 *
 * <p>Contract: a {@link org.lnsim.protocols.routing.HybridRouter} reads an immutable
 * {@link org.lnsim.network.ChannelGraph}, is thread-safe (per-thread scratch), deterministic (fee fuzz is a function
 * of (seed, scid); ties are broken by node index) and allocation-free per relaxation. Money is msat in {@code long}
 * with BOLT 7 integer fee arithmetic. The one exception to immutability is a router's
 * {@link org.lnsim.protocols.routing.HybridRouter#privateCopy}, for a network whose policies change during a run
 * (issue 22): it searches on what a node believes ({@code HybridRouter.believe}, {@code BelievedPolicies}), rewrites
 * its own copy of the policy words to do so, and serves one simulation thread. A pay loop's searches at one instant
 * that differ by one excluded direction each go through
 * {@link org.lnsim.protocols.routing.HybridRouter.ExclusionSearch}, which repairs its labels instead of searching
 * from scratch and must answer exactly what {@code find} answers (differential test).
 * {@link org.lnsim.protocols.routing.CostModel#flatEdgeWeight} is the single
 * definition of the edge weight under which the router's flat-cost mode equals a textbook shortest path (the JGraphT
 * oracle of the tests and of {@code lnsim bench route --compare-jgrapht}).
 *
 * <p>Also what every source-routing scheme shares: {@link org.lnsim.protocols.routing.Route} (a found route or why
 * none), {@link org.lnsim.protocols.routing.PathFinder} (one search of a scheme's router, for benchmarks),
 * {@link org.lnsim.protocols.routing.EdgeRecords} (the immutable compact in-edges lnd's and LDK's backward searches
 * read, shared by a run's protocols; a private copy follows beliefs), {@link org.lnsim.protocols.routing.PerSender}
 * (what each sender of a learning scheme holds, created on first use and reported as routing state),
 * {@link org.lnsim.protocols.routing.ComputedAhead} (first routes computed on background threads while a run goes
 * on, each a pure function of its payment, so threads change wall time only) and, for a network whose policies
 * change, {@link org.lnsim.protocols.routing.BelievedPolicies} and {@link org.lnsim.protocols.routing.PolicyWords}
 * (what a node believes, written into any router's compact copy: the hybrid router's, lnd's and LDK's records,
 * pickhardt's table).
 */
package org.lnsim.protocols.routing;
