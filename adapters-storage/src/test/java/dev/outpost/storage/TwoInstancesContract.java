package dev.outpost.storage;

import static dev.outpost.ports.storage.StoreFixtures.accountId;
import static dev.outpost.ports.storage.StoreFixtures.tokens;
import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.domain.account.AccountId;
import dev.outpost.domain.auth.TokenSet;
import dev.outpost.domain.post.PublicationId;
import dev.outpost.ports.storage.Await;
import dev.outpost.ports.storage.Concurrently;
import dev.outpost.ports.storage.Stores;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two instances (two pools, two schedulers) on one database, as two Outpost processes or servers would be: a token
 * rotation happens once and both keep the winner's tokens; a due job runs once.
 */
abstract class TwoInstancesContract {
    private static final AccountId ALICE = accountId("7001");

    private Stores first;
    private Stores second;

    /** Opens one more instance on the database this test class shares between its instances. */
    protected abstract Stores openInstance(Clock clock);

    @BeforeEach
    void openBoth() {
        first = openInstance(Clock.systemUTC());
        TestStores.clear(first);
        second = openInstance(Clock.systemUTC());
    }

    @AfterEach
    void closeBoth() {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
    }

    @Test
    void racingRefreshesOnTwoInstancesCallThePlatformOnceAndBothKeepTheWinnersTokens() throws Exception {
        TokenSet original = first.tokens().put(ALICE, tokens("original"));
        AtomicInteger platformCalls = new AtomicInteger();
        List<Stores> instances = List.of(first, second);

        List<TokenSet> results = Concurrently.run(6, i -> instances.get(i % 2).tokens().refreshExclusively(ALICE,
                current -> {
                    if (!current.sameTokensAs(original)) {
                        return current; // the other instance (or thread) rotated already: use its tokens
                    }
                    platformCalls.incrementAndGet();
                    sleep(100); // the platform takes its time; a broken lock lets the others in meanwhile
                    return tokens("rotated-by-" + i);
                }));

        assertThat(platformCalls).hasValue(1);
        TokenSet winner = first.tokens().find(ALICE).orElseThrow();
        assertThat(winner.version()).isEqualTo(2);
        assertThat(second.tokens().find(ALICE)).contains(winner);
        assertThat(results).allSatisfy(r -> assertThat(r).isEqualTo(winner));
    }

    @Test
    void racingPutIfAbsentOnTwoInstancesHasOneWinnerWhoseValueBothRead() throws Exception {
        List<Stores> instances = List.of(first, second);

        List<String> results = Concurrently.run(8, i -> instances.get(i % 2).secrets()
                .putIfAbsent("example", "client:social.example", "registration-" + i));

        assertThat(new HashSet<>(results)).hasSize(1);
        assertThat(first.secrets().get("example", "client:social.example")).contains(results.get(0));
        assertThat(second.secrets().get("example", "client:social.example")).contains(results.get(0));
    }

    @Test
    void aDueJobRunsOnceWithBothSchedulersPolling() {
        Map<PublicationId, AtomicInteger> runs = new ConcurrentHashMap<>();
        List<PublicationId> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            PublicationId id = new PublicationId("race-" + i);
            ids.add(id);
            (i % 2 == 0 ? first : second).jobs().schedule(id, Clock.systemUTC().instant());
        }
        first.jobs().start(id -> record(runs, id));
        second.jobs().start(id -> record(runs, id));

        Await.until("every job ran", () -> ids.stream().allMatch(runs::containsKey));
        // One more job, run after the others, gives both pollers time to pick a job twice if they could.
        PublicationId last = new PublicationId("race-last");
        first.jobs().schedule(last, Clock.systemUTC().instant());
        Await.until("the last job ran", () -> runs.containsKey(last));
        second.jobs().schedule(new PublicationId("race-last-2"), Clock.systemUTC().instant());
        Await.until("the other last job ran", () -> runs.containsKey(new PublicationId("race-last-2")));

        assertThat(runs).allSatisfy((id, count) -> assertThat(count).as(id.value()).hasValue(1));
        assertThat(runs).hasSize(14);
    }

    private static void record(Map<PublicationId, AtomicInteger> runs, PublicationId id) {
        runs.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        sleep(20);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
