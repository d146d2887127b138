package dev.outpost.cli;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Gives up the run's publication claims when the process is told to stop (Ctrl-C, kill, a closed terminal), before
 * the JVM starts its shutdown hooks. A shutdown hook cannot do it: hooks run at once in no set order, and H2's own hook
 * (which cannot be turned off beside AUTO_SERVER) often closes the database first. A signal handler runs before any
 * hook; it then hands the signal on to the JVM's own handler, so the process ends as it would have (exit 128 + the
 * signal's number, hooks and all). Best effort: SIGKILL cannot be caught, and a claim left behind is taken over by the
 * next run on this machine anyway.
 */
final class StopSignals {
    private static final String[] STOPPING = {"INT", "TERM", "HUP"};

    private StopSignals() {
    }

    /** Runs {@code release} first when a stopping signal arrives; signals the JVM ignores stay ignored. */
    static void releaseFirst(Runnable release) {
        for (String name : STOPPING) {
            try {
                install(new Signal(name), release);
            } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError unavailable) {
                // Not on this platform, or reserved by the JVM (-Xrs): the shutdown hook still tries.
            }
        }
    }

    private static void install(Signal signal, Runnable release) {
        SignalHandler[] previous = new SignalHandler[1];
        previous[0] = Signal.handle(signal, caught -> {
            try {
                release.run();
            } catch (RuntimeException closing) {
                // Best effort, as the lease lapses by itself.
            }
            SignalHandler next = previous[0];
            if (next == SignalHandler.SIG_DFL || next == SignalHandler.SIG_IGN || next == null) {
                Runtime.getRuntime().exit(128 + caught.getNumber());
            } else {
                next.handle(caught);
            }
        });
        if (previous[0] == SignalHandler.SIG_IGN) {
            // Started with the signal ignored (a background job of a script): keep it so.
            Signal.handle(signal, SignalHandler.SIG_IGN);
        }
    }
}
