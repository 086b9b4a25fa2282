package org.lnsim.network.io;

import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipException;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.NodeIds;

/**
 * Reads a payment trace in CLoTH's {@code payments.csv} format (peer-simulators §1): header
 * {@code id,sender_id,receiver_id,amount,start_time}, amount in msat, start time in ms. Sender and receiver are
 * CLoTH integer node ids (resolved as lnsim does for CLoTH networks, {@link NodeIds#fromIndex}) or 66-hex node ids.
 * Start times must not decrease. Gzip is read transparently. The trace's own {@code id} column is not kept: the engine
 * numbers payments 0..n−1 in file order ({@code org.lnsim.engine.workload.WorkloadGenerator#fromTrace}).
 *
 * <p>A reader like the network readers beside it, so that every file lnsim reads is parsed in this package, with
 * the same error form (file, line, what is wrong).
 */
public final class ClothPaymentsTrace {
    /**
     * One line of the trace.
     *
     * @param sender     sender's node index in the graph (a node with channels)
     * @param receiver   receiver's node index, not the sender
     * @param amountMsat amount in msat, positive, at most the 21M BTC supply ({@link ChannelGraph#MAX_MSAT})
     * @param startUs    start time in µs (the file's ms × 1,000)
     */
    public record Payment(int sender, int receiver, long amountMsat, long startUs) {
    }

    /** Largest start time in ms: its µs value must fit the engine's {@code long} clock. */
    static final long MAX_START_MS = Long.MAX_VALUE / 1000L;

    private ClothPaymentsTrace() {
    }

    /** Every payment of {@code file} in file order; the first bad line stops the read with its line number. */
    public static List<Payment> read(Path file, ChannelGraph graph) throws IOException {
        List<Payment> out = new ArrayList<>();
        int[] lineNo = {0};
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Inputs.open(file), StandardCharsets.UTF_8))) {
            read(file, graph, in, lineNo, out);
        } catch (ZipException | EOFException e) {
            // a gzipped trace cut short or damaged (issue 21, defect 12: these escaped as plain IOExceptions)
            throw new NetworkFormatException(file, "line " + (lineNo[0] + 1), "truncated or corrupt gzip data: "
                    + e.getMessage(), e);
        }
        return out;
    }

    private static void read(Path file, ChannelGraph graph, BufferedReader in, int[] lineNumber, List<Payment> out)
            throws IOException {
        String header = in.readLine();
        if (header == null || !header.replace(" ", "").toLowerCase().startsWith("id,sender_id,receiver_id,amount")) {
            throw new NetworkFormatException(file, "line 1",
                    "expected the CLoTH header 'id,sender_id,receiver_id,amount,start_time'");
        }
        lineNumber[0] = 1;
        String line;
        int lineNo = 1;
        long lastUs = 0;
        while ((line = in.readLine()) != null) {
            lineNumber[0] = ++lineNo;
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",", -1);
            if (f.length < 5) {
                throw new NetworkFormatException(file, "line " + lineNo, "expected 5 fields, found " + f.length);
            }
            int sender = node(file, lineNo, "sender_id", f[1].trim(), graph);
            int receiver = node(file, lineNo, "receiver_id", f[2].trim(), graph);
            long amount = number(file, lineNo, "amount", f[3].trim());
            long startMs = number(file, lineNo, "start_time", f[4].trim());
            if (amount <= 0) {
                throw new NetworkFormatException(file, "line " + lineNo, "amount must be positive: " + amount);
            }
            if (amount > ChannelGraph.MAX_MSAT) {
                throw new NetworkFormatException(file, "line " + lineNo, "amount " + amount
                        + " msat is above the 21M BTC supply (" + ChannelGraph.MAX_MSAT + " msat)");
            }
            if (startMs > MAX_START_MS) {
                // issue 21, defect 12: the µs conversion overflowed with an ArithmeticException
                throw new NetworkFormatException(file, "line " + lineNo, "start_time " + startMs
                        + " ms is too large (at most " + MAX_START_MS + " ms, the µs clock's range)");
            }
            if (sender == receiver) {
                throw new NetworkFormatException(file, "line " + lineNo, "sender and receiver are the same node");
            }
            long us = startMs * 1000L;
            if (us < lastUs) {
                throw new NetworkFormatException(file, "line " + lineNo, "start_time goes backwards");
            }
            lastUs = us;
            out.add(new Payment(sender, receiver, amount, us));
        }
    }

    private static long number(Path file, int line, String field, String s) throws NetworkFormatException {
        try {
            long v = Long.parseLong(s);
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new NetworkFormatException(file, "line " + line, field + " is not a non-negative integer: '" + s + "'");
        }
    }

    private static int node(Path file, int line, String field, String s, ChannelGraph g) throws NetworkFormatException {
        int idx;
        if (s.length() == 2 * NodeIds.LENGTH) {
            idx = g.indexOfNode(s);
        } else {
            long k = number(file, line, field, s);
            idx = k > Integer.MAX_VALUE ? -1 : g.indexOfNode(NodeIds.fromIndex((int) k));
        }
        if (idx < 0 || g.degree(idx) == 0) {
            throw new NetworkFormatException(file, "line " + line, field + " " + s + " is not a node with channels in the network");
        }
        return idx;
    }
}
