/**
 * {@code cloth}: the router, pay loop and per-sender memory of the CLoTH simulator, pinned at marcono/cloth commit
 * e0e40430238a3a00ae4a60edab72ef31ee29c062 (2021-06-11), so that lnsim can be set like for like beside the simulator
 * most papers use (issue 22, item 1). Every constant's javadoc names its CLoTH file at that commit.
 * <ul>
 *   <li>{@link org.lnsim.protocols.cloth.ClothRouter}: {@code dijkstra} of {@code src/routing.c}, CLoTH's copy of
 *       lnd 0.10's distance, Σ(fee + amount·timelock·15/10⁹) + 100,000 msat / Π p, with its edge rules, its
 *       probability floor 0.01, time-lock limit 2,016 + 40 and its hop limit 27 checked on the found path;</li>
 *   <li>{@link org.lnsim.protocols.cloth.ClothMemory}: the node-pair results each sender keeps
 *       ({@code set_node_pair_result_*} of {@code src/htlc.c}) and the probabilities read from them
 *       ({@code get_probability}, {@code get_node_probability}, {@code calculate_probability} of
 *       {@code src/routing.c}), with CLoTH's half-life quirk;</li>
 *   <li>{@link org.lnsim.protocols.cloth.ClothSession}: {@code find_path} of {@code src/htlc.c}: the first route
 *       computed on the initial balances with an empty memory (as {@code run_dijkstra_threads} does before the run in
 *       {@code src/cloth.c}), a fresh search per retry, the non-atomic two-part split when the first route is
 *       missing, no fee budget.</li>
 * </ul>
 *
 * <p>Contract: a {@code PUBLIC_GRAPH} protocol — a sender knows the gossip, its own channels' balances (their values
 * at time 0 for the first route, snapshotted at set-up, when each node knows its own) and what its own payments
 * taught it; per-sender state holds only observed pairs and is reported as routing state; no static mutable state,
 * so the same run gives the same results. The engine is lnsim's: what CLoTH's engine does differently (a receiver
 * crediting at once rather than one message later, the reserve, HTLC slots) is the run's settings', and
 * {@code org.lnsim.experiments} refuses a run that cannot give CLoTH's semantics (exit 2 naming the key).
 */
package org.lnsim.protocols.cloth;
