package org.lnsim.protocols.settings;

import java.util.List;
import java.util.function.Function;

/**
 * A protocol as an experiment names it: its name, one line of documentation, its keys in the order the reference
 * lists them (every spec includes {@link ProtocolSettings#LABEL}), and how its settings record is made from the
 * resolved values. Declared next to the settings record, so the keys, their defaults and bounds live in one place.
 *
 * @param <S> the protocol's settings record
 */
public record ProtocolSpec<S extends ProtocolSettings>(String name, String doc, List<Key<?>> keys,
                                                      Function<Values, S> settings) {
    public ProtocolSpec {
        keys = List.copyOf(keys);
        if (!keys.contains(ProtocolSettings.LABEL)) {
            throw new IllegalArgumentException(name + ": every protocol takes a label");
        }
        if (keys.stream().map(Key::name).distinct().count() != keys.size()) {
            throw new IllegalArgumentException(name + ": key names repeat");
        }
    }

    /** The settings a resolved entry describes; the record's own checks may throw IllegalArgumentException. */
    public S from(Values values) {
        return settings.apply(values);
    }
}
