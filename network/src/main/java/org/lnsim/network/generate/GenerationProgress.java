package org.lnsim.network.generate;

/**
 * Receives the generator's progress, so a front end can draw a bar without the generator knowing about it. Called on
 * the generating thread, a bounded number of times per stage (at the start, every few thousand units and at the end).
 */
@FunctionalInterface
public interface GenerationProgress {
    /** Ignores all progress. */
    GenerationProgress NONE = (stage, done, total) -> {
    };

    /**
     * @param stage short stage name ({@code degrees}, {@code edges}, {@code capacities}, {@code policies},
     *              {@code build}); stages come in that order ({@link WattsStrogatzGenerator} reports only
     *              {@code edges}, {@code policies} and {@code build})
     * @param done  units done in this stage
     * @param total units in this stage (fixed per stage; for {@code degrees} it is the target endpoint count)
     */
    void update(String stage, long done, long total);
}
