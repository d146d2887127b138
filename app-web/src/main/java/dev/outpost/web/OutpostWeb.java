package dev.outpost.web;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.outpost.application.OutpostCore;
import dev.outpost.application.boot.OutpostConfig;
import dev.outpost.application.boot.Plugins;
import dev.outpost.ports.platform.PlatformPlugin;
import dev.outpost.ports.storage.StoragePlugin;
import dev.outpost.ports.storage.Stores;
import dev.outpost.xsandbox.XSandbox;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * One running web app: plugins loaded, storage open, the queue running, the server listening. {@link Main} starts
 * one for {@code java -jar}; tests start several. Closing stops the server, the queue, the storage and the sandbox.
 */
public final class OutpostWeb implements AutoCloseable {
    private final Stores stores;
    private final OutpostCore core;
    private final XMode mode;
    private final WebApp app;

    private OutpostWeb(Stores stores, OutpostCore core, XMode mode, WebApp app) {
        this.stores = stores;
        this.core = core;
        this.mode = mode;
        this.app = app;
    }

    /**
     * @throws IllegalStateException when no plugin, or two with one id, are on the class path
     * @throws IllegalArgumentException when the configuration is unusable (the message says what to fix)
     */
    public static OutpostWeb start(OutpostConfig config, Clock clock) {
        // Before anything writes in it (the sandbox's spool, the storage): the data directory is the user's alone.
        try {
            PrivateFiles.folder(config.dataDirectory());
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("cannot create the data directory " + config.dataDirectory() + ": "
                    + e.getMessage(), e);
        }
        ClassLoader loader = OutpostWeb.class.getClassLoader();
        Map<String, PlatformPlugin> platforms = Plugins.load(PlatformPlugin.class, PlatformPlugin::id, loader);
        Map<String, StoragePlugin> storages = Plugins.load(StoragePlugin.class, StoragePlugin::id, loader);
        Injector injector = Guice.createInjector(new WebModule(config, clock, platforms, storages));
        XMode mode = injector.getInstance(XMode.class);
        Stores stores = null;
        OutpostCore core = null;
        try {
            // The app opened the storage, so the app closes it: the core only stops its queue.
            stores = injector.getInstance(Stores.class);
            core = injector.getInstance(OutpostCore.class);
            WebApp app = WebApp.start(injector.getInstance(WebApp.Parts.class));
            core.startQueue();
            return new OutpostWeb(stores, core, mode, app);
        } catch (RuntimeException e) {
            try {
                if (core != null) {
                    core.close();
                }
            } finally {
                if (stores != null) {
                    stores.close();
                }
                mode.close();
            }
            throw e;
        }
    }

    public URI baseUrl() {
        return app.baseUrl();
    }

    /** Where this mode keeps its data: the home, or {@code <home>/sandbox} in sandbox mode. */
    public java.nio.file.Path dataDirectory() {
        return mode.dataDirectory();
    }

    public OutpostCore core() {
        return core;
    }

    /** The storage this app opened; for tests that look behind the use cases. */
    Stores stores() {
        return stores;
    }

    /** What the start-up line adds about the mode: empty, or that it runs against the embedded sandbox. */
    String modeNote() {
        return mode.startupNote();
    }

    /** The embedded sandbox in sandbox mode. */
    public Optional<XSandbox> sandbox() {
        return mode.embeddedSandbox();
    }

    /** The embedded Mastodon server in sandbox mode. */
    public Optional<dev.outpost.mastodonsandbox.MastodonSandbox> mastodonSandbox() {
        return Optional.ofNullable(mode.mastodon());
    }

    /** The embedded Bluesky server in sandbox mode. */
    public Optional<dev.outpost.blueskysandbox.BlueskySandbox> blueskySandbox() {
        return Optional.ofNullable(mode.bluesky()).map(BlueskySandboxes::server);
    }

    @Override
    public void close() {
        try {
            app.close();
        } finally {
            try {
                core.close();
            } finally {
                try {
                    stores.close();
                } finally {
                    mode.close();
                }
            }
        }
    }
}
