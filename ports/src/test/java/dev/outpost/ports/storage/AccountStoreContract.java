package dev.outpost.ports.storage;

import static dev.outpost.ports.storage.StoreFixtures.T0;
import static dev.outpost.ports.storage.StoreFixtures.account;
import static dev.outpost.ports.storage.StoreFixtures.accountId;
import static dev.outpost.ports.storage.StoreFixtures.accountOnServer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.domain.account.Account;
import dev.outpost.domain.account.AccountId;
import dev.outpost.domain.account.AccountStatus;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** What every {@link AccountStore} does; extend it with a fresh, empty store per test. */
public abstract class AccountStoreContract {

    /** A store with no accounts; called once per test. */
    protected abstract AccountStore accountStore();

    @Test
    void aSavedAccountIsFoundExactlyAsSaved() {
        AccountStore store = accountStore();
        Account alice = account("1001", "alice");
        store.save(alice);

        assertThat(store.find(alice.id())).contains(alice);
        assertThat(store.find(accountId("9999"))).isEmpty();
    }

    @Test
    void anAccountsServerRoundTripsAndAnAccountWithoutOneHasNone() {
        AccountStore store = accountStore();
        Account onServer = accountOnServer("social.example:109", "alice", "https://social.example:8443/base/?q=%C3%A9");
        Account onX = account("1001", "alice");
        store.save(onServer);
        store.save(onX);

        assertThat(store.find(onServer.id())).contains(onServer);
        assertThat(store.find(onServer.id()).orElseThrow().home())
                .contains(URI.create("https://social.example:8443/base/?q=%C3%A9"));
        assertThat(store.find(onX.id()).orElseThrow().server()).isNull();
        assertThat(store.findByHandle("example", "@Alice")).contains(onServer);
    }

    @Test
    void savingAgainReplacesTheServerAndTheStatusKeepsIt() {
        AccountStore store = accountStore();
        store.save(accountOnServer("1", "alice", "https://old.example"));
        Account moved = accountOnServer("1", "alice", "https://new.example");
        store.save(moved);

        assertThat(store.updateStatus(moved.id(), AccountStatus.NEEDS_RECONNECT)).isTrue();
        assertThat(store.find(moved.id())).contains(moved.withStatus(AccountStatus.NEEDS_RECONNECT));
    }

    @Test
    void savingTheSameIdReplacesTheAccount() {
        AccountStore store = accountStore();
        store.save(account("1001", "alice"));
        Account renamed = new Account(accountId("1001"), "1001", "alice_2", "Alice Two", AccountStatus.CONNECTED,
                T0.plusNanos(1));
        store.save(renamed);

        assertThat(store.find(renamed.id())).contains(renamed);
        assertThat(store.list()).containsExactly(renamed);
    }

    @Test
    void findByHandleIgnoresCaseAndALeadingAt() {
        AccountStore store = accountStore();
        Account alice = account("1001", "Alice_W");
        store.save(alice);

        assertThat(store.findByHandle("x", "alice_w")).contains(alice);
        assertThat(store.findByHandle("x", "@ALICE_W")).contains(alice);
        assertThat(store.findByHandle("mastodon", "alice_w")).isEmpty();
        assertThat(store.findByHandle("x", "alice")).isEmpty();
    }

    @Test
    void listIsOrderedByPlatformThenHandle() {
        AccountStore store = accountStore();
        Account xCarol = account("3", "carol");
        Account xAlice = account("1", "alice");
        Account mastodonBob = new Account(AccountId.of("mastodon", "2"), "2", "bob", null, AccountStatus.CONNECTED,
                T0);
        store.save(xCarol);
        store.save(mastodonBob);
        store.save(xAlice);

        assertThat(store.list()).containsExactly(mastodonBob, xAlice, xCarol);
    }

    @Test
    void updateStatusChangesOnlyTheStatusAndSaysWhetherItDid() {
        AccountStore store = accountStore();
        Account alice = account("1001", "alice");
        store.save(alice);

        assertThat(store.updateStatus(alice.id(), AccountStatus.NEEDS_RECONNECT)).isTrue();
        assertThat(store.find(alice.id())).contains(alice.withStatus(AccountStatus.NEEDS_RECONNECT));
        assertThat(store.updateStatus(accountId("9999"), AccountStatus.CONNECTED)).isFalse();
        assertThat(store.find(accountId("9999"))).isEmpty();
    }

    @Test
    void deleteRemovesOnlyThatAccountAndSaysWhetherItDid() {
        AccountStore store = accountStore();
        Account alice = account("1001", "alice");
        Account bob = account("1002", "bob");
        store.save(alice);
        store.save(bob);

        assertThat(store.delete(alice.id())).isTrue();
        assertThat(store.delete(alice.id())).isFalse();
        assertThat(store.find(alice.id())).isEmpty();
        assertThat(store.list()).containsExactly(bob);
    }
}
