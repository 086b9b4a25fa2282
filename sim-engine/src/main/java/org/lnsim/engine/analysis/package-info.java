/**
 * Analyses of a network state that no routing scheme performs but every result is judged against, such as the
 * feasibility bound: how much any set of paths could deliver between two nodes given the channels' balances.
 *
 * <p>Contract: analyses read channel state and never change it (their scratch state is their own and restored after
 * each query); they are exact, integer msat, and deterministic.
 */
package org.lnsim.engine.analysis;
