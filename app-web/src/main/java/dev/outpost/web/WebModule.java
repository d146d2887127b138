package dev.outpost.web;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.MapBinder;
import dev.outpost.application.OutpostCore;
import dev.outpost.application.Platforms;
import dev.outpost.application.boot.OutpostConfig;
import dev.outpost.application.boot.Plugins;
import dev.outpost.ports.platform.PlatformPlugin;
import dev.outpost.ports.storage.StorageConfig;
import dev.outpost.ports.storage.StoragePlugin;
import dev.outpost.ports.storage.Stores;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;

/**
 * The web app's wiring. Plugins are found with {@link java.util.ServiceLoader} before Guice starts (the caller
 * passes them in) and bound by id; everything else is made once.
 */
final class WebModule extends AbstractModule {
    private final OutpostConfig config;
    private final Clock clock;
    private final Map<String, PlatformPlugin> platforms;
    private final Map<String, StoragePlugin> storages;
    /** This instance's name in publication claims: host plus a random suffix, so two on one host differ. */
    private final String worker = workerName();

    WebModule(OutpostConfig config, Clock clock, Map<String, PlatformPlugin> platforms,
            Map<String, StoragePlugin> storages) {
        this.config = config;
        this.clock = clock;
        this.platforms = platforms;
        this.storages = storages;
    }

    @Override
    protected void configure() {
        bind(OutpostConfig.class).toInstance(config);
        bind(Clock.class).toInstance(clock);
        MapBinder<String, PlatformPlugin> platformBinder = MapBinder.newMapBinder(binder(), String.class,
                PlatformPlugin.class);
        platforms.forEach((id, plugin) -> platformBinder.addBinding(id).toInstance(plugin));
        MapBinder<String, StoragePlugin> storageBinder = MapBinder.newMapBinder(binder(), String.class,
                StoragePlugin.class);
        storages.forEach((id, plugin) -> storageBinder.addBinding(id).toInstance(plugin));
    }

    @Provides
    @Singleton
    XMode mode(OutpostConfig config) {
        return XMode.choose(config);
    }

    @Provides
    @Singleton
    WebSettings settings(OutpostConfig config) {
        return WebSettings.from(config);
    }

    @Provides
    @Singleton
    Stores stores(Map<String, StoragePlugin> storages, OutpostConfig config, XMode mode, Clock clock) {
        String id = mode.isSandbox() ? OutpostConfig.DEFAULT_STORAGE : config.storageId();
        StoragePlugin plugin = Plugins.choose(storages, id, "storage (OUTPOST_STORAGE)");
        return plugin.open(new StorageConfig(mode.dataDirectory(), mode.settings(), clock));
    }

    @Provides
    @Singleton
    Platforms platforms(Map<String, PlatformPlugin> plugins, XMode mode, Clock clock, Stores stores) {
        return Platforms.open(plugins.values(), mode.settings(), clock, stores.secrets());
    }

    @Provides
    @Singleton
    OutpostCore core(Stores stores, Platforms platforms, Clock clock, XMode mode) {
        return new OutpostCore(stores, platforms, options(clock, mode, worker));
    }

    private static OutpostCore.Options options(Clock clock, XMode mode, String workerName) {
        return OutpostCore.Options.defaults(clock, workerName)
                .withUploads(dev.outpost.application.UploadSettings.fromSettings(mode.settings()));
    }

    @Provides
    @Singleton
    WebApp.Parts parts(OutpostCore core, XMode mode, WebSettings settings, OutpostConfig config, Clock clock,
            Stores stores, Platforms platforms) {
        ProgressHub hub = new ProgressHub(clock);
        WebMetrics metrics = new WebMetrics(core.publications());
        core.progress().subscribe(hub);
        core.progress().subscribe(metrics);
        // A second worker of this instance for publications due now, under a name of its own so claims keep it and
        // the queue's worker apart; its queue is never started (the first core's is the instance's queue).
        OutpostCore now = new OutpostCore(stores, platforms, options(clock, mode, worker + "-now"));
        now.progress().subscribe(hub);
        now.progress().subscribe(metrics);
        Sessions sessions = new Sessions(sessionStore(stores), clock, settings.sessionIdle());
        return new WebApp.Parts(core, mode, settings, sessions,
                new AdminPassword(settings.password(), config.dataDirectory().resolve("web-admin.properties")),
                new UploadStore(mode.dataDirectory().resolve("uploads")), hub, metrics, clock,
                new RunNow(now, clock), new SignInThrottle(SignInThrottle.Policy.DEFAULT, clock));
    }

    /** Sessions live in the storage, so a restart or a second instance keeps people signed in. */
    private static dev.outpost.ports.storage.SessionStore sessionStore(Stores stores) {
        try {
            return stores.sessions();
        } catch (UnsupportedOperationException e) {
            throw new IllegalArgumentException("the storage plugin (OUTPOST_STORAGE) keeps no web sessions, which the"
                    + " web app needs; use sqlite (the default), h2 or postgres");
        }
    }

    private static String workerName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return "web-" + host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
