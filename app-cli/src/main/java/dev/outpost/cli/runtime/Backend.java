package dev.outpost.cli.runtime;

import dev.outpost.application.OutpostCore;
import dev.outpost.application.UploadSettings;
import dev.outpost.application.OutpostException;
import dev.outpost.application.LocalProcesses;
import dev.outpost.application.Platforms;
import dev.outpost.application.PublicationRunner;
import dev.outpost.application.boot.OutpostConfig;
import dev.outpost.application.boot.Plugins;
import dev.outpost.ports.platform.PlatformPlugin;
import dev.outpost.ports.storage.StorageConfig;
import dev.outpost.ports.storage.StoragePlugin;
import dev.outpost.ports.storage.Stores;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Opens the core the first time a command needs it (the stores, then the platforms over them, then the use cases),
 * against the platforms as configured or (with {@code --sandbox}) an embedded sandbox, and closes everything at the end
 * of the run: the core, then the stores it was given (their opener closes them). Commands that need no storage (help,
 * completion, the sandbox itself) never open it, so they work before anything is configured.
 */
public final class Backend implements AutoCloseable {
    private final Environment environment;
    private final GlobalOptions options;
    private final Map<String, PlatformPlugin> platformPlugins;
    private final Map<String, StoragePlugin> storagePlugins;
    private final Output output;
    private OutpostConfig config;
    private EmbeddedSandbox sandbox;
    private SandboxAccounts sandboxAccounts;
    private Stores stores;
    private volatile OutpostCore core;
    private Duration claimLease = PublicationRunner.Settings.DEFAULT.lease();
    private LocalProcesses processes;

    public Backend(Environment environment, GlobalOptions options, Map<String, PlatformPlugin> platformPlugins,
            Map<String, StoragePlugin> storagePlugins, Output output) {
        this.environment = environment;
        this.options = options;
        this.platformPlugins = Collections.unmodifiableMap(new LinkedHashMap<>(platformPlugins));
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
                sandboxAccounts = new SandboxAccounts(platformPlugins.containsKey(EmbeddedMastodonSandbox.PLATFORM)
                        ? EmbeddedMastodonSandbox.start(environment.clock()) : null,
                        platformPlugins.containsKey(EmbeddedBlueskySandbox.PLATFORM)
                        ? EmbeddedBlueskySandbox.start(environment.clock()) : null);
                config = sandboxAccounts.configure(sandbox.configure(real));
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

    /**
     * The account a command means by {@code name}: outside the sandbox just {@code name}; in it, nothing named means
     * the X throwaway account, the Mastodon one answers to {@code mastodon} or its user's name (its full handle
     * names the sandbox's port, which changes every run), the Bluesky one to {@code bluesky} or its handle.
     */
    public synchronized String accountName(String name) {
        config();
        if (sandboxAccounts == null) {
            return name;
        }
        core();
        return sandboxAccounts.resolve(name);
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
        StoragePlugin storage;
        try {
            storage = Plugins.choose(storagePlugins, settings.storageId(), "storage");
        } catch (IllegalArgumentException unknown) {
            throw OutpostException.invalid(OutpostConfig.STORAGE, unknown.getMessage());
        }
        PublicationRunner.Settings defaults = PublicationRunner.Settings.DEFAULT;
        Duration lease = claimLease(settings, defaults.lease());
        UploadSettings uploads;
        try {
            uploads = UploadSettings.fromSettings(settings.values());
        } catch (IllegalArgumentException bad) {
            throw OutpostException.invalid("configuration", bad.getMessage());
        }
        Home.create(settings.dataDirectory());
        Clock clock = environment.clock();
        // The stores are this run's to close, whatever happens next: the core never closes them.
        stores = storage.open(new StorageConfig(settings.dataDirectory(), settings.values(), clock));
        Platforms platforms;
        try {
            platforms = Platforms.open(platformPlugins.values(), settings.values(), clock, stores.secrets());
        } catch (IllegalArgumentException unusable) {
            throw OutpostException.invalid("configuration", unusable.getMessage() + unconfiguredHint(settings));
        }
        claimLease = lease;
        OutpostCore.Options coreOptions = OutpostCore.Options.defaults(clock, workerName())
                .withClaimHolders(processes())
                .withUploads(uploads)
                .withPublishing(new PublicationRunner.Settings(lease, defaults.reconcileGrace(),
                        defaults.reconcileLookBack()));
        core = new OutpostCore(stores, platforms, coreOptions);
        if (sandbox != null) {
            var account = core.connectAccount().importCredentials(EmbeddedSandbox.PLATFORM,
                    sandbox.throwawayCredentials());
            output.note("Sandbox: " + core.platforms().platform(EmbeddedSandbox.PLATFORM).displayName()
                    + " is emulated at " + sandbox.baseUrl() + "; posting as @" + account.handle() + "; data in "
                    + settings.dataDirectory());
            sandboxAccounts.connect(core, account, output);
        }
    }

    /**
     * Runs {@code step}; when a platform finds its configuration unusable (reported on first use, so other platforms
     * keep working), adds where settings are read from and how to try without any.
     */
    public <T> T withConfigurationHint(java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (OutpostException e) {
            boolean configuration = e.problems().stream().anyMatch(p -> p.field().equals("configuration"));
            if (!configuration) {
                throw e;
            }
            throw OutpostException.invalid("configuration", e.problems().get(0).message()
                    + unconfiguredHint(config()));
        }
    }

    /**
     * What the command line adds when a plugin finds its configuration unusable (its message says which setting): the
     * callback to register for a browser sign-in, and the way to try everything without configuring anything.
     */
    private String unconfiguredHint(OutpostConfig settings) {
        if (sandbox != null) {
            return "";
        }
        return " Settings are read from the environment or from "
                + settings.dataDirectory().resolve(OutpostConfig.CONFIG_FILE) + "; the command line's sign-in"
                + " callback is " + ConfigKeys.redirectUri(ConfigKeys.DEFAULT_CALLBACK_PORT) + " (another port with"
                + " accounts add --port N). To try Outpost without any account or app, add --sandbox.";
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

    /** Gives up the claims of the publications this process is running; best effort (a signal handler calls it). */
    public void releaseClaims() {
        OutpostCore open = core;
        if (open != null) {
            open.runner().releaseClaims();
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
        if (sandboxAccounts != null) {
            sandboxAccounts.close();
        }
        sandboxAccounts = null;
        core = null;
        stores = null;
        sandbox = null;
    }
}
