/**
 * Payments and the protocol interface: the extension point every routing scheme implements.
 *
 * <p>A scheme is a {@link org.lnsim.engine.payment.RoutingProtocol}: it declares what it may know
 * ({@link org.lnsim.engine.payment.Knowledge}), may do set-up work that costs control messages and simulated time,
 * reports its per-node routing state ({@link org.lnsim.engine.payment.ProtocolReport}), and opens one
 * {@link org.lnsim.engine.payment.PaymentSession} per payment. A session drives its payment through a
 * {@link org.lnsim.engine.payment.PaymentContext}: it sends attempts (whole payments or parts of one), control
 * messages along channels, sets timers, learns every attempt's result, and may give up. Source routing, beacon routing
 * (control messages for discovery, then a source route), ant routing (flooded seeds, then the matched path) and
 * multi-part splitting (several parts under one payment id) all fit this shape; none needs an engine change.
 *
 * <p>The interface is narrow on purpose: {@link org.lnsim.engine.payment.ProtocolContext} holds only what every
 * scheme needs (time, graph, random stream and seeds, own balances and HTLC slots, control messages and their delays,
 * churn, timers). What one family needs is an opt-in view the protocol asks for with
 * {@link org.lnsim.engine.payment.ProtocolContext#view} and the engine grants or refuses
 * ({@link org.lnsim.engine.payment.ViewRefusedException}): {@link org.lnsim.engine.payment.OracleView} (true balances),
 * {@link org.lnsim.engine.payment.FloodView} (own balances in adjacency-slot order with their change journal, for
 * floods), {@link org.lnsim.engine.payment.BulkCharges} (control traffic charged per node in bulk),
 * {@link org.lnsim.engine.payment.TimingsSink} (wall-clock figures). A view is fetched once and kept, so the check
 * costs nothing on hot paths. Reporting is not part of routing: a protocol hands the results one
 * {@link org.lnsim.engine.payment.ProtocolReport} (state per node, its own columns) and its wall-clock figures go to
 * the run's timings sink.
 *
 * <p>Contract kept by {@link org.lnsim.engine.payment.PaymentEngine}: every payment ends in exactly one
 * {@link org.lnsim.engine.payment.PaymentOutcome}, when no attempt of it is in flight any more and it has either
 * delivered its amount, been given up by its session, or passed its deadline (default 60 s); no attempt starts after
 * the deadline or beyond the attempt cap; a protocol sees true channel balances only if it declares
 * {@link org.lnsim.engine.payment.Knowledge#TRUE_BALANCES} (the engine grants the oracle view to no other), and
 * otherwise only its own node's channels.
 */
package org.lnsim.engine.payment;
