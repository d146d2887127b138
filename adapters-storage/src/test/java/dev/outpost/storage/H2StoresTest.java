package dev.outpost.storage;

import dev.outpost.ports.storage.AccountStore;
import dev.outpost.ports.storage.AccountStoreContract;
import dev.outpost.ports.storage.JobQueue;
import dev.outpost.ports.storage.JobQueueContract;
import dev.outpost.ports.platform.fake.FakeClock;
import dev.outpost.ports.storage.PendingAuthorizationStore;
import dev.outpost.ports.storage.PendingAuthorizationStoreContract;
import dev.outpost.ports.storage.PublicationStore;
import dev.outpost.ports.storage.PublicationStoreContract;
import dev.outpost.ports.storage.Stores;
import dev.outpost.ports.storage.TokenStore;
import dev.outpost.ports.storage.TokenStoreContract;
import dev.outpost.ports.storage.UploadJournal;
import dev.outpost.ports.storage.UploadJournalContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/** Every store contract against an H2 file database, opened through its plugin once for the class and emptied per test. */
class H2StoresTest {
    @TempDir
    static Path dataDir;
    private static Stores shared;

    @BeforeAll
    static void open() {
        shared = TestStores.h2(dataDir, FakeClock.standard());
    }

    @AfterAll
    static void close() {
        shared.close();
    }

    private static Stores fresh() {
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
    class PendingAuthorizations extends PendingAuthorizationStoreContract {
        @Override
        protected PendingAuthorizationStore pendingAuthorizationStore() {
            return fresh().pendingAuthorizations();
        }
    }

    @Nested
    class Jobs extends JobQueueContract {
        private Stores own;

        @Override
        protected JobQueue jobQueue(FakeClock clock) {
            TestStores.clear(shared);
            // The queue reads time from the clock it was opened with, so this test opens its own instance.
            own = TestStores.h2(dataDir, clock);
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
