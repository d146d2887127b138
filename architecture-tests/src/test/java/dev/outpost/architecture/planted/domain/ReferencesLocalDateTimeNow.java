package dev.outpost.architecture.planted.domain;

import java.time.LocalDateTime;
import java.util.function.Supplier;

/** Violation: a method reference reads the time as surely as a call. */
public final class ReferencesLocalDateTimeNow {
    public Supplier<LocalDateTime> clock() {
        return LocalDateTime::now;
    }
}
