package dev.outpost.storage;

/** TEMPORARY tracing (OUTPOST_TRACE=1). */
final class T {
    private static final boolean ON = System.getenv("OUTPOST_TRACE") != null;
    private static final long START = ProcessHandle.current().info().startInstant().map(i -> i.toEpochMilli()).orElse(0L);

    private T() {
    }

    static void mark(String what) {
        if (ON) {
            System.err.println("TRACE " + (System.currentTimeMillis() - START) + " ms   storage: " + what);
        }
    }
}
