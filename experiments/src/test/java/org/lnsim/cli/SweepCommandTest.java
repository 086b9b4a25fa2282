package org.lnsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lnsim sweep} and {@code lnsim reproduce} from the command line: listings, bad input (exit 2), --check. */
class SweepCommandTest {
    @TempDir
    Path dir;

    static final String SWEEP = """
            seed: 2
            network: {generate: {channels: 1000, max_channels: 100}}
            workload: {payments: 30, rate_per_s: 10, amount: {distribution: fixed, sat: 10000}}
            protocols: [{name: source}, {name: beacon, radius: 1, beacons: 2}]
            sweep:
              workload.amount.sat: [1000, 100000]
              beacon.radius: [1, 2]
            replications: 2
            """;

    private Path file(String name, String text) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    /** --list prints every cell with its id, axis values, resolved keys and replication seeds; nothing is written. */
    @Test
    void listPrintsCellsWithResolvedSettingsAndRunsNothing() throws Exception {
        Path f = file("s.yaml", SWEEP);
        RouteCommandTest.Run r = RouteCommandTest.run("sweep", f.toString(), "--list", "--out",
                dir.resolve("o").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("4 cells × 2 replications = 8 units"), r.out());
        assertTrue(r.out().contains("c03  workload.amount.sat=100000  beacon.radius=2"), r.out());
        assertTrue(r.out().contains("resolved workload.amount.sat=100000.0  protocols.1.radius=2"), r.out());
        assertFalse(Files.exists(dir.resolve("o")));
    }

    /** Bad sweeps exit 2 naming the key or cell, with nothing written. */
    @Test
    void badSweepsExitTwoNamingTheKeyAndWriteNothing() throws Exception {
        String[][] cases = {
            {SWEEP.replace("beacon.radius: [1, 2]", "beacon.radius: []"), "sweep.beacon.radius"},
            {SWEEP.replace("beacon.radius: [1, 2]", "becon.radius: [1, 2]"), "sweep.becon.radius"},
            {SWEEP.replace("beacon.radius: [1, 2]", "beacon.radius: [1, x]"), "cell c01"},
        };
        for (String[] c : cases) {
            Path f = file("bad.yaml", c[0]);
            Path out = dir.resolve("bad-out");
            RouteCommandTest.Run r = RouteCommandTest.run("sweep", f.toString(), "--out", out.toString(), "--quiet");
            assertEquals(2, r.code(), r.err());
            assertTrue(r.err().contains(c[1]), r.err());
            assertFalse(Files.exists(out));
        }
        Path f = file("s.yaml", SWEEP);
        RouteCommandTest.Run many = RouteCommandTest.run("sweep", f.toString(), "--max-units", "5", "--out",
                dir.resolve("m").toString());
        assertEquals(2, many.code());
        assertTrue(many.err().contains("more than 5 units") && many.err().contains("--yes"), many.err());
        RouteCommandTest.Run single = RouteCommandTest.run("run", f.toString(), "--out", dir.resolve("r").toString());
        assertEquals(2, single.code());
        assertTrue(single.err().contains("lnsim sweep"), single.err());
    }

    /**
     * reproduce: --list names each recipe with its minutes; a rebuilt table equal to the committed one passes
     * --check (exit 0), a changed one exits 1 printing a unified diff; a recipe with an unknown key exits 2; a table
     * built --from-sweep over a sweep run apart in shards is identical, and a sweep of other settings is refused.
     */
    @Test
    void reproduceRebuildsChecksAndDiffs() throws Exception {
        Path tables = dir.resolve("repo/results/tables");
        Files.createDirectories(tables);
        Files.writeString(dir.resolve("repo/exp.yaml"), SWEEP.substring(0, SWEEP.indexOf("sweep:")));
        Files.writeString(tables.resolve("tiny.yaml"), """
                title: A tiny table
                minutes: 0.5
                parts:
                  - text: Two amounts.
                  - experiment: exp.yaml
                    each: {workload.amount.sat: [1000, 2000]}
                    heading: "## {value} sat"
                    table: summary-body
                """);
        RouteCommandTest.Run list = RouteCommandTest.run("reproduce", "--list", "--tables", tables.toString());
        assertEquals(0, list.code(), list.err());
        assertTrue(list.out().contains("tiny") && list.out().contains("0.5 min") && list.out().contains("not "
                + "committed yet"), list.out());
        RouteCommandTest.Run build = RouteCommandTest.run("reproduce", "tiny", "--tables", tables.toString());
        assertEquals(0, build.code(), build.err());
        String md = Files.readString(tables.resolve("tiny.md"));
        assertTrue(md.startsWith("# A tiny table\n\nRegenerate: `./lnsim reproduce tiny`"), md);
        assertTrue(md.contains("\n## 1000 sat\n\n| protocol |") && md.contains("\n## 2000 sat\n\n| protocol |"), md);
        RouteCommandTest.Run same = RouteCommandTest.run("reproduce", "tiny", "--check", "--tables",
                tables.toString());
        assertEquals(0, same.code(), same.err());
        Files.writeString(tables.resolve("tiny.md"), md.replace("Two amounts.", "Three amounts."));
        RouteCommandTest.Run differs = RouteCommandTest.run("reproduce", "tiny", "--check", "--tables",
                tables.toString());
        assertEquals(1, differs.code(), differs.err());
        assertTrue(differs.out().contains("-Three amounts.") && differs.out().contains("+Two amounts."),
                differs.out());
        assertEquals(md.replace("Two amounts.", "Three amounts."), Files.readString(tables.resolve("tiny.md")),
                "--check writes nothing");
        // a sweep file with its own axes, replications and plots, shown as an aggregate table with its figures
        Files.writeString(dir.resolve("repo/agg.yaml"), SWEEP.replace("workload.amount.sat: [1000, 100000]\n", "")
                + "plots: [{figure: state_cdf}]\n");
        Files.writeString(tables.resolve("agg.yaml"), """
                title: Aggregates
                minutes: 1
                parts:
                  - experiment: agg.yaml
                    table: aggregate
                    metrics: [success_rate, success_diff_vs_source]
                    figures: agg
                """);
        RouteCommandTest.Run agg = RouteCommandTest.run("reproduce", "agg", "--tables", tables.toString());
        assertEquals(0, agg.code(), agg.err());
        String aggMd = Files.readString(tables.resolve("agg.md"));
        assertTrue(aggMd.contains("## c01 — beacon.radius = 2\n\nn = 2 replications")
                && aggMd.contains("| protocol | success_rate | success_diff_vs_source |")
                && aggMd.contains("- `success_rate` (share): "), aggMd);
        assertTrue(java.util.regex.Pattern.compile("\\| source \\| [0-9.]+ ± [0-9.]+ \\|").matcher(aggMd).find(),
                aggMd);
        assertTrue(Files.size(dir.resolve("repo/results/figures/agg/state-cdf-c00.svg")) > 0);
        // the same table from a sweep run apart (as on a cluster), in shards, merged: --check finds it identical
        Path apart = dir.resolve("apart");
        for (String shard : new String[] {"0/2", "1/2"}) {
            RouteCommandTest.Run s = RouteCommandTest.run("sweep", dir.resolve("repo/agg.yaml").toString(), "--out",
                    apart.toString(), "--shard", shard, "--quiet");
            assertEquals(0, s.code(), s.err());
        }
        RouteCommandTest.Run from = RouteCommandTest.run("reproduce", "agg", "--check", "--from-sweep",
                apart.toString(), "--tables", tables.toString());
        assertEquals(0, from.code(), from.out() + from.err());
        RouteCommandTest.Run other = RouteCommandTest.run("reproduce", "tiny", "--check", "--from-sweep",
                apart.toString(), "--tables", tables.toString());
        assertEquals(2, other.code(), other.err());
        assertTrue(other.err().contains("are not the units of"), other.err());
        assertTrue(Files.isDirectory(apart.resolve("units/c00-r0")), "the sweep's units stay where they were");
        Files.writeString(tables.resolve("bad.yaml"), "title: x\nminutes: 1\nparts: [{text: a, colour: red}]\n");
        RouteCommandTest.Run bad = RouteCommandTest.run("reproduce", "--list", "--tables", tables.toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("bad.yaml") && bad.err().contains("parts.0.colour"), bad.err());
    }
}
