package dev.outpost.architecture.planted.domain;

/** Violation: a grab-bag name. */
public final class StringUtils {
    private StringUtils() {
    }
}
