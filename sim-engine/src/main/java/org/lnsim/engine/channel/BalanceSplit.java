package org.lnsim.engine.channel;

import java.util.SplittableRandom;

/**
 * How each channel's capacity is split between its two sides at the start of a run. Public gossip carries no
 * balances (CLoTH assigns them too, peer-simulators §1), so this is a modelling choice and a config key.
 */
public enum BalanceSplit {
    /** Node_1's share is uniform in [0, capacity] (msat granularity): the usual "we know nothing" prior (the
     *  uniform balance model of lightning-facts §7.5). The default. */
    UNIFORM("uniform"),
    /** Exactly half each side (odd msat to node_1). */
    HALF("half"),
    /** The whole capacity on one side, as right after a single-funded open; which side funded is drawn with
     *  probability 1/2, since gossip does not say. */
    FUNDER("funder");

    private final String label;

    BalanceSplit(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Parses a config value ({@code uniform}, {@code half}, {@code funder}). */
    public static BalanceSplit parse(String s) {
        for (BalanceSplit b : values()) {
            if (b.label.equals(s)) {
                return b;
            }
        }
        throw new IllegalArgumentException("unknown balance split '" + s + "'; choose uniform, half or funder");
    }

    /** Node_1's initial balance in msat for a channel of {@code capacityMsat}, drawing from {@code rng}. */
    public long node1ShareMsat(long capacityMsat, SplittableRandom rng) {
        return switch (this) {
            case UNIFORM -> capacityMsat == 0 ? 0 : rng.nextLong(capacityMsat + 1);
            case HALF -> capacityMsat - capacityMsat / 2;
            case FUNDER -> rng.nextBoolean() ? capacityMsat : 0;
        };
    }
}
