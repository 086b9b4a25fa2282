package org.lnsim.results.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.lnsim.network.io.NetworkFormatException;

/**
 * The figures of a hand-made sweep folder: two cells (amount 1,000 and 100,000 sat, radius 2 in both), protocols
 * {@code source} (two replications in c00) and {@code beacon}, files holding only the columns the figures read. Every
 * expected number is worked out by hand in the comments.
 */
class SweepPlotsTest {
    @TempDir
    Path dir;

    private static final double EPS = 1e-12;
    private static final String AGG_HEADER = "cell,workload.amount.sat,beacon.radius,protocol,metric,n,mean,sd,"
            + "ci95_low,ci95_high,wilson_low,wilson_high,paired_low,paired_high";

    static void write(Path file, String... lines) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n", lines) + "\n");
    }

    /** The two-cell sweep folder described in the class comment. */
    static Path sweep(Path dir) throws IOException {
        write(dir.resolve("cells.csv"), "cell,workload.amount.sat,beacon.radius", "c00,1000,2", "c01,100000,2");
        write(dir.resolve("aggregate.csv"), AGG_HEADER,
                // success: source symmetric ci95; beacon n = 1, Wilson only
                "c00,1000,2,source,success_rate,2,0.9,0.05,0.8,1.0,0.7,0.97,,",
                "c00,1000,2,beacon,success_rate,1,0.5,,,,0.3,0.8,,",
                "c01,100000,2,source,success_rate,2,0.7,0.1,0.6,0.8,0.5,0.85,,",
                "c01,100000,2,beacon,success_rate,1,0.4,,,,0.2,0.6,,",
                "c00,1000,2,source,fee_ppm_p50,2,100,10,90,110,,,,",
                "c00,1000,2,beacon,fee_ppm_p50,1,200,,,,,,,",
                "c01,100000,2,source,fee_ppm_p50,2,150,10,140,160,,,,",
                "c01,100000,2,beacon,fee_ppm_p50,1,250,,,,,,,");
        Path u = dir.resolve("units");
        write(u.resolve("c00-r1/payments.csv"), "protocol,start_time,end_time,is_success",
                "source,0,30,1", "source,10,25,1", "beacon,0,50,1", "beacon,5,100,0");
        write(u.resolve("c00-r2/payments.csv"), "protocol,start_time,end_time,is_success",
                "source,0,15,1", "source,0,45,1", "beacon,0,20,1");
        write(u.resolve("c01-r1/payments.csv"), "protocol,start_time,end_time,is_success",
                "source,0,10,1", "beacon,0,40,0");
        write(u.resolve("c00-r1/nodes.csv"), "protocol,node,control_messages,control_bytes,payment_messages,"
                + "payment_bytes", "source,0,10,1000,2,200", "source,1,20,2000,4,400", "beacon,0,1,100,2,200",
                "beacon,1,0,0,0,0");
        write(u.resolve("c00-r2/nodes.csv"), "protocol,node,control_messages,control_bytes,payment_messages,"
                + "payment_bytes", "source,0,30,3000,0,0", "beacon,0,5,500,1,100");
        write(u.resolve("c01-r1/nodes.csv"), "protocol,node,control_messages,control_bytes,payment_messages,"
                + "payment_bytes", "source,0,1,10,1,10", "beacon,0,1,10,0,0");
        write(u.resolve("c00-r1/node_state.csv"), "protocol,node,state_bytes", "source,0,1000", "source,1,1000",
                "beacon,0,0", "beacon,1,50");
        write(u.resolve("c00-r2/node_state.csv"), "protocol,node,state_bytes", "source,0,4000", "beacon,0,200");
        write(u.resolve("c01-r1/node_state.csv"), "protocol,node,state_bytes", "source,0,100", "beacon,0,10");
        return dir;
    }

    @Test
    void successSeriesAreTheAggregateMeansWithIntervalHalfWidths() throws IOException {
        SweepFolder s = SweepFolder.read(sweep(dir));
        assertEquals("workload.amount.sat", SweepPlots.defaultAxis(s).orElseThrow());
        FigureData f = SweepPlots.success(s, "workload.amount.sat");
        assertEquals("success-vs-workload.amount.sat", f.name());
        assertEquals(2, f.series().size());
        FigureData.Series src = f.series().get(0);
        assertEquals("source", src.name()); // radius is the same in both cells: no "radius=" in the label
        assertArrayEquals(new double[] {1000, 100000}, src.x(), EPS);
        assertArrayEquals(new double[] {0.9, 0.7}, src.y(), EPS);
        // ci95 (n = 2) symmetric: (1.0 - 0.8) / 2 = 0.1 and (0.8 - 0.6) / 2 = 0.1 (Wilson ignored)
        assertArrayEquals(new double[] {0.1, 0.1}, src.error(), EPS);
        FigureData.Series b = f.series().get(1);
        assertEquals("beacon", b.name());
        assertArrayEquals(new double[] {0.5, 0.4}, b.y(), EPS);
        // n = 1: Wilson. c00 [0.3, 0.8] around 0.5 is asymmetric (0.2 below, 0.3 above): the longer side, 0.3;
        // c01 [0.2, 0.6] around 0.4 is symmetric: (0.6 - 0.2) / 2 = 0.2
        assertArrayEquals(new double[] {0.3, 0.2}, b.error(), EPS);
        // 100,000 / 1,000 = 100 >= 100: log x
        assertTrue(f.logX());
        XYChart chart = (XYChart) f.chart();
        assertTrue(chart.getStyler().isXAxisLogarithmic());
        assertFalse(chart.getStyler().isYAxisLogarithmic());
        assertEquals("workload.amount (sat)", chart.getXAxisTitle());
        assertEquals(java.util.Locale.ROOT, chart.getStyler().getLocale()); // tick labels independent of the machine
    }

    @Test
    void feeErrorBarsOnlyWhereThereAreTwoReplications() throws IOException {
        FigureData f = SweepPlots.fee(SweepFolder.read(sweep(dir)), "workload.amount.sat");
        assertEquals("fee-vs-workload.amount.sat", f.name());
        assertArrayEquals(new double[] {100, 150}, f.series().get(0).y(), EPS);
        assertArrayEquals(new double[] {10, 10}, f.series().get(0).error(), EPS); // (110-90)/2, (160-140)/2
        assertArrayEquals(new double[] {200, 250}, f.series().get(1).y(), EPS);
        assertNull(f.series().get(1).error()); // beacon n = 1 in both cells: no ci95, no bars
        assertTrue(f.yTitle().contains("ppm"));
    }

    @Test
    void latencyCdfIsTheSortedPooledLatenciesOfSuccessfulPayments() throws IOException {
        SweepFolder s = SweepFolder.read(sweep(dir));
        FigureData f = SweepPlots.latencyCdf(s, "c00");
        assertEquals("latency-cdf-c00", f.name());
        assertEquals(FigureData.Kind.STEPS, f.kind());
        // source over r1 and r2: 30-0, 25-10, 15-0, 45-0 = 30, 15, 15, 45 -> sorted 15, 15, 30, 45:
        // the rise starts at (15, 0); then 15 -> 2/4, 30 -> 3/4, 45 -> 4/4 (equal values give one point, at their
        // cumulative share)
        assertArrayEquals(new double[] {15, 15, 30, 45}, f.series().get(0).x(), EPS);
        assertArrayEquals(new double[] {0, 0.5, 0.75, 1.0}, f.series().get(0).y(), EPS);
        // beacon: 50-0 and 20-0 (the failed one left out) -> (20, 0), 20 -> 1/2, 50 -> 2/2
        assertArrayEquals(new double[] {20, 20, 50}, f.series().get(1).x(), EPS);
        assertArrayEquals(new double[] {0, 0.5, 1.0}, f.series().get(1).y(), EPS);
        assertFalse(f.logX());
        // c01: beacon has no successful payment, so only source's series: (10, 0), 10 -> 1 (a vertical line)
        FigureData c01 = SweepPlots.latencyCdf(s, "c01");
        assertEquals(1, c01.series().size());
        assertArrayEquals(new double[] {10, 10}, c01.series().get(0).x(), EPS);
        assertArrayEquals(new double[] {0, 1}, c01.series().get(0).y(), EPS);
    }

    @Test
    void perNodeBarsAreMeansOverNodesPooledOverUnitsOnALogAxis() throws IOException {
        SweepFolder s = SweepFolder.read(sweep(dir));
        FigureData m = SweepPlots.perNode(s, "c00", false);
        assertEquals("messages-per-node-c00", m.name());
        assertEquals(List.of("source", "beacon"), m.categories());
        // source: (10+2), (20+4), (30+0) -> (12 + 24 + 30) / 3 = 22; beacon: (1+2), (0+0), (5+1) -> 9 / 3 = 3
        assertArrayEquals(new double[] {22, 3}, m.series().get(0).y(), EPS);
        FigureData b = SweepPlots.perNode(s, "c00", true);
        assertEquals("bytes-per-node-c00", b.name());
        // source: 1200, 2400, 3000 -> 2200; beacon: 300, 0, 600 -> 300
        assertArrayEquals(new double[] {2200, 300}, b.series().get(0).y(), EPS);
        assertTrue(m.logY() && b.logY());
        assertEquals("protocol", m.xTitle()); // nothing left out
        CategoryChart chart = (CategoryChart) b.chart();
        assertTrue(chart.getStyler().isYAxisLogarithmic());
        // c01: beacon sent 1 + 0 messages from its one node -> 1; source 1 + 1 = 2
        assertArrayEquals(new double[] {2, 1}, SweepPlots.perNode(s, "c01", false).series().get(0).y(), EPS);
    }

    @Test
    void stateCdfHasALogXAxisAndCountsZeroStateWithoutDrawingIt() throws IOException {
        FigureData f = SweepPlots.stateCdf(SweepFolder.read(sweep(dir)), "c00");
        assertEquals("state-cdf-c00", f.name());
        // source 1000, 1000, 4000 -> (1000, 0), 1000 -> 2/3, 4000 -> 1
        assertArrayEquals(new double[] {1000, 1000, 4000}, f.series().get(0).x(), EPS);
        assertArrayEquals(new double[] {0, 2.0 / 3, 1.0}, f.series().get(0).y(), EPS);
        // beacon 0, 50, 200 -> 0 counted but not drawn: the rise at 50 starts from 1/3; 50 -> 2/3, 200 -> 1
        assertArrayEquals(new double[] {50, 50, 200}, f.series().get(1).x(), EPS);
        assertArrayEquals(new double[] {1.0 / 3, 2.0 / 3, 1.0}, f.series().get(1).y(), EPS);
        assertTrue(f.logX());
        assertTrue(f.xTitle().endsWith("; at 0, not drawn: beacon 33%"), f.xTitle()); // 1 of 3 nodes
        assertTrue(((XYChart) f.chart()).getStyler().isXAxisLogarithmic());
    }

    @Test
    void aLongCdfIsThinnedToExactPoints() {
        List<Double> v = new ArrayList<>();
        for (int i = 1; i <= 10_000; i++) {
            v.add((double) i);
        }
        double[][] p = SweepPlots.ecdf(v, false);
        assertTrue(p[0].length <= SweepPlots.MAX_CDF_POINTS + 2, "points " + p[0].length);
        assertEquals(1, p[0][0], EPS); // the rise from 0 at the first value
        assertEquals(0, p[1][0], EPS);
        for (int i = 1; i < p[0].length; i++) {
            assertEquals(p[0][i] / 10_000, p[1][i], EPS); // value k has share k/10,000 exactly
        }
        assertEquals(1.0, p[1][p[1].length - 1], EPS);
    }

    @Test
    void otherAxesGiveOneSeriesPerProtocolAndValue() throws IOException {
        // radius first, amount second: the default x is still the amount axis
        write(dir.resolve("cells.csv"), "cell,beacon.radius,workload.amount.sat", "c00,1,2000", "c01,1,1000",
                "c02,2,1000", "c03,2,2000");
        write(dir.resolve("aggregate.csv"), "cell,beacon.radius,workload.amount.sat,protocol,metric,n,mean,sd,"
                        + "ci95_low,ci95_high,wilson_low,wilson_high,paired_low,paired_high",
                "c00,1,2000,beacon,success_rate,1,0.6,,,,,,,", "c01,1,1000,beacon,success_rate,1,0.8,,,,,,,",
                "c02,2,1000,beacon,success_rate,1,0.9,,,,,,,", "c03,2,2000,beacon,success_rate,1,0.7,,,,,,,");
        SweepFolder s = SweepFolder.read(dir);
        assertEquals("workload.amount.sat", SweepPlots.defaultAxis(s).orElseThrow());
        FigureData f = SweepPlots.success(s, "workload.amount.sat");
        assertEquals(List.of("beacon radius=1", "beacon radius=2"), f.series().stream()
                .map(FigureData.Series::name).toList());
        // points sorted by amount: radius 1 is c01 (1000, 0.8) then c00 (2000, 0.6)
        assertArrayEquals(new double[] {1000, 2000}, f.series().get(0).x(), EPS);
        assertArrayEquals(new double[] {0.8, 0.6}, f.series().get(0).y(), EPS);
        assertArrayEquals(new double[] {0.9, 0.7}, f.series().get(1).y(), EPS);
        assertNull(f.series().get(0).error()); // no interval at all
        assertFalse(f.logX()); // 2000 / 1000 = 2 < 100
    }

    @Test
    void drawWritesEveryFigureAsPngAndSvgAndRedrawsTheSameBytes() throws IOException {
        Path sweep = sweep(dir.resolve("sweep"));
        Path figs = dir.resolve("figs");
        List<Path> files = SweepPlots.draw(sweep, List.of(), figs);
        List<String> names = files.stream().map(p -> p.getFileName().toString()).toList();
        List<String> expected = new ArrayList<>();
        for (String stem : List.of("success-vs-workload.amount.sat", "fee-vs-workload.amount.sat",
                "latency-cdf-c00", "latency-cdf-c01", "messages-per-node-c00", "messages-per-node-c01",
                "bytes-per-node-c00", "bytes-per-node-c01", "state-cdf-c00", "state-cdf-c01")) {
            expected.add(stem + ".png");
            expected.add(stem + ".svg");
        }
        assertEquals(expected, names);
        for (Path p : files) {
            assertTrue(Files.size(p) > 0, p.toString());
        }
        byte[] png = Files.readAllBytes(figs.resolve("state-cdf-c00.png"));
        assertEquals((byte) 0x89, png[0]); // PNG signature
        assertTrue(Files.readString(figs.resolve("state-cdf-c00.svg")).contains("<svg"));
        try (var list = Files.list(figs)) {
            assertEquals(expected.size(), list.count()); // no temporary file left
        }
        // a rerun into another folder: PNG and SVG byte-identical
        Path again = dir.resolve("again");
        SweepPlots.draw(sweep, List.of(), again);
        for (String n : expected) {
            assertArrayEquals(Files.readAllBytes(figs.resolve(n)), Files.readAllBytes(again.resolve(n)), n);
        }
    }

    @Test
    void specsChooseFiguresAndCells() throws IOException {
        Path sweep = sweep(dir.resolve("sweep"));
        List<PlotSpec> specs = PlotSpec.parse(new ObjectMapper().readTree(
                "[{\"figure\": \"success\", \"x\": \"workload.amount.sat\"}, {\"figure\": \"latency_cdf\", "
                        + "\"cell\": \"c01\"}, {\"figure\": \"bytes_per_node\"}]"), "x.yaml");
        List<String> names = SweepPlots.figures(SweepFolder.read(sweep), specs).stream().map(FigureData::name)
                .toList();
        assertEquals(List.of("success-vs-workload.amount.sat", "latency-cdf-c01", "bytes-per-node-c00",
                "bytes-per-node-c01"), names);
    }

    @Test
    void perCellFiguresWithoutACellStopAtTwelveCells() throws IOException {
        List<String> cells = new ArrayList<>(List.of("cell,workload.amount.sat"));
        for (int i = 0; i < 13; i++) {
            String c = String.format("c%02d", i);
            cells.add(c + "," + (i + 1));
            write(dir.resolve("units/" + c + "-r1/node_state.csv"), "protocol,node,state_bytes", "source,0," + (i + 1));
        }
        write(dir.resolve("cells.csv"), cells.toArray(String[]::new));
        write(dir.resolve("aggregate.csv"), "cell,workload.amount.sat,protocol,metric,n,mean,sd,ci95_low,ci95_high,"
                + "wilson_low,wilson_high,paired_low,paired_high");
        SweepFolder s = SweepFolder.read(dir);
        List<String> names = SweepPlots.figures(s, List.of(PlotSpec.of(PlotSpec.Figure.STATE_CDF))).stream()
                .map(FigureData::name).toList();
        assertEquals(SweepPlots.MAX_CELLS, names.size());
        assertEquals("state-cdf-c11", names.get(11));
        // the thirteenth only when named
        assertEquals("state-cdf-c12", SweepPlots.figures(s, List.of(new PlotSpec(PlotSpec.Figure.STATE_CDF, null,
                "c12", "t"))).get(0).name());
    }

    @Test
    void specsThatDoNotFitTheSweepNameTheEntryAndKey() throws IOException {
        SweepFolder s = SweepFolder.read(sweep(dir));
        PlotSpecException e = assertThrows(PlotSpecException.class, () -> SweepPlots.figures(s,
                PlotSpec.parse(new ObjectMapper().readTree("[{\"figure\": \"fee\"}, {\"figure\": \"state_cdf\", "
                        + "\"cell\": \"c09\"}]"), "exp.yaml")));
        assertTrue(e.getMessage().startsWith("exp.yaml: plots[1]: cell: 'c09' is not a cell"), e.getMessage());
        // beacon.radius is an axis, but not numeric once a cell says "auto"
        write(dir.resolve("cells.csv"), "cell,workload.amount.sat,beacon.radius", "c00,1000,2", "c01,100000,auto");
        SweepFolder t = SweepFolder.read(dir);
        e = assertThrows(PlotSpecException.class, () -> SweepPlots.figures(t, PlotSpec.parse(new ObjectMapper()
                .readTree("[{\"figure\": \"success\", \"x\": \"beacon.radius\"}]"), "exp.yaml")));
        assertTrue(e.getMessage().startsWith("exp.yaml: plots[0]: x: axis 'beacon.radius' is not numeric"),
                e.getMessage());
    }

    @Test
    void aFolderThatIsNotASweepIsBadInput() throws IOException {
        write(dir.resolve("summary.csv"), "protocol,payments");
        NetworkFormatException e = assertThrows(NetworkFormatException.class, () -> SweepFolder.read(dir));
        assertTrue(e.getMessage().contains("not a sweep folder: no cells.csv"), e.getMessage());
        assertInstanceOf(NetworkFormatException.class, assertThrows(IOException.class,
                () -> SweepPlots.draw(dir.resolve("nothing"), List.of(), dir.resolve("f"))));
    }
}
