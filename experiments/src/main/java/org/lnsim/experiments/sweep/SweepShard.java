package org.lnsim.experiments.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lnsim.experiments.MemoryEstimate;
import org.lnsim.experiments.NetworkSettings;

/**
 * One of N deterministic shares of a sweep's units ({@code lnsim sweep --shard I/N}, issue 19), so that N processes —
 * the tasks of a Slurm job array, or shells on several machines sharing a file system — run a sweep between them.
 *
 * <p><b>Balance.</b> Units are dealt by expected cost, largest first, each to the share with the least cost so far
 * (longest-processing-time-first; ties go to the lower share, then plan order): a share's total is within the largest
 * unit's cost of the ideal, so one task does not hold a whole expensive column (e.g. every 1M-channel unit) while the
 * others idle. The deal depends only on the plan and N, so every task computes the same assignment without talking
 * to the others, and a rerun with the same N gives each task the same units.
 *
 * <p><b>Expected cost</b> of a unit: channels × (payments + {@value #SETUP_PAYMENTS}) × protocol entries. Channels are
 * the generator's target, or for a file its size in bytes / {@value #BYTES_PER_CHANNEL} (an lnd describegraph edge
 * is about 1 KB of JSON, a CLN listchannels direction about half that; only the ratio between units matters). The
 * {@value #SETUP_PAYMENTS}-payment term stands for building the network and the protocols' set-up, which costs about
 * as much as that many payments at 1M channels (issue 18's headline measurement: set-up of source routing ≈ 10 s
 * against ≈ 0.1 s per payment per scheme). It is a proxy: balance is only as good as the units' costs are similar
 * to it.
 */
public record SweepShard(int index, int count) {
    /** Set-up cost in payments' worth (see the class comment). */
    public static final long SETUP_PAYMENTS = 100;
    /** Bytes of a network file per channel, for the cost of a file's units (see the class comment). */
    public static final long BYTES_PER_CHANNEL = 400;
    private static final Pattern FORM = Pattern.compile("(\\d{1,9})/(\\d{1,9})");

    public SweepShard {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("shard " + index + "/" + count + " is out of range");
        }
    }

    /**
     * Parses {@code I/N} (0 ≤ I < N), as {@code $SLURM_ARRAY_TASK_ID/N}.
     *
     * @throws IllegalArgumentException naming what is wrong, for the CLI to report with exit 2
     */
    public static SweepShard parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("--shard expects I/N with 0 <= I < N (e.g. 3/8), found '" + text + "'");
        }
        int i = Integer.parseInt(m.group(1));
        int n = Integer.parseInt(m.group(2));
        if (n < 1 || i >= n) {
            throw new IllegalArgumentException("--shard " + text + ": I must be in [0, N-1] and N at least 1 (shards "
                    + "are numbered from 0, as Slurm's array task ids)");
        }
        return new SweepShard(i, n);
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }

    /** This share's units, in plan order. */
    public List<SweepPlan.Unit> units(SweepPlan plan) {
        int[] of = assign(plan, count);
        List<SweepPlan.Unit> mine = new ArrayList<>();
        for (int i = 0; i < of.length; i++) {
            if (of[i] == index) {
                mine.add(plan.units().get(i));
            }
        }
        return mine;
    }

    /** The share (0..n-1) of every unit of the plan, by plan index: largest expected cost first to the least loaded. */
    public static int[] assign(SweepPlan plan, int n) {
        List<SweepPlan.Unit> units = plan.units();
        double[] cost = costs(plan);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < cost.length; i++) {
            order.add(i);
        }
        order.sort(Comparator.<Integer>comparingDouble(i -> -cost[i]).thenComparingInt(i -> i));
        double[] load = new double[n];
        int[] of = new int[units.size()];
        for (int i : order) {
            int best = 0;
            for (int s = 1; s < n; s++) {
                if (load[s] < load[best]) {
                    best = s;
                }
            }
            of[i] = best;
            load[best] += cost[i];
        }
        return of;
    }

    /**
     * {@code task,unit,cell,replication,expected_cost}: which of n shares runs each unit, in plan order, with the cost
     * the deal used (written beside the Slurm scripts, so that a user can see which task holds which units).
     */
    public static String sharesCsv(SweepPlan plan, int n) {
        int[] of = assign(plan, n);
        double[] cost = costs(plan);
        StringBuilder sb = new StringBuilder("task,unit,cell,replication,expected_cost\n");
        for (int i = 0; i < of.length; i++) {
            SweepPlan.Unit u = plan.units().get(i);
            sb.append(of[i]).append(',').append(u.id()).append(',').append(u.cell().id()).append(',')
                    .append(u.replication()).append(',')
                    .append(String.format(java.util.Locale.ROOT, "%.0f", cost[i]))
                    .append('\n');
        }
        return sb.toString();
    }

    /**
     * Every unit's expected cost, by plan index; a network's channel count is estimated once (a file's size is read
     * once, not once per unit).
     */
    static double[] costs(SweepPlan plan) {
        java.util.Map<NetworkSettings, Double> channels = new java.util.HashMap<>();
        double[] cost = new double[plan.units().size()];
        for (int i = 0; i < cost.length; i++) {
            var s = plan.units().get(i).settings();
            cost[i] = cost(channels.computeIfAbsent(s.network(), net -> channels(net, plan.baseDir())), s);
        }
        return cost;
    }

    /** A unit's expected cost in channel-payment-protocols (see the class comment). */
    public static double expectedCost(SweepPlan.Unit unit, Path baseDir) {
        return cost(channels(unit.settings().network(), baseDir), unit.settings());
    }

    private static double cost(double channels, org.lnsim.experiments.ExperimentSettings s) {
        long payments = MemoryEstimate.drawnPayments(s.workload());
        if (payments == 0) {
            payments = 1_000; // a trace: counted only once it is read
        }
        return channels * (payments + SETUP_PAYMENTS) * Math.max(1, s.protocols().size());
    }

    private static double channels(NetworkSettings n, Path baseDir) {
        if (n instanceof NetworkSettings.Mcp m) {
            return m.channels();
        }
        if (n instanceof NetworkSettings.WattsStrogatz w) {
            return w.config().nodes() * (double) w.config().k() / 2;
        }
        Path file = baseDir.resolve(((NetworkSettings.FromFile) n).file());
        try {
            long bytes = Files.isDirectory(file) ? folderBytes(file) : Files.size(file);
            return Math.max(1, bytes / (double) BYTES_PER_CHANNEL);
        } catch (IOException e) {
            return 10_000; // unreadable here: the run reports it; the deal only needs a number
        }
    }

    private static long folderBytes(Path dir) throws IOException {
        try (var s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        }
    }
}
