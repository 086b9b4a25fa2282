package org.lnsim.experiments;

import java.util.Locale;

/**
 * A lower bound on the heap a run needs, checked before the payments are drawn, so that a run that cannot fit is
 * refused at once with the figure and the heap to give, instead of ending in an {@link OutOfMemoryError} after the
 * network was built (issue 21, defect 11: 100,000,000 payments with {@code -Xmx512m}).
 *
 * <p>It counts only what a run certainly keeps at the same time, at the sizes of HotSpot's object layout on a 64-bit
 * JVM with compressed references (heaps below 32 GiB; larger heaps use 8-byte references, so the figures stay lower
 * bounds):
 * <ul>
 *   <li>per payment, its request in the workload every protocol replays ({@link #BYTES_PER_PAYMENT}), and per
 *       protocol its outcome, all of which are kept until the files are written ({@link #BYTES_PER_OUTCOME});</li>
 *   <li>per channel, the engine's channel state ({@link #BYTES_PER_CHANNEL_STATE}), once for every protocol that is
 *       simulated at the same time (min(threads, protocols)).</li>
 * </ul>
 * Left out, so that a refusal is never wrong: the network itself (already loaded when the check runs), routes and
 * protocol columns of outcomes, the event queue, each protocol's own routing state (ant's floods, beacon's tables),
 * and the garbage collector's headroom. A run below the estimate can still run out of memory (it then ends with exit
 * 2 and a heap hint); a run above it cannot complete. Computing it costs nothing: it reads the settings and the
 * channel count.
 *
 * @param payments   payments the run will hold (see {@link #drawnPayments})
 * @param protocols  protocols compared
 * @param channels   the network's channels
 * @param concurrent protocols simulated at the same time, at least 1
 * @param key        the configuration key the payments come from, for the message
 */
public record MemoryEstimate(long payments, int protocols, long channels, int concurrent, String key) {
    /**
     * A {@code PaymentRequest}: 12-byte header, three longs (id, amount, arrival) and two ints (sender, receiver) =
     * 44, padded to 48; and its 4-byte slot in the workload list.
     */
    public static final long BYTES_PER_PAYMENT = 52;
    /**
     * A {@code PaymentOutcome}: 12-byte header, 7 longs (56), 7 ints (28), 2 booleans (2) and 6 references (24) =
     * 122, padded to 128; and its 4-byte slot in the protocol's list of outcomes.
     */
    public static final long BYTES_PER_OUTCOME = 132;
    /**
     * The engine's {@code ChannelState} per channel: balance, in-flight amount and spendable amount per direction
     * (3 longs × 2 = 48), HTLC count and slot per direction (2 ints × 2 = 16), spendable by slot (4 longs = 32), and
     * a touched flag (1) = 97.
     */
    public static final long BYTES_PER_CHANNEL_STATE = 97;

    /**
     * @param payments from {@link #drawnPayments}, or a trace's length once it is read
     * @param threads  the run's {@code --threads}
     */
    public static MemoryEstimate of(ExperimentSettings settings, long payments, long channels, int threads) {
        int protocols = settings.protocols().size();
        return new MemoryEstimate(payments, protocols, channels, Math.max(1, Math.min(threads, protocols)),
                settings.workload().trace() == null ? "workload.payments" : "workload.trace");
    }

    /**
     * The payments a drawn workload certainly holds: {@code workload.payments}, or when a {@code duration_s} cuts
     * the Poisson stream, at most half the expected arrivals (rate × duration), since a Poisson count with mean μ
     * falls below μ / 2 with probability at most exp(−μ / 8) (Chernoff): negligible wherever the estimate matters.
     * 0 for a trace, which is counted once it is read.
     */
    public static long drawnPayments(WorkloadSettings w) {
        if (w.trace() != null) {
            return 0;
        }
        if (w.durationUs() == Long.MAX_VALUE) {
            return w.payments();
        }
        double half = w.ratePerS() * (w.durationUs() / 1e6) / 2;
        return Math.min(w.payments(), (long) Math.min(half, Long.MAX_VALUE));
    }

    /** The estimate in bytes. */
    public long bytes() {
        return payments * (BYTES_PER_PAYMENT + protocols * BYTES_PER_OUTCOME)
                + channels * BYTES_PER_CHANNEL_STATE * concurrent;
    }

    /**
     * Refuses a run whose estimate exceeds {@code maxHeapBytes} ({@link Runtime#maxMemory()}), with the estimate, its
     * terms and the heap to give: 1.5 × the estimate, rounded up to whole GiB, for what the estimate leaves out.
     */
    public void check(long maxHeapBytes) throws ConfigException {
        long need = bytes();
        if (need <= maxHeapBytes) {
            return;
        }
        long give = (long) Math.ceil(1.5 * need / (1L << 30));
        throw new ConfigException(key, null, String.format(Locale.ROOT, "%,d payments × %d protocol%s on %,d "
                        + "channels need at least %s of heap (%,d × (%d + %d × %d) bytes of payment records + %,d × %d "
                        + "bytes of channel state × %d simulated at once), more than the %s this JVM may use; give it "
                        + "more, e.g. LNSIM_JAVA_OPTS=-Xmx%dg ./lnsim ... (1.5 × the estimate, for routing state and "
                        + "the garbage collector), or run fewer payments or protocols",
                payments, protocols, protocols == 1 ? "" : "s", channels, size(need), payments, BYTES_PER_PAYMENT,
                protocols, BYTES_PER_OUTCOME, channels, BYTES_PER_CHANNEL_STATE, concurrent, size(maxHeapBytes), give));
    }

    private static String size(long bytes) {
        return bytes >= 1L << 30 ? String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30))
                : String.format(Locale.ROOT, "%d MiB", bytes >> 20);
    }
}
