package dev.outpost.architecture.planted.storage;

import feign.Request;

/** Violation: Feign outside adapters-x. */
public final class StorageUsesFeign {
    public String url(Request request) {
        return request.url();
    }
}
