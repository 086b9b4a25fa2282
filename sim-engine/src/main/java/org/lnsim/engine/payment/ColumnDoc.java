package org.lnsim.engine.payment;

import java.util.List;

/**
 * One column of a results file, documented where it is declared: its name in the CSV header, its unit and what it
 * counts. A protocol declares its own {@link ProtocolReport#stateColumns()} and {@link ProtocolReport#paymentColumns()}
 * as lists of these so that the name, the unit and the definition live in one place; the results module renders every
 * file's columns, these included, into {@code results/COLUMNS.md}.
 *
 * @param name       the header name, lower-case snake case
 * @param unit       {@code msat}, {@code µs}, {@code bytes}, {@code count}, {@code 0/1}, … or {@code —} for labels
 * @param definition one or two sentences: what the value is, over what, and when it is empty
 */
public record ColumnDoc(String name, String unit, String definition) {
    public ColumnDoc {
        if (!name.matches("[a-z][a-z0-9_]*") || unit.isBlank() || definition.isBlank()) {
            throw new IllegalArgumentException("a column needs a snake-case name, a unit and a definition: " + name);
        }
    }

    /** The names, in order, e.g. of a report's {@code stateColumns()} for a file's header. */
    public static List<String> names(List<ColumnDoc> columns) {
        return columns.stream().map(ColumnDoc::name).toList();
    }
}
