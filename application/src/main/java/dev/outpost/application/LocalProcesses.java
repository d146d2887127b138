package dev.outpost.application;

import java.io.IOException;
import java.net.InetAddress;
import java.util.Locale;
import java.util.function.LongPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names a command-line process in claims as {@code cli@<host>:<pid>}, and judges such a holder dead when it names this
 * host and its process is not alive. A holder on another host, a name of another shape (a web instance's), or a host
 * whose name is unknown is never judged dead: those claims end with their lease. A pid reused by a live process only
 * makes the check answer "alive" (a wait, never a wrong take-over).
 */
public final class LocalProcesses implements ClaimHolders {
    private static final String PREFIX = "cli@";
    private static final Pattern NAME = Pattern.compile("^cli@(.+):(\\d{1,18})$");

    /** Null when this host's name is unknown. */
    private final String host;
    private final long self;
    private final LongPredicate alive;

    LocalProcesses(String host, long self, LongPredicate alive) {
        this.host = host;
        this.self = self;
        this.alive = alive;
    }

    /**
     * This process on this host, with the operating system's view of which processes are alive. The host's name is
     * looked up once per process, on first use.
     */
    public static LocalProcesses onThisHost() {
        return ThisHost.INSTANCE;
    }

    /** Holds the one instance, made when {@link #onThisHost} is first called. */
    private static final class ThisHost {
        static final LocalProcesses INSTANCE = new LocalProcesses(hostName(), ProcessHandle.current().pid(),
                pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    }

    /** This process's name in claims: {@code cli@<host>:<pid>}, unique among live processes. */
    public String workerName() {
        return PREFIX + (host == null ? "unknown-host" : host) + ":" + self;
    }

    @Override
    public boolean provablyDead(String holder) {
        Matcher m = NAME.matcher(holder);
        if (host == null || !m.matches() || !m.group(1).equalsIgnoreCase(host)) {
            return false;
        }
        long pid = Long.parseLong(m.group(2));
        return pid != self && !alive.test(pid);
    }

    /** @return null when unknown */
    private static String hostName() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            // Every machine calls itself localhost: that name does not say which one a holder ran on.
            if (name == null || name.isBlank() || name.toLowerCase(Locale.ROOT).startsWith("localhost")) {
                return null;
            }
            return name;
        } catch (IOException unknown) {
            return null;
        }
    }
}
