package dev.outpost.cli.runtime;

/**
 * The flags every command accepts, in one place: picocli sets them on whichever command they were typed after, and
 * everything else reads them here. Flags only ever switch on, so picocli resetting a command's options before
 * parsing it cannot undo a flag typed earlier on the line.
 */
public final class GlobalOptions {
    private volatile boolean json;
    private volatile boolean quiet;
    private volatile boolean verbose;
    private volatile boolean sandbox;

    public boolean json() {
        return json;
    }

    public boolean quiet() {
        return quiet;
    }

    public boolean verbose() {
        return verbose;
    }

    public boolean sandbox() {
        return sandbox;
    }

    public void enableJson() {
        json = true;
    }

    public void enableQuiet() {
        quiet = true;
    }

    public void enableVerbose() {
        verbose = true;
    }

    public void enableSandbox() {
        sandbox = true;
    }
}
