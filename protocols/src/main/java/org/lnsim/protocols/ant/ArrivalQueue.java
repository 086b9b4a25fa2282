package org.lnsim.protocols.ant;

import java.util.Arrays;
import org.lnsim.protocols.routing.RadixHeap;

/**
 * The seed wave's priority queue of message keys (arrival time in the high bits, send sequence in the low
 * {@code seqBits}), as a Dijkstra over arrival times produces them: unique, and never below the key last popped.
 * There is no decrease-key: a lowered key is pushed again and the caller skips the entry left behind.
 *
 * <p>Two layouts, chosen by {@link #useDelays}:
 * <ul>
 *   <li><b>calendar</b> (Brown 1988), when every message delay is known to lie in [d, D] with d ≥ 1: buckets of
 *       width w = the largest power of two ≤ d, in a ring of at least D / w + 2 buckets. A message sent while bucket
 *       k is being drained arrives at least d ≥ w later, so in bucket k + 1 or later and never more than D / w + 1
 *       buckets ahead: a bucket is complete when its turn comes, and is sorted once then. Push is an append; a pop
 *       costs its share of the bucket's sort (a radix sort on the bits below the bucket's, a few linear passes;
 *       insertion sort for buckets under 64 keys);</li>
 *   <li><b>radix heap</b> otherwise (delays drawn per message, or a ring that would need more than 2^16 buckets):
 *       the router's {@link RadixHeap}, the project's one radix heap; keys here are unique (the send sequence is
 *       part of them), so its tie order never comes into play and each key is its own entry.</li>
 * </ul>
 * Both pop keys in increasing order, so the wave does not depend on the layout (tested on both).
 */
final class ArrivalQueue {
    private static final int MAX_RING = 1 << 16;
    private final int seqBits;
    private int size;
    private final RadixHeap radix = new RadixHeap(new int[] {0});
    // calendar
    private long[][] buckets = new long[0][];
    private int[] sizes = new int[0];
    private boolean calendar;
    private int shift;            // bucket width 2^shift µs
    private int mask;             // ring size - 1
    private long current;         // number of the bucket being drained (arrival >>> shift)
    private long[] drain = new long[64];
    private long[] spare = new long[64];
    private static final int RADIX_MIN = 64;
    private static final int DIGIT = 11;
    private static final int DIGIT_MASK = (1 << DIGIT) - 1;
    private final int[] count = new int[1 << DIGIT];
    private int drainPos;
    private int drainSize;
    private long refills;

    ArrivalQueue(int seqBits) {
        this.seqBits = seqBits;
    }

    private void layout(int n) {
        buckets = new long[n][];
        sizes = new int[n];
        for (int b = 0; b < n; b++) {
            buckets[b] = new long[16];
        }
    }

    /**
     * Every message delay from now on lies in [{@code minUs}, {@code maxUs}]: use a calendar if that bounds it well,
     * else the radix heap. Call on an empty queue; calling again with the same bounds keeps the buckets.
     */
    void useDelays(long minUs, long maxUs) {
        if (minUs >= 1 && maxUs >= minUs) {
            int sh = 63 - Long.numberOfLeadingZeros(minUs);
            long ring = Long.highestOneBit((maxUs >>> sh) + 2) << 1;
            if (ring <= MAX_RING) {
                if (calendar && shift == sh && mask == ring - 1) {
                    return;   // already so
                }
                calendar = true;
                shift = sh;
                mask = (int) ring - 1;
                layout((int) ring);
                return;
            }
        }
        useRadix();
    }

    /** Delays are unknown (drawn per message): the radix heap. Call on an empty queue. */
    void useRadix() {
        calendar = false;
    }

    /** Empties the queue; keys pushed from now on must be non-negative. */
    void clear() {
        Arrays.fill(sizes, 0);
        radix.clear(0);
        size = 0;
        current = -1;
        drainPos = 0;
        drainSize = 0;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Adds a key greater than the key last popped (and, in a calendar, at least the minimum delay later). */
    void push(long key) {
        if (calendar) {
            add((int) ((key >>> seqBits >>> shift) & mask), key);
        } else {
            radix.push(0, key);
        }
        size++;
    }

    private void add(int b, long key) {
        int n = sizes[b];
        if (n == buckets[b].length) {
            buckets[b] = Arrays.copyOf(buckets[b], 2 * n);
        }
        buckets[b][n] = key;
        sizes[b] = n + 1;
    }

    /** Removes and returns the smallest key; the queue must not be empty. */
    long pop() {
        size--;
        if (calendar) {
            return popCalendar();
        }
        radix.pop();
        return radix.lastKey();   // unique keys: the entry popped is the one with the smallest key
    }

    private long popCalendar() {
        while (drainPos == drainSize) {
            int b = (int) (++current & mask);
            int n = sizes[b];
            if (n > 0) {
                if (drain.length < n) {
                    drain = new long[Math.max(n, 2 * drain.length)];
                }
                System.arraycopy(buckets[b], 0, drain, 0, n);
                sizes[b] = 0;
                sortBucket(n);
                drainPos = 0;
                drainSize = n;
                refills++;
            }
        }
        return drain[drainPos++];
    }

    /**
     * Calendar only: how many buckets have been sorted for draining so far. When it changes after a {@link #pop},
     * {@link #draining} holds the keys the following pops return first (the bucket is complete, see above), so that a
     * caller can load what they will need before it needs it.
     */
    long refills() {
        return refills;
    }

    /** The keys of the bucket being drained, sorted; those from {@link #drainFrom()} on are still to pop. */
    long[] draining() {
        return drain;
    }

    int drainFrom() {
        return drainPos;
    }

    int drainTo() {
        return drainSize;
    }

    /**
     * Sorts the first n keys of {@link #drain}, all of one bucket: they agree above bit {@code seqBits + shift} (one
     * lap of the ring), so an LSD radix sort on the bits below, 11 at a time, skipping the digits they all share,
     * orders them in a few linear passes where a comparison sort would mispredict a branch per comparison.
     */
    private void sortBucket(int n) {
        if (n < RADIX_MIN) {
            for (int i = 1; i < n; i++) {
                long k = drain[i];
                int j = i - 1;
                while (j >= 0 && drain[j] > k) {
                    drain[j + 1] = drain[j];
                    j--;
                }
                drain[j + 1] = k;
            }
            return;
        }
        if (spare.length < n) {
            spare = new long[drain.length];
        }
        long[] from = drain;
        long[] to = spare;
        int bits = seqBits + shift;
        for (int lo = 0; lo < bits; lo += DIGIT) {
            Arrays.fill(count, 0);
            for (int i = 0; i < n; i++) {
                count[(int) (from[i] >>> lo) & DIGIT_MASK]++;
            }
            if (count[(int) (from[0] >>> lo) & DIGIT_MASK] == n) {
                continue;   // every key has this digit
            }
            for (int d = 0, sum = 0; d <= DIGIT_MASK; d++) {
                int c = count[d];
                count[d] = sum;
                sum += c;
            }
            for (int i = 0; i < n; i++) {
                long k = from[i];
                to[count[(int) (k >>> lo) & DIGIT_MASK]++] = k;
            }
            long[] t = from;
            from = to;
            to = t;
        }
        if (from != drain) {
            System.arraycopy(from, 0, drain, 0, n);
        }
    }
}
