package dev.outpost.architecture.planted.storage;

/** Violation: an Impl name says nothing. */
public final class JdbcStoreImpl {
}
