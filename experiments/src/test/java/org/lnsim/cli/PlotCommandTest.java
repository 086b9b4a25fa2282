package org.lnsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotCommandTest {
    @TempDir
    Path dir;

    private static RouteCommandTest.Run run(String... args) {
        return RouteCommandTest.run(args);
    }

    private static void write(Path file, String... lines) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n", lines) + "\n");
    }

    /** One axis (amount), two cells, one protocol, one unit each holding only the columns the figures read. */
    private Path sweep() throws IOException {
        Path s = dir.resolve("sweep");
        write(s.resolve("cells.csv"), "cell,workload.amount.sat", "c00,1000", "c01,10000");
        write(s.resolve("aggregate.csv"), "cell,workload.amount.sat,protocol,metric,n,mean,sd,ci95_low,ci95_high,"
                        + "wilson_low,wilson_high,paired_low,paired_high",
                "c00,1000,source,success_rate,2,0.9,0.1,0.8,1.0,,,,", "c01,10000,source,success_rate,2,0.5,0.1,0.4,"
                        + "0.6,,,,", "c00,1000,source,fee_ppm_p50,2,10,1,9,11,,,,",
                "c01,10000,source,fee_ppm_p50,2,20,1,19,21,,,,");
        for (String cell : List.of("c00", "c01")) {
            Path u = s.resolve("units/" + cell + "-r1");
            write(u.resolve("payments.csv"), "protocol,start_time,end_time,is_success", "source,0,12,1",
                    "source,3,9,1");
            write(u.resolve("nodes.csv"), "protocol,node,control_messages,control_bytes,payment_messages,"
                    + "payment_bytes", "source,0,5,500,1,100", "source,1,3,300,1,100");
            write(u.resolve("node_state.csv"), "protocol,node,state_bytes", "source,0,100", "source,1,300");
        }
        return s;
    }

    @Test
    void drawsEveryFigureIntoDirFiguresAndListsTheFiles() throws IOException {
        Path s = sweep();
        RouteCommandTest.Run r = run("plot", s.toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        // success and fee against the amount, and four per-cell figures for each of the two cells: 10 x (png, svg)
        assertEquals(20, lines.size(), r.out());
        assertTrue(lines.contains(s.resolve("figures/success-vs-workload.amount.sat.svg").toString()), r.out());
        assertTrue(lines.contains(s.resolve("figures/state-cdf-c01.png").toString()), r.out());
        for (String f : lines) {
            assertTrue(Files.size(Path.of(f)) > 0, f);
        }
    }

    @Test
    void aConfigsPlotsSectionChoosesTheFigures() throws IOException {
        Path s = sweep();
        Path cfg = dir.resolve("sweep.yaml");
        write(cfg, "name: x", "plots:", "  - {figure: fee, x: workload.amount.sat}", "  - {figure: latency_cdf, "
                + "cell: c01}");
        Path figs = dir.resolve("figs");
        RouteCommandTest.Run r = run("plot", s.toString(), "--out", figs.toString(), "--config", cfg.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of(figs.resolve("fee-vs-workload.amount.sat.png").toString(),
                figs.resolve("fee-vs-workload.amount.sat.svg").toString(),
                figs.resolve("latency-cdf-c01.png").toString(), figs.resolve("latency-cdf-c01.svg").toString()),
                r.out().lines().toList());
    }

    @Test
    void badInputExitsWithTwo() throws IOException {
        // a run folder is not a sweep folder
        write(dir.resolve("run/summary.csv"), "protocol,payments");
        RouteCommandTest.Run r = run("plot", dir.resolve("run").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("not a sweep folder: no cells.csv"), r.err());
        assertFalse(Files.exists(dir.resolve("run/figures")));
        // a plots: entry naming an axis the sweep does not have, and one naming a cell it does not have
        Path s = sweep();
        Path cfg = dir.resolve("bad.yaml");
        write(cfg, "plots:", "  - {figure: success}", "  - {figure: fee, x: beacon.radius}");
        r = run("plot", s.toString(), "--config", cfg.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains(cfg + ": plots[1]: x: 'beacon.radius' is not an axis"), r.err());
        write(cfg, "plots:", "  - {figure: state_cdf, cell: c07}");
        r = run("plot", s.toString(), "--config", cfg.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains(cfg + ": plots[0]: cell: 'c07' is not a cell"), r.err());
        assertFalse(Files.exists(s.resolve("figures")), "nothing written"); // checked before any file
    }
}
