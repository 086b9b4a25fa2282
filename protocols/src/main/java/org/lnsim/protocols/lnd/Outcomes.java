package org.lnsim.protocols.lnd;

import org.lnsim.engine.htlc.FailureCode;

/**
 * How an attempt's outcome updates the sender's mission control: lnd v0.18.5-beta's
 * {@code routing/result_interpretation.go} ({@code interpretResult}) for the failures lnsim's engine produces,
 * applied with {@code setLastPairResult} / {@code setAllFail} ({@link PairHistory}).
 *
 * <p>A route of n hops has nodes 0 (the sender) … n (the receiver); pair i is node i → node i+1, and its amount is
 * what hop i's HTLC carries (lnd's {@code getPair}). The failure source k is the node that reported it.
 * <ul>
 *   <li>k = 0 (the sender's own channel): nothing is recorded, the payment retries (lnd's
 *       {@code processPaymentOutcomeSelf}: local conditions changed since path finding).</li>
 *   <li>0 &lt; k &lt; n, {@code temporary_channel_failure}: pair k failed for amounts ≥ its amount
 *       ({@code failPairBalance}, lnd's min-penalize amount), pairs 0 … k−1 succeeded.</li>
 *   <li>{@code unknown_next_peer}: pair k failed for any amount, both directions; nothing else.</li>
 *   <li>{@code channel_disabled}: pair k failed for any amount, both directions; pairs 0 … k−1 succeeded.</li>
 *   <li>{@code fee_insufficient}, {@code amount_below_minimum}, {@code incorrect_cltv_expiry} (policy failures,
 *       "report incoming"): k = 1 fails node 1; else pair k−1 failed both directions, pairs 0 … k−2 succeeded.</li>
 *   <li>From the receiver (k = n): {@code incorrect_or_unknown_payment_details} — every pair succeeded, the
 *       payment fails; {@code mpp_timeout} — every pair succeeded, the payment goes on;
 *       {@code final_incorrect_cltv_expiry} — pair n−1 failed both directions and the others succeeded (n = 1:
 *       the receiver node fails and so does the payment); any other — the receiver node fails, the pairs before
 *       it succeeded, the payment fails.</li>
 * </ul>
 * A policy failure that carries a channel_update whose pair had no second chance in the last minute never gets
 * here: lnd grants the second chance instead of recording it ({@link LndRouting#secondChance}, issue 22).
 */
final class Outcomes {
    private Outcomes() {
    }

    /**
     * Applies a failed attempt to {@code h}.
     *
     * @param nodes   the route's nodes, sender first
     * @param amounts what each hop's HTLC carried
     * @param k       the failure source (0 = sender, {@code amounts.length} = receiver)
     * @return true if the payment must fail now (lnd's final failure reason)
     */
    static boolean applyFailure(PairHistory h, int[] nodes, long[] amounts, int k, FailureCode code, long now,
                                long relaxUs) {
        int n = amounts.length;
        if (k == 0) {
            return false;
        }
        if (k == n) {
            switch (code) {
                case INCORRECT_OR_UNKNOWN_PAYMENT_DETAILS -> {
                    successRange(h, nodes, amounts, 0, n - 1, now);
                    return true;
                }
                case MPP_TIMEOUT -> {
                    successRange(h, nodes, amounts, 0, n - 1, now);
                    return false;
                }
                case FINAL_INCORRECT_CLTV_EXPIRY -> {
                    if (n == 1) {
                        failNode(h, nodes, n, n, now, relaxUs);
                        return true;
                    }
                    failPair(h, nodes, n - 1, now, relaxUs);
                    successRange(h, nodes, amounts, 0, n - 2, now);
                    return false;
                }
                default -> {
                    failNode(h, nodes, n, n, now, relaxUs);
                    successRange(h, nodes, amounts, 0, n - 2, now);
                    return true;
                }
            }
        }
        switch (code) {
            case TEMPORARY_CHANNEL_FAILURE -> {
                h.recordFailure(nodes[k], nodes[k + 1], amounts[k], now, relaxUs);
                successRange(h, nodes, amounts, 0, k - 1, now);
            }
            case CHANNEL_DISABLED -> {
                failPair(h, nodes, k, now, relaxUs);
                successRange(h, nodes, amounts, 0, k - 1, now);
            }
            case FEE_INSUFFICIENT, AMOUNT_BELOW_MINIMUM, INCORRECT_CLTV_EXPIRY -> {
                if (k == 1) {
                    failNode(h, nodes, 1, n, now, relaxUs);
                } else {
                    failPair(h, nodes, k - 1, now, relaxUs);
                    successRange(h, nodes, amounts, 0, k - 2, now);
                }
            }
            default -> failPair(h, nodes, k, now, relaxUs); // unknown_next_peer and the rest: report outgoing
        }
        return false;
    }

    /** lnd's {@code successPairRange}: pairs {@code from} … {@code to} succeeded with the amounts they carried. */
    static void successRange(PairHistory h, int[] nodes, long[] amounts, int from, int to, long now) {
        for (int i = from; i <= to; i++) {
            h.recordSuccess(nodes[i], nodes[i + 1], amounts[i], now);
        }
    }

    /** lnd's {@code failPair}: pair i failed for any amount, in both directions. */
    private static void failPair(PairHistory h, int[] nodes, int i, long now, long relaxUs) {
        h.recordFailure(nodes[i], nodes[i + 1], 0, now, relaxUs);
        h.recordFailure(nodes[i + 1], nodes[i], 0, now, relaxUs);
    }

    /**
     * lnd's {@code failNode} with mission control's {@code setAllFail}: every stored pair of node {@code idx}
     * fails, and so do its incoming pair and (if not the receiver) its outgoing pair, both directions.
     */
    private static void failNode(PairHistory h, int[] nodes, int idx, int n, long now, long relaxUs) {
        h.failAllOf(nodes[idx], now);
        failPair(h, nodes, idx - 1, now, relaxUs);
        if (idx < n) {
            failPair(h, nodes, idx, now, relaxUs);
        }
    }
}
