package org.lnsim.results;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Renders network statistics with one column per network (table, CSV) or one object per network (JSON), so that a
 * generated network and a real snapshot sit side by side. Doubles are rounded half-even to {@link #DECIMALS} places,
 * as in {@code anchor-stats.json}; the output is a pure function of its input (byte-identical across runs).
 */
public final class StatsReport {
    /** Decimal places for non-integer statistics. */
    public static final int DECIMALS = 4;

    /** Output formats of {@code lnsim stats}. */
    public enum Format { TABLE, CSV, JSON }

    /** One column: a network's display name and its statistics (values Long, Double or null). */
    public record Column(String network, Map<String, Object> stats) {
    }

    private StatsReport() {
    }

    public static String render(List<Column> columns, Format format) {
        return switch (format) {
            case TABLE -> table(columns);
            case CSV -> csv(columns);
            case JSON -> json(columns);
        };
    }

    private static List<String> keys(List<Column> columns) {
        Set<String> keys = new LinkedHashSet<>();
        for (Column c : columns) {
            keys.addAll(c.stats().keySet());
        }
        return new ArrayList<>(keys);
    }

    /** The value as it is printed: integers plain, doubles rounded, null as empty. */
    static String text(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double d) {
            return round(d).toPlainString();
        }
        return v.toString();
    }

    static BigDecimal round(double d) {
        return BigDecimal.valueOf(d).setScale(DECIMALS, RoundingMode.HALF_EVEN).stripTrailingZeros();
    }

    private static String table(List<Column> columns) {
        List<String> keys = keys(columns);
        int keyWidth = "statistic".length();
        for (String k : keys) {
            keyWidth = Math.max(keyWidth, k.length());
        }
        int[] widths = new int[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            widths[i] = columns.get(i).network().length();
            for (String k : keys) {
                widths[i] = Math.max(widths[i], display(columns.get(i).stats().get(k)).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append(pad("statistic", keyWidth, false));
        for (int i = 0; i < columns.size(); i++) {
            sb.append("  ").append(pad(columns.get(i).network(), widths[i], true));
        }
        sb.append('\n');
        for (String k : keys) {
            sb.append(pad(k, keyWidth, false));
            for (int i = 0; i < columns.size(); i++) {
                sb.append("  ").append(pad(display(columns.get(i).stats().get(k)), widths[i], true));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Table cells: integers with thousands separators, doubles rounded, null as "–". */
    private static String display(Object v) {
        if (v == null) {
            return "-";
        }
        if (v instanceof Long l) {
            return String.format(Locale.ROOT, "%,d", l);
        }
        return text(v);
    }

    private static String pad(String s, int width, boolean right) {
        if (s.length() >= width) {
            return s;
        }
        String spaces = " ".repeat(width - s.length());
        return right ? spaces + s : s + spaces;
    }

    private static String csv(List<Column> columns) {
        StringBuilder sb = new StringBuilder("statistic");
        for (Column c : columns) {
            sb.append(',').append(CsvField.of(c.network()));
        }
        sb.append('\n');
        for (String k : keys(columns)) {
            sb.append(k);
            for (Column c : columns) {
                sb.append(',').append(text(c.stats().get(k)));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String json(List<Column> columns) {
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Column c : columns) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("network", c.network());
            for (Map.Entry<String, Object> e : c.stats().entrySet()) {
                Object v = e.getValue();
                o.put(e.getKey(), v instanceof Double d ? round(d) : v);
            }
            objects.add(o);
        }
        ObjectMapper mapper = new ObjectMapper();
        mapper.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
        StringWriter out = new StringWriter();
        try {
            mapper.writer(printer).writeValue(out, objects.size() == 1 ? objects.get(0) : objects);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out + "\n";
    }
}
