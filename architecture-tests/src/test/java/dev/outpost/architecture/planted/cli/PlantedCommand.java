package dev.outpost.architecture.planted.cli;

import com.google.inject.Injector;
import java.time.Clock;

/** Obeys the Guice and clock rules: the apps wire with Guice and pick the real clock. */
public final class PlantedCommand {
    public Clock clock(Injector injector) {
        return injector == null ? Clock.systemUTC() : injector.getInstance(Clock.class);
    }
}
