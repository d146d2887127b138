package dev.outpost.ports.storage;

import static dev.outpost.ports.storage.StoreFixtures.accountId;
import static dev.outpost.ports.storage.StoreFixtures.tokens;
import static dev.outpost.ports.storage.StoreFixtures.tokensWithExtra;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outpost.domain.account.AccountId;
import dev.outpost.domain.auth.TokenSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What every {@link TokenStore} does; extend it with a fresh, empty store per test. */
public abstract class TokenStoreContract {
    private static final AccountId ALICE = accountId("1001");
    private static final AccountId BOB = accountId("1002");

    /** A store with no tokens; called once per test. */
    protected abstract TokenStore tokenStore();

    @Test
    void anAccountWithoutTokensHasNone() {
        assertThat(tokenStore().find(ALICE)).isEmpty();
    }

    @Test
    void aFirstPutStoresVersionOneWhateverVersionItCarries() {
        TokenStore store = tokenStore();
        TokenSet stored = store.put(ALICE, tokens("a").withVersion(7));

        assertThat(stored).isEqualTo(tokens("a").withVersion(1));
        assertThat(store.find(ALICE)).contains(tokens("a").withVersion(1));
    }

    @Test
    void tokensRoundTripExactlyWithAndWithoutARefreshToken() {
        TokenStore store = tokenStore();
        TokenSet noRefresh = TokenSet.issued("only-access", null, Instant.parse("2031-01-01T00:00:00.000000001Z"),
                Set.of());
        store.put(ALICE, noRefresh);
        store.put(BOB, tokens("b"));

        assertThat(store.find(ALICE)).contains(noRefresh.withVersion(1));
        assertThat(store.find(ALICE).orElseThrow().canRefresh()).isFalse();
        assertThat(store.find(BOB)).contains(tokens("b").withVersion(1));
    }

    @Test
    void tokensWithoutExpiryAndWithPluginStateRoundTripExactly() {
        TokenStore store = tokenStore();
        TokenSet forever = tokensWithExtra("a");
        assertThat(forever.expiresAt()).isNull();
        store.put(ALICE, forever);

        TokenSet found = store.find(ALICE).orElseThrow();
        assertThat(found).isEqualTo(forever.withVersion(1));
        assertThat(found.extra()).isEqualTo(forever.extra());
        assertThat(found.expiry()).isEmpty();
        assertThat(found.needsRefresh(Instant.MAX.minusSeconds(3600))).isFalse();
    }

    @Test
    void aLongPluginStateRoundTrips() {
        TokenStore store = tokenStore();
        TokenSet big = tokens("a").withExtra("k".repeat(20_000) + "\u00e9\ud83d\udc4b");
        store.put(ALICE, big);

        assertThat(store.find(ALICE)).contains(big.withVersion(1));
    }

    @Test
    void replacingASetReplacesItsPluginStateAndExpiryToo() {
        TokenStore store = tokenStore();
        store.put(ALICE, tokensWithExtra("a"));
        store.put(ALICE, tokens("b"));
        assertThat(store.find(ALICE)).contains(tokens("b").withVersion(2));

        store.compareAndSwap(ALICE, 2, tokensWithExtra("c")).orElseThrow();
        assertThat(store.find(ALICE)).contains(tokensWithExtra("c").withVersion(3));
        store.compareAndSwap(ALICE, 3, tokens("d")).orElseThrow();
        assertThat(store.find(ALICE).orElseThrow().extra()).isNull();
        assertThat(store.find(ALICE).orElseThrow().expiresAt()).isEqualTo(tokens("d").expiresAt());
    }

    @Test
    void compareAndSwapCarriesThePluginState() {
        TokenStore store = tokenStore();
        store.put(ALICE, tokensWithExtra("a"));
        TokenSet rotated = tokensWithExtra("a").withExtra("{\"dpop-nonce\":\"n2\"}");

        assertThat(store.compareAndSwap(ALICE, 1, rotated)).contains(rotated.withVersion(2));
        assertThat(store.compareAndSwap(ALICE, 1, tokensWithExtra("late"))).isEmpty();
        assertThat(store.find(ALICE)).contains(rotated.withVersion(2));
    }

    @Test
    void aRefreshThatChangesOnlyThePluginStateIsStored() {
        TokenStore store = tokenStore();
        TokenSet stored = store.put(ALICE, tokensWithExtra("a"));

        TokenSet result = store.refreshExclusively(ALICE, current -> current.withExtra("nonce-2"));

        assertThat(result).isEqualTo(stored.withExtra("nonce-2").withVersion(2));
        assertThat(store.find(ALICE)).contains(result);
    }

    @Test
    void ofConcurrentSwapsOfPluginStateExactlyOneWins() throws Exception {
        TokenStore store = tokenStore();
        store.put(ALICE, tokensWithExtra("a"));
        List<Optional<TokenSet>> results = Concurrently.run(8, i -> store.compareAndSwap(ALICE, 1,
                tokensWithExtra("a").withExtra("state-" + i)));

        List<TokenSet> winners = results.stream().flatMap(Optional::stream).toList();
        assertThat(winners).hasSize(1);
        assertThat(store.find(ALICE)).contains(winners.get(0));
    }

    @Test
    void putReplacesTheSetAndCountsOnFromItsVersion() {
        TokenStore store = tokenStore();
        store.put(ALICE, tokens("a"));
        TokenSet second = store.put(ALICE, tokens("a2"));

        assertThat(second.version()).isEqualTo(2);
        assertThat(store.find(ALICE)).contains(tokens("a2").withVersion(2));
    }

    @Test
    void compareAndSwapWithTheStoredVersionReplacesTheSet() {
        TokenStore store = tokenStore();
        store.put(ALICE, tokens("a"));

        Optional<TokenSet> swapped = store.compareAndSwap(ALICE, 1, tokens("rotated"));

        assertThat(swapped).contains(tokens("rotated").withVersion(2));
        assertThat(store.find(ALICE)).contains(tokens("rotated").withVersion(2));
    }

    @Test
    void compareAndSwapWithAStaleVersionLosesAndChangesNothing() {
        TokenStore store = tokenStore();
        store.put(ALICE, tokens("a"));
        store.compareAndSwap(ALICE, 1, tokens("winner"));

        assertThat(store.compareAndSwap(ALICE, 1, tokens("loser"))).isEmpty();
        assertThat(store.find(ALICE)).contains(tokens("winner").withVersion(2));
    }

    @Test
    void compareAndSwapOnAnAccountWithoutTokensLoses() {
        TokenStore store = tokenStore();
        assertThat(store.compareAndSwap(ALICE, 0, tokens("a"))).isEmpty();
        assertThat(store.find(ALICE)).isEmpty();
    }

    @Test
    void ofConcurrentSwapsFromOneVersionExactlyOneWins() throws Exception {
        TokenStore store = tokenStore();
        store.put(ALICE, tokens("a"));
        List<Optional<TokenSet>> results = Concurrently.run(8, i -> store.compareAndSwap(ALICE, 1, tokens("t" + i)));

        List<TokenSet> winners = results.stream().flatMap(Optional::stream).toList();
        assertThat(winners).hasSize(1);
        assertThat(store.find(ALICE)).contains(winners.get(0));
        assertThat(winners.get(0).version()).isEqualTo(2);
    }

    @Test
    void refreshExclusivelyHandsTheStoredSetAndStoresTheNewOne() {
        TokenStore store = tokenStore();
        TokenSet stored = store.put(ALICE, tokens("a"));
        List<TokenSet> seen = new ArrayList<>();

        TokenSet result = store.refreshExclusively(ALICE, current -> {
            seen.add(current);
            return tokens("fresh");
        });

        assertThat(seen).containsExactly(stored);
        assertThat(result).isEqualTo(tokens("fresh").withVersion(2));
        assertThat(store.find(ALICE)).contains(tokens("fresh").withVersion(2));
    }

    @Test
    void refreshExclusivelyWritesNothingWhenTheStepKeepsTheCurrentSet() {
        TokenStore store = tokenStore();
        TokenSet stored = store.put(ALICE, tokens("a"));

        TokenSet result = store.refreshExclusively(ALICE, current -> current);

        assertThat(result).isEqualTo(stored);
        assertThat(store.find(ALICE)).contains(stored);
        // Had the kept set been written, the version would have moved and this swap would lose.
        assertThat(store.compareAndSwap(ALICE, 1, tokens("next"))).isPresent();
    }

    @Test
    void refreshExclusivelyWritesNothingWhenTheStepThrows() {
        TokenStore store = tokenStore();
        TokenSet stored = store.put(ALICE, tokens("a"));
        IllegalStateException failure = new IllegalStateException("platform said invalid_grant");

        assertThatThrownBy(() -> store.refreshExclusively(ALICE, current -> {
            throw failure;
        })).isSameAs(failure);
        assertThat(store.find(ALICE)).contains(stored);
        // The hold was released: another refresh goes through.
        assertThat(store.refreshExclusively(ALICE, current -> tokens("later")).version()).isEqualTo(2);
    }

    @Test
    void refreshExclusivelyWithoutTokensIsRefused() {
        TokenStore store = tokenStore();
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> store.refreshExclusively(ALICE, current -> {
            calls.incrementAndGet();
            return tokens("x");
        })).isInstanceOf(NoSuchElementException.class);
        assertThat(calls).hasValue(0);
        assertThat(store.find(ALICE)).isEmpty();
    }

    @Test
    void concurrentRefreshesCallThePlatformOnceAndAllEndWithTheWinnersTokens() throws Exception {
        TokenStore store = tokenStore();
        TokenSet first = store.put(ALICE, tokens("a"));
        AtomicInteger platformCalls = new AtomicInteger();

        List<TokenSet> results = Concurrently.run(6, i -> store.refreshExclusively(ALICE, current -> {
            if (!current.sameTokensAs(first)) {
                return current; // someone else already refreshed: use theirs
            }
            platformCalls.incrementAndGet();
            pause(50); // widen the window in which a broken hold would let another caller in
            return tokens("rotated-by-" + i);
        }));

        assertThat(platformCalls).hasValue(1);
        TokenSet winner = store.find(ALICE).orElseThrow();
        assertThat(winner.version()).isEqualTo(2);
        assertThat(results).allSatisfy(r -> assertThat(r).isEqualTo(winner));
    }

    @Test
    void aHeldRefreshDoesNotBlockAnotherAccount() throws Exception {
        TokenStore store = tokenStore();
        store.put(ALICE, tokens("a"));
        store.put(BOB, tokens("b"));
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<TokenSet> alice = pool.submit(() -> store.refreshExclusively(ALICE, current -> {
                holding.countDown();
                await(release);
                return tokens("a2");
            }));
            assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();

            assertThat(store.refreshExclusively(BOB, current -> tokens("b2"))).isEqualTo(tokens("b2").withVersion(2));
            release.countDown();
            assertThat(alice.get(30, TimeUnit.SECONDS)).isEqualTo(tokens("a2").withVersion(2));
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void deleteForgetsTheTokensAndAFreshPutStartsAgainAtOne() {
        TokenStore store = tokenStore();
        store.put(ALICE, tokens("a"));
        store.put(ALICE, tokens("a2"));
        store.put(BOB, tokens("b"));

        store.delete(ALICE);
        store.delete(ALICE);

        assertThat(store.find(ALICE)).isEmpty();
        assertThat(store.find(BOB)).contains(tokens("b").withVersion(1));
        assertThat(store.put(ALICE, tokens("again")).version()).isEqualTo(1);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
