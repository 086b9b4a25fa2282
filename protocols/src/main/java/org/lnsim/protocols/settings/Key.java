package org.lnsim.protocols.settings;

import java.util.List;
import java.util.Objects;

/**
 * One configuration key: its name within its section, value kind, default, bounds, choices and one line of
 * documentation. Declared once, as a constant next to the settings record that reads it, and used twice: by the
 * experiment schema (to check a user's value, fill in the default and render {@code reference.yaml}) and by the
 * record's {@code from(Values)} (to read the resolved value, typed, without a string look-up).
 *
 * <p>Defaults are typed: {@link Integer} for {@link Kind#INT}, {@link Long} for {@link Kind#LONG}, {@link Double}
 * for {@link Kind#DOUBLE}, {@link String} for {@link Kind#STRING} and {@link Kind#CHOICE}, {@link Boolean} for
 * {@link Kind#BOOL}; null means the key is optional and absent by default. Numeric bounds are inclusive and kept
 * as doubles so that one record covers every kind ({@code long} bounds of ±2^63 round-trip exactly).
 *
 * @param <T>     the resolved value's Java type
 * @param name    key name within its section (lower-case snake case)
 * @param kind    value kind
 * @param dflt    default value, or null
 * @param min     inclusive lower bound of a number
 * @param max     inclusive upper bound of a number ({@link Double#POSITIVE_INFINITY}: none)
 * @param choices the valid values of a {@link Kind#CHOICE} key, in the order the documentation lists them
 * @param doc     one line of documentation (the source of the default where it has one)
 */
public record Key<T>(String name, Kind kind, T dflt, double min, double max, List<String> choices, String doc) {
    /** Value kinds. */
    public enum Kind { INT, LONG, DOUBLE, STRING, CHOICE, BOOL }

    public Key {
        choices = List.copyOf(choices);
    }

    /** A whole number that fits an {@code int}. */
    public static Key<Integer> integer(String name, int dflt, int min, int max, String doc) {
        return new Key<>(name, Kind.INT, dflt, min, max, List.of(), doc);
    }

    /** A whole number; {@code dflt} null: absent by default. */
    public static Key<Long> lng(String name, Long dflt, long min, long max, String doc) {
        return new Key<>(name, Kind.LONG, dflt, min, max, List.of(), doc);
    }

    /** A number; {@code dflt} null: absent by default. */
    public static Key<Double> dbl(String name, Double dflt, double min, double max, String doc) {
        return new Key<>(name, Kind.DOUBLE, dflt, min, max, List.of(), doc);
    }

    /** Free text (a path, a label); {@code dflt} null: absent by default. */
    public static Key<String> str(String name, String dflt, String doc) {
        return new Key<>(name, Kind.STRING, dflt, 0, 0, List.of(), doc);
    }

    public static Key<Boolean> bool(String name, boolean dflt, String doc) {
        return new Key<>(name, Kind.BOOL, dflt, 0, 0, List.of(), doc);
    }

    /** One of {@code choices}. */
    public static Key<String> choice(String name, String dflt, List<String> choices, String doc) {
        if (!choices.contains(dflt)) {
            throw new IllegalArgumentException(name + ": default '" + dflt + "' is not one of " + choices);
        }
        return new Key<>(name, Kind.CHOICE, dflt, 0, 0, choices, doc);
    }

    /**
     * Component-wise, as a record's generated {@code equals}, written out: the generated one is bound at its first
     * call by spinning some twenty method-handle classes (every command compares keys while reading its settings),
     * which the class-data archive cannot keep.
     */
    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof Key<?> k && Objects.equals(name, k.name) && kind == k.kind
                && Objects.equals(dflt, k.dflt) && Double.compare(min, k.min) == 0
                && Double.compare(max, k.max) == 0 && Objects.equals(choices, k.choices)
                && Objects.equals(doc, k.doc);
    }

    /** The generated record hash (31·h + each component's hash, in order), written out for the same reason. */
    @Override
    public int hashCode() {
        int h = Objects.hashCode(name);
        h = 31 * h + Objects.hashCode(kind);
        h = 31 * h + Objects.hashCode(dflt);
        h = 31 * h + Double.hashCode(min);
        h = 31 * h + Double.hashCode(max);
        h = 31 * h + Objects.hashCode(choices);
        return 31 * h + Objects.hashCode(doc);
    }

    /** The same key with another default (for a key shared by protocols whose defaults differ). */
    public Key<T> withDefault(T d) {
        return new Key<>(name, kind, d, min, max, choices, doc);
    }
}
