package org.lnsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster path from the command line (issue 19): {@code lnsim sweep --shard}, {@code --emit-slurm},
 * {@code --only-missing} and {@code lnsim merge}, their exit codes and what they print. The real Slurm run is
 * {@code experiments/slurm/test-cluster.sh}; byte-identity of shards + merge is {@code SweepMergeTest}.
 */
class ClusterCommandsTest {
    @TempDir
    Path dir;

    static final String SWEEP = """
            seed: 4
            network: {generate: {channels: 1000, max_channels: 100}}
            workload: {payments: 20, rate_per_s: 10, amount: {distribution: fixed, sat: 10000}}
            protocols: [{name: source}]
            sweep:
              workload.amount.sat: [1000, 100000]
            replications: 2
            """;

    private Path config() throws Exception {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, SWEEP);
        return f;
    }

    /**
     * Malformed or out-of-range shards, --tasks 0, a bad --mem or --time, Slurm options alone, a DIR that cannot be
     * written, a merge of a folder that is no sweep: exit 2, nothing written.
     */
    @Test
    void badShardAndSlurmOptionsExitTwoAndWriteNothing() throws Exception {
        String f = config().toString();
        String out = dir.resolve("o").toString();
        String[][] cases = {
            {"--shard", "2/2", "--shard 2/2"},
            {"--shard", "1-2", "expects I/N"},
            {"--emit-slurm --tasks", "0", "--tasks must be at least 1"},
            {"--emit-slurm --mem", "lots", "--mem 'lots'"},
            {"--emit-slurm --mem", "600M", "leaves less than 256 MiB"},
            {"--emit-slurm --time", "soon", "--time 'soon'"},
            {"--tasks", "3", "--tasks"},
        };
        for (String[] c : cases) {
            String[] opts = c[0].split(" ");
            String[] args = new String[opts.length + 5];
            args[0] = "sweep";
            args[1] = f;
            args[2] = "--out";
            args[3] = out;
            System.arraycopy(opts, 0, args, 4, opts.length);
            args[args.length - 1] = c[1];
            RouteCommandTest.Run r = RouteCommandTest.run(args);
            assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
            assertTrue(r.err().contains(c[2]), r.err());
            assertFalse(Files.exists(dir.resolve("o")), String.join(" ", args));
        }
        // a DIR that cannot be written (below a file: even root cannot create it), for a shard and for the scripts
        Path file = dir.resolve("a-file");
        Files.writeString(file, "x");
        for (String[] args : new String[][] {{"--shard", "0/2"}, {"--emit-slurm", "--tasks", "2"}}) {
            String[] all = new String[4 + args.length];
            all[0] = "sweep";
            all[1] = f;
            all[2] = "--out";
            all[3] = file.resolve("sweep").toString();
            System.arraycopy(args, 0, all, 4, args.length);
            RouteCommandTest.Run r = RouteCommandTest.run(all);
            assertEquals(2, r.code(), r.err());
            assertTrue(r.err().contains("cannot write here"), r.err());
        }
        assertEquals("x", Files.readString(file));
        RouteCommandTest.Run notSweep = RouteCommandTest.run("merge", dir.toString());
        assertEquals(2, notSweep.code());
        assertTrue(notSweep.err().contains("is not a sweep folder"), notSweep.err());
        RouteCommandTest.Run noSweep = RouteCommandTest.run("sweep", f, "--out", out, "--only-missing");
        assertEquals(2, noSweep.code());
        assertTrue(noSweep.err().contains("holds no sweep"), noSweep.err());
    }

    /**
     * --emit-slurm writes the array (4 units over 3 tasks: 1 to 2 units each), the merge job and submit.sh, prints
     * both submit commands, and runs nothing; the array's tasks call the shard command with the same file, --out
     * and --set, and the heap is 2G less 512M.
     */
    @Test
    void emitSlurmWritesTheArrayTheMergeAndSubmitAndRunsNothing() throws Exception {
        String f = config().toString();
        Path out = dir.resolve("o");
        RouteCommandTest.Run r = RouteCommandTest.run("sweep", f, "--out", out.toString(), "--emit-slurm", "--tasks",
                "3", "--mem", "2G", "--time", "0:30:00", "--partition", "short", "--set", "workload.payments=10");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("4 units in 3 array tasks (1 to 2 units each)"), r.out());
        assertTrue(r.out().contains("sbatch --dependency=afterok:$jid"), r.out());
        String array = Files.readString(out.resolve("slurm/array.sbatch"));
        assertTrue(array.contains("#SBATCH --array=0-2%3\n"), array);
        assertTrue(array.contains("#SBATCH --partition=short\n") && array.contains("#SBATCH --time=0:30:00\n"), array);
        assertTrue(array.contains("-Xmx1536m"), array);
        assertTrue(array.contains(" sweep " + f + " --out " + out + " --shard \"${SLURM_ARRAY_TASK_ID}/3\" --threads 1"
                + " --quiet --set workload.payments=10\n"), array);
        String merge = Files.readString(out.resolve("slurm/merge.sbatch"));
        assertTrue(merge.contains(" merge " + out + "\n") && merge.contains("#SBATCH --kill-on-invalid-dep=yes\n"),
                merge);
        assertTrue(Files.readString(out.resolve("slurm/submit.sh")).contains("--dependency=afterok:\"$array\""));
        assertTrue(Files.isDirectory(out.resolve("slurm/logs")));
        // 4 equal-cost units over 3 tasks: dealt in plan order, c00-r0 → 0, c00-r1 → 1, c01-r0 → 2, c01-r1 → 0;
        // cost = 1000 channels × (10 payments + 100) × 1 protocol = 110000
        assertEquals("task,unit,cell,replication,expected_cost\n0,c00-r0,c00,0,110000\n1,c00-r1,c00,1,110000\n"
                + "2,c01-r0,c01,0,110000\n0,c01-r1,c01,1,110000\n", Files.readString(out.resolve("slurm/shares.csv")));
        assertFalse(Files.exists(out.resolve("units")));
    }

    /** Shards, then merge: missing units exit 1 with their ids and the rerun command; --only-missing completes. */
    @Test
    void shardsMergeListsMissingUnitsAndOnlyMissingCompletes() throws Exception {
        String f = config().toString();
        String out = dir.resolve("o").toString();
        RouteCommandTest.Run s0 = RouteCommandTest.run("sweep", f, "--out", out, "--shard", "0/2", "--quiet");
        assertEquals(0, s0.code(), s0.err());
        assertTrue(s0.err().contains("shard 0/2: 2 of 4 units"), s0.err());
        RouteCommandTest.Run m = RouteCommandTest.run("merge", out);
        assertEquals(1, m.code(), m.err());
        assertTrue(m.err().contains("2 of 4 units missing"), m.err());
        assertTrue(m.err().contains("lnsim sweep " + f + " --out " + out + " --only-missing"), m.err());
        assertTrue(m.err().contains("(from " + Path.of("").toAbsolutePath() + ", where the sweep ran)"), m.err());
        assertFalse(Files.exists(dir.resolve("o/aggregate.md")));
        RouteCommandTest.Run rest = RouteCommandTest.run("sweep", f, "--out", out, "--only-missing", "--quiet");
        assertEquals(0, rest.code(), rest.err());
        assertTrue(rest.err().contains("4 units (2 run now)"), rest.err());
        RouteCommandTest.Run done = RouteCommandTest.run("merge", out);
        assertEquals(0, done.code(), done.err());
        assertTrue(done.out().contains("tables from 4 of 4 units"), done.out());
    }
}
