package org.lnsim.protocols.multipart;

import java.util.Arrays;
import org.lnsim.engine.htlc.AttemptResult;
import org.lnsim.engine.htlc.FailureCode;

/** Channel directions a payment no longer uses (failed or pruned), in the order they were excluded. */
public final class Exclusions {
    private int[] directions = new int[8];
    private int count;
    /** Directions already given a second chance after a policy failure in this payment (null: none yet). */
    private java.util.Set<Integer> secondChances;

    /**
     * Excludes the direction that failed attempt {@code r} — unless a forwarding node refused the HTLC over a
     * policy the sender did not know yet ({@code fee_insufficient}, {@code incorrect_cltv_expiry}, issue 22) and
     * sent its new channel_update, which the engine has applied to the sender's beliefs: then, once per direction
     * per payment, the direction stays usable at its new price. This is c-lightning's pay plugin, which adds the
     * update to its gossip ({@code libplugin-pay.c} {@code channel_update_from_onion_error}, addgossip) and routes
     * again, and lnd's "second chance" for a node that returns a valid channel_update (lnd v0.18.5 {@code
     * routing/missioncontrol.go} {@code requestSecondChance}, {@code minSecondChanceInterval} 1 min — a payment here
     * lasts at most 60 s); a second policy failure of the same direction excludes it.
     *
     * @return whether the direction was excluded
     */
    public boolean failed(AttemptResult r) {
        if (r.policyUpdate() >= 0 && (r.failure() == FailureCode.FEE_INSUFFICIENT
                || r.failure() == FailureCode.INCORRECT_CLTV_EXPIRY)) {
            if (secondChances == null) {
                secondChances = new java.util.HashSet<>();
            }
            if (secondChances.add(r.failingDirection())) {
                return false;
            }
        }
        add(r.failingDirection());
        return true;
    }

    public void add(int direction) {
        if (count == directions.length) {
            directions = Arrays.copyOf(directions, 2 * count);
        }
        directions[count++] = direction;
    }

    /** The direction excluded last; the set must not be empty. */
    public int last() {
        if (count == 0) {
            throw new IllegalStateException("nothing excluded yet");
        }
        return directions[count - 1];
    }

    /** A copy for a route request. */
    public int[] toArray() {
        return Arrays.copyOf(directions, count);
    }

    public int size() {
        return count;
    }
}
