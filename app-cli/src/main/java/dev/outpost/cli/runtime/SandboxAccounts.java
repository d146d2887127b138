package dev.outpost.cli.runtime;

import dev.outpost.application.OutpostCore;
import dev.outpost.domain.account.Account;
import java.util.Locale;

/**
 * The throwaway accounts of one {@code --sandbox} run: the X sandbox's (connected by {@link Backend}) and, when the
 * Mastodon plugin is on the class path, the embedded Mastodon server's. X stays the default so that a command naming
 * no account behaves as it always did; {@code --account mastodon} (or {@code @alice}) picks the Mastodon one.
 */
final class SandboxAccounts implements AutoCloseable {
    private final EmbeddedMastodonSandbox mastodon;
    private Account x;
    private Account mastodonAccount;

    SandboxAccounts(EmbeddedMastodonSandbox mastodonOrNull) {
        this.mastodon = mastodonOrNull;
    }

    /**
     * Imports the Mastodon throwaway account after forgetting those of earlier runs: their servers (other ports) are
     * gone, and imported tokens are not revoked on removal, so nothing is sent anywhere.
     */
    void connect(OutpostCore core, Account xAccount, Output output) {
        this.x = xAccount;
        if (mastodon == null) {
            return;
        }
        for (Account stale : core.accounts().list()) {
            if (stale.platformId().equals(EmbeddedMastodonSandbox.PLATFORM) && !mastodon.serves(stale.server())) {
                core.connectAccount().disconnect(stale.id());
            }
        }
        mastodonAccount = core.connectAccount().importCredentials(EmbeddedMastodonSandbox.PLATFORM,
                mastodon.throwawayCredentials());
        output.note("Sandbox: " + core.platforms().platform(EmbeddedMastodonSandbox.PLATFORM).displayName()
                + " is emulated at " + mastodon.baseUrl() + "; post there with --account "
                + EmbeddedMastodonSandbox.PLATFORM + " (@" + mastodonAccount.handle() + ")");
    }

    String resolve(String name) {
        if (name == null || name.isBlank()) {
            return x == null ? name : x.id().value();
        }
        if (mastodonAccount != null) {
            String wanted = name.trim();
            wanted = (wanted.startsWith("@") ? wanted.substring(1) : wanted).toLowerCase(Locale.ROOT);
            String handle = mastodonAccount.handle().toLowerCase(Locale.ROOT);
            int at = handle.indexOf('@');
            if (wanted.equals(EmbeddedMastodonSandbox.PLATFORM) || (at > 0 && wanted.equals(handle.substring(0, at)))) {
                return mastodonAccount.id().value();
            }
        }
        return name;
    }

    @Override
    public void close() {
        if (mastodon != null) {
            mastodon.close();
        }
    }
}
