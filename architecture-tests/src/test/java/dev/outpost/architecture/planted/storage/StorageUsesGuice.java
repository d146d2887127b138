package dev.outpost.architecture.planted.storage;

import com.google.inject.Injector;

/** Violation: Guice outside the apps. */
public final class StorageUsesGuice {
    public Object get(Injector injector) {
        return injector.getInstance(PlantedStore.class);
    }
}
