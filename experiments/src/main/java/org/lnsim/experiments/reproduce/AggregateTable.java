package org.lnsim.experiments.reproduce;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lnsim.engine.payment.ColumnDoc;
import org.lnsim.experiments.ProtocolRegistry;
import org.lnsim.experiments.sweep.SweepPlan;
import org.lnsim.network.io.NetworkFormatException;
import org.lnsim.results.run.RunColumns;
import org.lnsim.results.sweep.SweepTables;
import org.lnsim.results.tables.CsvTable;

/**
 * A recipe's {@code table: aggregate}: per cell of a sweep, the protocols against the chosen metrics from its
 * {@code aggregate.csv}, each "mean ± half-width of the 95% Student t interval over the replications" (the mean alone
 * when there is one), then the definition of every metric shown.
 */
final class AggregateTable {
    private AggregateTable() {
    }

    /**
     * A half-width to 3 significant digits, plain (no exponent: 15000, not 1.50e+04) and without trailing zeros (0,
     * not 0.00, for a quantity that does not vary over the replications).
     */
    static String threeDigits(double x) {
        return SweepTables.significant(x, 3);
    }

    static String render(Path sweepDir, SweepPlan plan, List<String> metrics, String heading) throws IOException {
        CsvTable agg = CsvTable.read(sweepDir.resolve(SweepTables.AGGREGATE_CSV));
        // cell -> protocol -> metric -> text
        Map<String, Map<String, Map<String, String>>> cells = new LinkedHashMap<>();
        Map<String, Integer> nByCell = new LinkedHashMap<>();
        for (int r = 0; r < agg.rowCount(); r++) {
            String metric = agg.get(r, "metric");
            if (!metrics.contains(metric)) {
                continue;
            }
            String cell = agg.get(r, "cell");
            String mean = agg.get(r, "mean");
            String lo = agg.get(r, "ci95_low");
            String hi = agg.get(r, "ci95_high");
            String text = mean;
            if (!lo.isEmpty() && !hi.isEmpty()) {
                double half = (Double.parseDouble(hi) - Double.parseDouble(lo)) / 2;
                text = mean + " ± " + threeDigits(half);
            }
            cells.computeIfAbsent(cell, c -> new LinkedHashMap<>())
                    .computeIfAbsent(agg.get(r, "protocol"), p -> new LinkedHashMap<>()).put(metric, text);
            nByCell.merge(cell, Integer.parseInt(agg.get(r, "n")), Math::max);
        }
        StringBuilder md = new StringBuilder();
        for (SweepPlan.Cell c : plan.cells()) {
            Map<String, Map<String, String>> rows = cells.get(c.id());
            if (rows == null) {
                throw new NetworkFormatException(sweepDir.resolve(SweepTables.AGGREGATE_CSV), null, "no row of cell "
                        + c.id() + " has any of the metrics " + metrics);
            }
            List<String> values = new ArrayList<>();
            c.valueTexts().forEach((k, v) -> values.add(k + " = " + v));
            String title = heading == null ? "## " + c.id() + (values.isEmpty() ? "" : " — " + String.join(", ",
                    values)) : heading.replace("{cell}", c.id()).replace("{values}", String.join(", ", values));
            md.append(md.length() == 0 ? "" : "\n").append(title).append("\n\n");
            md.append("n = ").append(nByCell.get(c.id())).append(" replications; mean ± half-width of the 95% t "
                    + "interval.\n\n");
            md.append("| protocol |");
            metrics.forEach(m -> md.append(' ').append(m).append(" |"));
            md.append("\n|---|");
            metrics.forEach(m -> md.append("---:|"));
            md.append('\n');
            for (Map.Entry<String, Map<String, String>> row : rows.entrySet()) {
                md.append("| ").append(row.getKey()).append(" |");
                for (String m : metrics) {
                    md.append(' ').append(row.getValue().getOrDefault(m, "")).append(" |");
                }
                md.append('\n');
            }
        }
        md.append("\nColumns:\n\n");
        List<RunColumns.ProtocolColumns> protocols = ProtocolRegistry.resultColumns();
        for (String m : metrics) {
            Optional<ColumnDoc> doc = SweepTables.sweepColumn(m).or(() -> RunColumns.summaryColumn(m, protocols));
            md.append("- `").append(m).append("`").append(doc.map(d -> " (" + d.unit() + "): " + d.definition())
                    .orElse(": (not documented)")).append('\n');
        }
        return md.toString();
    }
}
