package org.lnsim.protocols.multipart;

import java.util.Arrays;
import java.util.List;
import org.lnsim.engine.htlc.PaymentKind;
import org.lnsim.engine.payment.RoutingProtocol;
import org.lnsim.protocols.settings.Key;
import org.lnsim.protocols.settings.Values;

/**
 * Whether and how a protocol that picks routes at the sender splits payments: the {@link Splitter}, lnd's cap on
 * parts in flight, and how parts are bound ({@link PaymentKind}). The keys {@link #KEYS} of every
 * {@link SplittableProtocol} in an experiment, with {@link #NONE}'s defaults.
 *
 * @param splitter the splitter; {@link Splitter#NONE}: one path
 * @param maxParts lnd-halving: parts in flight at most, 1 to 483 (the HTLC slots of a channel direction)
 * @param kind     with a splitter: basic MPP or AMP
 */
public record SplitSettings(Splitter splitter, int maxParts, PaymentKind kind) {
    /** No splitting; lnd's part cap and basic MPP should a splitter be chosen. */
    public static final SplitSettings NONE = new SplitSettings(Splitter.NONE, Splitter.LND_DEFAULT_MAX_PARTS,
            PaymentKind.MPP);

    public static final Key<String> SPLIT = Key.choice("split", NONE.splitter.label(), Splitter.labels(),
            "multi-part splitting: none; c-lightning's presplit, adaptive splitter, or both (cl, its default pay); "
                    + "lnd's halving. The protocol is then named base+split, e.g. source+cl");
    public static final Key<Integer> MAX_PARTS = Key.integer("max_parts", NONE.maxParts, 1, 483,
            "lnd-halving: parts in flight at most (lnd DefaultMaxParts 16)");
    public static final Key<String> PAYMENT_KIND = Key.choice("payment_kind", NONE.kind.label(),
            Arrays.stream(PaymentKind.values()).map(PaymentKind::label).toList(), "with a splitter: how parts are "
                    + "bound — mpp (BOLT basic MPP: one payment hash, the receiver could settle parts early) or amp "
                    + "(atomic multi-path, lnd's TLV 14: nothing can be settled before every share arrives); an amp "
                    + "protocol is named base+split+amp");
    /** The keys, in the order the reference lists them. */
    public static final List<Key<?>> KEYS = List.of(SPLIT, MAX_PARTS, PAYMENT_KIND);

    public SplitSettings {
        if (splitter == null || kind == null || maxParts < 1 || maxParts > 483) {
            throw new IllegalArgumentException("split settings out of range: a splitter, a payment kind and "
                    + "max_parts in [1, 483] needed, got " + splitter + ", " + kind + ", " + maxParts);
        }
        if (splitter == Splitter.NONE && kind == PaymentKind.AMP) {
            // AMP binds the parts of a split payment; without a splitter it would be silently ignored (issue 21,
            // defect 9)
            throw new IllegalArgumentException("payment_kind: amp needs a splitter (split: cl, cl-presplit, "
                    + "cl-adaptive or lnd-halving); a single-path payment has no parts to bind");
        }
    }

    /** The settings of resolved values holding {@link #KEYS}. */
    public static SplitSettings from(Values v) {
        return new SplitSettings(Splitter.parse(v.get(SPLIT)), v.get(MAX_PARTS), PaymentKind.valueOf(
                v.get(PAYMENT_KIND).toUpperCase(java.util.Locale.ROOT)));
    }

    /** {@code base} itself without a splitter, else {@code base} with this splitter. */
    public RoutingProtocol apply(SplittableProtocol base) {
        return splitter == Splitter.NONE ? base : new SplittingProtocol(base, splitter, maxParts, kind);
    }

    /**
     * What a splitting variant's name adds to its base's, as {@link SplittingProtocol#name()}: {@code +cl},
     * {@code +lnd-halving+amp}; empty without a splitter.
     */
    public String variant() {
        return variant(splitter, kind);
    }

    static String variant(Splitter splitter, PaymentKind kind) {
        return splitter == Splitter.NONE ? "" : "+" + splitter.label() + (kind == PaymentKind.AMP ? "+amp" : "");
    }
}
