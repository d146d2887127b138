package dev.outpost.architecture.planted.xsandbox;

import io.javalin.http.Context;
import java.time.Clock;

/** Obeys the Javalin and clock rules: the sandbox is a program of its own. */
public final class SandboxRoutes {
    private final Clock clock = Clock.systemUTC();

    public String path(Context context) {
        return context.path() + clock.instant();
    }
}
