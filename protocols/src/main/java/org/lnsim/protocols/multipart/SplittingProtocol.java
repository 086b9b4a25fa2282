package org.lnsim.protocols.multipart;

import org.lnsim.engine.htlc.PaymentKind;
import org.lnsim.engine.payment.ColumnDoc;
import org.lnsim.engine.payment.Knowledge;
import org.lnsim.engine.payment.PaymentContext;
import org.lnsim.engine.payment.PaymentSession;
import org.lnsim.engine.payment.ProtocolContext;
import org.lnsim.engine.payment.ProtocolReport;
import org.lnsim.engine.payment.RoutingProtocol;

/**
 * A base protocol with a splitter: the base's knowledge, set-up, state and route search, with payments sent as parts
 * ({@link SplitPayment}). Named {@code base+splitter}, e.g. {@code source+cl}.
 */
public final class SplittingProtocol implements RoutingProtocol {
    private final SplittableProtocol base;
    private final Splitter splitter;
    private final int maxParts;
    private final PaymentKind kind;

    /**
     * @param maxParts lnd's cap on parts in flight (≥ 1); c-lightning's presplit has its own cap
     */
    public SplittingProtocol(SplittableProtocol base, Splitter splitter, int maxParts) {
        this(base, splitter, maxParts, PaymentKind.MPP);
    }

    /**
     * @param kind how the parts are bound: basic MPP, or AMP (the receiver can claim nothing before every share
     *             has arrived); an AMP protocol is named {@code base+splitter+amp}
     */
    public SplittingProtocol(SplittableProtocol base, Splitter splitter, int maxParts, PaymentKind kind) {
        if (splitter == Splitter.NONE || maxParts < 1 || kind == null) {
            throw new IllegalArgumentException("need a splitter, max parts >= 1 and a payment kind");
        }
        this.base = base;
        this.splitter = splitter;
        this.maxParts = maxParts;
        this.kind = kind;
    }

    @Override
    public String name() {
        return base.name() + SplitSettings.variant(splitter, kind);
    }

    @Override
    public PaymentKind paymentKind() {
        return kind;
    }

    @Override
    public Knowledge knowledge() {
        return base.knowledge();
    }

    @Override
    public void setup(ProtocolContext ctx) {
        base.setup(ctx);
    }

    @Override
    public void finish(ProtocolContext ctx) {
        base.finish(ctx);
    }

    /**
     * The base's state, as it is the base's set-up and tables; but no payment columns: this variant's sessions are
     * {@link SplitPayment}s, which count none of the base's per-payment figures.
     */
    @Override
    public ProtocolReport report() {
        ProtocolReport b = base.report();
        return new ProtocolReport() {
            @Override
            public long stateBytes(int node) {
                return b.stateBytes(node);
            }

            @Override
            public java.util.List<ColumnDoc> stateColumns() {
                return b.stateColumns();
            }

            @Override
            public void stateValues(int node, long[] out) {
                b.stateValues(node, out);
            }
        };
    }

    @Override
    public PaymentSession open(PaymentContext ctx) {
        return new SplitPayment(ctx, base.partRoutes(ctx), splitter, maxParts,
                base.feeBudgetMsat(ctx.payment().amountMsat()));
    }
}
