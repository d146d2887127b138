package dev.outpost.storage;

import dev.outpost.ports.storage.AccountStore;
import dev.outpost.ports.storage.AccountStoreContract;
import dev.outpost.ports.storage.JobQueue;
import dev.outpost.ports.storage.JobQueueContract;
import dev.outpost.ports.platform.fake.FakeClock;
import dev.outpost.ports.storage.PendingAuthorizationStore;
import dev.outpost.ports.storage.PendingAuthorizationStoreContract;
import dev.outpost.ports.storage.PublicationGroupContract;
import dev.outpost.ports.storage.PublicationStore;
import dev.outpost.ports.storage.SavedDraftStore;
import dev.outpost.ports.storage.SavedDraftStoreContract;
import dev.outpost.ports.storage.PublicationStoreContract;
import dev.outpost.ports.storage.SecretVault;
import dev.outpost.ports.storage.SecretVaultContract;
import dev.outpost.ports.storage.SessionStore;
import dev.outpost.ports.storage.SessionStoreContract;
import dev.outpost.ports.storage.Stores;
import dev.outpost.ports.storage.TokenStore;
import dev.outpost.ports.storage.TokenStoreContract;
import dev.outpost.ports.storage.UploadJournal;
import dev.outpost.ports.storage.UploadJournalContract;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;

/**
 * Every store contract against one database technology, opened through its plugin once for the class and emptied per
 * test. A subclass says how to open its database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StoresContractSuite {
    private Stores shared;

    /** Opens the stores of this technology with {@code clock}; each call is a separate instance on one database. */
    abstract Stores open(Clock clock);

    @BeforeAll
    void openShared() {
        shared = open(FakeClock.standard());
    }

    @AfterAll
    void closeShared() {
        shared.close();
    }

    private Stores fresh() {
        TestStores.clear(shared);
        return shared;
    }

    @Nested
    class Accounts extends AccountStoreContract {
        @Override
        protected AccountStore accountStore() {
            return fresh().accounts();
        }
    }

    @Nested
    class Sessions extends SessionStoreContract {
        @Override
        protected SessionStore sessionStore() {
            return fresh().sessions();
        }
    }

    @Nested
    class Tokens extends TokenStoreContract {
        @Override
        protected TokenStore tokenStore() {
            return fresh().tokens();
        }
    }

    @Nested
    class Uploads extends UploadJournalContract {
        @Override
        protected UploadJournal uploadJournal() {
            return fresh().uploads();
        }
    }

    @Nested
    class Publications extends PublicationStoreContract {
        @Override
        protected PublicationStore publicationStore() {
            return fresh().publications();
        }
    }

    @Nested
    class PublicationGroups extends PublicationGroupContract {
        @Override
        protected PublicationStore publicationStore() {
            return fresh().publications();
        }
    }

    @Nested
    class SavedDrafts extends SavedDraftStoreContract {
        @Override
        protected SavedDraftStore savedDraftStore() {
            return fresh().savedDrafts();
        }
    }

    @Nested
    class PendingAuthorizations extends PendingAuthorizationStoreContract {
        @Override
        protected PendingAuthorizationStore pendingAuthorizationStore() {
            return fresh().pendingAuthorizations();
        }
    }

    @Nested
    class Secrets extends SecretVaultContract {
        @Override
        protected SecretVault secretVault() {
            return fresh().secrets();
        }
    }

    @Nested
    class Jobs extends JobQueueContract {
        private Stores own;

        @Override
        protected JobQueue jobQueue(FakeClock clock) {
            TestStores.clear(shared);
            // The queue reads time from the clock it was opened with, so this test opens its own instance.
            own = open(clock);
            return own.jobs();
        }

        @AfterEach
        void closeOwn() {
            if (own != null) {
                own.close();
            }
        }
    }
}
