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
import org.lnsim.experiments.ConfigException;

/** Shards + {@link SweepMerge} against one whole sweep: the same bytes, and exactly the missing units reported. */
class SweepMergeTest {
    static final String VERSION = "lnsim test";

    static SweepRunner.Options shard(int i, int n) {
        return new SweepRunner.Options(1, false, false, VERSION, new SweepShard(i, n), List.of("seed=5"));
    }

    /** Every file under {@code dir} but wall-clock timings (the sweep's and each run's) and the lock. */
    static TreeMap<String, byte[]> files(Path dir) throws IOException {
        TreeMap<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String name = dir.relativize(p).toString();
                if (!name.endsWith("timings.csv") && !name.startsWith(SweepFolder.SHARD_TIMINGS + "/")
                        && !name.equals(".lock")) {
                    out.put(name, Files.readAllBytes(p));
                }
            }
        }
        return out;
    }

    @Test
    void shardsThenMergeAreByteIdenticalToOneSweepAndMissingUnitsAreNamed(@TempDir Path tmp) throws Exception {
        SweepPlan plan = SweepPlanTest.plan(SweepRunnerTest.SWEEP);
        Path whole = tmp.resolve("whole");
        SweepRunner.run(plan, whole, new SweepRunner.Options(1, false, false, VERSION, null, List.of("seed=5")),
                SweepRunner.Listener.NONE, new SweepTablesStep());
        Path dir = tmp.resolve("sharded");
        List<String> last = new SweepShard(2, 3).units(plan).stream().map(SweepPlan.Unit::id).toList();
        assertFalse(last.isEmpty());
        for (int i = 0; i < 2; i++) {
            SweepRunner.run(plan, dir, shard(i, 3), SweepRunner.Listener.NONE, (d, p, u) -> {
                throw new AssertionError("a shard writes no tables");
            });
        }
        assertTrue(Files.isRegularFile(dir.resolve("timings/shard-1-of-3.csv")));

        // one share missing: named exactly, with the command that runs only them, and nothing written
        SweepMerge.Outcome o = SweepMerge.merge(dir, VERSION, false, new SweepTablesStep());
        assertEquals(last, o.missing());
        assertFalse(o.written());
        assertFalse(Files.exists(dir.resolve("aggregate.md")));
        assertEquals("lnsim sweep test.yaml --out " + dir + " --only-missing --set seed=5", o.rerun());

        // --partial writes tables from the done units and still names the missing ones
        SweepMerge.Outcome p = SweepMerge.merge(dir, VERSION, true, new SweepTablesStep());
        assertTrue(p.written());
        assertEquals(last, p.missing());
        String timings = Files.readString(dir.resolve(SweepFolder.TIMINGS));
        for (String id : last) {
            assertTrue(timings.contains(id + ",c"), timings);
            assertTrue(timings.lines().anyMatch(l -> l.startsWith(id + ",") && l.contains(",missing,")), timings);
        }

        SweepRunner.run(plan, dir, shard(2, 3), SweepRunner.Listener.NONE, (d, pl, u) -> {
        });
        SweepMerge.Outcome all = SweepMerge.merge(dir, VERSION, false, new SweepTablesStep());
        assertEquals(List.of(), all.missing());
        assertTrue(all.written());
        TreeMap<String, byte[]> a = files(whole);
        TreeMap<String, byte[]> b = files(dir);
        assertEquals(a.keySet(), b.keySet());
        a.forEach((k, v) -> assertArrayEquals(v, b.get(k), k));
        assertTrue(a.containsKey("aggregate.md") && a.containsKey("units/c01-r1/payments.csv"), a.keySet().toString());
        List<String> ran = new ArrayList<>();
        Files.readAllLines(dir.resolve(SweepFolder.TIMINGS)).stream().skip(1)
                .forEach(l -> ran.add(l.split(",")[3]));
        assertEquals(List.of("ran", "ran", "ran", "ran"), ran);
    }

    /** A unit of other settings, a folder foreign to the plan, or another lnsim: refused, naming it. */
    @Test
    void refusesUnitsOfOtherSettingsOrCodeNamingThem(@TempDir Path tmp) throws Exception {
        SweepPlan plan = SweepPlanTest.plan(SweepRunnerTest.SWEEP);
        Path dir = tmp.resolve("s");
        SweepRunner.run(plan, dir, shard(0, 1), SweepRunner.Listener.NONE, (d, p, u) -> {
        });
        ConfigException e = assertThrows(ConfigException.class,
                () -> SweepMerge.merge(dir, "lnsim other", false, new SweepTablesStep()));
        assertTrue(e.getMessage().contains("lnsim other"), e.getMessage());

        Path unitJson = dir.resolve("units/c01-r0/unit.json");
        String json = Files.readString(unitJson);
        Files.writeString(unitJson, json.replaceFirst("\"settings_sha256\" : \"[0-9a-f]+\"",
                "\"settings_sha256\" : \"00\""));
        e = assertThrows(ConfigException.class, () -> SweepMerge.merge(dir, VERSION, false, new SweepTablesStep()));
        assertTrue(e.getMessage().contains("unit c01-r0 ran with other settings"), e.getMessage());
        Files.writeString(unitJson, json);

        Files.createDirectories(dir.resolve("units/c09-r0"));
        e = assertThrows(ConfigException.class, () -> SweepMerge.merge(dir, VERSION, false, new SweepTablesStep()));
        assertTrue(e.getMessage().contains("units/c09-r0 is not a unit of this sweep"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("aggregate.md")));

        ConfigException none = assertThrows(ConfigException.class,
                () -> SweepMerge.merge(tmp, VERSION, false, new SweepTablesStep()));
        assertTrue(none.getMessage().contains("is not a sweep folder"), none.getMessage());
    }
}
