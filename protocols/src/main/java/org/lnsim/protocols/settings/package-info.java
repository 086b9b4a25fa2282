/**
 * How a protocol declares its configuration: {@link org.lnsim.protocols.settings.Key} (name, kind, default, bounds,
 * choices, documentation), resolved {@link org.lnsim.protocols.settings.Values} read by key, the
 * {@link org.lnsim.protocols.settings.ProtocolSettings} record each protocol's entry becomes, its
 * {@link org.lnsim.protocols.settings.ProtocolSpec} (name, documentation, keys, record factory) and
 * {@link org.lnsim.protocols.settings.SharedWork} several protocols of a run do once.
 *
 * <p>Contract: a protocol's keys are declared once, next to its settings record, with defaults taken from the
 * record's default instance, so the reference documentation, the defaults applied and the protocol's own defaults
 * cannot disagree. No parsing here: the experiments layer turns YAML into {@code Values} (checking kinds, bounds and
 * choices against the keys); this package depends on no format library.
 */
package org.lnsim.protocols.settings;
