package dev.outpost.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outpost.domain.account.Account;
import dev.outpost.domain.account.AccountId;
import dev.outpost.domain.account.AccountStatus;
import dev.outpost.domain.auth.TokenSet;
import dev.outpost.domain.post.Publication;
import dev.outpost.domain.post.PublicationState;
import dev.outpost.ports.platform.AccountAccess;
import dev.outpost.ports.platform.Authorizer;
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
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RELIABILITY.md's token rows, A1 to A4, for every shape whose credentials can be renewed; B1 (an expiry answered by
 * name, not by status) and M4 (credentials that never expire, revoked) for the shapes they belong to.
 */
class TokenReliabilityTest {
    @TempDir
    Path dir;

    private DraftInput imagePost() {
        return new DraftInput("with a token", List.of(new DraftInput.Attachment(
                TestMedia.png(dir, "t.png", 12, 12).path(), null)), null, null);
    }

    @ParameterizedTest
    @MethodSource("dev.outpost.application.Scenarios#shapesThatRefresh")
    @DisplayName("A1: credentials refused in the middle of an upload are renewed once and the request repeated once")
    void a1_unauthorizedMidUpload(Shape shape) {
        Engine engine = Engine.start(shape);
        Account account = engine.connect();
        engine.platform.failNext(Operation.UPLOAD, Faults.unauthorized());

        Publication done = engine.publishNow(account, imagePost());

        assertThat(done.state()).as(done.failure()).isEqualTo(PublicationState.PUBLISHED);
        assertThat(engine.platform.count(Operation.REFRESH)).isEqualTo(1);
        assertThat(engine.platform.count(Operation.UPLOAD)).isEqualTo(2);
        assertThat(engine.stores.tokens().find(account.id()).orElseThrow().version()).isEqualTo(2);
    }

    @ParameterizedTest
    @MethodSource("dev.outpost.application.Scenarios#shapesThatRefresh")
    @DisplayName("A1/B1: expired credentials, however the platform says so, are renewed and the post goes out")
    void a1_expiredCredentialsRenewed(Shape shape) {
        Engine engine = Engine.start(shape);
        Account account = engine.connect();
        engine.platform.expireAccessTokens();

        Publication done = engine.publishNow(account, imagePost());

        assertThat(done.state()).as(done.failure()).isEqualTo(PublicationState.PUBLISHED);
        assertThat(engine.platform.count(Operation.REFRESH)).isEqualTo(1);
        assertThat(engine.platform.posts()).hasSize(1);
    }

    @ParameterizedTest
    @MethodSource("dev.outpost.application.Scenarios#shapesThatRefresh")
    @DisplayName("A1: a second refusal after the renewal asks the user to reconnect instead of looping")
    void a1_secondUnauthorizedStops(Shape shape) {
        Engine engine = Engine.start(shape);
        Account account = engine.connect();
        engine.platform.failNext(Operation.PUBLISH, 2, Faults.unauthorized());

        PublicationRunner.Outcome outcome = engine.core.runner().runDetailed(engine.core.publications()
                .createForImmediateRun(account.id(), new DraftInput("hi", List.of(), null, null)).id());

        assertThat(outcome.failureKind()).isEqualTo(OutpostException.Kind.RECONNECT_NEEDED);
        assertThat(engine.platform.count(Operation.REFRESH)).isEqualTo(1);
        assertThat(engine.platform.count(Operation.PUBLISH)).isEqualTo(2);
        assertThat(engine.core.accounts().get(account.id()).status()).isEqualTo(AccountStatus.NEEDS_RECONNECT);
    }

    @ParameterizedTest
    @MethodSource("dev.outpost.application.Scenarios#shapesThatRefresh")
    @DisplayName("A2: eight threads needing a renewal at once make one call to the platform")
    void a2_concurrentRefreshIsSingleFlight(Shape shape) throws Exception {
        Engine engine = Engine.start(shape);
        Account account = engine.connect();
        engine.platform.expireAccessTokens();
        engine.clock.advance(Duration.ofHours(3));
        String before = engine.stores.tokens().find(account.id()).orElseThrow().accessToken();
        AccessTokens tokens = engine.accessTokens();

        List<String> used = inParallel(8, () -> tokens.current(account).accessToken());

        assertThat(engine.platform.count(Operation.REFRESH)).isEqualTo(1);
        assertThat(used).doesNotContain(before).containsOnly(used.get(0));
    }

    @ParameterizedTest
    @MethodSource("dev.outpost.application.Scenarios#shapesThatRefresh")
    @DisplayName("A2: two instances on one store renew once and both use the winner's credentials")
    void a2_twoInstancesRefreshOnce(Shape shape) throws Exception {
        Engine engine = Engine.start(shape);
        Account account = engine.connect();
        Engine other = engine.restart();
        engine.clock.advance(Duration.ofHours(3));
        AccessTokens mine = engine.accessTokens();
        AccessTokens theirs = other.accessTokens();

        List<String> used = inParallel(8, () -> (Thread.currentThread().getId() % 2 == 0 ? mine : theirs)
                .current(account).accessToken());

        assertThat(engine.platform.count(Operation.REFRESH)).isEqualTo(1);
        assertThat(used).containsOnly(engine.stores.tokens().find(account.id()).orElseThrow().accessToken());
    }

    @ParameterizedTest
    @MethodSource("dev.outpost.application.Scenarios#shapesThatRefresh")
    @DisplayName("A3: a lost chain marks the account 'reconnect needed', keeps its credentials, and nothing loops")
    void a3_lostChain(Shape shape) {
        Engine engine = Engine.start(shape);
        Account account = engine.connect();
        engine.platform.revokeTokens();
        engine.clock.advance(Duration.ofHours(3));
        AccessTokens tokens = engine.accessTokens();

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> tokens.call(account, access -> engine.platform.whoIs(access)))
                    .isInstanceOfSatisfying(OutpostException.class, e ->
                            assertThat(e.kind()).isEqualTo(OutpostException.Kind.RECONNECT_NEEDED));
        }
        assertThat(engine.core.accounts().get(account.id()).status()).isEqualTo(AccountStatus.NEEDS_RECONNECT);
        assertThat(engine.platform.count(Operation.REFRESH)).isLessThanOrEqualTo(1);
        assertThat(engine.stores.tokens().find(account.id())).isPresent();
    }

    @ParameterizedTest
    @MethodSource("dev.outpost.application.Scenarios#shapesThatRefresh")
    @DisplayName("A3: the new credentials are stored before they are used")
    void a3_storedBeforeUse(Shape shape) {
        Engine engine = Engine.start(shape);
        Account account = engine.connect();
        engine.platform.expireAccessTokens();
        engine.clock.advance(Duration.ofHours(3));
        AccessTokens tokens = engine.accessTokens();

        String used = tokens.call(account, access -> {
            engine.platform.whoIs(access);
            return access.accessToken();
        });

        assertThat(engine.stores.tokens().find(account.id()).orElseThrow().accessToken()).isEqualTo(used);
    }

    @ParameterizedTest
    @MethodSource("dev.outpost.application.Scenarios#shapesWhoseRefreshTokenDies")
    @DisplayName("A4: a renewal refused after another worker rotated: re-read, use the winner's credentials, keep its row")
    void a4_anotherWorkerRotated(Shape shape) {
        Engine engine = Engine.start(shape);
        Account account = engine.connect();
        engine.clock.advance(Duration.ofHours(3));
        Authorizer authorizer = engine.platform.plugin().authorizer(engine.platform.context());
        TokenStore racing = new RacingTokenStore(engine.stores.tokens(), authorizer, account);
        AccessTokens tokens = new AccessTokens(racing, engine.stores.accounts(), engine.platforms, engine.clock);

        TokenSet used = tokens.current(account);

        TokenSet stored = engine.stores.tokens().find(account.id()).orElseThrow();
        assertThat(used.accessToken()).isEqualTo(stored.accessToken());
        assertThat(engine.core.accounts().get(account.id()).status()).isEqualTo(AccountStatus.CONNECTED);
    }

    @ParameterizedTest
    @MethodSource("dev.outpost.application.Scenarios#shapes")
    @DisplayName("M4: credentials revoked by the user: 'reconnect needed' at the first refusal, nothing loops")
    void m4_revokedCredentials(Shape shape) {
        Engine engine = Engine.start(shape);
        Account account = engine.connect();
        engine.platform.revokeTokens();

        PublicationRunner.Outcome outcome = engine.core.runner().runDetailed(engine.core.publications()
                .createForImmediateRun(account.id(), new DraftInput("revoked", List.of(), null, null)).id());

        assertThat(outcome.publication().state()).isEqualTo(PublicationState.FAILED);
        assertThat(outcome.failureKind()).isEqualTo(OutpostException.Kind.RECONNECT_NEEDED);
        assertThat(engine.core.accounts().get(account.id()).status()).isEqualTo(AccountStatus.NEEDS_RECONNECT);
        assertThat(engine.platform.posts()).isEmpty();
        assertThat(engine.platform.count(Operation.PUBLISH)).isLessThanOrEqualTo(2);
        assertThat(engine.platform.count(Operation.REFRESH)).isLessThanOrEqualTo(1);
        // A later post is refused before the platform is asked again.
        int calls = engine.platform.calls().size();
        assertThatThrownBy(() -> engine.core.publications().createForImmediateRun(account.id(),
                new DraftInput("again", List.of(), null, null)))
                .isInstanceOfSatisfying(OutpostException.class, e ->
                        assertThat(e.kind()).isEqualTo(OutpostException.Kind.RECONNECT_NEEDED));
        assertThat(engine.platform.calls()).hasSize(calls);
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
     * worker renews and stores first, then our renewal is refused by the platform.
     */
    private static final class RacingTokenStore implements TokenStore {
        private final TokenStore delegate;
        private final Authorizer authorizer;
        private final Account account;

        RacingTokenStore(TokenStore delegate, Authorizer authorizer, Account account) {
            this.delegate = delegate;
            this.authorizer = authorizer;
            this.account = account;
        }

        @Override
        public Optional<TokenSet> find(AccountId id) {
            return delegate.find(id);
        }

        @Override
        public TokenSet put(AccountId id, TokenSet tokens) {
            return delegate.put(id, tokens);
        }

        @Override
        public Optional<TokenSet> compareAndSwap(AccountId id, long expectedVersion, TokenSet next) {
            return delegate.compareAndSwap(id, expectedVersion, next);
        }

        @Override
        public TokenSet refreshExclusively(AccountId id, Refresh refresh) {
            TokenSet ours = delegate.find(id).orElseThrow();
            TokenSet winner = authorizer.refresh(new AccountAccess(account, ours));
            delegate.compareAndSwap(id, ours.version(), winner);
            // Our own attempt now uses the rotated-away refresh token.
            return refresh.apply(ours);
        }

        @Override
        public void delete(AccountId id) {
            delegate.delete(id);
        }
    }
}
