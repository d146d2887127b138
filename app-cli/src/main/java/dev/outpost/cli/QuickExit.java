package dev.outpost.cli;

import java.time.Duration;

/**
 * Lets the JVM exit at once after a command. At exit HotSpot waits up to 300 ms for every thread that is in native
 * code, and each {@code java.net.http.HttpClient} keeps one such thread, its selector, blocked in {@code epoll_wait}
 * for as long as the client lives (Java 17 cannot close a client): a third of a one-image post's time was that wait.
 * Interrupting a selector thread is the client's own way to stop it (its loop ends and it closes the selector), so
 * this is done only when the command is over and nothing more will be sent.
 */
final class QuickExit {
    private static final Duration WAIT = Duration.ofMillis(200);

    private QuickExit() {
    }

    /** Stops the HTTP clients' selector threads and waits briefly for them to end. */
    static void stopHttpSelectors() {
        long deadline = System.nanoTime() + WAIT.toNanos();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith("HttpClient-") && thread.getName().endsWith("-SelectorManager")) {
                thread.interrupt();
                try {
                    thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
