package org.lnsim.network.io;

import java.util.Arrays;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.ChannelGraphBuilder;
import org.lnsim.network.ChannelPolicy;
import org.lnsim.network.ShortChannelId;

/**
 * Shared assembly step of the importers: channels keyed by short channel id with conflict detection, and one
 * policy slot per direction with the duplicate rule all formats share. Importers translate its
 * {@link IllegalArgumentException}s into {@link NetworkFormatException}s carrying the file and record.
 *
 * <p>Duplicate rule for a direction seen twice: the same policy (all fields, including known/disabled) is merged
 * ({@link Merge#SAME}, the newer timestamp kept); a different policy is resolved by the newer {@code last_update},
 * and on a tie the later record wins ({@link Merge#REPLACED}) — later records in a dump were written after earlier
 * ones, and a deterministic rule is needed. {@link Merge#KEPT_EXISTING} means the new record was older and dropped.
 */
final class ChannelCollector {
    /** Outcome of {@link #direction}. */
    enum Merge { NEW, SAME, REPLACED, KEPT_EXISTING }

    private static final byte SEEN = 1;
    private static final byte KNOWN = 2;
    private static final byte DISABLED = 4;

    private final ChannelGraphBuilder builder = new ChannelGraphBuilder();
    private final LongIntMap byScid = new LongIntMap(1024);
    private boolean lastChannelNew;

    // per builder direction 2c + s, s = 0 leaving builder.endpoint(c, 0)
    private byte[] flags = new byte[128];
    private int[] base = new int[128];
    private int[] ppm = new int[128];
    private char[] cltv = new char[128];
    private long[] hmin = new long[128];
    private long[] hmax = new long[128];
    private long[] lastUpdate = new long[128];

    ChannelGraphBuilder builder() {
        return builder;
    }

    int node(byte[] id) {
        return builder.addNode(id);
    }

    /**
     * The channel with this scid, added if new (then {@link #lastChannelWasNew()} is true).
     *
     * @throws IllegalArgumentException when the scid is known with other endpoints or another capacity, or the
     *                                  channel is a self-loop or its capacity is 0, negative or above
     *                                  {@link ChannelGraph#MAX_CAPACITY_SAT}
     */
    int channel(long scid, int a, int b, long capSat) {
        int c = byScid.get(scid);
        if (c != LongIntMap.MISSING) {
            int x = builder.endpoint(c, 0);
            int y = builder.endpoint(c, 1);
            if (!((x == a && y == b) || (x == b && y == a))) {
                throw new IllegalArgumentException("short channel id " + ShortChannelId.format(scid)
                        + " appears earlier with other endpoints");
            }
            if (builder.capacitySat(c) != capSat) {
                throw new IllegalArgumentException("short channel id " + ShortChannelId.format(scid)
                        + " appears earlier with capacity " + builder.capacitySat(c) + " sat, here " + capSat + " sat");
            }
            lastChannelNew = false;
            return c;
        }
        if (capSat == 0) {
            // no shipped snapshot has one (issue 21, defect 9): a channel is funded with at least 1 sat
            throw new IllegalArgumentException("channel " + ShortChannelId.format(scid) + " has capacity 0 sat; a "
                    + "channel is funded with at least 1 sat");
        }
        c = builder.addChannel(scid, a, b, capSat); // refuses self-loops and impossible capacities
        byScid.put(scid, c);
        if (2 * c + 2 > flags.length) {
            int cap = flags.length * 2;
            flags = Arrays.copyOf(flags, cap);
            base = Arrays.copyOf(base, cap);
            ppm = Arrays.copyOf(ppm, cap);
            cltv = Arrays.copyOf(cltv, cap);
            hmin = Arrays.copyOf(hmin, cap);
            hmax = Arrays.copyOf(hmax, cap);
            lastUpdate = Arrays.copyOf(lastUpdate, cap);
        }
        lastChannelNew = true;
        return c;
    }

    boolean lastChannelWasNew() {
        return lastChannelNew;
    }

    /** Builder index of the channel with this scid, or -1. */
    int channelIndex(long scid) {
        return byScid.get(scid);
    }

    int channelCount() {
        return builder.channelCount();
    }

    /**
     * Records one direction of channel {@code c} leaving builder node {@code from}.
     *
     * @param known     whether a policy is known; when false the policy values are ignored
     * @param maxMsat   {@link ChannelPolicy#NO_HTLC_MAXIMUM} when absent
     * @param updatedAt the record's {@code last_update} (0 when the format has none)
     * @throws IllegalArgumentException when {@code from} is not an endpoint or a value is out of range
     */
    Merge direction(int c, int from, boolean known, long feeBase, long feePpm, long cltvDelta, long minMsat,
                    long maxMsat, boolean disabled, long updatedAt) {
        int s;
        if (from == builder.endpoint(c, 0)) {
            s = 0;
        } else if (from == builder.endpoint(c, 1)) {
            s = 1;
        } else {
            throw new IllegalArgumentException("node is not an endpoint of channel "
                    + ShortChannelId.format(builder.scid(c)));
        }
        if (known) {
            ChannelPolicy.check(feeBase, feePpm, cltvDelta, minMsat, maxMsat);
        } else {
            feeBase = 0;
            feePpm = 0;
            cltvDelta = 0;
            minMsat = 0;
            maxMsat = ChannelPolicy.NO_HTLC_MAXIMUM;
            disabled = false;
        }
        byte f = (byte) (SEEN | (known ? KNOWN : 0) | (known && disabled ? DISABLED : 0));
        int e = 2 * c + s;
        Merge result;
        if ((flags[e] & SEEN) == 0) {
            result = Merge.NEW;
        } else if (flags[e] == f && base[e] == (int) feeBase && ppm[e] == (int) feePpm && cltv[e] == cltvDelta
                && hmin[e] == minMsat && hmax[e] == maxMsat) {
            lastUpdate[e] = Math.max(lastUpdate[e], updatedAt);
            return Merge.SAME;
        } else if (updatedAt >= lastUpdate[e]) {
            result = Merge.REPLACED;
        } else {
            return Merge.KEPT_EXISTING;
        }
        flags[e] = f;
        base[e] = (int) feeBase;
        ppm[e] = (int) feePpm;
        cltv[e] = (char) cltvDelta;
        hmin[e] = minMsat;
        hmax[e] = maxMsat;
        lastUpdate[e] = updatedAt;
        return result;
    }

    /** Whether a record for the direction of {@code c} on side {@code s} (0 = leaving endpoint 0) was seen. */
    boolean seen(int c, int s) {
        return (flags[2 * c + s] & SEEN) != 0;
    }

    /** Channels with a record for exactly one direction. */
    long oneSidedChannels() {
        long n = 0;
        for (int c = 0; c < builder.channelCount(); c++) {
            if (seen(c, 0) != seen(c, 1)) {
                n++;
            }
        }
        return n;
    }

    /** Channels with no record for either direction. */
    long channelsWithoutRecords() {
        long n = 0;
        for (int c = 0; c < builder.channelCount(); c++) {
            if (!seen(c, 0) && !seen(c, 1)) {
                n++;
            }
        }
        return n;
    }

    /**
     * Known directions whose HTLC minimum is above their channel's capacity: no HTLC can ever cross them. Real dumps
     * hold a few (2 of the 77,104 edges of the lnresearch timemachine's 2020-07-15 CLoTH snapshot), so importers
     * count them in the load report ({@code htlc_minimum_above_capacity}) rather than refuse the file; routing
     * already skips them, as every amount is below the minimum.
     */
    long htlcMinimumAboveCapacity() {
        long n = 0;
        for (int c = 0; c < builder.channelCount(); c++) {
            long capMsat = builder.capacitySat(c) * 1000; // ≤ the supply in msat, no overflow
            for (int s = 0; s < 2; s++) {
                int e = 2 * c + s;
                n += (flags[e] & KNOWN) != 0 && hmin[e] > capMsat ? 1 : 0;
            }
        }
        return n;
    }

    /** Pushes the known policies into the builder and builds the graph. */
    ChannelGraph build() {
        for (int c = 0; c < builder.channelCount(); c++) {
            for (int s = 0; s < 2; s++) {
                int e = 2 * c + s;
                if ((flags[e] & KNOWN) != 0) {
                    builder.setPolicy(c, builder.endpoint(c, s), Integer.toUnsignedLong(base[e]),
                            Integer.toUnsignedLong(ppm[e]), cltv[e], hmin[e], hmax[e], (flags[e] & DISABLED) != 0);
                }
            }
        }
        return builder.build();
    }
}
