package org.lnsim.experiments.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Slurm scripts of {@code lnsim sweep --emit-slurm} (issue 19): a job array whose task k runs
 * {@code lnsim sweep CONFIG --out DIR --shard k/N} ({@link SweepShard}), a merge job ({@link SweepMerge}) to submit
 * with {@code --dependency=afterok:<array job>}, and {@code submit.sh}, which submits both.
 *
 * <p>Many units go into one task: N tasks (default: the units, at most {@value #DEFAULT_MAX_TASKS}) hold balanced
 * shares, because clusters cap array sizes ({@code MaxArraySize}, 1001 by default) and job rates. The tasks run in
 * the folder the scripts were emitted from ({@code --chdir}) with the same config path, {@code --out} and
 * {@code --set} words, so every unit's manifest names the same source as a single-process sweep and the merged
 * folder is byte-identical to one. The JVM's heap is the task's memory less what the JVM needs beside its heap
 * ({@link #heapMiB}). Text only: the CLI writes the files.
 *
 * @param tasks       array tasks (shards), at least 1
 * @param cpus        {@code --cpus-per-task}, also each shard's {@code --threads}
 * @param mem         {@code --mem} as Slurm takes it (a number with an optional K, M, G or T suffix; M by default)
 * @param time        {@code --time} (minutes, or [D-]HH:MM[:SS]), or null for the partition's default
 * @param partition   {@code --partition}, or null for the cluster's default
 * @param maxRunning  at most this many tasks at once ({@code %K} of {@code --array})
 * @param workDir     absolute folder the tasks run in (where lnsim sweep was called)
 * @param java        the java binary
 * @param classPath   lnsim's class path, absolute
 * @param config      CONFIG as given
 * @param out         DIR as given (relative to workDir)
 * @param outAbsolute DIR absolute (for the log files Slurm writes before the task starts)
 * @param overrides   the {@code --set} words
 * @param name        the job name's stem
 */
public record SlurmScripts(int tasks, int cpus, String mem, String time, String partition, int maxRunning,
                           Path workDir, String java, String classPath, String config, String out, Path outAbsolute,
                           List<String> overrides, String name) {
    /** Default number of array tasks when the sweep has more units. */
    public static final int DEFAULT_MAX_TASKS = 100;
    /** The CLI's main class, which the tasks call with the class path (works for the shaded jar and for a build). */
    public static final String MAIN = "org.lnsim.cli.Main";
    private static final Pattern MEM = Pattern.compile("(\\d{1,9})([KMGTkmgt]?)");
    private static final Pattern TIME = Pattern.compile("\\d{1,7}|(\\d{1,4}-)?\\d{1,2}(:\\d{2}){1,2}|\\d{1,4}-\\d{1,2}");

    public SlurmScripts {
        overrides = List.copyOf(overrides);
        if (tasks < 1) {
            throw new IllegalArgumentException("--tasks must be at least 1, got " + tasks);
        }
        if (cpus < 1) {
            throw new IllegalArgumentException("--cpus-per-task must be at least 1, got " + cpus);
        }
        if (maxRunning < 1) {
            throw new IllegalArgumentException("--max-running must be at least 1, got " + maxRunning);
        }
        heapMiB(mem);
        if (time != null && !TIME.matcher(time).matches()) {
            throw new IllegalArgumentException("--time '" + time + "' is not a Slurm time (minutes, HH:MM:SS, "
                    + "D-HH:MM or D-HH:MM:SS)");
        }
        if (partition != null && !partition.matches("[A-Za-z0-9_.,-]+")) {
            throw new IllegalArgumentException("--partition '" + partition + "' is not a partition name");
        }
    }

    /** Megabytes in a Slurm {@code --mem} value. */
    public static long memMiB(String mem) {
        Matcher m = MEM.matcher(mem == null ? "" : mem.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("--mem '" + mem + "' is not a Slurm memory size (e.g. 16G, 8000M or "
                    + "8000)");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2).toUpperCase(Locale.ROOT)) {
            case "K" -> n / 1024;
            case "G" -> n * 1024;
            case "T" -> n * 1024 * 1024;
            default -> n;
        };
    }

    /**
     * The heap for a task of {@code mem}: mem less max(512 MiB, mem / 8) for what the JVM needs beside its heap
     * (code, metaspace, thread stacks, the collector's own structures); Slurm kills a task that exceeds its
     * {@code --mem}, so the heap must stay below it.
     *
     * @throws IllegalArgumentException when that leaves less than 256 MiB
     */
    public static long heapMiB(String mem) {
        long total = memMiB(mem);
        long heap = total - Math.max(512, total / 8);
        if (heap < 256) {
            throw new IllegalArgumentException("--mem " + mem + " leaves less than 256 MiB of heap beside the JVM's "
                    + "own 512 MiB; give at least 768M");
        }
        return heap;
    }

    /** The files to write under {@code DIR/slurm/}, by name, in the order to print them. */
    public Map<String, String> files() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("array.sbatch", array());
        files.put("merge.sbatch", merge());
        files.put("submit.sh", submit());
        return files;
    }

    /** The two commands that submit the array and then the merge, as printed to the user. */
    public List<String> submitCommands() {
        String dir = SweepMerge.quote(out + "/" + SweepFolder.SLURM);
        return List.of("jid=$(sbatch --parsable " + dir + "/array.sbatch | cut -d';' -f1)",
                "sbatch --dependency=afterok:$jid " + dir + "/merge.sbatch");
    }

    private String array() {
        StringBuilder sb = header("lnsim sweep " + config + " as a job array of " + tasks + " tasks, each a balanced "
                + "share of the units (--shard k/" + tasks + ")");
        sb.append("#SBATCH --job-name=").append(name).append('\n');
        sb.append("#SBATCH --array=0-").append(tasks - 1).append('%').append(Math.min(maxRunning, tasks)).append('\n');
        sb.append("#SBATCH --cpus-per-task=").append(cpus).append('\n');
        common(sb, "task-%A_%a.out");
        List<String> cmd = command("sweep");
        cmd.add(SweepMerge.quote(config));
        cmd.add("--out");
        cmd.add(SweepMerge.quote(out));
        cmd.add("--shard");
        cmd.add("\"${SLURM_ARRAY_TASK_ID}/" + tasks + "\"");
        cmd.add("--threads");
        cmd.add(String.valueOf(cpus));
        cmd.add("--quiet");
        for (String o : overrides) {
            cmd.add("--set");
            cmd.add(SweepMerge.quote(o));
        }
        sb.append("exec ").append(String.join(" ", cmd)).append('\n');
        return sb.toString();
    }

    private String merge() {
        StringBuilder sb = header("lnsim merge of the array's units into the sweep's tables; submit after the array with"
                + " --dependency=afterok:<array job id> (submit.sh does)");
        sb.append("#SBATCH --job-name=").append(name).append("-merge\n");
        sb.append("#SBATCH --cpus-per-task=1\n");
        // a failed or cancelled task makes afterok unreachable: end the merge job then instead of leaving it pending
        sb.append("#SBATCH --kill-on-invalid-dep=yes\n");
        common(sb, "merge-%j.out");
        List<String> cmd = command("merge");
        cmd.add(SweepMerge.quote(out));
        sb.append("exec ").append(String.join(" ", cmd)).append('\n');
        return sb.toString();
    }

    private String submit() {
        String dir = SweepMerge.quote(outAbsolute.resolve(SweepFolder.SLURM).toString());
        return "#!/bin/bash\n"
                + "# Submits the array, then the merge to run once every task has succeeded. Written by lnsim sweep "
                + "--emit-slurm.\n"
                + "set -euo pipefail\n"
                + "array=$(sbatch --parsable " + dir + "/array.sbatch | cut -d';' -f1)\n"
                + "merge=$(sbatch --parsable --dependency=afterok:\"$array\" " + dir + "/merge.sbatch | cut -d';' "
                + "-f1)\n"
                + "echo \"array job $array (" + tasks + " tasks), merge job $merge; logs in " + dir + "/logs\"\n";
    }

    private StringBuilder header(String what) {
        StringBuilder sb = new StringBuilder("#!/bin/bash\n");
        sb.append("# ").append(what).append(".\n# Written by lnsim sweep --emit-slurm; ")
                .append("the heap is --mem less what the JVM needs beside it.\n");
        return sb;
    }

    private void common(StringBuilder sb, String log) {
        sb.append("#SBATCH --mem=").append(mem).append('\n');
        if (time != null) {
            sb.append("#SBATCH --time=").append(time).append('\n');
        }
        if (partition != null) {
            sb.append("#SBATCH --partition=").append(partition).append('\n');
        }
        sb.append("#SBATCH --chdir=").append(workDir).append('\n');
        sb.append("#SBATCH --output=").append(outAbsolute.resolve(SweepFolder.SLURM).resolve("logs").resolve(log))
                .append('\n');
        sb.append("set -euo pipefail\n");
    }

    private List<String> command(String sub) {
        List<String> cmd = new ArrayList<>();
        cmd.add(SweepMerge.quote(java));
        cmd.add("-Xmx" + heapMiB(mem) + "m");
        cmd.add("-cp");
        cmd.add(SweepMerge.quote(classPath));
        cmd.add(MAIN);
        cmd.add(sub);
        return cmd;
    }
}
