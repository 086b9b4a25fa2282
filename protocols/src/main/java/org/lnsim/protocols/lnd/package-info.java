/**
 * {@code lnd} and {@code lnd.bimodal}: lnd's router as of a pinned release, lnd v0.18.5-beta (every constant's
 * javadoc names its file): path finding backward from the target with fees, time-lock risk and an attempt cost over
 * the success probability ({@link org.lnsim.protocols.lnd.LndRouter}, {@code routing/pathfind.go}), the apriori
 * probability estimator ({@link org.lnsim.protocols.lnd.Apriori}, {@code routing/probability_apriori.go}; protocol
 * {@code lnd}) or the bimodal one ({@link org.lnsim.protocols.lnd.Bimodal}, {@code routing/probability_bimodal.go};
 * protocol {@code lnd.bimodal}), behind lnd's {@link org.lnsim.protocols.lnd.Estimator} interface
 * ({@code routing/probability_estimator.go}), over each sender's own mission control
 * ({@link org.lnsim.protocols.lnd.PairHistory}, {@code routing/missioncontrol_state.go}), updated from every
 * attempt's outcome ({@link org.lnsim.protocols.lnd.Outcomes}, {@code routing/result_interpretation.go}), and the
 * single-path payment loop on top ({@link org.lnsim.protocols.lnd.LndSession}).
 *
 * <p>Contract: a {@code PUBLIC_GRAPH} protocol — a sender knows the gossip and its own channels' balances, and what
 * its own payments taught it, nothing of other senders; per-sender state is primitive, holds only observed pairs
 * and is reported as routing state; the search allocates nothing per edge relaxation; no static mutable state, so
 * the same run gives the same results.
 */
package org.lnsim.protocols.lnd;
