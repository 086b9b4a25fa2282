/**
 * {@code ldk}: LDK's router as of a pinned release, rust-lightning v0.2.5 (every constant's javadoc names its file):
 * {@code find_route} ({@link org.lnsim.protocols.ldk.LdkRouter}, {@code lightning/src/routing/router.rs}) — a
 * Dijkstra walk from the payee with fees + scorer penalty per value as cost, repeated to collect MPP paths — over
 * each sender's own {@code ProbabilisticScorer} ({@link org.lnsim.protocols.ldk.LdkScorer},
 * {@code lightning/src/routing/scoring.rs}, with {@code log_approx.rs}'s table in
 * {@link org.lnsim.protocols.ldk.LogApprox}): liquidity bounds per channel with the non-linear (or linear) success
 * probability, the historical buckets, decay with the pinned half-lives; and the retrying pay loop on top
 * ({@link org.lnsim.protocols.ldk.LdkSession}, {@code lightning/src/ln/outbound_payment.rs}).
 *
 * <p>Contract: a {@code PUBLIC_GRAPH} protocol — a sender knows the gossip, its own channels' balances and
 * in-flight HTLCs, and what its own payments taught it, nothing of other senders; per-sender state is primitive,
 * holds only observed channels and is reported as routing state; the search allocates nothing per edge relaxation;
 * no static mutable state, so the same run gives the same results. {@link org.lnsim.protocols.ldk.LdkRouter#find(int,
 * int, long)} is the search without a session (an empty scorer) for benchmarks.
 */
package org.lnsim.protocols.ldk;
