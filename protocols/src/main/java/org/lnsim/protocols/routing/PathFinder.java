package org.lnsim.protocols.routing;

/**
 * One route search of a scheme's router, for a sender that has learnt nothing yet: what {@code lnsim bench route}
 * times for routers other than the hybrid one (lnd's, LDK's, CLoTH's), so that their query times stand beside c-lightning's
 * on the same pairs. An instance may keep per-search scratch arrays, so it serves one thread; make one per thread.
 */
public interface PathFinder {
    /** The route for {@code amountMsat} from {@code source} to {@code target}, or one that is not found. */
    Route find(int source, int target, long amountMsat);
}
