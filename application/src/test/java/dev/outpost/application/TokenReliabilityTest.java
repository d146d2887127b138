package dev.outpost.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outpost.domain.account.Account;
import dev.outpost.domain.account.AccountId;
import dev.outpost.domain.account.AccountStatus;
import dev.outpost.domain.auth.TokenSet;
import dev.outpost.domain.upload.ProcessingStatus;
import dev.outpost.domain.upload.UploadId;
import dev.outpost.domain.upload.UploadTarget;
import dev.outpost.ports.platform.TestMedia;
import dev.outpost.ports.platform.fake.Faults;
import dev.outpost.ports.platform.fake.Operation;
import dev.outpost.ports.storage.TokenStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RELIABILITY.md's token rows, A1 to A4. */
class TokenReliabilityTest {
    @TempDir
    Path dir;

    private Engine engine;
    private Account account;

    @BeforeEach
    void setUp() {
        engine = Engine.start();
        account = engine.connect();
    }

    @Test
    @DisplayName("A1: a 401 in the middle of an upload refreshes once and repeats the request once")
    void a1_unauthorizedMidUpload() {
        engine.platform.processingScript(ProcessingStatus.succeeded());
        var video = TestMedia.mp4(dir, "clip.mp4", 10_000_000, 3);
        engine.platform.failAppend(1, Faults.unauthorized());

        engine.core.uploader().upload(new UploadTarget(new UploadId("u"), account.id(), video),
                MediaUploader.Reporting.none());

        assertThat(engine.platform.calls(Operation.REFRESH)).hasSize(1);
        assertThat(engine.platform.calls(Operation.APPEND).stream().filter(c -> c.segmentIndex() == 1)).hasSize(2);
        assertThat(engine.stores.tokens().find(account.id()).orElseThrow().version()).isEqualTo(2);
    }

    @Test
    @DisplayName("A1: a second 401 after the refresh asks the user to reconnect instead of looping")
    void a1_secondUnauthorizedStops() {
        engine.platform.failNext(Operation.PUBLISH, 2, Faults.unauthorized());

        assertThatThrownBy(() -> engine.core.accessTokens().call(account.id(), token ->
                engine.platform.postPublisher().publish(token, new dev.outpost.ports.platform.PostRequest("hi",
                        List.of(), null))))
                .isInstanceOfSatisfying(OutpostException.class, e ->
                        assertThat(e.kind()).isEqualTo(OutpostException.Kind.RECONNECT_NEEDED));
        assertThat(engine.platform.calls(Operation.REFRESH)).hasSize(1);
        assertThat(engine.platform.calls(Operation.PUBLISH)).hasSize(2);
    }

    @Test
    @DisplayName("A2: eight threads needing a refresh at once make one call to the token endpoint")
    void a2_concurrentRefreshIsSingleFlight() throws Exception {
        engine.clock.advance(Duration.ofHours(3));
        String before = engine.stores.tokens().find(account.id()).orElseThrow().accessToken();

        List<String> tokens = inParallel(8, () -> engine.core.accessTokens().current(account.id()));

        assertThat(engine.platform.calls(Operation.REFRESH)).hasSize(1);
        assertThat(tokens).doesNotContain(before).containsOnly(tokens.get(0));
    }

    @Test
    @DisplayName("A2: two instances on one store refresh once and both use the winner's token")
    void a2_twoInstancesRefreshOnce() throws Exception {
        Engine other = engine.restart();
        engine.clock.advance(Duration.ofHours(3));

        List<String> tokens = inParallel(8, () -> (Thread.currentThread().getId() % 2 == 0 ? engine : other)
                .core.accessTokens().current(account.id()));

        assertThat(engine.platform.calls(Operation.REFRESH)).hasSize(1);
        assertThat(tokens).containsOnly(engine.stores.tokens().find(account.id()).orElseThrow().accessToken());
    }

    @Test
    @DisplayName("A3: a lost token chain marks the account 'reconnect needed' and nothing loops")
    void a3_lostChain() {
        engine.platform.revokeRefreshTokens();
        engine.clock.advance(Duration.ofHours(3));

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> engine.core.accessTokens().current(account.id()))
                    .isInstanceOfSatisfying(OutpostException.class, e ->
                            assertThat(e.kind()).isEqualTo(OutpostException.Kind.RECONNECT_NEEDED));
        }
        assertThat(engine.stores.accounts().find(account.id()).orElseThrow().status())
                .isEqualTo(AccountStatus.NEEDS_RECONNECT);
        assertThat(engine.platform.calls(Operation.REFRESH)).hasSize(1);
        assertThat(engine.stores.tokens().find(account.id())).isPresent();
    }

    @Test
    @DisplayName("A3: the new pair is stored before it is used")
    void a3_storedBeforeUse() {
        engine.clock.advance(Duration.ofHours(3));

        String token = engine.core.accessTokens().current(account.id());

        assertThat(engine.stores.tokens().find(account.id()).orElseThrow().accessToken()).isEqualTo(token);
    }

    @Test
    @DisplayName("A4: invalid_grant after another worker rotated: re-read, use the winner's token, keep its row")
    void a4_anotherWorkerRotated() {
        engine.clock.advance(Duration.ofHours(3));
        TokenStore racing = new RacingTokenStore(engine.stores.tokens(), engine.platform.authorizer());
        AccessTokens tokens = new AccessTokens(racing, engine.stores.accounts(), engine.platforms, engine.clock);

        String used = tokens.current(account.id());

        TokenSet stored = engine.stores.tokens().find(account.id()).orElseThrow();
        assertThat(used).isEqualTo(stored.accessToken());
        assertThat(engine.stores.accounts().find(account.id()).orElseThrow().status())
                .isEqualTo(AccountStatus.CONNECTED);
    }

    @Test
    @DisplayName("A4: the winner's fresh token found under the hold is used without calling the platform")
    void a4_freshTokenUnderHold() {
        engine.clock.advance(Duration.ofHours(3));
        TokenSet stale = engine.stores.tokens().find(account.id()).orElseThrow();
        // Another instance refreshed between our read and our hold.
        TokenSet winner = engine.stores.tokens().refreshExclusively(account.id(),
                current -> engine.platform.authorizer().refresh(current));
        int refreshes = engine.platform.calls(Operation.REFRESH).size();

        String used = engine.core.accessTokens().refreshRejected(account.id(), stale.accessToken());

        assertThat(used).isEqualTo(winner.accessToken());
        assertThat(engine.platform.calls(Operation.REFRESH)).hasSize(refreshes);
    }

    private static <T> List<T> inParallel(int threads, Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> out = new java.util.ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * A store whose exclusive refresh loses a race it should not be able to lose (a lock that timed out): another
     * worker rotates and stores first, then our refresh is refused by the platform.
     */
    private static final class RacingTokenStore implements TokenStore {
        private final TokenStore delegate;
        private final dev.outpost.ports.platform.Authorizer authorizer;

        RacingTokenStore(TokenStore delegate, dev.outpost.ports.platform.Authorizer authorizer) {
            this.delegate = delegate;
            this.authorizer = authorizer;
        }

        @Override
        public Optional<TokenSet> find(AccountId account) {
            return delegate.find(account);
        }

        @Override
        public TokenSet put(AccountId account, TokenSet tokens) {
            return delegate.put(account, tokens);
        }

        @Override
        public Optional<TokenSet> compareAndSwap(AccountId account, long expectedVersion, TokenSet next) {
            return delegate.compareAndSwap(account, expectedVersion, next);
        }

        @Override
        public TokenSet refreshExclusively(AccountId account, Refresh refresh) {
            TokenSet ours = delegate.find(account).orElseThrow();
            TokenSet winner = authorizer.refresh(ours);
            delegate.compareAndSwap(account, ours.version(), winner);
            // Our own attempt now uses the rotated-away refresh token.
            return refresh.apply(ours);
        }

        @Override
        public void delete(AccountId account) {
            delegate.delete(account);
        }
    }
}
