package dev.outpost.ports.storage;

import static dev.outpost.ports.storage.StoreFixtures.T0;
import static dev.outpost.ports.storage.StoreFixtures.pending;
import static dev.outpost.ports.storage.StoreFixtures.pendingWithState;
import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.domain.auth.PendingAuthorization;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What every {@link PendingAuthorizationStore} does; extend it with a fresh, empty store per test. */
public abstract class PendingAuthorizationStoreContract {
    private static final Duration LIFETIME = PendingAuthorization.DEFAULT_LIFETIME;

    /** A store with nothing pending; called once per test. */
    protected abstract PendingAuthorizationStore pendingAuthorizationStore();

    @Test
    void takeReturnsTheSavedAuthorizationOnce() {
        PendingAuthorizationStore store = pendingAuthorizationStore();
        PendingAuthorization p = pending("x", T0.plus(LIFETIME));
        store.save(p);

        Optional<PendingAuthorization> taken = store.take(p.state(), T0);
        assertThat(taken).contains(p);
        assertThat(taken.orElseThrow().verifier()).isEqualTo(p.verifier());
        assertThat(store.take(p.state(), T0)).isEmpty();
    }

    @Test
    void thePluginsStateComesBackWithIt() {
        PendingAuthorizationStore store = pendingAuthorizationStore();
        PendingAuthorization withState = pendingWithState("example", T0.plus(LIFETIME));
        PendingAuthorization without = pending("x", T0.plus(LIFETIME));
        store.save(withState);
        store.save(without);

        PendingAuthorization taken = store.take(withState.state(), T0).orElseThrow();
        assertThat(taken).isEqualTo(withState);
        assertThat(taken.pluginState()).isEqualTo(withState.pluginState());
        assertThat(store.take(without.state(), T0).orElseThrow().pluginState()).isNull();
    }

    @Test
    void savingTheSameStateAgainReplacesThePluginsState() {
        PendingAuthorizationStore store = pendingAuthorizationStore();
        PendingAuthorization first = pendingWithState("example", T0.plus(LIFETIME));
        store.save(first);
        PendingAuthorization next = first.withPluginState("registered client 2");
        store.save(next);

        assertThat(store.take(first.state(), T0)).contains(next);
    }

    @Test
    void anUnknownStateFindsNothing() {
        PendingAuthorizationStore store = pendingAuthorizationStore();
        store.save(pending("x", T0.plus(LIFETIME)));
        assertThat(store.take("state-that-was-never-issued-000", T0)).isEmpty();
    }

    @Test
    void anExpiredAuthorizationIsRemovedAndNotReturned() {
        PendingAuthorizationStore store = pendingAuthorizationStore();
        PendingAuthorization p = pending("x", T0.plus(LIFETIME));
        store.save(p);

        assertThat(store.take(p.state(), p.expiresAt())).isEmpty();
        // It is gone, not merely hidden: even an earlier clock finds nothing now.
        assertThat(store.take(p.state(), T0)).isEmpty();
    }

    @Test
    void purgeExpiredRemovesOnlyExpiredOnesAndCountsThem() {
        PendingAuthorizationStore store = pendingAuthorizationStore();
        PendingAuthorization old1 = pending("x", T0.minusSeconds(1));
        PendingAuthorization old2 = pending("x", T0);
        PendingAuthorization fresh = pending("x", T0.plusNanos(1));
        store.save(old1);
        store.save(old2);
        store.save(fresh);

        assertThat(store.purgeExpired(T0)).isEqualTo(2);
        assertThat(store.purgeExpired(T0)).isZero();
        assertThat(store.take(fresh.state(), T0)).contains(fresh);
    }

    @Test
    void ofConcurrentTakesExactlyOneGetsIt() throws Exception {
        PendingAuthorizationStore store = pendingAuthorizationStore();
        PendingAuthorization p = pending("x", T0.plus(LIFETIME));
        store.save(p);

        List<Optional<PendingAuthorization>> results = Concurrently.run(8, i -> store.take(p.state(), T0));

        assertThat(results.stream().filter(Optional::isPresent).count()).isEqualTo(1);
    }
}
