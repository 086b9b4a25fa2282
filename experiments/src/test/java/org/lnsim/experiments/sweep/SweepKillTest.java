package org.lnsim.experiments.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep killed with SIGKILL at random points and resumed gives the bytes of an uninterrupted sweep: units are
 * renamed into place whole, temporary folders of killed units are redone, tables rewritten from the unit folders.
 * The kills hit a real {@code lnsim sweep} process ({@code org.lnsim.cli.Main} on this test's class path) once a
 * number of units drawn from a fixed seed are done, so they land inside the sweep on a fast or a slow machine.
 */
class SweepKillTest {
    static final String SWEEP = SweepRunnerTest.SWEEP.replace("payments: 60", "payments: 150")
            .replace("replications: 2", "replications: 3");

    @Test
    void killedAndResumedSweepEqualsAnUninterruptedOne(@TempDir Path tmp) throws Exception {
        Path config = tmp.resolve("sweep.yaml");
        Files.writeString(config, SWEEP);
        Path whole = tmp.resolve("whole");
        assertEquals(0, lnsim(config, whole).waitFor());

        Path resumed = tmp.resolve("resumed");
        SplittableRandom random = new SplittableRandom(20261207L);
        int units = SweepPlanTest.plan(SWEEP).units().size();
        int kills = 0;
        for (int attempt = 0; attempt < 3; attempt++) {
            // kill once at least k units are done (k drawn below the unit count), plus a random few milliseconds: a
            // point inside the sweep however fast the machine is, which a fixed delay is not
            int k = random.nextInt(units);
            long extraMs = random.nextLong(60);
            Process p = lnsim(config, resumed);
            while (p.isAlive() && done(resumed) < k) {
                Thread.sleep(2);
            }
            Thread.sleep(extraMs);
            if (!p.isAlive()) {
                assertEquals(0, p.exitValue(), () -> "sweep failed: " + err(resumed));
                continue;
            }
            p.destroyForcibly(); // SIGKILL on Unix: no shutdown hooks, no finally blocks
            p.waitFor();
            kills++;
        }
        Process last = lnsim(config, resumed);
        assertEquals(0, last.waitFor(), () -> "resumed sweep failed: " + err(resumed));
        assertTrue(kills >= 1, "no kill landed");
        SweepRunnerTest.assertSameFiles(SweepRunnerTest.files(whole), SweepRunnerTest.files(resumed));
    }

    /** Units renamed into place so far. */
    private static long done(Path out) throws java.io.IOException {
        Path units = out.resolve(SweepFolder.UNITS);
        if (!Files.isDirectory(units)) {
            return 0;
        }
        try (java.util.stream.Stream<Path> s = Files.list(units)) {
            return s.filter(p -> !p.getFileName().toString().startsWith(".")).count();
        }
    }

    private static String err(Path out) {
        try {
            return Files.readString(out.resolveSibling(out.getFileName() + ".err"));
        } catch (java.io.IOException e) {
            return "(no stderr)";
        }
    }

    private static Process lnsim(Path config, Path out) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "org.lnsim.cli.Main", "sweep", config.toString(), "--out", out.toString(), "--quiet"));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.redirectError(new File(out + ".err"));
        return pb.start();
    }
}
