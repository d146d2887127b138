package dev.outpost.cli.runtime;

import dev.outpost.application.OutpostCore;
import dev.outpost.application.UploadSettings;
import dev.outpost.application.OutpostException;
import dev.outpost.application.LocalProcesses;
import dev.outpost.application.Platforms;
import dev.outpost.application.PublicationRunner;
import dev.outpost.application.boot.OutpostConfig;
import dev.outpost.application.boot.Plugins;
import dev.outpost.domain.post.PublicationId;
import dev.outpost.ports.platform.PlatformContext;
import dev.outpost.ports.platform.PlatformPlugin;
import dev.outpost.ports.storage.StorageConfig;
import dev.outpost.ports.storage.StoragePlugin;
import dev.outpost.ports.storage.Stores;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Opens the core the first time a command needs it, against X or (with {@code --sandbox}) an embedded sandbox, and
 * closes everything at the end of the run. Commands that need no storage (help, completion, the sandbox itself) never
 * open it, so they work before anything is configured.
 */
public final class Backend implements AutoCloseable {
    private final Environment environment;
    private final GlobalOptions options;
    private final Map<String, PlatformPlugin> platformPlugins;
    private final Map<String, StoragePlugin> storagePlugins;
    private final Output output;
    private OutpostConfig config;
    private EmbeddedSandbox sandbox;
    private Stores stores;
    private OutpostCore core;
    private Duration claimLease = PublicationRunner.Settings.DEFAULT.lease();
    private final Set<PublicationId> running = ConcurrentHashMap.newKeySet();
    private LocalProcesses processes;

    public Backend(Environment environment, GlobalOptions options, Map<String, PlatformPlugin> platformPlugins,
            Map<String, StoragePlugin> storagePlugins, Output output) {
        this.environment = environment;
        this.options = options;
        this.platformPlugins = Map.copyOf(platformPlugins);
        this.storagePlugins = Map.copyOf(storagePlugins);
        this.output = output;
    }

    /** The configuration in force: the environment over {@code <home>/config.properties}, or the sandbox's. */
    public synchronized OutpostConfig config() {
        if (config == null) {
            OutpostConfig real;
            try {
                real = OutpostConfig.load(environment.variables(), environment.userHome());
            } catch (IllegalArgumentException unreadable) {
                throw OutpostException.invalid("config", unreadable.getMessage());
            }
            if (options.sandbox()) {
                sandbox = EmbeddedSandbox.start(environment.clock());
                config = sandbox.configure(real);
            } else {
                config = real;
            }
        }
        return config;
    }

    public synchronized OutpostCore core() {
        if (core == null) {
            open();
        }
        return core;
    }

    /** The embedded sandbox, when this run uses one. */
    public synchronized Optional<EmbeddedSandbox> sandbox() {
        config();
        return Optional.ofNullable(sandbox);
    }

    /** How long a publication's claim holds without a heartbeat (valid once the core is open). */
    public synchronized Duration claimLease() {
        return claimLease;
    }

    public Clock clock() {
        return environment.clock();
    }

    private void open() {
        OutpostConfig settings = config();
        if (sandbox == null) {
            requireClientId(settings);
        }
        StoragePlugin storage;
        try {
            storage = Plugins.choose(storagePlugins, settings.storageId(), "storage");
        } catch (IllegalArgumentException unknown) {
            throw OutpostException.invalid(OutpostConfig.STORAGE, unknown.getMessage());
        }
        try {
            Files.createDirectories(settings.dataDirectory());
        } catch (IOException e) {
            throw OutpostException.invalid(OutpostConfig.HOME, "cannot create the data directory "
                    + settings.dataDirectory() + " (" + e.getMessage() + "); set OUTPOST_HOME to a writable place");
        }
        Clock clock = environment.clock();
        Platforms platforms;
        try {
            platforms = Platforms.open(platformPlugins.values(), new PlatformContext(settings.values(), clock));
        } catch (IllegalArgumentException unusable) {
            throw OutpostException.invalid("configuration", unusable.getMessage());
        }
        stores = storage.open(new StorageConfig(settings.dataDirectory(), settings.values(), clock));
        PublicationRunner.Settings defaults = PublicationRunner.Settings.DEFAULT;
        claimLease = claimLease(settings, defaults.lease());
        UploadSettings uploads;
        try {
            uploads = UploadSettings.fromSettings(settings.values());
        } catch (IllegalArgumentException bad) {
            throw OutpostException.invalid("configuration", bad.getMessage());
        }
        OutpostCore.Options coreOptions = OutpostCore.Options.defaults(clock, workerName())
                .withClaimHolders(processes())
                .withUploads(uploads)
                .withPublishing(new PublicationRunner.Settings(claimLease, defaults.reconcileGrace(),
                        defaults.reconcileLookBack()));
        core = new OutpostCore(stores, platforms, coreOptions);
        if (sandbox != null) {
            var account = core.connectAccount().importTokens("x", sandbox.throwawayTokens(clock));
            output.note("Sandbox: X is emulated at " + sandbox.baseUrl() + "; posting as @" + account.handle()
                    + "; data in " + settings.dataDirectory());
        }
    }

    private void requireClientId(OutpostConfig settings) {
        if (platformPlugins.containsKey("x") && settings.get(ConfigKeys.X_CLIENT_ID).isEmpty()) {
            throw OutpostException.invalid(ConfigKeys.X_CLIENT_ID, "no X app is configured. Register one at"
                    + " https://developer.x.com (Projects & Apps > your app > User authentication settings: OAuth 2.0,"
                    + " type Native App, callback URI " + ConfigKeys.redirectUri(ConfigKeys.DEFAULT_CALLBACK_PORT)
                    + "), then set OUTPOST_X_CLIENT_ID (and OUTPOST_X_CLIENT_SECRET for a confidential app) in the"
                    + " environment or in " + settings.dataDirectory().resolve(OutpostConfig.CONFIG_FILE)
                    + ". To try Outpost without X, add --sandbox.");
        }
    }

    private static Duration claimLease(OutpostConfig settings, Duration fallback) {
        Optional<String> seconds = settings.get(ConfigKeys.CLAIM_LEASE_SECONDS);
        if (seconds.isEmpty()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(seconds.get().trim());
            if (value >= 3) {
                return Duration.ofSeconds(value);
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw OutpostException.invalid(ConfigKeys.CLAIM_LEASE_SECONDS, "'" + seconds.get() + "' is not a number of"
                + " seconds of at least 3");
    }

    /**
     * Names this process in publication claims, {@code cli@<host>:<pid>}: two runs on one machine never share a
     * claim, and a later run on this machine can tell that the process is gone and take its claim over at once.
     */
    public String workerName() {
        return processes().workerName();
    }

    /** Looked up when first needed: commands that open no storage do not wait for the host's name. */
    private synchronized LocalProcesses processes() {
        if (processes == null) {
            processes = LocalProcesses.onThisHost();
        }
        return processes;
    }

    /**
     * Notes that this process runs the publication in the foreground, so that closing (also on Ctrl-C or kill)
     * gives up its claim and `publications resume` need not wait for the lease to lapse.
     */
    public void running(PublicationId id) {
        running.add(id);
    }

    /**
     * Gives up the claims of the publications this process runs in the foreground, so that another run need not wait
     * for their lease; the process is about to end. Best effort.
     */
    public synchronized void releaseClaims() {
        if (stores == null) {
            return;
        }
        String worker = workerName();
        for (PublicationId id : running) {
            try {
                stores.publications().release(id, worker);
            } catch (RuntimeException closing) {
                // Best effort: the lease lapses by itself anyway, and this machine's next run takes it over.
            }
        }
    }

    @Override
    public synchronized void close() {
        releaseClaims();
        if (core != null) {
            core.close();
        }
        if (stores != null) {
            stores.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
        core = null;
        stores = null;
        sandbox = null;
    }
}
