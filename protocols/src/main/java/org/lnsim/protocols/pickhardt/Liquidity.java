package org.lnsim.protocols.pickhardt;

import java.util.Arrays;

/**
 * One sender's knowledge of remote liquidity: per directed channel it observed, a lower bound (the liquidity is at
 * least {@code min}) and an upper bound (at most {@code max}, inclusive), each with the simulated time it was
 * learnt — Core Lightning's askrene layer constraints ({@code plugins/askrene/layer.c} v25.09, {@code struct
 * constraint}: {@code min}, {@code max}, {@code timestamp}) as xpay feeds them into its {@code xpay} layer
 * ({@code plugins/xpay/xpay.c} v25.09).
 *
 * <h2>Learning (xpay's {@code askrene-inform-channel})</h2>
 * <ul>
 *   <li>{@link #unconstrained}: a hop forwarded {@code x}: the liquidity is at least {@code x} ({@code
 *       INFORM_UNCONSTRAINED}, {@code plugins/askrene/askrene.c} v25.09). xpay informs it for the hops before a
 *       failing one; the success of a part informs it for each of its hops, as renepay's {@code
 *       chan_extra_can_send} ({@code plugins/renepay/chan_extra.c} v25.09) does — askrene's own
 *       {@code INFORM_SUCCEEDED} does nothing in v25.09 ("FIXME: We could do something useful here!").</li>
 *   <li>{@link #constrained}: a hop failed {@code x} with {@code temporary_channel_failure}: the liquidity is at most
 *       {@code x − 1} msat ({@code INFORM_CONSTRAINED}: "we were one msat short").</li>
 * </ul>
 * askrene keeps every constraint and applies the tightest of those alive ({@code layer_apply_constraints}); this
 * table keeps only the tightest bound of each kind and the time of the constraint that set it (or last matched it):
 * a weaker constraint learnt later is dropped, so when the tighter one ages out the bound returns to the prior
 * instead of to the weaker one. That is what keeps the table at two bounds per observed direction.
 *
 * <h2>Forgetting (xpay's {@code askrene-age})</h2>
 * xpay ages its layer every 60 s, removing constraints older than 3,600 s ({@code age_layer},
 * {@code start_aging_timer}, {@code plugins/xpay/xpay.c} v25.09). Here a bound older than {@link #maxAgeUs} is
 * ignored when read, which is the same rule without the 60 s timer granularity; the entries stay until the table
 * grows (then those with both bounds aged out are dropped). askrene has no gradual decay; renepay's
 * ({@code TIMER_FORGET_SEC} = 600,000 s, {@code plugins/renepay/renepayconfig.h}) is not what askrene's layers do.
 *
 * <h2>Layout</h2>
 * An open-addressing table keyed by direction index (linear probing, load ≤ 1/2), values in parallel primitive
 * arrays: 4 + 4 × 8 = 36 bytes per slot ({@link #bytes()}), reported as the sender's routing state. Nothing is stored
 * for a direction the sender never observed.
 */
final class Liquidity {
    private static final int EMPTY = -1;
    /** No bound of this kind. */
    static final long NONE_TS = Long.MIN_VALUE;

    private final long maxAgeUs;
    private int[] keys;
    private long[] min;
    private long[] minTs;
    private long[] max;
    private long[] maxTs;
    private int size;

    /** @param maxAgeUs constraints older than this are forgotten (xpay: 3,600 s) */
    Liquidity(long maxAgeUs) {
        this.maxAgeUs = maxAgeUs;
        alloc(8);
    }

    private void alloc(int cap) {
        keys = new int[cap];
        Arrays.fill(keys, EMPTY);
        min = new long[cap];
        minTs = new long[cap];
        max = new long[cap];
        maxTs = new long[cap];
    }

    private static int hash(int e) {
        int h = e * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    private int find(int e) {
        int mask = keys.length - 1;
        for (int i = hash(e) & mask; ; i = (i + 1) & mask) {
            if (keys[i] == e) {
                return i;
            }
            if (keys[i] == EMPTY) {
                return -1;
            }
        }
    }

    private int slot(int e, long now) {
        int s = find(e);
        if (s >= 0) {
            return s;
        }
        if (2 * (size + 1) > keys.length) {
            grow(now);
        }
        int mask = keys.length - 1;
        int i = hash(e) & mask;
        while (keys[i] != EMPTY) {
            i = (i + 1) & mask;
        }
        keys[i] = e;
        minTs[i] = NONE_TS;
        maxTs[i] = NONE_TS;
        size++;
        return i;
    }

    private void grow(long now) {
        int[] k = keys;
        long[] mn = min;
        long[] mnt = minTs;
        long[] mx = max;
        long[] mxt = maxTs;
        int live = 0;
        for (int i = 0; i < k.length; i++) {
            if (k[i] != EMPTY && (alive(mnt[i], now) || alive(mxt[i], now))) {
                live++;
            }
        }
        int cap = k.length;
        while (2 * (live + 1) > cap) {
            cap *= 2;
        }
        alloc(cap);
        size = 0;
        int mask = cap - 1;
        for (int j = 0; j < k.length; j++) {
            if (k[j] == EMPTY || !(alive(mnt[j], now) || alive(mxt[j], now))) {
                continue;
            }
            int i = hash(k[j]) & mask;
            while (keys[i] != EMPTY) {
                i = (i + 1) & mask;
            }
            keys[i] = k[j];
            min[i] = mn[j];
            minTs[i] = mnt[j];
            max[i] = mx[j];
            maxTs[i] = mxt[j];
            size++;
        }
    }

    private boolean alive(long ts, long now) {
        return ts != NONE_TS && now - ts <= maxAgeUs;
    }

    /** Direction {@code e} forwarded {@code amountMsat} at {@code now}: its liquidity is at least that. */
    void unconstrained(int e, long amountMsat, long now) {
        int s = slot(e, now);
        if (!alive(minTs[s], now) || amountMsat >= min[s]) {
            min[s] = amountMsat;
            minTs[s] = now;
        }
    }

    /** Direction {@code e} could not forward {@code amountMsat} at {@code now}: at most {@code amountMsat − 1}. */
    void constrained(int e, long amountMsat, long now) {
        int s = slot(e, now);
        long bound = Math.max(0, amountMsat - 1);
        if (!alive(maxTs[s], now) || bound <= max[s]) {
            max[s] = bound;
            maxTs[s] = now;
        }
    }

    /** The known lower bound of e at {@code now}, 0 when none is alive. */
    long minMsat(int e, long now) {
        if (size == 0) {
            return 0;
        }
        int s = find(e);
        return s >= 0 && alive(minTs[s], now) ? min[s] : 0;
    }

    /** The known upper bound (inclusive) of e at {@code now}, or {@code dflt} (the capacity) when none is alive. */
    long maxMsat(int e, long now, long dflt) {
        if (size == 0) {
            return dflt;
        }
        int s = find(e);
        return s >= 0 && alive(maxTs[s], now) ? Math.min(max[s], dflt) : dflt;
    }

    /** Directions stored (some may have aged out). */
    int size() {
        return size;
    }

    /** Bytes of the arrays this table holds: what the sender keeps as routing state. */
    long bytes() {
        return (long) keys.length * (4 + 8 + 8 + 8 + 8);
    }
}
