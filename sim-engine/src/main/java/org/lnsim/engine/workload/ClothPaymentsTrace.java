package org.lnsim.engine.workload;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.lnsim.engine.payment.PaymentRequest;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.NodeIds;
import org.lnsim.network.io.Inputs;
import org.lnsim.network.io.NetworkFormatException;

/**
 * Reads a payment trace in CLoTH's {@code payments.csv} format (peer-simulators §1): header
 * {@code id,sender_id,receiver_id,amount,start_time}, amount in msat, start time in ms. Sender and receiver are
 * CLoTH integer node ids (resolved as lnsim does for CLoTH networks, {@link NodeIds#fromIndex}) or 66-hex node ids.
 * Payments are renumbered 0..n−1 in file order; start times must not decrease. Gzip is read transparently.
 */
public final class ClothPaymentsTrace {
    private ClothPaymentsTrace() {
    }

    public static List<PaymentRequest> read(Path file, ChannelGraph graph) throws IOException {
        List<PaymentRequest> out = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Inputs.open(file), StandardCharsets.UTF_8))) {
            String header = in.readLine();
            if (header == null || !header.replace(" ", "").toLowerCase().startsWith("id,sender_id,receiver_id,amount")) {
                throw new NetworkFormatException(file, "line 1",
                        "expected the CLoTH header 'id,sender_id,receiver_id,amount,start_time'");
            }
            String line;
            int lineNo = 1;
            long lastUs = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
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
                if (sender == receiver) {
                    throw new NetworkFormatException(file, "line " + lineNo, "sender and receiver are the same node");
                }
                long us = Math.multiplyExact(startMs, 1000L);
                if (us < lastUs) {
                    throw new NetworkFormatException(file, "line " + lineNo, "start_time goes backwards");
                }
                lastUs = us;
                out.add(new PaymentRequest(out.size(), sender, receiver, amount, us));
            }
        }
        return out;
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
