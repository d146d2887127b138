package dev.outpost.cli.runtime;

import dev.outpost.application.OutpostCore;
import dev.outpost.application.boot.OutpostConfig;
import dev.outpost.domain.account.Account;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The throwaway accounts of one {@code --sandbox} run: the X sandbox's (connected by {@link Backend}) and, when their
 * plugins are on the class path, the embedded Mastodon and Bluesky servers'. X stays the default so that a command
 * naming no account behaves as it always did; {@code --account mastodon} (or {@code @alice}) picks the Mastodon one,
 * {@code --account bluesky} (or {@code alice.test}) the Bluesky one.
 */
final class SandboxAccounts implements AutoCloseable {
    private final EmbeddedMastodonSandbox mastodon;
    private final EmbeddedBlueskySandbox bluesky;
    private Account x;
    private Account mastodonAccount;
    private Account blueskyAccount;

    SandboxAccounts(EmbeddedMastodonSandbox mastodonOrNull, EmbeddedBlueskySandbox blueskyOrNull) {
        this.mastodon = mastodonOrNull;
        this.bluesky = blueskyOrNull;
    }

    /** The sandbox run's configuration with the plugin settings the embedded servers need. */
    OutpostConfig configure(OutpostConfig sandboxConfig) {
        if (bluesky == null) {
            return sandboxConfig;
        }
        Map<String, String> values = new TreeMap<>(sandboxConfig.values());
        values.putAll(bluesky.settings());
        return OutpostConfig.of(sandboxConfig.dataDirectory(), values);
    }

    /**
     * Connects the throwaway accounts after forgetting those of earlier runs: their servers (other ports) are gone,
     * so their revocation reaches nobody and is skipped by the core as best effort.
     */
    void connect(OutpostCore core, Account xAccount, Output output) {
        this.x = xAccount;
        if (mastodon != null) {
            forgetStale(core, EmbeddedMastodonSandbox.PLATFORM, mastodon::serves);
            mastodonAccount = core.connectAccount().importCredentials(EmbeddedMastodonSandbox.PLATFORM,
                    mastodon.throwawayCredentials());
            note(core, output, EmbeddedMastodonSandbox.PLATFORM, mastodon.baseUrl(), "@" + mastodonAccount.handle());
        }
        if (bluesky != null) {
            forgetStale(core, EmbeddedBlueskySandbox.PLATFORM, bluesky::serves);
            // An app-password sign-in needs no browser, so no callback is ever used; the core wants one all the same.
            var started = core.connectAccount().start(EmbeddedBlueskySandbox.PLATFORM, EmbeddedBlueskySandbox.METHOD,
                    bluesky.throwawaySignIn(), URI.create(bluesky.baseUrl()), "cli");
            blueskyAccount = ((dev.outpost.application.ConnectAccount.Started.Connected) started).account();
            note(core, output, EmbeddedBlueskySandbox.PLATFORM, bluesky.baseUrl(), "@" + blueskyAccount.handle());
        }
    }

    private static void forgetStale(OutpostCore core, String platform, Predicate<URI> served) {
        for (Account stale : core.accounts().list()) {
            if (stale.platformId().equals(platform) && !served.test(stale.server())) {
                core.connectAccount().disconnect(stale.id());
            }
        }
    }

    private static void note(OutpostCore core, Output output, String platform, String url, String handle) {
        output.note("Sandbox: " + core.platforms().platform(platform).displayName() + " is emulated at " + url
                + "; post there with --account " + platform + " (" + handle + ")");
    }

    String resolve(String name) {
        if (name == null || name.isBlank()) {
            return x == null ? name : x.id().value();
        }
        String wanted = name.trim();
        wanted = (wanted.startsWith("@") ? wanted.substring(1) : wanted).toLowerCase(Locale.ROOT);
        if (mastodonAccount != null) {
            String handle = mastodonAccount.handle().toLowerCase(Locale.ROOT);
            int at = handle.indexOf('@');
            if (wanted.equals(EmbeddedMastodonSandbox.PLATFORM) || (at > 0 && wanted.equals(handle.substring(0, at)))) {
                return mastodonAccount.id().value();
            }
        }
        if (blueskyAccount != null && (wanted.equals(EmbeddedBlueskySandbox.PLATFORM)
                || wanted.equals(blueskyAccount.handle().toLowerCase(Locale.ROOT)))) {
            return blueskyAccount.id().value();
        }
        return name;
    }

    @Override
    public void close() {
        if (mastodon != null) {
            mastodon.close();
        }
        if (bluesky != null) {
            bluesky.close();
        }
    }
}
