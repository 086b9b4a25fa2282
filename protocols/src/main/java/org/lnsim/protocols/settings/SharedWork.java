package org.lnsim.protocols.settings;

import org.lnsim.network.ChannelGraph;

/**
 * Work that several protocols of one run can share instead of each doing it: a router's compact copy of the graph
 * (about 90 MB and a second at 1M channels), beacon paths (minutes at 1M channels). A protocol's settings announce
 * the work they will ask for ({@link ProtocolSettings#sharedWork()}) before any protocol is built; the run merges
 * the announcements with equal {@link #key()}s and computes each merged work once, on first request, for the most
 * demanding of them. The result must be immutable and thread-safe, since protocols simulated side by side use it.
 *
 * @param <T> what the work produces
 */
public interface SharedWork<T> {
    /** Works with equal keys share one result (e.g. beacon paths for one beacon distance). */
    Object key();

    /** One work that serves both this and {@code other}, which has the same key (e.g. the larger beacon count). */
    SharedWork<T> merge(SharedWork<T> other);

    /** Does the work on the run's network. */
    T compute(ChannelGraph graph);

    /** Where protocols of one run get shared work done. */
    @FunctionalInterface
    interface Pool {
        /** The result of {@code work}, or of a merged work that serves it, computed at most once per merged work. */
        <T> T get(SharedWork<T> work);
    }
}
