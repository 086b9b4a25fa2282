package org.lnsim.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.lnsim.network.ChannelGraph;
import org.lnsim.network.ShortChannelId;
import org.lnsim.protocols.routing.Algorithm;
import org.lnsim.protocols.routing.Fallback;
import org.lnsim.protocols.routing.HybridRouter;
import org.lnsim.protocols.routing.Route;
import org.lnsim.protocols.routing.RouteHop;
import org.lnsim.protocols.routing.RouteRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lnsim route NETWORK --from ID --to ID --amount-msat A}: one route from the full-gossip router, in the form of
 * c-lightning's {@code getroute} (lightning-facts §2.2: riskfactor, fuzz, maxhops, exclude). Exit 0 with the route,
 * 1 when there is none (reason on stderr, and in JSON), 2 for malformed or unknown ids.
 */
@Command(name = "route", mixinStandardHelpOptions = true, versionProvider = LnsimCommand.Version.class,
        description = {"Finds one route with the hybrid router (c-lightning's cost model: Dijkstra, and BFG or the "
                + "per-hop-bias search only when the cheapest route is longer than the hop limit).",
                "Exit codes: 0 route found, 1 no route (reason on stderr), 2 bad input."})
final class RouteCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NETWORK", description = "Network file in any supported format.")
    Path network;

    @Option(names = "--from", required = true, paramLabel = "NODE_ID", description = "Sender's node id (66 hex).")
    String from;

    @Option(names = "--to", required = true, paramLabel = "NODE_ID", description = "Destination's node id (66 hex).")
    String to;

    @Option(names = "--amount-msat", required = true, paramLabel = "A", description = "Amount to deliver, msat.")
    long amountMsat;

    @Option(names = "--riskfactor", defaultValue = "10", paramLabel = "R",
            description = "Annual cost of locked funds, percent (default: ${DEFAULT-VALUE}).")
    double riskfactor;

    @Option(names = "--fuzz", defaultValue = "0.05", paramLabel = "F",
            description = "Fee fuzz fraction in [0, 1) (default: ${DEFAULT-VALUE}).")
    double fuzz;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Fuzz seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--max-hops", defaultValue = "20", paramLabel = "H", description = "Hop limit (default: ${DEFAULT-VALUE}).")
    int maxHops;

    @Option(names = "--final-cltv", defaultValue = "9", paramLabel = "C",
            description = "CLTV of the last hop (default: ${DEFAULT-VALUE}).")
    int finalCltv;

    @Option(names = "--fallback", defaultValue = "bfg", converter = RouteOptions.FallbackConverter.class,
            description = "Hybrid's fallback: bfg or bias (default: ${DEFAULT-VALUE}).")
    Fallback fallback;

    @Option(names = "--algorithm", defaultValue = "hybrid", converter = RouteOptions.AlgorithmConverter.class,
            description = "hybrid, dijkstra or bfg (default: ${DEFAULT-VALUE}).")
    Algorithm algorithm;

    @Option(names = "--exclude", paramLabel = "SCID/DIR", description = "A channel direction never to use, e.g. "
            + "103x1x0/1 (repeatable).")
    List<String> exclude = new ArrayList<>();

    @Option(names = "--quiet", description = "No progress bar while a big network file loads.")
    boolean quiet;

    @Option(names = "--format", defaultValue = "text", converter = RouteOptions.OutputFormatConverter.class,
            description = "text or json (default: ${DEFAULT-VALUE}).")
    RouteOptions.OutputFormat format;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ChannelGraph g = Progress.load(network, quiet).graph();
        String name = StatsCommand.displayName(network);
        int src = RouteOptions.node(g, "--from", from, name);
        int dst = RouteOptions.node(g, "--to", to, name);
        int[] excluded = new int[exclude.size()];
        for (int i = 0; i < excluded.length; i++) {
            excluded[i] = RouteOptions.excludedDirection(g, exclude.get(i), name);
        }
        RouteRequest request;
        try {
            request = RouteRequest.of(src, dst, amountMsat).withRiskfactor(riskfactor).withFuzz(fuzz, seed)
                    .withMaxHops(maxHops).withFinalCltv(finalCltv).withAlgorithm(algorithm).withFallback(fallback)
                    .withExcludedDirections(excluded);
        } catch (IllegalArgumentException e) {
            throw new ExitCodes.BadInputException(e.getMessage());
        }
        Route route = new HybridRouter(g).find(request);
        PrintWriter out = spec.commandLine().getOut();
        out.print(format == RouteOptions.OutputFormat.JSON ? json(g, route) : text(g, route, src, dst));
        out.flush();
        if (!route.found()) {
            spec.commandLine().getErr().println("lnsim route: no route: " + route.failure());
            return ExitCodes.FAILURE;
        }
        return ExitCodes.OK;
    }

    /** JSON with a fixed field order: amount_msat, fee_msat, cost, hop_count, algorithm, [failure], hops. */
    static String json(ChannelGraph g, Route route) throws java.io.IOException {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("amount_msat", route.amountMsat());
        if (route.found()) {
            o.put("fee_msat", route.feeMsat());
            o.put("cost", route.costMsat());
        }
        o.put("hop_count", route.hopCount());
        o.put("algorithm", route.algorithm().label());
        if (!route.found()) {
            o.put("failure", route.failure());
        }
        ArrayNode hops = o.putArray("hops");
        for (RouteHop h : route.hops()) {
            ObjectNode hop = hops.addObject();
            hop.put("scid", ShortChannelId.format(h.scid()));
            hop.put("direction", h.direction());
            hop.put("amount_msat", h.amountMsat());
            hop.put("cltv", h.cltv());
        }
        return pretty(o);
    }

    /** Pretty JSON with the layout of {@code lnsim stats --format json}: two-space indent, '\n' line ends. */
    static String pretty(Object tree) throws java.io.IOException {
        ObjectMapper mapper = new ObjectMapper();
        mapper.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        return mapper.writer(printer).writeValueAsString(tree) + "\n";
    }

    /** A readable table: one line per hop with the node it leads to, then the totals. */
    static String text(ChannelGraph g, Route route, int src, int dst) {
        StringBuilder b = new StringBuilder();
        b.append("from ").append(g.nodeIdHex(src)).append('\n');
        b.append("to   ").append(g.nodeIdHex(dst)).append('\n');
        if (!route.found()) {
            b.append("no route (").append(route.algorithm().label()).append("): ").append(route.failure()).append('\n');
            return b.toString();
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"hop", "scid", "dir", "amount_msat", "cltv", "to node"});
        int i = 1;
        for (RouteHop h : route.hops()) {
            int next = g.target(h.directionIndex());
            rows.add(new String[] {Integer.toString(i++), ShortChannelId.format(h.scid()),
                    Integer.toString(h.direction()), Long.toString(h.amountMsat()), Integer.toString(h.cltv()),
                    g.nodeIdHex(next)});
        }
        int[] w = new int[6];
        for (String[] r : rows) {
            for (int k = 0; k < w.length; k++) {
                w[k] = Math.max(w[k], r[k].length());
            }
        }
        for (String[] r : rows) {
            b.append(String.format("%" + w[0] + "s  %-" + w[1] + "s  %" + w[2] + "s  %" + w[3] + "s  %" + w[4]
                    + "s  %s%n", (Object[]) r));
        }
        b.append(String.format("amount %d msat, fee %d msat, cost %d, %d hops, algorithm %s%n", route.amountMsat(),
                route.feeMsat(), route.costMsat(), route.hopCount(), route.algorithm().label()));
        return b.toString();
    }
}
