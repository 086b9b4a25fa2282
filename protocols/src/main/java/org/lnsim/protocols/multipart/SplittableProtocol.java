package org.lnsim.protocols.multipart;

import org.lnsim.engine.payment.PaymentContext;
import org.lnsim.engine.payment.RoutingProtocol;

/** A protocol whose sender picks the route, so that a splitter can ask it for routes of parts. */
public interface SplittableProtocol extends RoutingProtocol {
    /** The route search of the payment {@code ctx} drives. */
    PartRoutes partRoutes(PaymentContext ctx);

    /** The fee budget of a whole payment of {@code amountMsat} (split among parts in proportion to their amounts). */
    long feeBudgetMsat(long amountMsat);
}
