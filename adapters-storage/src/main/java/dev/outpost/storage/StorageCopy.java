package dev.outpost.storage;

import dev.outpost.domain.account.Account;
import dev.outpost.domain.auth.TokenSet;
import dev.outpost.domain.post.Publication;
import dev.outpost.domain.upload.UploadCheckpoint;
import dev.outpost.ports.storage.PublicationStore;
import dev.outpost.ports.storage.Stores;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Copies what one storage holds into another through the ports, such as from H2 to PostgreSQL: accounts with their
 * tokens (re-sealed with the target's key), the plugins' secrets (likewise), unfinished uploads, and publications,
 * whose unfinished ones are scheduled again in the target's queue at their due time. Pending authorizations are
 * short-lived and not copied, nor are checkpoints of finished uploads. Stop every instance using the source first,
 * so nothing changes during the copy. Running it again replaces accounts, tokens, secrets and uploads, and skips
 * publications the target already has.
 *
 * <p>The secrets are read from this module's own stores: the {@link dev.outpost.ports.storage.SecretVault} port
 * cannot list them, so a source of another kind has its secrets left behind (its plugins then register again).
 */
public final class StorageCopy {
    private StorageCopy() {
    }

    /** What was copied. */
    public record Result(int accounts, int tokenSets, int secrets, int uploads, int publications,
            int skippedPublications, int scheduledJobs) {
    }

    public static Result copy(Stores from, Stores to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        int accounts = 0;
        int tokenSets = 0;
        for (Account account : from.accounts().list()) {
            to.accounts().save(account);
            accounts++;
            Optional<TokenSet> tokens = from.tokens().find(account.id());
            if (tokens.isPresent()) {
                to.tokens().put(account.id(), tokens.get());
                tokenSets++;
            }
        }
        int secrets = 0;
        if (from instanceof JdbcStores jdbc) {
            for (JdbcSecretVault.Entry secret : jdbc.secretVault().all()) {
                to.secrets().put(secret.platformId(), secret.key(), secret.value());
                secrets++;
            }
        }
        int uploads = 0;
        for (UploadCheckpoint checkpoint : from.uploads().listUnfinished()) {
            to.uploads().save(checkpoint);
            uploads++;
        }
        int publications = 0;
        int skipped = 0;
        int scheduled = 0;
        for (Publication p : from.publications().list(new PublicationStore.Query(Set.of(), null, Integer.MAX_VALUE))) {
            if (to.publications().find(p.id()).isPresent()) {
                skipped++;
                continue;
            }
            to.publications().create(p);
            publications++;
            if (!p.state().isTerminal()) {
                to.jobs().schedule(p.id(), p.dueAt());
                scheduled++;
            }
        }
        return new Result(accounts, tokenSets, secrets, uploads, publications, skipped, scheduled);
    }
}
