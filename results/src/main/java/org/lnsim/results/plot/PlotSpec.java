package org.lnsim.results.plot;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.lnsim.network.io.NetworkFormatException;

/**
 * One entry of an experiment's {@code plots:} section: which figure to draw from a sweep folder, e.g.
 * <pre>
 * plots:
 *   - {figure: success, x: workload.amount.sat}
 *   - {figure: fee, x: workload.amount.sat}
 *   - {figure: latency_cdf, cell: c00}
 *   - {figure: messages_per_node}
 *   - {figure: state_cdf}
 * </pre>
 * Keys: {@code figure} (required, one of {@link Figure}'s keys); {@code x} (only for {@code success} and {@code fee}:
 * the numeric axis on the x axis; default the first numeric axis whose name contains {@code amount}, else the first
 * numeric axis); {@code cell} (only for the per-cell figures: one cell of {@code cells.csv}; default every cell, at
 * most {@link SweepPlots#MAX_CELLS}).
 *
 * @param figure which figure
 * @param x      the x axis of {@code success}/{@code fee}, or null for the default
 * @param cell   the cell of a per-cell figure, or null for every cell (capped)
 * @param origin where the entry came from, e.g. {@code "sweep.yaml: plots[2]"}, for later errors (unknown cell,
 *               non-numeric axis) found against the sweep folder
 */
public record PlotSpec(Figure figure, String x, String cell, String origin) {

    /** The figures; {@link #key()} is the name in {@code plots:}. */
    public enum Figure {
        /** success_rate mean against a numeric axis, one series per protocol (× other axes' values). */
        SUCCESS("success", false),
        /** fee_ppm_p50 mean against a numeric axis. */
        FEE("fee", false),
        /** CDF of successful payments' latency per protocol, one figure per cell. */
        LATENCY_CDF("latency_cdf", true),
        /** messages sent per node with channels, mean per protocol, log y bars, one figure per cell. */
        MESSAGES_PER_NODE("messages_per_node", true),
        /** bytes sent per node with channels, mean per protocol, log y bars, one figure per cell. */
        BYTES_PER_NODE("bytes_per_node", true),
        /** CDF of per-node routing state (node_state.csv state_bytes) per protocol, log x, one figure per cell. */
        STATE_CDF("state_cdf", true);

        private final String key;
        private final boolean perCell;

        Figure(String key, boolean perCell) {
            this.key = key;
            this.perCell = perCell;
        }

        public String key() {
            return key;
        }

        /** True for figures drawn per cell (they take {@code cell}), false for those against an axis ({@code x}). */
        public boolean perCell() {
            return perCell;
        }

        static Figure of(String key) {
            for (Figure f : values()) {
                if (f.key.equals(key)) {
                    return f;
                }
            }
            return null;
        }

        static String keys() {
            List<String> k = new ArrayList<>();
            for (Figure f : values()) {
                k.add(f.key);
            }
            return String.join(", ", k);
        }
    }

    /** An entry with the figure alone (default x, every cell), e.g. for {@code lnsim plot DIR} without a section. */
    public static PlotSpec of(Figure figure) {
        return new PlotSpec(figure, null, null, "default " + figure.key());
    }

    /**
     * Reads a {@code plots:} section without knowing the sweep's axes; {@code x} is checked against the sweep folder
     * when drawn ({@link SweepPlots#figures}).
     *
     * @param node   the section's value (a list), or null / a missing node for none (then the list is empty)
     * @param source the file it came from, named in errors
     * @throws PlotSpecException naming {@code source}, the entry and the key
     */
    public static List<PlotSpec> parse(JsonNode node, String source) {
        return parse(node, source, null);
    }

    /**
     * Reads a {@code plots:} section and checks every {@code x} against the sweep's axis keys (when the caller knows
     * them, e.g. from the sweep's configuration; null skips that check). Whether the axis is numeric is known only
     * from the values in {@code cells.csv} and is checked when drawn.
     */
    public static List<PlotSpec> parse(JsonNode node, String source, Collection<String> axes) {
        List<PlotSpec> out = new ArrayList<>();
        if (node == null || node.isMissingNode() || node.isNull()) {
            return out;
        }
        if (!node.isArray()) {
            throw new PlotSpecException(source + ": plots: expected a list of entries such as "
                    + "{figure: success, x: workload.amount.sat}, got " + kind(node));
        }
        for (int i = 0; i < node.size(); i++) {
            String where = source + ": plots[" + i + "]";
            JsonNode e = node.get(i);
            if (!e.isObject()) {
                throw new PlotSpecException(where + ": expected a mapping such as {figure: state_cdf}, got "
                        + kind(e));
            }
            Figure figure = null;
            String x = null;
            String cell = null;
            JsonNode f = e.get("figure");
            if (f == null) {
                throw new PlotSpecException(where + ": figure: missing (one of " + Figure.keys() + ")");
            }
            figure = Figure.of(text(f, where, "figure"));
            if (figure == null) {
                throw new PlotSpecException(where + ": figure: unknown figure '" + NetworkFormatException.cut(f.asText()) + "' (one of "
                        + Figure.keys() + ")");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = e.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> kv = it.next();
                switch (kv.getKey()) {
                    case "figure" -> { }
                    case "x" -> {
                        if (figure.perCell()) {
                            throw new PlotSpecException(where + ": x: does not apply to figure " + figure.key()
                                    + " (drawn per cell; it takes cell)");
                        }
                        x = text(kv.getValue(), where, "x");
                        if (axes != null && !axes.contains(x)) {
                            throw new PlotSpecException(where + ": x: '" + x + "' is not an axis of the sweep (axes: "
                                    + String.join(", ", axes) + ")");
                        }
                    }
                    case "cell" -> {
                        if (!figure.perCell()) {
                            throw new PlotSpecException(where + ": cell: does not apply to figure " + figure.key()
                                    + " (drawn against an axis; it takes x)");
                        }
                        cell = text(kv.getValue(), where, "cell");
                    }
                    default -> throw new PlotSpecException(where + ": " + kv.getKey() + ": unknown key (keys: figure, "
                            + (figure.perCell() ? "cell" : "x") + ")");
                }
            }
            out.add(new PlotSpec(figure, x, cell, where));
        }
        return out;
    }

    private static String text(JsonNode v, String where, String key) {
        if (!v.isTextual() || v.asText().isEmpty()) {
            throw new PlotSpecException(where + ": " + key + ": expected a non-empty name, got " + kind(v));
        }
        return v.asText();
    }

    private static String kind(JsonNode n) {
        String t = n.getNodeType().name().toLowerCase(Locale.ROOT);
        return n.isValueNode() ? NetworkFormatException.cut(t + " " + n.asText()) : t;
    }
}
