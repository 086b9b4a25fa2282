package org.lnsim.experiments.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lnsim.experiments.ExperimentRunner;
import org.lnsim.network.io.OutputRefusedException;

class SweepRunnerTest {
    /** Two cells × two replications on one network, with beacon (whose beacon paths are shared work). */
    static final String SWEEP = """
            seed: 5
            network: {generate: {channels: 1000, max_channels: 100}}
            workload: {payments: 60, rate_per_s: 10, amount: {distribution: lognormal, median_sat: 10000, sigma: 1}}
            protocols:
              - name: source
              - {name: beacon, radius: 1, beacons: 3}
            sweep:
              beacon.radius: [1, 2]
            replications: 2
            """;

    static final SweepRunner.Options ONE = new SweepRunner.Options(1, false, true, "lnsim test");

    static void run(SweepPlan plan, Path dir, SweepRunner.Options o) throws Exception {
        SweepRunner.run(plan, dir, o, SweepRunner.Listener.NONE, new SweepTablesStep());
    }

    /** Every file under {@code dir} but the wall-clock ones, by relative path. */
    static TreeMap<String, byte[]> files(Path dir) throws IOException {
        TreeMap<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String name = dir.relativize(p).toString();
                if (!name.endsWith("timings.csv") && !name.equals(".lock")) {
                    out.put(name, Files.readAllBytes(p));
                }
            }
        }
        return out;
    }

    static void assertSameFiles(TreeMap<String, byte[]> a, TreeMap<String, byte[]> b) {
        assertEquals(a.keySet(), b.keySet());
        a.forEach((k, v) -> assertArrayEquals(v, b.get(k), k));
    }

    /**
     * Sharing changes no byte: each unit's files equal those of the same settings run alone (own network, own shared
     * work), but for the manifest's config_source line; and the sweep's outputs do not depend on --threads.
     */
    @Test
    void sharedNetworkAndSetUpChangeNoByteAndThreadsChangeNothing(@TempDir Path tmp) throws Exception {
        SweepPlan plan = SweepPlanTest.plan(SWEEP);
        run(plan, tmp.resolve("one"), ONE);
        run(plan, tmp.resolve("two"), new SweepRunner.Options(2, false, true, "lnsim test"));
        TreeMap<String, byte[]> one = files(tmp.resolve("one"));
        assertSameFiles(one, files(tmp.resolve("two")));
        assertEquals(4, plan.units().size());
        for (SweepPlan.Unit u : plan.units()) {
            Path alone = tmp.resolve("alone-" + u.id());
            Files.createDirectories(alone);
            ExperimentRunner.run(u.settings(), plan.baseDir(), true, 1, ExperimentRunner.Progress.NONE)
                    .write(alone, u.settings(), plan.source() + ", unit " + u.id(), "lnsim test");
            TreeMap<String, byte[]> standalone = files(alone);
            assertFalse(standalone.isEmpty());
            for (var e : standalone.entrySet()) {
                String swept = new String(one.get("units/" + u.id() + "/" + e.getKey()));
                assertEquals(new String(e.getValue()), swept, u.id() + "/" + e.getKey());
            }
        }
        assertTrue(new String(one.get("units/c00-r0/manifest.json")).contains("\"invariants_checked\" : true"));
        String cells = Files.readString(tmp.resolve("one/cells.csv"));
        assertEquals("cell,beacon.radius\nc00,1\nc01,2\n", cells);
    }

    /**
     * Resume: a unit left as a temporary folder (a killed sweep) and a missing unit are redone, done units skipped,
     * and the result equals an uninterrupted run; a changed setting is refused naming the unit and the key, and
     * rerun with force; a folder holding foreign files is refused before any work.
     */
    @Test
    void resumeRedoesOnlyWhatIsMissingAndRefusesChangedSettings(@TempDir Path tmp) throws Exception {
        SweepPlan plan = SweepPlanTest.plan(SWEEP);
        Path dir = tmp.resolve("s");
        run(plan, dir, ONE);
        TreeMap<String, byte[]> whole = files(dir);
        org.lnsim.network.io.AtomicFolder.deleteTree(dir.resolve("units/c01-r1"));
        Files.createDirectories(dir.resolve("units/.c01-r1.tmp"));
        Files.writeString(dir.resolve("units/.c01-r1.tmp/payments.csv"), "half");
        List<String> ran = new ArrayList<>();
        SweepRunner.run(plan, dir, ONE, new SweepRunner.Listener() {
            @Override
            public void started(SweepPlan.Unit unit) {
                ran.add(unit.id());
            }
        }, new SweepTablesStep());
        assertEquals(List.of("c01-r1"), ran);
        assertSameFiles(whole, files(dir));
        assertTrue(Files.readString(dir.resolve("unit_timings.csv")).contains("c00-r0,c00,0,done earlier,"));

        SweepPlan changed = SweepPlanTest.plan(SWEEP.replace("payments: 60", "payments: 61"));
        OutputRefusedException e = assertThrows(OutputRefusedException.class, () -> run(changed, dir, ONE));
        assertTrue(e.getMessage().contains("unit c00-r0") && e.getMessage().contains("workload.payments: 60 → 61")
                && e.getMessage().contains("--force"), e.getMessage());
        assertSameFiles(whole, files(dir)); // nothing written
        run(changed, dir, new SweepRunner.Options(1, true, false, "lnsim test"));
        assertTrue(Files.readString(dir.resolve("units/c00-r0/manifest.json")).contains("\"payments\" : 61"));

        Path foreign = tmp.resolve("f");
        Files.createDirectories(foreign);
        Files.writeString(foreign.resolve("thesis.tex"), "x");
        OutputRefusedException f = assertThrows(OutputRefusedException.class, () -> run(plan, foreign, ONE));
        assertTrue(f.getMessage().contains("thesis.tex"), f.getMessage());
        assertFalse(Files.exists(foreign.resolve("units")));
    }
}
