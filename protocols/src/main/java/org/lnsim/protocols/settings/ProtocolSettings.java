package org.lnsim.protocols.settings;

import java.util.List;

/**
 * What one protocol entry of an experiment resolves to: an immutable record that owns its protocol's keys, their
 * defaults (written once, in the record's default instance) and its validation. Implemented by each protocol's
 * settings record; {@link ProtocolSpec} ties it to the protocol's name and keys.
 */
public interface ProtocolSettings {
    /** Every protocol's: names a variant in the results, so several of one protocol can run side by side. */
    Key<String> LABEL = Key.str("label", null, "name in the results instead of the protocol's (and its +split), to "
            + "compare variants of one protocol side by side");

    /**
     * What the protocol's name gets appended in the results when no label is given: {@code "+cl"},
     * {@code "+lnd-halving+amp"} for a splitting variant; empty by default.
     */
    default String variant() {
        return "";
    }

    /** Work this protocol will ask the run for, announced so the run can do it once for every protocol. */
    default List<SharedWork<?>> sharedWork() {
        return List.of();
    }
}
