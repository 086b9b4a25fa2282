package org.lnsim.engine.payment;

/**
 * Opt-in view ({@link ProtocolContext#view}): every direction's true spendable amount right now, live. The engine
 * grants it only to a protocol that declares {@link Knowledge#TRUE_BALANCES} and refuses it to every other — that is
 * how the knowledge rule is enforced. Fetch it once (per payment or per run) and read it per edge: the knowledge check
 * happens when the view is granted, not on each read.
 */
@FunctionalInterface
public interface OracleView {
    /** What direction {@code e} can send right now (0 when its HTLC slots are full), in msat. */
    long trueSpendableMsat(int e);
}
