package org.lnsim.experiments.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SlurmScripts}: heap sizing, option checks, and scripts that bash parses. */
class SlurmScriptsTest {
    /**
     * Heap = mem − max(512 MiB, mem / 8): 8G = 8192 MiB → 8192 − 1024 = 7168; 2000 (MiB by default) → 2000 − 512 =
     * 1488; 64G = 65536 → 65536 − 8192 = 57344; 1048576K = 1024 MiB → 512; 700M leaves 188 < 256: refused.
     */
    @Test
    void heapIsMemLessTheJvmsOwnShare() {
        assertEquals(7168, SlurmScripts.heapMiB("8G"));
        assertEquals(1488, SlurmScripts.heapMiB("2000"));
        assertEquals(57344, SlurmScripts.heapMiB("64g"));
        assertEquals(512, SlurmScripts.heapMiB("1048576K"));
        assertThrows(IllegalArgumentException.class, () -> SlurmScripts.heapMiB("700M"));
        assertThrows(IllegalArgumentException.class, () -> SlurmScripts.heapMiB("8 GB"));
    }

    static SlurmScripts scripts(String time, List<String> sets) {
        return new SlurmScripts(5, 2, "4G", time, null, 2, Path.of("/data/me"), "/opt/jdk/bin/java",
                "/opt/lnsim/lnsim.jar", "exp/my sweep.yaml", "out/s", Path.of("/data/me/out/s"), sets, "lnsim-x");
    }

    /** Times in Slurm's forms pass; others, and tasks or cpus below 1, are refused with the option's name. */
    @Test
    void checksTimeTasksAndCpus() {
        for (String t : new String[] {"30", "1:00:00", "2-00:00", "2-12:00:00", "45:00"}) {
            scripts(t, List.of());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> scripts("1h", List.of()));
        assertTrue(e.getMessage().contains("--time"));
        e = assertThrows(IllegalArgumentException.class, () -> new SlurmScripts(2, 0, "4G", null, null, 2,
                Path.of("/"), "java", "cp", "c", "o", Path.of("/o"), List.of(), "n"));
        assertTrue(e.getMessage().contains("--cpus-per-task"));
    }

    /** Every script parses (bash -n); words with spaces or quotes are quoted; the array is capped at %K. */
    @Test
    void scriptsParseAndQuoteTheirWords(@TempDir Path tmp) throws Exception {
        SlurmScripts s = scripts(null, List.of("workload.note=it's"));
        Map<String, String> files = s.files();
        assertEquals(List.of("array.sbatch", "merge.sbatch", "submit.sh"), List.copyOf(files.keySet()));
        String array = files.get("array.sbatch");
        assertTrue(array.contains("#SBATCH --array=0-4%2\n#SBATCH --cpus-per-task=2\n#SBATCH --mem=4G\n"), array);
        assertTrue(array.contains("-Xmx3584m -cp /opt/lnsim/lnsim.jar org.lnsim.cli.Main sweep 'exp/my sweep.yaml' "
                + "--out out/s --shard \"${SLURM_ARRAY_TASK_ID}/5\" --threads 2 --quiet --set "
                + "'workload.note=it'\\''s'\n"), array);
        assertTrue(!array.contains("--time"), array);
        for (var f : files.entrySet()) {
            Path p = tmp.resolve(f.getKey());
            Files.writeString(p, f.getValue());
            Process bash = new ProcessBuilder("bash", "-n", p.toString()).redirectErrorStream(true).start();
            String said = new String(bash.getInputStream().readAllBytes());
            assertEquals(0, bash.waitFor(), f.getKey() + ": " + said);
        }
    }
}
