package org.lnsim.cli;

import org.lnsim.network.ChannelGraph;
import org.lnsim.network.NodeIds;
import org.lnsim.network.ShortChannelId;
import org.lnsim.protocols.routing.Algorithm;
import org.lnsim.protocols.routing.Fallback;
import picocli.CommandLine;

/**
 * Parsing shared by {@code lnsim route} and {@code lnsim bench route}: node ids, {@code SCID/DIR} exclusions and the
 * router's algorithm and fallback names. Every failure is a {@link ExitCodes.BadInputException} (exit 2) whose
 * message names the option and the offending text.
 */
final class RouteOptions {
    private RouteOptions() {
    }

    /** The index of the node with this hex id, naming {@code option} and the network when it is malformed or absent. */
    static int node(ChannelGraph g, String option, String hex, String network) {
        try {
            NodeIds.parse(hex);
        } catch (IllegalArgumentException e) {
            throw new ExitCodes.BadInputException(option + ": " + e.getMessage());
        }
        int n = g.indexOfNode(hex.toLowerCase(java.util.Locale.ROOT));
        if (n < 0) {
            throw new ExitCodes.BadInputException(option + ": no node " + hex + " in " + network);
        }
        return n;
    }

    /**
     * Parses {@code SCID/DIR} (e.g. {@code 103x1x0/1}, c-lightning's {@code exclude} syntax) into a direction index
     * {@code 2·channel + DIR}; the channel must exist in the graph.
     */
    static int excludedDirection(ChannelGraph g, String text, String network) {
        int slash = text.lastIndexOf('/');
        if (slash < 0) {
            throw new ExitCodes.BadInputException("--exclude: '" + text + "' is not SCID/DIR (e.g. 103x1x0/1)");
        }
        String d = text.substring(slash + 1);
        if (!d.equals("0") && !d.equals("1")) {
            throw new ExitCodes.BadInputException("--exclude: direction of '" + text + "' must be 0 or 1");
        }
        long scid;
        try {
            scid = ShortChannelId.parse(text.substring(0, slash));
        } catch (IllegalArgumentException e) {
            throw new ExitCodes.BadInputException("--exclude: " + e.getMessage());
        }
        int c = g.indexOfChannel(scid);
        if (c < 0) {
            throw new ExitCodes.BadInputException("--exclude: no channel " + ShortChannelId.format(scid) + " in "
                    + network);
        }
        return ChannelGraph.direction(c, d.charAt(0) - '0');
    }

    /** {@code --algorithm hybrid|dijkstra|bfg}. */
    static final class AlgorithmConverter implements CommandLine.ITypeConverter<Algorithm> {
        @Override
        public Algorithm convert(String value) {
            for (Algorithm a : new Algorithm[] {Algorithm.HYBRID, Algorithm.DIJKSTRA, Algorithm.BFG}) {
                if (a.label().equalsIgnoreCase(value)) {
                    return a;
                }
            }
            throw new CommandLine.TypeConversionException("'" + value
                    + "' is not an algorithm; choose hybrid, dijkstra or bfg");
        }
    }

    /** {@code --fallback bfg|bias}. */
    static final class FallbackConverter implements CommandLine.ITypeConverter<Fallback> {
        @Override
        public Fallback convert(String value) {
            for (Fallback f : Fallback.values()) {
                if (f.name().equalsIgnoreCase(value)) {
                    return f;
                }
            }
            throw new CommandLine.TypeConversionException("'" + value + "' is not a fallback; choose bfg or bias");
        }
    }

    /** {@code --format text|json}. */
    enum OutputFormat { TEXT, JSON }

    static final class OutputFormatConverter implements CommandLine.ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            for (OutputFormat f : OutputFormat.values()) {
                if (f.name().equalsIgnoreCase(value)) {
                    return f;
                }
            }
            throw new CommandLine.TypeConversionException("'" + value + "' is not a format; choose text or json");
        }
    }
}
