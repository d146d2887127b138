package dev.outpost.cli;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.MapBinder;
import dev.outpost.cli.runtime.Backend;
import dev.outpost.cli.runtime.Environment;
import dev.outpost.cli.runtime.GlobalOptions;
import dev.outpost.cli.runtime.Output;
import dev.outpost.ports.platform.PlatformPlugin;
import dev.outpost.ports.storage.StoragePlugin;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The command line's object graph. Plugins are found outside Guice (in {@code Main}, with {@code ServiceLoader}) and
 * bound here by id; the core itself is opened lazily by {@link Backend}, once the command line says how (the
 * configured platforms or the sandbox).
 */
final class CliModule extends AbstractModule {
    private final Environment environment;
    private final Map<String, PlatformPlugin> platforms;
    private final Map<String, StoragePlugin> storages;

    CliModule(Environment environment, Map<String, PlatformPlugin> platforms, Map<String, StoragePlugin> storages) {
        this.environment = environment;
        // In the order they were found (the class path's): the core lists platforms in it.
        this.platforms = Collections.unmodifiableMap(new LinkedHashMap<>(platforms));
        this.storages = Collections.unmodifiableMap(new LinkedHashMap<>(storages));
    }

    @Override
    protected void configure() {
        bind(Environment.class).toInstance(environment);
        bind(GlobalOptions.class).toInstance(new GlobalOptions());
        MapBinder<String, PlatformPlugin> platformBinder = MapBinder.newMapBinder(binder(), String.class,
                PlatformPlugin.class);
        platforms.forEach((id, plugin) -> platformBinder.addBinding(id).toInstance(plugin));
        MapBinder<String, StoragePlugin> storageBinder = MapBinder.newMapBinder(binder(), String.class,
                StoragePlugin.class);
        storages.forEach((id, plugin) -> storageBinder.addBinding(id).toInstance(plugin));
    }

    @Provides
    Clock clock() {
        return environment.clock();
    }

    @Provides
    @Singleton
    Output output(GlobalOptions options) {
        return new Output(environment, options);
    }

    @Provides
    @Singleton
    Backend backend(GlobalOptions options, Map<String, PlatformPlugin> platformPlugins,
            Map<String, StoragePlugin> storagePlugins, Output output) {
        return new Backend(environment, options, platformPlugins, storagePlugins, output);
    }

    @Provides
    @Singleton
    ErrorHandler errors(Output output, GlobalOptions options) {
        return new ErrorHandler(output, options, environment);
    }
}
