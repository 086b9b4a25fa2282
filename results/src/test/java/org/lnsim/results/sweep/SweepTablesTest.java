package org.lnsim.results.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lnsim.engine.payment.ColumnDoc;
import org.lnsim.network.io.NetworkFormatException;
import org.lnsim.results.run.RunColumns;

/**
 * The sweep tables on hand-made unit folders, every figure worked by hand.
 *
 * <p>Cell c00 (amount 10000, radius 2) has three replications of ten payments each: ids 0–4 of 500 sat (bucket
 * below 1k), ids 5–9 of 50,000 sat (bucket 10k–100k). Failures: r0 oracle {9}, source {7, 8, 9}; r1 oracle {8, 9},
 * source {0, 9}; r2 oracle none, source {6, 7, 8, 9}. So
 * <ul>
 *   <li>oracle success_rate 0.9, 0.8, 1.0: mean 0.9, sd √((0 + 0.01 + 0.01)/2) = 0.1, t(0.975, 2) = 4.302653,
 *       half-width 4.302653 · 0.1/√3 = 0.248414: [0.651586, 1.14841]; pooled 27 of 30, Wilson [0.743789, 0.9654];
 *       </li>
 *   <li>source 0.7, 0.8, 0.6: mean 0.7, sd 0.1, [0.451586, 0.948414]; pooled 21 of 30, Wilson [0.521242,
 *       0.833353];</li>
 *   <li>oracle's 10k–100k bucket 4/5, 3/5, 5/5 = 0.8, 0.6, 1.0: mean 0.8, sd 0.2, half-width 4.302653 · 0.2/√3 =
 *       0.496828: [0.303172, 1.29683]; pooled 12 of 15, Wilson [0.548146, 0.929525];</li>
 *   <li>success_diff_vs_source of oracle, paired by id: r0 ids 7, 8 are +1: 2/10 = 0.2; r1 id 0 +1, id 8 −1: 0;
 *       r2 ids 6–9 +1: 0.4. Mean 0.2, sd 0.2, [−0.296828, 0.696828]. Pooled: m = 30, Σd = 6, Σd² = 8, mean 0.2,
 *       var (30 · 8 − 6²)/(30 · 29) = 0.234483, sd 0.484234, t(0.975, 29) = 2.045230, half-width 2.045230 ·
 *       0.484234/√30 = 0.180816: paired [0.019184, 0.380816];</li>
 *   <li>the max-flow bound row only in r0, success 0.9000 of 10 payments: 9 recovered, Wilson 9 of 10 [0.59585,
 *       0.982124], n = 1 so no sd;</li>
 *   <li>hops_mean only in r0 (2.500) and r1 (3.000): n 2, mean 2.75, sd √(2 · 0.25²) = 0.353553; r2's summary has
 *       its columns in another order and a column the others lack, discovery_ms_p50.</li>
 * </ul>
 * Cell c01 has one replication with oracle alone: means only, no sd, no t interval, no difference.
 */
class SweepTablesTest {
    private static final List<String> AXES = List.of("workload.amount.sat", "beacon.radius");

    private static void write(Path file, String... lines) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n", lines) + "\n");
    }

    /** payments.csv rows of ten payments (ids 0–4 at 500 sat, 5–9 at 50,000 sat), failing {@code failed}. */
    private static List<String> payments(String protocol, Set<Integer> failed) {
        List<String> rows = new ArrayList<>();
        for (int id = 0; id < 10; id++) {
            rows.add(protocol + "," + id + "," + (id < 5 ? 500_000 : 50_000_000) + "," + (failed.contains(id) ? 0 : 1));
        }
        return rows;
    }

    private static void unit(Path dir, List<String> summary, List<String> payments) throws IOException {
        write(dir.resolve("summary.csv"), summary.toArray(String[]::new));
        List<String> p = new ArrayList<>();
        p.add("protocol,id,amount,is_success"); // not payments.csv's order: read by name
        p.addAll(payments);
        write(dir.resolve("payments.csv"), p.toArray(String[]::new));
    }

    private static SweepCell cell(String id, String amount, String radius) {
        LinkedHashMap<String, String> axes = new LinkedHashMap<>();
        axes.put("workload.amount.sat", amount);
        axes.put("beacon.radius", radius);
        return new SweepCell(id, axes);
    }

    private record Sweep(List<SweepCell> cells, List<SweepUnit> units) {
    }

    private static Sweep sweep(Path units) throws IOException {
        String head = "protocol,payments,success_rate,hops_mean,success_lt_1k_sat,success_10k_100k_sat";
        unit(units.resolve("c00-r0"), List.of(head,
                "source,10,0.7000,2.000,1.0000,0.4000",
                "oracle,10,0.9000,2.500,1.0000,0.8000",
                "max-flow bound,10,0.9000,,1.0000,0.8000"),
                Stream.concat(payments("source", Set.of(7, 8, 9)).stream(), payments("oracle", Set.of(9)).stream())
                        .toList());
        unit(units.resolve("c00-r1"), List.of(head,
                "source,10,0.8000,2.000,0.8000,0.8000",
                "oracle,10,0.8000,3.000,1.0000,0.6000"),
                Stream.concat(payments("source", Set.of(0, 9)).stream(), payments("oracle", Set.of(8, 9)).stream())
                        .toList());
        unit(units.resolve("c00-r2"), List.of(
                "success_rate,protocol,success_10k_100k_sat,payments,success_lt_1k_sat,discovery_ms_p50",
                "0.6000,source,0.2000,10,1.0000,0.0",
                "1.0000,oracle,1.0000,10,1.0000,12.5"),
                Stream.concat(payments("source", Set.of(6, 7, 8, 9)).stream(), payments("oracle", Set.of()).stream())
                        .toList());
        unit(units.resolve("c01-r0"), List.of(head, "oracle,10,0.9000,2.000,1.0000,0.8000"),
                payments("oracle", Set.of(9)));
        return new Sweep(List.of(cell("c00", "10000", "2"), cell("c01", "1000000", "2")), List.of(
                new SweepUnit("c00", 0, 11, units.resolve("c00-r0")),
                new SweepUnit("c00", 1, 12, units.resolve("c00-r1")),
                new SweepUnit("c00", 2, 13, units.resolve("c00-r2")),
                new SweepUnit("c01", 0, 21, units.resolve("c01-r0"))));
    }

    /** A run's own interval bounds are copied to results.csv but never averaged into aggregate.csv. */
    @Test
    void runIntervalBoundsAreNotAveraged(@TempDir Path dir) throws IOException {
        String head = "protocol,payments,success_rate,success_lt_1k_sat,success_lt_1k_sat_wilson_low";
        unit(dir.resolve("u0"), List.of(head, "source,10,0.7000,1.0000,0.7225"), payments("source", Set.of(7, 8, 9)));
        SweepTables.write(dir.resolve("s"), AXES, List.of(cell("c00", "1", "1")),
                List.of(new SweepUnit("c00", 0, 1, dir.resolve("u0"))));
        assertTrue(Files.readAllLines(dir.resolve("s/results.csv")).get(0).contains("success_lt_1k_sat_wilson_low"));
        String agg = Files.readString(dir.resolve("s/aggregate.csv"));
        assertTrue(agg.contains(",source,success_lt_1k_sat,1,"), agg);
        assertFalse(agg.contains("wilson_low,1,"), agg);
    }

    /**
     * The busiest node's load from nodes.csv, per protocol: source's nodes sent 4, 9 and 2 HTLC messages and 7, 1
     * and 3 control messages → 9 and 7 (two different nodes); oracle's 0, 5 → 5 and 0. Two replications: mean
     * (9 + 3) / 2 = 6 for source's HTLC maximum. The bound row has none; a unit without nodes.csv has no such column.
     */
    @Test
    void busiestNodeLoadIsTheMaximumOverNodesPerProtocol(@TempDir Path dir) throws IOException {
        String head = "protocol,payments,success_rate";
        for (int r = 0; r < 2; r++) {
            Path u = dir.resolve("u" + r);
            unit(u, List.of(head, "source,10,0.7000", "oracle,10,0.9000", "max-flow bound,10,0.9000"),
                    Stream.concat(payments("source", Set.of(7, 8, 9)).stream(), payments("oracle", Set.of(9))
                            .stream()).toList());
            write(u.resolve("nodes.csv"), "protocol,node,state_bytes,control_messages,control_bytes,payment_messages,"
                    + "payment_bytes", "source,0,1,7,70," + (r == 0 ? 4 : 3) + ",40", "source,1,1,1,10,"
                    + (r == 0 ? 9 : 1) + ",90", "source,2,1,3,30,2,20", "oracle,0,1,0,0,0,0", "oracle,1,1,0,0,5,50");
        }
        SweepTables.write(dir.resolve("s"), AXES, List.of(cell("c00", "1", "1")), List.of(
                new SweepUnit("c00", 0, 1, dir.resolve("u0")), new SweepUnit("c00", 1, 2, dir.resolve("u1"))));
        List<String> results = Files.readAllLines(dir.resolve("s/results.csv"));
        assertTrue(results.get(0).endsWith(",busiest_node_htlc_messages,busiest_node_control_messages,"
                + "success_diff_vs_source"), results.get(0));
        assertTrue(results.get(1).startsWith("c00,1,1,0,1,source,10,0.7000,9,7,"), results.get(1));
        assertTrue(results.get(2).startsWith("c00,1,1,0,1,oracle,10,0.9000,5,0,"), results.get(2));
        assertTrue(results.get(3).startsWith("c00,1,1,0,1,max-flow bound,10,0.9000,,,"), results.get(3));
        String agg = Files.readString(dir.resolve("s/aggregate.csv"));
        assertTrue(agg.contains(",source,busiest_node_htlc_messages,2,6,"), agg);
        assertTrue(Files.readString(dir.resolve("s/aggregate.md")).contains("| `busiest_node_htlc_messages` | count |"
                + " the busiest node's HTLC load"));
    }

    @Test
    void tablesAsWorkedByHand(@TempDir Path dir) throws IOException {
        Sweep s = sweep(dir.resolve("units"));
        Path out = dir.resolve("sweep");
        SweepTables.write(out, AXES, s.cells(), s.units());

        List<String> results = Files.readAllLines(out.resolve("results.csv"));
        assertEquals("cell,workload.amount.sat,beacon.radius,replication,seed,protocol,payments,success_rate,"
                + "hops_mean,success_lt_1k_sat,success_10k_100k_sat,discovery_ms_p50,success_diff_vs_source",
                results.get(0));
        assertEquals(1 + 3 + 2 + 2 + 1, results.size(), "one row per unit and summary row, bound row included");
        assertEquals("c00,10000,2,0,11,source,10,0.7000,2.000,1.0000,0.4000,,", results.get(1));
        assertEquals("c00,10000,2,0,11,oracle,10,0.9000,2.500,1.0000,0.8000,,0.2", results.get(2));
        assertEquals("c00,10000,2,0,11,max-flow bound,10,0.9000,,1.0000,0.8000,,", results.get(3));
        assertEquals("c00,10000,2,1,12,oracle,10,0.8000,3.000,1.0000,0.6000,,0", results.get(5));
        assertEquals("c00,10000,2,2,13,oracle,10,1.0000,,1.0000,1.0000,12.5,0.4", results.get(7));
        assertEquals("c01,1000000,2,0,21,oracle,10,0.9000,2.000,1.0000,0.8000,,", results.get(8));

        List<String> agg = Files.readAllLines(out.resolve("aggregate.csv"));
        assertEquals("cell,workload.amount.sat,beacon.radius,protocol,metric,n,mean,sd,ci95_low,ci95_high,"
                + "wilson_low,wilson_high,paired_low,paired_high", agg.get(0));
        assertTrue(agg.contains("c00,10000,2,oracle,success_rate,3,0.9,0.1,0.651586,1.14841,0.743789,0.9654,,"),
                String.join("\n", agg));
        assertTrue(agg.contains("c00,10000,2,source,success_rate,3,0.7,0.1,0.451586,0.948414,0.521242,0.833353,,"));
        assertTrue(agg.contains("c00,10000,2,oracle,success_10k_100k_sat,3,0.8,0.2,0.303172,1.29683,0.548146,"
                + "0.929525,,"));
        assertTrue(agg.contains("c00,10000,2,oracle,success_diff_vs_source,3,0.2,0.2,-0.296828,0.696828,,,"
                + "0.019184,0.380816"));
        assertTrue(agg.contains("c00,10000,2,max-flow bound,success_rate,1,0.9,,,,0.59585,0.982124,,"));
        assertTrue(agg.stream().anyMatch(l -> l.startsWith("c00,10000,2,oracle,hops_mean,2,2.75,0.353553,")));
        assertTrue(agg.contains("c00,10000,2,oracle,discovery_ms_p50,1,12.5,,,,,,,"));
        assertTrue(agg.contains("c01,1000000,2,oracle,success_rate,1,0.9,,,,0.59585,0.982124,,"));
        assertFalse(agg.stream().anyMatch(l -> l.contains("source,success_diff_vs_source")), "source has none");
        assertFalse(agg.stream().anyMatch(l -> l.contains("max-flow bound,hops_mean")), "all empty: skipped");
        assertFalse(agg.stream().anyMatch(l -> l.startsWith("c01,") && l.contains("success_diff")), "no source");
        // row order: cells, then protocols by first appearance, then metrics in column order
        List<String> order = agg.subList(1, agg.size()).stream().map(l -> l.split(",")[0] + " " + l.split(",")[3]
                + " " + l.split(",")[4]).toList();
        assertEquals(List.of("c00 source payments", "c00 source success_rate", "c00 source hops_mean",
                "c00 source success_lt_1k_sat", "c00 source success_10k_100k_sat", "c00 source discovery_ms_p50",
                "c00 oracle payments"), order.subList(0, 7));
        assertEquals("c00 max-flow bound payments", order.get(13));
        assertEquals("c01 oracle payments", order.get(17));

        String md = Files.readString(out.resolve("aggregate.md"));
        assertTrue(md.contains("\n## c00 — workload.amount.sat = 10000, beacon.radius = 2\n\nn = 3 replications: "
                + "r0 seed 11 (`../units/c00-r0`), r1 seed 12 (`../units/c00-r1`), r2 seed 13 (`../units/c00-r2`).\n"),
                md);
        assertTrue(md.contains("| metric | source | oracle | max-flow bound |\n"), md);
        assertTrue(md.contains("| success_rate | 0.7 ± 0.248414 | 0.9 ± 0.248414 | 0.9 (n = 1) |\n"), md);
        assertTrue(md.contains("| success_rate Wilson | [0.521242, 0.833353] | [0.743789, 0.9654] | [0.59585, "
                + "0.982124] |\n"), md);
        assertTrue(md.contains("| success_diff_vs_source |  | 0.2 ± 0.496828 |  |\n"), md);
        assertTrue(md.contains("| success_diff_vs_source paired |  | [0.019184, 0.380816] |  |\n"), md);
        assertTrue(md.contains("\n## c01 — workload.amount.sat = 1000000, beacon.radius = 2\n\nn = 1 replication"));
        assertTrue(md.contains("| `success_rate` | share | delivered payments / payments |\n"), md);
        assertTrue(md.contains("| `discovery_ms_p50` | ms |"), md);
        assertTrue(md.endsWith("| `paired_high` | share | mean(d) + t(0.975, m − 1)·sd(d)/√m |\n"), md);
    }

    /** Protocols' own mean columns are documented from their declarations, and only from them. */
    @Test
    void glossaryTakesProtocolColumnsFromTheirDeclarations(@TempDir Path dir) throws IOException {
        unit(dir.resolve("u"), List.of("protocol,payments,success_rate,table_requests_mean,mystery_mean",
                "beacon,10,0.9000,2.500,1.000"), payments("beacon", Set.of(9)));
        List<SweepCell> cells = List.of(cell("c00", "10000", "2"));
        List<SweepUnit> units = List.of(new SweepUnit("c00", 0, 1, dir.resolve("u")));
        SweepTables.write(dir.resolve("a"), AXES, cells, units);
        String md = Files.readString(dir.resolve("a/aggregate.md"));
        assertTrue(md.contains("| `table_requests_mean` | — | (not documented) |"), md);
        SweepTables.write(dir.resolve("b"), AXES, cells, units, List.of(new RunColumns.ProtocolColumns("beacon",
                List.of(new ColumnDoc("table_requests", "count", "table requests sent")), List.of())));
        md = Files.readString(dir.resolve("b/aggregate.md"));
        assertTrue(md.contains("| `table_requests_mean` | count | mean of table_requests: table requests sent |"), md);
        assertTrue(md.contains("| `mystery_mean` | — | (not documented) |"), md);
    }

    @Test
    void secondWriteIsByteIdenticalAndLeavesNoTemporaryFile(@TempDir Path dir) throws IOException {
        Sweep s = sweep(dir.resolve("units"));
        Path out = dir.resolve("sweep");
        SweepTables.write(out, AXES, s.cells(), s.units());
        List<byte[]> first = new ArrayList<>();
        for (String f : List.of("results.csv", "aggregate.csv", "aggregate.md")) {
            first.add(Files.readAllBytes(out.resolve(f)));
        }
        // units given out of order are put in cell then replication order
        List<SweepUnit> reversed = new ArrayList<>(s.units());
        java.util.Collections.reverse(reversed);
        SweepTables.write(out, AXES, s.cells(), reversed);
        int i = 0;
        for (String f : List.of("results.csv", "aggregate.csv", "aggregate.md")) {
            assertArrayEquals(first.get(i++), Files.readAllBytes(out.resolve(f)), f);
        }
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(Set.of("results.csv", "aggregate.csv", "aggregate.md"),
                    files.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toSet()));
        }
    }

    @Test
    void missingSummaryIsBadInputNamingTheFileAndNothingIsWritten(@TempDir Path dir) throws IOException {
        Sweep s = sweep(dir.resolve("units"));
        Files.delete(dir.resolve("units/c00-r1/summary.csv"));
        Path out = dir.resolve("sweep");
        NetworkFormatException e = assertThrows(NetworkFormatException.class,
                () -> SweepTables.write(out, AXES, s.cells(), s.units()));
        assertTrue(e.getMessage().contains("c00-r1") && e.getMessage().contains("summary.csv"), e.getMessage());
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void nonNumericValueIsBadInputNamingFileLineAndColumn(@TempDir Path dir) throws IOException {
        Sweep s = sweep(dir.resolve("units"));
        write(dir.resolve("units/c00-r1/summary.csv"),
                "protocol,payments,success_rate,hops_mean,success_lt_1k_sat,success_10k_100k_sat",
                "source,10,0.8000,2.000,0.8000,0.8000",
                "oracle,10,0.8000,three,1.0000,0.6000");
        NetworkFormatException e = assertThrows(NetworkFormatException.class,
                () -> SweepTables.write(dir.resolve("sweep"), AXES, s.cells(), s.units()));
        assertTrue(e.getMessage().contains("c00-r1") && e.getMessage().contains("summary.csv, line 3 (protocol "
                + "oracle): column 'hops_mean' is not a number: 'three'"), e.getMessage());
    }

    @Test
    void paymentsThatCannotBePairedAreBadInput(@TempDir Path dir) throws IOException {
        Sweep s = sweep(dir.resolve("units"));
        List<String> p = new ArrayList<>(payments("source", Set.of(0, 9)));
        List<String> oracle = new ArrayList<>(payments("oracle", Set.of(8, 9)));
        oracle.set(3, "oracle,33,500000,1"); // id 3 becomes 33, which source never saw
        p.addAll(oracle);
        p.add(0, "protocol,id,amount,is_success");
        write(dir.resolve("units/c00-r1/payments.csv"), p.toArray(String[]::new));
        NetworkFormatException e = assertThrows(NetworkFormatException.class,
                () -> SweepTables.write(dir.resolve("sweep"), AXES, s.cells(), s.units()));
        assertTrue(e.getMessage().contains("payment id 33 of protocol 'oracle'"), e.getMessage());
    }

    @Test
    void argumentsThatDoNotFitAreRefused(@TempDir Path dir) throws IOException {
        Sweep s = sweep(dir.resolve("units"));
        List<SweepUnit> stray = new ArrayList<>(s.units());
        stray.add(new SweepUnit("c09", 0, 1, dir.resolve("units/c01-r0")));
        assertThrows(IllegalArgumentException.class, () -> SweepTables.write(dir.resolve("o"), AXES, s.cells(), stray));
        List<SweepUnit> twice = new ArrayList<>(s.units());
        twice.add(new SweepUnit("c01", 0, 5, dir.resolve("units/c01-r0")));
        assertThrows(IllegalArgumentException.class, () -> SweepTables.write(dir.resolve("o"), AXES, s.cells(), twice));
        assertThrows(IllegalArgumentException.class, () -> SweepTables.write(dir.resolve("o"),
                List.of("beacon.radius", "workload.amount.sat"), s.cells(), s.units()));
        assertFalse(Files.exists(dir.resolve("o")));
    }

    /** An axis value holding a comma is quoted in both CSVs (RFC 4180) and shown as is in the Markdown heading. */
    @Test
    void axisValuesAreQuotedWhereNeeded(@TempDir Path dir) throws IOException {
        unit(dir.resolve("u"), List.of("protocol,payments,success_rate", "oracle,10,0.9000"),
                payments("oracle", Set.of(9)));
        SweepTables.write(dir.resolve("o"), AXES, List.of(cell("c00", "10000", "[1, 2]")),
                List.of(new SweepUnit("c00", 0, 7, dir.resolve("u"))));
        assertEquals("c00,10000,\"[1, 2]\",0,7,oracle,10,0.9000,", Files.readAllLines(dir.resolve("o/results.csv"))
                .get(1));
        assertEquals("c00,10000,\"[1, 2]\",oracle,payments,1,10,,,,,,,", Files.readAllLines(
                dir.resolve("o/aggregate.csv")).get(1));
        assertTrue(Files.readString(dir.resolve("o/aggregate.md")).contains("## c00 — workload.amount.sat = 10000, "
                + "beacon.radius = [1, 2]\n"));
    }
}
