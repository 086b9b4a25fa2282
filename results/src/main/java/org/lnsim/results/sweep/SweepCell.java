package org.lnsim.results.sweep;

import java.util.LinkedHashMap;
import java.util.Objects;

/**
 * One cell of a sweep: one point of its axes.
 *
 * @param id   the cell's id, e.g. {@code c03}: its name in every sweep table
 * @param axes its axis values in axis order, key (e.g. {@code workload.amount.sat}) to value as text; copied, so
 *             later changes to the caller's map do not reach the tables
 */
public record SweepCell(String id, LinkedHashMap<String, String> axes) {
    public SweepCell {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("a sweep cell needs an id");
        }
        axes = new LinkedHashMap<>(Objects.requireNonNull(axes, "axes"));
    }
}
