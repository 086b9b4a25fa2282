package org.lnsim.experiments.sweep;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.lnsim.network.io.OutputRefusedException;

/**
 * The lock on a sweep folder ({@code DIR/.lock}): held exclusively by a whole sweep and by {@link SweepMerge}, shared
 * by shards ({@code --shard I/N}), so that shards run beside each other but never beside a writer of the tables.
 * An operating-system lock (fcntl on Linux, also over NFSv4): it goes with the process, so a killed sweep leaves
 * nothing to clean. On a file system without locks (some parallel file systems turn them off) the folder is used
 * unlocked: shards stay safe there (each unit is written by its own shard and renamed into place whole), only a
 * whole sweep or merge run beside them is not refused.
 */
final class FolderLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private FolderLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * @param shared a shard's lock (true) or a whole sweep's or merge's (false)
     * @throws OutputRefusedException when a process holds the lock in a way that excludes this one
     */
    static FolderLock take(Path dir, boolean shared) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(dir.resolve(SweepFolder.LOCK), StandardOpenOption.CREATE,
                    StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw OutputRefusedException.cannotWrite(dir, e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock(0, Long.MAX_VALUE, shared);
        } catch (OverlappingFileLockException e) {
            lock = null; // this process holds it already (another sweep in the same JVM)
        } catch (IOException e) {
            return new FolderLock(channel, null); // no locks on this file system: see the class comment
        }
        if (lock == null) {
            channel.close();
            throw new OutputRefusedException(dir, shared ? "a whole lnsim sweep or lnsim merge is writing this "
                    + "folder; shards run beside each other, not beside those"
                    : "another lnsim sweep, shard or merge is writing this folder");
        }
        return new FolderLock(channel, lock);
    }

    @Override
    public void close() throws IOException {
        try {
            if (lock != null) {
                lock.release();
            }
        } finally {
            channel.close();
        }
    }
}
