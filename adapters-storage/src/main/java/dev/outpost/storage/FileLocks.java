package dev.outpost.storage;

import dev.outpost.ports.storage.StorageException;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.FileLockInterruptionException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Exclusive holds shared by every process on one machine, as byte ranges of one lock file beside the database: a
 * process holds a range with the operating system's record lock, which dies with the process (a killed holder frees
 * it at once, and nothing is left behind to clean up). Threads of one JVM queue on a lock of their own first, since
 * the operating system's locks belong to the whole process.
 *
 * <p>One channel per lock file is shared by everything in this JVM and kept open while any user is: with POSIX
 * record locks, closing any descriptor of a file drops every lock the process holds on it.
 */
final class FileLocks implements AutoCloseable {
    /** Where the database's opening (creation, migrations, moving an H2 database in) is held. */
    static final long OPENING = 1L << 40;
    /** Ranges below this are per key, such as per account for a token refresh. */
    private static final long KEYED_RANGES = 1L << 31;

    private static final Map<Path, Shared> OPEN = new HashMap<>();
    private static final ConcurrentHashMap<String, ReentrantLock> IN_THIS_JVM = new ConcurrentHashMap<>();

    private final Path file;
    private boolean closed;

    private FileLocks(Path file) {
        this.file = file;
    }

    /** Opens (creating it, mode 0600) the lock file; close when the stores close. */
    static FileLocks open(Path file) {
        Path key = file.toAbsolutePath().normalize();
        synchronized (OPEN) {
            Shared shared = OPEN.get(key);
            if (shared == null) {
                shared = new Shared(key);
                OPEN.put(key, shared);
            }
            shared.users++;
        }
        return new FileLocks(key);
    }

    /** The range a key holds: keys that hash alike share one, which only makes them wait for each other. */
    static long rangeOf(String key) {
        return Math.floorMod(key.hashCode(), KEYED_RANGES);
    }

    /** Runs {@code work} holding {@code key}'s range against every other thread and process using this file. */
    <T> T holding(String key, Supplier<T> work) {
        return holding(rangeOf(key), work);
    }

    /** Runs {@code work} holding the byte at {@code position} against every other thread and process. */
    <T> T holding(long position, Supplier<T> work) {
        Objects.requireNonNull(work, "work");
        ReentrantLock local = IN_THIS_JVM.computeIfAbsent(file + "@" + position, k -> new ReentrantLock());
        if (local.isHeldByCurrentThread()) {
            return work.get(); // already held further up this thread's stack
        }
        local.lock();
        try {
            FileLock held = shared().lock(position);
            try {
                return work.get();
            } finally {
                releaseQuietly(held);
            }
        } finally {
            local.unlock();
        }
    }

    private Shared shared() {
        synchronized (OPEN) {
            if (closed) {
                throw new IllegalStateException("the lock file " + file + " was closed");
            }
            return OPEN.get(file);
        }
    }

    private static void releaseQuietly(FileLock held) {
        try {
            if (held.isValid()) {
                held.release();
            }
        } catch (IOException e) {
            // The channel was closed (an interrupt closes it): the operating system dropped the lock with it.
        }
    }

    @Override
    public void close() {
        synchronized (OPEN) {
            if (closed) {
                return;
            }
            closed = true;
            Shared shared = OPEN.get(file);
            if (shared != null && --shared.users == 0) {
                OPEN.remove(file);
                shared.close();
            }
        }
    }

    /** The JVM's one channel on a lock file, opened again if an interrupted thread closed it. */
    private static final class Shared {
        private final Path file;
        private int users;
        private FileChannel channel;

        Shared(Path file) {
            this.file = file;
        }

        FileLock lock(long position) {
            for (int attempt = 1; ; attempt++) {
                FileChannel open = channel();
                try {
                    return open.lock(position, 1, false);
                } catch (FileLockInterruptionException e) {
                    Thread.currentThread().interrupt();
                    throw new StorageException("Interrupted while waiting for another Outpost process (" + file + ")",
                            e);
                } catch (ClosedChannelException e) {
                    if (Thread.currentThread().isInterrupted() || attempt >= 3) {
                        throw new StorageException("Interrupted while waiting for another Outpost process (" + file
                                + ")", e);
                    }
                    // Another thread was interrupted while using the channel, which closed it: open it again.
                } catch (IOException e) {
                    throw new StorageException("Cannot lock " + file + ": " + Problems.describe(e), e);
                }
            }
        }

        private synchronized FileChannel channel() {
            if (channel == null || !channel.isOpen()) {
                try {
                    channel = FileChannel.open(HomeFiles.createPrivateFile(file), StandardOpenOption.READ,
                            StandardOpenOption.WRITE);
                } catch (IOException e) {
                    throw new StorageException("Cannot open the lock file " + file + ": " + Problems.describe(e),
                            e);
                }
            }
            return channel;
        }

        synchronized void close() {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException e) {
                    // Closing drops the locks, which is all that matters here.
                }
            }
        }
    }
}
