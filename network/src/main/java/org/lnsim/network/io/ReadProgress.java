package org.lnsim.network.io;

/**
 * Receives import progress in bytes of the (possibly compressed) input file read so far, so that a front end can
 * draw a bar with an ETA for big files without the readers knowing about terminals. Called on the reading thread,
 * about every {@link Inputs#PROGRESS_STEP} bytes and once at the end of each file.
 */
@FunctionalInterface
public interface ReadProgress {
    /** Ignores progress. */
    ReadProgress NONE = (file, bytesRead, fileSize) -> {
    };

    /**
     * @param file      the file's name
     * @param bytesRead bytes of the file read so far
     * @param fileSize  the file's size in bytes
     */
    void update(String file, long bytesRead, long fileSize);
}
