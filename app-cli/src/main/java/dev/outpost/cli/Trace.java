package dev.outpost.cli;

/** TEMPORARY start-up tracing (OUTPOST_TRACE=1): milliseconds since the JVM started, on standard error. */
public final class Trace {
    private static final boolean ON = System.getenv("OUTPOST_TRACE") != null;
    private static final long START = ProcessHandle.current().info().startInstant().map(i -> i.toEpochMilli()).orElse(0L);

    private Trace() {
    }

    public static void mark(String what) {
        if (ON) {
            System.err.println("TRACE " + (System.currentTimeMillis() - START) + " ms " + what);
        }
    }
}
