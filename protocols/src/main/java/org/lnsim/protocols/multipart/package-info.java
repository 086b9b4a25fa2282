/**
 * Multi-part payments: the splitters real nodes use (c-lightning's presplit and adaptive splitter, lnd's halving;
 * lightning-facts §7.3–7.4), composable with every scheme that picks routes at the sender.
 *
 * <p>Contract: a base protocol offers its route search for any amount through {@link
 * org.lnsim.protocols.multipart.PartRoutes} ({@link org.lnsim.protocols.multipart.SplittableProtocol}); a
 * {@link org.lnsim.protocols.multipart.SplittingProtocol} wraps it, keeps its knowledge, set-up and state, and drives
 * each payment as parts of one payment id whose amounts always sum to at most the total; the engine's receiver holds
 * the parts until the total has arrived (BOLT 4 basic_mpp), so no part settles unless all do. The base protocol's
 * route finding is not changed.
 */
package org.lnsim.protocols.multipart;
