package org.lnsim.engine.htlc;

/**
 * How one attempt ended, as the sender learns it.
 *
 * @param path             the attempted path
 * @param failure          the BOLT 4 failure, or null on success
 * @param failingHop       position on the path of the node that reported the failure (0 = the sender itself,
 *                         i = source of hop i, {@code hops()} = the receiver); -1 on success
 * @param failingDirection the direction the failure concerns (the outgoing channel of the failing node, or the
 *                         receiver's incoming channel), or -1 on success
 * @param startUs          when the sender started the attempt
 * @param endUs            when the sender learnt the outcome (fulfil or fail committed on its own channel)
 * @param messages         BOLT 2 update messages sent for this attempt (adds, fulfils, fails)
 * @param bytes            their total size ({@link PaymentMessages})
 * @param policyUpdate     for a failure that carries a channel_update ({@link FailureCode#carriesChannelUpdate}):
 *                         the run's policy update it states ({@code PolicyUpdates}), or -1 when it states the
 *                         direction's announced policy or carries none
 */
public record AttemptResult(HtlcPath path, FailureCode failure, int failingHop, int failingDirection, long startUs,
                            long endUs, int messages, long bytes, int policyUpdate) {
    public boolean succeeded() {
        return failure == null;
    }

    public long latencyUs() {
        return endUs - startUs;
    }
}
