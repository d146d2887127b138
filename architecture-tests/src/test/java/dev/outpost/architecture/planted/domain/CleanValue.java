package dev.outpost.architecture.planted.domain;

/** Obeys every rule: the rules must not report it. */
public record CleanValue(String text) {
}
