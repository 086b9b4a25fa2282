package org.lnsim.engine.payment;

/**
 * The engine refused a view a protocol asked for ({@link ProtocolContext#view}): the protocol's declared
 * {@link Knowledge} does not allow it, or the engine offers no view of that kind. A protocol bug, not bad input.
 */
public final class ViewRefusedException extends IllegalStateException {
    public ViewRefusedException(String message) {
        super(message);
    }
}
