package org.lnsim.protocols.routing;

import java.util.Arrays;

/**
 * What to route and how. Build with {@link #of(int, int, long)} and the {@code with…} methods; defaults are
 * c-lightning's (riskfactor 10, fuzz 5%, max 20 hops, final CLTV 9, hybrid with BFG fallback).
 *
 * @param source             sender node index
 * @param target             destination node index
 * @param amountMsat         amount to deliver, &gt; 0
 * @param riskfactor         annual cost of locked funds in percent (§2.2)
 * @param fuzz               fee fuzz fraction in [0, 1)
 * @param seed               fuzz seed: the fuzz scale is a function of (seed, scid)
 * @param maxHops            hop limit, ≥ 1
 * @param finalCltv          CLTV of the last hop
 * @param algorithm          {@link Algorithm#HYBRID}, {@link Algorithm#DIJKSTRA} or {@link Algorithm#BFG}
 * @param fallback           the hybrid's fallback
 * @param excludedDirections direction indices ({@code 2·channel + d}) never to use, sorted, no duplicates
 * @param excludedNodes      node indices never to route through, sorted, no duplicates
 * @param localBalances      the sender's own spendable balances, or null to use only the public graph
 * @param liquidity          what every direction can carry right now (true balances: oracle knowledge), or null
 *                           when only capacities are known
 * @param flatCosts          evaluate every hop's fee, risk and HTLC bounds at the payment amount instead of the
 *                           amount downstream, which makes route cost a sum of fixed edge weights; used only to
 *                           compare against textbook shortest-path implementations (JGraphT), never for payments
 * @param knownChannels      the channels the sender may route over (a partial-knowledge scheme's routing tables),
 *                           or null for the whole public graph
 */
public record RouteRequest(int source, int target, long amountMsat, double riskfactor, double fuzz, long seed,
                           int maxHops, int finalCltv, Algorithm algorithm, Fallback fallback,
                           int[] excludedDirections, int[] excludedNodes, LocalBalances localBalances,
                           LocalBalances liquidity, boolean flatCosts,
                           KnownChannels knownChannels) {

    /** The sender's knowledge of its own channels' spendable balance per outgoing direction. */
    @FunctionalInterface
    public interface LocalBalances {
        /** Spendable msat on direction {@code e}, which leaves the sender. */
        long spendableMsat(int e);
    }

    /** The channels a sender knows: the union of the routing tables it holds or was given. */
    @FunctionalInterface
    public interface KnownChannels {
        boolean knows(int channel);
    }

    public RouteRequest {
        if (amountMsat <= 0) {
            throw new IllegalArgumentException("amount must be positive: " + amountMsat);
        }
        if (riskfactor < 0 || Double.isNaN(riskfactor)) {
            throw new IllegalArgumentException("riskfactor must be >= 0: " + riskfactor);
        }
        if (fuzz < 0 || fuzz >= 1 || Double.isNaN(fuzz)) {
            throw new IllegalArgumentException("fuzz must be in [0, 1): " + fuzz);
        }
        if (maxHops < 1) {
            throw new IllegalArgumentException("max hops must be >= 1: " + maxHops);
        }
        if (finalCltv < 0) {
            throw new IllegalArgumentException("final CLTV must be >= 0: " + finalCltv);
        }
        if (algorithm != Algorithm.HYBRID && algorithm != Algorithm.DIJKSTRA && algorithm != Algorithm.BFG) {
            throw new IllegalArgumentException("algorithm must be hybrid, dijkstra or bfg: " + algorithm);
        }
        excludedDirections = sortedUnique(excludedDirections);
        excludedNodes = sortedUnique(excludedNodes);
    }

    public static RouteRequest of(int source, int target, long amountMsat) {
        return new RouteRequest(source, target, amountMsat, CostModel.DEFAULT_RISKFACTOR, CostModel.DEFAULT_FUZZ, 0,
                CostModel.DEFAULT_MAX_HOPS, CostModel.DEFAULT_FINAL_CLTV, Algorithm.HYBRID, Fallback.BFG, null, null,
                null, null, false, null);
    }

    public RouteRequest withRiskfactor(double r) {
        return new RouteRequest(source, target, amountMsat, r, fuzz, seed, maxHops, finalCltv, algorithm, fallback,
                excludedDirections, excludedNodes, localBalances, liquidity, flatCosts, knownChannels);
    }

    public RouteRequest withFuzz(double f, long fuzzSeed) {
        return new RouteRequest(source, target, amountMsat, riskfactor, f, fuzzSeed, maxHops, finalCltv, algorithm,
                fallback, excludedDirections, excludedNodes, localBalances, liquidity, flatCosts, knownChannels);
    }

    public RouteRequest withMaxHops(int h) {
        return new RouteRequest(source, target, amountMsat, riskfactor, fuzz, seed, h, finalCltv, algorithm, fallback,
                excludedDirections, excludedNodes, localBalances, liquidity, flatCosts, knownChannels);
    }

    public RouteRequest withFinalCltv(int cltv) {
        return new RouteRequest(source, target, amountMsat, riskfactor, fuzz, seed, maxHops, cltv, algorithm,
                fallback, excludedDirections, excludedNodes, localBalances, liquidity, flatCosts, knownChannels);
    }

    public RouteRequest withAlgorithm(Algorithm a) {
        return new RouteRequest(source, target, amountMsat, riskfactor, fuzz, seed, maxHops, finalCltv, a, fallback,
                excludedDirections, excludedNodes, localBalances, liquidity, flatCosts, knownChannels);
    }

    public RouteRequest withFallback(Fallback f) {
        return new RouteRequest(source, target, amountMsat, riskfactor, fuzz, seed, maxHops, finalCltv, algorithm, f,
                excludedDirections, excludedNodes, localBalances, liquidity, flatCosts, knownChannels);
    }

    public RouteRequest withExcludedDirections(int... directions) {
        return new RouteRequest(source, target, amountMsat, riskfactor, fuzz, seed, maxHops, finalCltv, algorithm,
                fallback, directions, excludedNodes, localBalances, liquidity, flatCosts, knownChannels);
    }

    public RouteRequest withExcludedNodes(int... nodes) {
        return new RouteRequest(source, target, amountMsat, riskfactor, fuzz, seed, maxHops, finalCltv, algorithm,
                fallback, excludedDirections, nodes, localBalances, liquidity, flatCosts, knownChannels);
    }

    public RouteRequest withLocalBalances(LocalBalances balances) {
        return new RouteRequest(source, target, amountMsat, riskfactor, fuzz, seed, maxHops, finalCltv, algorithm,
                fallback, excludedDirections, excludedNodes, balances, liquidity, flatCosts, knownChannels);
    }

    /** Lets the router assume every direction can carry at most {@code view.spendableMsat(e)} (an oracle). */
    public RouteRequest withLiquidity(LocalBalances view) {
        return new RouteRequest(source, target, amountMsat, riskfactor, fuzz, seed, maxHops, finalCltv, algorithm,
                fallback, excludedDirections, excludedNodes, localBalances, view, flatCosts, knownChannels);
    }

    /** Restricts the search to the channels {@code known} knows (routing tables); null for the whole graph. */
    public RouteRequest withKnownChannels(KnownChannels known) {
        return new RouteRequest(source, target, amountMsat, riskfactor, fuzz, seed, maxHops, finalCltv, algorithm,
                fallback, excludedDirections, excludedNodes, localBalances, liquidity, flatCosts, known);
    }

    public RouteRequest withFlatCosts(boolean flat) {
        return new RouteRequest(source, target, amountMsat, riskfactor, fuzz, seed, maxHops, finalCltv, algorithm,
                fallback, excludedDirections, excludedNodes, localBalances, liquidity, flat, knownChannels);
    }

    boolean isExcludedDirection(int e) {
        return excludedDirections.length > 0 && Arrays.binarySearch(excludedDirections, e) >= 0;
    }

    boolean isExcludedNode(int n) {
        return excludedNodes.length > 0 && Arrays.binarySearch(excludedNodes, n) >= 0;
    }

    private static int[] sortedUnique(int[] a) {
        if (a == null || a.length == 0) {
            return new int[0];
        }
        return Arrays.stream(a).sorted().distinct().toArray();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RouteRequest r && source == r.source && target == r.target && amountMsat == r.amountMsat
                && Double.compare(riskfactor, r.riskfactor) == 0 && Double.compare(fuzz, r.fuzz) == 0
                && seed == r.seed && maxHops == r.maxHops && finalCltv == r.finalCltv && algorithm == r.algorithm
                && fallback == r.fallback && Arrays.equals(excludedDirections, r.excludedDirections)
                && Arrays.equals(excludedNodes, r.excludedNodes) && localBalances == r.localBalances
                && liquidity == r.liquidity && flatCosts == r.flatCosts && knownChannels == r.knownChannels;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(source, target, amountMsat, riskfactor, fuzz, seed, maxHops, finalCltv,
                algorithm, fallback, Arrays.hashCode(excludedDirections), Arrays.hashCode(excludedNodes));
    }

    @Override
    public String toString() {
        return "RouteRequest[" + source + " -> " + target + ", " + amountMsat + " msat, " + algorithm + "]";
    }
}
