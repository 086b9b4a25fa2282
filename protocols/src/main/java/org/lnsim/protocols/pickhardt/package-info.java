/**
 * {@code pickhardt}: probabilistic min-cost-flow payments as Core Lightning v25.09 makes them (every constant's
 * javadoc names its file): askrene's planner — the Pickhardt–Richter uncertainty network (arXiv 2107.05322) with
 * −log P linearised on four arcs per channel direction, fees and probability combined through μ, the amount solved
 * in 1,000 units by a min-cost flow ({@link org.lnsim.protocols.pickhardt.Mcf}, {@code plugins/askrene/mcf.c}),
 * refined into parts that respect htlc limits ({@link org.lnsim.protocols.pickhardt.Refine}, {@code refine.c}) in
 * askrene's {@code linear_routes} loop ({@link org.lnsim.protocols.pickhardt.Planner}) — over each sender's learnt
 * liquidity bounds ({@link org.lnsim.protocols.pickhardt.Liquidity}, askrene's layers as xpay informs and ages
 * them), and a pay loop that sends each plan as one basic-MPP payment and re-plans what fails
 * ({@link org.lnsim.protocols.pickhardt.PickhardtSession}, {@code plugins/xpay/xpay.c}, {@code plugins/renepay}).
 *
 * <p>Contract: a {@code PUBLIC_GRAPH} protocol — a sender knows the gossip, its own channels' balances and what its
 * own payments taught it, nothing of other senders; per-sender state is primitive, holds only observed directions
 * and is reported as routing state; a query allocates no per-direction objects and touches the whole graph once
 * (askrene's median fee/probability ratio); no static mutable state, so the same run gives the same results.
 * {@link org.lnsim.protocols.pickhardt.McfBench} exposes one planning round to the CLI benchmark.
 */
package org.lnsim.protocols.pickhardt;
